// Who may do what: the one central access check. Every web route names an
// Action; the server calls Authorize before the handler runs, and anything
// not allowed here is refused (deny by default).
#ifndef OPKOMST_DOMAIN_ACCESS_H_
#define OPKOMST_DOMAIN_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>

namespace opkomst {

enum class Role { kWorker, kTeamLead, kResearcher, kAdministrator };

// Stored names: maatschappelijk_werker, teamverantwoordelijke, onderzoeker, beheerder.
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

enum class Action {
  kViewCaseload,  // Mijn caseload
  kListDossiers,  // search; workers see only their own in the list
  kCreateDossier,
  kViewDossier,          // pseudonymous dossier page, moments, contacts
  kViewIdentity,         // name and contact details of the mother
  kEditDossier,          // registration of moments, scores, contacts, dates
  kAssignWorker,         // move a dossier to another worker
  kViewAccessHistory,    // the audit trail of one dossier
  kViewReport,           // the impact report in the browser
  kDownloadReport,       // csv, xlsx, html
  kManageAccounts,       // accounts, organisations, indicator sets
  kManageOwnAccount,     // own password and second factor
  kConfirmAccounts,      // the second person: confirm a dossier-reading account an administrator made
  kManageIndicatorSets,  // labels, anchor texts, order, dropped and new indicators: a new version of a set
};

struct Principal {
  std::string username;
  Role role = Role::kWorker;
};

// `dossier_worker`: the worker assigned to the dossier the action is about
// (nullopt when the action is not about one dossier).
bool Authorize(const Principal& who, Action action, const std::optional<std::string>& dossier_worker);

// Reports that leave the team: researchers always get small cells hidden.
int ReportSuppressionFor(Role role);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_ACCESS_H_
