// The SQLite side of Store::ScanBulk.
#ifndef OPKOMST_STORAGE_SQLITE_SQLITE_BULK_H_
#define OPKOMST_STORAGE_SQLITE_SQLITE_BULK_H_

#include <sqlite3.h>

#include <functional>
#include <string>

#include "storage/store.h"

namespace opkomst {

// Reads the dossiers on `db` and the measurements on a second connection to
// the file at `path`, at the same time. A third connection holds the write
// lock while both read transactions begin, so no change can commit in
// between and both see the same state; it lets go before the scans run.
// `rest` runs on `db` after the dossiers, in the same read transaction.
Status SqliteScanBulk(sqlite3* db, const std::string& path, const Store::BulkVisitors& visit,
                      const std::function<Status()>& rest);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_SQLITE_SQLITE_BULK_H_
