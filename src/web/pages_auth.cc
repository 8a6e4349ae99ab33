// Sign-in (password, then the TOTP code where set), sign-out, and the
// account's own page (password change, second factor).
#include "security/crypto.h"
#include "storage/signin.h"
#include "storage/team.h"
#include "web/account_messages.h"
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

}  // namespace

// Only plain local paths, so a crafted link cannot send someone elsewhere
// after sign-in, nor smuggle a header in: letters, digits and - . _ ~ / ? = &
// only, starting with one slash. Everything else (control characters, CR
// and LF, %-escapes, backslashes, "//host", non-ASCII) gives "/".
std::string SafeReturn(const std::string& target) {
  if (target.size() < 2 || target.size() > 512 || target[0] != '/' || target[1] == '/') return "/";
  for (unsigned char c : target) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-._~/?=&").find(static_cast<char>(c)) != std::string_view::npos;
    if (!plain) return "/";
  }
  if (target.rfind("/aanmelden", 0) == 0 || target.rfind("/activeren", 0) == 0) return "/";
  return target;
}

// Counts a sign-in attempt against the client's address (a 429 page with
// Retry-After once the address has used up its minute), then takes a slot
// for the password hash (503 with Retry-After when every slot is busy).
std::optional<CostlyWork::Slot> AdmitSignIn(Context& ctx) {
  int64_t wait = ctx.app.throttle().Admit(ctx.request.remote_address, ctx.app.Now());
  if (wait != 0) {
    ctx.audit_outcome = "afgeremd";
    ctx.response.Header("Retry-After", std::to_string(wait));
    SendMessage(ctx, 429, ctx.T("fout.te_veel.titel"), ctx.T("fout.te_veel.tekst"));
    return std::nullopt;
  }
  auto slot = ctx.app.password_work().TryEnter();
  if (!slot) {
    ctx.audit_outcome = "druk";
    ctx.response.Header("Retry-After", "1");
    SendMessage(ctx, 503, ctx.T("fout.druk.titel"), ctx.T("fout.druk.tekst"));
  }
  return slot;
}

namespace {

void StartSession(Context& ctx, const Principal& principal, bool awaiting_code, const std::string& back) {
  // Never reuse a token across sign-in.
  if (!ctx.token.empty()) Check(ctx.app.sessions().Destroy(ctx.token));
  Session session;
  session.principal = principal;
  session.awaiting_second_factor = awaiting_code;
  session.language = ctx.language;
  std::string token = Check(ctx.app.sessions().Create(session, ctx.app.Now()));
  ctx.response.Header("Set-Cookie",
                      SessionCookieName(ctx.app.options().secure_cookie) + "=" + token + CookieAttributes(ctx.app, -1));
  // The pre-session token stays while the code is awaited, so that going
  // back to the sign-in form still works.
  if (!awaiting_code) ctx.response.Header("Set-Cookie", "opkomst_csrf=" + CookieAttributes(ctx.app, 0));
  ctx.response.Redirect(awaiting_code ? "/aanmelden/code?terug=" + UrlEncode(SafeReturn(back)) : SafeReturn(back));
}

void SendLogin(Context& ctx, const std::string& error, int status) {
  std::string token = security::RandomHex(16);
  ctx.response.Header("Set-Cookie", "opkomst_csrf=" + token + CookieAttributes(ctx.app, 3600));
  std::string back = SafeReturn(ctx.request.method == "POST" ? ctx.request.Form("terug") : ctx.request.Query("terug"));
  std::string body;
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  // A form posted after the session expired is kept (KeepStalePost): say so.
  if (back.rfind("/hervatten/", 0) == 0)
    body += "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("hervatten.aanmelden")) + "</p>";
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
    Check(ctx.app.sessions().Replace(ctx.token, *ctx.session));
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
  auto admitted = AdmitSignIn(ctx);
  if (!admitted) return;
  SignInResult result = CheckPassword(ctx.services(), username, ctx.request.Form("wachtwoord"), ctx.app.Now());
  if (result.outcome == SignInOutcome::kRefused) {
    // "mislukt": a password was checked (or the name is unknown); "geblokkeerd":
    // refused unchecked, by a lock or a burst beyond the limit.
    ctx.audit_outcome = result.locked && !result.checked ? "geblokkeerd" : "mislukt";
    return SendLogin(ctx, ctx.T("login.mislukt"), 401);
  }
  ctx.audit_outcome = result.outcome == SignInOutcome::kSignedIn ? "ok" : "code_nodig";
  StartSession(ctx, result.principal, result.outcome == SignInOutcome::kNeedsSecondFactor, ctx.request.Form("terug"));
}

void CodePage(Context& ctx) {
  if (!ctx.session || !ctx.session->awaiting_second_factor) return ctx.response.Redirect("/aanmelden");
  std::string body = "<form method=\"post\" action=\"/aanmelden/code\" class=\"card narrow\">" + CsrfField(ctx) +
                     "<input type=\"hidden\" name=\"terug\" value=\"" + Escape(SafeReturn(ctx.request.Query("terug"))) +
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
  auto admitted = AdmitSignIn(ctx);
  if (!admitted) return;
  if (!CheckSecondFactor(ctx.services(), ctx.app.sealer(), who.username, ctx.request.Form("code"), ctx.app.Now())) {
    ctx.audit_outcome = "mislukt";
    Check(ctx.app.sessions().Destroy(ctx.token));
    ctx.session.reset();
    return SendLogin(ctx, ctx.T("login.code.mislukt"), 401);
  }
  StartSession(ctx, who, false, ctx.request.Form("terug"));
}

void LogoutPost(Context& ctx) {
  // Forms kept for this account are forgotten too: nothing of hers waits
  // on this device after she signed out.
  Check(ctx.app.sessions().SignOut(ctx.token, ctx.who().username));
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
    case Role::kFacilitator:
      return ctx.response.Redirect("/groepen");
    case Role::kReferrer:
      return ctx.response.Redirect("/verwijzingen");
  }
}

namespace {

// The secret being enrolled lives in this session only (the browser never
// sends one back); made when the page is first shown.
std::string PendingSecret(Context& ctx) {
  if (ctx.session->pending_totp.empty()) {
    ctx.session->pending_totp = security::NewTotpSecret();
    Check(ctx.app.sessions().Replace(ctx.token, *ctx.session));
  }
  return ctx.session->pending_totp;
}

bool HasSecondFactor(Context& ctx) {
  auto account = team::FindAccount(ctx.reader(), ctx.who().username);
  return account.ok() && *account && !(*account)->totp_secret.empty();
}

// `error` goes above the forms; `field_errors` next to the password form's fields.
void SendAccount(Context& ctx, const std::string& message, const std::string& error,
                 const FormErrors& field_errors = {}) {
  std::string body;
  if (!message.empty()) body += "<p class=\"notice\" role=\"status\">" + Escape(message) + "</p>";
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  body +=
      "<section class=\"card narrow\"><h2>" + Escape(ctx.T("account.wachtwoord")) +
      "</h2><form method=\"post\" action=\"/account/wachtwoord\">" + CsrfField(ctx) +
      InputField("huidig", ctx.T("account.huidig"), "", {}, "password", "autocomplete=\"current-password\" required") +
      InputField("nieuw", ctx.T("account.nieuw"), "", field_errors, "password",
                 "autocomplete=\"new-password\" minlength=\"12\" required") +
      "<button type=\"submit\">" + Escape(ctx.T("opslaan")) + "</button></form></section>";
  std::string secret = PendingSecret(ctx);
  bool replacing = HasSecondFactor(ctx);
  body +=
      "<section class=\"card narrow\"><h2>" + Escape(ctx.T("account.tweede_factor")) + "</h2><p>" +
      Escape(ctx.T(replacing ? "account.tweede_factor.vervangen" : "account.tweede_factor.uitleg")) +
      "</p><p><code class=\"secret\">" + secret + "</code></p><p class=\"small\">" +
      Escape(security::TotpUri("opkomst", ctx.who().username, secret)) +
      "</p><form method=\"post\" action=\"/account/tweede-factor\">" + CsrfField(ctx) +
      InputField("huidig", ctx.T("account.huidig"), "", {}, "password", "autocomplete=\"current-password\" required");
  if (replacing)
    body += InputField("oude_code", ctx.T("account.oude_code"), "", {}, "text",
                       "inputmode=\"numeric\" pattern=\"[0-9]{6}\" autocomplete=\"one-time-code\" required");
  body += "<label for=\"code\">" + Escape(ctx.T("login.code")) +
          "</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" "
          "pattern=\"[0-9]{6}\" required><button type=\"submit\">" +
          Escape(ctx.T("account.activeer")) + "</button></form></section>";
  SendPage(ctx, ctx.T("account.titel"), body, error.empty() && field_errors.empty() ? 200 : 422);
}

}  // namespace

void AccountPage(Context& ctx) { SendAccount(ctx, "", ""); }

void AccountPasswordPost(Context& ctx) {
  const std::string& username = ctx.who().username;
  SignInResult check = CheckPassword(ctx.services(), username, ctx.request.Form("huidig"), ctx.app.Now());
  if (check.outcome == SignInOutcome::kRefused) {
    ctx.audit_outcome = "mislukt";
    return SendAccount(ctx, "", ctx.T("account.huidig_fout"));
  }
  Status changed = ChangePassword(ctx.services(), username, ctx.request.Form("nieuw"), ChangeEvent(ctx));
  if (changed.code() == StatusCode::kInvalidInput) {
    ctx.audit_outcome = "ongeldig";
    std::string rule = NewPasswordError(ctx, ctx.request.Form("nieuw"), username);
    return SendAccount(ctx, "", ctx.T("fout.formulier"), {{"nieuw", rule.empty() ? changed.message() : rule}});
  }
  if (!changed.ok()) throw Failure(changed);
  ctx.change_audited = true;
  // Other sessions of this account end; this one goes on with a new token
  // and a new CSRF token (a token read before the change no longer works).
  Session keep = *ctx.session;
  keep.csrf_token.clear();
  Check(ctx.app.sessions().DestroyAllOf(username));
  std::string token = Check(ctx.app.sessions().Create(keep, ctx.app.Now()));
  ctx.response.Header("Set-Cookie",
                      SessionCookieName(ctx.app.options().secure_cookie) + "=" + token + CookieAttributes(ctx.app, -1));
  ctx.session = Check(ctx.app.sessions().Find(token, ctx.app.Now()));
  ctx.token = token;
  SendAccount(ctx, ctx.T("account.wachtwoord_gewijzigd"), "");
}

// Turning on (or replacing) the second factor: the current password (counted
// towards the lockout), the code of the old factor if there is one (counted
// and spent like a sign-in code), and a code of the secret this session
// made. A secret sent by the browser is ignored.
void AccountTotpPost(Context& ctx) {
  const std::string& username = ctx.who().username;
  int64_t now = ctx.app.Now();
  auto fail = [&](const char* key) {
    ctx.audit_outcome = "mislukt";
    SendAccount(ctx, "", ctx.T(key));
  };
  std::string pending = ctx.session->pending_totp;
  if (pending.empty()) return fail("login.code.mislukt");
  if (CheckPassword(ctx.services(), username, ctx.request.Form("huidig"), now).outcome == SignInOutcome::kRefused)
    return fail("account.huidig_fout");
  auto account = team::FindAccount(ctx.writer(), username);
  if (!account.ok() || !*account) throw std::runtime_error("account vanished: " + username);
  std::string old_sealed = (*account)->totp_secret;
  if (!old_sealed.empty() &&
      !CheckSecondFactor(ctx.services(), ctx.app.sealer(), username, ctx.request.Form("oude_code"), now))
    return fail("account.oude_code_fout");
  auto step = security::MatchTotpStep(pending, ctx.request.Form("code"), now);
  if (!step) return fail("login.code.mislukt");
  ctx.audit_detail = old_sealed.empty() ? "nieuw" : "vervangen";
  auto replaced = ReplaceSecondFactor(ctx.services(), username, old_sealed, ctx.app.sealer().Seal(pending), *step,
                                      ChangeEvent(ctx));
  if (!replaced.ok()) throw Failure(replaced.status());
  if (!*replaced) return fail("login.code.mislukt");  // changed meanwhile by another request
  ctx.change_audited = true;
  ctx.session->pending_totp.clear();
  Check(ctx.app.sessions().Replace(ctx.token, *ctx.session));
  SendAccount(ctx, ctx.T("account.tweede_factor_actief"), "");
}

}  // namespace opkomst::web
