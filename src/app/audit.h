// The append-only audit trail: every view, search, creation, change and
// export of a dossier, and every sign-in, as one row chained to the one
// before by SHA-256, so a changed, removed or inserted row breaks the chain.
// Rows never hold the sensitive values themselves.
//
// Reads (and refusals) are group-committed: Record() queues the event and
// waits until a background writer has committed it together with whatever
// else arrived meanwhile (one transaction and one fsync for many requests).
//
// Changes never go through Record(): their event is written to the outbox
// of the main database in the change's own transaction
// (storage/unit_of_work.h). The writer moves outbox events into the chain
// when asked (Drain(), after every change) and once at start-up, so an
// event that a crash left in the outbox is chained by the next start.
#ifndef OPKOMST_APP_AUDIT_H_
#define OPKOMST_APP_AUDIT_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "base/status.h"
#include "storage/audit_store.h"
#include "storage/store.h"
#include "storage/team.h"

namespace opkomst::app {

struct AuditEvent {
  std::string account, role, action, dossier_id, outcome, detail;
};

// Where the audit log lives for a database URL. PostgreSQL: the same
// database. SQLite: a file of its own beside the data ("PATH-audit"),
// because every write to a file makes SQLite drop the page cache of every
// other connection to it, and every request writes an audit row.
std::string AuditUrl(const std::string& db_url);

// The longest field an audit row stores, in bytes (before the escaping
// below adds its few characters).
inline constexpr size_t kAuditFieldMax = 512;

// `text` fit for an audit row: every control character (C0, DEL, C1) and
// every byte of broken UTF-8 written as the four characters \xNN, and cut
// at kAuditFieldMax bytes on a character boundary. Without it, user input
// (a user name tried at sign-in) could carry the hash's field separator
// 0x1F, or a NUL or broken UTF-8 that PostgreSQL refuses, failing the whole
// group commit with every other request's row in it.
std::string AuditSafe(std::string_view text);
AuditEvent AuditSafe(const AuditEvent& event);

// The hash of a row given the previous row's hash.
std::string AuditHash(const team::AuditRow& row);

class AuditLog {
 public:
  // `chain` holds the hash chain (AuditUrl), `main` the outbox of changes
  // (nullptr: no outbox, reads only). Both must outlive the log. The
  // writer thread first drains whatever the outbox holds.
  AuditLog(Store* chain, Store* main = nullptr);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Returns once the event is durable (or the write failed).
  Status Record(const AuditEvent& event);
  // Moves every event waiting in the outbox into the chain; returns once
  // they are chained (or the write failed: they stay in the outbox).
  Status Drain();

 private:
  struct Pending {
    std::optional<AuditEvent> event;  // nullopt: a drain request
    Status result;
    bool done = false;
  };
  void WriterLoop();
  Status WriteBatch(std::deque<Pending*>& batch);

  Status Submit(Pending& pending);
  Store* chain_;
  Store* main_;
  std::mutex mutex_;
  std::condition_variable work_, finished_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

struct AuditVerification {
  int64_t rows = 0;
  std::string problem;  // empty if the chain is intact
  int64_t first_bad_seq = 0;
};
// Moves the outbox of `main` into the chain of `chain` (what AuditLog
// does at start-up and on Drain()).
Status DrainAuditOutbox(Store& main, Store& chain);

// Reads the whole log in order and checks sequence numbers and hashes.
StatusOr<AuditVerification> VerifyAudit(Store& store);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_AUDIT_H_
