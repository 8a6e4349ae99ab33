// Migration 0014 (issue 14): scores and interview answers move from a row
// each into one sheet per measurement and per respondent, without loss, on
// both backends. A database is rewound to the old layout with a generated
// team's scores in it (and the rows an older web application wrote: mixed
// indicator-set versions and dates within one measurement, an indicator
// the codebook does not know); reopening it migrates, and the export, the
// web's view of the scores and the counts are what they were.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/transfer.h"
#include "storage/rows.h"
#include "storage/store.h"
#include "storage/team.h"
#include "support/test_support.h"
#include "synthetic/generator.h"

namespace opkomst {
namespace {

using testing::TempDir;
using testing::TestDatabase;

void RawSql(const std::string& url, const std::string& sql) {
  if (url.rfind("sqlite:", 0) == 0) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url.substr(7).c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  } else {
    PGconn* conn = PQconnectdb(url.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* result = PQexec(conn, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    std::string message = PQerrorMessage(conn);
    PQclear(result);
    PQfinish(conn);
    ASSERT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << message;
  }
}

std::string Quoted(const std::optional<std::string>& s) { return s ? "'" + *s + "'" : "NULL"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Keeps the generated scores and answers; passes everything on to `next`.
class Tee : public RecordSink {
 public:
  explicit Tee(RecordSink* next) : next_(next) {}
  Status AddDossiers(const std::vector<Dossier>& batch) override { return next_->AddDossiers(batch); }
  Status AddMeasurement(const std::string& id, const Measurement& m) override { return next_->AddMeasurement(id, m); }
  Status AddScore(const Score& s) override {
    scores.push_back(s);
    return Status::Ok();
  }
  Status AddInterview(const InterviewAnswer& a) override {
    interviews.push_back(a);
    return Status::Ok();
  }
  std::vector<Score> scores;
  std::vector<InterviewAnswer> interviews;

 private:
  RecordSink* next_;
};

// The old tables (migrations 0001 and 0013) as an older opkomst had them,
// and the schema version from before 0014. What later migrations created
// (0019's kept_form, 0020's contact index) goes too, so that reopening runs
// them again.
std::string OldLayout(const std::string& dialect) {
  const bool pg = dialect == "postgres";
  const std::string c = pg ? " COLLATE \"C\"" : "";
  int version = 0;
  for (const Migration& m : Migrations(dialect))
    if (m.file == "0014_score_sheets.sql") version = m.version;
  return "DROP TABLE score_sheet; DROP TABLE interview_sheet; DROP TABLE score_slot; DROP TABLE kept_form; DROP INDEX "
         "contact_by_dossier_kind;"
         "CREATE TABLE score (dossier_id TEXT" +
         c + " NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE, moment INTEGER NOT NULL, measured_on " +
         (pg ? "DATE" : "TEXT") + ", indicator TEXT" + c +
         " NOT NULL, score TEXT NOT NULL, set_version INTEGER NOT NULL DEFAULT 1, "
         "PRIMARY KEY (dossier_id, moment, indicator));"
         "CREATE TABLE interview (respondent_id TEXT" +
         c + " NOT NULL, dossier_id TEXT" + c +
         " REFERENCES dossier (dossier_id) ON DELETE SET NULL, track TEXT NOT NULL, indicator TEXT" + c +
         " NOT NULL, score_start INTEGER, score_end INTEGER, PRIMARY KEY (respondent_id, indicator));"
         "DELETE FROM schema_migrations WHERE version >= " +
         std::to_string(version) + ";";
}

class ScoreSheetMigrationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScoreSheetMigrationTest, OldRowsMoveIntoSheetsWithoutLoss) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  const std::string dialect = GetParam() == "sqlite" ? "sqlite" : "postgres";
  const Codebook& cb = Codebook::Default();
  const IndicatorSet& set = cb.indicator_set("casestudy");
  const IndicatorSet& interview_set = cb.indicator_set("interview");
  const auto& tracks = cb.field("track").options;

  // A generated team: dossiers and measurements through the import, the
  // scores and answers kept aside for the old tables.
  GeneratorOptions options;
  options.dossiers = 40;
  options.seed = 1414;
  options.every_moment = true;
  options.score_every_family = true;
  options.interviewed_share = 0.5;
  std::vector<Score> generated;
  std::vector<InterviewAnswer> interviewed;
  {
    auto store = Store::Open(db.url(), cb);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto import = (*store)->BeginImport();
    ASSERT_TRUE(import.ok());
    Tee tee(import->get());
    ASSERT_TRUE(GenerateTeam(cb, options, &tee).ok());
    ASSERT_TRUE((*import)->Commit().ok());
    generated = std::move(tee.scores);
    interviewed = std::move(tee.interviews);
  }
  ASSERT_GT(generated.size(), 1000u);
  ASSERT_GT(interviewed.size(), 20u);

  // The old layout, filled as the old store wrote it, and "export before":
  // the old scan order (dossier, moment, indicator name; respondent,
  // indicator name) through the exchange writer.
  std::string sql = OldLayout(dialect);
  for (const Score& s : generated)
    sql += "INSERT INTO score (dossier_id, moment, measured_on, indicator, score) VALUES ('" + s.dossier_id + "', " +
           std::to_string(s.moment) + ", " +
           Quoted(s.measured_on ? std::optional(s.measured_on->ToString()) : std::nullopt) + ", '" +
           set.indicators[static_cast<size_t>(s.indicator)].name + "', '" + set.ScoreText(s.score) + "');";
  for (const InterviewAnswer& a : interviewed)
    sql += "INSERT INTO interview VALUES ('" + a.respondent_id + "', " +
           Quoted(a.dossier_id.empty() ? std::nullopt : std::optional(a.dossier_id)) + ", '" + tracks.at(a.track).code +
           "', '" + interview_set.indicators[static_cast<size_t>(a.indicator)].name + "', " +
           (a.score_start ? std::to_string(*a.score_start) : "NULL") + ", " +
           (a.score_end ? std::to_string(*a.score_end) : "NULL") + ");";
  // What an older web application wrote: another dossier's measurement 4
  // scored with set versions 1 and 2 on two dates, and an indicator a team
  // lead added (not in the codebook), so its scores are web-only.
  const std::string web = generated.front().dossier_id;
  sql += "INSERT INTO score VALUES ('" + web + "', 4, '2024-03-01', '" + set.indicators[0].name + "', 'nvt', 1);";
  sql += "INSERT INTO score VALUES ('" + web + "', 4, '2024-03-02', '" + set.indicators[1].name + "', '5', 2);";
  RawSql(db.url(), sql);

  std::vector<Score> scores = generated;
  std::sort(scores.begin(), scores.end(), [&](const Score& a, const Score& b) {
    auto key = [&](const Score& s) {
      return std::tuple(s.dossier_id, s.moment, set.indicators[static_cast<size_t>(s.indicator)].name);
    };
    return key(a) < key(b);
  });
  std::vector<InterviewAnswer> answers = interviewed;
  std::sort(answers.begin(), answers.end(), [&](const InterviewAnswer& a, const InterviewAnswer& b) {
    return std::tuple(a.respondent_id, interview_set.indicators[static_cast<size_t>(a.indicator)].name) <
           std::tuple(b.respondent_id, interview_set.indicators[static_cast<size_t>(b.indicator)].name);
  });

  // Reopening migrates.
  auto store = Store::Open(db.url(), cb);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), static_cast<int>(Migrations(dialect).size()));
  std::vector<Score> scanned;
  ASSERT_TRUE((*store)
                  ->ScanScores([&](const Score& s) {
                    if (s.moment != 4) scanned.push_back(s);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(scanned, scores);
  std::vector<InterviewAnswer> scanned_answers;
  ASSERT_TRUE((*store)
                  ->ScanInterviews([&](const InterviewAnswer& a) {
                    scanned_answers.push_back(a);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(scanned_answers, answers);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->scores, static_cast<int64_t>(scores.size()) + 2);
  EXPECT_EQ(counts->interviews, static_cast<int64_t>(answers.size()));

  // The web's view keeps each score's version and date.
  auto stored = team::GetScores(**store, web);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  std::vector<team::StoredScore> fourth;
  for (const team::StoredScore& s : *stored)
    if (s.moment == 4) fourth.push_back(s);
  ASSERT_EQ(fourth.size(), 2u);
  // By indicator name: housing_affordability (set 1 here) before residence.
  ASSERT_EQ(fourth[0].indicator, set.indicators[1].name);
  EXPECT_EQ(fourth[0].score, "5");
  EXPECT_EQ(fourth[0].set_version, 2);
  EXPECT_EQ(fourth[0].measured_on, "2024-03-02");
  EXPECT_EQ(fourth[1].indicator, set.indicators[0].name);
  EXPECT_EQ(fourth[1].score, "nvt");
  EXPECT_EQ(fourth[1].set_version, 1);
  EXPECT_EQ(fourth[1].measured_on, "2024-03-01");

  // The export after equals the one the old rows give.
  TempDir before, after;
  {
    ExchangeWriter writer(cb, before.path());
    ASSERT_TRUE(writer.Begin().ok());
    for (const Score& s : scores) writer.WriteScore(s);
    for (const InterviewAnswer& a : answers) writer.WriteInterview(a);
    ASSERT_TRUE(writer.Finish().ok());
  }
  ASSERT_TRUE(
      team::PutScores(**store, web, (*store)->GetDossier(web)->version, 4, "", {}).ok());  // export: no moment 4
  ASSERT_TRUE(ExportFolder(store->get(), cb, after.path()).ok());
  EXPECT_EQ(ReadFile(after.File("scores.csv")), ReadFile(before.File("scores.csv")));
  EXPECT_EQ(ReadFile(after.File("interviews.csv")), ReadFile(before.File("interviews.csv")));
}

TEST_P(ScoreSheetMigrationTest, AnOldScoreTheSheetsCannotHoldStopsTheMigrationAndKeepsTheRows) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  const std::string dialect = GetParam() == "sqlite" ? "sqlite" : "postgres";
  {
    auto store = Store::Open(db.url(), Codebook::Default());
    ASSERT_TRUE(store.ok());
    Dossier d;
    d.dossier_id = "D-1";
    d.mother_id = "m1";
    d.track = 0;
    d.start_date = *Date::Parse("2023-01-01");
    ASSERT_TRUE((*store)->CreateDossier(&d).ok());
  }
  RawSql(db.url(), OldLayout(dialect) +
                       "INSERT INTO score VALUES ('D-1', 1, NULL, 'income', 'zeven', 1);"
                       "INSERT INTO score VALUES ('D-1', 1, NULL, 'residence', '3', 1);");
  auto store = Store::Open(db.url(), Codebook::Default());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("zeven"), std::string::npos) << store.status().ToString();
  // Nothing was moved or dropped: with the score mended by hand, both rows arrive.
  RawSql(db.url(), "UPDATE score SET score = '2' WHERE score = 'zeven'");
  auto mended = Store::Open(db.url(), Codebook::Default());
  ASSERT_TRUE(mended.ok()) << mended.status().ToString();
  auto counts = (*mended)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->scores, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScoreSheetMigrationTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst
