#include "domain/access.h"

namespace opkomst {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kWorker:
      return "maatschappelijk_werker";
    case Role::kTeamLead:
      return "teamverantwoordelijke";
    case Role::kResearcher:
      return "onderzoeker";
    case Role::kAdministrator:
      return "beheerder";
    case Role::kFacilitator:
      return "groepsbegeleider";
    case Role::kReferrer:
      return "doorverwijzer";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r :
       {Role::kWorker, Role::kTeamLead, Role::kResearcher, Role::kAdministrator, Role::kFacilitator, Role::kReferrer})
    if (RoleName(r) == name) return r;
  return std::nullopt;
}

bool Authorize(const Principal& who, Action action, const std::optional<std::string>& dossier_worker) {
  // A dossier-bound action for a worker needs the dossier on their caseload.
  bool own = dossier_worker && !who.username.empty() && *dossier_worker == who.username;
  switch (who.role) {
    case Role::kWorker:
      switch (action) {
        case Action::kViewCaseload:
        case Action::kListDossiers:
        case Action::kCreateDossier:
        case Action::kManageOwnAccount:
        case Action::kSubmitReferral:
        case Action::kViewIntake:
        case Action::kAddAgendaItem:
        case Action::kRegisterWithdrawal:
        case Action::kEnrolWithoutDossier:  // the meeting's decision "group work" (issue 12)
          return true;
        case Action::kViewDossier:
        case Action::kViewIdentity:
        case Action::kEditDossier:
        case Action::kEnrolInGroup:
        case Action::kRegisterGrant:
          return own;
        default:
          return false;
      }
    case Role::kTeamLead:
      switch (action) {
        case Action::kViewCaseload:
        case Action::kListDossiers:
        case Action::kCreateDossier:
        case Action::kViewDossier:
        case Action::kEditDossier:
        case Action::kAssignWorker:
        case Action::kViewAccessHistory:
        case Action::kViewReport:
        case Action::kDownloadReport:
        case Action::kManageOwnAccount:
        case Action::kConfirmAccounts:
        case Action::kViewGroups:
        case Action::kRunGroup:
        case Action::kManageGroups:
        case Action::kEnrolInGroup:
        case Action::kEnrolWithoutDossier:
        case Action::kRegisterGrant:
        case Action::kDecideGrants:
        case Action::kManageFramework:
        case Action::kViewSupportOverview:
        case Action::kSubmitReferral:
        case Action::kViewIntake:
        case Action::kAddAgendaItem:
        case Action::kDecideReferral:
        case Action::kRegisterWithdrawal:
        case Action::kManageIndicatorSets:
          return true;
        case Action::kViewIdentity:
          return own;  // identifying details only for the assigned worker
        default:
          return false;
      }
    case Role::kResearcher:
      return action == Action::kViewReport || action == Action::kDownloadReport || action == Action::kManageOwnAccount;
    case Role::kAdministrator:
      return action == Action::kManageAccounts || action == Action::kManageOwnAccount ||
             action == Action::kManagePartners;
    case Role::kFacilitator:
      // Her own groups; the list without a group is filtered to hers.
      if (action == Action::kViewGroups) return !dossier_worker || own;
      if (action == Action::kRunGroup) return own;
      // The form without a group lists hers; enrolling checks the group's facilitator.
      if (action == Action::kEnrolWithoutDossier) return !dossier_worker || own;
      return action == Action::kManageOwnAccount;
    case Role::kReferrer:
      // Never a dossier, a list of dossiers, the queue or the meeting: only
      // the own organisation's referrals (checked again per referral).
      return action == Action::kSubmitReferral || action == Action::kViewOwnReferrals ||
             action == Action::kManageOwnAccount;
  }
  return false;
}

int ReportSuppressionFor(Role role) { return role == Role::kResearcher ? 5 : 0; }

}  // namespace opkomst
