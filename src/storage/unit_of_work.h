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
  // A new version of an indicator set (storage/indicator_sets.h); kConflict
  // if that version exists already.
  Status PutIndicatorSetVersion(const std::string& set_id, int version, const std::string& definition,
                                const std::string& created_by);
  // The audit event of this change: written to the outbox at the end of
  // the body, in the same transaction. The key and time are filled in.
  void Audit(AuditEntry event);

 private:
  friend Status Atomically(Store&, const Codebook&, const std::function<Status(UnitOfWork&)>&);
  UnitOfWork(SqlSession& session, std::string_view dialect, const Codebook& codebook)
      : session_(session), dialect_(dialect), codebook_(codebook) {}
  Status BumpVersion(const std::string& dossier_id, int64_t expected_version);
  SqlSession& session_;
  std::string_view dialect_;
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
