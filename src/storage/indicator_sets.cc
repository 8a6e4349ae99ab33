#include "storage/indicator_sets.h"

#include "storage/sql.h"

namespace opkomst::team {

StatusOr<std::vector<StoredIndicatorSetVersion>> ListIndicatorSetVersions(Store& store, const std::string& set_id) {
  auto rows = storage::SqlAccess::Query(store,
                                        "SELECT version, definition, created_at, created_by FROM "
                                        "indicator_set_version WHERE set_id = ? ORDER BY version",
                                        {set_id});
  if (!rows.ok()) return rows.status();
  std::vector<StoredIndicatorSetVersion> out;
  for (const SqlRow& r : *rows)
    out.push_back(
        {static_cast<int>(std::stoll(r[0].value_or("0"))), r[1].value_or(""), r[2].value_or(""), r[3].value_or("")});
  return out;
}

}  // namespace opkomst::team
