// Support money on both backends (issue 13): a grant inside the framework
// needs no approval; outside it, above the ceiling per grant or above the
// ceiling per family per year it becomes a request that the team lead
// approves or refuses, always with a reason; every grant and decision is
// audited without its amount.
#include "app/support_money.h"

#include <gtest/gtest.h>

#include <memory>

#include "app/one_dossier_fixture.h"
#include "storage/audit_store.h"
#include "support/test_support.h"

namespace opkomst::app {
namespace {

class SupportMoneyTest : public OneDossierTest {
 protected:
  void SetUp() override {
    if (!OpenWithOneDossier("opkomst_plus")) return;
    auto id = SaveItem(services(), {{0, "winterjas", "kleding", 6000, 10000, true}, Lead("kader.item")});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    coat_ = *id;
  }
  AuditEvent Lead(const char* action) { return {"lead", "teamverantwoordelijke", action, "", "ok", ""}; }
  AuditEvent Worker(const char* action) { return {"mwa", "maatschappelijk_werker", action, "", "ok", ""}; }

  StatusOr<storage::Grant> Grant(std::optional<int64_t> item, const char* text, int64_t cents, const char* on) {
    storage::Grant g;
    g.dossier_id = "D-1";
    g.granted_on = on;
    g.item_id = item;
    g.item = text;
    g.amount = cents;
    g.reason = "koude winter, geen jas";
    return RegisterGrant(services(), {g, "2026-01-10T10:00:00Z", Worker("steungeld.registreren")});
  }

  int64_t coat_ = 0;
};

TEST_P(SupportMoneyTest, InsideTheFrameworkNoApprovalElseARequest) {
  auto inside = Grant(coat_, "", 4550, "2026-01-10");
  ASSERT_TRUE(inside.ok()) << inside.status().ToString();
  EXPECT_EQ(inside->status, "toegekend");
  EXPECT_EQ(inside->item, "winterjas");
  EXPECT_EQ(inside->category, "kleding");
  // Above the ceiling per grant.
  auto above = Grant(coat_, "", 6001, "2026-01-11");
  ASSERT_TRUE(above.ok());
  EXPECT_EQ(above->status, "aangevraagd");
  // Within per grant, but the family's year total would pass 100 euro.
  auto year = Grant(coat_, "", 5500, "2026-02-01");
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->status, "aangevraagd");
  // A new year starts again.
  auto next_year = Grant(coat_, "", 5500, "2027-01-05");
  ASSERT_TRUE(next_year.ok());
  EXPECT_EQ(next_year->status, "toegekend");
  // Outside the framework.
  auto outside = Grant(std::nullopt, "rijlessen", 30000, "2026-03-01");
  ASSERT_TRUE(outside.ok());
  EXPECT_EQ(outside->status, "aangevraagd");
  EXPECT_EQ(outside->category, "buiten_kader");

  // The lead decides, with a reason; a second decision is a conflict.
  EXPECT_EQ(DecideGrant(services(), {outside->id, true, "", "lead", "2026-03-02", Lead("steungeld.beslissen")}).code(),
            StatusCode::kInvalidInput);
  ASSERT_TRUE(
      DecideGrant(services(), {outside->id, true, "werk vinden", "lead", "2026-03-02", Lead("steungeld.beslissen")})
          .ok());
  EXPECT_EQ(
      DecideGrant(services(), {outside->id, false, "toch niet", "lead", "2026-03-03", Lead("steungeld.beslissen")})
          .code(),
      StatusCode::kConflict);
  ASSERT_TRUE(
      DecideGrant(services(), {above->id, false, "boven plafond", "lead", "2026-03-02", Lead("steungeld.beslissen")})
          .ok());
  // A decision on an inside grant: nothing to decide.
  EXPECT_EQ(DecideGrant(services(), {inside->id, true, "x", "lead", "2026-03-02", Lead("steungeld.beslissen")}).code(),
            StatusCode::kConflict);

  auto approved = storage::GetGrant(*store_, outside->id);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->status, "goedgekeurd");
  EXPECT_EQ(approved->decision_reason, "werk vinden");
  EXPECT_EQ(approved->decided_by, "lead");
  auto waiting = storage::ListGrants(*store_, {"", "aangevraagd", 0});
  ASSERT_TRUE(waiting.ok());
  EXPECT_EQ(waiting->size(), 1u);  // the year-ceiling request

  // Every grant and decision audited, no amount in the detail.
  auto outbox = storage::ReadOutbox(*store_, 100);
  ASSERT_TRUE(outbox.ok());
  int grants = 0, decisions = 0;
  for (const storage::AuditEntry& e : *outbox) {
    grants += e.action == "steungeld.registreren";
    decisions += e.action == "steungeld.beslissen";
    EXPECT_EQ(e.detail.find("4550"), std::string::npos);
    EXPECT_EQ(e.detail.find("30000"), std::string::npos);
  }
  EXPECT_EQ(grants, 5);
  EXPECT_EQ(decisions, 2);  // the refused attempts committed nothing
}

TEST_P(SupportMoneyTest, RefusesBadInputNamingTheField) {
  storage::Grant g;
  g.dossier_id = "D-1";
  g.granted_on = "2026-02-30";
  g.item = "=HYPERLINK(\"x\")";
  g.amount = 0;
  auto bad = RegisterGrant(services(), {g, "2026-01-10T10:00:00Z", Worker("steungeld.registreren")});
  ASSERT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  for (const char* field : {"granted_on", "amount", "reason", "item"})
    EXPECT_NE(bad.status().message().find(field), std::string::npos) << bad.status().message();
  EXPECT_EQ(SaveItem(services(), {{0, "winterjas", "kleding", 100, 100, true}, Lead("kader.item")}).status().code(),
            StatusCode::kAlreadyExists);
}

TEST(EuroCents, ParsesOnlyPlainAmounts) {
  EXPECT_EQ(ParseEuroCents("45,50"), 4550);
  EXPECT_EQ(ParseEuroCents("45.5"), 4550);
  EXPECT_EQ(ParseEuroCents("45"), 4500);
  for (const char* bad : {"", "0", "-5", "45,", "45,505", "1e3", "4 5", "99999999"})
    EXPECT_FALSE(ParseEuroCents(bad)) << bad;
  EXPECT_EQ(FormatEuro(4550), "€ 45,50");
}

INSTANTIATE_TEST_SUITE_P(Backends, SupportMoneyTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::app
