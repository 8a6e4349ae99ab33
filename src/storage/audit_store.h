// The audit trail's tables, typed: the hash chain (audit_log, append-only)
// and the outbox of change events (audit_outbox, in the main database).
//
// A change writes its event to the outbox in its own transaction
// (storage/unit_of_work.h). The audit writer (web/audit.h) then appends
// outbox events to the chain and clears them. On SQLite the chain lives in
// a file of its own, so chaining and clearing are two transactions: the
// chain keeps each event's outbox key (unique), and AppendToChain skips a
// key it already holds, so a crash between the two chains nothing twice.
#ifndef OPKOMST_STORAGE_AUDIT_STORE_H_
#define OPKOMST_STORAGE_AUDIT_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/store.h"
#include "storage/team.h"

namespace opkomst::storage {

struct AuditEntry {
  std::string outbox_key;  // empty for events that never went through the outbox (reads)
  std::string at, account, role, action, dossier_id, outcome, detail;
};

// Computes a chain row's hash from its fields and the previous row's hash.
using AuditHasher = std::function<std::string(const team::AuditRow&)>;

// Appends `entries` after the chain's last row, in one transaction and
// under the chain's lock (other servers on one PostgreSQL database append
// too). Entries whose outbox key the chain already holds are skipped.
// `genesis` is the previous hash of the first row.
Status AppendToChain(Store& chain, const std::vector<AuditEntry>& entries, const std::string& genesis,
                     const AuditHasher& hash);

// The oldest `limit` events waiting in the outbox of `main`, oldest first.
StatusOr<std::vector<AuditEntry>> ReadOutbox(Store& main, int limit);
// Removes chained events from the outbox.
Status ClearOutbox(Store& main, const std::vector<AuditEntry>& chained);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_AUDIT_STORE_H_
