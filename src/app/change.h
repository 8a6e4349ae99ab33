// What every use case of app/ shares: where it writes (Services), and how
// a change commits (Change): the body's typed writes and the audit record
// in ONE store transaction (storage/unit_of_work.h), then the record is
// chained. A change and its audit record commit together or not at all.
#ifndef OPKOMST_APP_CHANGE_H_
#define OPKOMST_APP_CHANGE_H_

#include <functional>

#include "app/audit.h"
#include "base/status.h"
#include "domain/codebook.h"
#include "domain/messages.h"
#include "storage/store.h"

namespace opkomst::storage {
class UnitOfWork;
}

namespace opkomst::app {

// Where a use case writes: the store, its codebook, and the audit log that
// chains the outbox after the commit (nullptr: leave it to the next drain).
struct Services {
  Store& store;
  const Codebook& codebook;
  AuditLog* audit = nullptr;
  // Where a use case puts the rules a command breaks (domain/record_rules.h;
  // rule ids from the message catalogue) when it answers kInvalidInput.
  Findings* findings = nullptr;
};

// kInvalidInput for `broken` (not empty), copied into services.findings.
Status Refuse(const Services& services, const Findings& broken);

// Runs `body` and `audit` (neutralised by AuditSafe, outcome "ok") in one
// transaction, then chains the record. After the commit a failure to chain
// only delays it (the record waits in the outbox), so the call succeeds.
Status Change(const Services& services, const AuditEvent& audit,
              const std::function<Status(storage::UnitOfWork&)>& body);

// As Change, for a conditional change: when `body` answers false nothing
// is written, not even the audit record, and the answer is false.
StatusOr<bool> ChangeIf(const Services& services, const AuditEvent& audit,
                        const std::function<StatusOr<bool>(storage::UnitOfWork&)>& body);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_CHANGE_H_
