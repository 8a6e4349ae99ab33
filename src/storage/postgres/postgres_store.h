// The PostgreSQL backend for shared deployments (libpq). Bulk imports use
// COPY inside one transaction; single-dossier changes use parameterised
// statements with optimistic version checks.
#ifndef OPKOMST_STORAGE_POSTGRES_POSTGRES_STORE_H_
#define OPKOMST_STORAGE_POSTGRES_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "storage/store.h"

namespace opkomst {

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const Codebook& codebook,
                                                   const OpenOptions& options);

// "postgresql://user:secret@host/db" -> "postgresql://user@host/db".
std::string RedactUrl(const std::string& url);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_POSTGRES_POSTGRES_STORE_H_
