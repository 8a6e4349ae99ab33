// The embedded SQLite backend: WAL, synchronous=FULL, foreign keys on, and
// a single connection guarded by a mutex, so there is exactly one writer
// (SQLite 3.40 has a known WAL bug with several concurrent writers).
#ifndef OPKOMST_STORAGE_SQLITE_SQLITE_STORE_H_
#define OPKOMST_STORAGE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "storage/store.h"

namespace opkomst {

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Codebook& codebook,
                                                 const OpenOptions& options);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_SQLITE_SQLITE_STORE_H_
