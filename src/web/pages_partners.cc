// Beheer: partner organisations (name, kind, internal or external) and the
// link of a doorverwijzer account to its organisation. The account itself
// is made on /beheer/accounts (role doorverwijzer, activation code).
#include "app/intake.h"
#include "storage/intake_store.h"
#include "storage/team.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

void SendPartners(Context& ctx, const std::string& error, int status) {
  auto organisations = storage::ListOrganisations(ctx.reader());
  auto accounts = team::ListAccounts(ctx.reader());
  if (!organisations.ok()) throw Failure(organisations.status());
  if (!accounts.ok()) throw Failure(accounts.status());
  std::string body;
  if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  body += "<table><thead><tr><th>#</th><th>" + Escape(ctx.T("veld.naam")) + "</th><th>" +
          Escape(ctx.T("intake.soort")) + "</th><th>" + Escape(ctx.T("intake.intern")) + "</th><th>" +
          Escape(ctx.T("intake.accounts")) + "</th></tr></thead><tbody>";
  for (const auto& o : *organisations) {
    std::string members;
    for (const auto& a : *accounts) {
      if (a.role != "doorverwijzer") continue;
      auto org = storage::OrganisationOf(ctx.reader(), a.username);
      if (org.ok() && *org && **org == o.id) members += (members.empty() ? "" : ", ") + a.username;
    }
    body += "<tr><td>" + std::to_string(o.id) + "</td><td>" + Escape(o.name) + "</td><td>" +
            Escape(ctx.T("intake.soort." + o.kind)) + "</td><td>" + Escape(ctx.T(o.internal ? "ja" : "intake.nee")) +
            "</td><td>" + Escape(members) + "</td></tr>";
  }
  body += "</tbody></table><h2>" + Escape(ctx.T("intake.organisatie_nieuw")) +
          "</h2><form method=\"post\" action=\"/beheer/organisaties\" class=\"card\">" + CsrfField(ctx) +
          "<div class=\"row\">" + InputField("naam", ctx.T("veld.naam"), "", {}, "text", "maxlength=\"120\" required") +
          "<div class=\"field\"><label for=\"soort\">" + Escape(ctx.T("intake.soort")) +
          "</label><select id=\"soort\" name=\"soort\">";
  for (intake::OrganisationKind kind : intake::AllOrganisationKinds()) {
    std::string code(intake::OrganisationKindCode(kind));
    body += "<option value=\"" + code + "\">" + Escape(ctx.T("intake.soort." + code)) + "</option>";
  }
  body += "</select></div></div><label class=\"inline\"><input type=\"checkbox\" name=\"intern\" value=\"1\"> " +
          Escape(ctx.T("intake.intern")) + "</label> <button type=\"submit\">" + Escape(ctx.T("opslaan")) +
          "</button></form><h2>" + Escape(ctx.T("intake.koppelen")) +
          "</h2><form method=\"post\" action=\"/beheer/organisaties/koppelen\" class=\"card\">" + CsrfField(ctx) +
          "<div class=\"row\"><div class=\"field\"><label for=\"account\">" + Escape(ctx.T("veld.account")) +
          "</label><select id=\"account\" name=\"account\">";
  for (const auto& a : *accounts)
    if (a.role == "doorverwijzer") body += "<option>" + Escape(a.username) + "</option>";
  body += "</select></div><div class=\"field\"><label for=\"organisatie\">" + Escape(ctx.T("intake.organisatie")) +
          "</label><select id=\"organisatie\" name=\"organisatie\">";
  for (const auto& o : *organisations)
    body += "<option value=\"" + std::to_string(o.id) + "\">" + Escape(o.name) + "</option>";
  body += "</select></div></div><button type=\"submit\">" + Escape(ctx.T("intake.koppelen")) + "</button></form>";
  SendPage(ctx, ctx.T("intake.organisaties.titel"), body, status);
}

}  // namespace

void PartnersPage(Context& ctx) { SendPartners(ctx, "", 200); }

void PartnersPost(Context& ctx) {
  storage::Organisation o;
  o.name = ctx.request.Form("naam");
  o.kind = ctx.request.Form("soort");
  o.internal = ctx.request.Form("intern") == "1";
  ctx.audit_detail = "soort=" + o.kind.substr(0, 30);
  auto id = app::AddOrganisation(ctx.services(), {o, ChangeEvent(ctx)});
  if (!id.ok()) {
    if (id.status().code() != StatusCode::kInvalidInput && id.status().code() != StatusCode::kAlreadyExists)
      throw Failure(id.status());
    ctx.audit_outcome = "ongeldig";
    return SendPartners(ctx, id.status().message(), 422);
  }
  ctx.change_audited = true;
  ctx.response.Redirect("/beheer/organisaties");
}

void PartnerLinkPost(Context& ctx) {
  auto org = WholeNumber(ctx.request.Form("organisatie"), 1, 1LL << 40);
  std::string username = ctx.request.Form("account").substr(0, 64);
  ctx.audit_detail = "account=" + username + " organisatie=" + (org ? std::to_string(*org) : "?");
  Status s = org ? app::LinkPartnerAccount(ctx.services(), {username, *org, ChangeEvent(ctx)})
                 : InvalidInput("organisatie: kies een organisatie");
  if (!s.ok()) {
    if (s.code() != StatusCode::kInvalidInput && s.code() != StatusCode::kNotFound) throw Failure(s);
    ctx.audit_outcome = "ongeldig";
    return SendPartners(ctx, s.message(), 422);
  }
  ctx.change_audited = true;
  ctx.response.Redirect("/beheer/organisaties");
}

}  // namespace opkomst::web
