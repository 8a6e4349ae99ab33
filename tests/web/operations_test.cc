// The health page and the request log (issue 15): /gezondheid answers
// without data and without a session, 503 when the store does not answer;
// every request gives one JSON line with the route pattern, never the path
// with its dossier id, the query string or who asked.
#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "storage/sql.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class OperationsTest : public WebAppTest {
 protected:
  void SetUp() override {
    WebAppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AppOptions options;
    options.clock = [this] { return now_.load(); };
    options.request_log = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mutex_);
      lines_.push_back(line);
    };
    app_ = std::make_unique<App>(Codebook::Default(), pool_.get(),
                                 *security::Sealer::FromKeyFile(dir_.File("key"), false), options);
  }
  std::string Log() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (const std::string& line : lines_) out += line + "\n";
    return out;
  }
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

TEST_P(OperationsTest, HealthAnswersWithoutSessionAndWithoutData) {
  WebResponse r = Get("/gezondheid", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(Get("/gezondheid?x=1", "").status, 200);
}

// The 503 while PostgreSQL is down, and the 200 once it is back, are
// tested against a real stopped and restarted server (web_pg_reconnect).
// Here: connections cut under a running server (a failover, an admin's
// pg_terminate_backend) are renewed, and the health page answers again.
TEST_P(OperationsTest, HealthAnswersAgainAfterTheConnectionsWereCut) {
  if (GetParam() != "postgres") GTEST_SKIP() << "an SQLite file always answers while the process runs";
  ASSERT_EQ(Get("/gezondheid", "").status, 200);
  auto cut = storage::SqlAccess::Query(
      pool_->Writer(),
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
      "AND pid <> pg_backend_pid()");
  ASSERT_TRUE(cut.ok()) << cut.status().ToString();
  WebResponse r = Get("/gezondheid", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok\n");
}

TEST_P(OperationsTest, OneLinePerRequestWithThePatternNeverThePath) {
  std::string token = SignIn("mwa");
  ASSERT_FALSE(token.empty());
  size_t before = lines_.size();
  EXPECT_EQ(Get("/dossiers/D-mwa/moment/start?bewaard=1", token).status, 200);
  EXPECT_EQ(Get("/dossiers/D-mwb", token).status, 404);  // another caseload: as missing
  EXPECT_EQ(Get("/bestaat-niet/D-mwa", token).status, 404);
  EXPECT_EQ(Get("/dossiers?zoek=M-mwa", token).status, 303);  // one hit: straight to her dossier
  ASSERT_EQ(lines_.size(), before + 4);
  EXPECT_NE(lines_[before].find("\"method\":\"GET\",\"route\":\"/dossiers/{id}/moment/{moment}\",\"status\":200,"),
            std::string::npos)
      << lines_[before];
  EXPECT_NE(lines_[before + 1].find("\"route\":\"/dossiers/{id}\",\"status\":404"), std::string::npos);
  EXPECT_NE(lines_[before + 2].find("\"route\":null,\"status\":404"), std::string::npos);
  std::regex shape(R"(\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","method":"[A-Z]+","route":(null|"[^"]+"),)"
                   R"("status":\d{3},"ms":\d+\.\d\})");
  for (const std::string& line : lines_) EXPECT_TRUE(std::regex_match(line, shape)) << line;
  std::string log = Log();
  for (const char* secret : {"D-mwa", "D-mwb", "M-mwa", "mwa", "bewaard", "zoek", "?", kPassword})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in\n" << log;
}

TEST(RequestLogLineTest, IncidentNumberOnAFailureAndNothingUnescaped) {
  RequestRecord record{"POST", "/dossiers/{id}", 500, 12.34, "a1b2c3d4e5f6"};
  EXPECT_EQ(RequestLogLine(record, 1764000000123),
            "{\"time\":\"2025-11-24T16:00:00.123Z\",\"method\":\"POST\",\"route\":\"/dossiers/{id}\",\"status\":500,"
            "\"ms\":12.3,\"incident\":\"a1b2c3d4e5f6\"}");
  RequestRecord odd{"G\"E\nT", nullptr, 400, 0.04, ""};
  EXPECT_EQ(RequestLogLine(odd, 0),
            "{\"time\":\"1970-01-01T00:00:00.000Z\",\"method\":\"G?E?T\",\"route\":null,\"status\":400,\"ms\":0.0}");
}

INSTANTIATE_TEST_SUITE_P(Backends, OperationsTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
