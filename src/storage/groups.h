// Group work and support money (issue 13): typed rows and the SQL of their
// tables (migration 0011), for both backends. Writes happen inside a unit
// of work (storage/unit_of_work.h), so that every change commits with its
// audit record; reads go to a store on their own.
//
// Nothing here seals, checks access or applies a rule: app/groups.h,
// app/reminders.h and app/support_money.h do.
#ifndef OPKOMST_STORAGE_GROUPS_H_
#define OPKOMST_STORAGE_GROUPS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/store.h"
#include "storage/unit_of_work.h"

namespace opkomst::storage {

struct WorkGroup {
  int64_t id = 0;
  std::string name, facilitator, location, due_from, due_to, created_by;
};
struct GroupSession {
  int64_t id = 0, group_id = 0;
  std::string date;  // Brussels wall-clock date, YYYY-MM-DD
  int start_minute = 600;
  std::string topic, location;
  bool after_birth = false, cancelled = false;
};
struct Participant {
  int64_t id = 0, group_id = 0;
  std::string dossier_id;      // empty: a light registration
  std::string sealed_contact;  // first name and contact, sealed by the caller
  std::string due_date, language, channel;
  bool consent_contact = false, consent_reminders = false;
  std::string opted_out_at;  // empty: not opted out
  std::string enrolled_by, enrolled_at;
};
struct AttendanceRow {
  int64_t session_id = 0, participant_id = 0;
  std::string attendance, recorded_by, recorded_at;
};
struct Reminder {
  int64_t id = 0, session_id = 0, participant_id = 0;
  std::string kind;  // week, dag, zelfde_dag
  int64_t due_at = 0;
  std::string channel;
  std::string status;  // gepland, verzonden, opnieuw, mislukt, geannuleerd
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::string last_error;
  std::optional<int64_t> sent_at;
};
struct Delivery {
  int64_t reminder_id = 0;
  int attempt = 0;
  int64_t at = 0;
  std::string outcome, error;
};
struct SupportItem {
  int64_t id = 0;
  std::string item, category;
  int64_t ceiling_per_grant = 0, ceiling_per_family_year = 0;  // euro cents
  bool active = true;
};
struct Grant {
  int64_t id = 0;
  std::string dossier_id, granted_on;
  std::optional<int64_t> item_id;  // nullopt: outside the framework
  std::string item, category;
  int64_t amount = 0;  // euro cents
  std::string reason;
  std::string status;  // toegekend, aangevraagd, goedgekeurd, geweigerd
  std::string decision_reason, decided_by, decided_at, registered_by, registered_at;
};

// The writes, inside Atomically's body.
class GroupWrites {
 public:
  static Status InsertGroup(UnitOfWork& work, WorkGroup* group);                // sets id
  static Status InsertSession(UnitOfWork& work, GroupSession* session);         // sets id
  static Status UpdateSession(UnitOfWork& work, const GroupSession& session);   // kNotFound
  static Status InsertParticipant(UnitOfWork& work, Participant* participant);  // sets id
  // Consent to reminders and the opt-out moment (empty = opted in again).
  static Status SetReminderConsent(UnitOfWork& work, int64_t participant_id, bool consent,
                                   const std::string& opted_out_at);
  static Status PutAttendance(UnitOfWork& work, const AttendanceRow& row);
  // Inserts the reminder unless the same session, participant and kind has
  // one; a cancelled one is planned again at the new time.
  static Status PlanReminder(UnitOfWork& work, const Reminder& reminder);
  // Cancels the reminders of a participant (or of a session) not yet sent.
  static Status CancelRemindersOfParticipant(UnitOfWork& work, int64_t participant_id);
  static Status CancelRemindersOfSession(UnitOfWork& work, int64_t session_id);
  // Takes a due reminder for one sender until `until` (unix seconds), if it
  // is still as `seen` (same status, attempts and next attempt): false when
  // another server's scheduler took or sent it first.
  static StatusOr<bool> ClaimReminder(UnitOfWork& work, const Reminder& seen, int64_t until);
  // The outcome of one attempt: the reminder's new state and a log line.
  static Status RecordAttempt(UnitOfWork& work, const Reminder& reminder, const Delivery& delivery);
  static Status PutTemplate(UnitOfWork& work, const std::string& language, const std::string& kind,
                            const std::string& body);
  static Status InsertItem(UnitOfWork& work, SupportItem* item);  // sets id; kAlreadyExists for a taken name
  static Status UpdateItem(UnitOfWork& work, const SupportItem& item);
  static Status InsertGrant(UnitOfWork& work, Grant* grant);  // sets id
  // From 'aangevraagd' only (kConflict if decided meanwhile).
  static Status DecideGrant(UnitOfWork& work, const Grant& decision);
};

// Reads.
StatusOr<std::vector<WorkGroup>> ListGroups(Store& store, const std::string& facilitator /* empty = all */);
StatusOr<WorkGroup> GetGroup(Store& store, int64_t group_id);  // kNotFound
StatusOr<std::vector<GroupSession>> ListSessions(Store& store, int64_t group_id);
StatusOr<GroupSession> GetSession(Store& store, int64_t session_id);
StatusOr<std::vector<Participant>> ListParticipants(Store& store, int64_t group_id);
StatusOr<Participant> GetParticipant(Store& store, int64_t participant_id);
StatusOr<std::vector<Participant>> ParticipationsOfDossier(Store& store, const std::string& dossier_id);
StatusOr<std::vector<AttendanceRow>> ListAttendance(Store& store, int64_t group_id);
// Reminders not yet sent whose time has come (next_attempt_at <= now), of
// participants who still consent, oldest first, at most `limit`; not
// WhatsApp (the facilitator's day list).
StatusOr<std::vector<Reminder>> DueReminders(Store& store, int64_t now, int limit);
StatusOr<std::vector<Reminder>> ListReminders(Store& store, int64_t group_id);
StatusOr<Reminder> GetReminder(Store& store, int64_t reminder_id);
StatusOr<std::vector<Delivery>> ListDeliveries(Store& store, int64_t reminder_id);
// Team-added templates: (language, kind) -> body.
StatusOr<std::vector<std::vector<std::string>>> ListTemplates(Store& store);
StatusOr<std::vector<SupportItem>> ListItems(Store& store);
StatusOr<SupportItem> GetItem(Store& store, int64_t item_id);
struct GrantFilter {
  std::string dossier_id;  // empty = every dossier
  std::string status;      // empty = every status
  int year = 0;            // 0 = every year
};
StatusOr<std::vector<Grant>> ListGrants(Store& store, const GrantFilter& filter);
StatusOr<Grant> GetGrant(Store& store, int64_t grant_id);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_GROUPS_H_
