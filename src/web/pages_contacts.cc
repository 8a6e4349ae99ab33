// The contact log of a dossier (issue 11, finding 4): adding a contact on
// the dossier page, correcting and removing one on its own page (removal
// after a confirmation). Each change is an app/ use case committed with its
// audit record, which names the contact and what changed, never the note.
// Who may: the route's kEditDossier (domain/access.cc); a contact is found
// only within the dossier of the path, so another caseload's contact is
// never reached through one's own dossier.
#include <limits>

#include "domain/record_rules.h"
#include "storage/team.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

constexpr int kContactsShown = 25;  // on the dossier page; "?contacten=alle" shows every one

struct ContactValues {
  std::string date, kind, note;
};

std::string DossierUrl(const Context& ctx) { return "/dossiers/" + UrlEncode(ctx.dossier->dossier_id); }
std::string ContactUrl(const Context& ctx, int64_t id) { return DossierUrl(ctx) + "/contacten/" + std::to_string(id); }

// Date, kind and note with their errors; the note says who else reads it
// and its limit (refused when longer, never cut).
std::string ContactFields(Context& ctx, const ContactValues& v, const FormErrors& errors) {
  bool bad_kind = errors.count("kind") > 0, bad_note = errors.count("note") > 0;
  std::string out =
      "<div class=\"row\">" + InputField("contact_date", ctx.T("veld.datum"), v.date, errors, "date", "required") +
      "<div class=\"field" + std::string(bad_kind ? " invalid" : "") + "\"><label for=\"kind\">" +
      Escape(ctx.T("veld.soort")) + RequiredMark() + "</label><select id=\"kind\" name=\"kind\" required" +
      (bad_kind ? " aria-invalid=\"true\" aria-describedby=\"fout-kind\"" : "") + ">";
  for (const std::string& kind : ContactKinds())
    out += "<option value=\"" + kind + "\"" + (kind == v.kind ? " selected" : "") + ">" +
           Escape(ctx.T("contact." + kind)) + "</option>";
  out += "</select>" + FieldError(errors, "kind") + "</div><div class=\"field grow" +
         std::string(bad_note ? " invalid" : "") + "\"><label for=\"note\">" + Escape(ctx.T("veld.notitie")) +
         "</label><textarea id=\"note\" name=\"note\" rows=\"2\" aria-describedby=\"note-hint" +
         std::string(bad_note ? " fout-note\" aria-invalid=\"true" : "") + "\">" + Escape(v.note) +
         "</textarea><small id=\"note-hint\">" + Escape(ctx.T("contact.waarschuwing")) + " " +
         Escape(ctx.T("contact.limiet")) + " " + std::to_string(kMaxNoteLength) + ".</small>" +
         FieldError(errors, "note") + "</div></div>";
  return out;
}

// The posted contact, judged by the domain's ValidateContact; the values
// as typed in `v` (a refused form shows them again).
std::optional<Date> ParseContact(Context& ctx, ContactValues* v, FormErrors* errors) {
  v->date = ctx.request.Form("contact_date");
  v->kind = ctx.request.Form("kind");
  v->note = ctx.request.Form("note");
  auto date = DateField(ctx.request, "contact_date", errors, ctx, true);
  AddRuleErrors(ctx, ValidateContact(v->kind, date, v->note), {}, errors);
  return date;
}

// The route's {contact} of the route's dossier; nothing (and 404 sent) if
// that dossier has no such contact.
std::optional<team::Contact> RouteContact(Context& ctx) {
  const std::string& text = ctx.params["contact"];
  auto id = WholeNumber(text, 1, std::numeric_limits<int64_t>::max());
  std::optional<team::Contact> found;
  if (id) found = Check(team::FindContact(ctx.reader(), ctx.dossier->dossier_id, *id));
  if (!found) {
    ctx.audit_outcome = "onbekend";
    SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"), ctx.T("contact.onbekend"));
    return std::nullopt;
  }
  ctx.audit_detail = "contact=" + std::to_string(found->id);
  return found;
}

std::string OpenNote(Context& ctx, const team::Contact& c) {
  auto note = ctx.app.sealer().Open(c.note);
  return note.ok() ? *note : "?";
}

void SendEditForm(Context& ctx, const team::Contact& c, const ContactValues& v, const FormErrors& errors) {
  std::string body = "<p><a href=\"" + DossierUrl(ctx) + "\">&larr; " + Escape(ctx.T("terug_dossier")) + "</a></p>";
  if (!errors.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  body += "<form method=\"post\" action=\"" + ContactUrl(ctx, c.id) + "\" class=\"card\" novalidate>" + CsrfField(ctx) +
          "<p class=\"small\">" + Escape(ctx.T("verplicht.uitleg")) + " " + Escape(ctx.T("veld.door")) + ": " +
          Escape(c.author) + "</p>" + ContactFields(ctx, v, errors) +
          "<div class=\"actions\"><button type=\"submit\">" + Escape(ctx.T("opslaan")) + "</button> <a href=\"" +
          DossierUrl(ctx) + "\">" + Escape(ctx.T("annuleren")) + "</a></div></form><p><a class=\"danger\" href=\"" +
          ContactUrl(ctx, c.id) + "/verwijderen\">" + Escape(ctx.T("contact.verwijderen")) + "</a></p>";
  SendPage(ctx, ctx.T("contact.wijzigen") + " - " + ctx.dossier->dossier_id, body, errors.empty() ? 200 : 422);
}

void SendRemoveConfirmation(Context& ctx, const team::Contact& c) {
  std::string body = "<div class=\"card\"><p>" + Escape(ctx.T("contact.verwijderen.vraag")) +
                     "</p><dl class=\"facts\">" + "<dt>" + Escape(ctx.T("veld.datum")) + "</dt><dd>" + Escape(c.date) +
                     "</dd><dt>" + Escape(ctx.T("veld.soort")) + "</dt><dd>" + Escape(ctx.T("contact." + c.kind)) +
                     "</dd><dt>" + Escape(ctx.T("veld.notitie")) + "</dt><dd>" + Escape(OpenNote(ctx, c)) +
                     "</dd></dl>" + "<form method=\"post\" action=\"" + ContactUrl(ctx, c.id) + "/verwijderen\">" +
                     CsrfField(ctx) +
                     "<input type=\"hidden\" name=\"bevestigd\" value=\"1\"><button type=\"submit\" class=\"danger\">" +
                     Escape(ctx.T("contact.verwijderen.ja")) + "</button> <a href=\"" + ContactUrl(ctx, c.id) + "\">" +
                     Escape(ctx.T("annuleren")) + "</a></form></div>";
  SendPage(ctx, ctx.T("contact.verwijderen") + " - " + ctx.dossier->dossier_id, body);
}

}  // namespace

std::string ContactSection(Context& ctx, const std::map<std::string, std::string>& errors) {
  const Dossier& d = *ctx.dossier;
  // The latest contacts; a long guidance's whole list on request. Every
  // note is unsealed to be shown, so a dossier with hundreds of contacts
  // would cost hundreds of decryptions per view (and a phone's screen).
  const bool all = ctx.request.Query("contacten") == "alle";
  auto contacts = Check(team::ListContacts(ctx.reader(), d.dossier_id, all ? 0 : kContactsShown + 1));
  const bool more = !all && contacts.size() > static_cast<size_t>(kContactsShown);
  if (more) contacts.resize(kContactsShown);
  bool editable = Authorize(ctx.who(), Action::kEditDossier, d.social_worker);
  std::string out = "<section class=\"card\" id=\"contacten\"><h2>" + Escape(ctx.T("dossier.contacten")) + "</h2>";
  if (editable) {
    // After a refused post: what was typed, with the errors next to it.
    ContactValues shown{Today(ctx.app), "", ""};
    if (!errors.empty()) shown = {ctx.request.Form("contact_date"), ctx.request.Form("kind"), ctx.request.Form("note")};
    if (!errors.empty()) out += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
    out += "<form method=\"post\" action=\"" + DossierUrl(ctx) + "/contacten\" class=\"no-print\" novalidate>" +
           CsrfField(ctx) + ContactFields(ctx, shown, errors) + "<button type=\"submit\">" +
           Escape(ctx.T("toevoegen")) + "</button></form>";
  }
  out += "<table><thead><tr><th>" + Escape(ctx.T("veld.datum")) + "</th><th>" + Escape(ctx.T("veld.soort")) +
         "</th><th>" + Escape(ctx.T("veld.notitie")) + "</th><th>" + Escape(ctx.T("veld.door")) + "</th>" +
         (editable ? "<th><span class=\"visually-hidden\">" + Escape(ctx.T("contact.wijzigen")) + "</span></th>" : "") +
         "</tr></thead><tbody>";
  for (const auto& c : contacts) {
    out += "<tr><td>" + Escape(c.date) + "</td><td>" + Escape(ctx.T("contact." + c.kind)) + "</td><td>" +
           Escape(OpenNote(ctx, c)) + "</td><td>" + Escape(c.author) + "</td>";
    if (editable)
      out += "<td class=\"no-print\"><a href=\"" + ContactUrl(ctx, c.id) + "\">" + Escape(ctx.T("wijzigen")) +
             "<span class=\"visually-hidden\"> " + Escape(c.date) + "</span></a></td>";
    out += "</tr>";
  }
  out += "</tbody></table>";
  if (more)
    out += "<p class=\"no-print\"><a href=\"" + DossierUrl(ctx) + "?contacten=alle#contacten\">" +
           Escape(ctx.T("contact.alle")) + "</a></p>";
  return out + "</section>";
}

void ContactPost(Context& ctx) {
  FormErrors errors;
  ContactValues v;
  auto date = ParseContact(ctx, &v, &errors);
  if (!errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendDossierWithContactErrors(ctx, errors);
  }
  team::Contact c{
      0, ctx.dossier->dossier_id, date->ToString(), v.kind, ctx.app.sealer().Seal(v.note), ctx.who().username, ""};
  ctx.audit_detail = "soort=" + v.kind;
  Check(app::AddContact(ctx.services(), {c, ChangeEvent(ctx)}));
  ctx.change_audited = true;
  ctx.response.Redirect(DossierUrl(ctx) + "?bewaard=1#contacten");
}

void ContactEditPage(Context& ctx) {
  auto c = RouteContact(ctx);
  if (c) SendEditForm(ctx, *c, {c->date, c->kind, OpenNote(ctx, *c)}, {});
}

void ContactEditPost(Context& ctx) {
  auto stored = RouteContact(ctx);
  if (!stored) return;
  FormErrors errors;
  ContactValues v;
  auto date = ParseContact(ctx, &v, &errors);
  if (!errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendEditForm(ctx, *stored, v, errors);
  }
  // What changed, by name (never the note itself).
  std::string fields;
  auto note = [&](bool changed, const char* name) {
    if (changed) fields += std::string(fields.empty() ? "" : ",") + name;
  };
  note(date->ToString() != stored->date, "datum");
  note(v.kind != stored->kind, "soort");
  note(v.note != OpenNote(ctx, *stored), "notitie");
  ctx.audit_detail += " velden=" + (fields.empty() ? std::string("geen") : fields);
  team::Contact changed = *stored;
  changed.date = date->ToString();
  changed.kind = v.kind;
  changed.note = ctx.app.sealer().Seal(v.note);
  Check(app::EditContact(ctx.services(), {changed, ChangeEvent(ctx)}));
  ctx.change_audited = true;
  ctx.response.Redirect(DossierUrl(ctx) + "?bewaard=1#contacten");
}

void ContactRemovePage(Context& ctx) {
  auto c = RouteContact(ctx);
  if (c) SendRemoveConfirmation(ctx, *c);
}

void ContactRemovePost(Context& ctx) {
  auto c = RouteContact(ctx);
  if (!c) return;
  // Removal is asked once more unless this post is the confirmation.
  if (!WarningsConfirmed(ctx.request)) {
    ctx.audit_outcome = "waarschuwing";
    return SendRemoveConfirmation(ctx, *c);
  }
  ctx.audit_detail += " soort=" + c->kind;
  Check(app::RemoveContact(ctx.services(), {c->dossier_id, c->id, ChangeEvent(ctx)}));
  ctx.change_audited = true;
  ctx.response.Redirect(DossierUrl(ctx) + "?verwijderd=1#contacten");
}

}  // namespace opkomst::web
