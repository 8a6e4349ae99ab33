#include "app/registration.h"

#include <cstdio>

#include "app/change.h"
#include "domain/record_rules.h"
#include "storage/team.h"
#include "storage/unit_of_work.h"

namespace opkomst::app {
namespace {

storage::AuditEntry EntryOf(const AuditEvent& event) {
  AuditEvent safe = AuditSafe(event);
  return {"", "", safe.account, safe.role, safe.action, safe.dossier_id, "ok", safe.detail};
}

}  // namespace

Status Refuse(const Services& services, const Findings& broken) {
  if (services.findings)
    for (const Finding& finding : broken.items()) services.findings->Add(finding);
  return InvalidInput(broken.items().front().Describe(Language::kDutch));
}

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

StatusOr<bool> ChangeIf(const Services& services, const AuditEvent& audit,
                        const std::function<StatusOr<bool>(storage::UnitOfWork&)>& body) {
  bool unchanged = false;
  Status s = Change(services, audit, [&](storage::UnitOfWork& work) -> Status {
    OPKOMST_ASSIGN_OR_RETURN(bool changed, body(work));
    if (changed) return Status::Ok();
    unchanged = true;
    return Conflict("nothing to change");  // rolls back; answered as false below
  });
  if (unchanged) return false;
  OPKOMST_RETURN_IF_ERROR(s);
  return true;
}

namespace {

// The rules of a dossier a command writes: the record's own, its worker
// when she changes, and a trajectory number no other dossier of the mother has.
Status CheckDossier(const Services& services, const Dossier& d, const std::string& previous_worker) {
  Findings broken = ValidateDossier(services.codebook, d);
  if (broken.empty() && !d.social_worker.empty() && d.social_worker != previous_worker) {
    OPKOMST_ASSIGN_OR_RETURN(broken, CheckAssignment(services.store, d.social_worker));
  }
  if (broken.empty() && d.trajectory_number != 0) {
    OPKOMST_ASSIGN_OR_RETURN(std::string other,
                             team::DossierOfTrajectory(services.store, d.mother_id, d.trajectory_number));
    if (!other.empty() && other != d.dossier_id)
      broken.Add(
          {"", 0, "trajectory_number", std::to_string(d.trajectory_number), "dossier.trajectory_duplicate", other});
  }
  if (broken.empty()) return Status::Ok();
  return Refuse(services, broken);
}

}  // namespace

StatusOr<Findings> CheckAssignment(Store& store, const std::string& worker) {
  OPKOMST_ASSIGN_OR_RETURN(std::optional<team::Account> account, team::FindAccount(store, worker));
  return ValidateAssignment(worker, account.has_value(), account ? account->role : "", account && account->active);
}

StatusOr<Dossier> CreateDossier(const Services& services, const CreateDossierCommand& command) {
  Dossier dossier = command.dossier;
  OPKOMST_RETURN_IF_ERROR(CheckDossier(services, dossier, ""));
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(work.CreateDossier(&dossier));
    if (command.sealed_identity.empty()) return Status::Ok();
    return work.PutIdentity(dossier.dossier_id, command.sealed_identity);
  }));
  return dossier;
}

StatusOr<int64_t> UpdateDossier(const Services& services, const UpdateDossierCommand& command) {
  Dossier dossier = command.dossier;
  OPKOMST_ASSIGN_OR_RETURN(Dossier stored, services.store.GetDossier(dossier.dossier_id));
  OPKOMST_RETURN_IF_ERROR(CheckDossier(services, dossier, stored.social_worker));
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) {
    OPKOMST_RETURN_IF_ERROR(work.UpdateDossier(&dossier));
    if (!command.replace_identity) return Status::Ok();
    return work.PutIdentity(dossier.dossier_id, command.sealed_identity);
  }));
  return dossier.version;
}

StatusOr<int64_t> RegisterMoment(const Services& services, const RegisterMomentCommand& command,
                                 const MomentDossierDates& dates) {
  // The start the version check below pins: a moment is judged against it.
  OPKOMST_ASSIGN_OR_RETURN(Dossier stored, services.store.GetDossier(command.dossier_id));
  Findings broken = ValidateMeasurement(services.codebook, stored.start_date, command.measurement);
  if (!broken.empty()) return Refuse(services, broken);
  // The birth date or the end the form carries: the dossier's own rules.
  bool dossier_changes = dates.child_birth_date || dates.end_date;
  Dossier dossier = stored;
  if (dates.child_birth_date) dossier.child_birth_date = dates.child_birth_date;
  if (dates.end_date) dossier.end_date = dates.end_date;
  if (dossier_changes) {
    broken = ValidateDossier(services.codebook, dossier);
    if (!broken.empty()) return Refuse(services, broken);
  }
  int64_t version = command.expected_version;
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) -> Status {
    if (dossier_changes) {
      // Version-checked against the form's version: a dossier changed
      // since is a conflict, nothing written.
      dossier.version = version;
      OPKOMST_RETURN_IF_ERROR(work.UpdateDossier(&dossier));
      version = dossier.version;
    }
    OPKOMST_ASSIGN_OR_RETURN(version, work.PutMeasurement(command.dossier_id, version, command.measurement));
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

Status EditContact(const Services& services, const EditContactCommand& command) {
  return Change(services, command.audit,
                [&](storage::UnitOfWork& work) { return work.UpdateContact(command.contact); });
}

Status RemoveContact(const Services& services, const RemoveContactCommand& command) {
  return Change(services, command.audit,
                [&](storage::UnitOfWork& work) { return work.DeleteContact(command.dossier_id, command.contact_id); });
}

}  // namespace opkomst::app
