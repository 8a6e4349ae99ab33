// Loading the report's dataset from a store (app/report_loading.h) on every
// backend gives exactly the dataset built from the same records in memory
// (report::DatasetFromRecords), and so the same report.
#include "app/report_loading.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "report/report.h"
#include "support/test_support.h"
#include "synthetic/generator.h"

namespace opkomst {
namespace {

using testing::TestDatabase;

// Keeps every record in memory and writes it to the import as well.
class Tee : public RecordSink {
 public:
  explicit Tee(RecordSink* next) : next_(next) {}
  Status AddDossiers(const std::vector<Dossier>& dossiers) override {
    dossiers_.insert(dossiers_.end(), dossiers.begin(), dossiers.end());
    return next_->AddDossiers(dossiers);
  }
  Status AddMeasurement(const std::string& id, const Measurement& m) override {
    measurements_.emplace_back(id, m);
    return next_->AddMeasurement(id, m);
  }
  Status AddScore(const Score& s) override {
    scores_.push_back(s);
    return next_->AddScore(s);
  }
  Status AddInterview(const InterviewAnswer& a) override {
    interviews_.push_back(a);
    return next_->AddInterview(a);
  }

  std::vector<Dossier> dossiers_;
  std::vector<std::pair<std::string, Measurement>> measurements_;
  std::vector<Score> scores_;
  std::vector<InterviewAnswer> interviews_;

 private:
  RecordSink* next_;
};

class ReportLoadingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ReportLoadingTest, TheStoreLoadsWhatTheRecordsBuildInMemory) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  const Codebook& codebook = Codebook::Default();
  auto store = Store::Open(db.url(), codebook);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto import = (*store)->BeginImport();
  ASSERT_TRUE(import.ok()) << import.status().message();
  Tee records(import->get());
  GeneratorOptions options;
  options.dossiers = 400;
  // A fully registered team (issue 14): every family scored, 30% interviewed.
  options.every_moment = options.score_every_family = true;
  ASSERT_TRUE(GenerateTeam(codebook, options, &records).ok());
  ASSERT_TRUE((*import)->Commit().ok());
  ASSERT_FALSE(records.scores_.empty());
  // In memory, in a different order than the store's.
  std::reverse(records.dossiers_.begin(), records.dossiers_.end());
  std::reverse(records.measurements_.begin(), records.measurements_.end());
  std::reverse(records.scores_.begin(), records.scores_.end());
  std::reverse(records.interviews_.begin(), records.interviews_.end());

  auto loaded = LoadReportDataset(store->get(), codebook);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  auto built = report::DatasetFromRecords(codebook, records.dossiers_, records.measurements_, records.scores_,
                                          records.interviews_);
  ASSERT_TRUE(built.ok()) << built.status().message();

  ASSERT_EQ(loaded->size(), 400u);
  ASSERT_EQ(built->size(), loaded->size());
  for (size_t i = 0; i < loaded->size(); ++i) ASSERT_EQ(built->id(i), loaded->id(i));
  const report::DossierColumns &a = loaded->dossiers(), &b = built->dossiers();
  EXPECT_EQ(a.track, b.track);
  EXPECT_EQ(a.referrer_group, b.referrer_group);
  EXPECT_EQ(a.referrer_type, b.referrer_type);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.end, b.end);
  EXPECT_EQ(a.trajectory, b.trajectory);
  EXPECT_EQ(a.mother_age, b.mother_age);
  EXPECT_EQ(a.child_age_months, b.child_age_months);
  EXPECT_EQ(a.registered, b.registered);
  EXPECT_EQ(a.measured_on, b.measured_on);
  for (size_t moment = 0; moment < kMomentCount; ++moment)
    for (size_t v = 0; v < codebook.variables().size(); ++v) {
      const int8_t* x = loaded->Column(static_cast<Moment>(moment), static_cast<int>(v));
      const int8_t* y = built->Column(static_cast<Moment>(moment), static_cast<int>(v));
      ASSERT_TRUE(std::equal(x, x + loaded->size(), y)) << "moment " << moment << ", variable " << v;
    }
  EXPECT_EQ(loaded->score_count(), built->score_count());
  ASSERT_EQ(loaded->scored_dossiers(), built->scored_dossiers());
  ASSERT_EQ(loaded->score_width(), built->score_width());
  for (size_t k = 0; k < loaded->scored_dossiers().size(); ++k)
    for (size_t i = 0; i < loaded->score_width(); ++i)
      EXPECT_EQ(loaded->spans(k)[i], built->spans(k)[i]) << "scored dossier " << k << ", indicator " << i;
  EXPECT_EQ(loaded->interviews(), built->interviews());

  report::Filters filters;
  filters.as_of = *Date::FromYmd(2023, 9, 30);
  EXPECT_EQ(report::RenderJson(report::BuildReport(*loaded, filters, {}, 0)),
            report::RenderJson(report::BuildReport(*built, filters, {}, 0)));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportLoadingTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace opkomst
