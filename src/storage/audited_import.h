// An import (Store::BeginImport) committed together with its audit record:
// the event goes into the audit outbox (storage/audit_store.h) in the
// import's own transaction, so both commit or neither. Apart from store.h
// so that only the import use case (app/transfer.cc) depends on it.
#ifndef OPKOMST_STORAGE_AUDITED_IMPORT_H_
#define OPKOMST_STORAGE_AUDITED_IMPORT_H_

#include "base/status.h"
#include "storage/audit_store.h"
#include "storage/store.h"

namespace opkomst::storage {

// Commits `import` (made by Store::BeginImport) with `audit` in its outbox.
Status CommitAudited(ImportTransaction& import, const AuditEntry& audit);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_AUDITED_IMPORT_H_
