#include "web/app.h"

#include <chrono>
#include <iostream>

#include "web/app_internal.h"
#include "web/front_end.h"

namespace opkomst::web {
namespace {

constexpr char kContentSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; connect-src 'self'";

struct Route {
  const char* method;
  const char* pattern;           // "/dossiers/{id}/moment/{moment}"
  std::optional<Action> action;  // nullopt = open to everyone (sign-in, static files)
  const char* audit;             // audit action name, nullptr = not audited
  Handler handler;
};

// Every route of the application. A route with an action is refused unless
// Authorize() allows it; a route with {id} is checked against that
// dossier's assigned worker.
const Route kRoutes[] = {
    {"GET", "/static/{file}", std::nullopt, nullptr, StaticFile},
    {"GET", "/gezondheid", std::nullopt, nullptr, HealthPage},
    {"GET", "/aanmelden", std::nullopt, nullptr, LoginPage},
    {"GET", "/taal/{code}", std::nullopt, nullptr, LanguagePage},
    {"POST", "/aanmelden", std::nullopt, "aanmelden", LoginPost},
    {"GET", "/aanmelden/code", std::nullopt, nullptr, CodePage},
    {"POST", "/aanmelden/code", std::nullopt, "aanmelden.code", CodePost},
    {"POST", "/afmelden", Action::kManageOwnAccount, "afmelden", LogoutPost},
    {"GET", "/", Action::kManageOwnAccount, nullptr, HomePage},
    {"GET", "/account", Action::kManageOwnAccount, nullptr, AccountPage},
    {"POST", "/account/wachtwoord", Action::kManageOwnAccount, "account.wachtwoord", AccountPasswordPost},
    {"POST", "/account/tweede-factor", Action::kManageOwnAccount, "account.tweede_factor", AccountTotpPost},
    {"GET", "/caseload", Action::kViewCaseload, "caseload.bekijken", CaseloadPage},
    {"GET", "/dossiers", Action::kListDossiers, "dossiers.zoeken", DossierListPage},
    {"GET", "/dossiers/nieuw", Action::kCreateDossier, nullptr, NewDossierPage},
    {"POST", "/dossiers/nieuw", Action::kCreateDossier, "dossier.aanmaken", NewDossierPost},
    {"GET", "/dossiers/{id}", Action::kViewDossier, "dossier.bekijken", DossierPage},
    {"POST", "/dossiers/{id}", Action::kEditDossier, "dossier.wijzigen", DossierPost},
    {"POST", "/dossiers/{id}/contacten", Action::kEditDossier, "contact.toevoegen", ContactPost},
    // Issue 11 (forms): a contact corrected or removed (after a confirmation),
    // found only within the path's dossier; the printable family summary.
    {"GET", "/dossiers/{id}/contacten/{contact}", Action::kEditDossier, "contact.bekijken", ContactEditPage},
    {"POST", "/dossiers/{id}/contacten/{contact}", Action::kEditDossier, "contact.wijzigen", ContactEditPost},
    {"GET", "/dossiers/{id}/contacten/{contact}/verwijderen", Action::kEditDossier, "contact.bekijken",
     ContactRemovePage},
    {"POST", "/dossiers/{id}/contacten/{contact}/verwijderen", Action::kEditDossier, "contact.verwijderen",
     ContactRemovePost},
    {"GET", "/dossiers/{id}/overzicht", Action::kViewDossier, "dossier.afdrukken", SummaryPage},
    {"GET", "/dossiers/{id}/historiek", Action::kViewAccessHistory, "historiek.bekijken", HistoryPage},
    {"GET", "/dossiers/{id}/moment/{moment}", Action::kViewDossier, "moment.bekijken", MomentPage},
    {"POST", "/dossiers/{id}/moment/{moment}", Action::kEditDossier, "moment.registreren", MomentPost},
    {"GET", "/dossiers/{id}/indicatoren/{moment}", Action::kViewDossier, "indicatoren.bekijken", ScoresPage},
    {"POST", "/dossiers/{id}/indicatoren/{moment}", Action::kEditDossier, "indicatoren.scoren", ScoresPost},
    {"GET", "/rapporten", Action::kViewReport, "rapport.bekijken", ReportPage},
    {"GET", "/rapporten/download", Action::kDownloadReport, "rapport.export", ReportDownload},
    {"GET", "/kerncijfers", Action::kViewReport, "kerncijfers.bekijken", KeyFiguresPage},
    {"GET", "/beheer/accounts", Action::kManageAccounts, nullptr, AccountsPage},
    {"POST", "/beheer/accounts", Action::kManageAccounts, "account.aanmaken", AccountsPost},
    {"POST", "/beheer/accounts/{account}/actief", Action::kManageAccounts, "account.actief", AccountActivePost},
    {"GET", "/activeren", std::nullopt, nullptr, ActivatePage},
    {"POST", "/activeren", std::nullopt, "account.activeren", ActivatePost},
    {"GET", "/team/accounts", Action::kConfirmAccounts, nullptr, ConfirmationsPage},
    {"POST", "/team/accounts/{account}/bevestigen", Action::kConfirmAccounts, "account.bevestigen", ConfirmPost},
    {"POST", "/sessie/verlengen", Action::kManageOwnAccount, nullptr, KeepAlivePost},
    {"GET", "/hervatten/{stash}", Action::kManageOwnAccount, nullptr, ResumePage},
    // Group work and support money (issue 13); {group} routes are checked
    // against the group's facilitator.
    {"GET", "/groepen", Action::kViewGroups, nullptr, GroupsPage},
    // Before /groepen/{group}: the first route that matches answers.
    {"GET", "/groepen/inschrijven", Action::kEnrolWithoutDossier, nullptr, LightEnrolPage},
    {"POST", "/groepen/inschrijven", Action::kEnrolWithoutDossier, "groep.licht_inschrijven", LightEnrolPost},
    {"POST", "/groepen", Action::kManageGroups, "groep.aanmaken", GroupsPost},
    {"GET", "/groepen/{group}", Action::kViewGroups, "groep.bekijken", GroupPage},
    {"GET", "/groepen/{group}/sessies/{session}", Action::kRunGroup, "aanwezigheid.bekijken", AttendancePage},
    {"POST", "/groepen/{group}/sessies/{session}", Action::kRunGroup, "aanwezigheid.registreren", AttendancePost},
    {"POST", "/groepen/{group}/sessies/{session}/wijzigen", Action::kManageGroups, "sessie.wijzigen", SessionEditPost},
    {"GET", "/groepen/{group}/dag", Action::kRunGroup, "herinneringen.daglijst", DayListPage},
    {"POST", "/groepen/{group}/herinneringen", Action::kRunGroup, "herinneringen.plannen", PlanRemindersPost},
    {"GET", "/groepen/{group}/agenda/{participant}", Action::kRunGroup, "groep.agenda", IcsDownload},
    {"POST", "/groepen/{group}/deelnemers/{participant}/zorg", Action::kRunGroup, "groep.zorg", ConcernPost},
    {"POST", "/groepen/{group}/deelnemers/{participant}/herinneringen", Action::kRunGroup, "groep.toestemming",
     ConsentPost},
    {"GET", "/dossiers/{id}/groep", Action::kEnrolInGroup, "groep.inschrijven.bekijken", EnrolPage},
    {"POST", "/dossiers/{id}/groep", Action::kEnrolInGroup, "groep.inschrijven", EnrolPost},
    {"GET", "/dossiers/{id}/steungeld", Action::kRegisterGrant, "steungeld.bekijken", GrantsPage},
    {"POST", "/dossiers/{id}/steungeld", Action::kRegisterGrant, "steungeld.registreren", GrantPost},
    {"GET", "/steungeld", Action::kDecideGrants, "steungeld.aanvragen", SupportPage},
    {"POST", "/steungeld/{grant}/beslissing", Action::kDecideGrants, "steungeld.beslissen", DecisionPost},
    {"POST", "/steungeld/kader", Action::kManageFramework, "kader.item", FrameworkPost},
    // The central intake point (issue 12). No {id}: never a dossier route.
    {"GET", "/verwijzingen", Action::kViewOwnReferrals, "verwijzingen.bekijken", PartnerReferralsPage},
    {"GET", "/verwijzingen/nieuw", Action::kSubmitReferral, nullptr, ReferralFormPage},
    {"POST", "/verwijzingen/nieuw", Action::kSubmitReferral, "aanmelding.indienen", ReferralFormPost},
    {"GET", "/intake", Action::kViewIntake, "intake.bekijken", IntakeQueuePage},
    {"POST", "/intake/{aanmelding}/intrekken", Action::kRegisterWithdrawal, "toestemming.intrekken", WithdrawPost},
    {"POST", "/overleg", Action::kDecideReferral, "overleg.openen", MeetingOpenPost},
    {"GET", "/overleg/{datum}", Action::kViewIntake, "overleg.bekijken", MeetingPage},
    {"POST", "/overleg/{datum}/deelnemers", Action::kDecideReferral, "overleg.deelnemers", MeetingParticipantsPost},
    {"POST", "/overleg/{datum}/punten", Action::kAddAgendaItem, "overleg.punt", MeetingItemPost},
    {"POST", "/overleg/{datum}/beslissing", Action::kDecideReferral, "aanmelding.beslissen", MeetingDecisionPost},
    {"GET", "/beheer/organisaties", Action::kManagePartners, nullptr, PartnersPage},
    {"POST", "/beheer/organisaties", Action::kManagePartners, "organisatie.aanmaken", PartnersPost},
    {"POST", "/beheer/organisaties/koppelen", Action::kManagePartners, "organisatie.koppelen", PartnerLinkPost},
    {"GET", "/team/indicatoren", Action::kManageIndicatorSets, nullptr, IndicatorSetsPage},
    {"POST", "/team/indicatoren", Action::kManageIndicatorSets, "indicatoren.set_bewaren", IndicatorSetsPost},
};

bool Match(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  params->clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    size_t p_end = std::min(pattern.find('/'), pattern.size());
    size_t s_end = std::min(path.find('/'), path.size());
    std::string_view p = pattern.substr(0, p_end), s = path.substr(0, s_end);
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (s.empty()) return false;
      (*params)[std::string(p.substr(1, p.size() - 2))] = std::string(s);
    } else if (p != s) {
      return false;
    }
    pattern.remove_prefix(p_end);
    path.remove_prefix(s_end);
  }
  return true;
}

void SecurityHeaders(WebResponse& response) {
  response.Header("Content-Security-Policy", kContentSecurityPolicy);
  response.Header("X-Content-Type-Options", "nosniff");
  response.Header("X-Frame-Options", "DENY");
  // Our own pages' POSTs then carry their real Origin (under no-referrer
  // a browser sends "Origin: null"), and no address leaves the site.
  response.Header("Referrer-Policy", "same-origin");
  response.Header("Cross-Origin-Opener-Policy", "same-origin");
  response.Header("Cache-Control", "no-store");
}

Language LanguageOf(const WebRequest& request) {
  auto it = request.cookies.find("taal");
  if (it != request.cookies.end()) return it->second == "en" ? Language::kEnglish : Language::kDutch;
  return Language::kDutch;
}

}  // namespace

std::string SessionCookieName(bool secure) { return secure ? "__Host-opkomst" : "opkomst"; }

StatusOr<std::unique_ptr<StorePool>> StorePool::Open(const std::string& url, const Codebook& codebook, int readers) {
  auto pool = std::make_unique<StorePool>();
  auto writer = Store::Open(url, codebook);  // the first open applies the migrations
  if (!writer.ok()) return writer.status();
  pool->writer_ = std::move(*writer);
  auto auditor = Store::Open(AuditUrl(url), codebook);
  if (!auditor.ok()) return auditor.status();
  pool->auditor_ = std::move(*auditor);
  for (int i = 0; i < readers; ++i) {
    auto reader = Store::Open(url, codebook);
    if (!reader.ok()) return reader.status();
    pool->readers_.push_back(std::move(*reader));
  }
  return pool;
}

Store& StorePool::Reader() {
  if (readers_.empty()) return *writer_;
  return *readers_[next_.fetch_add(1, std::memory_order_relaxed) % readers_.size()];
}

App::App(const Codebook& codebook, StorePool* pool, security::Sealer sealer, AppOptions options)
    : codebook_(codebook),
      pool_(pool),
      sealer_(sealer),
      options_(std::move(options)),
      sessions_(
          &pool->Writer(), [pool]() -> Store& { return pool->Reader(); }, &sealer_, options_.sessions),
      throttle_(options_.sign_in_per_minute),
      password_work_(options_.password_work_slots),
      audit_(std::make_unique<AuditLog>(&pool->Auditor(), &pool->Writer())) {}

App::~App() = default;

int64_t App::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool Context::Allowed(Action action) const {
  return session && !session->awaiting_second_factor && Authorize(who(), action, std::nullopt);
}

WebResponse App::Handle(const WebRequest& request) {
  auto started = std::chrono::steady_clock::now();
  RequestRecord record;
  record.method = request.method.substr(0, 8);
  WebResponse response = HandleLogged(request, &record);
  record.status = response.status;
  record.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (options_.request_log) {
    auto wall = std::chrono::system_clock::now().time_since_epoch();
    options_.request_log(RequestLogLine(record, std::chrono::duration_cast<std::chrono::milliseconds>(wall).count()));
  }
  return response;
}

WebResponse App::HandleLogged(const WebRequest& request, RequestRecord* record) {
  try {
    return HandleUnsafe(request, record);
  } catch (const std::exception& e) {
    std::string incident = security::RandomHex(6);
    record->incident = incident;
    std::cerr << "opkomst serve: incident " << incident << ": " << record->method << " "
              << (record->route ? record->route : "-") << ": " << e.what() << "\n";
    WebResponse response;
    response.status = 500;
    SecurityHeaders(response);
    response.body =
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Fout</title>"
        "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>Er ging iets mis</h1>"
        "<p>Er is niets gewijzigd dat niet bewaard werd. Meld dit incidentnummer aan de beheerder: <code>" +
        incident + "</code></p><p><a href=\"/\">Terug</a></p></main></body></html>";
    return response;
  }
}

namespace {

// The route for the request's method and path (HEAD as GET), with its
// parameters; nullptr if none. `path_known`: some route has this path.
const Route* FindRoute(const WebRequest& request, std::map<std::string, std::string>* params, bool* path_known) {
  *path_known = false;
  for (const Route& r : kRoutes) {
    if (!Match(r.pattern, request.path, params)) continue;
    *path_known = true;
    if (request.method == r.method || (request.method == "HEAD" && std::string_view(r.method) == "GET")) return &r;
  }
  return nullptr;
}

// Every state-changing request carries this session's CSRF token. Forms
// before sign-in carry the pre-session token of the sign-in page: also
// while a code is awaited, so that going back to the sign-in form works.
bool CsrfValid(const Context& ctx) {
  std::string posted = ctx.request.Form("csrf");
  if (posted.empty()) return false;
  if (ctx.session && security::ConstantTimeEquals(ctx.session->csrf_token, posted)) return true;
  if (ctx.session && !ctx.session->awaiting_second_factor) return false;
  auto pre = ctx.request.cookies.find("opkomst_csrf");
  return pre != ctx.request.cookies.end() && !pre->second.empty() && security::ConstantTimeEquals(pre->second, posted);
}

std::string Lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// Whether a state-changing request came from one of our own pages: its
// Origin header (else the origin of its Referer) names this server, as
// the Host header does or as configured behind a TLS proxy. A request with
// neither header (not a browser, or a very old one) passes: the CSRF token
// still decides. "Origin: null" (a sandboxed or no-referrer page) is
// another site.
bool FromOwnSite(const WebRequest& request, const AppOptions& options) {
  std::string source = Lower(request.origin);
  if (source.empty() && !request.referer.empty()) {
    size_t scheme = request.referer.find("://");
    size_t end = scheme == std::string::npos ? 0 : request.referer.find_first_of("/?#", scheme + 3);
    source = scheme == std::string::npos ? "null" : Lower(request.referer.substr(0, end));
  }
  if (source.empty()) return true;
  std::string scheme = options.behind_tls ? "https://" : "http://";
  if (source.rfind(scheme, 0) != 0) return false;
  std::string host = source.substr(scheme.size());
  if (host.empty()) return false;
  return host == request.host || HostAllowed(host, options.public_hosts);
}

// The audit row of a signed-in request: the dossier of the path (or the one
// a creation made), the moment, and the handler's detail.
AuditEvent EventFor(Context& ctx, const Route& route, const std::string& outcome) {
  std::string dossier_id = ctx.params.count("id") ? ctx.params["id"].substr(0, 64) : "";
  std::string detail = ctx.audit_detail;
  if (ctx.params.count("moment")) detail = "moment=" + ctx.params["moment"] + (detail.empty() ? "" : " " + detail);
  return {ctx.who().username,
          std::string(RoleName(ctx.who().role)),
          route.audit ? route.audit : "dossier",
          dossier_id,
          outcome,
          detail};
}

// Runs a handler; an expected failure it could not handle itself (Failure)
// goes to the one translator, anything else up to App::Handle (500).
void RunHandler(Context& ctx, Handler handler) {
  try {
    handler(ctx);
  } catch (const Failure& failure) {
    StatusCode code = failure.status().code();
    if (code == StatusCode::kInternal || code == StatusCode::kIncompatible) throw;
    ctx.audit_outcome = code == StatusCode::kConflict || code == StatusCode::kAlreadyExists ? "conflict"
                        : code == StatusCode::kInvalidInput                                 ? "ongeldig"
                        : code == StatusCode::kNotFound                                     ? "onbekend"
                                                                                            : "fout";
    ctx.change_audited = false;
    ctx.response = WebResponse();
    SecurityHeaders(ctx.response);
    SendFailure(ctx, failure.status());
  }
}

void Record(App& app, const AuditEvent& event) {
  Status s = app.audit().Record(event);
  if (!s.ok()) throw Failure(s);
}

// What a route's action is checked against: the worker of the dossier
// {id} (loaded into ctx.dossier) or the facilitator of the group {group}.
// False for a route with neither, which is checked without an owner.
bool LoadOwner(Context& ctx, std::optional<std::string>* owner) {
  bool needs_dossier = ctx.params.count("id") > 0;
  if (needs_dossier) {
    auto dossier = ctx.reader().GetDossier(ctx.params["id"]);
    if (dossier.ok()) {
      ctx.dossier = *dossier;
      *owner = dossier->social_worker;
    } else if (dossier.status().code() != StatusCode::kNotFound) {
      throw Failure(dossier.status());
    }
  }
  bool needs_group = ctx.params.count("group") > 0;
  if (needs_group) *owner = GroupFacilitator(ctx);
  return needs_dossier || needs_group;
}

// A form posted after its session ended (the browser still sends that
// session's cookie) is kept for after sign-in (app/kept_forms.cc) only if
// the cookie names a session that ended by expiry, not long ago (a
// signed-out session, one ended by a password change and a disabled
// account's have no row), the posted CSRF token is that session's own, and
// the account may use this route on this dossier or group. The one-time id,
// or "" if not kept.
std::string KeepStalePost(Context& ctx, const Route& route) {
  if (ctx.token.empty() || !route.action) return "";
  auto ended = ctx.app.sessions().FindEnded(ctx.token, ctx.app.Now());
  if (!ended.ok()) throw Failure(ended.status());
  std::string posted = ctx.request.Form("csrf");
  if (!*ended || posted.empty() || !security::ConstantTimeEquals((*ended)->csrf_token, posted)) return "";
  std::optional<std::string> owner;
  bool checked = LoadOwner(ctx, &owner);
  if (ctx.params.count("id") && !ctx.dossier) return "";
  if (!Authorize((*ended)->principal, *route.action, checked ? owner : std::nullopt)) return "";
  auto id =
      ctx.app.sessions().KeepForm((*ended)->principal.username, {ctx.request.path, ctx.request.form}, ctx.app.Now());
  if (!id.ok()) throw Failure(id.status());
  return *id;
}

// A route with an action: the central access check (against the dossier's
// worker for routes with {id}), the handler, and the audit row.
void RunAuthorized(Context& ctx, const Route& route) {
  std::optional<std::string> owner;
  bool needs_dossier = ctx.params.count("id") > 0;
  bool checked = LoadOwner(ctx, &owner);
  bool allowed = Authorize(ctx.who(), *route.action, checked ? owner : std::nullopt);
  if (needs_dossier && !ctx.dossier && allowed) {
    // Only those who could see any dossier learn that this one does not exist.
    SendMessage(ctx, 404, ctx.T("fout.dossier_onbekend.titel"), ctx.T("fout.dossier_onbekend.tekst"));
    ctx.audit_outcome = "onbekend";
  } else if (!allowed) {
    // A role that may do this on its own dossiers gets, for anyone else's,
    // the answer of a number that does not exist: a typo or a probe learns
    // nothing about other caseloads. Still audited as refused.
    if (needs_dossier && Authorize(ctx.who(), *route.action, ctx.who().username))
      SendMessage(ctx, 404, ctx.T("fout.dossier_onbekend.titel"), ctx.T("fout.dossier_onbekend.tekst"));
    else
      SendMessage(ctx, 403, ctx.T("fout.geweigerd.titel"), ctx.T("fout.geweigerd.tekst"));
    ctx.audit_outcome = "geweigerd";
    ctx.dossier.reset();
  } else {
    try {
      RunHandler(ctx, route.handler);
    } catch (...) {
      // A failed access is still an access: audit it, then the error page.
      (void)ctx.app.audit().Record(EventFor(ctx, route, "fout"));
      throw;
    }
  }
  // A change made through app/ committed its audit record with it.
  if ((route.audit || needs_dossier) && !ctx.change_audited) Record(ctx.app, EventFor(ctx, route, ctx.audit_outcome));
}

}  // namespace

AuditEvent ChangeEvent(Context& ctx) {
  Route route{"POST", "", std::nullopt, ctx.audit_action, nullptr};
  return EventFor(ctx, route, "ok");
}

void SendFailure(Context& ctx, const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidInput:
      return SendMessage(ctx, 422, ctx.T("fout.ongeldig.titel"), ctx.T("fout.formulier"));
    case StatusCode::kConflict:
    case StatusCode::kAlreadyExists:
      return SendMessage(ctx, 409, ctx.T("conflict.titel"), ctx.T("conflict.dossier"));
    case StatusCode::kNotFound:
      return SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"), ctx.T("fout.niet_gevonden.tekst"));
    case StatusCode::kUnavailable:
      ctx.response.Header("Retry-After", "30");
      return SendMessage(ctx, 503, ctx.T("fout.onbeschikbaar.titel"), ctx.T("fout.onbeschikbaar.tekst"));
    default:
      throw Failure(status);  // 500 with an incident number
  }
}

WebResponse App::HandleUnsafe(const WebRequest& request, RequestRecord* record) {
  WebResponse response;
  Context ctx{*this, request, response, std::nullopt, "", {}, std::nullopt, LanguageOf(request), "ok", ""};
  // no-store on every page, signed in or not; static files override it.
  SecurityHeaders(response);
  bool path_known = false;
  const Route* route = FindRoute(request, &ctx.params, &path_known);
  if (route) record->route = route->pattern;
  auto cookie = request.cookies.find(SessionCookieName(options_.secure_cookie));
  if (cookie != request.cookies.end()) {
    ctx.token = cookie->second;
    auto found = sessions_.Find(ctx.token, Now());
    if (!found.ok()) {
      // The store does not answer: 503, or 500 with an incident number.
      SendFailure(ctx, found.status());
      return response;
    }
    ctx.session = std::move(*found);
    if (ctx.session) ctx.language = ctx.session->language;
  }

  if (!route) {
    if (path_known) {
      response.Header("Allow", "GET, POST");
      SendMessage(ctx, 405, ctx.T("fout.methode.titel"), ctx.T("fout.methode.tekst"));
    } else {
      SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"), ctx.T("fout.niet_gevonden.tekst"));
    }
    return response;
  }
  bool signed_in = ctx.session && !ctx.session->awaiting_second_factor;
  if (request.method == "POST" && !FromOwnSite(request, options_)) {
    // Another site's page: refused before anything else, token or not.
    ctx.audit_detail = "herkomst";
    if (route->audit && signed_in) Record(*this, EventFor(ctx, *route, "geweigerd"));
    SendMessage(ctx, 403, ctx.T("fout.herkomst.titel"), ctx.T("fout.herkomst.tekst"));
    return response;
  }
  if (request.method == "POST" && !CsrfValid(ctx)) {
    // A form posted after its session ended: kept for after sign-in if it
    // meets every condition of KeepStalePost.
    if (!ctx.session) {
      try {
        std::string id = KeepStalePost(ctx, *route);
        if (!id.empty()) {
          response.Redirect("/aanmelden?terug=" + UrlEncode("/hervatten/" + id));
          return response;
        }
      } catch (const Failure& failure) {
        if (failure.status().code() == StatusCode::kInternal) throw;
        SendFailure(ctx, failure.status());
        return response;
      }
    }
    ctx.audit_detail = "csrf";
    if (route->audit && signed_in) Record(*this, EventFor(ctx, *route, "geweigerd"));
    SendMessage(ctx, 403, ctx.T("fout.csrf.titel"), ctx.T("fout.csrf.tekst"));
    return response;
  }
  ctx.audit_action = route->audit;
  if (!route->action) {
    RunHandler(ctx, route->handler);
    // Sign-in attempts: the handler names the account tried in the detail.
    if (route->audit && !ctx.audit_detail.empty() && !ctx.change_audited)
      Record(*this, {ctx.audit_detail, "", route->audit, "", ctx.audit_outcome, ""});
    return response;
  }
  if (!signed_in) {
    if (request.method == "GET")
      response.Redirect("/aanmelden?terug=" + UrlEncode(request.path));
    else
      SendMessage(ctx, 401, ctx.T("fout.afgemeld.titel"), ctx.T("fout.afgemeld.tekst"));
    return response;
  }
  try {
    RunAuthorized(ctx, *route);
  } catch (const Failure& failure) {
    // The dossier could not be loaded or the audit log not written.
    if (failure.status().code() == StatusCode::kInternal) throw;
    response = WebResponse();
    SecurityHeaders(response);
    SendFailure(ctx, failure.status());
  }
  return response;
}

}  // namespace opkomst::web
