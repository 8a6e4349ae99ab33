// The central intake point, the partner's side and the team's queue: the
// referral form (a partner's own, or the team's on behalf of a partner or
// as a self-referral, with the duplicate check before saving), the
// partner's list of the own organisation's referrals within the mother's
// consent, the intake queue, consent withdrawal, and the caseload section.
#include <algorithm>

#include "app/intake.h"
#include "storage/intake_store.h"
#include "storage/team.h"
#include "web/form.h"
#include "web/intake_pages.h"

namespace opkomst::web {
namespace {

bool IsPartner(const Context& ctx) { return ctx.who().role == Role::kReferrer; }

// The partner's organisation, from the account (never from the form).
int64_t OwnOrganisation(Context& ctx) {
  auto org = storage::OrganisationOf(ctx.reader(), ctx.who().username);
  if (!org.ok()) throw Failure(org.status());
  return org->value_or(0);
}

std::string Checkbox(const std::string& name, const std::string& value, const std::string& label, bool checked) {
  return "<label class=\"inline\"><input type=\"checkbox\" name=\"" + name + "\" value=\"" + Escape(value) + "\"" +
         (checked ? " checked" : "") + "> " + Escape(label) + "</label> ";
}

std::string Select(const Context& ctx, const std::string& name, const std::string& label,
                   const std::vector<std::pair<std::string, std::string>>& options, const std::string& current,
                   const FormErrors& errors) {
  std::string out = "<div class=\"field\"><label for=\"" + name + "\">" + Escape(label) + "</label><select id=\"" +
                    name + "\" name=\"" + name + "\">";
  for (const auto& [value, text] : options)
    out += "<option value=\"" + Escape(value) + "\"" + (value == current ? " selected" : "") + ">" + Escape(text) +
           "</option>";
  (void)ctx;
  return out + "</select>" + FieldError(errors, name) + "</div>";
}

// Every checked value of a multi-valued field ("redenen", "delen"): the
// form parser keeps them comma-joined or as the last; accept both.
std::vector<std::string> Checked(const Context& ctx, const std::vector<std::string>& codes, const std::string& prefix) {
  std::vector<std::string> out;
  for (const std::string& code : codes)
    if (ctx.request.Form(prefix + code) == "1") out.push_back(code);
  return out;
}

void SendReferralForm(Context& ctx, const FormErrors& errors, const std::vector<app::PossibleDuplicate>& duplicates,
                      int status) {
  const WebRequest& r = ctx.request;
  bool keep = r.method == "POST";
  auto value = [&](const char* name, const std::string& fallback = "") { return keep ? r.Form(name) : fallback; };
  std::string body;
  if (!errors.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  if (!duplicates.empty()) {
    body += "<section class=\"card\" role=\"alert\"><h2>" + Escape(ctx.T("intake.dubbels")) + "</h2><ul>";
    for (const auto& d : duplicates)
      body += "<li>" + Escape(ctx.T("intake.dubbel." + d.kind)) + " " + Escape(d.id) +
              (d.mother_id.empty() ? "" : " (" + Escape(d.mother_id) + ")") + ": " +
              Escape(ctx.T("intake.dubbel_reden." + d.why)) + "</li>";
    body += "</ul>" + Checkbox("toch_bewaren", "1", ctx.T("intake.toch_bewaren"), false) + "</section>";
  }
  body += "<form method=\"post\" action=\"/verwijzingen/nieuw\" class=\"card\">" + CsrfField(ctx);
  if (!duplicates.empty()) body += "<input type=\"hidden\" name=\"dubbels_gezien\" value=\"1\">";
  if (!IsPartner(ctx)) {
    auto organisations = storage::ListOrganisations(ctx.reader());
    if (!organisations.ok()) throw Failure(organisations.status());
    std::vector<std::pair<std::string, std::string>> options = {{"0", ctx.T("intake.zelfmelding")}};
    for (const auto& o : *organisations)
      if (o.active) options.push_back({std::to_string(o.id), o.name});
    body += "<div class=\"row\">" +
            Select(ctx, "organisatie", ctx.T("intake.organisatie"), options, value("organisatie", "0"), errors) +
            Select(ctx, "kanaal", ctx.T("intake.kanaal"),
                   {{"mail", ctx.T("intake.kanaal.mail")},
                    {"telefoon", ctx.T("intake.kanaal.telefoon")},
                    {"zelf", ctx.T("intake.kanaal.zelf")}},
                   value("kanaal", "mail"), errors) +
            InputField("mother_id", ctx.T("intake.gekende_moeder"), value("mother_id"), errors, "text",
                       "maxlength=\"40\"") +
            "</div>";
  }
  body += "<h2>" + Escape(ctx.T("dossier.identiteit")) + "</h2><div class=\"row\">" +
          InputField("naam", ctx.T("veld.naam"), value("naam"), errors, "text", "autocomplete=\"off\" required") +
          InputField("telefoon", ctx.T("veld.telefoon"), value("telefoon"), errors, "tel", "autocomplete=\"off\"") +
          InputField("adres", ctx.T("veld.adres"), value("adres"), errors, "text", "autocomplete=\"off\"") +
          InputField("taal", ctx.T("intake.taal"), value("taal"), errors, "text", "") + "</div>" +
          Checkbox("tolk", "1", ctx.T("intake.tolk"), value("tolk") == "1");
  body +=
      "<h2>" + Escape(ctx.T("intake.zwangerschap")) + "</h2><div class=\"row\">" +
      Select(ctx, "zwanger", ctx.T("intake.zwanger"), {{"1", ctx.T("ja")}, {"0", ctx.T("intake.nee")}},
             value("zwanger", "1"), errors) +
      InputField("vermoedelijke_bevallingsdatum", ctx.T("intake.bevallingsdatum"),
                 value("vermoedelijke_bevallingsdatum"), errors, "date") +
      InputField("geboortedatum_kind", ctx.T("intake.geboortedatum"), value("geboortedatum_kind"), errors, "date") +
      Select(ctx, "eerste_zwangerschap", ctx.T("intake.eerste_zwangerschap"),
             {{"", "-"}, {"1", ctx.T("ja")}, {"0", ctx.T("intake.nee")}}, value("eerste_zwangerschap"), errors) +
      InputField("leeftijd", ctx.T("intake.leeftijd"), value("leeftijd"), errors, "number", "min=\"12\" max=\"60\"") +
      "</div>";
  body += "<fieldset><legend>" + Escape(ctx.T("intake.situatie")) + "</legend>" +
          Checkbox("alleenstaand", "1", ctx.T("intake.alleenstaand"), value("alleenstaand") == "1") +
          Checkbox("partner_zonder_papieren", "1", ctx.T("intake.partner_zonder_papieren"),
                   value("partner_zonder_papieren") == "1") +
          Checkbox("geen_stabiele_relatie", "1", ctx.T("intake.geen_stabiele_relatie"),
                   value("geen_stabiele_relatie") == "1") +
          "</fieldset><fieldset><legend>" + Escape(ctx.T("intake.redenen")) + "</legend>";
  for (const std::string& code : intake::ReasonCodes())
    body += Checkbox("reden_" + code, "1", ctx.T("intake.reden." + code), value(("reden_" + code).c_str()) == "1");
  body += FieldError(errors, "redenen") + "</fieldset><div class=\"row\">" +
          Select(ctx, "dringendheid", ctx.T("intake.dringendheid"),
                 {{"normaal", ctx.T("intake.normaal")}, {"dringend", ctx.T("intake.dringend")}},
                 value("dringendheid", "normaal"), errors) +
          Select(ctx, "born_in_belgium", ctx.T("intake.bib"),
                 {{"", "-"}, {"positief", ctx.T("intake.bib.positief")}, {"negatief", ctx.T("intake.bib.negatief")}},
                 value("born_in_belgium"), errors) +
          "</div>" + "<div class=\"field\"><label for=\"notitie\">" + Escape(ctx.T("intake.notitie")) +
          "</label><textarea id=\"notitie\" name=\"notitie\">" + Escape(value("notitie")) + "</textarea>" +
          FieldError(errors, "notitie") + "</div>";
  body += "<h2>" + Escape(ctx.T("intake.toestemming")) + "</h2><p class=\"small\">" +
          Escape(ctx.T("intake.toestemming.uitleg")) + "</p><div class=\"row\">" +
          Select(ctx, "toestemming_contact", ctx.T("intake.toestemming_contact"),
                 {{"", "-"}, {"schriftelijk", ctx.T("intake.schriftelijk")}, {"mondeling", ctx.T("intake.mondeling")}},
                 value("toestemming_contact"), errors) +
          InputField("toestemming_datum", ctx.T("intake.toestemming_datum"), value("toestemming_datum", Today(ctx.app)),
                     errors, "date") +
          InputField("toestemming_door", ctx.T("intake.toestemming_door"),
                     value("toestemming_door", ctx.who().username), errors, "text", "") +
          "</div><fieldset><legend>" + Escape(ctx.T("intake.delen")) + "</legend>";
  for (intake::ShareCategory c : intake::AllShareCategories()) {
    std::string code(intake::ShareCategoryCode(c));
    body += Checkbox("delen_" + code, "1", ctx.T("intake.delen." + code), value(("delen_" + code).c_str()) == "1");
  }
  body += "</fieldset><div class=\"row\">" +
          InputField("delen_tot", ctx.T("intake.delen_tot"), value("delen_tot"), errors, "date") + "</div>" +
          "<button type=\"submit\">" + Escape(ctx.T("intake.indienen")) + "</button></form>";
  SendPage(ctx, ctx.T("intake.formulier.titel"), body, status);
}

std::optional<Date> FormDate(Context& ctx, const char* name, FormErrors* errors) {
  return DateField(ctx.request, name, errors, ctx);
}

}  // namespace

void ReferralFormPage(Context& ctx) { SendReferralForm(ctx, {}, {}, 200); }

void ReferralFormPost(Context& ctx) {
  const WebRequest& r = ctx.request;
  FormErrors errors;
  intake::Referral ref;
  ref.submitted_by = ctx.who().username;
  ref.received_on = TodayOf(ctx);
  if (IsPartner(ctx)) {
    ref.channel = "partner";
    ref.organisation_id = OwnOrganisation(ctx);
  } else {
    auto org = WholeNumber(r.Form("organisatie"), 0, 1LL << 40);
    ref.organisation_id = org.value_or(0);
    ref.channel = r.Form("kanaal");
    if (ref.channel != "mail" && ref.channel != "telefoon" && ref.channel != "zelf")
      errors["kanaal"] = ctx.T("fout.keuze");
    ref.mother_id = r.Form("mother_id").substr(0, 40);
  }
  ref.pregnant = r.Form("zwanger") != "0";
  ref.due_date = FormDate(ctx, "vermoedelijke_bevallingsdatum", &errors);
  ref.child_birth_date = FormDate(ctx, "geboortedatum_kind", &errors);
  if (!r.Form("eerste_zwangerschap").empty()) ref.first_pregnancy = r.Form("eerste_zwangerschap") == "1";
  if (!r.Form("leeftijd").empty()) {
    if (auto n = WholeNumber(r.Form("leeftijd"), 0, 200))
      ref.mother_age = static_cast<int>(*n);
    else
      errors["leeftijd"] = "'" + r.Form("leeftijd").substr(0, 10) + "': " + ctx.T("intake.regel.leeftijd");
  }
  ref.hint = {ref.mother_age, r.Form("alleenstaand") == "1", r.Form("partner_zonder_papieren") == "1",
              r.Form("geen_stabiele_relatie") == "1"};
  ref.reasons = Checked(ctx, intake::ReasonCodes(), "reden_");
  ref.urgency = r.Form("dringendheid").empty() ? "normaal" : r.Form("dringendheid");
  ref.contact_consent_how = r.Form("toestemming_contact");
  ref.contact_consent_on = FormDate(ctx, "toestemming_datum", &errors);
  ref.contact_consent_by = r.Form("toestemming_door");
  for (intake::ShareCategory c : intake::AllShareCategories())
    if (r.Form("delen_" + std::string(intake::ShareCategoryCode(c))) == "1") ref.sharing.Add(c);
  ref.sharing.until = FormDate(ctx, "delen_tot", &errors);
  ref.born_in_belgium = r.Form("born_in_belgium");
  intake::ReferralIdentity identity{r.Form("naam"), r.Form("telefoon"), r.Form("adres"), r.Form("taal"),
                                    r.Form("tolk") == "1"};
  // The team sees possible duplicates before saving; a partner never does
  // (that would tell her whether the team knows this mother).
  std::vector<app::PossibleDuplicate> duplicates;
  if (!IsPartner(ctx) && errors.empty() && r.Form("toch_bewaren") != "1") {
    auto found = app::FindPossibleDuplicates(ctx.reader(), ctx.app.sealer(), ref.mother_id, identity, ref.due_date, 0);
    if (!found.ok()) throw Failure(found.status());
    duplicates = *found;
  }
  if (!errors.empty() || !duplicates.empty()) {
    ctx.audit_outcome = errors.empty() ? "dubbel" : "ongeldig";
    return SendReferralForm(ctx, errors, duplicates, errors.empty() ? 200 : 422);
  }
  app::SubmitReferralCommand command{ref, identity, r.Form("notitie"), TodayOf(ctx), ChangeEvent(ctx)};
  auto result = app::SubmitReferral(IntakeOf(ctx), command);
  if (!result.ok()) throw Failure(result.status());
  if (!result->problems.empty()) {
    for (const auto& p : result->problems)
      errors[p.field] = (p.value.empty() ? "" : "'" + p.value + "': ") + ctx.T(p.rule);
    ctx.audit_outcome = "ongeldig";
    return SendReferralForm(ctx, errors, {}, 422);
  }
  ctx.change_audited = true;
  ctx.response.Redirect(IsPartner(ctx) ? "/verwijzingen?bewaard=1" : "/intake?bewaard=1");
}

void PartnerReferralsPage(Context& ctx) {
  int64_t organisation = OwnOrganisation(ctx);
  auto lines = app::PartnerReferrals(ctx.reader(), ctx.app.sealer(), organisation, TodayOf(ctx));
  if (!lines.ok()) throw Failure(lines.status());
  ctx.audit_detail = "organisatie=" + std::to_string(organisation) + " n=" + std::to_string(lines->size());
  std::string body;
  if (ctx.request.Query("bewaard") == "1")
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("intake.bewaard")) + "</p>";
  if (organisation == 0) body += "<p class=\"error\">" + Escape(ctx.T("intake.geen_organisatie")) + "</p>";
  body += "<p><a href=\"/verwijzingen/nieuw\">" + Escape(ctx.T("intake.nieuwe_verwijzing")) +
          "</a></p><p class=\"small\">" + Escape(ctx.T("intake.partner.uitleg")) + "</p>";
  body += "<table class=\"referrals\"><thead><tr><th>#</th><th>" + Escape(ctx.T("intake.ontvangen")) + "</th><th>" +
          Escape(ctx.T("intake.initialen")) + "</th><th>" + Escape(ctx.T("intake.delen.status")) + "</th><th>" +
          Escape(ctx.T("intake.delen.begeleider")) + "</th><th>" + Escape(ctx.T("intake.delen.eerste_huisbezoek")) +
          "</th><th>" + Escape(ctx.T("intake.delen.einde_begeleiding")) + "</th></tr></thead><tbody>";
  auto hidden = "<span class=\"small\">" + Escape(ctx.T("intake.niet_gedeeld")) + "</span>";
  for (const app::PartnerLine& l : *lines) {
    auto yes_no = [&](const std::optional<bool>& b) {
      return b ? Escape(ctx.T(*b ? "intake.gedaan" : "intake.nog_niet")) : hidden;
    };
    body += "<tr><td>" + std::to_string(l.referral_id) + "</td><td>" + Escape(l.received_on) + "</td><td>" +
            Escape(l.initials) + "</td><td>" +
            (l.status ? Escape(ctx.T("intake.status." + *l.status)) +
                            (l.status_first_home_visit ? ", " + Escape(ctx.T("intake.status.eerste_huisbezoek")) : "")
                      : hidden) +
            "</td><td>" + (l.worker ? Escape(*l.worker) : hidden) + "</td><td>" + yes_no(l.first_home_visit_done) +
            "</td><td>" + yes_no(l.guidance_ended) + "</td></tr>";
  }
  body += "</tbody></table>";
  SendPage(ctx, ctx.T("intake.partner.titel"), body);
}

void IntakeQueuePage(Context& ctx) {
  auto referrals = storage::ListReferrals(ctx.reader(), {0, 0, "", 500});
  auto organisations = storage::ListOrganisations(ctx.reader());
  auto meetings = storage::MeetingDates(ctx.reader());
  if (!referrals.ok()) throw Failure(referrals.status());
  if (!organisations.ok()) throw Failure(organisations.status());
  if (!meetings.ok()) throw Failure(meetings.status());
  Date today = TodayOf(ctx);
  std::string body;
  if (ctx.request.Query("bewaard") == "1")
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("intake.bewaard")) + "</p>";
  body += "<p class=\"actions\"><a href=\"/verwijzingen/nieuw\">" + Escape(ctx.T("intake.namens")) + "</a></p>";
  if (ctx.Allowed(Action::kDecideReferral))
    body += "<form method=\"post\" action=\"/overleg\" class=\"card\">" + CsrfField(ctx) + "<div class=\"row\">" +
            InputField("datum", ctx.T("intake.overleg_datum"), Today(ctx.app), {}, "date", "required") +
            "</div><button type=\"submit\">" + Escape(ctx.T("intake.overleg_openen")) + "</button></form>";
  if (!meetings->empty()) {
    body += "<p>" + Escape(ctx.T("intake.overleggen")) + ": ";
    for (auto it = meetings->rbegin(); it != meetings->rend() && it - meetings->rbegin() < 8; ++it)
      body += "<a href=\"/overleg/" + Escape(*it) + "\">" + Escape(*it) + "</a> ";
    body += "</p>";
  }
  for (const char* status : {"nieuw", "geagendeerd", "beslist"}) {
    body += "<h2>" + Escape(ctx.T(std::string("intake.status.") + status)) + "</h2><table><thead><tr><th>#</th><th>" +
            Escape(ctx.T("intake.ontvangen")) + "</th><th>" + Escape(ctx.T("intake.dagen")) + "</th><th>" +
            Escape(ctx.T("intake.organisatie")) + "</th><th>" + Escape(ctx.T("intake.dringendheid")) + "</th><th>" +
            Escape(ctx.T("intake.beslissing")) + "</th><th></th></tr></thead><tbody>";
    for (const auto& s : *referrals) {
      if (s.status != status) continue;
      std::string org = ctx.T("intake.zelfmelding");
      for (const auto& o : *organisations)
        if (o.id == s.referral.organisation_id) org = o.name;
      std::string withdraw;
      if (!s.referral.sharing.withdrawn_on && ctx.Allowed(Action::kRegisterWithdrawal))
        withdraw = "<form method=\"post\" class=\"inline\" action=\"/intake/" + std::to_string(s.referral.id) +
                   "/intrekken\">" + CsrfField(ctx) + "<button type=\"submit\">" + Escape(ctx.T("intake.intrekken")) +
                   "</button></form>";
      else if (s.referral.sharing.withdrawn_on)
        withdraw = Escape(ctx.T("intake.ingetrokken")) + " " + s.referral.sharing.withdrawn_on->ToString();
      body += "<tr><td>" + std::to_string(s.referral.id) + "</td><td>" + s.referral.received_on.ToString() +
              "</td><td class=\"num\">" + std::to_string(today.days() - s.referral.received_on.days()) + "</td><td>" +
              Escape(org) + "</td><td>" + Escape(ctx.T("intake." + s.referral.urgency)) + "</td><td>" +
              (s.decision.empty() ? "" : Escape(ctx.T("intake.status." + s.decision))) +
              (s.dossier_id.empty() ? "" : " " + Escape(s.dossier_id)) + "</td><td>" + withdraw + "</td></tr>";
    }
    body += "</tbody></table>";
  }
  SendPage(ctx, ctx.T("intake.wachtrij.titel"), body);
}

void WithdrawPost(Context& ctx) {
  auto id = WholeNumber(ctx.params["aanmelding"], 1, 1LL << 50);
  if (!id) throw Failure(NotFound("aanmelding"));
  ctx.audit_detail = "aanmelding=" + std::to_string(*id);
  Status s = app::WithdrawConsent(ctx.services(), {*id, TodayOf(ctx), ChangeEvent(ctx)});
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect("/intake");
}

std::string IntakeCaseloadSection(Context& ctx) {
  auto summaries = storage::RunningContactSummaries(ctx.reader(), ctx.who().username);
  if (!summaries.ok()) throw Failure(summaries.status());
  Date today = TodayOf(ctx);
  std::string limit = today.AddDays(-ctx.app.options().contact_rhythm_days).ToString();
  std::string visits, chase;
  for (const auto& s : *summaries) {
    std::string link = "<a href=\"/dossiers/" + Escape(UrlEncode(s.dossier_id)) + "\">" + Escape(s.dossier_id) + "</a>";
    if (s.from_referral && s.first_home_visit_on.empty())
      visits += "<li class=\"first-visit\">" + link + " <small>" + Escape(ctx.T("due.sinds")) + " " + s.start_date +
                "</small></li>";
    const std::string& last = s.last_contact_on.empty() ? s.start_date : s.last_contact_on;
    if (last < limit)
      chase +=
          "<li>" + link + " <small>" + Escape(ctx.T("intake.laatste_contact")) + " " + Escape(last) + "</small></li>";
  }
  std::string out;
  if (!visits.empty())
    out += "<h2>" + Escape(ctx.T("intake.eerste_huisbezoek_te_plannen")) + "</h2><ul class=\"first-visits\">" + visits +
           "</ul>";
  if (!chase.empty())
    out += "<h2>" + Escape(ctx.T("intake.aanklampend")) + "</h2><p class=\"small\">" +
           Escape(ctx.T("intake.aanklampend.uitleg")) + " " + std::to_string(ctx.app.options().contact_rhythm_days) +
           "</p><ul>" + chase + "</ul>";
  return out;
}

}  // namespace opkomst::web
