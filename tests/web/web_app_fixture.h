// The web application's test fixture: a fresh database on one backend
// (the test parameter), one account per role plus workers mwb and mwc, two
// dossiers (D-mwa, D-mwb), and an App with a clock the test moves. Helpers
// post forms the way a browser does (CSRF token read from a page).
#ifndef OPKOMST_TESTS_WEB_WEB_APP_FIXTURE_H_
#define OPKOMST_TESTS_WEB_WEB_APP_FIXTURE_H_

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <regex>
#include <string>

#include "storage/team.h"
#include "support/test_support.h"
#include "web/accounts.h"
#include "web/app.h"
#include "web/app_internal.h"

namespace opkomst::web {

inline constexpr char kPassword[] = "fiets boom regenjas";

class WebAppTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(security::InitialiseCrypto().ok());
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    OPKOMST_SKIP_IF_UNAVAILABLE(*db_);
    auto pool = StorePool::Open(db_->url(), Codebook::Default(), 2);
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    pool_ = std::move(*pool);
    auto sealer = security::Sealer::FromKeyFile(dir_.File("key"), true);
    ASSERT_TRUE(sealer.ok());
    for (const char* role : {"maatschappelijk_werker", "teamverantwoordelijke", "onderzoeker", "beheerder"}) {
      std::string name = std::string(role) == "maatschappelijk_werker" ? "mwa" : role;
      auto created = CreateAccount({pool_->Writer(), Codebook::Default()}, *sealer,
                                   {name, name, role, kPassword, std::nullopt}, By("test", "account.aanmaken"));
      ASSERT_TRUE(created.ok()) << created.status().ToString();
      if (!created->totp_secret.empty()) admin_secret_ = created->totp_secret;
    }
    for (const char* worker : {"mwb", "mwc"})
      ASSERT_TRUE(CreateAccount({pool_->Writer(), Codebook::Default()}, *sealer,
                                {worker, worker, "maatschappelijk_werker", kPassword, {}},
                                By("test", "account.aanmaken"))
                      .ok());
    for (const char* worker : {"mwa", "mwb"}) {
      Dossier d;
      d.dossier_id = std::string("D-") + worker;
      d.mother_id = std::string("M-") + worker;
      d.track = *Codebook::Default().field("track").options.FindCode("opkomst");
      d.start_date = *Date::Parse("2025-01-10");
      d.due_date = Date::Parse("2025-05-01");
      d.social_worker = worker;
      ASSERT_TRUE(pool_->Writer().CreateDossier(&d).ok());
    }
    AppOptions options;
    options.clock = [this] { return now_.load(); };
    app_ = std::make_unique<App>(Codebook::Default(), pool_.get(), *sealer, options);
  }

  // The use cases' services on the writer, as a page has them.
  app::Services Services() { return {pool_->Writer(), Codebook::Default(), &app_->audit()}; }
  // The audit record of a change made by `account` outside a page.
  static AuditEvent By(const std::string& account, const char* action) { return {account, "", action, "", "ok", ""}; }

  WebResponse Get(const std::string& path, const std::string& token) {
    WebRequest r;
    r.method = "GET";
    size_t q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) ParseUrlEncoded(path.substr(q + 1), &r.query);
    if (!token.empty()) r.cookies[SessionCookieName(true)] = token;
    return app_->Handle(r);
  }

  WebResponse Post(const std::string& path, const std::string& token, std::map<std::string, std::string> form,
                   bool with_csrf = true) {
    WebRequest r;
    r.method = "POST";
    r.path = path;
    r.form = std::move(form);
    if (!token.empty()) r.cookies[SessionCookieName(true)] = token;
    if (with_csrf && !token.empty()) r.form["csrf"] = Csrf(token);
    return app_->Handle(r);
  }

  // The CSRF token of a session, read from a page as a browser would.
  std::string Csrf(const std::string& token) {
    std::smatch m;
    std::regex re("name=\"csrf\" value=\"([0-9a-f]+)\"");
    for (const char* page : {"/account", "/aanmelden/code"}) {
      std::string body = Get(page, token).body;
      if (std::regex_search(body, m, re)) return m[1].str();
    }
    return "";
  }

  static std::string CookieValue(const WebResponse& r, const std::string& name) {
    for (const auto& [header, value] : r.headers)
      if (header == "Set-Cookie" && value.rfind(name + "=", 0) == 0) return value.substr(name.size() + 1, 32);
    return "";
  }

  // The password step of the sign-in form, as the browser posts it.
  WebResponse PostPassword(const std::string& user, const std::string& password) {
    WebRequest r;
    r.method = "POST";
    r.path = "/aanmelden";
    r.cookies["opkomst_csrf"] = "0123456789abcdef0123456789abcdef";
    r.form = {{"csrf", "0123456789abcdef0123456789abcdef"}, {"gebruikersnaam", user}, {"wachtwoord", password}};
    return app_->Handle(r);
  }

  // Signs in through the pages; "" if refused.
  std::string SignIn(const std::string& user, const std::string& password = kPassword) {
    WebResponse first = PostPassword(user, password);
    std::string token = CookieValue(first, SessionCookieName(true));
    if (token.empty()) return "";
    for (const auto& [h, v] : first.headers)
      if (h == "Location" && v.rfind("/aanmelden/code", 0) == 0) {
        // A code works once: wait for the next time step, as a person
        // signing in again would.
        now_ += 30;
        auto code = security::TotpCode(admin_secret_, now_.load());
        WebResponse second = Post("/aanmelden/code", token, {{"code", *code}});
        return CookieValue(second, SessionCookieName(true));
      }
    return token;
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<StorePool> pool_;
  std::unique_ptr<App> app_;
  std::string admin_secret_;
  std::atomic<int64_t> now_{1764000000};
};

}  // namespace opkomst::web

#endif  // OPKOMST_TESTS_WEB_WEB_APP_FIXTURE_H_
