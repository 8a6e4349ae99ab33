// Issue 16: the key-figures page (/kerncijfers) through App::Handle, on a
// generated team (SQLite and PostgreSQL). A researcher sees it only with
// suppression: every figure over 1-4 families, and every count of 1-4, is
// hidden on the page and in the K tables' download, whatever she asks; the
// team lead sees the same hidden by default and can turn it off (the
// control: without suppression the same cells show numbers). Every figure
// carries its definition and the published value.
#include <regex>
#include <sstream>

#include "generated_team.h"
#include "report/disclosure.h"
#include "report/keyfigures.h"
#include "report/report.h"
#include "report/suppress.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

// The fields of one CSV line (quoted fields: "7,5").
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      fields.emplace_back();
    else
      fields.back() += c;
  }
  return fields;
}

// "table id|row label" -> the row's cells, from a report CSV.
std::map<std::string, std::vector<std::string>> CsvCells(const std::string& csv) {
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream in(csv);
  std::string table;
  bool header = false;
  static const std::regex title("^\"?(K[0-9]+)\\. ");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, title)) {
      table = m[1], header = true;
    } else if (line.empty()) {
      table.clear();
    } else if (header) {
      header = false;
    } else if (!table.empty()) {
      std::vector<std::string> fields = Fields(line);
      out[table + "|" + fields[0]] = std::vector<std::string>(fields.begin() + 1, fields.end());
    }
  }
  return out;
}

// A cell that singles out 1-4 families: a count of 1-4, or a statistic over 1-4 dossiers.
bool SinglesOut(const report::Cell& c, int k) {
  bool small_count = report::CarriesCount(c) && c.count >= 1 && c.count < k;
  bool statistic = c.kind == report::CellKind::kNumber || report::CarriesCount(c) ||
                   (c.kind == report::CellKind::kText && c.denominator > 0);
  return small_count || (statistic && c.denominator >= 1 && c.denominator < k);
}

// The value cells of the page's Opkomst+ rows.
std::vector<std::string> PlusValues(const std::string& page) {
  static const std::regex row("<th scope=\"row\">Opkomst\\+</th><td class=\"value\">([^<]*)</td>");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), row); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

bool IsNumber(const std::string& text) { return !text.empty() && std::isdigit(static_cast<unsigned char>(text[0])); }

class KeyFiguresWebTest : public WebAppTest {
 protected:
  void SetUp() override {
    WebAppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    testing::ImportGeneratedTeam(pool_.get(), 16, &data_);
    if (HasFatalFailure()) return;
    researcher_ = SignIn("onderzoeker");
    lead_ = SignIn("teamverantwoordelijke");
    ASSERT_FALSE(researcher_.empty());
    ASSERT_FALSE(lead_.empty());
    FindSmallPlusQuarters();
  }

  report::Filters FiltersOf(const std::string& from, const std::string& until) const {
    report::Filters f;
    f.as_of = *Date::Parse("2025-09-30");  // a researcher's default at the app's clock
    f.start_from = Date::Parse(from);
    f.start_until = Date::Parse(until);
    return f;
  }

  // A window of whole quarters with at least 20 dossiers, of which 1-4 in
  // Opkomst+: every Opkomst+ figure there is about 1-4 families.
  void FindSmallPlusQuarters() {
    const char* const starts[] = {"2022-01-01", "2022-04-01", "2022-07-01", "2022-10-01",
                                  "2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01"};
    const char* const ends[] = {"2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31",
                                "2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"};
    for (size_t a = 0; a < 8; ++a)
      for (size_t b = a; b < 8; ++b) {
        report::Populations p(*data_, FiltersOf(starts[a], ends[b]));
        size_t all = p.Of(report::Population::kP2).size(), plus = p.ByTrack(report::Population::kP2)[0].size();
        if (all >= static_cast<size_t>(report::kResearcherMinimumPopulation) && plus >= 1 && plus <= 4) {
          from_ = starts[a], until_ = ends[b];
          return;
        }
      }
    FAIL() << "the generated team has no quarter window with 1-4 Opkomst+ dossiers";
  }

  std::string Window() const { return "van=" + from_ + "&tot=" + until_; }

  std::unique_ptr<report::Dataset> data_;
  std::string researcher_, lead_, from_, until_;
};

TEST_P(KeyFiguresWebTest, ResearcherSeesTheFiguresOnlyWithSuppression) {
  // She asks for them unsuppressed: the page ignores it.
  WebResponse page = Get("/kerncijfers?" + Window() + "&verbergen=0&gefilterd=1", researcher_);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Pseudoniem en zonder kleine aantallen"), std::string::npos);
  EXPECT_EQ(page.body.find("name=\"verbergen\""), std::string::npos) << "a researcher has no choice to offer";
  std::vector<std::string> plus = PlusValues(page.body);
  ASSERT_FALSE(plus.empty());
  for (const std::string& value : plus)
    EXPECT_FALSE(IsNumber(value)) << "an Opkomst+ figure over 1-4 families: " << value;

  // The K tables as she downloads them, against the engine unsuppressed:
  // every cell that singles out 1-4 families is hidden.
  // (K9, the case study's figure, is not on her page: its few families
  // would single out a group, see pages_keyfigures.cc.)
  const std::string tables = "K1,K2,K3,K4,K5,K6,K7,K8";
  WebResponse csv = Get("/rapporten/download?formaat=csv&verbergen=0&tabellen=" + tables + "&" + Window(), researcher_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  auto cells = CsvCells(csv.body);
  auto ids = report::ParseTableIds(tables);
  ASSERT_TRUE(ids.ok());
  report::Report plain = report::BuildReport(*data_, FiltersOf(from_, until_), *ids, 0);
  const int k = ReportSuppressionFor(Role::kResearcher);
  int small = 0;
  for (const report::TableModel& table : plain.tables)
    for (const report::TableRow& row : table.rows) {
      auto line = cells.find(table.id + "|" + row.label);
      ASSERT_NE(line, cells.end()) << table.id << " / " << row.label << " missing from the download";
      for (size_t c = 0; c < row.cells.size(); ++c) {
        if (!SinglesOut(row.cells[c], k)) continue;
        ++small;
        ASSERT_LT(c, line->second.size());
        EXPECT_EQ(line->second[c], "x") << table.id << " / " << row.label << " / column " << c;
      }
    }
  EXPECT_GT(small, 0) << "the window has no small group: the test would prove nothing";
}

TEST_P(KeyFiguresWebTest, TeamLeadSeesSmallGroupsOnlyWhenSheTurnsSuppressionOff) {
  WebResponse hidden = Get("/kerncijfers?" + Window(), lead_);
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  for (const std::string& value : PlusValues(hidden.body)) EXPECT_FALSE(IsNumber(value)) << value;
  // The control: the same figures unsuppressed are numbers, and the page warns.
  WebResponse shown = Get("/kerncijfers?" + Window() + "&gefilterd=1", lead_);
  ASSERT_EQ(shown.status, 200) << shown.body;
  int numbers = 0;
  for (const std::string& value : PlusValues(shown.body)) numbers += IsNumber(value);
  EXPECT_GT(numbers, 0);
  EXPECT_NE(shown.body.find("niet buiten het team verspreiden"), std::string::npos);
}

TEST_P(KeyFiguresWebTest, EveryFigureHasItsDefinitionAndThePublishedValue) {
  WebResponse page = Get("/kerncijfers?peildatum=2023-12-31", lead_);
  ASSERT_EQ(page.status, 200) << page.body;
  for (const report::KeyFigure& figure : report::KeyFigures()) {
    size_t section = page.body.find("id=\"kf-" + figure.id + "\"");
    ASSERT_NE(section, std::string::npos) << figure.id;
    size_t end = page.body.find("</section>", section);
    std::string text = page.body.substr(section, end - section);
    EXPECT_NE(text.find("Definitie"), std::string::npos) << figure.id;
    EXPECT_NE(text.find(Escape(figure.definition_nl)), std::string::npos) << figure.id;
    EXPECT_NE(text.find("2023-09-30"), std::string::npos) << figure.id << ": no published value";
    if (figure.id != "indicatoren" && figure.id != "groepswerking") {
      EXPECT_NE(text.find("aria-label=\"" + Escape(figure.label_nl)), std::string::npos)
          << figure.id << ": its chart has no accessible name";
    }
  }
  EXPECT_NE(page.body.find("nog geen gegevens"), std::string::npos) << "group work does not say it has no data";
  // Not for a worker.
  EXPECT_EQ(Get("/kerncijfers", SignIn("mwa")).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyFiguresWebTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
