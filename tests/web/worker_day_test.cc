// Issue 11 part A, the worker's day, through App::Handle on both backends:
// names and search for the assigned worker only, audited.
#include "domain/search.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class WorkerDayTest : public WebAppTest {
 protected:
  // Creates a dossier through the form as `token`'s account; its id.
  std::string NewDossier(const std::string& token, const std::string& name, const std::string& phone,
                         const std::string& address, const std::string& worker = "") {
    std::map<std::string, std::string> form = {
        {"traject", "opkomst"}, {"start_date", "2025-06-01"}, {"naam", name}, {"telefoon", phone}, {"adres", address}};
    if (!worker.empty()) form["werker"] = worker;
    WebResponse r = Post("/dossiers/nieuw", token, form);
    EXPECT_EQ(r.status, 303) << r.body;
    std::string location = Location(r);
    size_t start = location.find("/dossiers/") + 10;
    return location.substr(start, location.find('/', start) - start);
  }

  static std::string Location(const WebResponse& r) {
    for (const auto& [h, v] : r.headers)
      if (h == "Location") return v;
    return "";
  }

  std::vector<team::AuditRow> Audit() {
    std::vector<team::AuditRow> rows;
    EXPECT_TRUE(team::ScanAudit(pool_->Auditor(), "", 0, 100000, &rows).ok());
    return rows;
  }

  static bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
};

// ---- finding 1: names and search ---------------------------------------------

TEST(SearchTest, FoldsCaseAndAccents) {
  EXPECT_EQ(FoldForSearch("Élodie ŞAHİN Groß Ærø"), "elodie sahin gross aero");
  EXPECT_EQ(DigitsOf("+32 470/12.34-56"), "32470123456");
}

TEST(SearchTest, MatchesWordsOfNameOrStreetAndPhoneParts) {
  EXPECT_TRUE(IdentityMatches("sara", "Sara El Amrani", "0470 12 34 56", "Kerkstraat 4"));
  EXPECT_TRUE(IdentityMatches("el amrani", "Sara El Amrani", "", ""));
  EXPECT_TRUE(IdentityMatches("amrani sara", "Sara El Amrani", "", ""));
  EXPECT_TRUE(IdentityMatches("kerkstr", "Sara El Amrani", "", "Kerkstraat 4"));
  EXPECT_TRUE(IdentityMatches("Zoë", "Zoe Peeters", "", ""));
  EXPECT_TRUE(IdentityMatches("zoe", "Zoë Peeters", "", ""));
  EXPECT_TRUE(IdentityMatches("0470123456", "X", "0470 12 34 56", ""));
  EXPECT_TRUE(IdentityMatches("12 34", "X", "0470 12 34 56", ""));
  EXPECT_FALSE(IdentityMatches("sara janssens", "Sara El Amrani", "", ""));
  EXPECT_FALSE(IdentityMatches("99", "X", "0470 12 34 56", ""));  // too short for a phone part
  EXPECT_FALSE(IdentityMatches("   ", "Sara", "", ""));
}

TEST_P(WorkerDayTest, AssignedWorkerSeesNamesInCaseloadAndList) {
  std::string worker = SignIn("mwa");
  std::string id = NewDossier(worker, "Sara El Amrani", "0470 12 34 56", "Kerkstraat 4, Mechelen");
  std::string caseload = Get("/caseload", worker).body;
  EXPECT_TRUE(Has(caseload, "Sara El Amrani")) << caseload;
  std::string list = Get("/dossiers", worker).body;
  EXPECT_TRUE(Has(list, "Sara El Amrani"));
  // The listing's audit row says whose names it showed.
  bool audited = false;
  for (const auto& row : Audit())
    if (row.action == "dossiers.zoeken" && Has(row.detail, "identiteit=1") && Has(row.detail, id)) audited = true;
  EXPECT_TRUE(audited);
}

TEST_P(WorkerDayTest, NobodyElseSeesOrFindsTheName) {
  std::string worker = SignIn("mwa");
  std::string id = NewDossier(worker, "Sara El Amrani", "0470 12 34 56", "Kerkstraat 4");
  // The team lead lists every dossier but may not see the identity of a
  // dossier that is not hers; nor find it by name or phone.
  std::string lead = SignIn("teamverantwoordelijke");
  std::string list = Get("/dossiers", lead).body;
  EXPECT_TRUE(Has(list, id));
  EXPECT_FALSE(Has(list, "Sara")) << list;
  for (const char* query : {"sara", "Amrani", "0470", "kerkstraat"}) {
    WebResponse r = Get(std::string("/dossiers?zoek=") + query, lead);
    EXPECT_EQ(r.status, 200) << query;
    EXPECT_FALSE(Has(r.body, id)) << query;
  }
  // Another worker: not even the number.
  std::string other = SignIn("mwb");
  WebResponse r = Get("/dossiers?zoek=sara", other);
  EXPECT_FALSE(Has(r.body, id));
  EXPECT_FALSE(Has(Get("/caseload", other).body, "Sara"));
}

TEST_P(WorkerDayTest, SearchFindsByNamePhoneStreetAndPartialNumber) {
  std::string worker = SignIn("mwa");
  std::string sara = NewDossier(worker, "Sara El Amrani", "0470 12 34 56", "Kerkstraat 4, Mechelen");
  std::string zoe = NewDossier(worker, "Zoë Peeters", "0485 99 88 77", "Brusselsesteenweg 12, Mechelen");
  // One hit opens her dossier at once.
  for (const char* query : {"Sara", "el%20amrani", "AMRANI", "0470123456", "12%2034", "kerkstr"}) {
    WebResponse r = Get(std::string("/dossiers?zoek=") + query, worker);
    EXPECT_EQ(r.status, 303) << query << r.body;
    EXPECT_EQ(Location(r), "/dossiers/" + sara) << query;
  }
  EXPECT_EQ(Location(Get("/dossiers?zoek=zoe", worker)), "/dossiers/" + zoe);
  // A part of the dossier number, anywhere in it, in any case.
  std::string part = sara.substr(sara.size() - 3);
  WebResponse by_number = Get("/dossiers?zoek=" + part, worker);
  if (by_number.status == 303)
    EXPECT_EQ(Location(by_number), "/dossiers/" + sara);
  else
    EXPECT_TRUE(Has(by_number.body, sara)) << by_number.body;
  std::string lower = sara;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(Location(Get("/dossiers?zoek=" + lower, worker)), "/dossiers/" + sara);
  EXPECT_EQ(Location(Get("/dossiers?zoek=mwa", worker)), "/dossiers/D-mwa");  // "D-mwa" by its middle
  // More than one: a list with both names.
  WebResponse both = Get("/dossiers?zoek=mechelen", worker);
  ASSERT_EQ(both.status, 200);
  EXPECT_TRUE(Has(both.body, "Sara El Amrani"));
  EXPECT_TRUE(Has(both.body, "Zoë Peeters"));
  EXPECT_FALSE(Has(both.body, "D-mwa\""));  // no identity stored: not named by a street
  WebResponse none = Get("/dossiers?zoek=janssens", worker);
  EXPECT_EQ(none.status, 200);
  EXPECT_TRUE(Has(none.body, "0 "));
}

TEST_P(WorkerDayTest, SearchTermIsRefusedNotCutWhenTooLong) {
  std::string worker = SignIn("mwa");
  NewDossier(worker, "Sara El Amrani", "", "");
  // 70 characters whose first 64 would name her: refused, not cut.
  std::string query = "sara" + std::string(66, 'x');
  WebResponse r = Get("/dossiers?zoek=" + query, worker);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "class=\"error\""));
  EXPECT_FALSE(Has(r.body, query));
}

TEST_P(WorkerDayTest, SearchTermsNeverReachTheAudit) {
  std::string worker = SignIn("mwa");
  NewDossier(worker, "Sara El Amrani", "", "");
  Get("/dossiers?zoek=Amrani", worker);
  Get("/dossiers?zoek=nobodyhere", worker);
  for (const auto& row : Audit()) {
    EXPECT_FALSE(Has(row.detail, "Amrani")) << row.detail;
    EXPECT_FALSE(Has(row.detail, "nobodyhere")) << row.detail;
  }
}

// ---- finding 2: a long form survives an idle session --------------------------

TEST_P(WorkerDayTest, KeepAliveHoldsTheSessionOfABusyForm) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  int64_t idle = 15 * 60;
  // Pinged every few minutes while she is busy: the session outlives the
  // idle limit several times over.
  for (int i = 0; i < 4; ++i) {
    now_ += idle - 60;
    WebResponse ping = Post("/sessie/verlengen", worker, {{"csrf", csrf}}, false);
    EXPECT_EQ(ping.status, 204) << i;
  }
  EXPECT_EQ(Get("/account", worker).status, 200);
  // Without the CSRF token a ping is refused (a cross-site page cannot keep
  // a session alive), and a page left alone still expires.
  EXPECT_EQ(Post("/sessie/verlengen", worker, {}, false).status, 403);
  now_ += idle + 1;
  EXPECT_EQ(Get("/account", worker).status, 303);
}

TEST_P(WorkerDayTest, FormPostedAfterExpiryIsSavedAfterSigningInAgain) {
  std::string worker = SignIn("mwa");
  std::string csrf = Csrf(worker);
  now_ += 16 * 60;  // she talked with the mother for 16 minutes
  std::map<std::string, std::string> form = {
      {"csrf", csrf}, {"contact_date", "2025-06-02"}, {"kind", "huisbezoek"}, {"note", "Lang gesprek, alles goed"}};
  WebResponse late = Post("/dossiers/D-mwa/contacten", worker, form, false);
  ASSERT_EQ(late.status, 303) << late.body;
  std::string location = Location(late);
  ASSERT_EQ(location.rfind("/aanmelden?terug=%2Fhervatten%2F", 0), 0u) << location;
  std::string id = location.substr(location.size() - 32);
  // The sign-in page says the answers are kept.
  std::string login = Get("/aanmelden?terug=/hervatten/" + id, "").body;
  EXPECT_TRUE(Has(login, Ui(Language::kDutch, "hervatten.aanmelden")));
  // Someone else signing in on that device does not get them.
  std::string other = SignIn("mwb");
  EXPECT_FALSE(Has(Get("/hervatten/" + id, other).body, "Lang gesprek"));
  // She signs in again: the page posts her answers again with the new token.
  std::string again = SignIn("mwa");
  std::string page = Get("/hervatten/" + id, again).body;
  ASSERT_TRUE(Has(page, "data-hervat")) << page;
  ASSERT_TRUE(Has(page, "action=\"/dossiers/D-mwa/contacten\""));
  std::map<std::string, std::string> resubmitted;
  std::regex hidden("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), hidden); it != std::sregex_iterator(); ++it)
    resubmitted[(*it)[1].str()] = (*it)[2].str();
  EXPECT_EQ(resubmitted["note"], "Lang gesprek, alles goed");
  EXPECT_EQ(Post("/dossiers/D-mwa/contacten", again, resubmitted, false).status, 303);
  auto contacts = team::ListContacts(pool_->Writer(), "D-mwa");
  ASSERT_TRUE(contacts.ok());
  ASSERT_EQ(contacts->size(), 1u);
  EXPECT_EQ((*contacts)[0].date, "2025-06-02");
  // Once only.
  EXPECT_FALSE(Has(Get("/hervatten/" + id, again).body, "data-hervat"));
}

TEST_P(WorkerDayTest, ACrossSitePostIsNotKeptForAfterSignIn) {
  std::string worker = SignIn("mwa");
  now_ += 16 * 60;
  // A page elsewhere knows no token this server issued: refused as before,
  // nothing kept to be saved after the victim signs in.
  for (const std::string& token : {std::string(""), std::string(32, 'a')}) {
    WebResponse r =
        Post("/dossiers/D-mwa/contacten", worker,
             {{"csrf", token}, {"contact_date", "2025-06-02"}, {"kind", "huisbezoek"}, {"note", "x"}}, false);
    EXPECT_EQ(r.status, 403) << token;
    EXPECT_FALSE(Has(Location(r), "hervatten"));
  }
}

// ---- finding 4: everything correctable, audited --------------------------------

TEST_P(WorkerDayTest, StartFactsAndIdentityAreCorrectableAndAuditedByName) {
  std::string worker = SignIn("mwa");
  std::string id = NewDossier(worker, "Sara El Amrani", "0470 12 34 56", "Kerkstraat 4");
  auto before = pool_->Writer().GetDossier(id);
  ASSERT_TRUE(before.ok());
  WebResponse r = Post("/dossiers/" + id, worker,
                       {{"version", std::to_string(before->version)},
                        {"referrer", "Kind en Gezin"},
                        {"referrer_type", "extern"},
                        {"mother_age", "27"},
                        {"first_pregnancy", "ja"},
                        {"naam", "Sara El Amrani-Peeters"},
                        {"telefoon", "0470 12 34 99"},
                        {"adres", "Kerkstraat 6"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto after = pool_->Writer().GetDossier(id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->referrer, "Kind en Gezin");
  EXPECT_EQ(after->mother_age_at_start, 27);
  std::string page = Get("/dossiers/" + id, worker).body;
  EXPECT_TRUE(Has(page, "Sara El Amrani-Peeters"));
  EXPECT_TRUE(Has(page, "Kerkstraat 6"));
  EXPECT_TRUE(Has(page, ">27<"));  // the age is shown on the dossier
  // Audited by the names of what changed, never the values.
  bool audited = false;
  for (const auto& row : Audit()) {
    EXPECT_FALSE(Has(row.detail, "Peeters")) << row.detail;
    EXPECT_FALSE(Has(row.detail, "Kind en Gezin")) << row.detail;
    if (row.action == "dossier.wijzigen" && Has(row.detail, "referrer") && Has(row.detail, "mother_age") &&
        Has(row.detail, "identiteit"))
      audited = true;
  }
  EXPECT_TRUE(audited);
}

TEST_P(WorkerDayTest, AFormWithoutAFieldErasesNothing) {
  std::string worker = SignIn("mwa");
  std::string id = NewDossier(worker, "Sara", "", "");
  auto d = pool_->Writer().GetDossier(id);
  ASSERT_TRUE(Post("/dossiers/" + id, worker,
                   {{"version", std::to_string(d->version)}, {"referrer", "Huisarts"}, {"mother_age", "31"}})
                  .status == 303);
  // The team lead reassigns with a form that carries only the worker.
  std::string lead = SignIn("teamverantwoordelijke");
  d = pool_->Writer().GetDossier(id);
  ASSERT_EQ(Post("/dossiers/" + id, lead, {{"version", std::to_string(d->version)}, {"werker", "mwc"}}).status, 303);
  d = pool_->Writer().GetDossier(id);
  EXPECT_EQ(d->social_worker, "mwc");
  EXPECT_EQ(d->referrer, "Huisarts");
  EXPECT_EQ(d->mother_age_at_start, 31);
  EXPECT_EQ(d->start_date.ToString(), "2025-06-01");
}

TEST_P(WorkerDayTest, OnlyTheAssignedWorkerCorrectsTheIdentity) {
  std::string worker = SignIn("mwa");
  std::string id = NewDossier(worker, "Sara El Amrani", "", "");
  std::string lead = SignIn("teamverantwoordelijke");
  auto d = pool_->Writer().GetDossier(id);
  Post("/dossiers/" + id, lead, {{"version", std::to_string(d->version)}, {"naam", "Overschreven"}});
  std::string page = Get("/dossiers/" + id, worker).body;
  EXPECT_TRUE(Has(page, "Sara El Amrani"));
  EXPECT_FALSE(Has(page, "Overschreven"));
}

// ---- finding 8: errors next to the field, in the user's language ---------------

TEST_P(WorkerDayTest, ACorrectionErrorStandsNextToItsFieldWithTheTypedValues) {
  std::string worker = SignIn("mwa");
  auto d = pool_->Writer().GetDossier("D-mwa");
  WebResponse r =
      Post("/dossiers/D-mwa", worker,
           {{"version", std::to_string(d->version)}, {"mother_age", "abc"}, {"referrer", "Huisarts Peeters"}});
  EXPECT_EQ(r.status, 422);
  // On the dossier page, the form kept what was typed, no "field: text" list.
  EXPECT_TRUE(Has(r.body, "id=\"wijzigen\""));
  EXPECT_TRUE(Has(r.body, "value=\"Huisarts Peeters\""));
  EXPECT_TRUE(Has(r.body, "id=\"fout-mother_age\""));
  EXPECT_FALSE(Has(r.body, "<li>mother_age:"));
  // Letters in a number field are an error, never a silent loss.
  EXPECT_EQ(pool_->Writer().GetDossier("D-mwa")->version, d->version);
}

TEST_P(WorkerDayTest, AnotherCaseloadsDossierAnswersAsAMissingOne) {
  std::string other = SignIn("mwb");
  WebResponse theirs = Get("/dossiers/D-mwa", other);
  WebResponse missing = Get("/dossiers/D-nergens", other);
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(missing.status, 404);
  auto main_of = [](const std::string& body) { return body.substr(body.find("<main")); };
  EXPECT_EQ(main_of(theirs.body), main_of(missing.body));
  // A plain typo is not met with "this attempt was logged"; the attempt on
  // another caseload's dossier is still audited as refused.
  EXPECT_FALSE(Has(missing.body, "gelogd"));
  bool refused = false;
  for (const auto& row : Audit())
    if (row.dossier_id == "D-mwa" && row.account == "mwb" && row.outcome == "geweigerd") refused = true;
  EXPECT_TRUE(refused);
}

// ---- finding 5: the writer of a note knows who reads it -------------------------

TEST_P(WorkerDayTest, TheContactNoteWarnsThatTheTeamLeadReadsIt) {
  std::string page = Get("/dossiers/D-mwa", SignIn("mwa")).body;
  EXPECT_TRUE(Has(page, "aria-describedby=\"note-hint\""));
  EXPECT_TRUE(Has(page, Ui(Language::kDutch, "contact.waarschuwing")));
}

// ---- a long guidance: the dossier page shows the latest contacts ---------------

TEST_P(WorkerDayTest, TheDossierPageShowsTheLatestContactsAndLinksToAll) {
  std::string worker = SignIn("mwa");
  // 30 contacts, one a day in June 2025: note-01 (oldest) .. note-30 (newest).
  for (int day = 1; day <= 30; ++day) {
    std::string number = (day < 10 ? "0" : "") + std::to_string(day);
    WebResponse r = Post("/dossiers/D-mwa/contacten", worker,
                         {{"contact_date", "2025-06-" + number}, {"kind", "telefoon"}, {"note", "note-" + number}});
    ASSERT_EQ(r.status, 303) << r.body;
  }
  std::string page = Get("/dossiers/D-mwa", worker).body;
  EXPECT_TRUE(Has(page, "note-30"));
  EXPECT_TRUE(Has(page, "note-06"));   // the 25th newest
  EXPECT_FALSE(Has(page, "note-05"));  // the 26th is behind the link
  EXPECT_TRUE(Has(page, "href=\"/dossiers/D-mwa?contacten=alle#contacten\""));
  EXPECT_TRUE(Has(page, Ui(Language::kDutch, "contact.alle")));
  std::string all = Get("/dossiers/D-mwa?contacten=alle", worker).body;
  EXPECT_TRUE(Has(all, "note-01"));
  EXPECT_TRUE(Has(all, "note-30"));
  EXPECT_FALSE(Has(all, Ui(Language::kDutch, "contact.alle")));
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, WorkerDayTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace opkomst::web
