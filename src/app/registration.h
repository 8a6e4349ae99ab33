// The registration use cases: every change to a dossier, each in ONE store
// transaction together with its audit record (storage/unit_of_work.h), so
// that a change and its audit record commit together or not at all. The
// web pages and the command line build a command, call one of these, and
// render the result; they write nothing themselves.
//
// Contract of every use case:
//   - `command.audit` is the audit record of the change (who, what, which
//     dossier, a detail without sensitive values); it is neutralised
//     (AuditSafe) and committed with the change, outcome "ok".
//   - Every record is judged by the domain's validators first
//     (domain/record_rules.h): a broken rule is kInvalidInput, nothing is
//     written, and the findings (rule ids) go to services.findings.
//   - Expected failures are values: kConflict when the dossier changed
//     since `expected_version` (nothing written), kNotFound when it does not
//     exist, kAlreadyExists for a taken dossier id, kUnavailable when the
//     store cannot be reached.
//   - After the commit the event is moved into the hash chain before the
//     call returns; if that fails, the event stays in the outbox (durable)
//     and the next drain chains it, so the call still succeeds.
#ifndef OPKOMST_APP_REGISTRATION_H_
#define OPKOMST_APP_REGISTRATION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/audit.h"
#include "app/change.h"
#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "storage/store.h"
#include "storage/team.h"
#include "storage/unit_of_work.h"

namespace opkomst::app {

// Whether a dossier may be assigned to account `worker`
// (dossier.social_worker); empty findings if it may.
StatusOr<Findings> CheckAssignment(Store& store, const std::string& worker);

// Runs `body` and the audit record in one transaction, then chains the
// record: the shape of every use case (here and in groups.h, reminders.h,
// support_money.h).
Status Change(const Services& services, const AuditEvent& audit,
              const std::function<Status(storage::UnitOfWork&)>& body);

struct CreateDossierCommand {
  Dossier dossier;              // trajectory_number 0 = the next of this mother
  std::string sealed_identity;  // name and contact details, sealed; empty = none
  AuditEvent audit;
};
// The dossier as stored: its trajectory number and version 1.
StatusOr<Dossier> CreateDossier(const Services& services, const CreateDossierCommand& command);

struct UpdateDossierCommand {
  Dossier dossier;  // dossier.version: the version the change was based on
  std::string sealed_identity;
  bool replace_identity = false;
  AuditEvent audit;
};
// The new version.
StatusOr<int64_t> UpdateDossier(const Services& services, const UpdateDossierCommand& command);

struct RegisterMomentCommand {
  std::string dossier_id;
  int64_t expected_version = 0;
  Measurement measurement;
  AuditEvent audit;
};
// Facts of the dossier the birth and end forms carry, written with the
// measurement in the same transaction (and judged by ValidateDossier): the
// child's birth date, and the end date that closes the dossier. Nothing =
// the stored value stays.
struct MomentDossierDates {
  std::optional<Date> child_birth_date, end_date;
};
StatusOr<int64_t> RegisterMoment(const Services& services, const RegisterMomentCommand& command,
                                 const MomentDossierDates& dates = {});

struct ScoreIndicatorsCommand {
  std::string dossier_id;
  int64_t expected_version = 0;
  int moment = 1;
  std::string measured_on;
  std::vector<team::StoredScore> scores;
  AuditEvent audit;
};
StatusOr<int64_t> ScoreIndicators(const Services& services, const ScoreIndicatorsCommand& command);

struct AddContactCommand {
  team::Contact contact;  // note sealed by the caller
  AuditEvent audit;
};
Status AddContact(const Services& services, const AddContactCommand& command);

// A correction of a logged contact: `contact.id` of `contact.dossier_id`
// gets the command's date, kind and sealed note (the audit detail names
// what changed, never the note). kNotFound if that dossier has no such
// contact: a contact of another dossier (caseload) is never touched.
struct EditContactCommand {
  team::Contact contact;  // note sealed by the caller
  AuditEvent audit;
};
Status EditContact(const Services& services, const EditContactCommand& command);

struct RemoveContactCommand {
  std::string dossier_id;
  int64_t contact_id = 0;
  AuditEvent audit;
};
// kNotFound as EditContact.
Status RemoveContact(const Services& services, const RemoveContactCommand& command);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_REGISTRATION_H_
