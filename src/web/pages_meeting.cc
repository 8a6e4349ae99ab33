// The weekly Opkomst meeting (overleg): its agenda (built when shown),
// participants, hand-added items with sealed notes, and the decisions on
// referrals, each worker's load against capacity beside the choice, and
// the Opkomst+ hint. Pseudonymous: referrals appear by number and
// initials; `?afdruk=1` gives the printable minutes without the forms.
#include <algorithm>

#include "app/intake.h"
#include "storage/intake_store.h"
#include "storage/team.h"
#include "web/form.h"
#include "web/intake_pages.h"
#include "web/report_view.h"

namespace opkomst::web {
namespace {

constexpr int kDefaultCapacity = 12;  // as the caseload's team view

std::string MeetingDate(Context& ctx) {
  std::string date = ctx.params["datum"];
  if (!Date::Parse(date)) throw Failure(NotFound("overleg " + date.substr(0, 12)));
  return date;
}

// Workers with their running dossiers against capacity, for the choice.
std::string WorkerOptions(Context& ctx) {
  auto accounts = team::ListAccounts(ctx.reader());
  auto loads = team::RunningPerWorker(ctx.reader());
  if (!accounts.ok()) throw Failure(accounts.status());
  if (!loads.ok()) throw Failure(loads.status());
  std::string out = "<option value=\"\">-</option>";
  for (const auto& a : *accounts) {
    if (!a.active || (a.role != "maatschappelijk_werker" && a.role != "teamverantwoordelijke")) continue;
    int running = 0;
    for (const auto& l : *loads)
      if (l.social_worker == a.username) running = l.running_plus + l.running_opkomst;
    int capacity = a.capacity.value_or(kDefaultCapacity);
    out += "<option value=\"" + Escape(a.username) + "\">" + Escape(a.display_name) + " (" + std::to_string(running) +
           "/" + std::to_string(capacity) + (running >= capacity ? " " + ctx.T("caseload.boven_capaciteit") : "") +
           ")</option>";
  }
  return out;
}

std::string Initials(Context& ctx, const storage::StoredReferral& s) {
  if (s.identity_sealed.empty()) return "-";
  auto opened = ctx.app.sealer().Open(s.identity_sealed);
  return opened.ok() ? intake::Initials(intake::DecodeIdentity(*opened).name) : "?";
}

// A decision the meeting page refused: the referral it was for and the
// broken rules next to its fields; the form shows the values as posted.
struct RefusedDecision {
  int64_t referral_id = 0;
  FormErrors errors;
};

std::string Choice(const std::string& name, const std::string& id, const std::string& label, const std::string& options,
                   const FormErrors& errors) {
  bool bad = errors.count(name) > 0;
  return "<div class=\"field" + std::string(bad ? " invalid" : "") + "\"><label for=\"" + id + "\">" + Escape(label) +
         "</label><select id=\"" + id + "\" name=\"" + name + "\"" +
         (bad ? " aria-invalid=\"true\" aria-describedby=\"fout-" + name + "\"" : "") + ">" + options + "</select>" +
         FieldError(errors, name) + "</div>";
}

std::string Text(const std::string& name, const std::string& id, const std::string& label, const std::string& value,
                 const FormErrors& errors) {
  bool bad = errors.count(name) > 0;
  return "<div class=\"field" + std::string(bad ? " invalid" : "") + "\"><label for=\"" + id + "\">" + Escape(label) +
         "</label><input type=\"text\" maxlength=\"120\" id=\"" + id + "\" name=\"" + name + "\"" +
         (bad ? " aria-invalid=\"true\" aria-describedby=\"fout-" + name + "\"" : "") + " value=\"" + Escape(value) +
         "\">" + FieldError(errors, name) + "</div>";
}

std::string Option(const std::string& value, const std::string& text, const std::string& current) {
  return "<option value=\"" + Escape(value) + "\"" + (value == current ? " selected" : "") + ">" + Escape(text) +
         "</option>";
}

std::string DecisionForm(Context& ctx, const std::string& date, const storage::StoredReferral& s,
                         const std::string& workers, const RefusedDecision* refused) {
  static const FormErrors kNone;
  const FormErrors& errors = refused ? refused->errors : kNone;
  auto posted = [&](const char* name, const std::string& fallback) {
    return refused ? ctx.request.Form(name) : fallback;
  };
  std::string decision = posted("beslissing", ""), reason = posted("reden", ""), track = posted("traject", "");
  std::string worker = posted("werker", "");
  std::string options;
  for (const std::string& code : intake::DecisionCodes())
    options += Option(code, ctx.T("intake.status." + code), decision);
  std::string reasons = "<option value=\"\">-</option>";
  for (const std::string& code : app::DeclineReasons())
    reasons += Option(code, ctx.T("intake.afwijzing." + code), reason);
  std::string worker_options = workers;
  if (!worker.empty()) {  // the posted worker stays chosen
    std::string mark = "<option value=\"" + Escape(worker) + "\">";
    if (size_t at = worker_options.find(mark); at != std::string::npos)
      worker_options.insert(at + mark.size() - 1, " selected");
  }
  std::string id = std::to_string(s.referral.id);
  std::string out = "<form method=\"post\" action=\"/overleg/" + Escape(date) + "/beslissing\" class=\"decision\">" +
                    CsrfField(ctx) + "<input type=\"hidden\" name=\"aanmelding\" value=\"" + id + "\">";
  if (refused)
    out +=
        "<p class=\"error\" role=\"alert\" id=\"beslissing-fout\">" + Escape(ctx.T("intake.beslissing_fout")) + "</p>";
  return out + "<div class=\"row\">" +
         Choice("beslissing", "beslissing-" + id, ctx.T("intake.beslissing"), options, errors) +
         Choice("traject", "traject-" + id, ctx.T("intake.combinatie_traject"),
                Option("opkomst", "Opkomst", track) + Option("opkomst_plus", "Opkomst+", track), errors) +
         Choice("werker", "werker-" + id, ctx.T("intake.werker_belasting"), worker_options, errors) +
         Choice("reden", "reden-" + id, ctx.T("intake.afwijzing"), reasons, errors) +
         Text("elders", "elders-" + id, ctx.T("intake.elders_naar"), posted("elders", ""), errors) +
         Text("mother_id", "moeder-" + id, ctx.T("intake.gekende_moeder"), posted("mother_id", s.referral.mother_id),
              errors) +
         "</div><button type=\"submit\">" + Escape(ctx.T("intake.beslissen")) + "</button></form>";
}

// The referral analytics (T30-T34, F21-F22) as the report page shows them,
// with the same suppression (web/report_view.h), folded away under the
// agenda: the meeting sees the intake's figures without leaving the page.
std::string ReferralFigures(Context& ctx) {
  ReportView view = BuildReportView(ctx, {"T30", "T31", "T32", "T33", "T34", "F21", "F22"});
  if (!view.report) return "";
  return "<details class=\"card\"><summary>" + Escape(ctx.T("intake.analyse")) +
         "</summary><div class=\"report\" lang=\"nl\">" + report::RenderHtmlBody(*view.report) + "</div></details>";
}

std::string ReferralItem(Context& ctx, const std::string& date, const storage::StoredReferral& s, bool print,
                         const std::string& workers, const std::vector<storage::Organisation>& organisations,
                         const RefusedDecision* refused) {
  const intake::Referral& r = s.referral;
  std::string org = ctx.T("intake.zelfmelding");
  for (const auto& o : organisations)
    if (o.id == r.organisation_id) org = o.name;
  std::string reasons;
  for (const std::string& code : r.reasons) reasons += (reasons.empty() ? "" : ", ") + ctx.T("intake.reden." + code);
  auto month = intake::PregnancyMonthAt(r);
  char month_text[16] = "-";
  if (month) std::snprintf(month_text, sizeof month_text, "%.1f", *month);
  std::string out = "<section class=\"card referral-item\" id=\"aanmelding-" + std::to_string(r.id) + "\"><h3>" +
                    Escape(ctx.T("intake.aanmelding")) + " " + std::to_string(r.id) + " · " +
                    (print ? "" : Escape(Initials(ctx, s)) + " · ") + Escape(org) + "</h3><p>" +
                    Escape(ctx.T("intake.ontvangen")) + " " + r.received_on.ToString() + " · " +
                    Escape(ctx.T("intake.zwangerschapsmaand")) + " " + month_text + " · " +
                    Escape(ctx.T("intake." + r.urgency)) +
                    (r.mother_age ? " · " + std::to_string(*r.mother_age) + " " + Escape(ctx.T("intake.jaar")) : "") +
                    "</p><p>" + Escape(reasons) + "</p>";
  if (s.hint) out += "<p class=\"note hint\"><strong>" + Escape(ctx.T("intake.hint")) + "</strong></p>";
  if (!print && !s.note_sealed.empty())
    if (auto note = ctx.app.sealer().Open(s.note_sealed); note.ok())
      out += "<p class=\"note\">" + Escape(*note) + "</p>";
  if (s.status == "beslist") {
    out += "<p><strong>" + Escape(ctx.T("intake.status." + s.decision)) + "</strong>" +
           (s.decision_detail.empty()
                ? ""
                : " (" +
                      Escape(s.decision == "afgewezen" ? ctx.T("intake.afwijzing." + s.decision_detail)
                                                       : s.decision_detail) +
                      ")") +
           (s.assigned_worker.empty() ? "" : " · " + Escape(s.assigned_worker)) +
           (s.dossier_id.empty() || print ? "" : " · " + Escape(s.dossier_id)) + "</p>";
  } else if (r.sharing.withdrawn_on) {
    out += "<p>" + Escape(ctx.T("intake.ingetrokken")) + "</p>";
  } else if (!print && ctx.Allowed(Action::kDecideReferral)) {
    if (!s.identity_sealed.empty()) {
      auto opened = ctx.app.sealer().Open(s.identity_sealed);
      if (opened.ok()) {
        auto duplicates = app::FindPossibleDuplicates(ctx.reader(), ctx.app.sealer(), r.mother_id,
                                                      intake::DecodeIdentity(*opened), r.due_date, r.id);
        if (!duplicates.ok()) throw Failure(duplicates.status());
        for (const auto& d : *duplicates)
          out += "<p class=\"error\">" + Escape(ctx.T("intake.dubbel." + d.kind)) + " " + Escape(d.id) +
                 (d.mother_id.empty() ? "" : " (" + Escape(d.mother_id) + ")") + ": " +
                 Escape(ctx.T("intake.dubbel_reden." + d.why)) + "</p>";
      }
    }
    out += DecisionForm(ctx, date, s, workers, refused && refused->referral_id == r.id ? refused : nullptr);
  }
  return out + "</section>";
}

// The meeting page; `refused`: a decision that broke a rule, shown with
// its errors next to the choice (status 422).
void SendMeeting(Context& ctx, const std::string& date, const RefusedDecision* refused) {
  bool print = !refused && ctx.request.Query("afdruk") == "1";
  auto meeting = storage::GetMeeting(ctx.reader(), date);
  if (!meeting.ok()) throw Failure(meeting.status());
  if (!*meeting) throw Failure(NotFound("overleg " + date));
  auto agenda = app::BuildAgenda(ctx.reader(), date, TodayOf(ctx), ctx.app.options().contact_rhythm_days);
  auto organisations = storage::ListOrganisations(ctx.reader());
  if (!agenda.ok()) throw Failure(agenda.status());
  if (!organisations.ok()) throw Failure(organisations.status());
  std::string workers = print || !ctx.Allowed(Action::kDecideReferral) ? "" : WorkerOptions(ctx);
  std::string people;
  for (const auto& p : (*meeting)->participants) people += (people.empty() ? "" : ", ") + p;
  std::string body;
  if (!print)
    body += "<p class=\"actions\"><a href=\"/overleg/" + Escape(date) + "?afdruk=1\">" +
            Escape(ctx.T("intake.verslag")) + "</a> · <a href=\"/intake\">" + Escape(ctx.T("intake.wachtrij.titel")) +
            "</a>" +
            (ctx.Allowed(Action::kViewReport)
                 ? " · <a href=\"/rapporten?tabellen=T30,T31,T32,T33,T34,F21,F22&amp;peildatum=" + Escape(date) +
                       "\">" + Escape(ctx.T("intake.analyse")) + "</a>"
                 : "") +
            "</p>";
  body += "<h2>" + Escape(ctx.T("intake.deelnemers")) + "</h2><p>" + Escape(people) + "</p>";
  if (!print && ctx.Allowed(Action::kDecideReferral))
    body += "<form method=\"post\" action=\"/overleg/" + Escape(date) + "/deelnemers\" class=\"inline\">" +
            CsrfField(ctx) +
            InputField("deelnemers", ctx.T("intake.deelnemers_invoer"), people, {}, "text", "maxlength=\"1000\"") +
            "<button type=\"submit\">" + Escape(ctx.T("opslaan")) + "</button></form>";
  body += "<h2>" + Escape(ctx.T("intake.agenda.aanmeldingen")) + "</h2>";
  if (agenda->referrals.empty()) body += "<p>" + Escape(ctx.T("intake.geen")) + "</p>";
  bool refused_shown = false;
  for (const auto& s : agenda->referrals) {
    body += ReferralItem(ctx, date, s, print, workers, *organisations, refused);
    refused_shown |=
        refused && refused->referral_id == s.referral.id && s.status != "beslist" && !s.referral.sharing.withdrawn_on;
  }
  // A decision on a referral this page does not offer: no field to put the error next to.
  if (refused && !refused_shown) throw Failure(InvalidInput("aanmelding " + std::to_string(refused->referral_id)));
  body += "<h2>" + Escape(ctx.T("intake.agenda.te_doen")) + "</h2><ul>";
  for (const auto& d : agenda->due)
    body += "<li>" + Escape(d.dossier_id) + " · " + Escape(d.social_worker) + " · " + Escape(ctx.T("due." + d.what)) +
            "</li>";
  body += "</ul><h2>" + Escape(ctx.T("intake.aanklampend")) + "</h2><ul>";
  for (const auto& d : agenda->without_contact)
    body += "<li>" + Escape(d.dossier_id) + " · " + Escape(d.social_worker) + " · " +
            Escape(ctx.T("intake.laatste_contact")) + " " +
            Escape(d.last_contact_on.empty() ? d.start_date : d.last_contact_on) + "</li>";
  body += "</ul><h2>" + Escape(ctx.T("intake.agenda.punten")) + "</h2><ul>";
  for (const auto& item : agenda->hand_added) {
    std::string note;
    if (!print)
      if (auto opened = ctx.app.sealer().Open(item.note_sealed); opened.ok()) note = ": " + *opened;
    body += "<li>" + Escape(item.dossier_id.empty() ? "-" : item.dossier_id) + " · " + Escape(item.added_by) +
            Escape(note) + "</li>";
  }
  body += "</ul>";
  if (!print && ctx.Allowed(Action::kAddAgendaItem))
    body += "<form method=\"post\" action=\"/overleg/" + Escape(date) + "/punten\" class=\"card\">" + CsrfField(ctx) +
            "<div class=\"row\">" + InputField("dossier", ctx.T("veld.dossier"), "", {}, "text", "maxlength=\"64\"") +
            InputField("notitie", ctx.T("intake.notitie"), "", {}, "text", "maxlength=\"2000\" required") +
            "</div><button type=\"submit\">" + Escape(ctx.T("intake.punt_toevoegen")) + "</button></form>";
  if (!print && ctx.Allowed(Action::kViewReport)) body += ReferralFigures(ctx);
  SendPage(ctx, ctx.T(print ? "intake.verslag" : "intake.overleg.titel") + " " + date, body, refused ? 422 : 200);
}

}  // namespace

void MeetingOpenPost(Context& ctx) {
  std::string date = ctx.request.Form("datum");
  ctx.audit_detail = "overleg=" + date.substr(0, 10);
  Status s = app::OpenMeeting(ctx.services(), {date, ChangeEvent(ctx)});
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect("/overleg/" + date);
}

void MeetingPage(Context& ctx) {
  std::string date = MeetingDate(ctx);
  ctx.audit_detail = "overleg=" + date;
  SendMeeting(ctx, date, nullptr);
}

void MeetingParticipantsPost(Context& ctx) {
  std::string date = MeetingDate(ctx);
  std::vector<std::string> people;
  std::string text = ctx.request.Form("deelnemers");
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find(',', start), text.size());
    std::string name = text.substr(start, end - start);
    name.erase(0, name.find_first_not_of(' '));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (!name.empty() && std::find(people.begin(), people.end(), name) == people.end()) people.push_back(name);
    start = end + 1;
  }
  ctx.audit_detail = "overleg=" + date + " n=" + std::to_string(people.size());
  Status s = app::RecordParticipants(ctx.services(), {date, people, ChangeEvent(ctx)});
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect("/overleg/" + date);
}

void MeetingItemPost(Context& ctx) {
  std::string date = MeetingDate(ctx);
  ctx.audit_detail = "overleg=" + date;
  std::string dossier = ctx.request.Form("dossier").substr(0, 64);
  Status s = app::AddAgendaItem(IntakeOf(ctx), {date, dossier, ctx.request.Form("notitie"), ChangeEvent(ctx)});
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect("/overleg/" + date);
}

void MeetingDecisionPost(Context& ctx) {
  std::string date = MeetingDate(ctx);
  auto id = WholeNumber(ctx.request.Form("aanmelding"), 1, 1LL << 50);
  if (!id) throw Failure(InvalidInput("aanmelding"));
  app::DecideCommand command;
  command.referral_id = *id;
  command.meeting_date = date;
  command.decision = ctx.request.Form("beslissing");
  command.detail = command.decision == "afgewezen" ? ctx.request.Form("reden")
                   : command.decision == "elders"  ? ctx.request.Form("elders")
                                                   : "";
  command.combination_track = ctx.request.Form("traject");
  command.worker = ctx.request.Form("werker");
  command.mother_id = ctx.request.Form("mother_id").substr(0, 40);
  command.today = TodayOf(ctx);
  ctx.audit_detail = "aanmelding=" + std::to_string(*id) + " beslissing=" + command.decision.substr(0, 20);
  command.audit = ChangeEvent(ctx);
  auto problems = app::DecisionProblems(ctx.reader(), command);
  if (!problems.ok()) throw Failure(problems.status());
  if (!problems->empty()) {
    RefusedDecision refused{*id, {}};
    for (const auto& p : *problems)
      refused.errors[p.field] = (p.value.empty() ? "" : "'" + p.value + "': ") + ctx.T(p.rule);
    ctx.audit_outcome = "ongeldig";
    return SendMeeting(ctx, date, &refused);
  }
  auto dossier = app::Decide(IntakeOf(ctx), command);
  if (!dossier.ok()) throw Failure(dossier.status());
  ctx.change_audited = true;
  ctx.response.Redirect("/overleg/" + date + "#aanmelding-" + std::to_string(*id));
}

}  // namespace opkomst::web
