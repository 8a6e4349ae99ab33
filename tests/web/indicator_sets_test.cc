// Indicator sets the team lead maintains (issue 11): a new version through
// the page, audited; the scoring form shows its labels, anchor texts, order
// and drops; scores keep the version they were given with; and the rules
// that keep the comparison like with like (no removal, no stale overwrite,
// plain text only) hold on both backends.
#include "domain/indicator_sets.h"

#include <gtest/gtest.h>

#include "storage/indicator_sets.h"
#include "storage/team.h"
#include "web/web_app_fixture.h"

namespace opkomst::web {
namespace {

class IndicatorSetsTest : public WebAppTest {
 protected:
  const IndicatorSet& Set() { return Codebook::Default().indicator_set("casestudy"); }

  // The form as the page sends it back unchanged for version `based_on`.
  std::map<std::string, std::string> UnchangedForm(int based_on) {
    std::map<std::string, std::string> form{{"based_on", std::to_string(based_on)}};
    int order = 0;
    for (const Indicator& i : Set().indicators) {
      std::string p = "i_" + i.name + "_";
      form[p + "label_nl"] = i.label_nl;
      form[p + "label_en"] = i.gloss_en;
      form[p + "order"] = std::to_string(order += 10);
      if (i.dropped) form[p + "dropped"] = "1";
    }
    return form;
  }

  int SavedVersions() {
    auto versions = team::ListIndicatorSetVersions(pool_->Writer(), "casestudy");
    EXPECT_TRUE(versions.ok());
    return versions.ok() ? static_cast<int>(versions->size()) : -1;
  }

  WebResponse Score(const std::string& token, int number, const std::string& indicator, const std::string& day) {
    auto dossier = pool_->Writer().GetDossier("D-mwa");
    EXPECT_TRUE(dossier.ok());
    return Post("/dossiers/D-mwa/indicatoren/" + std::to_string(number), token,
                {{"version", std::to_string(dossier->version)}, {"measured_on", day}, {"i_" + indicator, "2"}});
  }
};

TEST_P(IndicatorSetsTest, ANewVersionRelabelsAnchorsReordersDropsAndAddsAndTheFormShowsIt) {
  std::string lead = SignIn("teamverantwoordelijke"), worker = SignIn("mwa");
  ASSERT_EQ(Get("/team/indicatoren", lead).status, 200);
  // Measurement 1 with version 1 of the set.
  ASSERT_EQ(Score(worker, 1, "residence", "2025-02-01").status, 303);

  auto form = UnchangedForm(1);
  form["i_residence_label_nl"] = "Woonplaats en verblijf";
  form["i_residence_anchor1"] = "Geen vaste verblijfplaats";
  form["i_residence_anchor5"] = "Eigen, stabiele woning";
  form["i_income_dropped"] = "1";
  form["i_debts_order"] = "1";  // first of all
  form["i_nieuw_name"] = "digital_skills";
  form["i_nieuw_domain"] = "0";
  form["i_nieuw_label_nl"] = "Digitale vaardigheden";
  form["i_nieuw_order"] = "5";
  WebResponse saved = Post("/team/indicatoren", lead, form);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  EXPECT_EQ(SavedVersions(), 1);

  std::string page = Get("/dossiers/D-mwa/indicatoren/2", worker).body;
  EXPECT_NE(page.find("Woonplaats en verblijf"), std::string::npos);
  EXPECT_NE(page.find("<li value=\"1\">Geen vaste verblijfplaats</li>"), std::string::npos);
  EXPECT_NE(page.find("name=\"i_digital_skills\""), std::string::npos);
  EXPECT_EQ(page.find("name=\"i_income\""), std::string::npos) << "a dropped indicator is not asked";
  EXPECT_LT(page.find("name=\"i_debts\""), page.find("name=\"i_digital_skills\""));
  EXPECT_LT(page.find("name=\"i_digital_skills\""), page.find("name=\"i_residence\""));
  // Which measurements exist, and when.
  EXPECT_NE(page.find("2025-02-01 (Versie 1)"), std::string::npos);

  // Measurement 2 is scored with version 2; measurement 1 keeps version 1.
  ASSERT_EQ(Score(worker, 2, "digital_skills", "2025-03-01").status, 303);
  auto scores = team::GetScores(pool_->Writer(), "D-mwa");
  ASSERT_TRUE(scores.ok());
  ASSERT_EQ(scores->size(), 2u);
  EXPECT_EQ((*scores)[0].set_version, 1);
  EXPECT_EQ((*scores)[1].set_version, 2);
  // The comparison pairs only the same indicator: the new one has no score at 1.
  std::string compared = Get("/dossiers/D-mwa/indicatoren/2", worker).body;
  EXPECT_NE(compared.find("<tr><th>Digitale vaardigheden</th><td>-</td><td>2</td><td></td></tr>"), std::string::npos);
  EXPECT_NE(compared.find("<tr><th>Woonplaats en verblijf</th><td>2</td><td>-</td><td></td></tr>"), std::string::npos);

  // Audited: one record of the save, by the team lead.
  std::vector<team::AuditRow> rows;
  ASSERT_TRUE(team::ScanAudit(pool_->Auditor(), "", 0, 1000, &rows).ok());
  int saves = 0;
  for (const auto& row : rows)
    saves += row.action == "indicatoren.set_bewaren" && row.outcome == "ok" && row.account == "teamverantwoordelijke";
  EXPECT_EQ(saves, 1);
}

TEST_P(IndicatorSetsTest, TheReportTablesShowTheTeamsCurrentSetWithItsAddedIndicator) {
  std::string lead = SignIn("teamverantwoordelijke"), worker = SignIn("mwa");
  const Indicator& residence = Set().indicators[static_cast<size_t>(*Set().FindIndicator("residence"))];
  const Indicator& income = Set().indicators[static_cast<size_t>(*Set().FindIndicator("income"))];
  ASSERT_FALSE(income.dropped);
  // Before: the codebook's labels (and the report is now cached).
  std::string before = Get("/rapporten?tabellen=T21", lead).body;
  EXPECT_NE(before.find(">" + residence.label_nl + "<"), std::string::npos);
  EXPECT_NE(before.find(">" + income.label_nl + "<"), std::string::npos);

  auto form = UnchangedForm(1);
  form["i_residence_label_nl"] = "Woonplaats en verblijf";
  form["i_income_dropped"] = "1";
  form["i_nieuw_name"] = "digital_skills";
  form["i_nieuw_domain"] = "0";
  form["i_nieuw_label_nl"] = "Digitale vaardigheden";
  form["i_nieuw_order"] = "5";
  ASSERT_EQ(Post("/team/indicatoren", lead, form).status, 303);
  // The added indicator scored twice: the report reads it, not refusing it as corrupt.
  ASSERT_EQ(Score(worker, 1, "digital_skills", "2025-02-01").status, 303);
  ASSERT_EQ(Score(worker, 2, "digital_skills", "2025-05-01").status, 303);

  WebResponse after = Get("/rapporten?tabellen=T20,T21", lead);
  ASSERT_EQ(after.status, 200) << after.body.substr(0, 2000);
  EXPECT_NE(after.body.find("<tr><th>Digitale vaardigheden</th>"), std::string::npos) << "the added indicator is a row";
  EXPECT_NE(after.body.find("<tr><th>Woonplaats en verblijf</th>"), std::string::npos) << "the current label";
  EXPECT_EQ(after.body.find("<tr><th>" + residence.label_nl + "</th>"), std::string::npos);
  EXPECT_EQ(after.body.find("<tr><th>" + income.label_nl + "</th>"), std::string::npos) << "dropped: not a row";
  // The documented CSV for programs reads the same.
  EXPECT_NE(Get("/rapporten/download?formaat=csv&tabellen=T21", lead).body.find("Digitale vaardigheden"),
            std::string::npos);
}

TEST_P(IndicatorSetsTest, AStaleFormIsAConflictAndABrokenRuleSavesNothing) {
  std::string lead = SignIn("teamverantwoordelijke");
  ASSERT_EQ(Post("/team/indicatoren", lead, UnchangedForm(1)).status, 303);
  // A second lead who opened version 1 before the first saved.
  WebResponse stale = Post("/team/indicatoren", lead, UnchangedForm(1));
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(SavedVersions(), 1);
  // A formula in an anchor text, an empty label, a taken name: each refused at its field.
  auto form = UnchangedForm(2);
  form["i_stress_anchor3"] = "=HYPERLINK(\"http://x\")";
  form["i_network_label_nl"] = "";
  form["i_nieuw_name"] = "residence";
  form["i_nieuw_label_nl"] = "Nog eens";
  WebResponse refused = Post("/team/indicatoren", lead, form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"fout-i_stress_anchor3\""), std::string::npos) << refused.body.substr(0, 2000);
  EXPECT_NE(refused.body.find("gewone tekst"), std::string::npos);
  EXPECT_NE(refused.body.find("bestaat al"), std::string::npos);
  EXPECT_EQ(SavedVersions(), 1);
}

TEST_P(IndicatorSetsTest, OnlyTheTeamLeadMaintainsTheSet) {
  for (const char* user : {"mwa", "onderzoeker", "beheerder"}) {
    std::string token = SignIn(user);
    EXPECT_EQ(Get("/team/indicatoren", token).status, 403) << user;
    EXPECT_EQ(Post("/team/indicatoren", token, UnchangedForm(1)).status, 403) << user;
  }
  EXPECT_EQ(SavedVersions(), 0);
}

TEST(IndicatorSetRules, AnIndicatorOnceScoredIsNeverRemovedOnlyDropped) {
  const IndicatorSet& set = Codebook::Default().indicator_set("casestudy");
  IndicatorSetVersion current = CodebookVersion(set);
  std::vector<IndicatorDefinition> next = current.indicators;
  next.erase(next.begin());  // residence gone
  Findings findings = CheckIndicatorSetVersion(set, current, next);
  ASSERT_EQ(findings.count(), 1u);
  EXPECT_EQ(findings.items()[0].rule, "indicator_set.removed");
  // Dropping keeps it, and passes.
  next = current.indicators;
  next[0].dropped = true;
  EXPECT_TRUE(CheckIndicatorSetVersion(set, current, next).empty());
  // The stored form reads back the same.
  next[0].anchors[2] = "Tijdelijk onderdak bij familie";
  auto parsed = ParseIndicators(SerializeIndicators(next), set);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ((*parsed)[0].anchors[2], "Tijdelijk onderdak bij familie");
  EXPECT_TRUE((*parsed)[0].dropped);
  EXPECT_EQ(parsed->size(), next.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, IndicatorSetsTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
