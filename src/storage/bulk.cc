#include "storage/bulk.h"

#include <thread>

namespace opkomst {

Status RunSideBySide(const BulkScan& here, const BulkScan& there) {
  std::atomic<bool> here_failed{false}, there_failed{false};
  Status there_status;
  std::thread second([&] {
    there_status = there(here_failed);
    if (!there_status.ok()) there_failed = true;
  });
  Status here_status = here(there_failed);
  if (!here_status.ok()) here_failed = true;
  second.join();
  // A scan stopped because the other failed reports Ok or its own error;
  // the cause is the one that failed on its own.
  if (!here_status.ok() && !there_failed) return here_status;
  if (!there_status.ok()) return there_status;
  return here_status;
}

std::string BulkDossierSelect() {
  std::string list;
  for (DossierColumn column : kBulkDossierColumns) list += (list.empty() ? "" : ", ") + std::string(ColumnName(column));
  return "SELECT " + list + " FROM dossier";
}

Status UnreadableStored(std::string_view table, std::string_view id, std::string_view column, std::string_view value) {
  return Incompatible("stored " + std::string(table) + " " + std::string(id) + " has an unreadable " +
                      std::string(column) + " '" + std::string(value.substr(0, 40)) + "'");
}

}  // namespace opkomst
