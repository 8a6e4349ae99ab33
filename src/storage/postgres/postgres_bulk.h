// The PostgreSQL side of Store::ScanBulk.
#ifndef OPKOMST_STORAGE_POSTGRES_POSTGRES_BULK_H_
#define OPKOMST_STORAGE_POSTGRES_POSTGRES_BULK_H_

#include <libpq-fe.h>

#include <functional>
#include <string>

#include "storage/store.h"

namespace opkomst {

// Reads the dossiers on `conn` and the measurements on a second connection
// to `url` (made while the dossiers stream), at the same time, as binary COPY (no dates or numbers turned
// into text and back). The second connection imports the first one's
// snapshot, so both read the same state; without a second connection both
// scans run one after the other on `conn`, in one transaction.
// `settings` are the statements every connection of the store starts with.
// `rest` runs on `conn` after the dossiers, in the same snapshot.
Status PostgresScanBulk(PGconn* conn, const std::string& url, const char* settings, const Store::BulkVisitors& visit,
                        const std::function<Status()>& rest);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_POSTGRES_POSTGRES_BULK_H_
