// Beheer: accounts. The administrator creates them without a password: the
// page shows a one-time activation code for the owner, and accounts that see
// dossiers wait for a team lead's confirmation (pages_signin.cc). Enabling
// such an account again also waits for that confirmation.
#include "storage/signin.h"
#include "storage/team.h"
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

}  // namespace

void AccountsPage(Context& ctx) { SendAccounts(ctx, {}, "", 200); }

void AccountsPost(Context& ctx) {
  WebAccount input{ctx.request.Form("gebruikersnaam"), ctx.request.Form("naam"), ctx.request.Form("rol"), std::nullopt};
  FormErrors errors;
  std::string capacity = ctx.request.Form("capaciteit");
  if (!capacity.empty()) {
    if (auto n = WholeNumber(capacity, 0, 100))
      input.capacity = static_cast<int>(*n);
    else
      errors["capaciteit"] = ctx.T("fout.aantal") + " 0-100";
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
    std::string message = created.status().message();
    std::string field = message.substr(0, message.find_first_of(" :'"));
    if (field != "gebruikersnaam" && field != "rol" && field != "capaciteit") field = "gebruikersnaam";
    errors[field] = message;
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
  auto changed = SetAccountActive(ctx.services(), username, active, ChangeEvent(ctx));
  if (changed.status().code() == StatusCode::kNotFound) {
    ctx.audit_outcome = "onbekend";
    return SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"), changed.status().message());
  }
  if (!changed.ok()) throw Failure(changed.status());
  ctx.change_audited = true;
  // A disabled account's sessions end at once.
  if (!active) Check(ctx.app.sessions().DestroyAllOf(username));
  ctx.response.Redirect("/beheer/accounts");
}

}  // namespace opkomst::web
