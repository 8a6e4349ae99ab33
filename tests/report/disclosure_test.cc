// The disclosure rules for researchers' reports (report/disclosure.h), as
// tables of cases: quarter periods, the symmetric difference, the overlap
// check (including a combination of four reports that no pairwise check
// sees), the release encoding, and the hiding of one person's statistics.
#include "report/disclosure.h"

#include <gtest/gtest.h>

namespace opkomst::report {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

TEST(Disclosure, QuarterDays) {
  const struct {
    const char* date;
    bool start, end;
  } cases[] = {
      {"2022-01-01", true, false},  {"2022-04-01", true, false},  {"2022-07-01", true, false},
      {"2022-10-01", true, false},  {"2022-01-02", false, false}, {"2022-02-01", false, false},
      {"2022-03-31", false, true},  {"2022-06-30", false, true},  {"2022-09-30", false, true},
      {"2022-12-31", false, true},  {"2022-03-30", false, false}, {"2024-02-29", false, false},
      {"2022-05-31", false, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsQuarterStart(D(c.date)), c.start) << c.date;
    EXPECT_EQ(IsQuarterEnd(D(c.date)), c.end) << c.date;
  }
  EXPECT_EQ(LastCompletedQuarterEnd(D("2025-11-24")), D("2025-09-30"));
  EXPECT_EQ(LastCompletedQuarterEnd(D("2025-10-01")), D("2025-09-30"));
  EXPECT_EQ(LastCompletedQuarterEnd(D("2025-09-30")), D("2025-06-30"));
  EXPECT_EQ(LastCompletedQuarterEnd(D("2026-01-01")), D("2025-12-31"));
}

TEST(Disclosure, ResearcherPeriodRules) {
  const Date today = D("2025-11-24");
  const struct {
    const char *as_of, *from, *until;  // "" = not given
    const char* field;                 // the field refused, "" = allowed
    const char* rule;
  } cases[] = {
      {"", "", "", "", ""},
      {"", "2022-01-01", "2022-03-31", "", ""},
      {"2023-12-31", "2022-04-01", "2023-06-30", "", ""},
      {"", "2022-01-02", "2022-03-31", "van", "rapport.fout.kwartaalstart"},  // windows one day apart
      {"", "2021-12-31", "", "van", "rapport.fout.kwartaalstart"},
      {"", "2022-01-01", "2022-03-30", "tot", "rapport.fout.kwartaaleinde"},
      {"", "", "2022-04-01", "tot", "rapport.fout.kwartaaleinde"},
      {"2023-12-30", "", "", "peildatum", "rapport.fout.peildatum_kwartaal"},
      {"2024-01-01", "", "", "peildatum", "rapport.fout.peildatum_kwartaal"},
      {"2025-12-31", "", "", "peildatum", "rapport.fout.peildatum_voorbij"},  // the running quarter
      {"2022-12-31", "2023-01-01", "", "van", "rapport.fout.van_na_tot"},
      {"", "2023-04-01", "2023-03-31", "van", "rapport.fout.van_na_tot"},
  };
  for (const auto& c : cases) {
    Filters f;
    if (*c.as_of) f.as_of = D(c.as_of);
    if (*c.from) f.start_from = D(c.from);
    if (*c.until) f.start_until = D(c.until);
    auto problems = ApplyResearcherPeriodRules(&f, *c.as_of != 0, today);
    std::string where = std::string(c.as_of) + " " + c.from + " " + c.until;
    if (*c.field == 0) {
      EXPECT_TRUE(problems.empty()) << where << ": " << problems[0].rule;
      EXPECT_TRUE(IsQuarterEnd(f.as_of)) << where;
      ASSERT_TRUE(f.start_until) << where;
      EXPECT_LE(*f.start_until, f.as_of) << where;  // nothing started after the cut-off
    } else {
      ASSERT_EQ(problems.size(), 1u) << where;
      EXPECT_EQ(problems[0].field, c.field) << where;
      EXPECT_EQ(problems[0].rule, c.rule) << where;
    }
  }
  Filters defaulted;
  ASSERT_TRUE(ApplyResearcherPeriodRules(&defaulted, false, today).empty());
  EXPECT_EQ(defaulted.as_of, D("2025-09-30"));
  EXPECT_EQ(*defaulted.start_until, D("2025-09-30"));
}

std::vector<std::string> Ids(int from, int to) {  // "d0100".."d(to-1)"
  std::vector<std::string> ids;
  for (int i = from; i < to; ++i) ids.push_back("d" + std::to_string(1000 + i));
  return ids;
}

std::vector<std::string> Union(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

Release P2(const std::vector<std::string>& ids) { return Release{{{"P2", ids}}}; }

TEST(Disclosure, SymmetricDifference) {
  const struct {
    std::vector<std::string> a, b;
    size_t expected;
  } cases[] = {
      {{}, {}, 0},
      {Ids(0, 30), Ids(0, 30), 0},
      {Ids(0, 30), Ids(0, 31), 1},
      {Ids(0, 30), Ids(1, 30), 1},
      {Ids(0, 30), Ids(1, 31), 2},
      {Ids(0, 30), Ids(30, 60), 60},
      {Ids(0, 30), {}, 30},
      {{"a", "c", "e"}, {"b", "c", "d"}, 4},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SymmetricDifference(c.a, c.b), c.expected);
    EXPECT_EQ(SymmetricDifference(c.b, c.a), c.expected);
  }
}

TEST(Disclosure, OverlapControl) {
  const int k = kReleaseMinimumDifference;
  const struct {
    const char* name;
    std::vector<Release> previous;
    Release candidate;
    bool allowed;
  } cases[] = {
      {"first release", {}, P2(Ids(0, 30)), true},
      {"identical again", {P2(Ids(0, 30))}, P2(Ids(0, 30)), true},
      {"one dossier more", {P2(Ids(0, 30))}, P2(Ids(0, 31)), false},
      {"one dossier fewer", {P2(Ids(0, 30))}, P2(Ids(1, 30)), false},
      {"one swapped", {P2(Ids(0, 30))}, P2(Ids(1, 31)), false},
      {"K-1 more", {P2(Ids(0, 30))}, P2(Ids(0, 30 + k - 1)), false},
      {"K more", {P2(Ids(0, 30))}, P2(Ids(0, 30 + k)), true},
      {"disjoint", {P2(Ids(0, 30))}, P2(Ids(100, 130)), true},
      {"small first release", {}, P2(Ids(0, k - 1)), false},
      {"another set of the report", {P2(Ids(0, 30))}, Release{{{"P2", Ids(0, 30)}, {"P5", Ids(0, 3)}}}, false},
      {"impact set P2 minus 3", {}, Release{{{"P2", Ids(0, 30)}, {"P3", Ids(3, 30)}}}, false},
      {"impact set P2 minus 10", {}, Release{{{"P2", Ids(0, 30)}, {"P3", Ids(10, 30)}}}, true},
      {"extra moment set P2 minus 1", {}, Release{{{"P2", Ids(0, 30)}, {"P4", Ids(1, 30)}}}, false},
      {"impact set equal to P2", {}, Release{{{"P2", Ids(0, 30)}, {"P3", Ids(0, 30)}}}, true},
      // A researcher subtracts across tags too (the red team's attack: P2
      // tables in one report, P3 tables in another, over the same window).
      {"other tag, one dossier more", {Release{{{"P3", Ids(0, 30)}}}}, P2(Ids(0, 31)), false},
      {"P2 of one report minus P3 of another", {P2(Ids(0, 30))}, Release{{{"P3", Ids(1, 30)}}}, false},
      {"P2 of one report and P3 of another, 10 apart", {P2(Ids(0, 30))}, Release{{{"P3", Ids(10, 30)}}}, true},
      {"other tag, same ids", {Release{{{"P3", Ids(0, 30)}}}}, P2(Ids(0, 30)), true},
      // Quarters A, B of 30 dossiers, and a track T within them: 10 in A, 3 in B.
      // Pairwise every two of these differ by 10 or more, but
      // (A+B) - (A+B without T) - A + (A without T) = the 3 of T in B.
      {"four reports",
       {P2(Union(Ids(0, 30), Ids(30, 60))), P2(Union(Ids(10, 30), Ids(33, 60))), P2(Ids(0, 30))},
       P2(Ids(10, 30)),
       false},
  };
  for (const auto& c : cases) EXPECT_EQ(ReleaseAllowed(c.previous, c.candidate), c.allowed) << c.name;
  // The last case passes every pairwise check: only the atoms catch it.
  const auto& four = cases[std::size(cases) - 1];
  std::vector<Release> all = four.previous;
  all.push_back(four.candidate);
  for (size_t i = 0; i < all.size(); ++i)
    for (size_t j = i + 1; j < all.size(); ++j)
      EXPECT_GE(SymmetricDifference(all[i].sets.at("P2"), all[j].sets.at("P2")), static_cast<size_t>(k)) << i << j;
  // Two colluding researchers are one: the previous releases are everyone's.
  EXPECT_EQ(SmallestSingledOutGroup({P2(Ids(0, 30))}, P2(Ids(0, 31))), 1u);
}

TEST(Disclosure, ReleaseEncodingIsExact) {
  Release r{{{"P2", {"a,b", "c d", "e%f", "g\nh", "plain"}}, {"P5", {}}, {"C", {"x"}}}};
  std::string text = EncodeRelease(r);
  auto back = DecodeRelease(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, r);
  EXPECT_FALSE(DecodeRelease("P2 a%4").ok());
  EXPECT_FALSE(DecodeRelease("P2 a").ok());  // no line end
}

TEST(Disclosure, OnePersonsStatisticsAreHidden) {
  Report report;
  TableModel t;
  t.columns = {"Opkomst+ Gemiddeld", "Opkomst+ Max.", "Opkomst+ Min.", "Opkomst+ N"};
  t.rows.push_back({"Duur", {Cell::Number(7.5, 1, 4), Cell::Count(12), Cell::Count(3), Cell::Count(4)}, false});
  t.rows.push_back({"Duur lang", {Cell::Number(9.5, 1, 40), Cell::Count(30), Cell::Count(1), Cell::Count(40)}, false});
  report.tables.push_back(t);
  TableModel rows;
  rows.columns = {"Opkomst+", "Opkomst", "Totaal"};
  rows.rows.push_back({"Gemiddeld", {Cell::Number(30, 0, 25), Cell::Number(31, 0, 2), Cell::Number(30, 0, 27)}, false});
  rows.rows.push_back({"Minimum", {Cell::Count(18), Cell::Count(20), Cell::Count(18)}, false});
  rows.rows.push_back({"Maximum", {Cell::Count(44), Cell::Count(39), Cell::Count(44)}, false});
  report.tables.push_back(rows);
  HideSmallGroupStatistics(&report, 5);
  auto kind = [&](size_t table, size_t row, size_t cell) { return report.tables[table].rows[row].cells[cell].kind; };
  EXPECT_EQ(kind(0, 0, 0), CellKind::kSuppressed);  // a mean over 4
  EXPECT_EQ(kind(0, 1, 0), CellKind::kNumber);      // a mean over 40
  for (size_t row : {0u, 1u})
    for (size_t cell : {1u, 2u}) EXPECT_EQ(kind(0, row, cell), CellKind::kSuppressed);
  EXPECT_EQ(kind(0, 1, 3), CellKind::kCount);
  // A mean over 2 hides its whole row: Totaal x 27 - Opkomst+ x 25 would
  // give the two mothers' sum back.
  for (size_t cell : {0u, 1u, 2u}) EXPECT_EQ(kind(1, 0, cell), CellKind::kSuppressed);
  for (size_t row : {1u, 2u})
    for (size_t cell : {0u, 1u, 2u}) EXPECT_EQ(kind(1, row, cell), CellKind::kSuppressed);
}

}  // namespace
}  // namespace opkomst::report
