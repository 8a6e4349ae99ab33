// Attacks on the forms kept for after sign-in and on the Origin check of
// every POST (red-team findings; docs/security.md, "The worker's day" and
// "Web security"), through App::Handle on both backends.
#include "storage/kept_forms.h"

#include "storage/sql.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class KeptFormsTest : public WebAppTest {
 protected:
  // A contact form of D-mwa as mwa's page posts it, with `csrf`.
  static std::map<std::string, std::string> ContactForm(const std::string& csrf) {
    return {{"csrf", csrf}, {"contact_date", "2025-06-02"}, {"kind", "huisbezoek"}, {"note", "Lang gesprek"}};
  }

  // The id of the kept form a stale post was redirected to; "" if not kept.
  static std::string KeptId(const WebResponse& r) {
    for (const auto& [h, v] : r.headers)
      if (h == "Location" && v.rfind("/aanmelden?terug=%2Fhervatten%2F", 0) == 0) return v.substr(v.size() - 32);
    return "";
  }

  int64_t KeptCount() {
    auto n = storage::CountKeptForms(pool_->Writer());
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  // mwa's session ends idle while she writes; her late post is kept.
  std::string KeepOne() {
    std::string worker = SignIn("mwa");
    std::string csrf = Csrf(worker);
    now_ += 16 * 60;
    std::string id = KeptId(Post("/dossiers/D-mwa/contacten", worker, ContactForm(csrf), false));
    EXPECT_EQ(id.size(), 32u);
    return id;
  }

  bool Resumable(const std::string& id, const std::string& token) {
    return Get("/hervatten/" + id, token).body.find("data-hervat") != std::string::npos;
  }

  // A POST as a browser sends it from `origin` (and `referer`) to `host`.
  WebResponse PostFrom(App& app, const std::string& path, const std::string& token,
                       std::map<std::string, std::string> form, const std::string& origin,
                       const std::string& referer = "", const std::string& host = "127.0.0.1:8080") {
    WebRequest r;
    r.method = "POST";
    r.path = path;
    r.form = std::move(form);
    r.origin = origin;
    r.referer = referer;
    r.host = host;
    if (!token.empty()) r.cookies[SessionCookieName(true)] = token;
    return app.Handle(r);
  }

  size_t Contacts() {
    auto contacts = team::ListContacts(pool_->Writer(), "D-mwa");
    EXPECT_TRUE(contacts.ok());
    return contacts.ok() ? contacts->size() : 0;
  }
};

TEST_P(KeptFormsTest, ASignedOutSessionsTokenPlantsNothing) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  ASSERT_EQ(Post("/afmelden", worker, {{"csrf", csrf}}, false).status, 303);
  // The red team's attack: the signed-out session's cookie and token.
  WebResponse r = Post("/dossiers/D-mwa/contacten", worker, ContactForm(csrf), false);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(KeptId(r), "");
  EXPECT_EQ(KeptCount(), 0);
}

TEST_P(KeptFormsTest, AKeptFormIsForgottenAtSignOut) {
  std::string id = KeepOne();
  ASSERT_EQ(KeptCount(), 1);
  std::string again = SignIn("mwa");
  ASSERT_EQ(Post("/afmelden", again, {{"csrf", Csrf(again)}}, false).status, 303);
  EXPECT_EQ(KeptCount(), 0);
  EXPECT_FALSE(Resumable(id, SignIn("mwa")));
}

TEST_P(KeptFormsTest, AKeptFormIsForgottenAtAPasswordChange) {
  std::string id = KeepOne();
  std::string again = SignIn("mwa");
  WebResponse changed =
      Post("/account/wachtwoord", again, {{"huidig", kPassword}, {"nieuw", "een heel nieuw wachtwoord"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(KeptCount(), 0);
  EXPECT_FALSE(Resumable(id, SignIn("mwa", "een heel nieuw wachtwoord")));
}

TEST_P(KeptFormsTest, AKeptFormIsForgottenWhenTheAccountIsDisabled) {
  KeepOne();
  std::string admin = SignIn("beheerder");
  ASSERT_EQ(Post("/beheer/accounts/mwa/actief", admin, {{"actief", "0"}, {"bevestigd", "1"}}).status, 303);
  EXPECT_EQ(KeptCount(), 0);
}

TEST_P(KeptFormsTest, ADisabledAccountsEndedSessionKeepsNothing) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  now_ += 16 * 60;
  // Disabled behind the application's back (an operator, another server).
  ASSERT_TRUE(
      storage::SqlAccess::Query(pool_->Writer(), "UPDATE account SET active = 0 WHERE username = ?", {"mwa"}).ok());
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", worker, ContactForm(csrf), false).status, 403);
  EXPECT_EQ(KeptCount(), 0);
}

TEST_P(KeptFormsTest, AFormIsKeptOnlyForARouteItsOwnerMayUse) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  now_ += 16 * 60;
  // Another worker's dossier, a dossier that does not exist, the
  // administrator's page: refused, nothing kept.
  for (const std::string& path : {std::string("/dossiers/D-mwb/contacten"), std::string("/dossiers/D-geen/contacten"),
                                  std::string("/beheer/accounts")}) {
    WebResponse r = Post(path, worker, ContactForm(csrf), false);
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_EQ(KeptId(r), "") << path;
  }
  EXPECT_EQ(KeptCount(), 0);
}

TEST_P(KeptFormsTest, AStalePostNeedsTheEndedSessionsOwnCookieAndToken) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  std::string other = SignIn("mwb");
  std::string other_csrf = Csrf(other);
  now_ += 16 * 60;
  // A cross-site POST carries no SameSite=Strict cookie: her token alone
  // keeps nothing. Nor does her token with another ended session's cookie,
  // nor that session's token for her dossier.
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", "", ContactForm(csrf), false).status, 403);
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", other, ContactForm(csrf), false).status, 403);
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", other, ContactForm(other_csrf), false).status, 403);
  // A session long ended (beyond 12 hours) keeps nothing either.
  now_ += 13 * 3600;
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", worker, ContactForm(csrf), false).status, 403);
  EXPECT_EQ(KeptCount(), 0);
}

TEST_P(KeptFormsTest, KeptFormsAreSealedSurviveARestartAndExpireAfterAnHour) {
  std::string id = KeepOne();
  auto rows = storage::SqlAccess::Query(pool_->Writer(), "SELECT sealed, username FROM kept_form");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front()[0]->find("Lang gesprek"), std::string::npos);
  EXPECT_EQ(rows->front()[0]->find("D-mwa"), std::string::npos);
  EXPECT_EQ(*rows->front()[1], "mwa");
  // Another server (or this one restarted) on the same store and key.
  auto sealer = security::Sealer::FromKeyFile(dir_.File("key"), false);
  ASSERT_TRUE(sealer.ok());
  AppOptions options;
  options.clock = [this] { return now_.load(); };
  app_ = std::make_unique<App>(Codebook::Default(), pool_.get(), *sealer, options);
  std::string again = SignIn("mwa");
  EXPECT_TRUE(Resumable(id, again));
  EXPECT_FALSE(Resumable(id, again));  // once only
  // A form not taken within the hour is gone.
  std::string late = KeepOne();
  now_ += 3601;
  EXPECT_FALSE(Resumable(late, SignIn("mwa")));
}

TEST_P(KeptFormsTest, APostFromAnotherSiteIsRefused) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  // The right token, but another site's page: refused, nothing saved.
  for (const auto& [origin, referer] : std::vector<std::pair<std::string, std::string>>{
           {"http://evil.example", ""},
           {"null", ""},
           {"https://127.0.0.1:8080", ""},  // another scheme is another origin
           {"", "http://evil.example/form.html"},
           {"", "opkomst"}}) {
    WebResponse r = PostFrom(*app_, "/dossiers/D-mwa/contacten", worker, ContactForm(csrf), origin, referer);
    EXPECT_EQ(r.status, 403) << origin << referer;
    EXPECT_NE(r.body.find(Ui(Language::kDutch, "fout.herkomst.tekst")), std::string::npos);
  }
  EXPECT_EQ(Contacts(), 0u);
  // The keep-alive ping and the sign-in form too.
  EXPECT_EQ(PostFrom(*app_, "/sessie/verlengen", worker, {{"csrf", csrf}}, "http://evil.example").status, 403);
  EXPECT_EQ(PostFrom(*app_, "/aanmelden", "", {{"gebruikersnaam", "mwa"}}, "http://evil.example").status, 403);
  // Our own pages: by Origin, by Referer, or with neither header.
  EXPECT_EQ(PostFrom(*app_, "/sessie/verlengen", worker, {{"csrf", csrf}}, "http://127.0.0.1:8080").status, 204);
  EXPECT_EQ(PostFrom(*app_, "/sessie/verlengen", worker, {{"csrf", csrf}}, "", "http://127.0.0.1:8080/caseload").status,
            204);
  EXPECT_EQ(PostFrom(*app_, "/dossiers/D-mwa/contacten", worker, ContactForm(csrf), "HTTP://127.0.0.1:8080").status,
            303);
  EXPECT_EQ(Contacts(), 1u);
}

TEST_P(KeptFormsTest, AStalePostFromAnotherSiteIsNotKept) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  now_ += 16 * 60;
  WebResponse r = PostFrom(*app_, "/dossiers/D-mwa/contacten", worker, ContactForm(csrf), "http://evil.example");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(KeptCount(), 0);
  r = PostFrom(*app_, "/dossiers/D-mwa/contacten", worker, ContactForm(csrf), "http://127.0.0.1:8080");
  EXPECT_EQ(KeptId(r).size(), 32u);
}

TEST_P(KeptFormsTest, BehindTlsThePublicOriginCounts) {
  auto sealer = security::Sealer::FromKeyFile(dir_.File("key"), false);
  ASSERT_TRUE(sealer.ok());
  AppOptions options;
  options.clock = [this] { return now_.load(); };
  options.behind_tls = true;
  options.public_hosts = {"opkomst.example"};
  App behind(Codebook::Default(), pool_.get(), *sealer, options);
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  // The proxy passes its own Host; the browser's Origin is the public name.
  EXPECT_EQ(PostFrom(behind, "/sessie/verlengen", worker, {{"csrf", csrf}}, "https://opkomst.example").status, 204);
  EXPECT_EQ(PostFrom(behind, "/sessie/verlengen", worker, {{"csrf", csrf}}, "https://opkomst.example:8443").status,
            204);
  EXPECT_EQ(PostFrom(behind, "/sessie/verlengen", worker, {{"csrf", csrf}}, "http://opkomst.example").status, 403);
  EXPECT_EQ(PostFrom(behind, "/sessie/verlengen", worker, {{"csrf", csrf}}, "https://opkomst.example.evil").status,
            403);
  EXPECT_EQ(PostFrom(behind, "/sessie/verlengen", worker, {{"csrf", csrf}}, "http://127.0.0.1:8080").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, KeptFormsTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
