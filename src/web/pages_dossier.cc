// A dossier: the pseudonymous page, its identity for the assigned worker
// (each showing audited as "identiteit"), the moments, the contact log,
// changes (end, assignment to active workers and leads only, audited from
// whom to whom); and the creation of a new dossier, whose mother is chosen
// from the account's own dossiers or generated. The access history is in
// pages_history.cc.
#include "domain/messages.h"
#include "domain/record_rules.h"
#include "domain/validation.h"
#include "security/crypto.h"
#include "storage/team.h"
#include "web/form.h"
#include "web/identities.h"

namespace opkomst::web {
namespace {

std::string Label(const Context& ctx, const char* field, Code code) {
  if (code == kMissing) return "";
  return Label(ctx, ctx.app.codebook().field(field).options.at(code));
}
std::string DateText(const std::optional<Date>& d) { return d ? d->ToString() : ""; }

// Removes line breaks, so the sealed "name\nphone\naddress" stays three
// fields and the referrer one line. Lengths are the validators' (never cut).
std::string OneLine(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

// Form fields named apart from the record's columns.
const std::map<std::string, std::string> kDossierFields = {
    {"track", "traject"}, {"mother_age_at_start", "mother_age"}, {"social_worker", "werker"}};

std::string Row(const std::string& label, const std::string& value) {
  return "<dt>" + Escape(label) + "</dt><dd>" + Escape(value.empty() ? "-" : value) + "</dd>";
}

std::string NewDossierId(Context& ctx) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::string id = "D" + Today(ctx.app).substr(0, 4) + "-" + security::RandomHex(3);
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (ctx.reader().GetDossier(id).status().code() == StatusCode::kNotFound) return id;
  }
  throw std::runtime_error("no free dossier id after 20 attempts");
}

// Who may hold a dossier: an active worker or team lead. A researcher or
// administrator would make it drop off every caseload; a disabled account
// too.
bool Assignable(const team::Account& account) {
  return ValidateAssignment(account.username, true, account.role, account.active).empty();
}

// The account named by the form's `werker` field if a dossier may be
// assigned to it; otherwise an error for that field naming the value.
std::optional<std::string> AssignableWorker(Context& ctx, const std::string& username, FormErrors* errors) {
  auto broken = app::CheckAssignment(ctx.reader(), username);
  if (!broken.ok()) throw Failure(broken.status());
  if (broken->empty()) return username;
  const Finding& f = broken->items().front();
  (*errors)["werker"] = "'" + username.substr(0, 40) + "': " + RuleMessage(f.rule, ctx.language, f.expected, f.value);
  return std::nullopt;
}

std::string WorkerChoice(Context& ctx, const std::string& current, const FormErrors& errors) {
  auto accounts = team::ListAccounts(ctx.reader());
  if (!accounts.ok()) throw Failure(accounts.status());
  std::string out = "<div class=\"field\"><label for=\"werker\">" + Escape(ctx.T("veld.werker")) +
                    "</label><select id=\"werker\" name=\"werker\">";
  for (const auto& a : *accounts)
    if (Assignable(a))
      out += "<option value=\"" + Escape(a.username) + "\"" + (a.username == current ? " selected" : "") + ">" +
             Escape(a.display_name + " (" + a.username + ")") + "</option>";
  return out + "</select>" + FieldError(errors, "werker") + "</div>";
}

// A worker's own mothers (a team lead's: everyone's), at most this many.
constexpr int kMotherChoiceLimit = 5000;

// Whose mothers the signed-in account may start a second trajectory for:
// a worker's own, a team lead's all ("" = every worker).
std::string MotherScope(const Context& ctx) { return ctx.who().role == Role::kTeamLead ? "" : ctx.who().username; }

// "Second trajectory of a known mother": a choice among the mothers of the
// account's own dossiers, never free text, so that no worker can probe
// another caseload for a pseudonym (or type a mother's name as one).
std::string MotherChoice(Context& ctx, const std::string& current, const FormErrors& errors) {
  auto mothers = team::MothersOf(ctx.reader(), MotherScope(ctx), kMotherChoiceLimit);
  if (!mothers.ok()) throw Failure(mothers.status());
  std::string out = "<details" + std::string(current.empty() && errors.count("mother_id") == 0 ? "" : " open") +
                    "><summary>" + Escape(ctx.T("dossier.tweede_traject")) +
                    "</summary><div class=\"field\"><label for=\"mother_id\">" + Escape(ctx.T("veld.moeder")) +
                    "</label><select id=\"mother_id\" name=\"mother_id\"><option value=\"\">" +
                    Escape(ctx.T("dossier.nieuwe_moeder")) + "</option>";
  for (const std::string& m : *mothers)
    out += "<option value=\"" + Escape(m) + "\"" + (m == current ? " selected" : "") + ">" + Escape(m) + "</option>";
  return out + "</select>" + FieldError(errors, "mother_id") + "</div></details>";
}

// The mother of the form if the account may choose her; an error otherwise,
// the same whether or not the mother exists (nothing to learn by probing).
std::string ChosenMother(Context& ctx, FormErrors* errors) {
  std::string mother = ctx.request.Form("mother_id");
  if (mother.empty()) return "";
  bool allowed = true;  // a pseudonym too long to exist is ValidateDossier's finding
  if (mother.size() <= kMaxIdLength) {
    auto found = team::MotherHasDossierOf(ctx.reader(), mother, MotherScope(ctx));
    if (!found.ok()) throw Failure(found.status());
    allowed = *found;
  }
  if (!allowed) (*errors)["mother_id"] = ctx.T("fout.moeder");
  return mother;
}

// The sealed identity's fields are refused when too long, never cut (no
// maxlength either: the browser would cut a pasted text without a word).
void CheckIdentityLengths(Context& ctx, FormErrors* errors) {
  for (const char* field : {"naam", "telefoon", "adres"}) {
    const std::string& text = ctx.request.Form(field);
    if (text.size() > kMaxTextLength)
      (*errors)[field] = "'" + text.substr(0, 40) + "...' (" + std::to_string(text.size()) + ") " +
                         RuleMessage("value.too_long", ctx.language, std::to_string(kMaxTextLength), "");
  }
}

std::string IdentityFields(Context& ctx, const Identity& id, const FormErrors& errors) {
  std::string off = "autocomplete=\"off\"";
  return "<div class=\"row\">" + InputField("naam", ctx.T("veld.naam"), id.name, errors, "text", off) +
         InputField("telefoon", ctx.T("veld.telefoon"), id.phone, errors, "tel", off) +
         InputField("adres", ctx.T("veld.adres"), id.address, errors, "text", off) + "</div>";
}

// The labels of the dates the plausibility warnings are about.
std::map<std::string, std::string> DateLabels(const Context& ctx) {
  return {{"due_date", ctx.T("veld.uitgerekend")},
          {"child_birth_date", ctx.T("veld.geboorte")},
          {"end_date", ctx.T("veld.einde")}};
}

// The plausibility warnings of `after` about dates this form changed
// (`before`: the stored dossier; nothing for a new one): a date confirmed
// once is not asked about again when another fact is corrected.
FormErrors DateWarnings(Context& ctx, const Dossier& after, const Dossier* before) {
  Findings relevant, all = PlausibilityWarnings(after);
  for (const Finding& f : all.items()) {
    bool changed = !before || before->due_date != after.due_date || before->start_date != after.start_date ||
                   (f.column == "child_birth_date" && before->child_birth_date != after.child_birth_date) ||
                   (f.column == "end_date" && before->end_date != after.end_date);
    if (changed) relevant.Add(f);
  }
  FormErrors warnings;
  AddRuleErrors(ctx, relevant, {}, &warnings);
  return warnings;
}

void SendNewForm(Context& ctx, const FormErrors& errors, const FormErrors& warnings = {}) {
  const Codebook& cb = ctx.app.codebook();
  const WebRequest& r = ctx.request;
  bool posted = r.method == "POST";
  auto value = [&](const std::string& name, const std::string& fallback = "") {
    return posted ? r.Form(name) : fallback;
  };
  std::string body;
  if (!errors.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  body += "<form method=\"post\" action=\"/dossiers/nieuw\" class=\"card\" novalidate>" + CsrfField(ctx) +
          "<p class=\"small\">" + Escape(ctx.T("verplicht.uitleg")) + "</p>" +
          WarningBlock(ctx, warnings, DateLabels(ctx));
  body += RadioField("traject", Label(ctx, cb.field("track")), cb.field("track").options, value("traject"), errors, "",
                     ctx.language, true);
  body +=
      "<div class=\"row\">" +
      InputField("start_date", ctx.T("veld.start"), value("start_date", Today(ctx.app)), errors, "date", "required") +
      InputField("due_date", ctx.T("veld.uitgerekend"), value("due_date"), errors, "date") +
      InputField("child_birth_date", ctx.T("veld.geboorte"), value("child_birth_date"), errors, "date") +
      InputField(
          "mother_age", ctx.T("veld.leeftijd"), value("mother_age"), errors, "number",
          "min=\"" + std::to_string(kMotherAgeRange.min) + "\" max=\"" + std::to_string(kMotherAgeRange.max) + "\"") +
      "</div>";
  body += RadioField("pregnant_at_start", Label(ctx, cb.field("pregnant_at_start")),
                     cb.field("pregnant_at_start").options, value("pregnant_at_start"), errors, "", ctx.language);
  body += RadioField("first_pregnancy", Label(ctx, cb.field("first_pregnancy")), cb.field("first_pregnancy").options,
                     value("first_pregnancy"), errors, "", ctx.language);
  body += "<div class=\"row\">" + InputField("referrer", ctx.T("veld.verwijzer"), value("referrer"), errors) + "</div>";
  body += RadioField("referrer_type", Label(ctx, cb.field("referrer_type")), cb.field("referrer_type").options,
                     value("referrer_type"), errors, "", ctx.language);
  if (Authorize(ctx.who(), Action::kAssignWorker, std::nullopt))
    body += WorkerChoice(ctx, value("werker", ctx.who().username), errors);
  body += MotherChoice(ctx, value("mother_id"), errors);
  body += "<h2>" + Escape(ctx.T("dossier.identiteit")) + "</h2><p class=\"small\">" +
          Escape(ctx.T("dossier.identiteit.uitleg")) + "</p>" +
          IdentityFields(ctx, {value("naam"), value("telefoon"), value("adres")}, errors);
  body += "<button type=\"submit\">" + Escape(ctx.T("dossier.aanmaken")) + "</button></form>";
  SendPage(ctx, ctx.T("dossier.nieuw.titel"), body, errors.empty() ? 200 : 422);
}

std::optional<Code> CodedField(Context& ctx, const char* field, const std::string& form_name, FormErrors* errors,
                               bool required) {
  std::string text = ctx.request.Form(form_name);
  if (text.empty()) {
    if (required) (*errors)[form_name] = ctx.T("fout.verplicht");
    return std::nullopt;
  }
  auto code = ctx.app.codebook().field(field).options.FindCode(text);
  if (!code) (*errors)[form_name] = ctx.T("fout.keuze") + " ('" + text.substr(0, 40) + "')";
  return code;
}

// The mother's age at the start: any whole number here, its range is
// ValidateDossier's (one rule for every path); letters are an error, never
// silently dropped.
std::optional<int> AgeField(Context& ctx, FormErrors* errors) {
  std::string age = ctx.request.Form("mother_age");
  if (age.empty()) return std::nullopt;
  if (auto n = WholeNumber(age, -1000000, 1000000)) return static_cast<int>(*n);
  (*errors)["mother_age"] =
      "'" + age.substr(0, 10) + "' " + RuleMessage("value.integer", ctx.language, kMotherAgeRange.Text(), age);
  return std::nullopt;
}

// The facts of the start that can be corrected later too (finding 4):
// referrer and its kind, age, pregnant at the start, first pregnancy.
// `only_posted`: a field the form did not send keeps its stored value (a
// form without it, or a radio group left unchosen, erases nothing).
void ParseStartFacts(Context& ctx, Dossier* d, FormErrors* errors, bool only_posted) {
  auto posted = [&](const char* name) { return !only_posted || ctx.request.form.count(name) > 0; };
  if (posted("mother_age")) d->mother_age_at_start = AgeField(ctx, errors);
  for (auto [name, target] :
       {std::pair{"pregnant_at_start", &d->pregnant_at_start}, std::pair{"first_pregnancy", &d->first_pregnancy},
        std::pair{"referrer_type", &d->referrer_type}})
    if (posted(name)) *target = CodedField(ctx, name, name, errors, false).value_or(kMissing);
  if (posted("referrer")) d->referrer = OneLine(ctx.request.Form("referrer"));
  for (auto [name, target] : {std::pair{"due_date", &d->due_date}, std::pair{"child_birth_date", &d->child_birth_date},
                              std::pair{"end_date", &d->end_date}})
    if (posted(name)) *target = DateField(ctx.request, name, errors, ctx);
  // A child is not born in the future (a due date is).
  if (d->child_birth_date && *d->child_birth_date > *Date::Parse(Today(ctx.app)))
    (*errors)["child_birth_date"] = "'" + d->child_birth_date->ToString() + "' " + ctx.T("fout.toekomst");
}

// The names of the facts a correction changed, for the audit row (never
// their values).
std::string ChangedFacts(const Dossier& before, const Dossier& after, bool identity_changed) {
  std::string out;
  auto note = [&](bool changed, const char* name) {
    if (changed) out += std::string(out.empty() ? "" : ",") + name;
  };
  note(before.due_date != after.due_date, "due_date");
  note(before.child_birth_date != after.child_birth_date, "child_birth_date");
  note(before.end_date != after.end_date, "end_date");
  note(before.referrer != after.referrer, "referrer");
  note(before.referrer_type != after.referrer_type, "referrer_type");
  note(before.mother_age_at_start != after.mother_age_at_start, "mother_age");
  note(before.pregnant_at_start != after.pregnant_at_start, "pregnant_at_start");
  note(before.first_pregnancy != after.first_pregnancy, "first_pregnancy");
  note(identity_changed, "identiteit");
  return out;
}

// The "Dossier wijzigen" form: every fact of the start is correctable, the
// identity for the assigned worker; values and errors next to the fields
// after a refused post.
std::string EditForm(Context& ctx, const Dossier& d, const Identity* identity, const FormErrors& errors,
                     const FormErrors& warnings) {
  const Codebook& cb = ctx.app.codebook();
  bool posted = !errors.empty() || !warnings.empty();
  // After a refused post: what was typed; a field the form did not send
  // shows what is stored (it was not changed).
  auto value = [&](const std::string& name, const std::string& stored) {
    return posted && ctx.request.form.count(name) ? ctx.request.Form(name) : stored;
  };
  auto code = [&](const char* field, Code c) { return c == kMissing ? "" : cb.field(field).options.at(c).code; };
  std::string id_url = "/dossiers/" + UrlEncode(d.dossier_id);
  std::string out = "<section class=\"card\" id=\"wijzigen\"><h2>" + Escape(ctx.T("dossier.wijzigen")) + "</h2>";
  if (!errors.empty()) out += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  out +=
      "<form method=\"post\" action=\"" + id_url + "#wijzigen\" novalidate>" + CsrfField(ctx) +
      WarningBlock(ctx, warnings, DateLabels(ctx)) + "<input type=\"hidden\" name=\"version\" value=\"" +
      std::to_string(d.version) + "\"><div class=\"row\">" +
      InputField("due_date", ctx.T("veld.uitgerekend"), value("due_date", DateText(d.due_date)), errors, "date") +
      InputField("child_birth_date", ctx.T("veld.geboorte"), value("child_birth_date", DateText(d.child_birth_date)),
                 errors, "date") +
      InputField("end_date", ctx.T("veld.einde"), value("end_date", DateText(d.end_date)), errors, "date") +
      InputField(
          "mother_age", ctx.T("veld.leeftijd"),
          value("mother_age", d.mother_age_at_start ? std::to_string(*d.mother_age_at_start) : ""), errors, "number",
          "min=\"" + std::to_string(kMotherAgeRange.min) + "\" max=\"" + std::to_string(kMotherAgeRange.max) + "\"") +
      "</div>";
  for (const char* field : {"pregnant_at_start", "first_pregnancy"})
    out += RadioField(
        field, Label(ctx, cb.field(field)), cb.field(field).options,
        value(field, code(field, field == std::string("first_pregnancy") ? d.first_pregnancy : d.pregnant_at_start)),
        errors, "", ctx.language);
  out += "<div class=\"row\">" +
         InputField("referrer", ctx.T("veld.verwijzer"), value("referrer", d.referrer), errors) + "</div>" +
         RadioField("referrer_type", Label(ctx, cb.field("referrer_type")), cb.field("referrer_type").options,
                    value("referrer_type", code("referrer_type", d.referrer_type)), errors, "", ctx.language);
  if (identity) {
    Identity shown{value("naam", identity->name), value("telefoon", identity->phone),
                   value("adres", identity->address)};
    out += "<h3>" + Escape(ctx.T("dossier.identiteit")) + "</h3>" + IdentityFields(ctx, shown, errors);
  }
  if (Authorize(ctx.who(), Action::kAssignWorker, d.social_worker))
    out += WorkerChoice(ctx, value("werker", d.social_worker), errors);
  return out + FieldError(errors, "version") + "<button type=\"submit\">" + Escape(ctx.T("opslaan")) +
         "</button></form></section>";
}

}  // namespace

void NewDossierPage(Context& ctx) { SendNewForm(ctx, {}); }

void NewDossierPost(Context& ctx) {
  FormErrors errors;
  Dossier d;
  auto track = CodedField(ctx, "track", "traject", &errors, true);
  auto start = DateField(ctx.request, "start_date", &errors, ctx, true);
  Date today = *Date::Parse(Today(ctx.app));
  if (start && *start > today) errors["start_date"] = ctx.T("fout.toekomst");
  ParseStartFacts(ctx, &d, &errors, false);
  d.social_worker = ctx.who().username;
  if (Authorize(ctx.who(), Action::kAssignWorker, std::nullopt) && !ctx.request.Form("werker").empty()) {
    if (auto worker = AssignableWorker(ctx, ctx.request.Form("werker"), &errors)) d.social_worker = *worker;
  }
  std::string mother = ChosenMother(ctx, &errors);
  d.dossier_id = NewDossierId(ctx);
  // A new mother gets a generated pseudonym; the store numbers the
  // trajectory by the one domain rule (AssignTrajectoryNumbers).
  d.mother_id = mother.empty() ? "M" + d.dossier_id.substr(1) : mother;
  d.trajectory_number = 0;
  if (track) d.track = *track;
  if (start) d.start_date = *start;
  AddRuleErrors(ctx, ValidateDossier(ctx.app.codebook(), d), kDossierFields, &errors);
  CheckIdentityLengths(ctx, &errors);
  if (!errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendNewForm(ctx, errors);
  }
  FormErrors warnings = DateWarnings(ctx, d, nullptr);
  if (!warnings.empty() && !WarningsConfirmed(ctx.request)) {
    ctx.audit_outcome = "waarschuwing";
    return SendNewForm(ctx, {}, warnings);
  }
  std::string name = OneLine(ctx.request.Form("naam")), phone = OneLine(ctx.request.Form("telefoon")),
              address = OneLine(ctx.request.Form("adres"));
  app::CreateDossierCommand command{d, "", {}};
  if (!name.empty() || !phone.empty() || !address.empty())
    command.sealed_identity = ctx.app.sealer().Seal(name + "\n" + phone + "\n" + address);
  ctx.params["id"] = d.dossier_id;  // for the audit row
  ctx.audit_detail = "dossier=" + d.dossier_id;
  command.audit = ChangeEvent(ctx);
  auto created = app::CreateDossier(ctx.services(), command);
  if (!created.ok()) {
    if (created.status().code() != StatusCode::kInvalidInput) throw Failure(created.status());
    errors["start_date"] = created.status().message();
    ctx.audit_outcome = "ongeldig";
    return SendNewForm(ctx, errors);
  }
  ctx.change_audited = true;
  d = *created;
  // Straight on to the start registration: one step less than the spreadsheet's.
  ctx.response.Redirect("/dossiers/" + UrlEncode(d.dossier_id) + "/moment/start?nieuw=1");
}

namespace {

// What a post on the dossier page sends back: a refused correction keeps
// the posted values with each error (or warning to confirm) next to its
// field; a refused contact likewise in the contact form.
struct DossierForms {
  FormErrors errors, warnings, contact_errors;
};

// The dossier page (422 after a refused post).
void SendDossier(Context& ctx, const DossierForms& forms) {
  const Dossier& d = *ctx.dossier;
  const FormErrors& errors = forms.errors;
  std::string id_url = "/dossiers/" + UrlEncode(d.dossier_id);
  std::string body;
  if (ctx.request.Query("bewaard") == "1")
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("bewaard")) + "</p>";
  if (ctx.request.Query("verwijderd") == "1")
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("contact.verwijderd")) + "</p>";
  body += "<p class=\"no-print\"><a href=\"" + id_url + "/overzicht\">" + Escape(ctx.T("overzicht.link")) + "</a></p>";
  body +=
      "<section class=\"card\"><dl class=\"facts\">" + Row(ctx.T("veld.dossier"), d.dossier_id) +
      Row(ctx.T("veld.moeder"),
          d.mother_id + " (" + ctx.T("veld.traject_nr") + " " + std::to_string(d.trajectory_number) + ")") +
      Row(ctx.T("veld.traject"), Label(ctx, "track", d.track)) + Row(ctx.T("veld.start"), d.start_date.ToString()) +
      Row(ctx.T("veld.einde"), DateText(d.end_date)) + Row(ctx.T("veld.werker"), d.social_worker) +
      Row(ctx.T("veld.verwijzer"),
          d.referrer + (d.referrer_type == kMissing ? "" : " (" + Label(ctx, "referrer_type", d.referrer_type) + ")")) +
      Row(ctx.T("veld.uitgerekend"), DateText(d.due_date)) + Row(ctx.T("veld.geboorte"), DateText(d.child_birth_date)) +
      Row(Label(ctx, ctx.app.codebook().field("pregnant_at_start")),
          Label(ctx, "pregnant_at_start", d.pregnant_at_start)) +
      Row(Label(ctx, ctx.app.codebook().field("first_pregnancy")), Label(ctx, "first_pregnancy", d.first_pregnancy)) +
      Row(ctx.T("veld.leeftijd"), d.mother_age_at_start ? std::to_string(*d.mother_age_at_start) : "") +
      "</dl></section>";
  std::optional<Identity> shown_identity;
  if (Authorize(ctx.who(), Action::kViewIdentity, d.social_worker)) {
    Identity identity = OpenIdentity(ctx, d.dossier_id);
    shown_identity = identity;
    // Seeing a mother's name is what the history must show above all.
    if (!identity.name.empty() || !identity.phone.empty() || !identity.address.empty()) ctx.audit_detail = "identiteit";
    body += "<section class=\"card identity\"><h2>" + Escape(ctx.T("dossier.identiteit")) +
            "</h2><dl class=\"facts\">" + Row(ctx.T("veld.naam"), identity.name) +
            Row(ctx.T("veld.telefoon"), identity.phone) + Row(ctx.T("veld.adres"), identity.address) +
            "</dl></section>";
  } else {
    body += "<p class=\"small\">" + Escape(ctx.T("dossier.pseudoniem")) + "</p>";
  }
  auto measurements = ctx.reader().GetMeasurements(d.dossier_id);
  if (!measurements.ok()) throw Failure(measurements.status());
  body += "<section class=\"card\"><h2>" + Escape(ctx.T("dossier.momenten")) + "</h2><ul class=\"moments\">";
  for (Moment m : {Moment::kStart, Moment::kBirth, Moment::kEnd}) {
    const Measurement* found = nullptr;
    for (const auto& x : *measurements)
      if (x.moment == m) found = &x;
    std::string code = MomentCode(m);
    body += "<li><a href=\"" + id_url + "/moment/" + code + "\">" + Escape(ctx.T("moment." + code)) + "</a> " +
            (found ? "<span class=\"badge done\"><span aria-hidden=\"true\">&#10003; </span>" +
                         Escape(ctx.T("geregistreerd")) + " " + DateText(found->measured_on) + "</span>"
                   : "<span class=\"badge\"><span aria-hidden=\"true\">&#9675; </span>" + Escape(ctx.T("open")) +
                         "</span>") +
            "</li>";
  }
  body += "</ul><p>" + Escape(ctx.T("dossier.indicatoren")) + ": ";
  for (int n = 1; n <= 3; ++n)
    body += "<a href=\"" + id_url + "/indicatoren/" + std::to_string(n) + "\">" + Escape(ctx.T("meting")) + " " +
            std::to_string(n) + "</a> ";
  body += "</p></section>";

  body += ContactSection(ctx, forms.contact_errors);

  // Corrections: every fact of the start, the identity, the assignment.
  if (Authorize(ctx.who(), Action::kEditDossier, d.social_worker))
    body += EditForm(ctx, d, shown_identity ? &*shown_identity : nullptr, errors, forms.warnings);
  if (Authorize(ctx.who(), Action::kViewAccessHistory, d.social_worker))
    body += "<p><a href=\"" + id_url + "/historiek\">" + Escape(ctx.T("dossier.historiek")) + "</a></p>";
  // Group work and support money (issue 13).
  if (Authorize(ctx.who(), Action::kEnrolInGroup, d.social_worker))
    body += "<p class=\"actions\"><a href=\"" + id_url + "/groep\">" + Escape(ctx.T("groep.titel")) +
            "</a> <a href=\"" + id_url + "/steungeld\">" + Escape(ctx.T("steungeld.titel")) + "</a></p>";
  bool refused = !errors.empty() || !forms.contact_errors.empty();
  SendPage(ctx, ctx.T("dossier.titel") + " " + d.dossier_id, body, refused ? 422 : 200);
}

}  // namespace

void DossierPage(Context& ctx) { SendDossier(ctx, {}); }

void SendDossierWithContactErrors(Context& ctx, const std::map<std::string, std::string>& contact_errors) {
  SendDossier(ctx, {{}, {}, contact_errors});
}

void DossierPost(Context& ctx) {
  Dossier d = *ctx.dossier;
  FormErrors errors;
  auto version = VersionField(ctx.request);
  ParseStartFacts(ctx, &d, &errors, true);
  // The identity: only the assigned worker sees it, so only she corrects it.
  bool identity_posted =
      ctx.request.form.count("naam") || ctx.request.form.count("telefoon") || ctx.request.form.count("adres");
  bool may_identity = Authorize(ctx.who(), Action::kViewIdentity, d.social_worker);
  Identity identity;
  bool identity_changed = false;
  if (identity_posted && may_identity) {
    CheckIdentityLengths(ctx, &errors);
    identity = {OneLine(ctx.request.Form("naam")), OneLine(ctx.request.Form("telefoon")),
                OneLine(ctx.request.Form("adres"))};
    Identity stored = OpenIdentity(ctx, d.dossier_id);
    identity_changed =
        identity.name != stored.name || identity.phone != stored.phone || identity.address != stored.address;
  }
  std::string assignment;
  if (!ctx.request.Form("werker").empty() && ctx.request.Form("werker") != d.social_worker) {
    if (!Authorize(ctx.who(), Action::kAssignWorker, d.social_worker)) {
      errors["werker"] = ctx.T("fout.geweigerd.tekst");
    } else {
      if (auto worker = AssignableWorker(ctx, ctx.request.Form("werker"), &errors)) {
        // From whom to whom (account names only); a team lead taking a
        // dossier herself is marked apart, since it opens the identity.
        bool to_self = *worker == ctx.who().username;
        assignment =
            std::string(to_self ? "toewijzing.zelf" : "toewijzing") + " van=" + d.social_worker + " naar=" + *worker;
        d.social_worker = *worker;
      }
    }
  }
  if (!version) errors["version"] = ctx.T("fout.formulier");
  AddRuleErrors(ctx, ValidateDossier(ctx.app.codebook(), d), kDossierFields, &errors);
  if (!errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendDossier(ctx, {errors, {}, {}});
  }
  FormErrors warnings = DateWarnings(ctx, d, &*ctx.dossier);
  if (!warnings.empty() && !WarningsConfirmed(ctx.request)) {
    ctx.audit_outcome = "waarschuwing";
    return SendDossier(ctx, {{}, warnings, {}});
  }
  // What changed, by name only; an assignment first, as the history reads it.
  std::string facts = ChangedFacts(*ctx.dossier, d, identity_changed);
  ctx.audit_detail =
      assignment + (facts.empty() ? "" : (assignment.empty() ? "" : " ") + std::string("velden=") + facts);
  d.version = *version;
  app::UpdateDossierCommand command{d, "", identity_changed, {}};
  if (identity_changed && !identity.empty())
    command.sealed_identity = ctx.app.sealer().Seal(identity.name + "\n" + identity.phone + "\n" + identity.address);
  command.audit = ChangeEvent(ctx);
  auto updated = app::UpdateDossier(ctx.services(), command);
  if (updated.status().code() == StatusCode::kConflict) {
    ctx.audit_outcome = "conflict";
    return SendMessage(ctx, 409, ctx.T("conflict.titel"), ctx.T("conflict.dossier"));
  }
  if (!updated.ok()) throw Failure(updated.status());
  ctx.change_audited = true;
  ctx.response.Redirect("/dossiers/" + UrlEncode(d.dossier_id) + "?bewaard=1");
}

}  // namespace opkomst::web
