// Sign-in (password, then the TOTP code where set), sign-out, and the
// account's own page (password change, second factor).
#include "security/crypto.h"
#include "storage/team.h"
#include "web/accounts.h"
#include "web/app_internal.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

std::string CookieAttributes(const App& app, int64_t max_age) {
  std::string out = "; Path=/; HttpOnly; SameSite=Strict";
  if (app.options().secure_cookie) out += "; Secure";
  if (max_age >= 0) out += "; Max-Age=" + std::to_string(max_age);
  return out;
}

// Only local paths, so a crafted link cannot send someone elsewhere after sign-in.
std::string SafeReturn(const std::string& target) {
  if (target.size() > 1 && target[0] == '/' && target[1] != '/' && target.find('\\') == std::string::npos &&
      target.find("/aanmelden") != 0)
    return target;
  return "/";
}

void StartSession(Context& ctx, const Principal& principal, bool awaiting_code, const std::string& back) {
  if (!ctx.token.empty()) ctx.app.sessions().Destroy(ctx.token);  // never reuse a token across sign-in
  Session session;
  session.principal = principal;
  session.awaiting_second_factor = awaiting_code;
  session.language = ctx.language;
  std::string token = ctx.app.sessions().Create(session, ctx.app.Now());
  ctx.response.Header("Set-Cookie",
                      SessionCookieName(ctx.app.options().secure_cookie) + "=" + token + CookieAttributes(ctx.app, -1));
  ctx.response.Header("Set-Cookie", "opkomst_csrf=" + CookieAttributes(ctx.app, 0));
  ctx.response.Redirect(awaiting_code ? "/aanmelden/code?terug=" + UrlEncode(back) : SafeReturn(back));
}

void SendLogin(Context& ctx, const std::string& error, int status) {
  std::string token = security::RandomHex(16);
  ctx.response.Header("Set-Cookie", "opkomst_csrf=" + token + CookieAttributes(ctx.app, 3600));
  std::string back = ctx.request.method == "POST" ? ctx.request.Form("terug") : ctx.request.Query("terug");
  std::string body;
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  body +=
      "<form method=\"post\" action=\"/aanmelden\" class=\"card narrow\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"" +
      token + "\"><input type=\"hidden\" name=\"terug\" value=\"" + Escape(back) + "\">" +
      InputField("gebruikersnaam", ctx.T("login.gebruikersnaam"), ctx.request.Form("gebruikersnaam"), {}, "text",
                 "autocomplete=\"username\" required autofocus") +
      InputField("wachtwoord", ctx.T("login.wachtwoord"), "", {}, "password",
                 "autocomplete=\"current-password\" required") +
      "<button type=\"submit\">" + Escape(ctx.T("login.knop")) + "</button></form>";
  SendPage(ctx, ctx.T("login.titel"), body, status);
}

}  // namespace

// /taal/en or /taal/nl: remembered in a cookie and in the session.
void LanguagePage(Context& ctx) {
  std::string code = ctx.params["code"] == "en" ? "en" : "nl";
  ctx.response.Header("Set-Cookie", "taal=" + code + CookieAttributes(ctx.app, 365 * 24 * 3600));
  if (ctx.session) {
    ctx.session->language = code == "en" ? Language::kEnglish : Language::kDutch;
    ctx.app.sessions().Replace(ctx.token, *ctx.session);
  }
  ctx.response.Redirect(ctx.session && !ctx.session->awaiting_second_factor ? "/" : "/aanmelden");
}

void LoginPage(Context& ctx) {
  if (ctx.session && !ctx.session->awaiting_second_factor) return ctx.response.Redirect("/");
  SendLogin(ctx, "", 200);
}

void LoginPost(Context& ctx) {
  std::string username = ctx.request.Form("gebruikersnaam");
  ctx.audit_detail = username.substr(0, 64);
  SignInResult result = CheckPassword(ctx.writer(), username, ctx.request.Form("wachtwoord"), ctx.app.Now());
  if (result.outcome == SignInOutcome::kRefused) {
    ctx.audit_outcome = result.locked ? "geblokkeerd" : "mislukt";
    return SendLogin(ctx, ctx.T("login.mislukt"), 401);
  }
  ctx.audit_outcome = result.outcome == SignInOutcome::kSignedIn ? "ok" : "code_nodig";
  StartSession(ctx, result.principal, result.outcome == SignInOutcome::kNeedsSecondFactor, ctx.request.Form("terug"));
}

void CodePage(Context& ctx) {
  if (!ctx.session || !ctx.session->awaiting_second_factor) return ctx.response.Redirect("/aanmelden");
  std::string body = "<form method=\"post\" action=\"/aanmelden/code\" class=\"card narrow\">" + CsrfField(ctx) +
                     "<input type=\"hidden\" name=\"terug\" value=\"" + Escape(ctx.request.Query("terug")) +
                     "\"><label for=\"code\">" + Escape(ctx.T("login.code")) +
                     "</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
                     "pattern=\"[0-9]{6}\" required autofocus><button type=\"submit\">" +
                     Escape(ctx.T("login.knop")) + "</button></form>";
  SendPage(ctx, ctx.T("login.code.titel"), body);
}

void CodePost(Context& ctx) {
  if (!ctx.session || !ctx.session->awaiting_second_factor) return ctx.response.Redirect("/aanmelden");
  Principal who = ctx.session->principal;
  ctx.audit_detail = who.username;
  if (!CheckSecondFactor(ctx.writer(), ctx.app.sealer(), who.username, ctx.request.Form("code"), ctx.app.Now())) {
    ctx.audit_outcome = "mislukt";
    ctx.app.sessions().Destroy(ctx.token);
    ctx.session.reset();
    return SendLogin(ctx, ctx.T("login.code.mislukt"), 401);
  }
  StartSession(ctx, who, false, ctx.request.Form("terug"));
}

void LogoutPost(Context& ctx) {
  ctx.app.sessions().Destroy(ctx.token);
  ctx.response.Header("Set-Cookie",
                      SessionCookieName(ctx.app.options().secure_cookie) + "=" + CookieAttributes(ctx.app, 0));
  ctx.response.Redirect("/aanmelden");
}

void HomePage(Context& ctx) {
  switch (ctx.who().role) {
    case Role::kWorker:
    case Role::kTeamLead:
      return ctx.response.Redirect("/caseload");
    case Role::kResearcher:
      return ctx.response.Redirect("/rapporten");
    case Role::kAdministrator:
      return ctx.response.Redirect("/beheer/accounts");
  }
}

namespace {

void SendAccount(Context& ctx, const std::string& message, const std::string& error) {
  std::string body;
  if (!message.empty()) body += "<p class=\"notice\" role=\"status\">" + Escape(message) + "</p>";
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  body +=
      "<section class=\"card narrow\"><h2>" + Escape(ctx.T("account.wachtwoord")) +
      "</h2><form method=\"post\" action=\"/account/wachtwoord\">" + CsrfField(ctx) +
      InputField("huidig", ctx.T("account.huidig"), "", {}, "password", "autocomplete=\"current-password\" required") +
      InputField("nieuw", ctx.T("account.nieuw"), "", {}, "password",
                 "autocomplete=\"new-password\" minlength=\"12\" required") +
      "<button type=\"submit\">" + Escape(ctx.T("opslaan")) + "</button></form></section>";
  std::string secret = security::NewTotpSecret();
  body += "<section class=\"card narrow\"><h2>" + Escape(ctx.T("account.tweede_factor")) + "</h2><p>" +
          Escape(ctx.T("account.tweede_factor.uitleg")) + "</p><p><code class=\"secret\">" + secret +
          "</code></p><p class=\"small\">" + Escape(security::TotpUri("opkomst", ctx.who().username, secret)) +
          "</p><form method=\"post\" action=\"/account/tweede-factor\">" + CsrfField(ctx) +
          "<input type=\"hidden\" name=\"geheim\" value=\"" + secret + "\"><label for=\"code\">" +
          Escape(ctx.T("login.code")) +
          "</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" "
          "pattern=\"[0-9]{6}\" required><button type=\"submit\">" +
          Escape(ctx.T("account.activeer")) + "</button></form></section>";
  SendPage(ctx, ctx.T("account.titel"), body, error.empty() ? 200 : 422);
}

}  // namespace

void AccountPage(Context& ctx) { SendAccount(ctx, "", ""); }

void AccountPasswordPost(Context& ctx) {
  const std::string& username = ctx.who().username;
  SignInResult check = CheckPassword(ctx.writer(), username, ctx.request.Form("huidig"), ctx.app.Now());
  if (check.outcome == SignInOutcome::kRefused) {
    ctx.audit_outcome = "mislukt";
    return SendAccount(ctx, "", ctx.T("account.huidig_fout"));
  }
  std::string password = ctx.request.Form("nieuw");
  Status s = CheckNewPassword(password, username);
  auto hash = s.ok() ? security::HashPassword(password) : StatusOr<std::string>(s);
  if (!hash.ok()) {
    ctx.audit_outcome = "ongeldig";
    return SendAccount(ctx, "", hash.status().message());
  }
  if (Status w = team::SetPassword(ctx.writer(), username, *hash); !w.ok()) throw std::runtime_error(w.message());
  // Other sessions of this account end; this one goes on.
  Session keep = *ctx.session;
  ctx.app.sessions().DestroyAllOf(username);
  std::string token = ctx.app.sessions().Create(keep, ctx.app.Now());
  ctx.response.Header("Set-Cookie",
                      SessionCookieName(ctx.app.options().secure_cookie) + "=" + token + CookieAttributes(ctx.app, -1));
  ctx.session = ctx.app.sessions().Find(token, ctx.app.Now());
  ctx.token = token;
  SendAccount(ctx, ctx.T("account.wachtwoord_gewijzigd"), "");
}

void AccountTotpPost(Context& ctx) {
  std::string secret = ctx.request.Form("geheim");
  if (secret.size() != 32 || !security::VerifyTotp(secret, ctx.request.Form("code"), ctx.app.Now())) {
    ctx.audit_outcome = "mislukt";
    return SendAccount(ctx, "", ctx.T("login.code.mislukt"));
  }
  Status s = team::SetTotpSecret(ctx.writer(), ctx.who().username, ctx.app.sealer().Seal(secret));
  if (!s.ok()) throw std::runtime_error(s.message());
  SendAccount(ctx, ctx.T("account.tweede_factor_actief"), "");
}

}  // namespace opkomst::web
