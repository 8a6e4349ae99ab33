#include "app/registration.h"

#include <cstdio>

#include "app/change.h"
#include "storage/unit_of_work.h"

namespace opkomst::app {
namespace {

storage::AuditEntry EntryOf(const AuditEvent& event) {
  AuditEvent safe = AuditSafe(event);
  return {"", "", safe.account, safe.role, safe.action, safe.dossier_id, "ok", safe.detail};
}

}  // namespace

// Runs `body` and the audit record in one transaction, then chains the record.
Status Change(const Services& services, const AuditEvent& audit,
              const std::function<Status(storage::UnitOfWork&)>& body) {
  OPKOMST_RETURN_IF_ERROR(storage::Atomically(services.store, services.codebook, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(body(work));
    work.Audit(EntryOf(audit));
    return Status::Ok();
  }));
  if (services.audit) {
    // Committed with the change: a failure here only delays the chaining.
    Status chained = services.audit->Drain();
    if (!chained.ok()) std::fprintf(stderr, "opkomst: audit outbox not drained: %s\n", chained.message().c_str());
  }
  return Status::Ok();
}

StatusOr<Dossier> CreateDossier(const Services& services, const CreateDossierCommand& command) {
  Dossier dossier = command.dossier;
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(work.CreateDossier(&dossier));
    if (command.sealed_identity.empty()) return Status::Ok();
    return work.PutIdentity(dossier.dossier_id, command.sealed_identity);
  }));
  return dossier;
}

StatusOr<int64_t> UpdateDossier(const Services& services, const UpdateDossierCommand& command) {
  Dossier dossier = command.dossier;
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(work.UpdateDossier(&dossier));
    if (!command.replace_identity) return Status::Ok();
    return work.PutIdentity(dossier.dossier_id, command.sealed_identity);
  }));
  return dossier.version;
}

StatusOr<int64_t> RegisterMoment(const Services& services, const RegisterMomentCommand& command) {
  int64_t version = 0;
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) -> Status {
    OPKOMST_ASSIGN_OR_RETURN(version,
                             work.PutMeasurement(command.dossier_id, command.expected_version, command.measurement));
    return Status::Ok();
  }));
  return version;
}

StatusOr<int64_t> ScoreIndicators(const Services& services, const ScoreIndicatorsCommand& command) {
  int64_t version = 0;
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) -> Status {
    OPKOMST_ASSIGN_OR_RETURN(version, work.PutScores(command.dossier_id, command.expected_version, command.moment,
                                                     command.measured_on, command.scores));
    return Status::Ok();
  }));
  return version;
}

Status AddContact(const Services& services, const AddContactCommand& command) {
  return Change(services, command.audit,
                [&](storage::UnitOfWork& work) { return work.InsertContact(command.contact); });
}

}  // namespace opkomst::app
