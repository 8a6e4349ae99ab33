// "These typed writes and this audit event, atomically": the storage
// primitive of the application layer (src/app/). Atomically() runs the
// body's writes in ONE transaction on the store, and inserts the audit
// events the body named into the outbox (storage/audit_store.h) in that
// same transaction, so a change and its audit record commit together or
// not at all. The audit writer moves the events into the hash chain after
// the commit (and at start-up, whatever a crash left behind).
#ifndef OPKOMST_STORAGE_UNIT_OF_WORK_H_
#define OPKOMST_STORAGE_UNIT_OF_WORK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "storage/audit_store.h"
#include "storage/store.h"
#include "storage/team.h"

namespace opkomst {
class SqlSession;  // storage/sql.h, internal
}

namespace opkomst::storage {

class UnitOfWork {
 public:
  // As Store's writes of the same name: version-checked (kConflict if the
  // dossier changed meanwhile, kNotFound if it does not exist).
  Status CreateDossier(Dossier* dossier);  // trajectory number derived if 0; version 1
  Status UpdateDossier(Dossier* dossier);  // dossier->version becomes the new version
  StatusOr<int64_t> PutMeasurement(const std::string& dossier_id, int64_t expected_version,
                                   const Measurement& measurement);
  StatusOr<int64_t> PutScores(const std::string& dossier_id, int64_t expected_version, int moment,
                              const std::string& measured_on, const std::vector<team::StoredScore>& scores);
  Status PutIdentity(const std::string& dossier_id, const std::string& sealed);
  Status InsertContact(const team::Contact& contact);
  // The date, kind and (sealed) note of contact `contact.id` of dossier
  // `contact.dossier_id`; kNotFound if that dossier has no such contact (a
  // contact of another dossier is never touched).
  Status UpdateContact(const team::Contact& contact);
  // kNotFound as UpdateContact.
  Status DeleteContact(const std::string& dossier_id, int64_t contact_id);

  // Account changes (storage/account_writes.cc). Each is one conditional
  // statement; a "false" answer means nothing matched and nothing changed.
  Status InsertAccount(const team::Account& account);  // kAlreadyExists if the name is taken
  Status SetPassword(const std::string& username, const std::string& password_hash);
  // kNotFound if there is no such account.
  Status SetActive(const std::string& username, bool active);
  // Enabled again, but waiting for a team lead's confirmation.
  Status EnableAwaitingConfirmation(const std::string& username);
  // Sets the password if `code_hash` matches an unexpired activation code,
  // which is then spent.
  StatusOr<bool> Activate(const std::string& username, const std::string& code_hash, int64_t now,
                          const std::string& password_hash);
  // Unless `confirmer` is the account itself or the administrator who made it.
  StatusOr<bool> ConfirmAccount(const std::string& username, const std::string& confirmer);
  // Only if the stored sealed secret is still `expected_old` (empty = none);
  // the step used to enrol counts as used.
  StatusOr<bool> ReplaceTotpSecret(const std::string& username, const std::string& expected_old,
                                   const std::string& sealed_new, int64_t used_step);
  // Locks until now + lock_seconds (an existing lock is not extended) and
  // starts a fresh window; false if the account was already locked.
  StatusOr<bool> LockAccount(const std::string& username, int64_t now, int64_t lock_seconds);
  // A new version of an indicator set (storage/indicator_sets.h); kConflict
  // if that version exists already.
  Status PutIndicatorSetVersion(const std::string& set_id, int version, const std::string& definition,
                                const std::string& created_by);
  // The audit event of this change: written to the outbox at the end of
  // the body, in the same transaction. The key and time are filled in.
  void Audit(AuditEntry event);

 private:
  friend Status Atomically(Store&, const Codebook&, const std::function<Status(UnitOfWork&)>&);
  // The typed writes of other features (storage/groups.h, intake_store.h)
  // reach the transaction through SessionOf (storage/sql.h, internal to
  // src/storage/), not one friend per feature.
  friend SqlSession& SessionOf(UnitOfWork& work);
  UnitOfWork(SqlSession& session, const Codebook& codebook) : session_(session), codebook_(codebook) {}
  SqlSession& session_;
  const Codebook& codebook_;
  std::vector<AuditEntry> events_;
};

// Runs `body` in one transaction on `store`; commits its writes and its
// audit events if it returns Ok (kInternal if it named no audit event:
// every change is audited), rolls everything back otherwise.
Status Atomically(Store& store, const Codebook& codebook, const std::function<Status(UnitOfWork&)>& body);

// Now in UTC as the audit trail writes it: 2026-12-02T05:00:00.123Z.
std::string AuditTimestamp();

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_UNIT_OF_WORK_H_
