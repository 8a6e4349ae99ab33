// Access for group work and support money (issue 13): the facilitator has
// her own groups and nothing else; the new actions for the other roles.
#include <gtest/gtest.h>

#include "domain/access.h"

namespace opkomst {
namespace {

const Action kEveryAction[] = {
    Action::kViewCaseload,        Action::kListDossiers,       Action::kCreateDossier,  Action::kViewDossier,
    Action::kViewIdentity,        Action::kEditDossier,        Action::kAssignWorker,   Action::kViewAccessHistory,
    Action::kViewReport,          Action::kDownloadReport,     Action::kManageAccounts, Action::kManageOwnAccount,
    Action::kConfirmAccounts,     Action::kViewGroups,         Action::kRunGroup,       Action::kManageGroups,
    Action::kEnrolInGroup,        Action::kRegisterGrant,      Action::kDecideGrants,   Action::kManageFramework,
    Action::kViewSupportOverview, Action::kEnrolWithoutDossier};

TEST(GroupsAccess, TheFacilitatorHasHerOwnGroupsAndNothingElse) {
  Principal gb{"gb1", Role::kFacilitator};
  for (Action action : kEveryAction) {
    bool own = Authorize(gb, action, std::string("gb1"));
    bool other = Authorize(gb, action, std::string("gb2"));
    bool none = Authorize(gb, action, std::nullopt);
    int a = static_cast<int>(action);
    if (action == Action::kViewGroups || action == Action::kEnrolWithoutDossier) {
      EXPECT_TRUE(own && none && !other);  // the list without a group is filtered to hers
    } else if (action == Action::kRunGroup) {
      EXPECT_TRUE(own && !other && !none);
    } else if (action == Action::kManageOwnAccount) {
      EXPECT_TRUE(own && other && none);
    } else {
      EXPECT_FALSE(own || other || none) << "action " << a;
    }
  }
  EXPECT_FALSE(Authorize({"", Role::kFacilitator}, Action::kRunGroup, std::string("")));
  EXPECT_EQ(ParseRole("groepsbegeleider"), Role::kFacilitator);
  EXPECT_EQ(RoleName(Role::kFacilitator), "groepsbegeleider");
}

TEST(GroupsAccess, WorkersOnTheirOwnDossiersTheLeadDecides) {
  Principal worker{"mwa", Role::kWorker}, lead{"lead", Role::kTeamLead};
  for (Action action : {Action::kEnrolInGroup, Action::kRegisterGrant}) {
    EXPECT_TRUE(Authorize(worker, action, std::string("mwa")));
    EXPECT_FALSE(Authorize(worker, action, std::string("mwb")));
    EXPECT_TRUE(Authorize(lead, action, std::string("mwb")));
  }
  // A light registration: workers and the lead for any group.
  EXPECT_TRUE(Authorize(worker, Action::kEnrolWithoutDossier, std::string("gb1")));
  EXPECT_TRUE(Authorize(lead, Action::kEnrolWithoutDossier, std::string("gb1")));
  for (Role role : {Role::kResearcher, Role::kAdministrator, Role::kReferrer})
    EXPECT_FALSE(Authorize({"x", role}, Action::kEnrolWithoutDossier, std::nullopt));
  for (Action action : {Action::kViewGroups, Action::kRunGroup, Action::kManageGroups, Action::kDecideGrants,
                        Action::kManageFramework, Action::kViewSupportOverview}) {
    EXPECT_FALSE(Authorize(worker, action, std::nullopt));
    EXPECT_TRUE(Authorize(lead, action, std::string("gb1")));
    for (Role role : {Role::kResearcher, Role::kAdministrator})
      EXPECT_FALSE(Authorize({"x", role}, action, std::string("x")));
  }
}

}  // namespace
}  // namespace opkomst
