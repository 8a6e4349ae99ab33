// Attacks on the dossier side (issue 9 findings 5, 6, 10, 11, 12 and the
// control characters in audit rows), through App::Handle on both backends.
#include <filesystem>
#include <thread>

#include "app/transfer.h"
#include "domain/validation.h"
#include "web/audit.h"
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class DossierSecurityTest : public WebAppTest {
 protected:
  int64_t VersionOf(const std::string& id) {
    auto d = pool_->Writer().GetDossier(id);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? d->version : 0;
  }
  std::string WorkerOf(const std::string& id) { return pool_->Writer().GetDossier(id)->social_worker; }
  int64_t DossierCount() { return pool_->Writer().Counts()->dossiers; }

  WebResponse Assign(const std::string& token, const std::string& id, const std::string& worker) {
    return Post("/dossiers/" + id, token, {{"version", std::to_string(VersionOf(id))}, {"werker", worker}});
  }

  // Every audit row of one dossier, oldest first.
  std::vector<team::AuditRow> AuditOf(const std::string& id) {
    std::vector<team::AuditRow> rows;
    EXPECT_TRUE(team::ScanAudit(pool_->Auditor(), id, 0, 100000, &rows).ok());
    return rows;
  }

  std::map<std::string, std::string> NewDossierForm(const std::string& mother) {
    return {{"traject", "opkomst"}, {"start_date", "2025-06-01"}, {"mother_id", mother}};
  }

  // The sequence numbers of a history page's rows, in page order.
  static std::vector<std::string> Sequences(const std::string& page) {
    std::vector<std::string> out;
    std::regex row("<tr[^>]*><td>([0-9]+)</td>");
    for (auto it = std::sregex_iterator(page.begin(), page.end(), row); it != std::sregex_iterator(); ++it)
      out.push_back((*it)[1].str());
    return out;
  }

  static int CountOf(const std::string& text, const std::string& part) {
    int n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
  }
};

// ---- control characters in audit rows ------------------------------------

TEST(AuditSafeTest, EscapesControlsAndBrokenUtf8) {
  EXPECT_EQ(AuditSafe(std::string("a\x1f"
                                  "b\0c",
                                  5)),
            "a\\x1Fb\\x00c");
  EXPECT_EQ(AuditSafe("r\r\nx\x7f"), "r\\x0D\\x0Ax\\x7F");
  EXPECT_EQ(AuditSafe("caf\xc3\xa9"), "caf\xc3\xa9");  // é stays
  EXPECT_EQ(AuditSafe("x\xc2\x85y"), "x\\xC2\\x85y");  // C1 NEL
  EXPECT_EQ(AuditSafe("cut\xc3"), "cut\\xC3");         // cut UTF-8
  EXPECT_EQ(AuditSafe("\xff\xfe"), "\\xFF\\xFE");
  EXPECT_LE(AuditSafe(std::string(5000, 'x')).size(), kAuditFieldMax);
}

// ---- the domain rules behind findings 10 and 11 -----------------------------

TEST(DossierRulesTest, FormulaStartCoversTheOwaspCharactersOnly) {
  for (const char* text : {"=1+1", "+32 470", "-2+3", "@SUM(A1)", "\tx", "\rx"})
    EXPECT_TRUE(FormulaStart(text).has_value()) << text;
  for (const char* text : {"", "Huisarts", "a=b", "'=1", " x", "3-2"})
    EXPECT_FALSE(FormulaStart(text).has_value()) << text;
  EXPECT_EQ(*FormulaStart("=x"), "'='");
  EXPECT_EQ(*FormulaStart("\tx"), "tab");
}

TEST(DossierRulesTest, NewTrajectoryNumberFollowsTheImportRule) {
  KnownDossiers mother = {{"D2", {"M", 2, kMissing, *Date::Parse("2024-01-01")}},
                          {"D3", {"M", 3, kMissing, *Date::Parse("2024-06-01")}}};
  Dossier next;
  next.dossier_id = "D4";
  next.mother_id = "M";
  next.start_date = *Date::Parse("2025-01-01");
  EXPECT_EQ(NewTrajectoryNumber(mother, next), 4);  // counting earlier starts gave 3
  EXPECT_EQ(NewTrajectoryNumber({}, next), 1);
}

TEST_P(DossierSecurityTest, SignInWithSeparatorAndNulIsAuditedAndTheChainVerifies) {
  std::string hostile(
      "mw\x1f"
      "a\0x\xff",
      7);
  WebResponse r = PostPassword(hostile, "wrong password");
  EXPECT_NE(r.status, 500);
  // Others sign in at the same time: their rows share group commits with
  // hostile ones and must not be lost with them.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        // Broken UTF-8 without a NUL before it: PostgreSQL refuses it.
        AuditEvent event{t % 2 ? hostile : "mwb", "", "aanmelden", "", "mislukt", t % 2 ? "\xff\xfe" : "ok"};
        EXPECT_TRUE(app_->audit().Record(event).ok());
      }
    });
  for (auto& t : threads) t.join();
  std::vector<team::AuditRow> rows;
  ASSERT_TRUE(team::ScanAudit(pool_->Auditor(), "", 0, 100000, &rows).ok());
  int hostile_rows = 0, plain_rows = 0;
  for (const auto& row : rows) {
    for (const std::string* field : {&row.account, &row.detail})
      for (char c : *field) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "control character stored";
    if (row.account == "mw\\x1Fa\\x00x\\xFF") ++hostile_rows;
    if (row.account == "mwb") ++plain_rows;
    if (row.account == "mw\\x1Fa\\x00x\\xFF" && !row.detail.empty()) {
      EXPECT_EQ(row.detail, "\\xFF\\xFE");
    }
  }
  EXPECT_EQ(hostile_rows, 1 + 20);
  EXPECT_EQ(plain_rows, 20);
  auto verified = VerifyAudit(pool_->Auditor());
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->problem, "");
  EXPECT_EQ(verified->rows, static_cast<int64_t>(rows.size()));
}

// ---- finding 12: only active workers and team leads can hold a dossier ------

TEST_P(DossierSecurityTest, AssignmentToResearcherAdministratorDisabledOrUnknownIsRefused) {
  ASSERT_TRUE(SetAccountActive(Services(), "mwc", false, By("beheerder", "account.actief")).ok());
  std::string lead = SignIn("teamverantwoordelijke");
  ASSERT_FALSE(lead.empty());
  std::string page = Get("/dossiers/D-mwa", lead).body;
  EXPECT_NE(page.find("value=\"mwb\""), std::string::npos);
  for (const char* not_offered : {"value=\"onderzoeker\"", "value=\"beheerder\"", "value=\"mwc\""})
    EXPECT_EQ(page.find(not_offered), std::string::npos) << not_offered;
  for (const char* target : {"onderzoeker", "beheerder", "mwc", "niemand"}) {
    int64_t version = VersionOf("D-mwa");
    WebResponse r = Assign(lead, "D-mwa", target);
    EXPECT_EQ(r.status, 422) << target;
    // The error stands next to the field (issue 11 finding 8), naming the value.
    EXPECT_NE(r.body.find("id=\"fout-werker\" role=\"alert\">&#39;" + std::string(target) + "&#39;"), std::string::npos)
        << r.body;
    EXPECT_NE(r.body.find("geen actieve maatschappelijk werker"), std::string::npos);
    EXPECT_EQ(WorkerOf("D-mwa"), "mwa");
    EXPECT_EQ(VersionOf("D-mwa"), version);
    // Nor at creation.
    int64_t before = DossierCount();
    auto form = NewDossierForm("");
    form["werker"] = target;
    EXPECT_EQ(Post("/dossiers/nieuw", lead, form).status, 422) << target;
    EXPECT_EQ(DossierCount(), before);
  }
  EXPECT_EQ(Assign(lead, "D-mwa", "mwb").status, 303);
  EXPECT_EQ(WorkerOf("D-mwa"), "mwb");
}

// ---- finding 5: assignment from whom to whom, identity shown ---------------

TEST_P(DossierSecurityTest, SelfAssignmentAndBackIsVisibleWithTheIdentityView) {
  ASSERT_TRUE(team::PutIdentity(pool_->Writer(), "D-mwa", app_->sealer().Seal("Mama Geheim\n0470\nStraat 1")).ok());
  std::string lead = SignIn("teamverantwoordelijke");
  ASSERT_EQ(Assign(lead, "D-mwa", "teamverantwoordelijke").status, 303);
  std::string page = Get("/dossiers/D-mwa", lead).body;
  ASSERT_NE(page.find("Mama Geheim"), std::string::npos);
  ASSERT_EQ(Assign(lead, "D-mwa", "mwa").status, 303);
  EXPECT_EQ(Get("/dossiers/D-mwa", lead).body.find("Mama Geheim"), std::string::npos);

  std::vector<std::string> details;
  for (const auto& row : AuditOf("D-mwa"))
    if (!row.detail.empty()) details.push_back(row.action + "|" + row.account + "|" + row.detail);
  std::vector<std::string> expected = {
      "dossier.wijzigen|teamverantwoordelijke|toewijzing.zelf van=mwa naar=teamverantwoordelijke",
      "dossier.bekijken|teamverantwoordelijke|identiteit",
      "dossier.wijzigen|teamverantwoordelijke|toewijzing van=teamverantwoordelijke naar=mwa"};
  EXPECT_EQ(details, expected);

  std::string history = Get("/dossiers/D-mwa/historiek", lead).body;
  EXPECT_NE(history.find("<strong>Door de teamverantwoordelijke aan zichzelf toegewezen: mwa \u2192 "
                         "teamverantwoordelijke</strong>"),
            std::string::npos)
      << history;
  EXPECT_NE(history.find("Toegewezen: teamverantwoordelijke \u2192 mwa"), std::string::npos);
  EXPECT_NE(history.find("Identificerende gegevens getoond"), std::string::npos);
  EXPECT_NE(history.find("<tr class=\"over\">"), std::string::npos);
}

// ---- finding 6: newest first, paged, refused attempts apart ----------------

TEST_P(DossierSecurityTest, AFloodOfRefusedRequestsDoesNotHideANewAccess) {
  std::string intruder = SignIn("mwb");
  ASSERT_FALSE(intruder.empty());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 375; ++i) EXPECT_EQ(Get("/dossiers/D-mwa", intruder).status, 404);
    });
  for (auto& t : threads) t.join();
  std::string owner = SignIn("mwa");
  ASSERT_EQ(Get("/dossiers/D-mwa", owner).status, 200);
  std::string lead = SignIn("teamverantwoordelijke");

  std::string page = Get("/dossiers/D-mwa/historiek", lead).body;
  EXPECT_NE(page.find("<td>mwa</td>"), std::string::npos) << "the allowed view is not on page 1";
  EXPECT_EQ(CountOf(page, "<tr>") + CountOf(page, "<tr class"), 1 + 50);
  std::smatch older;
  ASSERT_TRUE(std::regex_search(page, older, std::regex("historiek\\?filter=alles&amp;voor=([0-9]+)")));
  std::string second = Get("/dossiers/D-mwa/historiek?filter=alles&voor=" + older[1].str(), lead).body;
  EXPECT_EQ(second.find("<td>mwa</td>"), std::string::npos);
  EXPECT_NE(second.find("<td>mwb</td>"), std::string::npos);
  // "Newer" from page 2 leads back to exactly the rows of page 1.
  std::smatch newer;
  ASSERT_TRUE(std::regex_search(second, newer, std::regex("historiek\\?filter=alles&amp;na=([0-9]+)")));
  std::string back = Get("/dossiers/D-mwa/historiek?filter=alles&na=" + newer[1].str(), lead).body;
  EXPECT_EQ(Sequences(back), Sequences(page));
  EXPECT_EQ(Sequences(page).size(), 50u);

  std::string allowed = Get("/dossiers/D-mwa/historiek?filter=toegestaan", lead).body;
  EXPECT_NE(allowed.find("<td>mwa</td>"), std::string::npos);
  EXPECT_EQ(allowed.find("<td>mwb</td>"), std::string::npos);
  std::string refused = Get("/dossiers/D-mwa/historiek?filter=geweigerd", lead).body;
  EXPECT_EQ(refused.find("<td>mwa</td>"), std::string::npos);
  EXPECT_EQ(CountOf(refused, "<td>mwb</td>"), 50);
}

// ---- finding 10: no trajectory-number oracle ---------------------------------

TEST_P(DossierSecurityTest, AnotherCaseloadsMotherIsRefusedLikeANonExistentOne) {
  std::string worker = SignIn("mwa");
  std::string form = Get("/dossiers/nieuw", worker).body;
  EXPECT_NE(form.find("<option value=\"M-mwa\">"), std::string::npos);
  EXPECT_EQ(form.find("M-mwb"), std::string::npos);
  EXPECT_EQ(form.find("name=\"mother_id\" type=\"text\""), std::string::npos);
  int64_t before = DossierCount();
  WebResponse other = Post("/dossiers/nieuw", worker, NewDossierForm("M-mwb"));
  WebResponse nobody = Post("/dossiers/nieuw", worker, NewDossierForm("M-bestaat-niet"));
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(nobody.status, 422);
  EXPECT_EQ(other.body, nobody.body);
  EXPECT_NE(other.body.find("Kies een mama uit de lijst"), std::string::npos);
  EXPECT_EQ(DossierCount(), before);

  // Her own mother: the next trajectory, by the import's rule (2 and 3
  // stored give 4, where counting earlier starts gave 3 again).
  Dossier first = *pool_->Writer().GetDossier("D-mwa");
  first.trajectory_number = 2;  // the first trajectory predates registration
  ASSERT_TRUE(pool_->Writer().UpdateDossier(&first).ok());
  Dossier third = first;
  third.dossier_id = "D-mwa-3";
  third.trajectory_number = 3;
  third.start_date = *Date::Parse("2025-03-01");
  ASSERT_TRUE(pool_->Writer().CreateDossier(&third).ok());
  WebResponse own = Post("/dossiers/nieuw", worker, NewDossierForm("M-mwa"));
  ASSERT_EQ(own.status, 303) << own.body;
  team::DossierFilter filter;
  filter.social_worker = "mwa";
  filter.limit = 100;
  int newest = 0;
  auto lines = team::ListDossiers(pool_->Writer(), filter);
  ASSERT_TRUE(lines.ok());
  for (const auto& line : *lines)
    if (line.mother_id == "M-mwa" && line.start_date == "2025-06-01") newest = line.trajectory_number;
  EXPECT_EQ(newest, 4);
}

TEST_P(DossierSecurityTest, NewMotherGetsAGeneratedPseudonymNotFreeText) {
  std::string worker = SignIn("mwa");
  auto form = NewDossierForm("");
  form["naam"] = "Echte Naam";
  WebResponse r = Post("/dossiers/nieuw", worker, form);
  ASSERT_EQ(r.status, 303);
  team::DossierFilter filter;
  filter.social_worker = "mwa";
  auto lines = team::ListDossiers(pool_->Writer(), filter);
  ASSERT_TRUE(lines.ok());
  for (const auto& line : *lines) {
    if (line.dossier_id == "D-mwa") continue;
    EXPECT_EQ(line.mother_id, "M" + line.dossier_id.substr(1));
    EXPECT_EQ(line.trajectory_number, 1);
  }
}

// ---- finding 11: formula injection -------------------------------------------

TEST_P(DossierSecurityTest, FormulaInTheReferrerIsRefusedAtEntry) {
  std::string worker = SignIn("mwa");
  int64_t before = DossierCount();
  auto form = NewDossierForm("");
  form["referrer"] = "=HYPERLINK(\"http://evil.example\",\"klik\")";
  WebResponse r = Post("/dossiers/nieuw", worker, form);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("een rekenblad zou deze tekst als formule uitvoeren"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("=HYPERLINK"), std::string::npos);
  EXPECT_EQ(DossierCount(), before);
  form["referrer"] = "Huisarts - wijkgezondheidscentrum";  // a dash inside is fine
  EXPECT_EQ(Post("/dossiers/nieuw", worker, form).status, 303);
}

TEST_P(DossierSecurityTest, FormulaPlantedInTheStoreIsExportedNeutralised) {
  Dossier d = *pool_->Writer().GetDossier("D-mwa");
  d.dossier_id = "D-planted";
  d.mother_id = "@SUM(1+1)";
  d.referrer = "=HYPERLINK(\"http://evil.example\",\"klik\")";
  d.social_worker = "-2+3";
  d.trajectory_number = 1;
  ASSERT_TRUE(pool_->Writer().CreateDossier(&d).ok());
  std::string out = dir_.File("export");
  ASSERT_TRUE(ExportFolder(&pool_->Writer(), Codebook::Default(), out).ok());
  std::string csv = testing::ReadFile(out + "/dossiers.csv");
  EXPECT_NE(csv.find("'@SUM(1+1)"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'=HYPERLINK("), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'-2+3,"), std::string::npos) << csv;
  for (const char* raw : {",@SUM", ",\"=HYPERLINK", ",=HYPERLINK", ",-2+3"})
    EXPECT_EQ(csv.find(raw), std::string::npos) << raw;
}

TEST_P(DossierSecurityTest, FormulaInAnImportIsAFindingButANegativeNumberIsNot) {
  std::string folder = dir_.File("import");
  std::filesystem::create_directories(folder);
  testing::WriteFile(folder + "/dossiers.csv",
                     "dossier_id,mother_id,track,start_date,referrer,child_age_months_at_start\n"
                     "D-1,M-1,opkomst,2024-01-01,\"=HYPERLINK(\"\"http://evil.example\"\")\",-3\n"
                     "D-2,M-2,opkomst,2024-01-01,Huisarts,-3\n"
                     "+D-3,M-3,opkomst,2024-01-01,,\n");
  Findings findings;
  ASSERT_TRUE(ImportFolder(&pool_->Writer(), Codebook::Default(), folder, {}, &findings).ok());
  ASSERT_EQ(findings.count(), 2u);
  const Finding& f = findings.items()[0];
  EXPECT_EQ(f.file, "dossiers.csv");
  EXPECT_EQ(f.line, 2);
  EXPECT_EQ(f.column, "referrer");
  EXPECT_EQ(f.value, "=HYPERLINK(\"http://evil.example\")");
  EXPECT_EQ(f.rule, "value.formula");
  EXPECT_NE(f.Describe(Language::kEnglish).find("a spreadsheet would run this text as a formula"), std::string::npos);
  EXPECT_EQ(findings.items()[1].line, 4);
  EXPECT_EQ(findings.items()[1].column, "dossier_id");
  EXPECT_EQ(DossierCount(), 2);  // nothing imported
}

INSTANTIATE_TEST_SUITE_P(Backends, DossierSecurityTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
