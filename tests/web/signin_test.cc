// Attacks on sign-in, the second factor and account creation (issue 9,
// findings 1, 2, 7, 8 and 9, and the CSRF, back-button items). The real
// process test of the parallel lockout is signin_burst_test.py.
#include "storage/signin.h"

#include <gtest/gtest.h>

#include <regex>
#include <thread>
#include <vector>

#include "web/throttle.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class SignInTest : public WebAppTest {
 protected:
  // These tests sign in more often than the per-address brake allows; the
  // brake has a test of its own on a server with the default limit.
  void SetUp() override {
    WebAppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AppOptions options;
    options.clock = [this] { return now_.load(); };
    options.sign_in_per_minute = 0;
    options.password_work_slots = 64;  // every guess of a burst reaches the store's counting
    app_ = std::make_unique<App>(Codebook::Default(), pool_.get(), Sealer(), options);
  }
  // A second server on the same database: its own connections, sessions and throttle.
  std::unique_ptr<App> SecondServer(std::unique_ptr<StorePool>* pool, int sign_in_per_minute = 10) {
    auto opened = StorePool::Open(db_->url(), Codebook::Default(), 2);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    *pool = std::move(*opened);
    AppOptions options;
    options.clock = [this] { return now_.load(); };
    options.sign_in_per_minute = sign_in_per_minute;
    options.password_work_slots = 64;
    return std::make_unique<App>(Codebook::Default(), pool->get(), Sealer(), options);
  }
  security::Sealer Sealer() { return *security::Sealer::FromKeyFile(dir_.File("key"), false); }

  static std::string Header(const WebResponse& r, const std::string& name) {
    for (const auto& [h, v] : r.headers)
      if (h == name) return v;
    return "";
  }
  // The pre-session form post (sign-in, activation), as a browser sends it.
  WebResponse PostOpen(App& app, const std::string& path, std::map<std::string, std::string> form,
                       const std::string& address = "", const std::string& session = "") {
    WebRequest r;
    r.method = "POST";
    r.path = path;
    r.remote_address = address;
    r.cookies["opkomst_csrf"] = "0123456789abcdef0123456789abcdef";
    if (!session.empty()) r.cookies[SessionCookieName(true)] = session;
    r.form = std::move(form);
    r.form["csrf"] = "0123456789abcdef0123456789abcdef";
    return app.Handle(r);
  }
  static std::string Secret(const std::string& body) {
    std::smatch m;
    std::regex re("class=\"secret\">([A-Z2-7]+|[0-9a-f]{32})<");
    return std::regex_search(body, m, re) ? m[1].str() : "";
  }
  int AuditCount(const std::string& account, const std::string& action, const std::string& outcome) {
    std::vector<team::AuditRow> rows;
    EXPECT_TRUE(team::ScanAudit(pool_->Auditor(), "", 0, 100000, &rows).ok());
    int n = 0;
    for (const auto& row : rows) n += row.account == account && row.action == action && row.outcome == outcome;
    return n;
  }
};

TEST(SafeReturnTest, OnlyPlainLocalPaths) {
  EXPECT_EQ(SafeReturn("/dossiers/D-2025-001"), "/dossiers/D-2025-001");
  EXPECT_EQ(SafeReturn("/rapporten?tabellen=T1&x=2"), "/rapporten?tabellen=T1&x=2");
  for (std::string bad :
       {std::string("/x\r\nSet-Cookie: a=b"), std::string("/x\nLocation: //evil"), std::string("/x\0y", 4),
        std::string("/x\x7f"), std::string("/x\t"), std::string("//evil.example"), std::string("/\\evil.example"),
        std::string("/%0d%0aSet-Cookie:a"), std::string("/%2F%2Fevil"), std::string("https://evil.example/"),
        std::string("/aanmelden/code"), std::string("/caf\xc3\xa9"), std::string(""), std::string("/")})
    EXPECT_EQ(SafeReturn(bad), "/") << bad;
}

TEST_P(SignInTest, ACrLfInTheReturnTargetNeverReachesAHeader) {
  const std::string injected = "/caseload\r\nSet-Cookie: __Host-opkomst=planted";
  // The query copied into the form's hidden field.
  WebRequest get;
  get.method = "GET";
  get.path = "/aanmelden";
  get.query["terug"] = injected;
  WebResponse page = app_->Handle(get);
  EXPECT_EQ(page.body.find("planted"), std::string::npos);
  EXPECT_NE(page.body.find("name=\"terug\" value=\"/\""), std::string::npos);
  // The form field itself, for a worker and for the code step of an administrator.
  for (const char* user : {"mwa", "beheerder"}) {
    WebResponse r =
        PostOpen(*app_, "/aanmelden", {{"gebruikersnaam", user}, {"wachtwoord", kPassword}, {"terug", injected}});
    EXPECT_EQ(r.status, 303) << user;
    for (const auto& [name, value] : r.headers) {
      EXPECT_EQ(value.find_first_of("\r\n"), std::string::npos) << name;
      EXPECT_EQ(value.find("planted"), std::string::npos) << name << ": " << value;
    }
    EXPECT_TRUE(Header(r, "Location") == "/" || Header(r, "Location") == "/aanmelden/code?terug=%2F") << user;
  }
}

// Parallel wrong passwords from two "servers" (two connection pools on one
// database): at most five are checked, whatever the timing, and the right
// password in the same burst does not get in.
TEST_P(SignInTest, AParallelBurstGetsAtMostFiveGuessesChecked) {
  std::unique_ptr<StorePool> second;
  auto other = SecondServer(&second);
  std::atomic<bool> go{false};
  std::atomic<int> checked{0}, signed_in{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      Store& store = i % 2 ? pool_->Writer() : second->Writer();
      bool right = i == 49;
      SignInResult r = CheckPassword({store, Codebook::Default()}, "mwb",
                                     right ? kPassword : "wrong guess " + std::to_string(i), now_);
      checked += r.checked && !right;
      signed_in += r.outcome != SignInOutcome::kRefused;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_LE(checked.load(), 5);
  EXPECT_GE(checked.load(), 1);
  EXPECT_EQ(signed_in.load(), 0) << "the right password in a burst of 49 wrong ones";
  auto account = team::FindAccount(pool_->Reader(), "mwb");
  ASSERT_TRUE(account.ok() && *account);
  EXPECT_TRUE((*account)->locked_until && *(*account)->locked_until > now_) << "locked";
  EXPECT_EQ(SignIn("mwb"), "") << "a correct password during the lock is refused";
  now_ += kLockSeconds + 1;
  EXPECT_NE(SignIn("mwb"), "") << "open again after the lock";
}

TEST_P(SignInTest, ASuccessCannotRacePastALockOrABurst) {
  // Four failures and a fifth attempt under way: a burst claims past the
  // limit before the fifth is recorded as a success.
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(CheckPassword(Services(), "mwa", "wrong", now_).checked);
  auto claim = team::ClaimAttempt(pool_->Writer(), "mwa", now_, kFailureWindowSeconds);
  ASSERT_TRUE(claim.ok());
  EXPECT_EQ(claim->attempt, 5);
  EXPECT_EQ(team::ClaimAttempt(pool_->Writer(), "mwa", now_, kFailureWindowSeconds)->attempt, 6);
  EXPECT_FALSE(*team::RecordSuccess(pool_->Writer(), "mwa", now_, kMaxFailures)) << "beyond the limit";
  // One more attempt beyond the limit locks the account, unchecked and audited.
  EXPECT_FALSE(CheckPassword(Services(), "mwa", kPassword, now_).checked);
  EXPECT_EQ(AuditCount("mwa", "account.vergrendeld", "ok"), 1);
  EXPECT_TRUE(team::ClaimAttempt(pool_->Writer(), "mwa", now_, kFailureWindowSeconds)->locked);
  EXPECT_FALSE(*team::RecordSuccess(pool_->Writer(), "mwa", now_, kMaxFailures)) << "locked";
}

TEST_P(SignInTest, ATotpCodeWorksOnceAlsoOnASecondServer) {
  auto code = *security::TotpCode(admin_secret_, now_);
  WebResponse first = PostPassword("beheerder", kPassword);
  std::string pending = CookieValue(first, SessionCookieName(true));
  WebResponse ok = Post("/aanmelden/code", pending, {{"code", code}});
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(Header(ok, "Location"), "/");
  // The same code again, within its window: on this server and on another.
  pending = CookieValue(PostPassword("beheerder", kPassword), SessionCookieName(true));
  EXPECT_EQ(Post("/aanmelden/code", pending, {{"code", code}}).status, 401);
  std::unique_ptr<StorePool> second;
  auto other = SecondServer(&second);
  WebResponse there = PostOpen(*other, "/aanmelden", {{"gebruikersnaam", "beheerder"}, {"wachtwoord", kPassword}});
  std::string token = CookieValue(there, SessionCookieName(true));
  ASSERT_FALSE(token.empty());
  WebRequest r;
  r.method = "POST";
  r.path = "/aanmelden/code";
  r.cookies[SessionCookieName(true)] = token;
  r.cookies["opkomst_csrf"] = "0123456789abcdef0123456789abcdef";
  r.form = {{"csrf", "0123456789abcdef0123456789abcdef"}, {"code", code}};
  EXPECT_EQ(other->Handle(r).status, 401) << "replayed on a second server";
  // The replays count as failures; the next time step's code works.
  now_ += 30;
  EXPECT_NE(SignIn("beheerder"), "");
  EXPECT_FALSE(*team::UseTotpStep(pool_->Writer(), "beheerder", now_ / 30)) << "that step is spent too";
}

// Someone who knows the administrator's password must not get fresh code
// guesses by signing in again: the correct password does not clear the window.
TEST_P(SignInTest, KnowingThePasswordGivesAtMostFiveCodeGuesses) {
  for (int round = 0; round < 5; ++round) {
    std::string pending = CookieValue(PostPassword("beheerder", kPassword), SessionCookieName(true));
    ASSERT_FALSE(pending.empty()) << "round " << round;
    EXPECT_EQ(Post("/aanmelden/code", pending, {{"code", "000000"}}).status, 401);
  }
  EXPECT_EQ(CookieValue(PostPassword("beheerder", kPassword), SessionCookieName(true)), "") << "locked";
  now_ += kLockSeconds + 1;
  // Four typos, then the right password and code: in, and the window starts afresh.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(SignIn("beheerder", "typo " + std::to_string(i)), "");
  EXPECT_NE(SignIn("beheerder"), "");
  EXPECT_EQ((*team::FindAccount(pool_->Reader(), "beheerder"))->failed_attempts, 0);
}

TEST_P(SignInTest, TheSecondFactorIsMadeOnTheServerAndNeedsThePassword) {
  std::string token = SignIn("mwa");
  // A secret chosen by the browser does nothing, even with its valid code.
  const std::string chosen(32, 'A');
  WebResponse forged = Post("/account/tweede-factor", token,
                            {{"geheim", chosen}, {"code", *security::TotpCode(chosen, now_)}, {"huidig", kPassword}});
  EXPECT_EQ(forged.status, 422);
  EXPECT_TRUE((*team::FindAccount(pool_->Reader(), "mwa"))->totp_secret.empty());
  // The server's secret, without the password: refused.
  std::string secret = Secret(Get("/account", token).body);
  ASSERT_EQ(secret.size(), 32u);
  EXPECT_EQ(Post("/account/tweede-factor", token, {{"code", *security::TotpCode(secret, now_)}}).status, 422);
  EXPECT_TRUE((*team::FindAccount(pool_->Reader(), "mwa"))->totp_secret.empty());
  // With the password and a code: on.
  EXPECT_EQ(Secret(Get("/account", token).body), secret) << "the same pending secret";
  WebResponse on =
      Post("/account/tweede-factor", token, {{"code", *security::TotpCode(secret, now_)}, {"huidig", kPassword}});
  EXPECT_EQ(on.status, 200);
  auto sealed = (*team::FindAccount(pool_->Reader(), "mwa"))->totp_secret;
  ASSERT_FALSE(sealed.empty());
  EXPECT_EQ(*Sealer().Open(sealed), secret);
  WebResponse next = PostPassword("mwa", kPassword);
  EXPECT_EQ(Header(next, "Location").rfind("/aanmelden/code", 0), 0u) << "sign-in now asks for the code";
}

TEST_P(SignInTest, AnExistingSecondFactorIsReplacedOnlyWithTheOldCode) {
  std::string token = SignIn("beheerder");
  std::string before = (*team::FindAccount(pool_->Reader(), "beheerder"))->totp_secret;
  std::string fresh = Secret(Get("/account", token).body);
  ASSERT_EQ(fresh.size(), 32u);
  now_ += 30;  // the sign-in spent the current step
  std::map<std::string, std::string> form{{"code", *security::TotpCode(fresh, now_)}, {"huidig", kPassword}};
  EXPECT_EQ(Post("/account/tweede-factor", token, form).status, 422) << "no old code";
  form["oude_code"] = "123456";
  EXPECT_EQ(Post("/account/tweede-factor", token, form).status, 422) << "wrong old code";
  EXPECT_EQ((*team::FindAccount(pool_->Reader(), "beheerder"))->totp_secret, before);
  form["oude_code"] = *security::TotpCode(admin_secret_, now_);
  EXPECT_EQ(Post("/account/tweede-factor", token, form).status, 200);
  EXPECT_EQ(*Sealer().Open((*team::FindAccount(pool_->Reader(), "beheerder"))->totp_secret), fresh);
}

TEST_P(SignInTest, TheCsrfTokenChangesWithThePassword) {
  std::string token = SignIn("mwa");
  std::string old_csrf = Csrf(token);
  WebResponse changed =
      Post("/account/wachtwoord", token, {{"huidig", kPassword}, {"nieuw", "een heel nieuw wachtwoord"}});
  ASSERT_EQ(changed.status, 200);
  std::string renewed = CookieValue(changed, SessionCookieName(true));
  ASSERT_FALSE(renewed.empty());
  std::string new_csrf = Csrf(renewed);
  EXPECT_NE(new_csrf, old_csrf);
  std::map<std::string, std::string> contact{
      {"contact_date", "2025-02-01"}, {"kind", "telefoon"}, {"note", "x"}, {"csrf", old_csrf}};
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", renewed, contact, false).status, 403) << "the old token";
  contact["csrf"] = new_csrf;
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", renewed, contact, false).status, 303);
}

TEST_P(SignInTest, BackFromTheCodeStepTheSignInFormStillWorks) {
  WebResponse first = PostPassword("beheerder", kPassword);
  std::string pending = CookieValue(first, SessionCookieName(true));
  ASSERT_FALSE(pending.empty());
  for (const auto& [h, v] : first.headers)
    EXPECT_NE(v.rfind("opkomst_csrf=;", 0), 0u) << "the form's token stays while the code is awaited";
  // Back to the sign-in form (a fresh page) and post it, with the pending session's cookie.
  WebRequest get;
  get.method = "GET";
  get.path = "/aanmelden";
  get.cookies[SessionCookieName(true)] = pending;
  WebResponse form = app_->Handle(get);
  ASSERT_EQ(form.status, 200);
  std::string csrf = CookieValue(form, "opkomst_csrf");
  WebRequest post;
  post.method = "POST";
  post.path = "/aanmelden";
  post.cookies = {{SessionCookieName(true), pending}, {"opkomst_csrf", csrf}};
  post.form = {{"csrf", csrf}, {"gebruikersnaam", "mwa"}, {"wachtwoord", kPassword}};
  WebResponse again = app_->Handle(post);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(Header(again, "Location"), "/");
  // A signed-in session still refuses the pre-session token.
  std::string token = CookieValue(again, SessionCookieName(true));
  post.cookies = {{SessionCookieName(true), token}, {"opkomst_csrf", csrf}};
  post.path = "/afmelden";
  EXPECT_EQ(app_->Handle(post).status, 403);
}

TEST_P(SignInTest, OneAddressIsBrakedAfterTenAttemptsAMinute) {
  std::unique_ptr<StorePool> pool;
  auto server = SecondServer(&pool, 10);  // the default limit
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(PostOpen(*server, "/aanmelden", {{"gebruikersnaam", "mw" + std::to_string(i)}, {"wachtwoord", "x"}},
                       "192.0.2.7")
                  .status,
              401);
  WebResponse braked =
      PostOpen(*server, "/aanmelden", {{"gebruikersnaam", "mwa"}, {"wachtwoord", kPassword}}, "192.0.2.7");
  EXPECT_EQ(braked.status, 429);
  int retry = std::stoi(Header(braked, "Retry-After").empty() ? "0" : Header(braked, "Retry-After"));
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 60);
  EXPECT_EQ(CookieValue(braked, SessionCookieName(true)), "") << "not even the right password";
  EXPECT_EQ(PostOpen(*server, "/aanmelden", {{"gebruikersnaam", "mwa"}, {"wachtwoord", kPassword}}, "192.0.2.8").status,
            303)
      << "another address";
  now_ += 61;
  EXPECT_EQ(PostOpen(*server, "/aanmelden", {{"gebruikersnaam", "mwa"}, {"wachtwoord", kPassword}}, "192.0.2.7").status,
            303)
      << "the next minute";
  EXPECT_EQ(AuditCount("mwa", "aanmelden", "afgeremd"), 1);
}

// Finding 7: the administrator creates a team lead; she never sees a
// password, and the account signs in only after its owner activated it and
// the existing team lead confirmed it.
TEST_P(SignInTest, ANewTeamLeadNeedsActivationAndASecondPerson) {
  std::string admin = SignIn("beheerder");
  EXPECT_EQ(Get("/beheer/accounts", admin).body.find("name=\"wachtwoord\""), std::string::npos)
      << "no password field for the administrator";
  WebResponse made = Post("/beheer/accounts", admin,
                          {{"gebruikersnaam", "lead2"},
                           {"naam", "Lead Twee"},
                           {"rol", "teamverantwoordelijke"},
                           {"wachtwoord", "het wachtwoord van de beheerder"}});
  ASSERT_EQ(made.status, 200);
  std::string code = Secret(made.body);
  ASSERT_EQ(code.size(), 32u) << made.body;
  auto stored = *team::FindAccount(pool_->Reader(), "lead2");
  EXPECT_EQ(stored->activation_hash, security::Sha256Hex(code)) << "only the hash is stored";
  EXPECT_FALSE(security::VerifyPassword(stored->password_hash, "het wachtwoord van de beheerder"));
  EXPECT_EQ(SignIn("lead2", "het wachtwoord van de beheerder"), "");
  // The administrator cannot confirm it.
  EXPECT_EQ(Post("/team/accounts/lead2/bevestigen", admin, {}).status, 403);
  // The owner activates: a wrong code is refused, the right one works once.
  WebResponse form = Get("/activeren", "");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"code\""), std::string::npos);
  const std::string own = "mijn eigen lange wachtwoord";
  EXPECT_EQ(
      PostOpen(*app_, "/activeren", {{"gebruikersnaam", "lead2"}, {"code", std::string(32, 'f')}, {"wachtwoord", own}})
          .status,
      422);
  EXPECT_EQ(PostOpen(*app_, "/activeren", {{"gebruikersnaam", "lead2"}, {"code", code}, {"wachtwoord", own}}).status,
            200);
  EXPECT_EQ(
      PostOpen(*app_, "/activeren", {{"gebruikersnaam", "lead2"}, {"code", code}, {"wachtwoord", "x" + own}}).status,
      422)
      << "single use";
  EXPECT_EQ(SignIn("lead2", own), "") << "activated, not yet confirmed";
  // The existing team lead sees it waiting and confirms it.
  std::string lead = SignIn("teamverantwoordelijke");
  EXPECT_NE(Get("/team/accounts", lead).body.find("lead2"), std::string::npos);
  EXPECT_EQ(Post("/team/accounts/lead2/bevestigen", lead, {}).status, 303);
  EXPECT_NE(SignIn("lead2", own), "");
  EXPECT_EQ(Post("/team/accounts/lead2/bevestigen", lead, {}).status, 422) << "nothing left to confirm";
  // Every step is in the audit trail.
  EXPECT_EQ(AuditCount("beheerder", "account.aanmaken", "ok"), 1);
  EXPECT_EQ(AuditCount("lead2", "account.activeren", "ok"), 1);
  EXPECT_EQ(AuditCount("teamverantwoordelijke", "account.bevestigen", "ok"), 1);
}

TEST_P(SignInTest, NobodyConfirmsAnAccountSheMadeOrHerOwn) {
  auto made = CreateWebAccount(Services(), {"mwd", "", "maatschappelijk_werker", std::nullopt},
                               By("teamverantwoordelijke", "account.aanmaken"), now_);
  ASSERT_TRUE(made.ok());
  EXPECT_TRUE(made->needs_confirmation);
  EXPECT_FALSE(*ConfirmAccount(Services(), "mwd", By("teamverantwoordelijke", "account.bevestigen")))
      << "her own creation";
  EXPECT_FALSE(*ConfirmAccount(Services(), "mwd", By("mwd", "account.bevestigen"))) << "herself";
  EXPECT_EQ(AuditCount("mwd", "account.bevestigen", "ok"), 0) << "a refused confirmation writes no record";
  // A researcher needs activation but no second person; codes expire.
  auto researcher = CreateWebAccount(Services(), {"ond2", "", "onderzoeker", std::nullopt},
                                     By("beheerder", "account.aanmaken"), now_);
  ASSERT_TRUE(researcher.ok());
  EXPECT_FALSE(researcher->needs_confirmation);
  now_ += kActivationSeconds + 1;
  EXPECT_FALSE(ActivateAccount(Services(), app_->sealer(), "ond2", researcher->code, "een lang genoeg wachtwoord", now_,
                               By("ond2", "account.activeren"))
                   .ok());
}

// Sign-ins from many addresses cannot occupy every worker with password
// hashes (a re-test took the site offline for 15 s that way): with every
// hash slot busy, a sign-in is answered at once with 503 and Retry-After,
// checks nothing, and the next one after a slot frees goes through.
TEST_P(SignInTest, WithEveryHashSlotBusyASignInIsAnsweredAtOnce) {
  AppOptions options;
  options.clock = [this] { return now_.load(); };
  options.sign_in_per_minute = 0;
  options.password_work_slots = 2;
  app_ = std::make_unique<App>(Codebook::Default(), pool_.get(), Sealer(), options);
  auto first = app_->password_work().TryEnter(), second = app_->password_work().TryEnter();
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(app_->password_work().TryEnter());
  WebResponse busy = PostPassword("mwa", "wrong password here");
  EXPECT_EQ(busy.status, 503);
  bool retry_after = false;
  for (const auto& [name, value] : busy.headers) retry_after |= name == "Retry-After" && value == "1";
  EXPECT_TRUE(retry_after);
  EXPECT_EQ(CookieValue(busy, SessionCookieName(true)), "");
  first.reset();
  EXPECT_EQ(PostPassword("mwa", "wrong password here").status, 401);  // a slot is free again: checked
  EXPECT_NE(SignIn("mwa"), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, SignInTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
