// The web pages go through the application layer: a change's audit record
// is committed with the change (one record, not one from the page and one
// from the use case), and expected failures keep their kind up to HTTP.
#include <gtest/gtest.h>

#include "app/audit.h"
#include "storage/audit_store.h"
#include "storage/team.h"
#include "web/app_internal.h"
#include "web/web_app_fixture.h"

namespace opkomst::web {
namespace {

class UseCaseWebTest : public WebAppTest {
 protected:
  int Rows(const std::string& dossier_id, const std::string& action, const std::string& outcome) {
    std::vector<team::AuditRow> rows;
    EXPECT_TRUE(team::ScanAudit(pool_->Auditor(), dossier_id, 0, 1000, &rows).ok());
    int n = 0;
    for (const team::AuditRow& row : rows) n += row.action == action && row.outcome == outcome;
    return n;
  }
};

TEST_P(UseCaseWebTest, AChangeFromThePageHasExactlyOneAuditRecordAndAnEmptyOutbox) {
  std::string a = SignIn("mwa");
  std::map<std::string, std::string> form{
      {"version", "1"}, {"measured_on", "2025-01-15"}, {"v_income_mother", "leefloon"}};
  ASSERT_EQ(Post("/dossiers/D-mwa/moment/start", a, form).status, 303);
  ASSERT_EQ(
      Post("/dossiers/D-mwa/contacten", a, {{"contact_date", "2025-01-16"}, {"kind", "huisbezoek"}, {"note", "x"}})
          .status,
      303);
  EXPECT_EQ(Rows("D-mwa", "moment.registreren", "ok"), 1);
  EXPECT_EQ(Rows("D-mwa", "contact.toevoegen", "ok"), 1);
  // A stale version changes nothing: audited once, as a conflict.
  EXPECT_EQ(Post("/dossiers/D-mwa/moment/start", a, form).status, 409);
  EXPECT_EQ(Rows("D-mwa", "moment.registreren", "conflict"), 1);
  EXPECT_EQ(Rows("D-mwa", "moment.registreren", "ok"), 1);
  auto waiting = storage::ReadOutbox(pool_->Writer(), 10);
  ASSERT_TRUE(waiting.ok());
  EXPECT_TRUE(waiting->empty());
  auto verified = app::VerifyAudit(pool_->Auditor());
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->problem, "");
}

TEST_P(UseCaseWebTest, TheTranslatorMapsEachStatusCodeToItsHttpStatus) {
  WebRequest request;
  request.method = "POST";
  request.path = "/dossiers/D-mwa";
  const std::pair<Status, int> cases[] = {{InvalidInput("rule"), 422},
                                          {Conflict("stale"), 409},
                                          {AlreadyExists("taken"), 409},
                                          {NotFound("gone"), 404},
                                          {Unavailable("database down"), 503}};
  for (const auto& [status, http] : cases) {
    WebResponse response;
    Context ctx{*app_, request, response, std::nullopt, "", {}, std::nullopt, Language::kEnglish, "ok", ""};
    SendFailure(ctx, status);
    EXPECT_EQ(response.status, http) << status.ToString();
    EXPECT_EQ(response.body.find(status.message()), std::string::npos) << "internal text leaked";
  }
  WebResponse response;
  Context ctx{*app_, request, response, std::nullopt, "", {}, std::nullopt, Language::kEnglish, "ok", ""};
  SendFailure(ctx, Unavailable("down"));
  bool retry_after = false;
  for (const auto& [name, value] : response.headers) retry_after = retry_after || name == "Retry-After";
  EXPECT_TRUE(retry_after);
  EXPECT_NE(response.body.find("Temporarily unavailable"), std::string::npos);
  EXPECT_THROW(SendFailure(ctx, Internal("bug")), std::runtime_error);  // 500 with an incident number
}

INSTANTIATE_TEST_SUITE_P(Backends, UseCaseWebTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::web
