#include <gtest/gtest.h>

#include "exchange/exchange.h"
#include "support/test_support.h"

namespace opkomst {
namespace {

using testing::TempDir;
using testing::WriteFile;

class RecordingSink : public RecordSink {
 public:
  Status AddDossiers(const std::vector<Dossier>& d) override {
    dossiers.insert(dossiers.end(), d.begin(), d.end());
    return Status::Ok();
  }
  Status AddMeasurement(const std::string& id, const Measurement& m) override {
    measurements.emplace_back(id, m);
    return Status::Ok();
  }
  Status AddScore(const Score& s) override {
    scores.push_back(s);
    return Status::Ok();
  }
  Status AddInterview(const InterviewAnswer& a) override {
    interviews.push_back(a);
    return Status::Ok();
  }
  std::vector<Dossier> dossiers;
  std::vector<std::pair<std::string, Measurement>> measurements;
  std::vector<Score> scores;
  std::vector<InterviewAnswer> interviews;
};

const char kDossiers[] =
    "dossier_id,mother_id,track,start_date,end_date\n"
    "D1,M1,opkomst,2022-01-10,2022-09-01\n"
    "D2,M2,Opkomst+,2022-03-01,\n";

struct Folder {
  Folder(std::string d = kDossiers, std::string m = "", std::string s = "", std::string i = "")
      : dossiers(std::move(d)), measurements(std::move(m)), scores(std::move(s)), interviews(std::move(i)) {}
  std::string dossiers, measurements, scores, interviews;
};

struct Result {
  Findings findings;
  RecordingSink sink;
};

std::unique_ptr<Result> Read(const TempDir& dir, const Folder& folder, bool ignore_unknown = false,
                             const KnownDossiers& known = {}) {
  if (!folder.dossiers.empty()) WriteFile(dir.File("dossiers.csv"), folder.dossiers);
  if (!folder.measurements.empty()) WriteFile(dir.File("measurements.csv"), folder.measurements);
  if (!folder.scores.empty()) WriteFile(dir.File("scores.csv"), folder.scores);
  if (!folder.interviews.empty()) WriteFile(dir.File("interviews.csv"), folder.interviews);
  auto result = std::make_unique<Result>();
  ReadOptions options;
  options.ignore_unknown_columns = ignore_unknown;
  Status s = ReadExchangeFolder(dir.path(), Codebook::Default(), known, options, &result->sink, &result->findings);
  EXPECT_TRUE(s.ok()) << s.message();
  return result;
}

TEST(ExchangeReaderTest, ReadsAValidFolder) {
  TempDir dir;
  Folder folder;
  folder.measurements =
      "dossier_id,moment,measured_on,family_composition,children_in_household,housing,admin_child_benefit\n"
      "D1,start,2022-01-10,Alleenstaand,0,onbekend,nee\n"
      "D1,end,2022-09-01,koppel_beide,1,Sociale woning Lokaal toewijzingsreglement,ja\n";
  folder.scores = "dossier_id,moment,indicator,score\nD2,1,stress,2\nD2,2,stress,weet ik niet\n";
  folder.interviews =
      "respondent_id,dossier_id,track,indicator,score_start,score_end\n"
      "Mama 1,D2,opkomst_plus,quality_housing,1,3\nMama 1,,opkomst_plus,debt_free,,\n";
  auto r = Read(dir, folder);
  ASSERT_TRUE(r->findings.empty()) << r->findings.items()[0].Describe(Language::kEnglish);
  ASSERT_EQ(r->sink.dossiers.size(), 2u);
  EXPECT_EQ(r->sink.dossiers[1].track, *Codebook::Default().field("track").options.FindCode("opkomst_plus"));
  EXPECT_EQ(r->sink.dossiers[0].trajectory_number, 1);
  ASSERT_EQ(r->sink.measurements.size(), 2u);
  const Codebook& cb = Codebook::Default();
  const auto& end = r->sink.measurements[1].second;
  EXPECT_EQ(end.moment, Moment::kEnd);
  size_t housing = static_cast<size_t>(*cb.FindVariable("housing"));
  EXPECT_EQ(cb.variables()[housing].options->at(end.values[housing]).code, "sociale_woning");
  EXPECT_EQ(end.values[static_cast<size_t>(*cb.FindVariable("children_in_household"))], 1);
  EXPECT_EQ(end.values[static_cast<size_t>(*cb.FindVariable("income_mother"))], kMissing);
  EXPECT_EQ(r->sink.scores.size(), 2u);
  EXPECT_EQ(r->sink.interviews.size(), 2u);
  EXPECT_FALSE(r->sink.interviews[1].score_start.has_value());
}

struct BadCase {
  const char* name;
  Folder folder;
  const char* file;
  int line;
  const char* column;
  const char* value;
  const char* rule;
};

TEST(ExchangeReaderTest, EveryBrokenRuleIsNamedPrecisely) {
  const std::string mh = "dossier_id,moment,measured_on,housing,children_in_household\n";
  const BadCase cases[] = {
      {"unknown column",
       {std::string(kDossiers) + "", "dossier_id,moment,shoe_size\nD1,start,42\n", "", ""},
       "measurements.csv",
       1,
       "shoe_size",
       "",
       "header.unknown_column"},
      {"missing required column",
       {"dossier_id,track,start_date\nD1,opkomst,2022-01-01\n", "", "", ""},
       "dossiers.csv",
       1,
       "mother_id",
       "",
       "header.missing_column"},
      {"duplicate column",
       {"dossier_id,mother_id,track,start_date,track\nD1,M,opkomst,2022-01-01,opkomst\n"},
       "dossiers.csv",
       1,
       "track",
       "",
       "header.duplicate_column"},
      {"unknown code",
       {kDossiers, mh + "D1,start,,kasteel,\n"},
       "measurements.csv",
       2,
       "housing",
       "kasteel",
       "value.code"},
      {"bad date",
       {"dossier_id,mother_id,track,start_date\nD1,M1,opkomst,2023-02-30\n"},
       "dossiers.csv",
       2,
       "start_date",
       "2023-02-30",
       "value.date"},
      {"empty required",
       {"dossier_id,mother_id,track,start_date\nD1,,opkomst,2023-02-03\n"},
       "dossiers.csv",
       2,
       "mother_id",
       "",
       "value.required"},
      {"not a number",
       {kDossiers, mh + "D1,start,,,twee\n"},
       "measurements.csv",
       2,
       "children_in_household",
       "twee",
       "value.integer"},
      {"out of range",
       {kDossiers, mh + "D1,start,,,-1\n"},
       "measurements.csv",
       2,
       "children_in_household",
       "-1",
       "value.range"},
      {"duplicate id",
       {std::string(kDossiers) + "D1,M9,opkomst,2022-01-01,\n"},
       "dossiers.csv",
       4,
       "dossier_id",
       "D1",
       "dossier.duplicate_id"},
      {"measurement without dossier",
       {kDossiers, mh + "D9,start,,,\n"},
       "measurements.csv",
       2,
       "dossier_id",
       "D9",
       "dossier.unknown"},
      {"two rows for one moment",
       {kDossiers, mh + "D1,start,,,\nD1,start,,,\n"},
       "measurements.csv",
       3,
       "moment",
       "start",
       "measurement.duplicate"},
      {"unknown moment", {kDossiers, mh + "D1,midden,,,\n"}, "measurements.csv", 2, "moment", "midden", "value.moment"},
      {"end before start",
       {"dossier_id,mother_id,track,start_date,end_date\nD1,M1,opkomst,2022-05-01,2022-04-30\n"},
       "dossiers.csv",
       2,
       "end_date",
       "2022-04-30",
       "dossier.end_before_start"},
      {"birth moment before start",
       {kDossiers, mh + "D1,birth,2021-12-01,,\n"},
       "measurements.csv",
       2,
       "measured_on",
       "2021-12-01",
       "measurement.before_start"},
      {"start moment before start (one rule for every moment)",
       {kDossiers, mh + "D1,start,2021-12-01,,\n"},
       "measurements.csv",
       2,
       "measured_on",
       "2021-12-01",
       "measurement.before_start"},
      {"broken quoting",
       {kDossiers, mh + "D1,start,\"2022-01-10,,\n"},
       "measurements.csv",
       2,
       "",
       "",
       "csv.quote_unterminated"},
      {"wrong encoding",
       {"dossier_id,mother_id,track,start_date\nD1,Ren\xE9,opkomst,2022-01-01\n"},
       "dossiers.csv",
       2,
       "",
       "",
       "csv.encoding"},
      {"short row", {kDossiers, mh + "D1,start\n"}, "measurements.csv", 2, "", "2", "csv.field_count"},
      {"bad score",
       {kDossiers, "", "dossier_id,moment,indicator,score\nD1,1,stress,7\n"},
       "scores.csv",
       2,
       "score",
       "7",
       "value.score"},
      {"unknown indicator",
       {kDossiers, "", "dossier_id,moment,indicator,score\nD1,1,geluk,3\n"},
       "scores.csv",
       2,
       "indicator",
       "geluk",
       "value.indicator"},
      {"score moment zero",
       {kDossiers, "", "dossier_id,moment,indicator,score\nD1,0,stress,3\n"},
       "scores.csv",
       2,
       "moment",
       "0",
       "value.measurement_number"},
      {"duplicate score",
       {kDossiers, "", "dossier_id,moment,indicator,score\nD1,1,stress,3\nD1,1,stress,4\n"},
       "scores.csv",
       3,
       "indicator",
       "stress",
       "score.duplicate"},
      {"interview score 5",
       {kDossiers, "", "", "respondent_id,track,indicator,score_start\nMama 1,opkomst,debt_free,5\n"},
       "interviews.csv",
       2,
       "score_start",
       "5",
       "value.score"},
      {"interview track differs",
       {kDossiers, "", "", "respondent_id,dossier_id,track,indicator\nMama 1,D1,opkomst_plus,debt_free\n"},
       "interviews.csv",
       2,
       "track",
       "opkomst_plus",
       "dossier.track_mismatch"},
      {"no dossiers file", {"", mh + "D1,start,,,\n"}, "dossiers.csv", 0, "", "", "file.missing"},
      {"empty header line", {kDossiers, "\n"}, "measurements.csv", 1, "", "", "csv.empty_file"},
      {"id too long",
       {"dossier_id,mother_id,track,start_date\n" + std::string(65, 'x') + ",M,opkomst,2022-01-01\n"},
       "dossiers.csv",
       2,
       "dossier_id",
       "",
       "value.too_long"},
  };
  for (const BadCase& c : cases) {
    TempDir dir;
    auto r = Read(dir, c.folder);
    ASSERT_FALSE(r->findings.empty()) << c.name;
    const Finding& f = r->findings.items()[0];
    EXPECT_EQ(f.rule, c.rule) << c.name << ": " << f.Describe(Language::kEnglish);
    EXPECT_EQ(f.file, c.file) << c.name;
    if (c.line > 0 || std::string(c.rule) == "file.missing") {
      EXPECT_EQ(f.line, c.line) << c.name;
    }
    EXPECT_EQ(f.column, c.column) << c.name;
    if (*c.value != '\0') {
      EXPECT_EQ(f.value, c.value) << c.name;
    }
    // A broken dossiers.csv sends no dossier on (they go as one batch).
    // Rows before a later error may reach the sink; the import's
    // transaction is what discards them (tests/app/transfer_test.cc).
    if (std::string(c.file) == "dossiers.csv") {
      EXPECT_TRUE(r->sink.dossiers.empty()) << c.name;
    }
  }
}

TEST(ExchangeReaderTest, ListsEveryErrorNotJustTheFirst) {
  TempDir dir;
  Folder folder;
  folder.dossiers =
      "dossier_id,mother_id,track,start_date\nD1,M1,opkomst,2022-13-01\nD2,M2,kasteel,2022-01-01\nD3,M3,opkomst,\n";
  folder.measurements = "dossier_id,moment,housing\nD9,start,x\nD1,end,nope\n";
  auto r = Read(dir, folder);
  std::vector<std::string> rules;
  for (const Finding& f : r->findings.items()) rules.push_back(f.file + ":" + std::to_string(f.line) + ":" + f.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"dossiers.csv:2:value.date", "dossiers.csv:3:value.code",
                                             "dossiers.csv:4:value.required", "measurements.csv:2:dossier.unknown",
                                             "measurements.csv:2:value.code", "measurements.csv:3:value.code"}));
}

TEST(ExchangeReaderTest, UnknownColumnsCanBeIgnoredOnRequest) {
  TempDir dir;
  Folder folder;
  folder.dossiers = "dossier_id,mother_id,track,start_date,opmerking\nD1,M1,opkomst,2022-01-01,vrij tekstveld\n";
  auto r = Read(dir, folder, /*ignore_unknown=*/true);
  EXPECT_TRUE(r->findings.empty());
  EXPECT_EQ(r->sink.dossiers.size(), 1u);
}

// A spreadsheet with the codebook's derived flags next to the data: they are
// recomputed, not read, and the import says so without refusing the file.
TEST(ExchangeReaderTest, DerivedColumnsAreNotedNotRefused) {
  TempDir dir;
  WriteFile(dir.File("dossiers.csv"),
            "dossier_id,mother_id,track,start_date,IN_P3,start_year\nD1,M1,opkomst,2022-01-01,1,2022\n");
  WriteFile(dir.File("measurements.csv"), "dossier_id,moment,housing,housing_quality\nD1,start,dakloos,slecht\n");
  std::vector<std::string> noted;
  ReadOptions options;
  options.notice = [&](const Finding& f) { noted.push_back(f.file + ":" + f.column + ":" + f.rule); };
  Findings findings;
  RecordingSink sink;
  ASSERT_TRUE(ReadExchangeFolder(dir.path(), Codebook::Default(), {}, options, &sink, &findings).ok());
  EXPECT_TRUE(findings.empty()) << findings.items()[0].Describe(Language::kEnglish);
  EXPECT_EQ(noted, (std::vector<std::string>{"dossiers.csv:IN_P3:header.derived_column",
                                             "dossiers.csv:start_year:header.derived_column",
                                             "measurements.csv:housing_quality:header.derived_column"}));
  ASSERT_EQ(sink.dossiers.size(), 1u);
  ASSERT_EQ(sink.measurements.size(), 1u);
  // A column that is neither data nor derived is still refused.
  TempDir other;
  WriteFile(other.File("dossiers.csv"), "dossier_id,mother_id,track,start_date,in_p9\nD1,M1,opkomst,2022-01-01,1\n");
  Findings refused;
  ASSERT_TRUE(ReadExchangeFolder(other.path(), Codebook::Default(), {}, options, &sink, &refused).ok());
  ASSERT_EQ(refused.count(), 1u);
  EXPECT_EQ(refused.items()[0].rule, "header.unknown_column");
}

TEST(ExchangeReaderTest, RefusesIdsAlreadyInTheDatabase) {
  TempDir dir;
  KnownDossiers known = {{"D1", {"M1", 1, 0, *Date::Parse("2021-01-01")}}};
  auto r = Read(dir, Folder(), false, known);
  ASSERT_EQ(r->findings.count(), 1u);
  EXPECT_EQ(r->findings.items()[0].rule, "dossier.exists");
}

TEST(ExchangeReaderTest, AcceptsMeasurementsForStoredDossiers) {
  TempDir dir;
  KnownDossiers known = {{"OLD", {"M0", 1, 0, *Date::Parse("2021-01-01")}}};
  Folder folder;
  folder.measurements = "dossier_id,moment\nOLD,end\n";
  auto r = Read(dir, folder, false, known);
  EXPECT_TRUE(r->findings.empty());
  EXPECT_EQ(r->sink.measurements.size(), 1u);
}

}  // namespace
}  // namespace opkomst
