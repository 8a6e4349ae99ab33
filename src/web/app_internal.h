// Shared by the page files of the web application: the request context,
// the route table's shape, and the HTML helpers.
#ifndef OPKOMST_WEB_APP_INTERNAL_H_
#define OPKOMST_WEB_APP_INTERNAL_H_

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "app/registration.h"
#include "domain/dossier.h"
#include "domain/indicator_sets.h"
#include "web/app.h"

namespace opkomst::web {

// The interface text of `key` in `language` (data/ui.txt); the key itself
// if the catalogue lacks it, which the tests catch.
std::string Ui(Language language, std::string_view key);
bool HasUiText(std::string_view key);

struct Context {
  App& app;
  const WebRequest& request;
  WebResponse& response;
  std::optional<Session> session;
  std::string token;                          // the session cookie's value
  std::map<std::string, std::string> params;  // from the route pattern: {id}, {moment}
  std::optional<Dossier> dossier;             // loaded for routes with {id}
  Language language = Language::kDutch;
  std::string audit_outcome = "ok";    // handlers set "geweigerd", "conflict", "ongeldig"
  std::string audit_detail;            // never sensitive values: a moment, a filter's names
  const char* audit_action = nullptr;  // the route's audit action name
  bool change_audited = false;         // a use case committed the audit record with its change

  // The application layer's services on the writer (app/registration.h).
  app::Services services() { return {writer(), app.codebook(), &app.audit()}; }

  const Principal& who() const { return session->principal; }
  std::string T(std::string_view key) const { return Ui(language, key); }
  Store& reader() { return app.pool().Reader(); }
  Store& writer() { return app.pool().Writer(); }
  bool Allowed(Action action) const;  // for showing links; routes are checked centrally
};

using Handler = void (*)(Context&);

// Codebook text in the page's language: the Dutch label, or the English
// gloss (capitalised) where the codebook has one.
std::string Label(Language language, const std::string& dutch, const std::string& english);
inline std::string Label(const Context& ctx, const Option& o) { return Label(ctx.language, o.label_nl, o.gloss_en); }
inline std::string Label(const Context& ctx, const Variable& v) { return Label(ctx.language, v.label_nl, v.gloss_en); }
inline std::string Label(const Context& ctx, const Field& f) { return Label(ctx.language, f.label_nl, f.gloss_en); }
inline std::string Label(const Context& ctx, const Indicator& i) { return Label(ctx.language, i.label_nl, i.gloss_en); }
inline std::string Label(const Context& ctx, const Group& g) { return Label(ctx.language, g.title_nl, g.title_en); }
inline std::string Label(const Context& ctx, const Domain& d) { return Label(ctx.language, d.title_nl, d.title_en); }
inline std::string Label(const Context& ctx, const IndicatorDefinition& i) {
  return Label(ctx.language, i.label_nl, i.label_en);
}

// The audit record of this request's change, outcome "ok", as the central
// audit would write it (route action, dossier of the path, moment, detail):
// for a use case to commit with the change.
AuditEvent ChangeEvent(Context& ctx);

// An expected failure that page code cannot handle itself, carried to the
// one translator in App::Handle, which maps its code to HTTP: 422 invalid
// input, 409 conflict or already exists, 404 not found, 503 unavailable,
// 500 with an incident number for the rest.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Status status) : std::runtime_error(status.message()), status_(std::move(status)) {}
  const Status& status() const { return status_; }

 private:
  Status status_;
};
// Sends the page for an expected failure `status` (see Failure).
void SendFailure(Context& ctx, const Status& status);
// The result of a call that should succeed (the session store): a failure
// becomes a Failure for the one translator.
inline void Check(const Status& status) {
  if (!status.ok()) throw Failure(status);
}
template <typename T>
T Check(StatusOr<T> result) {
  if (!result.ok()) throw Failure(result.status());
  return std::move(*result);
}

// HTML.
std::string Escape(std::string_view text);
// The page frame: head, navigation for the signed-in role, main content.
void SendPage(Context& ctx, const std::string& title, const std::string& body, int status = 200);
// <input type=hidden name=csrf ...> for forms of this session.
std::string CsrfField(const Context& ctx);
// A small message page (not found, refused, ...).
void SendMessage(Context& ctx, int status, const std::string& title, const std::string& text);
std::string Today(const App& app);

// Handlers, by page file.
void LoginPage(Context&);
void LanguagePage(Context&);
void LoginPost(Context&);
void CodePage(Context&);
void CodePost(Context&);
void LogoutPost(Context&);
void AccountPage(Context&);
void AccountPasswordPost(Context&);
void AccountTotpPost(Context&);
void HomePage(Context&);
void CaseloadPage(Context&);
void DossierListPage(Context&);
void NewDossierPage(Context&);
void NewDossierPost(Context&);
void DossierPage(Context&);
void DossierPost(Context&);
// pages_contacts.cc: the contact log (issue 11, forms).
void ContactPost(Context&);
void ContactEditPage(Context&);
void ContactEditPost(Context&);
void ContactRemovePage(Context&);
void ContactRemovePost(Context&);
// The dossier page's contact section: the form to add one (with `errors`
// next to its fields after a refused post) and the log with edit links.
std::string ContactSection(Context& ctx, const std::map<std::string, std::string>& errors);
// The dossier page with a refused contact's errors (pages_dossier.cc).
void SendDossierWithContactErrors(Context& ctx, const std::map<std::string, std::string>& contact_errors);
// pages_summary.cc: the printable family summary for the weekly meeting.
void SummaryPage(Context&);
void HistoryPage(Context&);
void MomentPage(Context&);
void MomentPost(Context&);
void ScoresPage(Context&);
void ScoresPost(Context&);
void ReportPage(Context&);
void ReportDownload(Context&);
void KeyFiguresPage(Context&);
void AccountsPage(Context&);
void AccountsPost(Context&);
void AccountActivePost(Context&);
void StaticFile(Context&);
void HealthPage(Context&);  // pages_health.cc
// Sign-in hardening (pages_auth.cc, pages_signin.cc).
void ActivatePage(Context&);
void ActivatePost(Context&);
void ConfirmationsPage(Context&);
void ConfirmPost(Context&);
// pages_resume.cc: a long form survives an idle session.
void KeepAlivePost(Context&);
void ResumePage(Context&);
// The central intake point (pages_intake.cc, pages_meeting.cc, pages_partners.cc).
void PartnerReferralsPage(Context&);
void ReferralFormPage(Context&);
void ReferralFormPost(Context&);
void IntakeQueuePage(Context&);
void WithdrawPost(Context&);
void MeetingOpenPost(Context&);
void MeetingPage(Context&);
void MeetingParticipantsPost(Context&);
void MeetingItemPost(Context&);
void MeetingDecisionPost(Context&);
void PartnersPage(Context&);
void PartnersPost(Context&);
void PartnerLinkPost(Context&);
// The caseload's intake section: first home visits to plan, and dossiers
// without contact for longer than the rhythm (aanklampend werken).
std::string IntakeCaseloadSection(Context& ctx);
void IndicatorSetsPage(Context&);  // pages_indicator_sets.cc
void IndicatorSetsPost(Context&);
// `target` if it is a plain local path, else "/" (never a control character).
std::string SafeReturn(const std::string& target);
// Counts a sign-in attempt of the client's address (web/throttle.h); false
// after sending 429 with Retry-After.
// The per-address brake (429) and a slot for the password hash (503 when
// all are busy); nothing (and the answer sent) if refused.
std::optional<CostlyWork::Slot> AdmitSignIn(Context& ctx);

// Group work and support money (issue 13): pages_groups.cc, pages_support.cc.
// The facilitator of the route's {group}: "" when there is no such group
// (refused to a facilitator, 404 for the team lead).
std::string GroupFacilitator(Context& ctx);
void GroupsPage(Context&);
void GroupsPost(Context&);
void GroupPage(Context&);
void AttendancePage(Context&);
void AttendancePost(Context&);
void SessionEditPost(Context&);
void DayListPage(Context&);
void PlanRemindersPost(Context&);
void IcsDownload(Context&);
void ConcernPost(Context&);
void ConsentPost(Context&);
void EnrolPage(Context&);
void EnrolPost(Context&);
void LightEnrolPage(Context&);  // pages_light_enrol.cc: a mother without dossier
void LightEnrolPost(Context&);
void GrantsPage(Context&);
void GrantPost(Context&);
void SupportPage(Context&);
void DecisionPost(Context&);
void FrameworkPost(Context&);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_APP_INTERNAL_H_
