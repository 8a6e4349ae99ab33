// Issue 11, the team lead's and the administrator's pages: the report's
// table picker and its messages, implausible periods, download names, the
// Excel CSV, the evaluation's notes kept out of the live report, account
// messages without prefixes, the confirmation before disabling, and the
// access history in Brussels time. On both backends.
#include <gtest/gtest.h>

#include <regex>

#include "domain/schedule.h"
#include "web/web_app_fixture.h"

namespace opkomst::web {
namespace {

class LeadPagesTest : public WebAppTest {
 protected:
  std::string Header(const WebResponse& r, const std::string& name) {
    for (const auto& [header, value] : r.headers)
      if (header == name) return value;
    return "";
  }
  // The text of the field error `name` ("" if none).
  static std::string FieldError(const std::string& body, const std::string& name) {
    std::smatch m;
    std::regex re("id=\"fout-" + name + "\" role=\"alert\">([^<]*)<");
    return std::regex_search(body, m, re) ? m[1].str() : "";
  }
  void English(const std::string& token) { Get("/taal/en", token); }
};

TEST_P(LeadPagesTest, ABadTableCodeIsNamedNextToThePickerInTheUsersLanguageAndTheReportStays) {
  std::string lead = SignIn("teamverantwoordelijke");
  WebResponse r = Get("/rapporten?tabellen=T1,X99", lead);
  EXPECT_EQ(r.status, 422);
  std::string error = FieldError(r.body, "tabellen");
  EXPECT_NE(error.find("X99"), std::string::npos) << error;
  EXPECT_NE(error.find("Geen tabel of figuur"), std::string::npos) << error;
  EXPECT_EQ(r.body.find("--tables"), std::string::npos) << "not the command line's message";
  // The tables that exist are shown, with their downloads; the picker has T1 ticked.
  EXPECT_NE(r.body.find("<section id=\"T1\">"), std::string::npos);
  EXPECT_NE(r.body.find("/rapporten/download?formaat=xlsx"), std::string::npos);
  EXPECT_NE(r.body.find("name=\"tabel_T1\" value=\"1\" checked"), std::string::npos);
  EXPECT_EQ(r.body.find("name=\"tabel_T2\" value=\"1\" checked"), std::string::npos);
  English(lead);
  std::string english = FieldError(Get("/rapporten?tabellen=x99", lead).body, "tabellen");
  EXPECT_NE(english.find("Not a table or figure"), std::string::npos) << english;
  // Only bad codes: no report, the message still next to the picker.
  WebResponse none = Get("/rapporten?tabellen=Q1", lead);
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(none.body.find("<section id="), std::string::npos);
  // A download with a bad code is refused rather than a file without the table.
  EXPECT_EQ(Get("/rapporten/download?formaat=csv&tabellen=T1,X99", lead).status, 422);
}

TEST_P(LeadPagesTest, TheTablesTickedInThePickerAreTheTablesShown) {
  std::string lead = SignIn("teamverantwoordelijke");
  WebResponse r = Get("/rapporten?tabel_T3=1&tabel_F9=1", lead);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<section id=\"T3\">"), std::string::npos);
  EXPECT_NE(r.body.find("<section id=\"F9\">"), std::string::npos);
  EXPECT_EQ(r.body.find("<section id=\"T1\">"), std::string::npos);
  // The download links carry the choice.
  EXPECT_NE(r.body.find("tabellen=T3%2CF9"), std::string::npos);
  // Every part of the report is a group of the picker.
  for (const char* part : {"Bereik", "Profiel bij de start", "Impact", "Casestudie", "Figuren", "Kerncijfers"})
    EXPECT_NE(r.body.find(part), std::string::npos) << part;
}

TEST_P(LeadPagesTest, ImplausiblePeriodsAreRefusedNamingTheValue) {
  std::string lead = SignIn("teamverantwoordelijke");
  // The fixture's clock: 2025-11-24.
  struct Case {
    const char* query;
    const char* field;
    const char* value;
  } cases[] = {{"van=2025-06-01&tot=2025-01-01", "van", "2025-06-01"},
               {"peildatum=2030-01-01", "peildatum", "2030-01-01"},
               {"peildatum=2025-11-25", "peildatum", "2025-11-25"},
               {"peildatum=1990-12-31", "peildatum", "1990-12-31"},
               {"peildatum=2024-12-31&van=2025-01-01", "van", "2025-01-01"}};
  for (const Case& c : cases) {
    WebResponse r = Get(std::string("/rapporten?") + c.query, lead);
    EXPECT_EQ(r.status, 422) << c.query;
    EXPECT_NE(FieldError(r.body, c.field).find(c.value), std::string::npos)
        << c.query << ": " << r.body.substr(0, 2000);
    EXPECT_EQ(r.body.find("<section id="), std::string::npos) << c.query << ": no all-zero report";
  }
  EXPECT_EQ(Get("/rapporten?peildatum=2025-11-24&van=2025-01-01&tot=2025-06-30&tabellen=T1", lead).status, 200);
}

TEST_P(LeadPagesTest, DownloadsAreNamedByWhatTheyHold) {
  std::string lead = SignIn("teamverantwoordelijke");
  auto name = [&](const std::string& query) {
    WebResponse r = Get("/rapporten/download?" + query, lead);
    EXPECT_EQ(r.status, 200) << query;
    std::string disposition = Header(r, "Content-Disposition");
    size_t at = disposition.find("filename=\"");
    return at == std::string::npos ? disposition : disposition.substr(at + 10, disposition.size() - at - 11);
  };
  // 1764000000 is 2025-11-24 16:00 UTC, 17:00 in Brussels.
  EXPECT_EQ(name("formaat=xlsx&peildatum=2023-09-30&tabellen=T1,T5"),
            "opkomst-rapport-2023-09-30-T1-T5-20251124T1700.xlsx");
  EXPECT_EQ(name("formaat=csv&peildatum=2023-09-30&tabellen=T2"), "opkomst-rapport-2023-09-30-T2-20251124T1700.csv");
  EXPECT_EQ(name("formaat=csv_excel&peildatum=2023-09-30&traject=opkomst&tabellen=T2&verbergen=0"),
            "opkomst-rapport-2023-09-30-opkomst-T2-klein-zichtbaar-20251124T1700.excel.csv");
  EXPECT_EQ(name("formaat=html&peildatum=2023-09-30&tabellen=T1,T2,T3,T4,T5,T6"),
            "opkomst-rapport-2023-09-30-T1-T6-6-tabellen-20251124T1700.html");
  now_ += 60;  // a minute later, the same report: another name
  EXPECT_EQ(name("formaat=csv&peildatum=2023-09-30&tabellen=T2"), "opkomst-rapport-2023-09-30-T2-20251124T1701.csv");
}

TEST_P(LeadPagesTest, TheExcelCsvHasSemicolonsAByteOrderMarkAndTheNotes) {
  std::string lead = SignIn("teamverantwoordelijke");
  WebResponse plain = Get("/rapporten/download?formaat=csv&tabellen=T1", lead);
  WebResponse excel = Get("/rapporten/download?formaat=csv_excel&tabellen=T1", lead);
  ASSERT_EQ(excel.status, 200);
  ASSERT_EQ(excel.body.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 byte order mark first";
  EXPECT_NE(excel.body.find("\nNoot;"), std::string::npos) << excel.body;
  EXPECT_NE(plain.body.find("\nNoot,"), std::string::npos) << plain.body;
  // The same header row, with semicolons instead of commas.
  std::string first_plain = plain.body.substr(0, plain.body.find('\n'));
  std::string first_excel = excel.body.substr(3, excel.body.find('\n') - 3);
  EXPECT_NE(first_excel.find(';'), std::string::npos);
  for (char& c : first_plain)
    if (c == ',') c = ';';
  EXPECT_EQ(first_excel, first_plain);
}

TEST_P(LeadPagesTest, TheEvaluationsOwnNotesAreNotInTheLiveReport) {
  std::string lead = SignIn("teamverantwoordelijke");
  for (const char* route :
       {"/rapporten?tabellen=T1,T22,T27,F7b", "/rapporten/download?formaat=csv&tabellen=T1,T22,T27,F7b",
        "/rapporten/download?formaat=html&tabellen=T1,T22,T27,F7b"}) {
    WebResponse r = Get(route, lead);
    ASSERT_EQ(r.status, 200) << route;
    for (const char* evaluation : {"drukt 238", "(I-1)", "(I-19)", "(I-29)", "(I-7)", "Het rapport laat"})
      EXPECT_EQ(r.body.find(evaluation), std::string::npos) << route << ": " << evaluation;
    EXPECT_NE(r.body.find("Impact analyse: alle Opkomst+-dossiers"), std::string::npos) << route;
  }
}

TEST_P(LeadPagesTest, AccountErrorsStandNextToTheFieldWithoutPrefixesInTheUsersLanguage) {
  std::string admin = SignIn("beheerder");
  WebResponse bad =
      Post("/beheer/accounts", admin, {{"gebruikersnaam", "Bad Name"}, {"rol", "maatschappelijk_werker"}});
  EXPECT_EQ(bad.status, 422);
  std::string error = FieldError(bad.body, "gebruikersnaam");
  EXPECT_EQ(error,
            "&#39;Bad Name&#39; is geen geldige gebruikersnaam; verwacht 2 tot 32 tekens uit a-z, 0-9, punt, "
            "liggend streepje of koppelteken");
  EXPECT_EQ(bad.body.find("gebruikersnaam &#39;"), std::string::npos);
  std::string empty = FieldError(Post("/beheer/accounts", admin, {{"rol", "onderzoeker"}}).body, "gebruikersnaam");
  EXPECT_EQ(empty.rfind("Verplicht veld; verwacht 2 tot 32 tekens", 0), 0u) << empty;
  std::string taken = FieldError(
      Post("/beheer/accounts", admin, {{"gebruikersnaam", "mwb"}, {"rol", "onderzoeker"}}).body, "gebruikersnaam");
  EXPECT_EQ(taken, "&#39;mwb&#39; bestaat al; kies een andere gebruikersnaam");
  English(admin);
  std::string english = FieldError(
      Post("/beheer/accounts", admin, {{"gebruikersnaam", "Bad Name"}, {"rol", "onderzoeker"}}).body, "gebruikersnaam");
  EXPECT_NE(english.find("is not a valid user name"), std::string::npos) << english;
  // A new password that breaks the policy: next to the field, as a sentence.
  std::string worker = SignIn("mwa");
  WebResponse weak = Post("/account/wachtwoord", worker, {{"huidig", kPassword}, {"nieuw", "kort"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(FieldError(weak.body, "nieuw").rfind("Het wachtwoord is te kort", 0), 0u) << weak.body;
  EXPECT_EQ(weak.body.find("wachtwoord: "), std::string::npos);
}

TEST_P(LeadPagesTest, DisablingAnAccountAsksFirstAndSaysWhatHappened) {
  std::string admin = SignIn("beheerder"), worker = SignIn("mwb");
  WebResponse asked = Post("/beheer/accounts/mwb/actief", admin, {{"actief", "0"}});
  EXPECT_EQ(asked.status, 200);
  EXPECT_NE(asked.body.find("name=\"bevestigd\" value=\"1\""), std::string::npos);
  EXPECT_EQ(Get("/caseload", worker).status, 200) << "nothing changed before the confirmation";
  WebResponse done = Post("/beheer/accounts/mwb/actief", admin, {{"actief", "0"}, {"bevestigd", "1"}});
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(Header(done, "Location"), "/beheer/accounts?gewijzigd=mwb");
  EXPECT_EQ(Get("/caseload", worker).status, 303) << "signed out";
  std::string page = Get("/beheer/accounts?gewijzigd=mwb", admin).body;
  EXPECT_NE(page.find("<strong>mwb</strong>: uitgeschakeld. De sessies zijn beëindigd"), std::string::npos);
  ASSERT_EQ(Post("/beheer/accounts/mwb/actief", admin, {{"actief", "1"}}).status, 303) << "enabling needs no question";
  page = Get("/beheer/accounts?gewijzigd=mwb", admin).body;
  EXPECT_NE(page.find("weer ingeschakeld; het kan pas aanmelden nadat een teamverantwoordelijke"), std::string::npos);
}

TEST_P(LeadPagesTest, TheAccessHistoryShowsBrusselsTimeToTheMinuteAndActionsInWords) {
  std::string lead = SignIn("teamverantwoordelijke");
  ASSERT_EQ(Get("/dossiers/D-mwa", lead).status, 200);
  ASSERT_TRUE(app_->audit().Drain().ok());
  std::string page = Get("/dossiers/D-mwa/historiek", lead).body;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      page, m, std::regex("<time datetime=\"([0-9T:.-]+Z)\">([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2})</time>")))
      << page;
  auto utc = groups::ParseUtcTimestamp(m[1].str());
  ASSERT_TRUE(utc.has_value());
  EXPECT_EQ(m[2].str(), groups::FormatBrusselsMinute(*utc));
  EXPECT_EQ(page.find(">dossier.bekijken<"), std::string::npos) << "no raw action codes";
  EXPECT_EQ(page.find("<small>dossier."), std::string::npos);
}

TEST(BrusselsTime, AuditTimesAreShownInLocalTimeToTheMinute) {
  auto winter = groups::ParseUtcTimestamp("2026-12-02T10:30:59.999Z");
  ASSERT_TRUE(winter.has_value());
  EXPECT_EQ(groups::FormatBrusselsMinute(*winter), "2026-12-02 11:30");
  EXPECT_EQ(groups::FormatBrusselsMinute(*groups::ParseUtcTimestamp("2026-07-01T22:15:00Z")), "2026-07-02 00:15");
  EXPECT_FALSE(groups::ParseUtcTimestamp("2026-12-02 10:30").has_value());
  EXPECT_FALSE(groups::ParseUtcTimestamp("gisteren").has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadPagesTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
