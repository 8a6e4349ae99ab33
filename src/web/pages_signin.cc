// Accounts made on the web (finding 7 of the penetration test): the owner
// activates hers with the one-time code and sets her own password, and a
// team lead (the second person) confirms every account that sees dossiers
// before it can sign in. The administrator never knows a working password.
#include "security/crypto.h"
#include "storage/signin.h"
#include "storage/team.h"
#include "web/account_messages.h"
#include "web/accounts.h"
#include "web/app_internal.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

// The form before sign-in: a pre-session CSRF token in a cookie and a field.
std::string PreSessionCsrf(Context& ctx) {
  std::string token = security::RandomHex(16);
  std::string cookie = "opkomst_csrf=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600";
  if (ctx.app.options().secure_cookie) cookie += "; Secure";
  ctx.response.Header("Set-Cookie", cookie);
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + token + "\">";
}

void SendActivate(Context& ctx, const FormErrors& errors, int status) {
  std::string body;
  if (!errors.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  body += "<p>" + Escape(ctx.T("activeren.uitleg")) +
          "</p><form method=\"post\" action=\"/activeren\" class=\"card narrow\">" + PreSessionCsrf(ctx) +
          InputField("gebruikersnaam", ctx.T("login.gebruikersnaam"), ctx.request.Form("gebruikersnaam"), {}, "text",
                     "autocomplete=\"username\" required autofocus") +
          InputField("code", ctx.T("activeren.code"), "", errors, "text", "autocomplete=\"off\" required") +
          InputField("wachtwoord", ctx.T("account.nieuw"), "", errors, "password",
                     "autocomplete=\"new-password\" minlength=\"12\" required") +
          "<button type=\"submit\">" + Escape(ctx.T("activeren.knop")) + "</button></form>";
  SendPage(ctx, ctx.T("activeren.titel"), body, status);
}

// Which field a refused activation concerns, in the user's words: the
// code's length, the password's rule, else the code is unknown, used or expired.
FormErrors ActivationErrors(const Context& ctx, const std::string& username) {
  const std::string code = ctx.request.Form("code");
  if (code.size() != 32) return {{"code", ctx.T("activeren.fout.lengte") + " " + std::to_string(code.size()) + "."}};
  std::string password = NewPasswordError(ctx, ctx.request.Form("wachtwoord"), username);
  if (!password.empty()) return {{"wachtwoord", password}};
  return {{"code", ctx.T("activeren.fout.onbekend")}};
}

}  // namespace

void ActivatePage(Context& ctx) { SendActivate(ctx, {}, 200); }

void ActivatePost(Context& ctx) {
  std::string username = ctx.request.Form("gebruikersnaam");
  ctx.audit_detail = username.substr(0, 64);
  auto admitted = AdmitSignIn(ctx);
  if (!admitted) return;
  // Pre-session: the account tried is the audit record's account.
  AuditEvent event{username, "", ctx.audit_action ? ctx.audit_action : "account.activeren", "", "ok", ""};
  auto activated = ActivateAccount(ctx.services(), ctx.app.sealer(), username, ctx.request.Form("code"),
                                   ctx.request.Form("wachtwoord"), ctx.app.Now(), event);
  if (!activated.ok()) {
    ctx.audit_outcome = "mislukt";
    if (activated.status().code() != StatusCode::kInvalidInput) throw Failure(activated.status());
    return SendActivate(ctx, ActivationErrors(ctx, username), 422);
  }
  ctx.change_audited = true;
  std::string body = "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("activeren.gelukt")) + "</p>";
  if (activated->needs_confirmation) body += "<p>" + Escape(ctx.T("activeren.wacht_op_bevestiging")) + "</p>";
  if (const std::string& secret = activated->totp_secret; !secret.empty())
    body += "<p>" + Escape(ctx.T("account.totp_eenmalig")) + " <code class=\"secret\">" + secret +
            "</code></p><p class=\"small\">" + Escape(security::TotpUri("opkomst", username, secret)) + "</p>";
  body += "<p><a href=\"/aanmelden\">" + Escape(ctx.T("login.titel")) + "</a></p>";
  SendPage(ctx, ctx.T("activeren.titel"), body);
}

// The team lead's list of accounts that wait for her confirmation.
void ConfirmationsPage(Context& ctx) {
  auto waiting = team::AwaitingConfirmation(ctx.reader());
  if (!waiting.ok()) throw Failure(waiting.status());
  std::string body = "<p>" + Escape(ctx.T("bevestigen.uitleg")) + "</p>";
  if (waiting->empty()) {
    body += "<p class=\"notice\">" + Escape(ctx.T("bevestigen.geen")) + "</p>";
    return SendPage(ctx, ctx.T("bevestigen.titel"), body);
  }
  body += "<table><thead><tr><th>" + Escape(ctx.T("veld.account")) + "</th><th>" + Escape(ctx.T("veld.naam")) +
          "</th><th>" + Escape(ctx.T("veld.rol")) + "</th><th>" + Escape(ctx.T("bevestigen.door")) + "</th><th>" +
          Escape(ctx.T("account.status")) + "</th><th></th></tr></thead><tbody>";
  for (const team::Account& a : *waiting) {
    body += "<tr><td>" + Escape(a.username) + "</td><td>" + Escape(a.display_name) + "</td><td>" +
            Escape(ctx.T("rol." + a.role)) + "</td><td>" + Escape(a.created_by.empty() ? "-" : a.created_by) +
            "</td><td>" +
            Escape(ctx.T(!a.active                    ? "account.uitgeschakeld"
                         : !a.activation_hash.empty() ? "account.wacht_op_activering"
                                                      : "account.geactiveerd")) +
            "</td><td>";
    if (a.username != ctx.who().username && a.created_by != ctx.who().username)
      body += "<form method=\"post\" class=\"inline\" action=\"/team/accounts/" + Escape(UrlEncode(a.username)) +
              "/bevestigen\">" + CsrfField(ctx) + "<button type=\"submit\">" + Escape(ctx.T("bevestigen.knop")) +
              "</button></form>";
    body += "</td></tr>";
  }
  body += "</tbody></table>";
  SendPage(ctx, ctx.T("bevestigen.titel"), body);
}

void ConfirmPost(Context& ctx) {
  const std::string& username = ctx.params["account"];
  ctx.audit_detail = "account=" + username.substr(0, 32);
  auto confirmed = ConfirmAccount(ctx.services(), username, ChangeEvent(ctx));
  if (!confirmed.ok()) throw Failure(confirmed.status());
  if (!*confirmed) {
    ctx.audit_outcome = "geweigerd";
    return SendMessage(ctx, 422, ctx.T("bevestigen.titel"), ctx.T("bevestigen.niet"));
  }
  ctx.change_audited = true;
  ctx.response.Redirect("/team/accounts");
}

}  // namespace opkomst::web
