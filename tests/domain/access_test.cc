// The central access check as a table: every role x every action x a
// dossier on the caller's own caseload or someone else's.
#include "domain/access.h"

#include <gtest/gtest.h>

namespace opkomst {
namespace {

TEST(AccessTest, Matrix) {
  const Action actions[] = {Action::kViewCaseload,   Action::kListDossiers,      Action::kCreateDossier,
                            Action::kViewDossier,    Action::kViewIdentity,      Action::kEditDossier,
                            Action::kAssignWorker,   Action::kViewAccessHistory, Action::kViewReport,
                            Action::kDownloadReport, Action::kManageAccounts,    Action::kManageOwnAccount,
                            Action::kConfirmAccounts};
  // Expected, per role, per action: {own dossier, someone else's dossier}.
  // W = worker, L = team lead, R = researcher, A = administrator.
  struct Row {
    Role role;
    const char* own;  // one letter per action: y / n
    const char* other;
  } rows[] = {
      //                       caseload list create view ident edit assign hist report dl accounts own confirm
      {Role::kWorker, "yyyyyynnnnnyn", "yyynnnnnnnnyn"},
      {Role::kTeamLead, "yyyyyyyyyynyy", "yyyynyyyyynyy"},
      {Role::kResearcher, "nnnnnnnnyynyn", "nnnnnnnnyynyn"},
      {Role::kAdministrator, "nnnnnnnnnnyyn", "nnnnnnnnnnyyn"},
  };
  for (const Row& row : rows) {
    Principal me{"me", row.role};
    for (size_t i = 0; i < std::size(actions); ++i) {
      EXPECT_EQ(Authorize(me, actions[i], std::string("me")), row.own[i] == 'y')
          << RoleName(row.role) << " action " << i << " own dossier";
      EXPECT_EQ(Authorize(me, actions[i], std::string("someone_else")), row.other[i] == 'y')
          << RoleName(row.role) << " action " << i << " other dossier";
    }
  }
}

TEST(AccessTest, EmptyNamesNeverMatch) {
  // An unassigned dossier is nobody's own, not the own of an empty user name.
  EXPECT_FALSE(Authorize({"", Role::kWorker}, Action::kViewDossier, std::string("")));
  EXPECT_FALSE(Authorize({"mw01", Role::kWorker}, Action::kViewDossier, std::nullopt));
}

TEST(AccessTest, RolesRoundTripAndResearchersGetSuppression) {
  for (Role r : {Role::kWorker, Role::kTeamLead, Role::kResearcher, Role::kAdministrator})
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("admin"));
  EXPECT_GE(ReportSuppressionFor(Role::kResearcher), 2);
  EXPECT_EQ(ReportSuppressionFor(Role::kTeamLead), 0);
}

}  // namespace
}  // namespace opkomst
