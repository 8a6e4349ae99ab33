// Who may do what: the one central access check. Every web route names an
// Action; the server calls Authorize before the handler runs, and anything
// not allowed here is refused (deny by default).
#ifndef OPKOMST_DOMAIN_ACCESS_H_
#define OPKOMST_DOMAIN_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>

namespace opkomst {

enum class Role {
  kWorker,
  kTeamLead,
  kResearcher,
  kAdministrator,
  kFacilitator,  // groepsbegeleider (issue 13): her own groups only, nothing of a dossier
  kReferrer,     // doorverwijzer (issue 12): a partner's account, linked to one partner organisation
};

// Stored names: maatschappelijk_werker, teamverantwoordelijke, onderzoeker, beheerder,
// groepsbegeleider, doorverwijzer.
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

enum class Action {
  kViewCaseload,  // Mijn caseload
  kListDossiers,  // search; workers see only their own in the list
  kCreateDossier,
  kViewDossier,        // pseudonymous dossier page, moments, contacts
  kViewIdentity,       // name and contact details of the mother
  kEditDossier,        // registration of moments, scores, contacts, dates
  kAssignWorker,       // move a dossier to another worker
  kViewAccessHistory,  // the audit trail of one dossier
  kViewReport,         // the impact report in the browser
  kDownloadReport,     // csv, xlsx, html
  kManageAccounts,     // accounts, organisations, indicator sets
  kManageOwnAccount,   // own password and second factor
  kConfirmAccounts,    // the second person: confirm a dossier-reading account an administrator made
  // Group work and support money (issue 13). For the group actions the
  // owner passed to Authorize is the group's facilitator.
  kViewGroups,           // the list of groups (a facilitator's own), a group's page
  kRunGroup,             // attendance, the day's reminder list, .ics, passing on a concern
  kManageGroups,         // create groups, edit session plans, the reminders' status
  kEnrolInGroup,         // enrol a mother from her dossier (dossier-bound)
  kEnrolWithoutDossier,  // a light registration: a mother in group work only (owner: the group's facilitator)
  kRegisterGrant,        // support money on a dossier (dossier-bound)
  kDecideGrants,         // approve or refuse requests
  kManageFramework,      // the framework list of support money
  kViewSupportOverview,  // spending per year, category and track
  // The central intake point (issue 12).
  kSubmitReferral,      // a referral: a partner's own, or the team's on behalf / self-referral
  kViewOwnReferrals,    // a partner: the own organisation's referrals, within the mother's consent
  kViewIntake,          // the intake queue, the meeting page and its minutes
  kAddAgendaItem,       // an item added by hand to a meeting's agenda, with a sealed note
  kDecideReferral,      // open a meeting, record participants and decisions (accept, refer, decline)
  kRegisterWithdrawal,  // the mother withdraws her consent
  kManagePartners,      // partner organisations and their accounts
  // Indicator sets (issue 11): labels, anchor texts, order, dropped and new
  // indicators: a new version of a set.
  kManageIndicatorSets,
};

struct Principal {
  std::string username;
  Role role = Role::kWorker;
};

// `dossier_worker`: the worker assigned to the dossier the action is about
// (nullopt when the action is not about one dossier); for a group action,
// the group's facilitator.
bool Authorize(const Principal& who, Action action, const std::optional<std::string>& dossier_worker);

// Reports that leave the team: researchers always get small cells hidden.
int ReportSuppressionFor(Role role);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_ACCESS_H_
