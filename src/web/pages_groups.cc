// Group work pages (issue 13): the groups, a group's sessions and
// participants, attendance in a few taps, the day's WhatsApp list, .ics
// downloads, and enrolment from a dossier. Phone-first: one column, large
// radio buttons. The facilitator sees first names, contacts and attendance
// of her own groups only; nothing of a dossier (no dossier id either).
#include <limits>
#include <map>

#include "app/groups.h"
#include "app/reminders.h"
#include "domain/text.h"
#include "web/app_internal.h"
#include "web/form.h"
#include "web/group_forms.h"

namespace opkomst::web {
namespace {

int64_t IdParam(Context& ctx, const char* name) {
  auto id = ParseInteger(ctx.params[name]);
  if (!id || *id <= 0) throw Failure(NotFound(std::string(name) + " " + ctx.params[name]));
  return *id;
}

storage::WorkGroup LoadGroup(Context& ctx) {
  auto group = storage::GetGroup(ctx.reader(), IdParam(ctx, "group"));
  if (!group.ok()) throw Failure(group.status());
  return *group;
}

app::Unsealer Unseal(Context& ctx) {
  return [&ctx](const std::string& sealed) { return ctx.app.sealer().Open(sealed); };
}

struct Person {
  std::string first_name, contact;
};
Person PersonOf(Context& ctx, const storage::Participant& p) {
  Person person;
  auto plain = ctx.app.sealer().Open(p.sealed_contact);
  if (plain.ok()) app::SplitContact(*plain, &person.first_name, &person.contact);
  return person;
}

std::string GroupPath(const storage::WorkGroup& g) { return "/groepen/" + std::to_string(g.id); }

std::string Topic(Context& ctx, const std::string& code) { return ctx.T("groep.thema." + code); }

// Findings of a use case's kInvalidInput as a 422 page in the user's language.
void Invalid(Context& ctx, const Findings& findings) {
  ctx.audit_outcome = "ongeldig";
  std::string text;
  for (const Finding& f : findings.items()) text += (text.empty() ? "" : "; ") + f.Describe(ctx.language);
  SendMessage(ctx, 422, ctx.T("fout.formulier"), text);
}

}  // namespace

std::string GroupFacilitator(Context& ctx) {
  auto id = ParseInteger(ctx.params["group"]);
  if (!id) return "";
  auto group = storage::GetGroup(ctx.reader(), *id);
  if (group.ok()) return group->facilitator;
  if (group.status().code() != StatusCode::kNotFound) throw Failure(group.status());
  return "";
}

void GroupsPage(Context& ctx) {
  bool facilitator = ctx.who().role == Role::kFacilitator;
  auto groups = storage::ListGroups(ctx.reader(), facilitator ? ctx.who().username : "");
  if (!groups.ok()) throw Failure(groups.status());
  std::string body = "<ul class=\"card\">";
  for (const storage::WorkGroup& g : *groups)
    body += "<li><a href=\"" + GroupPath(g) + "\">" + Escape(g.name) + "</a> · " + Escape(g.location) + " · " +
            Escape(g.due_from) + " – " + Escape(g.due_to) + "</li>";
  if (groups->empty()) body += "<li>" + Escape(ctx.T("groep.geen")) + "</li>";
  body += "</ul>";
  if (ctx.Allowed(Action::kEnrolWithoutDossier))
    body += "<p><a href=\"/groepen/inschrijven\">" + Escape(ctx.T("groep.licht.link")) + "</a></p>";
  if (ctx.Allowed(Action::kManageGroups)) {
    body += "<h2>" + Escape(ctx.T("groep.nieuw")) + "</h2><form method=\"post\" action=\"/groepen\" class=\"card\">" +
            CsrfField(ctx) + InputField("naam", ctx.T("groep.naam"), "", {}, "text", "required maxlength=\"200\"") +
            InputField("begeleider", ctx.T("groep.begeleider"), "", {}, "text", "required") +
            InputField("plaats", ctx.T("groep.plaats"), "", {}, "text", "required maxlength=\"200\"") +
            "<div class=\"row\">" + InputField("van", ctx.T("groep.venster_van"), "", {}, "date", "required") +
            InputField("tot", ctx.T("groep.venster_tot"), "", {}, "date", "required") + "</div><div class=\"row\">" +
            InputField("bijeenkomsten", ctx.T("groep.bijeenkomsten"), "12", {}, "number", "min=\"10\" max=\"12\"") +
            InputField("uur", ctx.T("groep.uur"), "10:00", {}, "time", "") + "</div><button type=\"submit\">" +
            Escape(ctx.T("groep.aanmaken")) + "</button></form>";
  }
  SendPage(ctx, ctx.T("groep.titel"), body);
}

void GroupsPost(Context& ctx) {
  const WebRequest& r = ctx.request;
  app::CreateGroupCommand command;
  command.group = {
      0, r.Form("naam"), r.Form("begeleider"), r.Form("plaats"), r.Form("van"), r.Form("tot"), ctx.who().username};
  command.plan.meetings = static_cast<int>(WholeNumber(r.Form("bijeenkomsten"), 0, 99).value_or(0));
  command.plan.start_minute = groups::ParseClock(r.Form("uur")).value_or(-1);
  Findings findings = app::ValidateGroup(command.group);
  groups::PlanRequest check = command.plan;
  if (findings.empty()) {
    check.due_from = *Date::Parse(command.group.due_from);
    check.due_to = *Date::Parse(command.group.due_to);
    groups::PlanSessions(check, &findings);
  }
  if (!findings.empty()) return Invalid(ctx, findings);
  command.audit = ChangeEvent(ctx);
  auto group = app::CreateGroup(ctx.services(), command);
  if (!group.ok()) throw Failure(group.status());
  ctx.change_audited = true;
  ctx.response.Redirect(GroupPath(*group));
}

void GroupPage(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  auto sessions = storage::ListSessions(ctx.reader(), group.id);
  auto participants = storage::ListParticipants(ctx.reader(), group.id);
  auto attendance = storage::ListAttendance(ctx.reader(), group.id);
  auto reminders = storage::ListReminders(ctx.reader(), group.id);
  if (!sessions.ok() || !participants.ok() || !attendance.ok() || !reminders.ok())
    throw Failure(Unavailable("group " + std::to_string(group.id)));
  std::map<int64_t, int> present;
  for (const auto& a : *attendance) present[a.session_id] += a.attendance == "aanwezig";
  std::string path = GroupPath(group);
  std::string body = "<p>" + Escape(group.location) + " · " + Escape(ctx.T("groep.begeleider")) + ": " +
                     Escape(group.facilitator) + "</p><p class=\"actions\"><a href=\"" + path + "/dag\">" +
                     Escape(ctx.T("groep.daglijst")) + "</a></p>";
  body += "<h2>" + Escape(ctx.T("groep.sessies")) + "</h2><table><thead><tr><th>" + Escape(ctx.T("veld.datum")) +
          "</th><th>" + Escape(ctx.T("groep.uur")) + "</th><th>" + Escape(ctx.T("groep.thema")) + "</th><th>" +
          Escape(ctx.T("groep.aanwezig")) + "</th></tr></thead><tbody>";
  for (const storage::GroupSession& s : *sessions)
    body += "<tr><td><a href=\"" + path + "/sessies/" + std::to_string(s.id) + "\">" + Escape(s.date) +
            "</a></td><td>" + groups::FormatClock(s.start_minute) + "</td><td>" + Escape(Topic(ctx, s.topic)) +
            (s.cancelled ? " (" + Escape(ctx.T("groep.geannuleerd")) + ")" : "") + "</td><td>" +
            std::to_string(present[s.id]) + "/" + std::to_string(participants->size()) + "</td></tr>";
  body += "</tbody></table><h2>" + Escape(ctx.T("groep.deelnemers")) + "</h2><table><tbody>";
  for (const storage::Participant& p : *participants) {
    Person person = PersonOf(ctx, p);
    std::string id = std::to_string(p.id);
    bool reminded = p.consent_reminders && p.opted_out_at.empty();
    body += "<tr><td>" + Escape(person.first_name) + "</td><td>" + Escape(person.contact) + " (" +
            Escape(ctx.T("groep.kanaal." + p.channel)) + ")</td><td><a href=\"" + path + "/agenda/" + id +
            "\">.ics</a></td><td><form method=\"post\" action=\"" + path + "/deelnemers/" + id +
            "/herinneringen\" class=\"inline\">" + CsrfField(ctx) +
            "<input type=\"hidden\" name=\"toestemming\" value=\"" + (reminded ? "nee" : "ja") +
            "\"><button type=\"submit\">" +
            Escape(ctx.T(reminded ? "groep.herinneringen_uit" : "groep.herinneringen_aan")) +
            "</button></form></td><td><details><summary>" + Escape(ctx.T("groep.zorg_doorgeven")) +
            "</summary><form method=\"post\" action=\"" + path + "/deelnemers/" + id + "/zorg\">" + CsrfField(ctx) +
            "<label for=\"zorg" + id + "\">" + Escape(ctx.T("groep.zorg_notitie")) + "</label><textarea id=\"zorg" +
            id + "\" name=\"notitie\" required maxlength=\"2000\"></textarea><button type=\"submit\">" +
            Escape(ctx.T("groep.zorg_doorgeven")) + "</button></form></details></td></tr>";
  }
  body += "</tbody></table>";
  // The reminders: what waits, what went, and every failure with its error.
  std::map<std::string, int> by_status;
  std::string failures;
  for (const storage::Reminder& m : *reminders) {
    ++by_status[m.status];
    if (m.status == "mislukt" || m.status == "opnieuw")
      failures += "<li>" + Escape(groups::FormatBrussels(m.due_at)) + " · " + Escape(m.channel) + " · " +
                  Escape(ctx.T("herinnering.status." + m.status)) + " (" + std::to_string(m.attempts) +
                  "): " + Escape(m.last_error) + "</li>";
  }
  body += "<h2>" + Escape(ctx.T("groep.herinneringen")) + "</h2><p>";
  for (const auto& [status, count] : by_status)
    body += "<span class=\"badge\">" + Escape(ctx.T("herinnering.status." + status)) + ": " + std::to_string(count) +
            "</span> ";
  body += "</p>" + (failures.empty() ? "" : "<ul class=\"error\">" + failures + "</ul>") +
          "<form method=\"post\" action=\"" + path + "/herinneringen\">" + CsrfField(ctx) + "<button type=\"submit\">" +
          Escape(ctx.T("groep.herinneringen_plannen")) + "</button></form>";
  SendPage(ctx, group.name, body);
}

void AttendancePage(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  auto session = storage::GetSession(ctx.reader(), IdParam(ctx, "session"));
  if (!session.ok() || session->group_id != group.id) throw Failure(NotFound("session"));
  auto participants = storage::ListParticipants(ctx.reader(), group.id);
  auto attendance = storage::ListAttendance(ctx.reader(), group.id);
  if (!participants.ok() || !attendance.ok()) throw Failure(Unavailable("group"));
  std::map<int64_t, std::string> marked;
  for (const auto& a : *attendance)
    if (a.session_id == session->id) marked[a.participant_id] = a.attendance;
  std::string path = GroupPath(group) + "/sessies/" + std::to_string(session->id);
  std::string body = "<p>" + Escape(session->date) + " " + groups::FormatClock(session->start_minute) + " · " +
                     Escape(Topic(ctx, session->topic)) + " · " + Escape(session->location) + "</p>";
  if (ctx.request.Query("bewaard") == "1") body += "<p class=\"message\">" + Escape(ctx.T("bewaard")) + "</p>";
  body += "<form method=\"post\" action=\"" + path + "\" class=\"card narrow\">" + CsrfField(ctx);
  for (const storage::Participant& p : *participants) {
    std::string name = "p" + std::to_string(p.id);
    body += "<fieldset class=\"field\"><legend>" + Escape(PersonOf(ctx, p).first_name) + "</legend>";
    for (groups::Attendance value :
         {groups::Attendance::kPresent, groups::Attendance::kExcused, groups::Attendance::kAbsent}) {
      std::string code(groups::AttendanceName(value));
      body += "<label><input type=\"radio\" name=\"" + name + "\" value=\"" + code + "\"" +
              (marked[p.id] == code ? " checked" : "") + "> " + Escape(ctx.T("aanwezigheid." + code)) + "</label> ";
    }
    body += "</fieldset>";
  }
  body += "<button type=\"submit\">" + Escape(ctx.T("groep.bewaren")) + "</button></form>";
  if (ctx.Allowed(Action::kManageGroups)) {
    body += "<h2>" + Escape(ctx.T("groep.sessie_wijzigen")) + "</h2><form method=\"post\" action=\"" + path +
            "/wijzigen\" class=\"card narrow\">" + CsrfField(ctx) +
            InputField("datum", ctx.T("veld.datum"), session->date, {}, "date", "required") +
            InputField("uur", ctx.T("groep.uur"), groups::FormatClock(session->start_minute), {}, "time", "required") +
            "<div class=\"field\"><label for=\"thema\">" + Escape(ctx.T("groep.thema")) +
            "</label><select id=\"thema\" name=\"thema\">";
    for (const std::string& topic : groups::Topics())
      body += "<option value=\"" + topic + "\"" + (topic == session->topic ? " selected" : "") + ">" +
              Escape(Topic(ctx, topic)) + "</option>";
    body += "</select></div>" + InputField("plaats", ctx.T("groep.plaats"), session->location, {}, "text", "required") +
            "<label><input type=\"checkbox\" name=\"geannuleerd\" value=\"1\"" +
            (session->cancelled ? " checked" : "") + "> " + Escape(ctx.T("groep.geannuleerd")) +
            "</label><button type=\"submit\">" + Escape(ctx.T("groep.bewaren")) + "</button></form>";
  }
  SendPage(ctx, group.name, body);
}

void AttendancePost(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  int64_t session = IdParam(ctx, "session");
  auto participants = storage::ListParticipants(ctx.reader(), group.id);
  if (!participants.ok()) throw Failure(participants.status());
  app::AttendanceCommand command{group.id, session, {}, ctx.who().username, storage::AuditTimestamp(), {}};
  for (const storage::Participant& p : *participants) {
    std::string value = ctx.request.Form("p" + std::to_string(p.id));
    if (value.empty()) continue;
    auto parsed = groups::ParseAttendance(value);
    if (!parsed) {
      Findings findings;
      findings.Add({"", 0, "attendance", value, "value.code", "aanwezig, verontschuldigd, afwezig"});
      return Invalid(ctx, findings);
    }
    command.marks.emplace_back(p.id, *parsed);
  }
  ctx.audit_detail = "sessie=" + std::to_string(session) + " aantal=" + std::to_string(command.marks.size());
  command.audit = ChangeEvent(ctx);
  Status s = app::RecordAttendance(ctx.services(), command);
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect(GroupPath(group) + "/sessies/" + std::to_string(session) + "?bewaard=1");
}

void SessionEditPost(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  const WebRequest& r = ctx.request;
  storage::GroupSession s{
      IdParam(ctx, "session"), group.id,         r.Form("datum"), groups::ParseClock(r.Form("uur")).value_or(-1),
      r.Form("thema"),         r.Form("plaats"), false,           r.Form("geannuleerd") == "1"};
  ctx.audit_detail = "sessie=" + std::to_string(s.id);
  Status status = app::EditSession(ctx.services(), {s, ChangeEvent(ctx)});
  if (status.code() == StatusCode::kInvalidInput)
    return SendMessage(ctx, 422, ctx.T("fout.formulier"), status.message());
  if (!status.ok()) throw Failure(status);
  ctx.change_audited = true;
  ctx.response.Redirect(GroupPath(group) + "/sessies/" + std::to_string(s.id) + "?bewaard=1");
}

void DayListPage(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  std::string day_text = ctx.request.Query("datum").empty() ? Today(ctx.app) : ctx.request.Query("datum");
  auto day = Date::Parse(day_text);
  if (!day) {
    Findings findings;
    findings.Add({"", 0, "datum", day_text, "value.date", ""});
    return Invalid(ctx, findings);
  }
  auto lines = app::DayList(ctx.reader(), group.id, *day, Unseal(ctx));
  if (!lines.ok()) throw Failure(lines.status());
  std::string body = "<form method=\"get\" class=\"filters\">" +
                     InputField("datum", ctx.T("veld.datum"), day->ToString(), {}, "date") +
                     "<button type=\"submit\">" + Escape(ctx.T("groep.tonen")) + "</button></form><p class=\"note\">" +
                     Escape(ctx.T("groep.daglijst_uitleg")) + "</p><ol class=\"card\">";
  for (const app::DayListLine& line : *lines)
    body += "<li><strong>" + Escape(line.first_name) + "</strong> · " + Escape(line.number) + " · " +
            Escape(ctx.T("herinnering.soort." + line.kind)) + "<br><a class=\"whatsapp\" href=\"" + Escape(line.link) +
            "\" rel=\"noopener noreferrer\" target=\"_blank\">" + Escape(ctx.T("groep.whatsapp_open")) +
            "</a><p class=\"small\">" + Escape(line.text) + "</p></li>";
  if (lines->empty()) body += "<li>" + Escape(ctx.T("groep.daglijst_leeg")) + "</li>";
  body += "</ol>";
  SendPage(ctx, group.name + " · " + day->ToString(), body);
}

void PlanRemindersPost(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  auto planned = app::PlanReminders(ctx.services(), {group.id, ctx.app.Now(), 540, ChangeEvent(ctx)});
  if (!planned.ok()) throw Failure(planned.status());
  ctx.change_audited = true;
  ctx.response.Redirect(GroupPath(group));
}

void IcsDownload(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  auto participant = storage::GetParticipant(ctx.reader(), IdParam(ctx, "participant"));
  if (!participant.ok() || participant->group_id != group.id) throw Failure(NotFound("participant"));
  auto sessions = storage::ListSessions(ctx.reader(), group.id);
  auto texts = app::ReminderTexts::Load(ctx.reader());
  if (!sessions.ok() || !texts.ok()) throw Failure(Unavailable("group"));
  ctx.audit_detail = "deelnemer=" + std::to_string(participant->id);
  ctx.response.body = app::SessionsIcs(group, *sessions, participant->language, *texts, ctx.app.Now());
  ctx.response.content_type = "text/calendar; charset=utf-8";  // the one Content-Type header
  ctx.response.Header("Content-Disposition", "attachment; filename=\"groepswerking-" + std::to_string(group.id) + "-" +
                                                 std::to_string(participant->id) + ".ics\"");
}

void ConcernPost(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  std::string note = ctx.request.Form("notitie");
  Findings findings;
  if (note.empty()) findings.Add({"", 0, "notitie", "", "value.required", ""});
  if (note.size() > 2000) findings.Add({"", 0, "notitie", note.substr(0, 20), "value.too_long", "2000"});
  if (!findings.empty()) return Invalid(ctx, findings);
  std::string text = ctx.T("groep.zorg_voorvoegsel") + " " + group.name + ": " + note;
  Status s = app::PassOnConcern(ctx.services(), {group.id, IdParam(ctx, "participant"), Today(ctx.app),
                                                 ctx.app.sealer().Seal(text), ctx.who().username, ChangeEvent(ctx)});
  if (s.code() == StatusCode::kInvalidInput)
    return SendMessage(ctx, 422, ctx.T("fout.formulier"), ctx.T("groep.zorg_geen_dossier"));
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect(GroupPath(group) + "?bewaard=1");
}

void ConsentPost(Context& ctx) {
  storage::WorkGroup group = LoadGroup(ctx);
  auto participant = storage::GetParticipant(ctx.reader(), IdParam(ctx, "participant"));
  if (!participant.ok() || participant->group_id != group.id) throw Failure(NotFound("participant"));
  bool consent = ctx.request.Form("toestemming") == "ja";
  ctx.audit_detail = "deelnemer=" + std::to_string(participant->id) + (consent ? " aan" : " uit");
  Status s =
      app::SetReminderConsent(ctx.services(), {participant->id, consent, storage::AuditTimestamp(), ChangeEvent(ctx)});
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect(GroupPath(group));
}

void EnrolPage(Context& ctx) {
  auto groups = storage::ListGroups(ctx.reader(), "");
  if (!groups.ok()) throw Failure(groups.status());
  const Dossier& d = *ctx.dossier;
  std::string path = "/dossiers/" + UrlEncode(d.dossier_id) + "/groep";
  std::string body = "<form method=\"post\" action=\"" + path + "\" class=\"card narrow\">" + CsrfField(ctx) +
                     "<div class=\"field\"><label for=\"groep\">" + Escape(ctx.T("groep.groep")) +
                     "</label><select id=\"groep\" name=\"groep\" required>";
  for (const storage::WorkGroup& g : *groups)
    body += "<option value=\"" + std::to_string(g.id) + "\">" + Escape(g.name) + " (" + Escape(g.due_from) + " – " +
            Escape(g.due_to) + ")</option>";
  body += "</select></div>" +
          InputField("voornaam", ctx.T("groep.voornaam"), "", {}, "text", "required maxlength=\"100\"") +
          "<div class=\"field\"><label for=\"kanaal\">" + Escape(ctx.T("groep.kanaal")) +
          "</label><select id=\"kanaal\" name=\"kanaal\">";
  for (const char* channel : {"whatsapp", "sms", "email"})
    body += "<option value=\"" + std::string(channel) + "\">" + Escape(ctx.T(std::string("groep.kanaal.") + channel)) +
            "</option>";
  body +=
      "</select></div>" + InputField("contact", ctx.T("groep.contact"), "", {}, "text", "required maxlength=\"254\"") +
      InputField("taal", ctx.T("groep.taal"), "nl", {}, "text", "required maxlength=\"2\"") +
      InputField("uitgerekend", ctx.T("groep.uitgerekend"), d.due_date ? d.due_date->ToString() : "", {}, "date",
                 "required") +
      "<label><input type=\"checkbox\" name=\"contact_ok\" value=\"1\"> " + Escape(ctx.T("groep.toestemming_contact")) +
      "</label><br><label><input type=\"checkbox\" name=\"herinneringen_ok\" value=\"1\"> " +
      Escape(ctx.T("groep.toestemming_herinneringen")) + "</label><br><button type=\"submit\">" +
      Escape(ctx.T("groep.inschrijven")) + "</button></form>";
  auto mine = storage::ParticipationsOfDossier(ctx.reader(), d.dossier_id);
  if (mine.ok() && !mine->empty()) {
    body += "<h2>" + Escape(ctx.T("groep.ingeschreven")) + "</h2><ul>";
    for (const auto& p : *mine)
      for (const auto& g : *groups)
        if (g.id == p.group_id) body += "<li>" + Escape(g.name) + "</li>";
    body += "</ul>";
  }
  if (ctx.request.Query("bewaard") == "1") body = "<p class=\"message\">" + Escape(ctx.T("bewaard")) + "</p>" + body;
  SendPage(ctx, ctx.T("groep.inschrijven_titel") + " " + d.dossier_id, body);
}

void EnrolPost(Context& ctx) {
  const WebRequest& r = ctx.request;
  std::string channel = r.Form("kanaal"), contact = r.Form("contact"), first_name = r.Form("voornaam");
  Findings findings = app::ValidateReminderContact(channel, contact);
  if (first_name.empty()) findings.Add({"", 0, "voornaam", "", "value.required", ""});
  CheckFreeText("", 0, "voornaam", first_name, &findings);
  auto group = WholeNumber(r.Form("groep"), 1, std::numeric_limits<int64_t>::max());
  if (!group) findings.Add({"", 0, "groep", r.Form("groep"), "value.required", ""});
  if (!findings.empty()) return Invalid(ctx, findings);
  storage::Participant p =
      ParticipantFromForm(ctx, *group, ctx.app.sealer().Seal(app::ContactPlaintext(first_name, contact)), channel);
  p.dossier_id = ctx.dossier->dossier_id;
  ctx.audit_detail = "groep=" + std::to_string(*group);
  auto id = app::Enrol(ctx.services(), {p, ChangeEvent(ctx)});
  if (id.status().code() == StatusCode::kInvalidInput)
    return SendMessage(ctx, 422, ctx.T("fout.formulier"), id.status().message());
  if (id.status().code() == StatusCode::kAlreadyExists)
    return SendMessage(ctx, 409, ctx.T("fout.formulier"), ctx.T("groep.al_ingeschreven"));
  if (!id.ok()) throw Failure(id.status());
  ctx.change_audited = true;
  ctx.response.Redirect("/dossiers/" + UrlEncode(ctx.dossier->dossier_id) + "/groep?bewaard=1");
}

storage::Participant ParticipantFromForm(Context& ctx, int64_t group_id, std::string sealed_contact,
                                         const std::string& channel) {
  const WebRequest& r = ctx.request;
  storage::Participant p;
  p.group_id = group_id;
  p.sealed_contact = std::move(sealed_contact);
  p.due_date = r.Form("uitgerekend");
  p.language = r.Form("taal");
  p.channel = channel;
  p.consent_contact = r.Form("contact_ok") == "1";
  p.consent_reminders = r.Form("herinneringen_ok") == "1";
  p.enrolled_by = ctx.who().username;
  p.enrolled_at = storage::AuditTimestamp();
  return p;
}

}  // namespace opkomst::web
