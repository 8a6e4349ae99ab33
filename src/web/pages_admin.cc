// Beheer: accounts. The administrator creates them without a password: the
// page shows a one-time activation code for the owner, and accounts that see
// dossiers wait for a team lead's confirmation (pages_signin.cc). Enabling
// such an account again also waits for that confirmation.
#include "storage/signin.h"
#include "storage/team.h"
#include "web/account_messages.h"
#include "web/accounts.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

// Active or disabled, and the button that flips it (not for oneself).
std::string ActiveForm(const Context& ctx, const team::Account& a) {
  std::string state = Escape(ctx.T(a.active ? "account.actief" : "account.uitgeschakeld"));
  if (!a.activation_hash.empty()) state += ", " + Escape(ctx.T("account.wacht_op_activering"));
  if (!a.confirmed) state += ", " + Escape(ctx.T("account.wacht_op_bevestiging"));
  if (a.username == ctx.who().username) return state;
  return state + " <form method=\"post\" class=\"inline\" action=\"/beheer/accounts/" + Escape(UrlEncode(a.username)) +
         "/actief\">" + CsrfField(ctx) + "<input type=\"hidden\" name=\"actief\" value=\"" + (a.active ? "0" : "1") +
         "\"><button type=\"submit\">" + Escape(ctx.T(a.active ? "account.uitschakelen" : "account.inschakelen")) +
         "</button></form>";
}

void SendAccounts(Context& ctx, const FormErrors& errors, const std::string& notice, int status) {
  auto accounts = team::ListAccounts(ctx.reader());
  if (!accounts.ok()) throw Failure(accounts.status());
  std::string body;
  if (!notice.empty()) body += "<div class=\"notice\" role=\"status\">" + notice + "</div>";
  if (!errors.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(ctx.T("fout.formulier")) + "</p>";
  body += "<table><thead><tr><th>" + Escape(ctx.T("veld.account")) + "</th><th>" + Escape(ctx.T("veld.naam")) +
          "</th><th>" + Escape(ctx.T("veld.rol")) + "</th><th>" + Escape(ctx.T("caseload.capaciteit")) + "</th><th>" +
          Escape(ctx.T("account.tweede_factor")) + "</th><th>" + Escape(ctx.T("account.status")) +
          "</th></tr></thead><tbody>";
  for (const auto& a : *accounts)
    body += "<tr><td>" + Escape(a.username) + "</td><td>" + Escape(a.display_name) + "</td><td>" +
            Escape(ctx.T("rol." + a.role)) + "</td><td>" + (a.capacity ? std::to_string(*a.capacity) : "") +
            "</td><td>" + (a.totp_secret.empty() ? "-" : Escape(ctx.T("ja"))) + "</td><td>" + ActiveForm(ctx, a) +
            "</td></tr>";
  body += "</tbody></table>";
  const WebRequest& r = ctx.request;
  bool keep = r.method == "POST" && !errors.empty();
  body += "<h2>" + Escape(ctx.T("account.nieuw_titel")) +
          "</h2><form method=\"post\" action=\"/beheer/accounts\" class=\"card\">" + CsrfField(ctx) +
          "<div class=\"row\">" +
          InputField("gebruikersnaam", ctx.T("login.gebruikersnaam"), keep ? r.Form("gebruikersnaam") : "", errors,
                     "text", "required pattern=\"[a-z0-9._\\-]{2,32}\"") +
          InputField("naam", ctx.T("veld.naam"), keep ? r.Form("naam") : "", errors, "text", "maxlength=\"100\"") +
          "</div><div class=\"field\"><label for=\"rol\">" + Escape(ctx.T("veld.rol")) +
          "</label><select id=\"rol\" name=\"rol\">";
  for (Role role :
       {Role::kWorker, Role::kTeamLead, Role::kResearcher, Role::kAdministrator, Role::kFacilitator, Role::kReferrer}) {
    std::string name(RoleName(role));
    body += "<option value=\"" + name + "\"" + (keep && r.Form("rol") == name ? " selected" : "") + ">" +
            Escape(ctx.T("rol." + name)) + "</option>";
  }
  body += "</select>" + FieldError(errors, "rol") + "</div><div class=\"row\">" +
          InputField("capaciteit", ctx.T("caseload.capaciteit"), keep ? r.Form("capaciteit") : "", errors, "number",
                     "min=\"0\" max=\"100\"") +
          "</div><button type=\"submit\">" + Escape(ctx.T("account.aanmaken")) + "</button></form>";
  SendPage(ctx, ctx.T("accounts.titel"), body, status);
}

// After enabling or disabling (?gewijzigd=NAME): what happened, read from
// the store rather than from the link.
std::string ChangedNotice(Context& ctx) {
  std::string username = ctx.request.Query("gewijzigd");
  if (username.empty()) return "";
  auto account = team::FindAccount(ctx.reader(), username);
  if (!account.ok() || !*account) return "";
  const team::Account& a = **account;
  std::string what = !a.active      ? "account.is_uitgeschakeld"
                     : !a.confirmed ? "account.is_ingeschakeld_wacht"
                                    : "account.is_ingeschakeld";
  return "<strong>" + Escape(a.username) + "</strong>: " + Escape(ctx.T(what));
}

// Disabling asks first: who it is and what follows (nothing is changed yet).
void SendDisableConfirmation(Context& ctx, const std::string& username) {
  std::string body = "<div class=\"card narrow\"><p>" + Escape(ctx.T("account.uitschakelen_vraag")) + " <strong>" +
                     Escape(username) + "</strong>?</p><p>" + Escape(ctx.T("account.uitschakelen_gevolg")) +
                     "</p><form method=\"post\" action=\"/beheer/accounts/" + Escape(UrlEncode(username)) +
                     "/actief\">" + CsrfField(ctx) +
                     "<input type=\"hidden\" name=\"actief\" value=\"0\"><input type=\"hidden\" "
                     "name=\"bevestigd\" value=\"1\"><button type=\"submit\">" +
                     Escape(ctx.T("account.uitschakelen_ja")) + "</button> <a href=\"/beheer/accounts\">" +
                     Escape(ctx.T("annuleren")) + "</a></form></div>";
  SendPage(ctx, ctx.T("account.uitschakelen_titel"), body);
}

}  // namespace

void AccountsPage(Context& ctx) { SendAccounts(ctx, {}, ChangedNotice(ctx), 200); }

void AccountsPost(Context& ctx) {
  WebAccount input{ctx.request.Form("gebruikersnaam"), ctx.request.Form("naam"), ctx.request.Form("rol"), std::nullopt};
  FormErrors errors;
  std::string capacity = ctx.request.Form("capaciteit");
  if (!capacity.empty()) {
    if (auto n = WholeNumber(capacity, 0, 100))
      input.capacity = static_cast<int>(*n);
    else
      errors["capaciteit"] = ctx.T("fout.aantal") + " 0-100 ('" + capacity.substr(0, 20) + "')";
  }
  ctx.audit_detail = "account=" + input.username.substr(0, 32) + " rol=" + input.role.substr(0, 32);
  if (errors.empty()) {
    auto created = CreateWebAccount(ctx.services(), input, ChangeEvent(ctx), ctx.app.Now());
    if (created.ok()) {
      ctx.change_audited = true;
      // The administrator passes the code on; she never sets or learns a password.
      std::string notice = Escape(ctx.T("account.aangemaakt")) + " <strong>" + Escape(input.username) + "</strong>. " +
                           Escape(ctx.T("account.activeringscode")) + " <code class=\"secret\">" + created->code +
                           "</code> (<a href=\"/activeren\">/activeren</a>).";
      if (created->needs_confirmation) {
        notice += " " + Escape(ctx.T("account.wacht_op_teamverantwoordelijke"));
        ctx.audit_detail += " wacht_op_bevestiging";
      }
      return SendAccounts(ctx, {}, notice, 200);
    }
    if (created.status().code() != StatusCode::kInvalidInput && created.status().code() != StatusCode::kAlreadyExists)
      throw Failure(created.status());
    errors = AccountFormErrors(ctx, input, created.status());
  }
  ctx.audit_outcome = "ongeldig";
  SendAccounts(ctx, errors, "", 422);
}

void AccountActivePost(Context& ctx) {
  const std::string& username = ctx.params["account"];
  bool active = ctx.request.Form("actief") == "1";
  ctx.audit_detail = "account=" + username.substr(0, 32) + (active ? " ingeschakeld" : " uitgeschakeld");
  if (username == ctx.who().username) {
    ctx.audit_outcome = "geweigerd";
    return SendMessage(ctx, 422, ctx.T("fout.formulier"), ctx.T("account.niet_zelf"));
  }
  if (!active && ctx.request.Form("bevestigd") != "1") {
    ctx.audit_detail = "account=" + username.substr(0, 32) + " uitschakelen gevraagd";  // nothing changed yet
    return SendDisableConfirmation(ctx, username);
  }
  auto changed = SetAccountActive(ctx.services(), username, active, ChangeEvent(ctx));
  if (changed.status().code() == StatusCode::kNotFound) {
    ctx.audit_outcome = "onbekend";
    return SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"),
                       "'" + username.substr(0, 40) + "' " + ctx.T("account.bestaat_niet"));
  }
  if (!changed.ok()) throw Failure(changed.status());
  ctx.change_audited = true;
  // A disabled account's sessions end at once.
  if (!active) Check(ctx.app.sessions().DestroyAllOf(username));
  ctx.response.Redirect("/beheer/accounts?gewijzigd=" + UrlEncode(username));
}

}  // namespace opkomst::web
