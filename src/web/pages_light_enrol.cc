// A light registration (issue 13): a mother in group work only, without a
// dossier: first name and contact (sealed together), due date, language,
// channel and her consents. Workers and the team lead enrol her in any
// group, the facilitator in her own (the central check with the chosen
// group's facilitator as owner, domain/access.h: kEnrolWithoutDossier).
// It calls the same use case as enrolment from a dossier (app::Enrol) with
// no dossier id. Every error stands next to its field.
#include <limits>

#include "app/groups.h"
#include "app/reminders.h"
#include "domain/text.h"
#include "web/app_internal.h"
#include "web/form.h"
#include "web/group_forms.h"

namespace opkomst::web {
namespace {

constexpr char kPath[] = "/groepen/inschrijven";

// Languages by their own name: the list needs no translation. Reminder
// texts exist for nl and en; other languages get the Dutch text until the
// team adds one (docs/groups.md).
const std::pair<const char*, const char*> kLanguages[] = {
    {"nl", "Nederlands"}, {"en", "English"}, {"fr", "Français"}, {"ar", "العربية"}, {"es", "Español"},
    {"ro", "Română"},     {"tr", "Türkçe"},  {"ru", "Русский"},  {"ps", "پښتو"},    {"ti", "ትግርኛ"}};

// The groups she may enrol in: a facilitator's own, everyone's for the others.
std::vector<storage::WorkGroup> EnrollableGroups(Context& ctx) {
  auto groups = storage::ListGroups(ctx.reader(), "");
  if (!groups.ok()) throw Failure(groups.status());
  std::vector<storage::WorkGroup> out;
  for (const storage::WorkGroup& g : *groups)
    if (Authorize(ctx.who(), Action::kEnrolWithoutDossier, g.facilitator)) out.push_back(g);
  return out;
}

std::string Options(const std::vector<std::pair<std::string, std::string>>& options, const std::string& current) {
  std::string out;
  for (const auto& [value, text] : options)
    out += "<option value=\"" + Escape(value) + "\"" + (value == current ? " selected" : "") + ">" + Escape(text) +
           "</option>";
  return out;
}

std::string SelectField(const std::string& name, const std::string& label,
                        const std::vector<std::pair<std::string, std::string>>& options, const std::string& current,
                        const FormErrors& errors) {
  bool bad = errors.count(name) > 0;
  return "<div class=\"field" + std::string(bad ? " invalid" : "") + "\"><label for=\"" + name + "\">" + Escape(label) +
         "</label><select id=\"" + name + "\" name=\"" + name + "\"" +
         (bad ? " aria-invalid=\"true\" aria-describedby=\"fout-" + name + "\"" : "") + ">" +
         Options(options, current) + "</select>" + FieldError(errors, name) + "</div>";
}

std::string CheckField(const std::string& name, const std::string& label, bool checked, const FormErrors& errors) {
  bool bad = errors.count(name) > 0;
  return "<label class=\"check\"><input type=\"checkbox\" name=\"" + name + "\" value=\"1\"" +
         (checked ? " checked" : "") + (bad ? " aria-invalid=\"true\" aria-describedby=\"fout-" + name + "\"" : "") +
         "> " + Escape(label) + "</label>" + FieldError(errors, name);
}

void SendLightForm(Context& ctx, const FormErrors& errors, int status) {
  const WebRequest& r = ctx.request;
  bool keep = r.method == "POST" && status != 303;
  auto value = [&](const char* name, const std::string& fallback = "") { return keep ? r.Form(name) : fallback; };
  std::vector<std::pair<std::string, std::string>> groups;
  for (const storage::WorkGroup& g : EnrollableGroups(ctx))
    groups.push_back({std::to_string(g.id), g.name + " (" + g.due_from + " – " + g.due_to + ")"});
  std::string body;
  if (r.Query("bewaard") == "1") body += "<p class=\"message\" role=\"status\">" + Escape(ctx.T("bewaard")) + "</p>";
  if (!errors.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  body += "<p>" + Escape(ctx.T("groep.licht.uitleg")) + "</p>";
  if (groups.empty()) {
    body += "<p>" + Escape(ctx.T("groep.geen")) + "</p>";
    return SendPage(ctx, ctx.T("groep.licht.titel"), body, status);
  }
  std::vector<std::pair<std::string, std::string>> channels, languages;
  for (const char* channel : {"whatsapp", "sms", "email"})
    channels.push_back({channel, ctx.T(std::string("groep.kanaal.") + channel)});
  for (const auto& [code, name] : kLanguages) languages.push_back({code, name});
  body += "<form method=\"post\" action=\"" + std::string(kPath) + "\" class=\"card narrow\">" + CsrfField(ctx) +
          SelectField("groep", ctx.T("groep.groep"), groups, value("groep", r.Query("groep")), errors) +
          InputField("voornaam", ctx.T("groep.voornaam"), value("voornaam"), errors, "text",
                     "required maxlength=\"100\" autocomplete=\"off\"") +
          SelectField("kanaal", ctx.T("groep.kanaal"), channels, value("kanaal", "whatsapp"), errors) +
          InputField("contact", ctx.T("groep.contact"), value("contact"), errors, "text",
                     "required maxlength=\"254\" autocomplete=\"off\"") +
          SelectField("taal", ctx.T("groep.licht.taal"), languages, value("taal", "nl"), errors) +
          InputField("uitgerekend", ctx.T("groep.uitgerekend"), value("uitgerekend"), errors, "date", "required") +
          CheckField("contact_ok", ctx.T("groep.toestemming_contact"), value("contact_ok") == "1", errors) +
          CheckField("herinneringen_ok", ctx.T("groep.toestemming_herinneringen"), value("herinneringen_ok") == "1",
                     errors) +
          "<button type=\"submit\">" + Escape(ctx.T("groep.inschrijven")) + "</button></form>";
  SendPage(ctx, ctx.T("groep.licht.titel"), body, status);
}

}  // namespace

void LightEnrolPage(Context& ctx) { SendLightForm(ctx, {}, 200); }

void LightEnrolPost(Context& ctx) {
  const WebRequest& r = ctx.request;
  std::string channel = r.Form("kanaal"), contact = r.Form("contact"), first_name = r.Form("voornaam");
  Findings findings = app::ValidateReminderContact(channel, contact);
  if (first_name.empty()) findings.Add({"", 0, "voornaam", "", "value.required", ""});
  CheckFreeText("", 0, "voornaam", first_name, &findings);
  if (r.Form("contact_ok") != "1") findings.Add({"", 0, "contact_ok", "", "value.required", ""});
  auto group_id = WholeNumber(r.Form("groep"), 1, std::numeric_limits<int64_t>::max());
  std::optional<storage::WorkGroup> group;
  if (group_id) {
    auto found = storage::GetGroup(ctx.reader(), *group_id);
    if (found.ok())
      group = *found;
    else if (found.status().code() != StatusCode::kNotFound)
      throw Failure(found.status());
  }
  // Someone else's group reads as one that does not exist.
  if (!group || !Authorize(ctx.who(), Action::kEnrolWithoutDossier, group->facilitator))
    findings.Add({"", 0, "groep", r.Form("groep"), "value.code", ctx.T("groep.licht.eigen_groep")});
  storage::Participant p = ParticipantFromForm(
      ctx, group ? group->id : 0,
      findings.empty() ? ctx.app.sealer().Seal(app::ContactPlaintext(first_name, contact)) : "x", channel);
  const std::map<std::string, std::string> field_of = {{"due_date", "uitgerekend"},
                                                       {"language", "taal"},
                                                       {"channel", "kanaal"},
                                                       {"consent_reminders", "herinneringen_ok"}};
  // The use case's own rules too, so that every error shows at once.
  Findings rules = app::ValidateParticipant(p);
  for (const Finding& finding : rules.items())
    if (finding.column != "contact") findings.Add(finding);
  FormErrors errors;
  AddRuleErrors(ctx, findings, field_of, &errors);
  if (!errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendLightForm(ctx, errors, 422);
  }
  ctx.audit_detail = "groep=" + std::to_string(p.group_id) + " licht";
  Findings refused;
  app::Services services = ctx.services();
  services.findings = &refused;
  auto id = app::Enrol(services, {p, ChangeEvent(ctx)});
  if (id.status().code() == StatusCode::kInvalidInput) {
    AddRuleErrors(ctx, refused, field_of, &errors);
    if (errors.empty()) errors["voornaam"] = id.status().message();
    ctx.audit_outcome = "ongeldig";
    return SendLightForm(ctx, errors, 422);
  }
  if (!id.ok()) throw Failure(id.status());
  ctx.change_audited = true;
  ctx.response.Redirect(std::string(kPath) + "?bewaard=1&groep=" + std::to_string(p.group_id));
}

}  // namespace opkomst::web
