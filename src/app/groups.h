// Group work use cases (issue 13): groups and their session plans, mothers
// enrolled from a dossier or by a light registration, attendance, consent
// to reminders, and concerns passed on to the assigned worker. Each is ONE
// store transaction with its audit record (app::Change); the central
// access check (domain/access.h) ran before any of them is called.
//
// Expected failures are values: kInvalidInput (with the field, value and
// rule), kNotFound, kAlreadyExists (a dossier already in the group),
// kConflict.
#ifndef OPKOMST_APP_GROUPS_H_
#define OPKOMST_APP_GROUPS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "app/registration.h"
#include "domain/schedule.h"
#include "storage/groups.h"

namespace opkomst::app {

struct CreateGroupCommand {
  storage::WorkGroup group;  // id filled in
  groups::PlanRequest plan;  // the generated session plan
  AuditEvent audit;
};
// The group with its generated sessions.
StatusOr<storage::WorkGroup> CreateGroup(const Services& services, const CreateGroupCommand& command);

struct EditSessionCommand {
  storage::GroupSession session;  // id and group_id name the session
  AuditEvent audit;
};
// A changed time cancels the reminders not yet sent (plan them again).
Status EditSession(const Services& services, const EditSessionCommand& command);

struct EnrolCommand {
  storage::Participant participant;  // dossier_id empty = light registration; contact sealed
  AuditEvent audit;
};
StatusOr<int64_t> Enrol(const Services& services, const EnrolCommand& command);

struct ReminderConsentCommand {
  int64_t participant_id = 0;
  bool consent = false;
  std::string at;  // the moment of the opt-out (audit timestamp)
  AuditEvent audit;
};
// Opting out cancels every reminder not yet sent, in the same transaction.
Status SetReminderConsent(const Services& services, const ReminderConsentCommand& command);

struct AttendanceCommand {
  int64_t group_id = 0, session_id = 0;
  std::vector<std::pair<int64_t, groups::Attendance>> marks;  // participant -> value
  std::string recorded_by, recorded_at;
  AuditEvent audit;
};
// kNotFound when the session or a participant is not of `group_id`.
Status RecordAttendance(const Services& services, const AttendanceCommand& command);

struct ConcernCommand {
  int64_t group_id = 0, participant_id = 0;
  std::string date;         // YYYY-MM-DD
  std::string sealed_note;  // sealed by the caller
  std::string author;
  AuditEvent audit;  // dossier_id filled in here: the facilitator never sees it
};
// A note on the participant's dossier (contact kind "bericht"), read by the
// assigned worker. kInvalidInput for a light registration (no dossier).
Status PassOnConcern(const Services& services, const ConcernCommand& command);

// kInvalidInput with every finding, in Dutch (field, value, rule): for the
// use cases here and in support_money.h.
Status Invalid(const Findings& findings);

// The rules Enrol checks (due date, language, channel, contact, consents),
// for a form that shows every error at once; findings name the field.
Findings ValidateParticipant(const storage::Participant& participant);

// Validation of a group's own fields; findings name the field.
Findings ValidateGroup(const storage::WorkGroup& group);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_GROUPS_H_
