#include <ctime>
#include <sstream>
#include <unordered_map>

#include "domain/date.h"
#include "domain/embedded_data.h"
#include "domain/text.h"
#include "web/app_internal.h"

namespace opkomst::web {
namespace {

struct UiEntry {
  std::string nl, en;
};

const std::unordered_map<std::string, UiEntry>& Catalogue() {
  static const auto* catalogue = [] {
    auto* out = new std::unordered_map<std::string, UiEntry>();
    std::istringstream in{std::string(EmbeddedDataFile("ui.txt"))};
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      size_t a = line.find(" | "), b = line.find(" | ", a == std::string::npos ? 0 : a + 3);
      if (a == std::string::npos || b == std::string::npos) continue;
      (*out)[line.substr(0, a)] = {line.substr(a + 3, b - a - 3), line.substr(b + 3)};
    }
    return out;
  }();
  return *catalogue;
}

}  // namespace

std::string Ui(Language language, std::string_view key) {
  auto it = Catalogue().find(std::string(key));
  if (it == Catalogue().end()) return std::string(key);
  return language == Language::kEnglish ? it->second.en : it->second.nl;
}

bool HasUiText(std::string_view key) { return Catalogue().count(std::string(key)) > 0; }

std::string Label(Language language, const std::string& dutch, const std::string& english) {
  if (language != Language::kEnglish || english.empty()) return dutch;
  std::string out = english;
  if (out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string Escape(std::string_view text) { return EscapeHtml(text); }

std::string CsrfField(const Context& ctx) {
  std::string token = ctx.session ? ctx.session->csrf_token : "";
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(token) + "\">";
}

std::string Today(const App& app) {
  std::time_t now = static_cast<std::time_t>(app.Now());
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void SendPage(Context& ctx, const std::string& title, const std::string& body, int status) {
  std::string nav;
  bool signed_in = ctx.session && !ctx.session->awaiting_second_factor;
  if (signed_in) {
    auto link = [&](Action action, const char* href, const char* key) {
      if (ctx.Allowed(action)) nav += "<a href=\"" + std::string(href) + "\">" + Escape(ctx.T(key)) + "</a>";
    };
    link(Action::kViewCaseload, "/caseload", "nav.caseload");
    link(Action::kListDossiers, "/dossiers", "nav.dossiers");
    link(Action::kCreateDossier, "/dossiers/nieuw", "nav.nieuw");
    link(Action::kViewIntake, "/intake", "nav.intake");
    link(Action::kViewOwnReferrals, "/verwijzingen", "nav.verwijzingen");
    if (!ctx.Allowed(Action::kViewIntake)) link(Action::kSubmitReferral, "/verwijzingen/nieuw", "nav.verwijzen");
    link(Action::kViewReport, "/rapporten", "nav.rapporten");
    link(Action::kViewReport, "/kerncijfers", "nav.kerncijfers");
    link(Action::kManageAccounts, "/beheer/accounts", "nav.accounts");
    link(Action::kManagePartners, "/beheer/organisaties", "nav.organisaties");
    link(Action::kConfirmAccounts, "/team/accounts", "nav.bevestigen");
    link(Action::kViewGroups, "/groepen", "nav.groepen");
    // Workers do not see the groups; they enrol a mother without dossier here.
    if (!ctx.Allowed(Action::kViewGroups))
      link(Action::kEnrolWithoutDossier, "/groepen/inschrijven", "nav.groep_inschrijven");
    link(Action::kDecideGrants, "/steungeld", "nav.steungeld");
    link(Action::kManageIndicatorSets, "/team/indicatoren", "nav.indicatoren");
    nav += "<span class=\"who\"><a href=\"/account\">" + Escape(ctx.who().username) + "</a> · " +
           Escape(ctx.T(std::string("rol.") + std::string(RoleName(ctx.who().role)))) + "</span>";
    nav += "<form method=\"post\" action=\"/afmelden\" class=\"inline\">" + CsrfField(ctx) +
           "<button type=\"submit\">" + Escape(ctx.T("nav.afmelden")) + "</button></form>";
  }
  nav += ctx.language == Language::kEnglish ? "<a class=\"lang\" href=\"/taal/nl\" lang=\"nl\">Nederlands</a>"
                                            : "<a class=\"lang\" href=\"/taal/en\" lang=\"en\">English</a>";
  std::string lang = ctx.language == Language::kEnglish ? "en" : "nl";
  ctx.response.status = status;
  ctx.response.body =
      "<!DOCTYPE html>\n<html lang=\"" + lang +
      "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><title>" +
      Escape(title) +
      " - opkomst</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/app.css\">"
      "<script src=\"/static/app.js\" defer></script></head><body" +
      // The idle limit, for the script that keeps a busy form's session alive.
      (signed_in ? " data-sessie=\"" + std::to_string(ctx.app.options().sessions.idle_seconds) + "\"" : "") +
      "><a class=\"skip\" href=\"#inhoud\">" + Escape(ctx.T("naar_inhoud")) +
      "</a><header><span class=\"brand\">opkomst</span><nav aria-label=\"" + Escape(ctx.T("nav.menu")) + "\">" + nav +
      "</nav></header><main id=\"inhoud\" tabindex=\"-1\"><h1>" + Escape(title) + "</h1>\n" + body +
      "</main></body></html>\n";
}

void SendMessage(Context& ctx, int status, const std::string& title, const std::string& text) {
  SendPage(ctx, title,
           "<p class=\"message\">" + Escape(text) + "</p><p><a href=\"/\">" + Escape(ctx.T("terug")) + "</a></p>",
           status);
}

}  // namespace opkomst::web
