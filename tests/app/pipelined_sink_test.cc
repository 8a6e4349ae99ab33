#include "app/pipelined_sink.h"

#include <gtest/gtest.h>

namespace opkomst {
namespace {

class CountingSink : public RecordSink {
 public:
  explicit CountingSink(int fail_at = -1) : fail_at_(fail_at) {}
  Status AddDossiers(const std::vector<Dossier>& d) override {
    for (const Dossier& x : d) order.push_back(x.dossier_id);
    return Status::Ok();
  }
  Status AddMeasurement(const std::string& id, const Measurement&) override {
    if (static_cast<int>(order.size()) == fail_at_) return Status(StatusCode::kUnavailable, "disk full");
    order.push_back("m:" + id);
    return Status::Ok();
  }
  Status AddScore(const Score& s) override {
    order.push_back("s:" + s.dossier_id);
    return Status::Ok();
  }
  Status AddInterview(const InterviewAnswer& a) override {
    order.push_back("i:" + a.respondent_id);
    return Status::Ok();
  }
  std::vector<std::string> order;

 private:
  int fail_at_;
};

TEST(PipelinedSinkTest, DeliversEverythingInOrder) {
  CountingSink target;
  PipelinedSink pipe(&target);
  Dossier d;
  d.dossier_id = "D";
  ASSERT_TRUE(pipe.AddDossiers({d}).ok());
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(pipe.AddMeasurement(std::to_string(i), Measurement()).ok());
  ASSERT_TRUE(pipe.AddScore(Score{"S", 1, std::nullopt, 0, 0, {}}).ok());
  ASSERT_TRUE(pipe.AddInterview(InterviewAnswer{"Mama 1", "", 0, 0, std::nullopt, std::nullopt}).ok());
  ASSERT_TRUE(pipe.Finish().ok());
  ASSERT_EQ(target.order.size(), 10003u);
  EXPECT_EQ(target.order.front(), "D");
  EXPECT_EQ(target.order[5000], "m:4999");
  EXPECT_EQ(target.order.back(), "i:Mama 1");
}

TEST(PipelinedSinkTest, ReportsTheTargetsFirstError) {
  CountingSink target(/*fail_at=*/300);
  PipelinedSink pipe(&target);
  Status last;
  for (int i = 0; i < 100000 && last.ok(); ++i) last = pipe.AddMeasurement(std::to_string(i), Measurement());
  Status finished = pipe.Finish();
  EXPECT_EQ(finished.code(), StatusCode::kUnavailable);
  EXPECT_EQ(finished.message(), "disk full");
  EXPECT_EQ(target.order.size(), 300u);  // nothing after the failure
}

}  // namespace
}  // namespace opkomst
