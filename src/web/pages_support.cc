// Support money pages (issue 13): the grant form and the grants on a
// dossier (the worker), the requests waiting for the team lead with
// approve / refuse and a reason, the framework list, and the overview per
// year, category and track (spent, families, average, waiting).
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "app/support_money.h"
#include "domain/text.h"
#include "web/app_internal.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

void Invalid(Context& ctx, const std::string& message) {
  ctx.audit_outcome = "ongeldig";
  SendMessage(ctx, 422, ctx.T("fout.formulier"), message);
}

std::string StatusBadge(Context& ctx, const std::string& status) {
  return "<span class=\"badge\">" + Escape(ctx.T("steungeld.status." + status)) + "</span>";
}

std::string GrantLine(Context& ctx, const storage::Grant& g) {
  return "<tr><td>" + Escape(g.granted_on) + "</td><td>" + Escape(g.item) + "</td><td>" + Escape(g.category) +
         "</td><td>" + Escape(app::FormatEuro(g.amount)) + "</td><td>" + StatusBadge(ctx, g.status) + "</td><td>" +
         Escape(g.reason) + (g.decision_reason.empty() ? "" : " · " + Escape(g.decision_reason)) + "</td></tr>";
}

std::string GrantTable(Context& ctx, const std::vector<storage::Grant>& grants) {
  std::string body = "<table><thead><tr><th>" + Escape(ctx.T("veld.datum")) + "</th><th>" +
                     Escape(ctx.T("steungeld.item")) + "</th><th>" + Escape(ctx.T("steungeld.categorie")) +
                     "</th><th>" + Escape(ctx.T("steungeld.bedrag")) + "</th><th>" + Escape(ctx.T("steungeld.status")) +
                     "</th><th>" + Escape(ctx.T("steungeld.reden")) + "</th></tr></thead><tbody>";
  for (const storage::Grant& g : grants) body += GrantLine(ctx, g);
  return body + "</tbody></table>";
}

}  // namespace

void GrantsPage(Context& ctx) {
  const std::string& id = ctx.dossier->dossier_id;
  auto items = storage::ListItems(ctx.reader());
  auto grants = storage::ListGrants(ctx.reader(), {id, "", 0});
  if (!items.ok() || !grants.ok()) throw Failure(Unavailable("support money"));
  std::string body;
  if (ctx.request.Query("bewaard") == "1")
    body += "<p class=\"message\">" + Escape(ctx.T("steungeld.bewaard." + ctx.request.Query("status"))) + "</p>";
  body += "<form method=\"post\" action=\"/dossiers/" + UrlEncode(id) + "/steungeld\" class=\"card narrow\">" +
          CsrfField(ctx) + "<div class=\"field\"><label for=\"item\">" + Escape(ctx.T("steungeld.item")) +
          "</label><select id=\"item\" name=\"item\"><option value=\"buiten\">" +
          Escape(ctx.T("steungeld.buiten_kader")) + "</option>";
  for (const storage::SupportItem& item : *items)
    if (item.active)
      body += "<option value=\"" + std::to_string(item.id) + "\">" + Escape(item.item) + " (" + Escape(item.category) +
              ", " + Escape(ctx.T("steungeld.plafond")) + " " + Escape(app::FormatEuro(item.ceiling_per_grant)) +
              ")</option>";
  body += "</select></div>" +
          InputField("omschrijving", ctx.T("steungeld.omschrijving"), "", {}, "text", "maxlength=\"200\"") +
          InputField("bedrag", ctx.T("steungeld.bedrag"), "", {}, "text", "required inputmode=\"decimal\"") +
          InputField("datum", ctx.T("veld.datum"), Today(ctx.app), {}, "date", "required") +
          InputField("reden", ctx.T("steungeld.reden"), "", {}, "text", "required maxlength=\"500\"") +
          "<button type=\"submit\">" + Escape(ctx.T("steungeld.registreren")) + "</button></form>";
  body += "<h2>" + Escape(ctx.T("steungeld.op_dossier")) + "</h2>" + GrantTable(ctx, *grants);
  SendPage(ctx, ctx.T("steungeld.titel") + " " + id, body);
}

void GrantPost(Context& ctx) {
  const WebRequest& r = ctx.request;
  auto cents = app::ParseEuroCents(r.Form("bedrag"));
  if (!cents) {
    Finding f{"", 0, ctx.T("steungeld.bedrag"), r.Form("bedrag"), "grant.amount", ""};
    return Invalid(ctx, f.Describe(ctx.language));
  }
  storage::Grant g;
  g.dossier_id = ctx.dossier->dossier_id;
  g.granted_on = r.Form("datum");
  if (r.Form("item") != "buiten") {
    auto item = WholeNumber(r.Form("item"), 1, std::numeric_limits<int64_t>::max());
    if (!item) return Invalid(ctx, ctx.T("steungeld.item") + ": " + r.Form("item"));
    g.item_id = *item;
  }
  g.item = r.Form("omschrijving");
  g.amount = *cents;
  g.reason = r.Form("reden");
  auto grant = app::RegisterGrant(ctx.services(), {g, storage::AuditTimestamp(), ChangeEvent(ctx)});
  if (grant.status().code() == StatusCode::kInvalidInput) return Invalid(ctx, grant.status().message());
  if (!grant.ok()) throw Failure(grant.status());
  ctx.change_audited = true;
  ctx.response.Redirect("/dossiers/" + UrlEncode(g.dossier_id) + "/steungeld?bewaard=1&status=" + grant->status);
}

void SupportPage(Context& ctx) {
  auto waiting = storage::ListGrants(ctx.reader(), {"", "aangevraagd", 0});
  auto all = storage::ListGrants(ctx.reader(), {"", "", 0});
  auto items = storage::ListItems(ctx.reader());
  if (!waiting.ok() || !all.ok() || !items.ok()) throw Failure(Unavailable("support money"));
  std::string body = "<h2>" + Escape(ctx.T("steungeld.aanvragen")) + "</h2>";
  for (const storage::Grant& g : *waiting) {
    std::string action = "/steungeld/" + std::to_string(g.id) + "/beslissing";
    body += "<div class=\"card\"><p>" + Escape(g.dossier_id) + " · " + Escape(g.granted_on) + " · " + Escape(g.item) +
            " · " + Escape(app::FormatEuro(g.amount)) + "</p><p>" + Escape(g.reason) +
            "</p><form method=\"post\" action=\"" + action + "\">" + CsrfField(ctx) +
            InputField("reden", ctx.T("steungeld.reden_beslissing"), "", {}, "text", "required maxlength=\"500\"") +
            "<button type=\"submit\" name=\"beslissing\" value=\"goedkeuren\">" +
            Escape(ctx.T("steungeld.goedkeuren")) +
            "</button> <button type=\"submit\" name=\"beslissing\" value=\"weigeren\">" +
            Escape(ctx.T("steungeld.weigeren")) + "</button></form></div>";
  }
  if (waiting->empty()) body += "<p>" + Escape(ctx.T("steungeld.geen_aanvragen")) + "</p>";
  // Overview per year, category and track.
  struct Cell {
    int64_t spent = 0;
    std::set<std::string> families;
    int waiting = 0;
  };
  std::map<std::string, std::string> track_of;
  std::map<std::tuple<std::string, std::string, std::string>, Cell> cells;
  for (const storage::Grant& g : *all) {
    if (!track_of.count(g.dossier_id)) {
      auto d = ctx.reader().GetDossier(g.dossier_id);
      track_of[g.dossier_id] =
          d.ok() && d->track != kMissing ? ctx.app.codebook().field("track").options.at(d->track).code : "";
    }
    Cell& c = cells[{g.granted_on.substr(0, 4), g.category, track_of[g.dossier_id]}];
    if (g.status == "toegekend" || g.status == "goedgekeurd") {
      c.spent += g.amount;
      c.families.insert(g.dossier_id);
    }
    c.waiting += g.status == "aangevraagd";
  }
  body += "<h2>" + Escape(ctx.T("steungeld.overzicht")) + "</h2><table><thead><tr><th>" +
          Escape(ctx.T("steungeld.jaar")) + "</th><th>" + Escape(ctx.T("steungeld.categorie")) + "</th><th>" +
          Escape(ctx.T("steungeld.traject")) + "</th><th>" + Escape(ctx.T("steungeld.uitgegeven")) + "</th><th>" +
          Escape(ctx.T("steungeld.gezinnen")) + "</th><th>" + Escape(ctx.T("steungeld.gemiddeld")) + "</th><th>" +
          Escape(ctx.T("steungeld.wachtend")) + "</th></tr></thead><tbody>";
  for (const auto& [key, c] : cells) {
    int64_t families = static_cast<int64_t>(c.families.size());
    body += "<tr><td>" + Escape(std::get<0>(key)) + "</td><td>" + Escape(std::get<1>(key)) + "</td><td>" +
            Escape(std::get<2>(key)) + "</td><td>" + Escape(app::FormatEuro(c.spent)) + "</td><td>" +
            std::to_string(families) + "</td><td>" +
            (families ? Escape(app::FormatEuro(c.spent / families)) : std::string("–")) + "</td><td>" +
            std::to_string(c.waiting) + "</td></tr>";
  }
  body += "</tbody></table>";
  // The framework list.
  body += "<h2>" + Escape(ctx.T("steungeld.kader")) + "</h2><table><tbody>";
  for (const storage::SupportItem& item : *items)
    body += "<tr><td>" + Escape(item.item) + "</td><td>" + Escape(item.category) + "</td><td>" +
            Escape(app::FormatEuro(item.ceiling_per_grant)) + "</td><td>" +
            Escape(app::FormatEuro(item.ceiling_per_family_year)) + "</td></tr>";
  body += "</tbody></table>";
  if (ctx.Allowed(Action::kManageFramework))
    body += "<form method=\"post\" action=\"/steungeld/kader\" class=\"card narrow\">" + CsrfField(ctx) +
            InputField("item", ctx.T("steungeld.item"), "", {}, "text", "required maxlength=\"200\"") +
            InputField("categorie", ctx.T("steungeld.categorie"), "", {}, "text", "required maxlength=\"100\"") +
            InputField("per_keer", ctx.T("steungeld.plafond"), "", {}, "text", "required inputmode=\"decimal\"") +
            InputField("per_jaar", ctx.T("steungeld.plafond_jaar"), "", {}, "text", "required inputmode=\"decimal\"") +
            "<button type=\"submit\">" + Escape(ctx.T("steungeld.item_toevoegen")) + "</button></form>";
  SendPage(ctx, ctx.T("steungeld.titel"), body);
}

void DecisionPost(Context& ctx) {
  auto id = ParseInteger(ctx.params["grant"]);
  if (!id) throw Failure(NotFound("grant " + ctx.params["grant"]));
  std::string decision = ctx.request.Form("beslissing");
  if (decision != "goedkeuren" && decision != "weigeren")
    return Invalid(ctx, "beslissing '" + decision + "': goedkeuren of weigeren");
  Status s = app::DecideGrant(ctx.services(), {*id, decision == "goedkeuren", ctx.request.Form("reden"),
                                               ctx.who().username, Today(ctx.app), ChangeEvent(ctx)});
  if (s.code() == StatusCode::kInvalidInput) return Invalid(ctx, s.message());
  if (!s.ok()) throw Failure(s);
  ctx.change_audited = true;
  ctx.response.Redirect("/steungeld");
}

void FrameworkPost(Context& ctx) {
  const WebRequest& r = ctx.request;
  auto per_grant = app::ParseEuroCents(r.Form("per_keer"));
  auto per_year = app::ParseEuroCents(r.Form("per_jaar"));
  if (!per_grant || !per_year) {
    Finding f{"", 0, ctx.T("steungeld.plafond"), r.Form(per_grant ? "per_jaar" : "per_keer"), "grant.amount", ""};
    return Invalid(ctx, f.Describe(ctx.language));
  }
  auto saved = app::SaveItem(ctx.services(),
                             {{0, r.Form("item"), r.Form("categorie"), *per_grant, *per_year, true}, ChangeEvent(ctx)});
  if (saved.status().code() == StatusCode::kInvalidInput || saved.status().code() == StatusCode::kAlreadyExists)
    return Invalid(ctx, saved.status().message());
  if (!saved.ok()) throw Failure(saved.status());
  ctx.change_audited = true;
  ctx.response.Redirect("/steungeld");
}

}  // namespace opkomst::web
