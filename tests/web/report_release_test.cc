// Issue 9, finding 4: a researcher must not read one mother's record through
// the report filters. Attacked through App::Handle as a signed-in
// researcher on a generated team (SQLite and PostgreSQL): windows one day
// apart, windows that differ by fewer than K dossiers, a population under
// the minimum, minimum/maximum cells, two parallel requests, and the
// differencing attack tried over every pair of allowed windows. Also the
// team lead's downloads: small counts hidden unless she turns it off.
#include <cctype>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "generated_team.h"
#include "report/dataset.h"
#include "report/disclosure.h"
#include "report/population.h"
#include "storage/releases.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

using report::Filters;
using report::Population;

const int kK = report::kReleaseMinimumDifference;

struct Window {
  std::string from, until, track;  // track code or ""
  std::string Query() const { return "van=" + from + "&tot=" + until + "&traject=" + track; }
};

// The eight quarters of the generated team, and every window of whole ones.
const char* const kQuarterStarts[] = {"2022-01-01", "2022-04-01", "2022-07-01", "2022-10-01",
                                      "2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01"};
const char* const kQuarterEnds[] = {"2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31",
                                    "2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"};

std::vector<Window> AllWindows() {
  std::vector<Window> out;
  for (const char* track : {"", "opkomst", "opkomst_plus"})
    for (size_t a = 0; a < 8; ++a)
      for (size_t b = a; b < 8; ++b) out.push_back({kQuarterStarts[a], kQuarterEnds[b], track});
  return out;
}

// The fields of one CSV line (quoted fields: "7,5").
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// The fields of the CSV line that starts with `label`.
std::vector<std::string> CsvLine(const std::string& csv, const std::string& label) {
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(label + ",", 0) == 0) return Fields(line);
  return {};
}

bool HasHiddenCell(const std::string& csv) {
  return csv.find(",x\n") != std::string::npos || csv.find(",x,") != std::string::npos;
}

class ReportReleaseTest : public WebAppTest {
 protected:
  void SetUp() override {
    WebAppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    testing::ImportGeneratedTeam(pool_.get(), 9, &data_);
    if (HasFatalFailure()) return;
    researcher_ = SignIn("onderzoeker");
    lead_ = SignIn("teamverantwoordelijke");
    ASSERT_FALSE(researcher_.empty());
    ASSERT_FALSE(lead_.empty());
  }

  // The population P2 of a window as the test computes it (sorted ids), at
  // the cut-off a researcher gets by default (the app's clock: 2025-11-24).
  std::vector<std::string> P2(const Window& w) {
    Filters f;
    f.as_of = *Date::Parse("2025-09-30");
    f.start_from = Date::Parse(w.from);
    f.start_until = Date::Parse(w.until);
    if (!w.track.empty()) f.track = *Codebook::Default().field("track").options.FindCode(w.track);
    report::Populations populations(*data_, f);
    std::vector<std::string> ids;
    for (uint32_t i : populations.Of(Population::kP2)) ids.emplace_back(data_->id(i));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // Two quarter windows whose P2 both hold at least the minimum and differ
  // by 1..K-1 dossiers (e.g. all tracks and Opkomst only, over a year with
  // a few Opkomst+ dossiers).
  std::pair<Window, Window> CloseWindows() {
    std::vector<Window> windows = AllWindows();
    std::vector<std::vector<std::string>> sets;
    for (const Window& w : windows) sets.push_back(P2(w));
    for (size_t i = 0; i < windows.size(); ++i)
      for (size_t j = 0; j < windows.size(); ++j) {
        size_t diff = report::SymmetricDifference(sets[i], sets[j]);
        if (std::min(sets[i].size(), sets[j].size()) >= static_cast<size_t>(report::kResearcherMinimumPopulation) &&
            diff >= 1 && diff < static_cast<size_t>(kK))
          return {windows[i], windows[j]};
      }
    ADD_FAILURE() << "the generated team has no two windows that differ by 1.." << kK - 1 << " dossiers";
    return {};
  }

  size_t Releases() { return team::ListReleases(pool_->Writer())->size(); }

  std::unique_ptr<report::Dataset> data_;
  std::string researcher_, lead_;
};

TEST_P(ReportReleaseTest, WindowsOneDayApartAreRefused) {
  // The finding: windows one day apart. Every field off a quarter boundary is refused, by name.
  const struct {
    const char* query;
    const char* field_text;
  } cases[] = {
      {"van=2022-04-02&tot=2022-06-30", "eerste dag van een kwartaal"},
      {"van=2022-03-31&tot=2022-06-30", "eerste dag van een kwartaal"},
      {"van=2022-04-01&tot=2022-06-29", "laatste dag van een kwartaal"},
      {"van=2022-04-01&tot=2022-07-01", "laatste dag van een kwartaal"},
      {"peildatum=2023-12-30", "einde van een kwartaal"},
      {"peildatum=2025-12-31", "laatste afgesloten kwartaal"},  // the running quarter
  };
  for (const auto& c : cases)
    for (const char* route : {"/rapporten?tabellen=T6&", "/rapporten/download?formaat=csv&tabellen=T6&"}) {
      WebResponse r = Get(std::string(route) + c.query, researcher_);
      EXPECT_EQ(r.status, 422) << route << c.query;
      EXPECT_NE(r.body.find(c.field_text), std::string::npos) << route << c.query << "\n" << r.body;
      // The table picker names every table; a rendered report is its own block.
      EXPECT_EQ(r.body.find("<div class=\"report\""), std::string::npos) << "a table was shown for " << c.query;
      EXPECT_EQ(r.body.find("<table"), std::string::npos) << "a table was shown for " << c.query;
    }
  EXPECT_EQ(Releases(), 0u);
  // The team lead keeps her free periods.
  EXPECT_EQ(Get("/rapporten?tabellen=T6&van=2022-04-02&tot=2022-06-29", lead_).status, 200);
}

TEST_P(ReportReleaseTest, PopulationUnderTheMinimumIsRefused) {
  // One quarter of one track: fewer than 20 dossiers.
  Window small;
  for (size_t q = 0; q < 8 && small.from.empty(); ++q) {
    Window w{kQuarterStarts[q], kQuarterEnds[q], "opkomst_plus"};
    size_t n = P2(w).size();
    if (n >= 1 && n < static_cast<size_t>(report::kResearcherMinimumPopulation)) small = w;
  }
  ASSERT_FALSE(small.from.empty());
  for (const char* route : {"/rapporten?", "/rapporten/download?formaat=xlsx&"}) {
    WebResponse r = Get(route + small.Query(), researcher_);
    EXPECT_EQ(r.status, 422) << route;
    EXPECT_NE(r.body.find("minder dan 20 dossiers"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("N = "), std::string::npos);
  }
  EXPECT_EQ(Releases(), 0u);
}

TEST_P(ReportReleaseTest, WindowsDifferingByFewerThanKDossiersAreRefused) {
  auto [first, second] = CloseWindows();
  ASSERT_FALSE(first.from.empty());
  WebResponse a = Get("/rapporten?tabellen=T6&" + first.Query(), researcher_);
  ASSERT_EQ(a.status, 200) << a.body;
  WebResponse b = Get("/rapporten/download?formaat=csv&tabellen=T6&" + second.Query(), researcher_);
  EXPECT_EQ(b.status, 422);
  EXPECT_NE(b.body.find("minder dan 10 dossiers"), std::string::npos) << b.body;
  EXPECT_EQ(Get("/rapporten?tabellen=T6&" + second.Query(), researcher_).status, 422);
  // The identical report again, and as a download: allowed.
  EXPECT_EQ(Get("/rapporten?tabellen=T6&" + first.Query(), researcher_).status, 200);
  EXPECT_EQ(Get("/rapporten/download?formaat=csv&tabellen=T6&" + first.Query(), researcher_).status, 200);
  EXPECT_EQ(Releases(), 3u);
}

TEST_P(ReportReleaseTest, ReleasesToAnotherResearcherCount) {
  // Collusion: what one researcher got limits what the next one gets.
  auto [first, second] = CloseWindows();
  ASSERT_FALSE(first.from.empty());
  auto data = *LoadReportDataset(&pool_->Reader(), Codebook::Default());
  Filters f;
  f.as_of = *Date::Parse("2025-09-30");
  f.start_from = Date::Parse(first.from), f.start_until = Date::Parse(first.until);
  if (!first.track.empty()) f.track = *Codebook::Default().field("track").options.FindCode(first.track);
  report::Populations populations(data, f);
  std::string released = report::EncodeRelease(report::ReleaseOf(data, populations, {"T6"}));
  auto recorded = team::RecordReleaseIfAllowed(pool_->Writer(), {"onderzoeker2", "1764000000", "", released},
                                               [](const std::vector<std::string>&) { return true; });
  ASSERT_TRUE(recorded.ok() && *recorded);
  EXPECT_EQ(Get("/rapporten?tabellen=T6&" + second.Query(), researcher_).status, 422);
  EXPECT_EQ(Get("/rapporten?tabellen=T6&" + first.Query(), researcher_).status, 200);
}

TEST_P(ReportReleaseTest, ParallelRequestsCannotBothPass) {
  auto [first, second] = CloseWindows();
  ASSERT_FALSE(first.from.empty());
  std::atomic<int> go{0};
  int status[2] = {0, 0};
  std::vector<std::thread> threads;
  const Window* windows[2] = {&first, &second};
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      ++go;
      while (go.load() < 2) std::this_thread::yield();
      status[i] = Get("/rapporten?tabellen=T6&" + windows[i]->Query(), researcher_).status;
    });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ((status[0] == 200) + (status[1] == 200), 1) << status[0] << " " << status[1];
  EXPECT_EQ(Releases(), 1u);
}

TEST_P(ReportReleaseTest, MinimumAndMaximumAreNotShownToResearchers) {
  std::string query = "/rapporten/download?formaat=csv&tabellen=T6,T3&van=2022-01-01&tot=2023-12-31";
  WebResponse researcher = Get(query, researcher_);
  ASSERT_EQ(researcher.status, 200) << researcher.body;
  auto age = CsvLine(researcher.body, "Leeftijd mama");
  ASSERT_EQ(age.size(), 7u) << researcher.body;
  for (size_t c : {2u, 3u, 5u, 6u}) EXPECT_EQ(age[c], "x") << "minimum/maximum column " << c;
  EXPECT_NE(age[1], "x");  // the mean over many mothers stays
  auto duration = CsvLine(researcher.body, "Duur afgeronde begeleidingen");
  ASSERT_EQ(duration.size(), 9u);
  for (size_t c : {2u, 3u, 6u, 7u}) EXPECT_EQ(duration[c], "x") << "duration column " << c;
  // The team lead, with small counts shown, sees the values: the test reads real cells.
  auto lead = CsvLine(Get(query + "&verbergen=0", lead_).body, "Leeftijd mama");
  ASSERT_EQ(lead.size(), 7u);
  for (size_t c : {2u, 3u, 5u, 6u}) EXPECT_NE(lead[c], "x");
}

TEST_P(ReportReleaseTest, MeansOfFewerThanFiveFamiliesAreHidden) {
  // Case-study means per indicator and track (T23-T25: M1, M2, n per track),
  // read by the lead with small counts shown and by a researcher.
  std::string query = "/rapporten/download?formaat=csv&tabellen=T23,T24,T25&van=2022-01-01&tot=2023-12-31";
  WebResponse researcher = Get(query, researcher_);
  ASSERT_EQ(researcher.status, 200) << researcher.body;
  std::istringstream lead_lines(Get(query + "&verbergen=0", lead_).body), researcher_lines(researcher.body);
  int small_groups = 0;
  for (std::string lead_line, researcher_line;
       std::getline(lead_lines, lead_line) && std::getline(researcher_lines, researcher_line);) {
    if (lead_line.rfind("\"Let op", 0) == 0) std::getline(lead_lines, lead_line);  // the warning line
    auto lead = Fields(lead_line), seen = Fields(researcher_line);
    if (lead.size() != 7 || seen.size() != 7) continue;
    for (size_t n : {3u, 6u}) {
      if (lead[n].empty() || !std::isdigit(static_cast<unsigned char>(lead[n][0]))) continue;
      int families = std::stoi(lead[n]);
      if (families < 1 || families >= 5 || lead[n - 2] == "/" || lead[n - 2] == "-") continue;
      ++small_groups;
      EXPECT_EQ(seen[n - 2], "x") << researcher_line;
      EXPECT_EQ(seen[n - 1], "x") << researcher_line;
    }
  }
  EXPECT_GE(small_groups, 1) << "the generated team has no mean over 1-4 families";
}

TEST_P(ReportReleaseTest, InterviewsOfFewerThanTheMinimumAreHidden) {
  // The generated team has 9 interviewed mothers: too few for a researcher.
  std::string query = "/rapporten/download?formaat=csv&tabellen=T26&van=2022-01-01&tot=2023-12-31";
  WebResponse researcher = Get(query, researcher_);
  ASSERT_EQ(researcher.status, 200) << researcher.body;
  std::istringstream in(researcher.body);
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    auto fields = Fields(line);
    if (fields.size() != 7 || fields[0].empty() || fields[1] == "Gemiddelde bij start") continue;
    if (fields[0] == "Noot") {  // the table's notes (issue 14): never the hidden count
      EXPECT_EQ(line.find("N = 9"), std::string::npos) << line;
      continue;
    }
    ++rows;
    for (size_t c = 1; c < fields.size(); ++c) EXPECT_EQ(fields[c], "x") << line;
  }
  EXPECT_GT(rows, 0) << researcher.body;
  // The HTML file carries the notes: the count of respondents goes too.
  std::string html = "/rapporten/download?formaat=html&tabellen=T26&van=2022-01-01&tot=2023-12-31";
  EXPECT_EQ(Get(html, researcher_).body.find("N = 9"), std::string::npos);
  EXPECT_NE(Get(html + "&verbergen=0", lead_).body.find("N = 9"), std::string::npos);
  auto releases = team::ListReleases(pool_->Writer());
  ASSERT_TRUE(releases.ok());
  for (const auto& row : *releases) EXPECT_EQ(report::DecodeRelease(row.populations)->sets.count("I"), 0u);
}

TEST_P(ReportReleaseTest, TeamLeadDownloadsHideSmallCountsUnlessTurnedOff) {
  const std::string warning = "niet buiten het team verspreiden";
  WebResponse hidden = Get("/rapporten/download?formaat=csv", lead_);
  ASSERT_EQ(hidden.status, 200);
  EXPECT_TRUE(HasHiddenCell(hidden.body)) << "no small count hidden by default";
  EXPECT_EQ(hidden.body.find(warning), std::string::npos);
  WebResponse shown = Get("/rapporten/download?formaat=csv&verbergen=0", lead_);
  ASSERT_EQ(shown.status, 200);
  EXPECT_FALSE(HasHiddenCell(shown.body));
  EXPECT_NE(shown.body.find(warning), std::string::npos) << "the file does not say it must stay in the team";
  EXPECT_NE(Get("/rapporten/download?formaat=html&verbergen=0", lead_).body.find(warning), std::string::npos);
  // The page: the box is ticked by default; sent unticked, the page warns and the links keep the choice.
  WebResponse page = Get("/rapporten?tabellen=T1", lead_);
  EXPECT_NE(page.body.find("name=\"verbergen\" value=\"1\" checked"), std::string::npos);
  EXPECT_NE(page.body.find("verbergen=1"), std::string::npos);
  WebResponse unticked = Get("/rapporten?tabellen=T1&gefilterd=1", lead_);
  EXPECT_EQ(unticked.body.find("name=\"verbergen\" value=\"1\" checked"), std::string::npos);
  EXPECT_NE(unticked.body.find(warning), std::string::npos);
  EXPECT_NE(unticked.body.find("verbergen=0"), std::string::npos);
  // A researcher cannot turn it off.
  WebResponse researcher = Get(
      "/rapporten/download?formaat=csv&verbergen=0&van=2022-01-01&tot=2023-12-31&tabellen=T10,T11,T12", researcher_);
  ASSERT_EQ(researcher.status, 200) << researcher.body;
  EXPECT_EQ(researcher.body.find(warning), std::string::npos);
}

TEST_P(ReportReleaseTest, DifferencingOverEveryPairOfWindowsNeverSinglesOutFewerThanK) {
  // The attack of the finding, systematically: every quarter window of every
  // track, and each one shifted by one day, all tables.
  // First the descriptive tables over P2 alone, then every table (P0-P5,
  // the closed dossiers and the respondents): every set of every report
  // joins one record, so a subtraction across tags is refused too.
  std::vector<Window> allowed;
  int refused_overlap = 0, refused_small = 0;
  for (const char* tables : {"&tabellen=T4,T5,T6,T7,T8,T9,T10,T11,T12,T13,T14,T15", ""})
    for (const Window& w : AllWindows()) {
      Window shifted = w;
      shifted.from = Date::Parse(w.from)->AddDays(1).ToString();
      EXPECT_EQ(Get("/rapporten?" + shifted.Query() + tables, researcher_).status, 422) << shifted.Query();
      WebResponse r = Get("/rapporten/download?formaat=csv&" + w.Query() + tables, researcher_);
      if (r.status == 200) {
        allowed.push_back(w);
      } else {
        ASSERT_EQ(r.status, 422) << w.Query();
        bool small = r.body.find("minder dan 20 dossiers") != std::string::npos;
        refused_small += small;
        refused_overlap += !small;
      }
    }
  // Not vacuous: reports were given, and some were refused for overlap.
  EXPECT_GE(allowed.size(), 3u);
  EXPECT_GE(refused_overlap, 1);
  // No two released windows differ by 1..K-1 dossiers (computed here, not by the app).
  for (size_t i = 0; i < allowed.size(); ++i)
    for (size_t j = i + 1; j < allowed.size(); ++j) {
      size_t diff = report::SymmetricDifference(P2(allowed[i]), P2(allowed[j]));
      EXPECT_TRUE(diff == 0 || diff >= static_cast<size_t>(kK))
          << allowed[i].Query() << " and " << allowed[j].Query() << " differ by " << diff;
    }
  // And over every released set of every table: no combination singles out fewer than K.
  auto rows = team::ListReleases(pool_->Writer());
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), allowed.size());
  std::vector<report::Release> released;
  for (const auto& row : *rows) released.push_back(*report::DecodeRelease(row.populations));
  std::set<std::string> tags;
  for (const auto& r : released)
    for (const auto& [tag, ids] : r.sets) tags.insert(tag);
  for (const std::string& tag : tags)
    for (size_t i = 0; i < released.size(); ++i)
      for (size_t j = i + 1; j < released.size(); ++j) {
        if (!released[i].sets.count(tag) || !released[j].sets.count(tag)) continue;
        size_t diff = report::SymmetricDifference(released[i].sets[tag], released[j].sets[tag]);
        EXPECT_TRUE(diff == 0 || diff >= static_cast<size_t>(kK)) << tag << " " << i << " " << j << ": " << diff;
      }
  if (!released.empty()) {
    std::vector<report::Release> before(released.begin(), released.end() - 1);
    EXPECT_GE(report::SmallestSingledOutGroup(before, released.back()), static_cast<size_t>(kK));
  }
  std::cout << "windows: " << AllWindows().size() << " allowed: " << allowed.size()
            << " refused (overlap): " << refused_overlap << " refused (minimum): " << refused_small << "\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportReleaseTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
