#include "storage/groups.h"

#include "storage/sql.h"

namespace opkomst::storage {
namespace {

using Cell = std::optional<std::string>;

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }
std::string N(int64_t v) { return std::to_string(v); }
std::string B(bool v) { return v ? "1" : "0"; }
std::string Get(const SqlRow& row, size_t i) { return row[i].value_or(""); }
int64_t GetInt(const SqlRow& row, size_t i) { return row[i] && !row[i]->empty() ? std::stoll(*row[i]) : 0; }
// PostgreSQL returns DATE columns as text already; both are YYYY-MM-DD.
std::string GetDate(const SqlRow& row, size_t i) { return Get(row, i).substr(0, 10); }

StatusOr<int64_t> InsertReturningId(SqlSession& session, const std::string& sql, const SqlRow& params,
                                    const char* id_column) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows, session.Query(sql + " RETURNING " + id_column, params));
  if (rows.empty()) return Internal(std::string("no ") + id_column + " returned");
  return GetInt(rows[0], 0);
}

const char kGroupColumns[] = "group_id, name, facilitator, location, due_from, due_to, created_by";
WorkGroup GroupFrom(const SqlRow& r) {
  return {GetInt(r, 0), Get(r, 1), Get(r, 2), Get(r, 3), GetDate(r, 4), GetDate(r, 5), Get(r, 6)};
}

const char kSessionColumns[] =
    "session_id, group_id, session_date, start_minute, topic, location, after_birth, cancelled";
GroupSession SessionFrom(const SqlRow& r) {
  return {GetInt(r, 0), GetInt(r, 1), GetDate(r, 2),     static_cast<int>(GetInt(r, 3)),
          Get(r, 4),    Get(r, 5),    GetInt(r, 6) != 0, GetInt(r, 7) != 0};
}

const char kParticipantColumns[] =
    "participant_id, group_id, dossier_id, sealed_contact, due_date, language, channel, consent_contact, "
    "consent_reminders, opted_out_at, enrolled_by, enrolled_at";
Participant ParticipantFrom(const SqlRow& r) {
  Participant p;
  p.id = GetInt(r, 0);
  p.group_id = GetInt(r, 1);
  p.dossier_id = Get(r, 2);
  p.sealed_contact = Get(r, 3);
  p.due_date = GetDate(r, 4);
  p.language = Get(r, 5);
  p.channel = Get(r, 6);
  p.consent_contact = GetInt(r, 7) != 0;
  p.consent_reminders = GetInt(r, 8) != 0;
  p.opted_out_at = Get(r, 9);
  p.enrolled_by = Get(r, 10);
  p.enrolled_at = Get(r, 11);
  return p;
}

const char kReminderColumns[] =
    "r.reminder_id, r.session_id, r.participant_id, r.kind, r.due_at, r.channel, r.status, r.attempts, "
    "r.next_attempt_at, r.last_error, r.sent_at";
Reminder ReminderFrom(const SqlRow& r) {
  Reminder m;
  m.id = GetInt(r, 0);
  m.session_id = GetInt(r, 1);
  m.participant_id = GetInt(r, 2);
  m.kind = Get(r, 3);
  m.due_at = GetInt(r, 4);
  m.channel = Get(r, 5);
  m.status = Get(r, 6);
  m.attempts = static_cast<int>(GetInt(r, 7));
  m.next_attempt_at = GetInt(r, 8);
  m.last_error = Get(r, 9);
  if (r[10]) m.sent_at = GetInt(r, 10);
  return m;
}

const char kItemColumns[] = "item_id, item, category, ceiling_per_grant, ceiling_per_family_year, active";
SupportItem ItemFrom(const SqlRow& r) {
  return {GetInt(r, 0), Get(r, 1), Get(r, 2), GetInt(r, 3), GetInt(r, 4), GetInt(r, 5) != 0};
}

const char kGrantColumns[] =
    "grant_id, dossier_id, granted_on, item_id, item, category, amount, reason, status, decision_reason, "
    "decided_by, decided_at, registered_by, registered_at";
Grant GrantFrom(const SqlRow& r) {
  Grant g;
  g.id = GetInt(r, 0);
  g.dossier_id = Get(r, 1);
  g.granted_on = GetDate(r, 2);
  if (r[3]) g.item_id = GetInt(r, 3);
  g.item = Get(r, 4);
  g.category = Get(r, 5);
  g.amount = GetInt(r, 6);
  g.reason = Get(r, 7);
  g.status = Get(r, 8);
  g.decision_reason = Get(r, 9);
  g.decided_by = Get(r, 10);
  g.decided_at = Get(r, 11);
  g.registered_by = Get(r, 12);
  g.registered_at = Get(r, 13);
  return g;
}

template <typename T, typename F>
StatusOr<std::vector<T>> Many(Store& store, const std::string& sql, const SqlRow& params, F from) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows, SqlAccess::Query(store, sql, params));
  std::vector<T> out;
  for (const SqlRow& r : rows) out.push_back(from(r));
  return out;
}

template <typename T, typename F>
StatusOr<T> One(Store& store, const std::string& sql, const SqlRow& params, F from, const std::string& what) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows, SqlAccess::Query(store, sql, params));
  if (rows.empty()) return NotFound(what + " does not exist");
  return from(rows[0]);
}

}  // namespace

Status GroupWrites::InsertGroup(UnitOfWork& work, WorkGroup* g) {
  OPKOMST_ASSIGN_OR_RETURN(
      g->id,
      InsertReturningId(SessionOf(work),
                        "INSERT INTO work_group (name, facilitator, location, due_from, due_to, created_by) "
                        "VALUES (?,?,?,?,?,?)",
                        {g->name, g->facilitator, g->location, g->due_from, g->due_to, g->created_by}, "group_id"));
  return Status::Ok();
}

Status GroupWrites::InsertSession(UnitOfWork& work, GroupSession* s) {
  OPKOMST_ASSIGN_OR_RETURN(
      s->id, InsertReturningId(SessionOf(work),
                               "INSERT INTO group_session (group_id, session_date, start_minute, topic, location, "
                               "after_birth, cancelled) VALUES (?,?,?,?,?,?,?)",
                               {N(s->group_id), s->date, N(s->start_minute), s->topic, s->location, B(s->after_birth),
                                B(s->cancelled)},
                               "session_id"));
  return Status::Ok();
}

Status GroupWrites::UpdateSession(UnitOfWork& work, const GroupSession& s) {
  OPKOMST_RETURN_IF_ERROR(
      SessionOf(work)
          .Query("UPDATE group_session SET session_date = ?, start_minute = ?, topic = ?, "
                 "location = ?, cancelled = ? WHERE session_id = ? AND group_id = ?",
                 {s.date, N(s.start_minute), s.topic, s.location, B(s.cancelled), N(s.id), N(s.group_id)})
          .status());
  if (SessionOf(work).Changes() == 0) return NotFound("session " + N(s.id) + " of group " + N(s.group_id));
  return Status::Ok();
}

Status GroupWrites::InsertParticipant(UnitOfWork& work, Participant* p) {
  if (!p->dossier_id.empty()) {
    OPKOMST_ASSIGN_OR_RETURN(
        auto found, SessionOf(work).Query("SELECT 1 FROM group_participant WHERE group_id = ? AND dossier_id = ?",
                                          {N(p->group_id), p->dossier_id}));
    if (!found.empty()) return AlreadyExists("dossier " + p->dossier_id + " is already in group " + N(p->group_id));
  }
  OPKOMST_ASSIGN_OR_RETURN(
      p->id, InsertReturningId(SessionOf(work),
                               "INSERT INTO group_participant (group_id, dossier_id, sealed_contact, due_date, "
                               "language, channel, consent_contact, consent_reminders, opted_out_at, enrolled_by, "
                               "enrolled_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                               {N(p->group_id), Text(p->dossier_id), p->sealed_contact, p->due_date, p->language,
                                p->channel, B(p->consent_contact), B(p->consent_reminders), Text(p->opted_out_at),
                                p->enrolled_by, p->enrolled_at},
                               "participant_id"));
  return Status::Ok();
}

Status GroupWrites::SetReminderConsent(UnitOfWork& work, int64_t id, bool consent, const std::string& opted_out_at) {
  OPKOMST_RETURN_IF_ERROR(
      SessionOf(work)
          .Query("UPDATE group_participant SET consent_reminders = ?, opted_out_at = ? WHERE participant_id = ?",
                 {B(consent), Text(opted_out_at), N(id)})
          .status());
  if (SessionOf(work).Changes() == 0) return NotFound("participant " + N(id));
  return Status::Ok();
}

Status GroupWrites::PutAttendance(UnitOfWork& work, const AttendanceRow& a) {
  OPKOMST_RETURN_IF_ERROR(SessionOf(work)
                              .Query("DELETE FROM group_attendance WHERE session_id = ? AND participant_id = ?",
                                     {N(a.session_id), N(a.participant_id)})
                              .status());
  return SessionOf(work)
      .Query(
          "INSERT INTO group_attendance (session_id, participant_id, attendance, recorded_by, recorded_at) "
          "VALUES (?,?,?,?,?)",
          {N(a.session_id), N(a.participant_id), a.attendance, a.recorded_by, a.recorded_at})
      .status();
}

Status GroupWrites::PlanReminder(UnitOfWork& work, const Reminder& m) {
  return SessionOf(work)
      .Query(
          "INSERT INTO reminder (session_id, participant_id, kind, due_at, channel, status, attempts, "
          "next_attempt_at) VALUES (?,?,?,?,?,'gepland',0,?) "
          // A cancelled one (a moved session, an opt-in again) comes back at its new time.
          "ON CONFLICT (session_id, participant_id, kind) DO UPDATE SET due_at = excluded.due_at, "
          "next_attempt_at = excluded.next_attempt_at, channel = excluded.channel, status = 'gepland', "
          "attempts = 0, last_error = '' WHERE reminder.status = 'geannuleerd'",
          {N(m.session_id), N(m.participant_id), m.kind, N(m.due_at), m.channel, N(m.due_at)})
      .status();
}

Status GroupWrites::CancelRemindersOfParticipant(UnitOfWork& work, int64_t participant_id) {
  return SessionOf(work)
      .Query("UPDATE reminder SET status = 'geannuleerd' WHERE participant_id = ? AND status IN ('gepland', 'opnieuw')",
             {N(participant_id)})
      .status();
}

Status GroupWrites::CancelRemindersOfSession(UnitOfWork& work, int64_t session_id) {
  return SessionOf(work)
      .Query("UPDATE reminder SET status = 'geannuleerd' WHERE session_id = ? AND status IN ('gepland', 'opnieuw')",
             {N(session_id)})
      .status();
}

StatusOr<bool> GroupWrites::ClaimReminder(UnitOfWork& work, const Reminder& seen, int64_t until) {
  OPKOMST_ASSIGN_OR_RETURN(auto claimed, SessionOf(work).Query("UPDATE reminder SET next_attempt_at = ? "
                                                               "WHERE reminder_id = ? AND status = ? AND attempts = ? "
                                                               "AND next_attempt_at = ? RETURNING reminder_id",
                                                               {N(until), N(seen.id), seen.status, N(seen.attempts),
                                                                N(seen.next_attempt_at)}));
  return !claimed.empty();
}

Status GroupWrites::RecordAttempt(UnitOfWork& work, const Reminder& m, const Delivery& d) {
  OPKOMST_RETURN_IF_ERROR(SessionOf(work)
                              .Query("UPDATE reminder SET status = ?, attempts = ?, next_attempt_at = ?, "
                                     "last_error = ?, sent_at = ? WHERE reminder_id = ?",
                                     {m.status, N(m.attempts), N(m.next_attempt_at), m.last_error,
                                      m.sent_at ? Cell(N(*m.sent_at)) : Cell(), N(m.id)})
                              .status());
  return SessionOf(work)
      .Query("INSERT INTO reminder_delivery (reminder_id, attempt, at, outcome, error) VALUES (?,?,?,?,?)",
             {N(d.reminder_id), N(d.attempt), N(d.at), d.outcome, d.error})
      .status();
}

Status GroupWrites::PutTemplate(UnitOfWork& work, const std::string& language, const std::string& kind,
                                const std::string& body) {
  OPKOMST_RETURN_IF_ERROR(
      SessionOf(work).Query("DELETE FROM message_template WHERE language = ? AND kind = ?", {language, kind}).status());
  return SessionOf(work)
      .Query("INSERT INTO message_template (language, kind, body) VALUES (?,?,?)", {language, kind, body})
      .status();
}

Status GroupWrites::InsertItem(UnitOfWork& work, SupportItem* item) {
  OPKOMST_ASSIGN_OR_RETURN(auto found,
                           SessionOf(work).Query("SELECT 1 FROM support_item WHERE item = ?", {item->item}));
  if (!found.empty()) return AlreadyExists("support item '" + item->item + "' exists already");
  OPKOMST_ASSIGN_OR_RETURN(item->id, InsertReturningId(SessionOf(work),
                                                       "INSERT INTO support_item (item, category, ceiling_per_grant, "
                                                       "ceiling_per_family_year, active) VALUES (?,?,?,?,?)",
                                                       {item->item, item->category, N(item->ceiling_per_grant),
                                                        N(item->ceiling_per_family_year), B(item->active)},
                                                       "item_id"));
  return Status::Ok();
}

Status GroupWrites::UpdateItem(UnitOfWork& work, const SupportItem& item) {
  OPKOMST_RETURN_IF_ERROR(SessionOf(work)
                              .Query("UPDATE support_item SET category = ?, ceiling_per_grant = ?, "
                                     "ceiling_per_family_year = ?, active = ? WHERE item_id = ?",
                                     {item.category, N(item.ceiling_per_grant), N(item.ceiling_per_family_year),
                                      B(item.active), N(item.id)})
                              .status());
  if (SessionOf(work).Changes() == 0) return NotFound("support item " + N(item.id));
  return Status::Ok();
}

Status GroupWrites::InsertGrant(UnitOfWork& work, Grant* g) {
  OPKOMST_ASSIGN_OR_RETURN(
      g->id, InsertReturningId(SessionOf(work),
                               "INSERT INTO support_grant (dossier_id, granted_on, item_id, item, category, amount, "
                               "reason, status, registered_by, registered_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                               {g->dossier_id, g->granted_on, g->item_id ? Cell(N(*g->item_id)) : Cell(), g->item,
                                g->category, N(g->amount), g->reason, g->status, g->registered_by, g->registered_at},
                               "grant_id"));
  return Status::Ok();
}

Status GroupWrites::DecideGrant(UnitOfWork& work, const Grant& d) {
  OPKOMST_RETURN_IF_ERROR(SessionOf(work)
                              .Query("UPDATE support_grant SET status = ?, decision_reason = ?, decided_by = ?, "
                                     "decided_at = ? WHERE grant_id = ? AND status = 'aangevraagd'",
                                     {d.status, d.decision_reason, d.decided_by, d.decided_at, N(d.id)})
                              .status());
  if (SessionOf(work).Changes() > 0) return Status::Ok();
  OPKOMST_ASSIGN_OR_RETURN(auto found,
                           SessionOf(work).Query("SELECT 1 FROM support_grant WHERE grant_id = ?", {N(d.id)}));
  if (found.empty()) return NotFound("grant " + N(d.id));
  return Conflict("grant " + N(d.id) + " was decided already");
}

StatusOr<std::vector<WorkGroup>> ListGroups(Store& store, const std::string& facilitator) {
  std::string sql = std::string("SELECT ") + kGroupColumns + " FROM work_group";
  SqlRow params;
  if (!facilitator.empty()) {
    sql += " WHERE facilitator = ?";
    params.push_back(facilitator);
  }
  return Many<WorkGroup>(store, sql + " ORDER BY due_from, group_id", params, GroupFrom);
}

StatusOr<WorkGroup> GetGroup(Store& store, int64_t id) {
  return One<WorkGroup>(store, std::string("SELECT ") + kGroupColumns + " FROM work_group WHERE group_id = ?", {N(id)},
                        GroupFrom, "group " + N(id));
}

StatusOr<std::vector<GroupSession>> ListSessions(Store& store, int64_t group_id) {
  return Many<GroupSession>(
      store,
      std::string("SELECT ") + kSessionColumns +
          " FROM group_session WHERE group_id = ? ORDER BY session_date, start_minute, session_id",
      {N(group_id)}, SessionFrom);
}

StatusOr<GroupSession> GetSession(Store& store, int64_t id) {
  return One<GroupSession>(store, std::string("SELECT ") + kSessionColumns + " FROM group_session WHERE session_id = ?",
                           {N(id)}, SessionFrom, "session " + N(id));
}

StatusOr<std::vector<Participant>> ListParticipants(Store& store, int64_t group_id) {
  return Many<Participant>(store,
                           std::string("SELECT ") + kParticipantColumns +
                               " FROM group_participant WHERE group_id = ? ORDER BY participant_id",
                           {N(group_id)}, ParticipantFrom);
}

StatusOr<Participant> GetParticipant(Store& store, int64_t id) {
  return One<Participant>(
      store, std::string("SELECT ") + kParticipantColumns + " FROM group_participant WHERE participant_id = ?", {N(id)},
      ParticipantFrom, "participant " + N(id));
}

StatusOr<std::vector<Participant>> ParticipationsOfDossier(Store& store, const std::string& dossier_id) {
  return Many<Participant>(store,
                           std::string("SELECT ") + kParticipantColumns +
                               " FROM group_participant WHERE dossier_id = ? ORDER BY participant_id",
                           {dossier_id}, ParticipantFrom);
}

StatusOr<std::vector<AttendanceRow>> ListAttendance(Store& store, int64_t group_id) {
  return Many<AttendanceRow>(
      store,
      "SELECT a.session_id, a.participant_id, a.attendance, a.recorded_by, a.recorded_at FROM group_attendance a "
      "JOIN group_session s ON s.session_id = a.session_id WHERE s.group_id = ? ORDER BY a.session_id, "
      "a.participant_id",
      {N(group_id)}, [](const SqlRow& r) {
        return AttendanceRow{GetInt(r, 0), GetInt(r, 1), Get(r, 2), Get(r, 3), Get(r, 4)};
      });
}

StatusOr<std::vector<Reminder>> DueReminders(Store& store, int64_t now, int limit) {
  // Consent is read again here, at sending time: an opt-out counts at once.
  return Many<Reminder>(store,
                        std::string("SELECT ") + kReminderColumns +
                            " FROM reminder r JOIN group_participant p ON p.participant_id = r.participant_id "
                            "JOIN group_session s ON s.session_id = r.session_id "
                            "WHERE r.status IN ('gepland', 'opnieuw') AND r.next_attempt_at <= ? "
                            "AND p.consent_reminders = 1 AND p.opted_out_at IS NULL AND s.cancelled = 0 "
                            // WhatsApp goes by the facilitator's day list, not by the server.
                            "AND r.channel <> 'whatsapp' "
                            "ORDER BY r.next_attempt_at, r.reminder_id LIMIT ?",
                        {N(now), N(limit)}, ReminderFrom);
}

StatusOr<std::vector<Reminder>> ListReminders(Store& store, int64_t group_id) {
  return Many<Reminder>(store,
                        std::string("SELECT ") + kReminderColumns +
                            " FROM reminder r JOIN group_session s ON s.session_id = r.session_id "
                            "WHERE s.group_id = ? ORDER BY r.due_at, r.participant_id, r.reminder_id",
                        {N(group_id)}, ReminderFrom);
}

StatusOr<Reminder> GetReminder(Store& store, int64_t id) {
  return One<Reminder>(store, std::string("SELECT ") + kReminderColumns + " FROM reminder r WHERE r.reminder_id = ?",
                       {N(id)}, ReminderFrom, "reminder " + N(id));
}

StatusOr<std::vector<Delivery>> ListDeliveries(Store& store, int64_t reminder_id) {
  return Many<Delivery>(
      store,
      "SELECT reminder_id, attempt, at, outcome, error FROM reminder_delivery WHERE reminder_id = ? "
      "ORDER BY attempt, delivery_id",
      {N(reminder_id)}, [](const SqlRow& r) {
        return Delivery{GetInt(r, 0), static_cast<int>(GetInt(r, 1)), GetInt(r, 2), Get(r, 3), Get(r, 4)};
      });
}

StatusOr<std::vector<std::vector<std::string>>> ListTemplates(Store& store) {
  return Many<std::vector<std::string>>(
      store, "SELECT language, kind, body FROM message_template ORDER BY language, kind", {}, [](const SqlRow& r) {
        return std::vector<std::string>{Get(r, 0), Get(r, 1), Get(r, 2)};
      });
}

StatusOr<std::vector<SupportItem>> ListItems(Store& store) {
  return Many<SupportItem>(store, std::string("SELECT ") + kItemColumns + " FROM support_item ORDER BY category, item",
                           {}, ItemFrom);
}

StatusOr<SupportItem> GetItem(Store& store, int64_t id) {
  return One<SupportItem>(store, std::string("SELECT ") + kItemColumns + " FROM support_item WHERE item_id = ?",
                          {N(id)}, ItemFrom, "support item " + N(id));
}

StatusOr<std::vector<Grant>> ListGrants(Store& store, const GrantFilter& f) {
  std::string sql = std::string("SELECT ") + kGrantColumns + " FROM support_grant WHERE 1=1";
  SqlRow params;
  if (!f.dossier_id.empty()) {
    sql += " AND dossier_id = ?";
    params.push_back(f.dossier_id);
  }
  if (!f.status.empty()) {
    sql += " AND status = ?";
    params.push_back(f.status);
  }
  if (f.year > 0) {
    sql += " AND granted_on >= ? AND granted_on <= ?";
    params.push_back(std::to_string(f.year) + "-01-01");
    params.push_back(std::to_string(f.year) + "-12-31");
  }
  return Many<Grant>(store, sql + " ORDER BY granted_on, grant_id", params, GrantFrom);
}

StatusOr<Grant> GetGrant(Store& store, int64_t id) {
  return One<Grant>(store, std::string("SELECT ") + kGrantColumns + " FROM support_grant WHERE grant_id = ?", {N(id)},
                    GrantFrom, "grant " + N(id));
}

}  // namespace opkomst::storage
