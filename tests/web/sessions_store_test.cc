// Sessions in the store (issue 15): a restart signs no one out, a second
// server continues a session the first one started (CSRF included), the
// store holds only the token's hash, idle and absolute expiry are enforced
// by the store on every server, the touch writes at most once a minute,
// expired rows are purged, and a disabled account's sessions end at once.
// The same against real processes: two_servers_test.py.
#include <gtest/gtest.h>

#include <regex>

#include "storage/sessions.h"
#include "storage/sql.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class SessionsStoreTest : public WebAppTest {
 protected:
  // Another server on the same database: its own connections and App.
  std::unique_ptr<App> OtherServer() {
    auto opened = StorePool::Open(db_->url(), Codebook::Default(), 2);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    other_pools_.push_back(std::move(*opened));
    AppOptions options;
    options.clock = [this] { return now_.load(); };
    auto sealer = security::Sealer::FromKeyFile(dir_.File("key"), false);
    EXPECT_TRUE(sealer.ok());
    return std::make_unique<App>(Codebook::Default(), other_pools_.back().get(), *sealer, options);
  }
  // Runs `body` with `server` as the fixture's App (Get/Post go to it).
  template <typename Body>
  void On(std::unique_ptr<App>& server, Body body) {
    std::swap(app_, server);
    body();
    std::swap(app_, server);
  }
  std::vector<SqlRow> Rows(const std::string& sql, const SqlRow& params = {}) {
    auto rows = storage::SqlAccess::Query(pool_->Writer(), sql, params);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<SqlRow>{};
  }
  int64_t LastSeen(const std::string& token) {
    auto rows = Rows("SELECT last_seen FROM web_session WHERE token_hash = ?", {security::Sha256Hex(token)});
    return rows.empty() ? -1 : std::stoll(*rows[0][0]);
  }
  std::vector<std::unique_ptr<StorePool>> other_pools_;
};

TEST_P(SessionsStoreTest, RestartSignsNoOneOut) {
  std::string token = SignIn("mwa");
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(Get("/dossiers/D-mwa", token).status, 200);
  // The server goes away entirely (its App and every connection), and
  // a new one starts on the same database.
  app_.reset();
  pool_.reset();
  auto reopened = StorePool::Open(db_->url(), Codebook::Default(), 2);
  ASSERT_TRUE(reopened.ok());
  pool_ = std::move(*reopened);
  AppOptions options;
  options.clock = [this] { return now_.load(); };
  app_ = std::make_unique<App>(Codebook::Default(), pool_.get(),
                               *security::Sealer::FromKeyFile(dir_.File("key"), false), options);
  EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 200);
  // And a form of the old server's page (its CSRF token) is accepted by the new one.
  EXPECT_EQ(Post("/afmelden", token, {}).status, 303);
  EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 303);
}

TEST_P(SessionsStoreTest, SecondServerContinuesTheSessionWithItsCsrfToken) {
  std::string token = SignIn("mwa");
  ASSERT_FALSE(token.empty());
  std::string csrf = Csrf(token);
  ASSERT_FALSE(csrf.empty());
  auto other = OtherServer();
  On(other, [&] {
    EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 200);
    EXPECT_EQ(Csrf(token), csrf);                          // the same session, not a new one
    EXPECT_EQ(Get("/dossiers/D-mwb", token).status, 404);  // and the same person (another caseload: as missing)
    // A wrong CSRF token is still refused there.
    EXPECT_EQ(Post("/afmelden", token, {{"csrf", std::string(32, '0')}}, false).status, 403);
    WebResponse out = Post("/afmelden", token, {});
    EXPECT_EQ(out.status, 303);
  });
  // Signed out on the other server: gone here too.
  EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 303);
}

TEST_P(SessionsStoreTest, StoreKeepsOnlyTheHashOfTheToken) {
  std::string token = SignIn("mwa");
  ASSERT_FALSE(token.empty());
  auto rows = Rows("SELECT token_hash, username, csrf_token FROM web_session");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(*rows[0][0], security::Sha256Hex(token));
  EXPECT_EQ(*rows[0][1], "mwa");
  for (const auto& cell : rows[0]) EXPECT_EQ(cell->find(token), std::string::npos);
  // A cookie holding the stored hash itself is no key.
  EXPECT_EQ(Get("/dossiers/D-mwa", *rows[0][0]).status, 303);
  EXPECT_EQ(Get("/dossiers/D-mwa", security::Sha256Hex(token).substr(0, 32)).status, 303);
}

TEST_P(SessionsStoreTest, PendingSecondFactorSecretIsSealedInTheStore) {
  std::string token = SignIn("mwa");
  std::smatch m;
  std::string page = Get("/account", token).body;
  ASSERT_TRUE(std::regex_search(page, m, std::regex("class=\"secret\">([A-Z2-7]+)<")));
  std::string secret = m[1].str();
  auto rows = Rows("SELECT pending_totp FROM web_session WHERE token_hash = ?", {security::Sha256Hex(token)});
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_TRUE(rows[0][0].has_value());
  EXPECT_EQ(rows[0][0]->find(secret), std::string::npos);
  // Another server shows the same pending secret (the enrolment goes on there).
  auto other = OtherServer();
  On(other, [&] { EXPECT_NE(Get("/account", token).body.find(secret), std::string::npos); });
}

TEST_P(SessionsStoreTest, IdleExpiryIsEnforcedByTheStoreOnEveryServer) {
  std::string token = SignIn("mwa");
  auto other = OtherServer();
  // Active every 10 minutes, alternating servers: stays signed in past the 15-minute idle limit.
  for (int i = 0; i < 6; ++i) {
    now_ += 10 * 60;
    if (i % 2)
      On(other, [&] { ASSERT_EQ(Get("/dossiers/D-mwa", token).status, 200) << "step " << i; });
    else
      ASSERT_EQ(Get("/dossiers/D-mwa", token).status, 200) << "step " << i;
  }
  now_ += 15 * 60 + 1;
  On(other, [&] { EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 303); });
  EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 303);
}

TEST_P(SessionsStoreTest, AbsoluteExpiryEndsEvenAnActiveSession) {
  std::string token = SignIn("mwa");
  for (int step = 0; step < 12 * 6 - 1; ++step) {  // every 10 minutes for just under 12 hours
    now_ += 10 * 60;
    ASSERT_EQ(Get("/dossiers/D-mwa", token).status, 200) << "after " << (step + 1) * 10 << " minutes";
  }
  now_ += 10 * 60;
  EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 303);
}

TEST_P(SessionsStoreTest, TouchWritesAtMostOncePerMinute) {
  std::string token = SignIn("mwa");
  int64_t signed_in = LastSeen(token);
  ASSERT_EQ(signed_in, now_.load());
  for (int i = 0; i < 5; ++i) {
    now_ += 10;
    ASSERT_EQ(Get("/dossiers/D-mwa", token).status, 200);
  }
  EXPECT_EQ(LastSeen(token), signed_in);  // 50 seconds of requests: no write
  now_ += 10;
  ASSERT_EQ(Get("/dossiers/D-mwa", token).status, 200);
  EXPECT_EQ(LastSeen(token), now_.load());  // a minute after the last touch: one write
  // The keep-alive ping of long forms goes through the same touch.
  now_ += 61;
  auto touched = app_->sessions().Touch(token, now_.load());
  ASSERT_TRUE(touched.ok());
  EXPECT_TRUE(*touched);
  EXPECT_EQ(LastSeen(token), now_.load());
  auto unknown = app_->sessions().Touch(std::string(32, 'a'), now_.load());
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(*unknown);
}

TEST_P(SessionsStoreTest, ExpiredSessionsArePurged) {
  std::string old_token = SignIn("mwa");
  std::string other_token = SignIn("mwb");
  ASSERT_EQ(Rows("SELECT token_hash FROM web_session").size(), 2u);
  now_ += 13 * 3600;  // both long expired; the next sign-in purges
  std::string fresh = SignIn("mwc");
  ASSERT_FALSE(fresh.empty());
  auto rows = Rows("SELECT token_hash FROM web_session");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(*rows[0][0], security::Sha256Hex(fresh));
}

TEST_P(SessionsStoreTest, DisabledAccountLosesItsSessionsOnEveryServer) {
  std::string token = SignIn("mwa");
  auto other = OtherServer();
  On(other, [&] { ASSERT_EQ(Get("/dossiers/D-mwa", token).status, 200); });
  // Disabled behind the application's back (another server, an operator):
  // the session row is still there, but no server accepts it.
  Rows("UPDATE account SET active = 0 WHERE username = ?", {"mwa"});
  On(other, [&] { EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 303); });
  EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 303);
}

TEST_P(SessionsStoreTest, RoleIsReadFromTheAccountAtEveryRequest) {
  std::string token = SignIn("mwa");
  ASSERT_EQ(Get("/beheer/accounts", token).status, 403);
  Rows("UPDATE account SET role = 'onderzoeker' WHERE username = ?", {"mwa"});
  EXPECT_EQ(Get("/dossiers/D-mwa", token).status, 403);  // a researcher sees no dossiers
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionsStoreTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
