// Issue 14: the web report page's cache by the store's data version. A
// repeated view with nothing changed computes nothing; every path that
// changes the report's records (store writes, the unit of work of the
// pages, scores, imports, also of records only) makes the next view
// recompute, and a rolled-back change or a write outside the records
// (sign-in, audit) does not. Both backends.
#include <gtest/gtest.h>

#include "storage/data_version.h"
#include "storage/unit_of_work.h"
#include "web/web_app_fixture.h"

namespace opkomst::web {
namespace {

// Small counts shown (gefilterd=1 without verbergen), so one more dossier shows.
const char kReport[] = "/rapporten?peildatum=2025-06-30&tabellen=T1,T2,T20&gefilterd=1";

class ReportCacheTest : public WebAppTest {
 protected:
  int64_t Version() {
    auto version = team::DataVersion(pool_->Writer());
    EXPECT_TRUE(version.ok()) << version.status().ToString();
    return version.ok() ? *version : -1;
  }
  Store& Writer() { return pool_->Writer(); }
  int64_t DossierVersion(const std::string& id) { return Writer().GetDossier(id)->version; }

  // Views the report as the team lead; returns its body.
  std::string View() {
    if (lead_.empty()) lead_ = SignIn("teamverantwoordelijke");
    WebResponse page = Get(kReport, lead_);
    EXPECT_EQ(page.status, 200) << page.body.substr(0, 300);
    return page.body;
  }
  int64_t Builds() { return app_->report_cache().builds(); }
  int64_t Loads() { return app_->report_cache().loads(); }

  // After `change`, the version moved and the next view recomputed.
  void ExpectRecomputedAfter(const char* what, const std::function<void()>& change) {
    View();
    int64_t version = Version(), builds = Builds(), loads = Loads();
    change();
    EXPECT_GT(Version(), version) << what;
    View();
    EXPECT_EQ(Builds(), builds + 1) << what << ": the report was not recomputed";
    EXPECT_EQ(Loads(), loads + 1) << what << ": the data was not reloaded";
  }

  std::string lead_;
};

TEST_P(ReportCacheTest, RepeatedViewComputesNothing) {
  std::string first = View();
  int64_t builds = Builds(), loads = Loads();
  EXPECT_EQ(builds, 1);
  EXPECT_EQ(loads, 1);
  // Another sign-in and its audit rows are not a change of the records.
  std::string other = SignIn("mwa");
  ASSERT_FALSE(other.empty());
  std::string second = View();
  EXPECT_EQ(Builds(), builds) << "a repeated view recomputed the report";
  EXPECT_EQ(Loads(), loads) << "a repeated view reloaded the data";
  EXPECT_EQ(first, second);
  // Another table list is another report on the same data: built, not loaded.
  Get("/rapporten?peildatum=2025-06-30&tabellen=T1", lead_);
  EXPECT_EQ(Builds(), builds + 1);
  EXPECT_EQ(Loads(), loads);
}

TEST_P(ReportCacheTest, NewDossierShowsAtOnce) {
  std::string before = View();
  Dossier d;
  d.dossier_id = "D-new";
  d.mother_id = "M-new";
  d.track = *Codebook::Default().field("track").options.FindCode("opkomst");
  d.start_date = *Date::Parse("2025-02-01");
  d.social_worker = "mwa";
  ASSERT_TRUE(Writer().CreateDossier(&d).ok());
  std::string after = View();
  EXPECT_NE(before, after) << "the cached report hid a new dossier";
}

TEST_P(ReportCacheTest, EveryWritePathInvalidates) {
  ExpectRecomputedAfter("Store::UpdateDossier", [&] {
    Dossier d = *Writer().GetDossier("D-mwa");
    d.referrer = "Huisarts";
    ASSERT_TRUE(Writer().UpdateDossier(&d).ok());
  });
  ExpectRecomputedAfter("Store::PutMeasurement", [&] {
    Measurement m;
    m.moment = Moment::kStart;
    m.measured_on = Date::Parse("2025-01-10");
    m.values.assign(Codebook::Default().variables().size(), kMissing);
    ASSERT_TRUE(Writer().PutMeasurement("D-mwa", DossierVersion("D-mwa"), m).ok());
  });
  ExpectRecomputedAfter("team::PutScores", [&] {
    ASSERT_TRUE(
        team::PutScores(Writer(), "D-mwa", DossierVersion("D-mwa"), 1, "2025-01-10", {{1, "2025-01-10", "income", "3"}})
            .ok());
  });
  ExpectRecomputedAfter("UnitOfWork::PutScores", [&] {
    int64_t version = DossierVersion("D-mwb");  // read before the transaction holds the store
    ASSERT_TRUE(storage::Atomically(Writer(), Codebook::Default(), [&](storage::UnitOfWork& work) -> Status {
                  OPKOMST_RETURN_IF_ERROR(
                      work.PutScores("D-mwb", version, 1, "2025-01-10", {{1, "2025-01-10", "income", "2"}}).status());
                  work.Audit({"", "", "mwb", "maatschappelijk_werker", "scores", "D-mwb", "ok", ""});
                  return Status::Ok();
                }).ok());
  });
  ExpectRecomputedAfter("an import of records of existing dossiers only", [&] {
    auto import = Writer().BeginImport();
    ASSERT_TRUE(import.ok());
    const IndicatorSet& set = Codebook::Default().indicator_set("casestudy");
    Score s{"D-mwb", 2, Date::Parse("2025-05-01"), 0, *set.ParseScore("4"), {}};
    ASSERT_TRUE((*import)->AddScore(s).ok());
    ASSERT_TRUE((*import)->Commit().ok());
  });
}

TEST_P(ReportCacheTest, RolledBackWriteKeepsTheCache) {
  View();
  int64_t version = Version(), builds = Builds();
  Dossier d = *Writer().GetDossier("D-mwa");
  d.referrer = "CAW";
  Status refused = storage::Atomically(Writer(), Codebook::Default(), [&](storage::UnitOfWork& work) -> Status {
    OPKOMST_RETURN_IF_ERROR(work.UpdateDossier(&d));
    return InvalidInput("changed my mind");
  });
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(Version(), version);
  View();
  EXPECT_EQ(Builds(), builds);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportCacheTest, ::testing::ValuesIn(opkomst::testing::Backends()));

}  // namespace
}  // namespace opkomst::web
