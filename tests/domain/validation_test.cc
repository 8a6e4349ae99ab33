#include "domain/validation.h"

#include <gtest/gtest.h>

namespace opkomst {
namespace {

Dossier Make(const std::string& id, const std::string& mother, const char* start, int given = 0) {
  Dossier d;
  d.dossier_id = id;
  d.mother_id = mother;
  d.start_date = *Date::Parse(start);
  d.trajectory_number = given;
  d.track = 0;
  return d;
}

TEST(ValidationTest, NumbersTrajectoriesByStartDatePerMother) {
  std::vector<Dossier> dossiers = {Make("B", "m1", "2022-05-01"), Make("A", "m1", "2020-03-01"),
                                   Make("C", "m2", "2021-01-01")};
  std::vector<int> lines = {2, 3, 4};
  Findings findings;
  AssignTrajectoryNumbers({}, &dossiers, &lines, &findings);
  EXPECT_TRUE(findings.empty());
  EXPECT_EQ(dossiers[0].trajectory_number, 2);
  EXPECT_EQ(dossiers[1].trajectory_number, 1);
  EXPECT_EQ(dossiers[2].trajectory_number, 1);
}

TEST(ValidationTest, CountsTheMothersStoredTrajectories) {
  KnownDossiers known = {{"OLD", {"m1", 1, 0, *Date::Parse("2019-01-01")}}};
  std::vector<Dossier> dossiers = {Make("NEW", "m1", "2022-05-01")};
  std::vector<int> lines = {2};
  Findings findings;
  AssignTrajectoryNumbers(known, &dossiers, &lines, &findings);
  EXPECT_TRUE(findings.empty());
  EXPECT_EQ(dossiers[0].trajectory_number, 2);
}

TEST(ValidationTest, RefusesNumbersThatGoBackInTime) {
  std::vector<Dossier> dossiers = {Make("A", "m1", "2020-01-01", 2), Make("B", "m1", "2021-01-01", 1)};
  std::vector<int> lines = {7, 9};
  Findings findings;
  AssignTrajectoryNumbers({}, &dossiers, &lines, &findings);
  ASSERT_EQ(findings.count(), 1u);
  EXPECT_EQ(findings.items()[0].line, 9);
  EXPECT_EQ(findings.items()[0].rule, "dossier.trajectory_order");
  EXPECT_EQ(findings.items()[0].column, "trajectory_number");
}

TEST(ValidationTest, AllowsAGapBeforeASecondTrajectory) {
  // The first trajectory may predate the registration: a lone "2" is fine.
  std::vector<Dossier> dossiers = {Make("A", "m1", "2021-01-01", 2)};
  std::vector<int> lines = {2};
  Findings findings;
  AssignTrajectoryNumbers({}, &dossiers, &lines, &findings);
  EXPECT_TRUE(findings.empty());
  EXPECT_EQ(dossiers[0].trajectory_number, 2);
}

TEST(ValidationTest, ChildAgeComesFromBirthThenDueDateThenLegacyValue) {
  Dossier d = Make("A", "m", "2023-05-10");
  d.child_age_months_at_start = 7;
  EXPECT_EQ(ChildAgeMonthsAtStart(d), 7);
  d.due_date = *Date::Parse("2023-08-10");
  EXPECT_EQ(ChildAgeMonthsAtStart(d), -3);
  d.child_birth_date = *Date::Parse("2023-02-01");
  EXPECT_EQ(ChildAgeMonthsAtStart(d), 3);
}

TEST(ValidationTest, EndBeforeStartIsNamed) {
  Dossier d = Make("A", "m", "2023-05-10");
  d.end_date = *Date::Parse("2023-05-09");
  d.track = *Codebook::Default().field("track").options.FindCode("opkomst");
  Findings findings = ValidateDossier(Codebook::Default(), d);
  ASSERT_EQ(findings.count(), 1u);
  EXPECT_EQ(findings.items()[0].rule, "dossier.end_before_start");
  EXPECT_EQ(findings.items()[0].expected, "2023-05-10");
}

TEST(ValidationTest, ABackDatedTrajectoryNeverRepeatsAStoredNumber) {
  // Stored: 1 (2020) and 2 (2022). A new trajectory starting in 2021 comes
  // between them by date, but 2 is taken: it gets the next free number.
  KnownDossiers stored = {{"A", {"m", 1, kMissing, *Date::Parse("2020-01-01")}},
                          {"B", {"m", 2, kMissing, *Date::Parse("2022-01-01")}}};
  EXPECT_EQ(NewTrajectoryNumber(stored, Make("N", "m", "2021-01-01")), 3);
  EXPECT_EQ(NewTrajectoryNumber(stored, Make("N", "m", "2023-01-01")), 3);
}

TEST(ValidationTest, ANewTrajectorysNumberNeverTellsAnotherTrajectorysStartDate) {
  // A worker may see only one of the mother's dossiers. Whatever start date
  // she tries for a new one, the number is the same: the next after the
  // highest, so probing dates does not reveal when the other one started
  // (a re-test read another caseload's start date from numbers 1 and 3).
  for (int stored_number : {1, 2, 5}) {
    KnownDossiers stored = {{"B", {"m", stored_number, kMissing, *Date::Parse("2022-12-14")}}};
    for (const char* start : {"2019-01-01", "2022-12-13", "2022-12-15", "2025-01-01"})
      EXPECT_EQ(NewTrajectoryNumber(stored, Make("N", "m", start)), stored_number + 1) << stored_number << start;
  }
}

// Free text that a spreadsheet would run: a table of starts, including
// what a re-test slipped past the first rule (spaces and control
// characters before the '=').
TEST(ValidationTest, FormulaStartsAreFoundAfterSpacesAndControlCharacters) {
  const struct {
    std::string text;
    std::optional<std::string> start;
  } cases[] = {
      {"=HYPERLINK(\"x\")", "'='"},   {"+32 15 00 00 00", "'+'"}, {"-3", "'-'"},      {"@SUM(A1)", "'@'"},
      {" =cmd|calc!A1", "' ='"},      {"   +1", "'   +'"},        {"\t=1", "tab"},    {"\r=1", "CR"},
      {"\x1b=7+7", "0x1B"},           {"\x0b=6+6", "0x0B"},       {"\x7f", "0x7F"},   {"AZ Sint-Maarten", std::nullopt},
      {"Kind & Gezin", std::nullopt}, {"  ", std::nullopt},       {"", std::nullopt}, {"a=b", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(FormulaStart(c.text), c.start) << c.text;
}

TEST(ValidationTest, AGivenNumberThatAStoredTrajectoryHoldsIsAFinding) {
  KnownDossiers stored = {{"B", {"m", 2, kMissing, *Date::Parse("2022-01-01")}}};
  std::vector<Dossier> dossiers = {Make("N", "m", "2021-01-01", 2)};
  std::vector<int> lines = {7};
  Findings findings;
  AssignTrajectoryNumbers(stored, &dossiers, &lines, &findings);
  ASSERT_EQ(findings.count(), 1u);
  EXPECT_EQ(findings.items()[0].rule, "dossier.trajectory_duplicate");
  EXPECT_EQ(findings.items()[0].expected, "B");
  EXPECT_EQ(findings.items()[0].line, 7);
}

}  // namespace
}  // namespace opkomst
