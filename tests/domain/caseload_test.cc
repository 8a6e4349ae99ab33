#include "domain/caseload.h"

#include <gtest/gtest.h>

namespace opkomst {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

TEST(CaseloadTest, WhatIsDueTable) {
  struct Case {
    const char* name;
    DueInput in;
    const char* today;
    std::vector<DueKind> expected;
  } cases[] = {
      {"new dossier without start",
       {false, D("2025-01-10"), {}, D("2025-06-01"), {}, false, false, false},
       "2025-01-12",
       {DueKind::kStart}},
      {"due date passed, no birth moment",
       {false, D("2025-01-10"), {}, D("2025-06-01"), {}, true, false, false},
       "2025-06-02",
       {DueKind::kBirth}},
      {"due date today counts",
       {false, D("2025-01-10"), {}, D("2025-06-01"), {}, true, false, false},
       "2025-06-01",
       {DueKind::kBirth}},
      {"Opkomst: 6 months after birth",
       {false, D("2025-01-10"), {}, D("2025-06-01"), D("2025-05-20"), true, true, false},
       "2025-11-20",
       {DueKind::kEnd}},
      {"Opkomst: one day before 6 months",
       {false, D("2025-01-10"), {}, D("2025-06-01"), D("2025-05-20"), true, true, false},
       "2025-11-19",
       {}},
      {"Opkomst+: not at 6 months",
       {true, D("2025-01-10"), {}, {}, D("2025-05-20"), true, true, false},
       "2025-11-20",
       {}},
      {"Opkomst+: kindergarten age",
       {true, D("2025-01-10"), {}, {}, D("2025-05-20"), true, true, false},
       "2027-11-20",
       {DueKind::kEnd}},
      {"closed dossier owes nothing",
       {false, D("2025-01-10"), D("2025-03-01"), D("2025-02-01"), {}, false, false, false},
       "2025-12-01",
       {}},
      {"start registered with empty questions",
       {false, D("2025-01-10"), {}, D("2025-06-01"), {}, true, false, false, 3},
       "2025-01-12",
       {DueKind::kStart}},
      {"everything at once",
       {false, D("2024-01-10"), {}, D("2024-03-01"), {}, false, false, false},
       "2025-01-01",
       {DueKind::kStart, DueKind::kBirth, DueKind::kEnd}},
  };
  for (const Case& c : cases) {
    std::vector<DueKind> got;
    for (const DueItem& item : WhatIsDue(c.in, D(c.today))) got.push_back(item.kind);
    EXPECT_EQ(got, c.expected) << c.name;
  }
}

}  // namespace
}  // namespace opkomst
