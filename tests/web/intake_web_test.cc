// The central intake point through the web application (issue 12): a
// partner refers with consent for "status" only; the meeting accepts her
// into Opkomst+ with a worker (hint shown); the worker's caseload shows the
// first home visit to plan until it is logged; the partner sees the status
// and nothing else, another organisation sees nothing, and after the
// withdrawal nothing new. Both backends.
#include <atomic>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "app/intake.h"
#include "storage/intake_store.h"
#include "storage/team.h"
#include "web/periodic.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class IntakeWebTest : public WebAppTest {
 protected:
  void SetUp() override {
    WebAppTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto sealer = security::Sealer::FromKeyFile(dir_.File("key"), false);
    ASSERT_TRUE(sealer.ok());
    app::Services services{pool_->Writer(), Codebook::Default(), nullptr};
    AuditEvent audit{"beheerder", "beheerder", "organisatie.aanmaken", "", "ok", ""};
    auto hospital = app::AddOrganisation(services, {{0, "AZ Sint-Maarten", "ziekenhuis", false, true}, audit});
    auto other = app::AddOrganisation(services, {{0, "Wel&Wee", "wijkgezondheidscentrum", false, true}, audit});
    ASSERT_TRUE(hospital.ok()) << hospital.status().ToString();
    ASSERT_TRUE(other.ok());
    hospital_ = *hospital;
    for (const auto& [user, org] : {std::pair<const char*, int64_t>{"azsm", *hospital}, {"welwee", *other}}) {
      ASSERT_TRUE(CreateAccount({pool_->Writer(), Codebook::Default()}, *sealer,
                                {user, user, "doorverwijzer", kPassword, {}}, By("test", "account.aanmaken"))
                      .ok());
      ASSERT_TRUE(app::LinkPartnerAccount(services, {user, org, audit}).ok());
    }
  }

  std::map<std::string, std::string> ReferralForm(const std::string& name, const std::string& due) {
    return {{"naam", name},
            {"telefoon", "0470 12 34 56"},
            {"adres", "Kerkstraat 1, Mechelen"},
            {"taal", "nl"},
            {"zwanger", "1"},
            {"vermoedelijke_bevallingsdatum", due},
            {"eerste_zwangerschap", "1"},
            {"leeftijd", "22"},
            {"alleenstaand", "1"},
            {"reden_huisvesting", "1"},
            {"reden_inkomen", "1"},
            {"dringendheid", "normaal"},
            {"toestemming_contact", "schriftelijk"},
            {"toestemming_datum", "2025-11-20"},
            {"toestemming_door", "sociale dienst AZSM"},
            {"delen_status", "1"},
            {"delen_tot", "2026-12-31"},
            {"notitie", "woont bij haar zus"}};
  }

  int64_t hospital_ = 0;
};

bool Refused(int status) { return status == 401 || status == 403 || status == 404; }

TEST_P(IntakeWebTest, ReferralMeetingFirstHomeVisitAndWithdrawal) {
  std::string partner = SignIn("azsm"), lead = SignIn("teamverantwoordelijke"), worker = SignIn("mwb"),
              stranger = SignIn("welwee");
  ASSERT_FALSE(partner.empty());
  ASSERT_FALSE(stranger.empty());
  // The partner refers with contact consent and sharing for "status" only.
  WebResponse sent = Post("/verwijzingen/nieuw", partner, ReferralForm("Sara Peeters", "2026-03-15"));
  ASSERT_EQ(sent.status, 303) << sent.body;
  auto referrals = storage::ListReferrals(pool_->Reader(), {});
  ASSERT_TRUE(referrals.ok());
  ASSERT_EQ(referrals->size(), 1u);
  const int64_t id = referrals->front().referral.id;
  EXPECT_EQ(referrals->front().referral.organisation_id, hospital_);              // from the account, not the form
  EXPECT_EQ(referrals->front().identity_sealed.find("Sara"), std::string::npos);  // sealed
  EXPECT_NE(Get("/verwijzingen", partner).body.find("Nieuw"), std::string::npos);
  // Another organisation sees nothing of it.
  EXPECT_EQ(Get("/verwijzingen", stranger).body.find("S.P."), std::string::npos);
  EXPECT_NE(Get("/verwijzingen", partner).body.find("S.P."), std::string::npos);

  // The lead opens the meeting; the referral is on its agenda with the hint.
  ASSERT_EQ(Post("/overleg", lead, {{"datum", "2025-11-24"}}).status, 303);
  WebResponse meeting = Get("/overleg/2025-11-24", lead);
  ASSERT_EQ(meeting.status, 200);
  EXPECT_NE(meeting.body.find("id=\"aanmelding-" + std::to_string(id) + "\""), std::string::npos);
  EXPECT_NE(meeting.body.find("Opkomst+-hint"), std::string::npos);
  // The referral analytics, linked from the meeting at its date, count her.
  EXPECT_NE(meeting.body.find("/rapporten?tabellen=T30,T31,T32,T33,T34,F21,F22&amp;peildatum=2025-11-24"),
            std::string::npos);
  // They also stand on the meeting page itself, folded, never in the printed minutes.
  EXPECT_NE(meeting.body.find("<div class=\"report\""), std::string::npos);
  EXPECT_NE(meeting.body.find("Aanmeldingen per maand en soort doorverwijzer"), std::string::npos);
  EXPECT_EQ(meeting.body.find("Sara"), std::string::npos);
  EXPECT_EQ(Get("/overleg/2025-11-24?afdruk=1", lead).body.find("<div class=\"report\""), std::string::npos);
  WebResponse analytics = Get("/rapporten?tabellen=T30,T31,T32,T33,T34,F21,F22&peildatum=2025-11-24", lead);
  EXPECT_EQ(analytics.status, 200);
  EXPECT_NE(analytics.body.find("AZ Sint-Maarten"), std::string::npos);
  EXPECT_EQ(analytics.body.find("Sara"), std::string::npos);
  EXPECT_NE(Get("/verwijzingen", partner).body.find("Op de agenda"), std::string::npos);
  ASSERT_EQ(Post("/overleg/2025-11-24/deelnemers", lead, {{"deelnemers", "Els, An, Kind en Gezin"}}).status, 303);
  WebResponse decided = Post("/overleg/2025-11-24/beslissing", lead,
                             {{"aanmelding", std::to_string(id)}, {"beslissing", "opkomst_plus"}, {"werker", "mwb"}});
  ASSERT_EQ(decided.status, 303) << decided.body;
  auto stored = storage::GetReferral(pool_->Reader(), id);
  ASSERT_TRUE(stored.ok());
  ASSERT_FALSE(stored->dossier_id.empty());
  // The dossier carries what the referral held.
  auto dossier = pool_->Reader().GetDossier(stored->dossier_id);
  ASSERT_TRUE(dossier.ok());
  EXPECT_EQ(dossier->social_worker, "mwb");
  EXPECT_EQ(dossier->referrer, "AZ Sint-Maarten");
  EXPECT_EQ(dossier->due_date, Date::Parse("2026-03-15"));
  EXPECT_EQ(dossier->mother_age_at_start, 22);
  EXPECT_EQ(Codebook::Default().field("track").options.at(dossier->track).code, "opkomst_plus");
  EXPECT_EQ(Codebook::Default().field("referrer_type").options.at(dossier->referrer_type).code, "extern");
  EXPECT_NE(Get("/dossiers/" + stored->dossier_id, worker).body.find("Sara Peeters"), std::string::npos);
  // Deciding twice is a conflict, not a second dossier.
  EXPECT_EQ(Post("/overleg/2025-11-24/beslissing", lead,
                 {{"aanmelding", std::to_string(id)}, {"beslissing", "opkomst"}, {"werker", "mwb"}})
                .status,
            409);

  // The worker's caseload: first home visit to plan, until it is logged.
  std::string caseload = Get("/caseload", worker).body;
  EXPECT_NE(caseload.find("Eerste huisbezoek te plannen"), std::string::npos);
  ASSERT_EQ(Post("/dossiers/" + stored->dossier_id + "/contacten", worker,
                 {{"contact_date", "2025-11-24"}, {"kind", "huisbezoek"}, {"note", "kennismaking"}})
                .status,
            303);
  EXPECT_EQ(Get("/caseload", worker).body.find("Eerste huisbezoek te plannen"), std::string::npos);

  // The partner: accepted, but not the worker's name nor any content.
  std::string seen = Get("/verwijzingen", partner).body;
  EXPECT_NE(seen.find("Aanvaard: Opkomst+, eerste huisbezoek gebeurd"), std::string::npos);  // her status
  EXPECT_EQ(seen.find("mwb"), std::string::npos);
  EXPECT_EQ(seen.find("Sara Peeters"), std::string::npos);
  EXPECT_EQ(seen.find(stored->dossier_id), std::string::npos);
  EXPECT_EQ(seen.find("zus"), std::string::npos);
  // The partner can never open the dossier, the list, the queue or the meeting.
  for (const std::string& path :
       {"/dossiers/" + stored->dossier_id, std::string("/dossiers"), std::string("/intake"),
        std::string("/overleg/2025-11-24"), std::string("/caseload"), "/dossiers/" + stored->dossier_id + "/historiek"})
    EXPECT_TRUE(Refused(Get(path, partner).status)) << path;
  for (const std::string& path : {std::string("/overleg"), std::string("/overleg/2025-11-24/beslissing"),
                                  "/intake/" + std::to_string(id) + "/intrekken"})
    EXPECT_EQ(Post(path, partner, {{"aanmelding", std::to_string(id)}, {"beslissing", "afgewezen"}}).status, 403)
        << path;

  // Withdrawal: at once, the partner sees nothing new.
  ASSERT_EQ(Post("/intake/" + std::to_string(id) + "/intrekken", lead, {}).status, 303);
  seen = Get("/verwijzingen", partner).body;
  EXPECT_EQ(seen.find("Aanvaard"), std::string::npos);
  EXPECT_NE(seen.find("niet gedeeld"), std::string::npos);
}

TEST_P(IntakeWebTest, TeamSeesPossibleDuplicatesBeforeSavingAndThePartnerNever) {
  std::string lead = SignIn("teamverantwoordelijke"), partner = SignIn("azsm");
  auto form = ReferralForm("Lina Janssens", "2026-02-01");
  ASSERT_EQ(Post("/verwijzingen/nieuw", partner, form).status, 303);
  // The same name, a due date 20 days later: the team is asked first.
  form = ReferralForm("lina  JANSSENS", "2026-02-21");
  form["organisatie"] = "0";
  form["kanaal"] = "telefoon";
  WebResponse asked = Post("/verwijzingen/nieuw", lead, form);
  EXPECT_EQ(asked.status, 200);
  EXPECT_NE(asked.body.find("Mogelijk al gekend"), std::string::npos);
  EXPECT_EQ(storage::ListReferrals(pool_->Reader(), {})->size(), 1u);
  form["toch_bewaren"] = "1";
  EXPECT_EQ(Post("/verwijzingen/nieuw", lead, form).status, 303);
  EXPECT_EQ(storage::ListReferrals(pool_->Reader(), {})->size(), 2u);
  // The partner is never told the mother is known: her second referral is simply saved.
  WebResponse again = Post("/verwijzingen/nieuw", partner, ReferralForm("Lina Janssens", "2026-02-01"));
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.body.find("Mogelijk"), std::string::npos);
}

TEST_P(IntakeWebTest, PartnerCannotReferWithoutContactConsentNorForAnotherOrganisation) {
  std::string partner = SignIn("azsm");
  auto form = ReferralForm("Noor", "2026-02-01");
  form.erase("toestemming_contact");
  WebResponse refused = Post("/verwijzingen/nieuw", partner, form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("zonder toestemming voor contact"), std::string::npos);
  // An organisation in the form is ignored: the account's own is used.
  form = ReferralForm("Noor", "2026-02-01");
  form["organisatie"] = "999";
  ASSERT_EQ(Post("/verwijzingen/nieuw", partner, form).status, 303);
  EXPECT_EQ(storage::ListReferrals(pool_->Reader(), {})->front().referral.organisation_id, hospital_);
}

// The referral form cuts nothing in the browser (no maxlength): a text
// over its limit comes back with the error next to its field, and the
// whole text is kept in the form, so the partner can shorten it herself.
TEST_P(IntakeWebTest, ATooLongNameIsRefusedNextToItsFieldNotCut) {
  std::string partner = SignIn("azsm");
  std::string long_name(201, 'a');
  auto form = ReferralForm(long_name, "2026-02-01");
  WebResponse refused = Post("/verwijzingen/nieuw", partner, form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"fout-naam\""), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find(long_name), std::string::npos) << "the text is kept in the form";
  EXPECT_EQ(refused.body.find("maxlength"), std::string::npos);
  EXPECT_TRUE(storage::ListReferrals(pool_->Reader(), {})->empty());
}

TEST_P(IntakeWebTest, RoleMatrixOfTheIntakeRoutes) {
  struct Route {
    const char* method;
    const char* path;
    std::set<std::string> allowed;
  };
  const std::set<std::string> team = {"mwa", "teamverantwoordelijke"};
  const Route routes[] = {
      {"GET", "/verwijzingen", {"azsm"}},
      {"GET", "/verwijzingen/nieuw", {"azsm", "mwa", "teamverantwoordelijke"}},
      {"POST", "/verwijzingen/nieuw", {"azsm", "mwa", "teamverantwoordelijke"}},
      {"GET", "/intake", team},
      {"POST", "/intake/1/intrekken", team},
      {"POST", "/overleg", {"teamverantwoordelijke"}},
      {"GET", "/overleg/2025-11-24", team},
      {"POST", "/overleg/2025-11-24/deelnemers", {"teamverantwoordelijke"}},
      {"POST", "/overleg/2025-11-24/punten", team},
      {"POST", "/overleg/2025-11-24/beslissing", {"teamverantwoordelijke"}},
      {"GET", "/beheer/organisaties", {"beheerder"}},
      {"POST", "/beheer/organisaties", {"beheerder"}},
      {"POST", "/beheer/organisaties/koppelen", {"beheerder"}},
  };
  std::map<std::string, std::string> tokens;
  for (const char* user : {"mwa", "teamverantwoordelijke", "onderzoeker", "beheerder", "azsm"}) {
    tokens[user] = SignIn(user);
    ASSERT_FALSE(tokens[user].empty()) << user;
  }
  for (const Route& route : routes) {
    for (const auto& [user, token] : tokens) {
      bool get = std::string(route.method) == "GET";
      WebResponse r = get ? Get(route.path, token) : Post(route.path, token, {});
      if (route.allowed.count(user))
        EXPECT_NE(r.status, 403) << user << " " << route.method << " " << route.path;
      else
        EXPECT_EQ(r.status, 403) << user << " " << route.method << " " << route.path;
    }
  }
  // A partner never reaches a dossier route.
  for (const char* path : {"/dossiers/D-mwa", "/dossiers", "/dossiers/nieuw", "/caseload", "/rapporten"})
    EXPECT_EQ(Get(path, tokens["azsm"]).status, 403) << path;
}

TEST_P(IntakeWebTest, RetentionErasesDeclinedIdentitiesAndKeepsTheCounts) {
  std::string partner = SignIn("azsm"), lead = SignIn("teamverantwoordelijke");
  ASSERT_EQ(Post("/verwijzingen/nieuw", partner, ReferralForm("Mira", "2026-02-01")).status, 303);
  ASSERT_EQ(Post("/verwijzingen/nieuw", partner, ReferralForm("Fatima", "2026-03-01")).status, 303);
  auto referrals = *storage::ListReferrals(pool_->Reader(), {});
  ASSERT_EQ(referrals.size(), 2u);
  ASSERT_EQ(Post("/overleg", lead, {{"datum", "2025-11-24"}}).status, 303);
  int64_t declined = referrals[0].referral.id, kept = referrals[1].referral.id;
  ASSERT_EQ(Post("/overleg/2025-11-24/beslissing", lead,
                 {{"aanmelding", std::to_string(declined)}, {"beslissing", "afgewezen"}, {"reden", "buiten_doelgroep"}})
                .status,
            303);
  app::Services services{pool_->Writer(), Codebook::Default(), nullptr};
  AuditEvent audit{"opkomst", "systeem", "bewaartermijn", "", "ok", ""};
  Date decided = *Date::Parse(storage::GetReferral(pool_->Reader(), declined)->decided_on);
  // Not before the period has passed.
  EXPECT_EQ(*app::EraseExpiredIdentities(services, decided.AddDays(89), 90, audit), 0);
  EXPECT_EQ(*app::EraseExpiredIdentities(services, decided.AddDays(90), 90, audit), 1);
  EXPECT_TRUE(storage::GetReferral(pool_->Reader(), declined)->identity_sealed.empty());
  EXPECT_TRUE(storage::GetReferral(pool_->Reader(), declined)->note_sealed.empty());
  EXPECT_FALSE(storage::GetReferral(pool_->Reader(), kept)->identity_sealed.empty());
  // The pseudonymous row stays for the analytics.
  EXPECT_EQ(storage::ListReferrals(pool_->Reader(), {})->size(), 2u);
  EXPECT_EQ(storage::GetReferral(pool_->Reader(), declined)->decision_detail, "buiten_doelgroep");
}

TEST_P(IntakeWebTest, AnInvalidDecisionShowsItsErrorNextToTheChoice) {
  std::string partner = SignIn("azsm"), lead = SignIn("teamverantwoordelijke");
  ASSERT_EQ(Post("/verwijzingen/nieuw", partner, ReferralForm("Yara", "2026-02-01")).status, 303);
  const int64_t id = storage::ListReferrals(pool_->Reader(), {})->front().referral.id;
  ASSERT_EQ(Post("/overleg", lead, {{"datum", "2025-11-24"}}).status, 303);
  const std::string referral = std::to_string(id);
  struct Case {
    std::map<std::string, std::string> form;
    std::string field, rule_nl, rule_en;
  };
  const Case cases[] = {
      {{{"beslissing", "opkomst_plus"}, {"werker", ""}}, "werker", "kies een begeleider", "choose a worker"},
      {{{"beslissing", "opkomst"}, {"werker", "azsm"}},
       "werker",
       "geen actieve maatschappelijk werker",
       "not an active social worker"},
      {{{"beslissing", "afgewezen"}, {"reden", ""}}, "reden", "kies een reden", "choose a reason"},
      {{{"beslissing", "elders"}, {"elders", ""}}, "elders", "naar welke dienst", "the service she is referred to"},
      {{{"beslissing", "combinatie"}, {"traject", "groepswerk"}, {"werker", "mwb"}},
       "traject",
       "kies Opkomst of Opkomst+",
       "choose Opkomst or Opkomst+"},
      {{{"beslissing", "verdwijnen"}}, "beslissing", "onbekende keuze", "unknown choice"},
  };
  for (const char* language : {"nl", "en"}) {
    Get(std::string("/taal/") + language, lead);
    for (const Case& c : cases) {
      auto form = c.form;
      form["aanmelding"] = referral;
      WebResponse refused = Post("/overleg/2025-11-24/beslissing", lead, form);
      EXPECT_EQ(refused.status, 422) << c.field;
      // The meeting page itself, with the error right after the field it names.
      const std::string& body = refused.body;
      size_t field = body.find("name=\"" + c.field + "\" aria-invalid=\"true\"");
      size_t error = body.find("id=\"fout-" + c.field + "\"");
      ASSERT_NE(field, std::string::npos) << c.field << " " << language;
      ASSERT_NE(error, std::string::npos) << c.field;
      EXPECT_LT(field, error);
      EXPECT_NE(body.find(std::string(language) == "nl" ? c.rule_nl : c.rule_en, error), std::string::npos)
          << c.field << " " << language;
      EXPECT_NE(body.find("id=\"aanmelding-" + referral + "\""), std::string::npos);
      EXPECT_EQ(storage::GetReferral(pool_->Reader(), id)->status, "geagendeerd") << c.field;  // nothing decided
    }
  }
  Get("/taal/nl", lead);
  // The posted choice stays chosen.
  WebResponse kept = Post("/overleg/2025-11-24/beslissing", lead,
                          {{"aanmelding", referral}, {"beslissing", "afgewezen"}, {"elders", "OCMW"}});
  EXPECT_NE(kept.body.find("<option value=\"afgewezen\" selected>"), std::string::npos);
  // Corrected, it is decided.
  EXPECT_EQ(Post("/overleg/2025-11-24/beslissing", lead,
                 {{"aanmelding", referral}, {"beslissing", "afgewezen"}, {"reden", "niet_bereikbaar"}})
                .status,
            303);
  EXPECT_EQ(storage::GetReferral(pool_->Reader(), id)->decision_detail, "niet_bereikbaar");
}

TEST_P(IntakeWebTest, TheRunningServerErasesAnOldDeclinedIdentityByItself) {
  std::string partner = SignIn("azsm"), lead = SignIn("teamverantwoordelijke");
  ASSERT_EQ(Post("/verwijzingen/nieuw", partner, ReferralForm("Mira", "2026-02-01")).status, 303);
  ASSERT_EQ(Post("/verwijzingen/nieuw", partner, ReferralForm("Fatima", "2026-03-01")).status, 303);
  auto referrals = *storage::ListReferrals(pool_->Reader(), {});
  ASSERT_EQ(referrals.size(), 2u);
  int64_t declined = referrals[0].referral.id, kept = referrals[1].referral.id;
  ASSERT_EQ(Post("/overleg", lead, {{"datum", "2025-11-24"}}).status, 303);
  ASSERT_EQ(Post("/overleg/2025-11-24/beslissing", lead,
                 {{"aanmelding", std::to_string(declined)}, {"beslissing", "afgewezen"}, {"reden", "buiten_doelgroep"}})
                .status,
            303);
  auto identity_of = [&](int64_t id) { return storage::GetReferral(pool_->Reader(), id)->identity_sealed; };
  auto wait_for_erasure = [&] {
    for (int i = 0; i < 500 && !identity_of(declined).empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  };
  // Within the period the server's task (started as `serve` starts it) erases nothing.
  now_ += 89 * 86400;
  {
    auto task = StartRetention(*app_);
    ASSERT_NE(task, nullptr);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  EXPECT_FALSE(identity_of(declined).empty());
  // Past the default 90 days it does, at its start, without any command.
  now_ += 2 * 86400;
  {
    auto task = StartRetention(*app_);
    wait_for_erasure();
  }
  EXPECT_TRUE(identity_of(declined).empty());
  EXPECT_FALSE(identity_of(kept).empty());
  EXPECT_EQ(storage::GetReferral(pool_->Reader(), declined)->decision_detail, "buiten_doelgroep");
  // Audited as the system's change, once (the run that erased nothing left no record).
  ASSERT_TRUE(app_->audit().Drain().ok());
  std::vector<team::AuditRow> rows;
  ASSERT_TRUE(team::ScanAudit(pool_->Auditor(), "", 0, 100000, &rows).ok());
  int retention_rows = 0;
  for (const auto& row : rows)
    if (row.action == "aanmelding.bewaartermijn") {
      ++retention_rows;
      EXPECT_EQ(row.account, "opkomst");
      EXPECT_NE(row.detail.find("dagen=90"), std::string::npos);
    }
  EXPECT_EQ(retention_rows, 1);
}

TEST(PeriodicTaskTest, RunsAtOnceThenEveryPeriodUntilDestroyed) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task(std::chrono::milliseconds(20), [&] { ++runs; });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  int stopped_at = runs.load();
  EXPECT_GE(stopped_at, 3);
  EXPECT_LE(stopped_at, 16);  // not busy-looping
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(runs.load(), stopped_at);  // nothing after the stop
  // A long period: the first run happens at once, and destruction does not wait for the period.
  auto started = std::chrono::steady_clock::now();
  {
    PeriodicTask task(std::chrono::hours(1), [&] { ++runs; });
    for (int i = 0; i < 100 && runs.load() == stopped_at; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(runs.load(), stopped_at + 1);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

INSTANTIATE_TEST_SUITE_P(Backends, IntakeWebTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
