// The report engine on small teams whose numbers are counted by hand, and on
// data and filters that leave nothing to count; computed from records in
// memory, without any database (DatasetFromRecords). Loading from a store is
// tested in tests/app/report_loading_test.cc.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "report/catalog.h"
#include "report/format.h"
#include "report/render/chart.h"
#include "report/report.h"
#include "report/suppress.h"
#include "support/test_support.h"

namespace opkomst::report {
namespace {

using opkomst::testing::TempDir;

const Codebook& cb() { return Codebook::Default(); }
Code FieldCode(const char* field, const char* code) { return *cb().field(field).options.FindCode(code); }
int Var(const char* name) { return *cb().FindVariable(name); }
Code VarCode(const char* variable, const char* code) {
  return *cb().variables()[static_cast<size_t>(Var(variable))].options->FindCode(code);
}

struct Team {
  std::vector<Dossier> dossiers;
  std::vector<std::pair<std::string, Measurement>> measurements;

  Dossier& Add(const std::string& id, const char* track, const char* start, const char* end = nullptr,
               int trajectory = 1) {
    Dossier d;
    d.dossier_id = id;
    d.mother_id = "M-" + id;
    d.trajectory_number = trajectory;
    d.track = FieldCode("track", track);
    d.start_date = *Date::Parse(start);
    if (end) d.end_date = *Date::Parse(end);
    dossiers.push_back(d);
    return dossiers.back();
  }
  // `answers`: variable -> code.
  void Measure(const std::string& id, Moment moment, const std::map<std::string, std::string>& answers,
               const char* on = nullptr) {
    Measurement m;
    m.moment = moment;
    if (on) m.measured_on = *Date::Parse(on);
    m.values.assign(cb().variables().size(), kMissing);
    for (const auto& [variable, code] : answers)
      m.values[static_cast<size_t>(Var(variable.c_str()))] = VarCode(variable.c_str(), code.c_str());
    measurements.emplace_back(id, m);
  }
};

class EngineTest : public ::testing::Test {
 protected:
  void Import(const Team& team) { team_ = team; }

  Report Build(const Filters& filters, int suppress = 0) {
    auto data = DatasetFromRecords(cb(), team_.dossiers, team_.measurements, {}, {});
    EXPECT_TRUE(data.ok()) << data.status().message();
    data_ = std::make_unique<Dataset>(std::move(data).value());
    return BuildReport(*data_, filters, {}, suppress);
  }

  static const TableModel& Table(const Report& r, const std::string& id) {
    for (const TableModel& t : r.tables)
      if (t.id == id) return t;
    ADD_FAILURE() << "no table " << id;
    static TableModel none;
    return none;
  }
  // The printed cells of row `label`, as the CSV shows them.
  static std::vector<std::string> Row(const TableModel& t, const std::string& label) {
    for (const TableRow& row : t.rows)
      if (row.label == label) {
        std::vector<std::string> out;
        for (const Cell& c : row.cells) out.push_back(FormatCell(c));
        return out;
      }
    ADD_FAILURE() << t.id << " has no row '" << label << "'";
    return {};
  }

  // Every table renders in every format, whatever is in it.
  static void RenderEverything(const Report& r) {
    EXPECT_FALSE(RenderText(r).empty());
    EXPECT_FALSE(RenderCsv(r).empty());
    EXPECT_FALSE(RenderJson(r).empty());
    EXPECT_NE(RenderHtml(r).find("</html>"), std::string::npos);
    TempDir dir;
    EXPECT_TRUE(RenderXlsx(r, dir.File("r.xlsx")).ok());
  }

  Team team_;
  std::unique_ptr<Dataset> data_;
};

Filters AsOf(const char* date) {
  Filters f;
  f.as_of = *Date::Parse(date);
  return f;
}

TEST_F(EngineTest, EveryTableAndFormatWithoutRecords) {
  Report r = Build(AsOf("2023-09-30"));
  EXPECT_EQ(data_->size(), 0u);
  EXPECT_EQ(r.tables.size(), Catalog().size());
  EXPECT_EQ(Row(Table(r, "T1"), "Originele dataset"), (std::vector<std::string>{"0", "0", "0"}));
  EXPECT_EQ(Row(Table(r, "T10"), "Dak- of thuisloos"), (std::vector<std::string>{"/", "0"}));
  RenderEverything(r);
  RenderEverything(Build(AsOf("2023-09-30"), /*suppress=*/5));
}

// Five dossiers, every number below counted by hand (cut-off 2023-09-30).
Team HandCountedTeam() {
  Team t;
  // D1: closed Opkomst, 6 whole months, a birth moment.
  t.Add("D1", "opkomst", "2023-01-10", "2023-07-10").referrer_type = FieldCode("referrer_type", "extern");
  t.Measure("D1", Moment::kStart, {{"housing", "dakloos"}, {"admin_child_benefit", "nee"}, {"network", "geen"}});
  t.Measure("D1", Moment::kBirth, {{"admin_child_benefit", "ja"}}, "2023-03-01");
  t.Measure("D1", Moment::kEnd, {{"housing", "sociale_woning"}, {"admin_child_benefit", "ja"}});
  // D2: running Opkomst+, measured at the cut-off; unknown at start.
  t.Add("D2", "opkomst_plus", "2022-05-01").referrer_type = FieldCode("referrer_type", "intern");
  t.Measure("D2", Moment::kStart, {{"housing", "onbekend"}, {"admin_child_benefit", "onbekend"}});
  t.Measure("D2", Moment::kEnd, {{"housing", "vast_kwalitatief"}, {"admin_child_benefit", "ja"}});
  // D3: the second trajectory of D1's mother: in P1, not in P2.
  t.Add("D3", "opkomst", "2023-02-01", nullptr, 2).mother_id = "M-D1";
  t.Measure("D3", Moment::kStart, {{"housing", "tijdelijk"}});
  // D4: starts after the cut-off, in its year: Table 2 only.
  t.Add("D4", "opkomst", "2023-11-05");
  // D5: Opkomst, ends after the cut-off, so running on it; no measurement.
  t.Add("D5", "opkomst", "2023-03-01", "2023-12-01");
  return t;
}

TEST_F(EngineTest, HandCountedTeam) {
  Import(HandCountedTeam());
  Report r = Build(AsOf("2023-09-30"));
  const TableModel& t1 = Table(r, "T1");
  EXPECT_EQ(Row(t1, "Originele dataset"), (std::vector<std::string>{"1", "3", "4"}));
  EXPECT_EQ(Row(t1, "Beschrijvende analyse (hoofdstuk 3)"), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(Row(t1, "Impact analyse (hoofdstuk 4)"), (std::vector<std::string>{"1", "1", "2"}));
  EXPECT_EQ(Row(t1, "Extra meetmoment (hoofdstuk 3 en 4)"), (std::vector<std::string>{"0", "1", "1"}));
  const TableModel& t2 = Table(r, "T2");
  EXPECT_EQ(Row(t2, "2022"), (std::vector<std::string>{"1", "0", "1"}));
  EXPECT_EQ(Row(t2, "2023"), (std::vector<std::string>{"0", "4", "4"}));
  EXPECT_EQ(Row(t2, "Totaal"), (std::vector<std::string>{"1", "4", "5"}));
  const TableModel& t3 = Table(r, "T3");  // Opkomst+ mean/max/min/N, then Opkomst
  EXPECT_EQ(Row(t3, "Duur afgeronde begeleidingen"),
            (std::vector<std::string>{"/", "/", "/", "/", "6,0", "6", "6", "1"}));
  EXPECT_EQ(Row(t3, "Duur lopende begeleidingen"),
            (std::vector<std::string>{"16,0", "16", "16", "1", "6,0", "6", "6", "1"}));
  // P2 = D1, D2, D5: D5 has no start measurement, so it counts as unknown.
  const TableModel& t10 = Table(r, "T10");
  EXPECT_EQ(Row(t10, "Dak- of thuisloos"), (std::vector<std::string>{"33,3%", "1"}));
  EXPECT_EQ(Row(t10, "Onbekend/niet van toepassing"), (std::vector<std::string>{"66,7%", "2"}));
  EXPECT_EQ(Row(t10, "Totaal"), (std::vector<std::string>{"100%", "3"}));
  // T18 over P3 = D1, D2; D2 is unknown at start and leaves the row.
  EXPECT_EQ(Row(Table(r, "T18"), "Groeipakket"), (std::vector<std::string>{"0,0% (0)", "100,0% (1)", "/", "/"}));
  // T17 over P4 = D1: start -> birth.
  EXPECT_EQ(Row(Table(r, "T17"), "Groeipakket"), (std::vector<std::string>{"0,0% (0)", "100,0% (1)", "/", "/"}));
  // T13's means per track carry their group (P2: 1 Opkomst+, 2 Opkomst), so
  // suppression hides the mean of one or a few mothers.
  const TableModel& t13 = Table(r, "T13");
  ASSERT_FALSE(t13.rows.empty());
  std::vector<long long> groups;
  for (const Cell& c : t13.rows[0].cells) groups.push_back(c.denominator);
  EXPECT_EQ(groups, (std::vector<long long>{1, 2, 3}));
  Report suppressed = Build(AsOf("2023-09-30"), 5);
  for (const Cell& c : Table(suppressed, "T13").rows[0].cells) EXPECT_EQ(c.kind, CellKind::kSuppressed);
  // E1: D1 moved from roofless to social housing; D2 is unknown at start.
  const TableModel& e1 = Table(r, "E1");
  std::vector<std::string> roofless = Row(e1, "Dak- of thuisloos");
  ASSERT_EQ(roofless.size(), 7u);
  EXPECT_EQ(roofless[5], "1");  // Sociale woning
  EXPECT_EQ(roofless[6], "1");  // Totaal
  RenderEverything(r);
}

// A 100% stacked bar of a table of shares draws the table's own shares: each
// segment is the cell of its row and column (a chart that stacked the
// columns of a row instead would show shares of shares).
TEST_F(EngineTest, StackedChartsDrawTheTablesShares) {
  Import(HandCountedTeam());
  Report r = Build(AsOf("2023-09-30"));
  int checked = 0;
  for (const TableModel& t : r.tables) {
    if (t.chart.kind != ChartKind::kStackedBars) continue;
    ChartData c = ChartFor(t);
    for (size_t s = 0; s < c.series.size(); ++s)
      for (size_t k = 0; k < c.categories.size(); ++k) {
        int row = c.by_row ? c.rows[k] : c.rows[s], column = c.by_row ? c.columns[s] : c.columns[k];
        const Cell& cell = t.rows[static_cast<size_t>(row)].cells[static_cast<size_t>(column)];
        if (cell.kind != CellKind::kPercent || std::isnan(c.values[s][k])) continue;
        EXPECT_NEAR(c.values[s][k], cell.value, 1e-9) << t.id << " " << c.series[s] << " / " << c.categories[k];
        ++checked;
      }
  }
  EXPECT_GT(checked, 20);
  // F2 by hand: Opkomst+ is D2, referred internally; Opkomst is D1, externally.
  ChartData f2 = ChartFor(Table(r, "F2"));
  EXPECT_EQ(f2.categories, (std::vector<std::string>{"Opkomst+", "Opkomst", "Totaal"}));
  EXPECT_EQ(f2.series, (std::vector<std::string>{"Intern", "Extern"}));
  EXPECT_EQ(f2.values, (std::vector<std::vector<double>>{{100, 0, 50}, {0, 100, 50}}));
}

TEST_F(EngineTest, FiltersThatLeaveNothing) {
  Import(HandCountedTeam());
  Filters f = AsOf("2023-09-30");
  f.start_from = *Date::Parse("2030-01-01");
  Report r = Build(f);
  EXPECT_EQ(Row(Table(r, "T1"), "Originele dataset"), (std::vector<std::string>{"0", "0", "0"}));
  RenderEverything(r);
  f = AsOf("2023-09-30");
  f.track = FieldCode("track", "opkomst_plus");
  r = Build(f);
  EXPECT_EQ(Row(Table(r, "T1"), "Originele dataset"), (std::vector<std::string>{"1", "0", "1"}));
  RenderEverything(r);
}

TEST_F(EngineTest, BuilderPutsEveryMeasurementInItsDossiersColumns) {
  Team team = HandCountedTeam();
  auto data = DatasetFromRecords(cb(), team.dossiers, team.measurements, {}, {});
  ASSERT_TRUE(data.ok()) << data.status().message();
  ASSERT_EQ(data->size(), 5u);
  int64_t d1 = data->Find("D1"), d5 = data->Find("D5");
  ASSERT_GE(d1, 0);
  EXPECT_EQ(data->id(static_cast<size_t>(d1)), "D1");
  EXPECT_EQ(data->Find("D0"), -1);
  EXPECT_EQ(data->Find("D9"), -1);
  size_t i = static_cast<size_t>(d1);
  EXPECT_TRUE(data->Has(i, Moment::kBirth));
  EXPECT_EQ(data->Value(i, Moment::kStart, Var("housing")), VarCode("housing", "dakloos"));
  EXPECT_EQ(data->Value(i, Moment::kEnd, Var("housing")), VarCode("housing", "sociale_woning"));
  EXPECT_EQ(data->Value(i, Moment::kBirth, Var("housing")), kMissing);  // registered, left empty
  EXPECT_EQ(data->dossiers().measured_on[1][i], Date::Parse("2023-03-01")->days());
  EXPECT_EQ(data->dossiers().measured_on[0][i], kNoDate);
  size_t j = static_cast<size_t>(d5);
  for (Moment m : {Moment::kStart, Moment::kBirth, Moment::kEnd}) {
    EXPECT_FALSE(data->Has(j, m));
    EXPECT_EQ(data->Value(j, m, Var("housing")), kMissing);
  }
  EXPECT_EQ(data->dossiers().end[j], Date::Parse("2023-12-01")->days());
  EXPECT_EQ(data->dossiers().trajectory[static_cast<size_t>(data->Find("D3"))], 2);
}

// Referral analytics (T30-T34) on referrals counted by hand, and small
// cells hidden: one referral from a practice must not show as 1.
TEST_F(EngineTest, ReferralAnalyticsCountedByHandAndSmallCellsHidden) {
  auto day = [](const char* date) { return Date::Parse(date)->days(); };
  std::vector<ReferralFact> facts;
  for (int i = 0; i < 6; ++i) {  // hospital, referred at 7 months, accepted after 7 days, visited after 14
    ReferralFact f;
    f.received = day("2026-03-02") + i;
    f.due = f.received + 280 - 7 * 280 / 9;
    f.organisation = "AZ", f.kind = "ziekenhuis";
    f.decided = f.received + 7, f.decision = i < 5 ? "opkomst_plus" : "afgewezen";
    if (i == 5) f.decline_reason = "niet_bereikbaar";
    if (i < 5) f.first_home_visit = f.received + 14 + i;
    facts.push_back(f);
  }
  ReferralFact practice;  // one midwife's referral, in April, not yet decided
  practice.received = day("2026-04-20");
  practice.due = practice.received + 140;
  practice.organisation = "De Wieg", practice.kind = "medisch";
  facts.push_back(practice);
  ReferralFact later;  // after the cut-off: not counted
  later.received = day("2026-06-01");
  facts.push_back(later);
  Dataset data(cb());
  data.SetReferrals(facts);
  Report r = BuildReport(data, AsOf("2026-05-31"), {"T30", "T31", "T32", "T33", "T34", "F21", "F22"});
  EXPECT_EQ(Row(Table(r, "T30"), "2026-03"), (std::vector<std::string>{"6", "0", "0", "0", "0", "0", "0", "6"}));
  EXPECT_EQ(Row(Table(r, "T30"), "2026-04"), (std::vector<std::string>{"0", "1", "0", "0", "0", "0", "0", "1"}));
  EXPECT_EQ(Row(Table(r, "T30"), "Totaal").back(), "7");
  EXPECT_EQ(Row(Table(r, "T31"), "Waarvan medische sector (ziekenhuis, medisch)")[1], "7");
  EXPECT_EQ(Row(Table(r, "T31"), "De Wieg")[1], "1");
  EXPECT_EQ(Row(Table(r, "T33"), "Aanvaard: Opkomst+"), (std::vector<std::string>{"5", "71,4%"}));
  EXPECT_EQ(Row(Table(r, "T33"), "Nog niet beslist")[0], "1");
  EXPECT_EQ(Row(Table(r, "T33"), "Niet bereikbaar"), (std::vector<std::string>{"1", "100,0%"}));
  EXPECT_EQ(Row(Table(r, "T34"), "Aanmelding tot beslissing"), (std::vector<std::string>{"6", "7,0", "7,0"}));
  // Visits after 14..18 days: median 16, P90 at position 3.6 = 17.6.
  EXPECT_EQ(Row(Table(r, "T34"), "Aanmelding tot eerste huisbezoek"), (std::vector<std::string>{"5", "16,0", "17,6"}));
  const TableModel& months = Table(r, "T32");
  EXPECT_EQ(Row(months, "Ziekenhuis")[0], "6");
  EXPECT_NEAR(months.rows[0].cells[1].value, 280.0 * 7 / 9 / (280.0 / 9), 0.05);  // month 7
  EXPECT_NEAR(months.rows[0].cells[2].value, 2.5, 0.05);                          // 2.5 after the ideal
  RenderEverything(r);

  Report hidden = BuildReport(data, AsOf("2026-05-31"), {"T30", "T31", "T33", "T34"}, /*suppress=*/5);
  for (const TableModel& t : hidden.tables)
    for (const TableRow& row : t.rows)
      for (const Cell& c : row.cells)
        EXPECT_FALSE(CarriesCount(c) && c.count >= 1 && c.count < 5) << t.id << " " << row.label;
  EXPECT_EQ(Row(Table(hidden, "T31"), "De Wieg")[1], "x");
  EXPECT_EQ(Row(Table(hidden, "T33"), "Niet bereikbaar")[0], "x");
  RenderEverything(hidden);
}

}  // namespace
}  // namespace opkomst::report
