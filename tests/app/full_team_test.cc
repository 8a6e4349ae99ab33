// Issue 14: the demo generator's fully registered team. Every family is
// scored on the case-study set at each of its measurements, a settable
// share of the mothers is interviewed, and the whole team passes the
// exchange format's checks when imported (both backends).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "app/transfer.h"
#include "exchange/exchange.h"
#include "support/test_support.h"
#include "synthetic/generator.h"

namespace opkomst {
namespace {

using testing::TempDir;
using testing::TestDatabase;

// Keeps what the generator hands over.
class CollectingSink : public RecordSink {
 public:
  Status AddDossiers(const std::vector<Dossier>& batch) override {
    dossiers.insert(dossiers.end(), batch.begin(), batch.end());
    return Status::Ok();
  }
  Status AddMeasurement(const std::string& id, const Measurement& m) override {
    measurements[id].push_back(m);
    return Status::Ok();
  }
  Status AddScore(const Score& s) override {
    scores.push_back(s);
    return Status::Ok();
  }
  Status AddInterview(const InterviewAnswer& a) override {
    interviews.push_back(a);
    return Status::Ok();
  }
  std::vector<Dossier> dossiers;
  std::map<std::string, std::vector<Measurement>> measurements;
  std::vector<Score> scores;
  std::vector<InterviewAnswer> interviews;
};

GeneratorOptions FullTeam(int64_t dossiers, double interviewed) {
  GeneratorOptions options;
  options.dossiers = dossiers;
  options.seed = 14;
  options.every_moment = true;
  options.score_every_family = true;
  options.interviewed_share = interviewed;
  options.batch = 97;  // several batches, so interviews go with theirs
  return options;
}

TEST(FullTeamGenerator, ScoresEveryFamilyOnEverySetIndicatorAtEachMeasurement) {
  const Codebook& cb = Codebook::Default();
  const IndicatorSet& set = cb.indicator_set("casestudy");
  CollectingSink sink;
  ASSERT_TRUE(GenerateTeam(cb, FullTeam(600, 0.3), &sink).ok());
  ASSERT_EQ(sink.dossiers.size(), 600u);
  // (dossier, moment) -> indicators scored, and the date they were scored on.
  std::map<std::pair<std::string, int>, std::set<int>> scored;
  std::map<std::pair<std::string, int>, std::optional<Date>> scored_on;
  size_t nvt = 0, weet_niet = 0;
  for (const Score& s : sink.scores) {
    std::pair<std::string, int> key(s.dossier_id, s.moment);
    EXPECT_TRUE(scored[key].insert(s.indicator).second) << "twice: " << s.dossier_id;
    scored_on[key] = s.measured_on;
    nvt += set.ScoreText(s.score) == "nvt";
    weet_niet += set.ScoreText(s.score) == "weet_niet";
  }
  for (const Dossier& d : sink.dossiers) {
    const auto& measured = sink.measurements[d.dossier_id];
    ASSERT_GE(measured.size(), 2u) << d.dossier_id;
    for (size_t k = 0; k < measured.size(); ++k) {
      std::pair<std::string, int> key{d.dossier_id, static_cast<int>(k) + 1};
      EXPECT_EQ(scored[key].size(), set.indicators.size()) << d.dossier_id << " moment " << k + 1;
      EXPECT_EQ(scored_on[key], measured[k].measured_on) << d.dossier_id << " moment " << k + 1;
    }
    EXPECT_EQ(scored.count({d.dossier_id, static_cast<int>(measured.size()) + 1}), 0u);
  }
  // Some not applicable and some unknown, as in the published data.
  EXPECT_GT(nvt, sink.scores.size() / 100);
  EXPECT_GT(weet_niet, sink.scores.size() / 100);
  EXPECT_LT(nvt + weet_niet, sink.scores.size() / 2);
}

TEST(FullTeamGenerator, InterviewsTheAskedShareOfMothers) {
  const Codebook& cb = Codebook::Default();
  const size_t indicators = cb.indicator_set("interview").indicators.size();
  for (double share : {0.0, 0.3, 1.0}) {
    CollectingSink sink;
    ASSERT_TRUE(GenerateTeam(cb, FullTeam(1000, share), &sink).ok());
    std::map<std::string, size_t> answers;
    for (const InterviewAnswer& a : sink.interviews) ++answers[a.respondent_id];
    for (const auto& [respondent, count] : answers) EXPECT_EQ(count, indicators) << respondent;
    // Binomial(1000, share): within six standard deviations (and exact at 0 and 1).
    double expected = 1000 * share, spread = 6 * std::sqrt(1000 * share * (1 - share));
    EXPECT_NEAR(static_cast<double>(answers.size()), expected, spread) << "share " << share;
  }
}

TEST(FullTeamGenerator, SparseShapeIsUnchangedByTheNewOptions) {
  // The published shape (21 families scored, 9 interviewed) stays the default.
  const Codebook& cb = Codebook::Default();
  GeneratorOptions sparse = FullTeam(2000, 0.3);
  sparse.score_every_family = false;
  CollectingSink sink;
  ASSERT_TRUE(GenerateTeam(cb, sparse, &sink).ok());
  std::set<std::string> scored, interviewed;
  for (const Score& s : sink.scores) scored.insert(s.dossier_id);
  for (const InterviewAnswer& a : sink.interviews) interviewed.insert(a.respondent_id);
  EXPECT_EQ(scored.size(), 21u);
  EXPECT_EQ(interviewed.size(), 9u);
}

class FullTeamImportTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FullTeamImportTest, PassesTheExchangeChecksAndImportsWhole) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  const Codebook& cb = Codebook::Default();
  TempDir folder;
  CollectingSink counted;
  ASSERT_TRUE(GenerateTeam(cb, FullTeam(300, 0.3), &counted).ok());
  {
    ExchangeWriter writer(cb, folder.path());
    ASSERT_TRUE(writer.Begin().ok());
    ExchangeSink sink(&writer);
    ASSERT_TRUE(GenerateTeam(cb, FullTeam(300, 0.3), &sink).ok());
    ASSERT_TRUE(writer.Finish().ok());
  }
  auto store = Store::Open(db.url(), cb);
  ASSERT_TRUE(store.ok()) << store.status().message();
  Findings findings;
  ASSERT_TRUE(ImportFolder(store->get(), cb, folder.path(), ReadOptions(), &findings).ok());
  ASSERT_TRUE(findings.empty()) << findings.items().front().Describe(Language::kEnglish);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->dossiers, 300);
  EXPECT_EQ(counts->scores, static_cast<int64_t>(counted.scores.size()));
  EXPECT_EQ(counts->interviews, static_cast<int64_t>(counted.interviews.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, FullTeamImportTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst
