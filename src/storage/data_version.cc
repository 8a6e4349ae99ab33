#include "storage/data_version.h"

#include "domain/text.h"
#include "storage/sql.h"

namespace opkomst::team {

StatusOr<int64_t> DataVersion(Store& store) {
  OPKOMST_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           storage::SqlAccess::Query(store, "SELECT counter FROM data_version WHERE id = 1"));
  if (rows.empty() || rows.front().empty() || !rows.front()[0]) return Internal("the data version row is missing");
  auto counter = ParseInteger(*rows.front()[0]);
  if (!counter) return Internal("the data version is unreadable: '" + *rows.front()[0] + "'");
  return *counter;
}

}  // namespace opkomst::team
