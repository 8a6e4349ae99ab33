// One conformance suite, run against every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "domain/embedded_data.h"
#include "storage/store.h"
#include "support/test_support.h"
#include "synthetic/generator.h"

namespace opkomst {
namespace {

using testing::TestDatabase;

class StoreConformanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    OPKOMST_SKIP_IF_UNAVAILABLE(*db_);
    auto opened = Store::Open(db_->url(), Codebook::Default());
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }

  Dossier NewDossier(const std::string& id, const std::string& mother = "M1") {
    Dossier d;
    d.dossier_id = id;
    d.mother_id = mother;
    d.track = *Codebook::Default().field("track").options.FindCode("opkomst");
    d.start_date = *Date::Parse("2023-01-15");
    d.referrer = "AZ Sint-Maarten";
    d.referrer_type = *Codebook::Default().field("referrer_type").options.FindCode("extern");
    d.due_date = *Date::Parse("2023-04-02");
    d.mother_age_at_start = 24;
    d.trajectory_number = 1;  // bulk imports carry numbers; CreateDossier derives 0
    return d;
  }

  Measurement NewMeasurement(Moment moment, Code housing) {
    Measurement m;
    m.moment = moment;
    m.measured_on = *Date::Parse("2023-02-01");
    m.values.assign(Codebook::Default().variables().size(), kMissing);
    m.values[static_cast<size_t>(*Codebook::Default().FindVariable("housing"))] = housing;
    m.values[static_cast<size_t>(*Codebook::Default().FindVariable("children_in_household"))] = 3;
    return m;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformanceTest, MigratesOnceAndReopens) {
  EXPECT_EQ(store_->SchemaVersion(), 2);
  store_.reset();
  auto again = Store::Open(db_->url(), Codebook::Default());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ((*again)->SchemaVersion(), 2);
}

TEST_P(StoreConformanceTest, CreatesReadsAndNumbersTrajectories) {
  Dossier first = NewDossier("A");
  first.trajectory_number = 0;
  ASSERT_TRUE(store_->CreateDossier(&first).ok());
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.trajectory_number, 1);
  Dossier second = NewDossier("B");
  second.trajectory_number = 0;
  second.start_date = *Date::Parse("2024-06-01");
  ASSERT_TRUE(store_->CreateDossier(&second).ok());
  EXPECT_EQ(second.trajectory_number, 2);
  auto read = store_->GetDossier("A");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, first);
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(store_->GetDossier("nope").status().code(), StatusCode::kNotFound);
  Dossier duplicate = NewDossier("A");
  EXPECT_EQ(store_->CreateDossier(&duplicate).code(), StatusCode::kAlreadyExists);
}

TEST_P(StoreConformanceTest, RefusesAStaleUpdate) {
  Dossier d = NewDossier("A");
  ASSERT_TRUE(store_->CreateDossier(&d).ok());
  Dossier mine = *store_->GetDossier("A");
  Dossier theirs = *store_->GetDossier("A");
  theirs.social_worker = "mw02";
  ASSERT_TRUE(store_->UpdateDossier(&theirs).ok());
  EXPECT_EQ(theirs.version, 2);
  mine.social_worker = "mw07";
  Status s = store_->UpdateDossier(&mine);
  EXPECT_EQ(s.code(), StatusCode::kConflict) << s.message();
  EXPECT_EQ(mine.version, 1);
  EXPECT_EQ(store_->GetDossier("A")->social_worker, "mw02");  // theirs survives
}

TEST_P(StoreConformanceTest, MeasurementsBumpTheVersionAndRefuseStaleWrites) {
  Dossier d = NewDossier("A");
  ASSERT_TRUE(store_->CreateDossier(&d).ok());
  auto v2 = store_->PutMeasurement("A", 1, NewMeasurement(Moment::kStart, 2));
  ASSERT_TRUE(v2.ok()) << v2.status().message();
  EXPECT_EQ(*v2, 2);
  EXPECT_EQ(store_->PutMeasurement("A", 1, NewMeasurement(Moment::kStart, 4)).status().code(), StatusCode::kConflict);
  auto v3 = store_->PutMeasurement("A", 2, NewMeasurement(Moment::kStart, 5));  // replaces
  ASSERT_TRUE(v3.ok());
  auto ms = store_->GetMeasurements("A");
  ASSERT_TRUE(ms.ok());
  ASSERT_EQ(ms->size(), 1u);
  EXPECT_EQ((*ms)[0], NewMeasurement(Moment::kStart, 5));
  EXPECT_EQ(store_->PutMeasurement("nope", 1, NewMeasurement(Moment::kEnd, 1)).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, ConcurrentWritersNeverLoseAnUpdate) {
  Dossier d = NewDossier("A");
  ASSERT_TRUE(store_->CreateDossier(&d).ok());
  // Eight workers each try to save from the same version; exactly one wins.
  std::atomic<int> won{0}, conflicts{0};
  std::vector<std::thread> workers;
  for (int i = 0; i < 8; ++i) {
    workers.emplace_back([&, i] {
      Dossier copy = d;
      copy.social_worker = "mw" + std::to_string(i);
      Status s = store_->UpdateDossier(&copy);
      (s.ok() ? won : conflicts)++;
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
  EXPECT_EQ(store_->GetDossier("A")->version, 2);
}

TEST_P(StoreConformanceTest, ImportIsInvisibleUntilCommitAndRollsBackOtherwise) {
  {
    auto tx = store_->BeginImport();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->AddDossiers({NewDossier("A"), NewDossier("B", "M2")}).ok());
    ASSERT_TRUE((*tx)->AddMeasurement("A", NewMeasurement(Moment::kStart, 1)).ok());
    // destroyed without Commit
  }
  EXPECT_EQ(store_->Counts()->dossiers, 0);
  EXPECT_EQ(store_->Counts()->measurements, 0);
  {
    auto tx = store_->BeginImport();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->AddDossiers({NewDossier("A")}).ok());
    ASSERT_TRUE((*tx)->AddMeasurement("A", NewMeasurement(Moment::kStart, 1)).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_EQ(store_->Counts()->dossiers, 1);
  EXPECT_EQ(store_->Counts()->measurements, 1);
}

TEST_P(StoreConformanceTest, AFailingImportLeavesNothingBehind) {
  Dossier existing = NewDossier("A");
  ASSERT_TRUE(store_->CreateDossier(&existing).ok());
  {
    auto tx = store_->BeginImport();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->AddDossiers({NewDossier("B", "M2")}).ok());
    // A duplicate key fails (at once, or at commit for COPY).
    Status s = (*tx)->AddDossiers({NewDossier("A")});
    if (s.ok()) s = (*tx)->Commit();
    EXPECT_FALSE(s.ok());
  }
  EXPECT_EQ(store_->Counts()->dossiers, 1);
  EXPECT_EQ(store_->GetDossier("B").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, ScansInAStableOrderWithEveryValueIntact) {
  GeneratorOptions options;
  options.dossiers = 120;
  options.seed = 7;
  std::vector<Dossier> dossiers;
  std::vector<std::pair<std::string, Measurement>> measurements;
  struct Collect : RecordSink {
    std::vector<Dossier>* d;
    std::vector<std::pair<std::string, Measurement>>* m;
    Status AddDossiers(const std::vector<Dossier>& x) override {
      d->insert(d->end(), x.begin(), x.end());
      return Status::Ok();
    }
    Status AddMeasurement(const std::string& id, const Measurement& x) override {
      m->emplace_back(id, x);
      return Status::Ok();
    }
    Status AddScore(const Score&) override { return Status::Ok(); }
    Status AddInterview(const InterviewAnswer&) override { return Status::Ok(); }
  } collect;
  collect.d = &dossiers;
  collect.m = &measurements;
  ASSERT_TRUE(GenerateTeam(Codebook::Default(), options, &collect).ok());
  auto tx = store_->BeginImport();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->AddDossiers(dossiers).ok());
  for (const auto& [id, m] : measurements) ASSERT_TRUE((*tx)->AddMeasurement(id, m).ok());
  ASSERT_TRUE((*tx)->Commit().ok());  // releases the store for the scans below

  std::vector<Dossier> scanned;
  ASSERT_TRUE(store_
                  ->ScanDossiers([&](const Dossier& d) {
                    scanned.push_back(d);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(scanned.size(), dossiers.size());
  for (size_t i = 0; i < dossiers.size(); ++i) EXPECT_EQ(scanned[i], dossiers[i]) << dossiers[i].dossier_id;
  size_t index = 0;
  ASSERT_TRUE(store_
                  ->ScanMeasurements([&](const std::string& id, const Measurement& m) {
                    EXPECT_EQ(id, measurements[index].first);
                    EXPECT_EQ(m, measurements[index].second) << id;
                    ++index;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(index, measurements.size());
  // A visitor's error stops the scan and comes back unchanged.
  int seen = 0;
  Status stopped = store_->ScanDossiers(
      [&](const Dossier&) { return ++seen == 3 ? Status(StatusCode::kUnavailable, "disk full") : Status::Ok(); });
  EXPECT_EQ(stopped.message(), "disk full");
  EXPECT_EQ(seen, 3);
  EXPECT_TRUE(store_->Counts().ok());  // the connection is still usable
}

TEST_P(StoreConformanceTest, RefusesACodebookThatReordersStoredCodes) {
  store_.reset();
  // Swap two housing options: stored codes would change meaning.
  auto swapped = Codebook::Parse([] {
    std::string data(EmbeddedCodebookText());
    size_t a = data.find("option dakloos");
    size_t a_end = data.find('\n', a) + 1;
    std::string line = data.substr(a, a_end - a);
    data.erase(a, a_end - a);
    size_t b = data.find("option crisisopvang");
    data.insert(data.find('\n', b) + 1, line);
    return data;
  }());
  ASSERT_TRUE(swapped.ok());
  auto opened = Store::Open(db_->url(), **swapped);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kIncompatible);
  EXPECT_NE(opened.status().message().find("housing"), std::string::npos) << opened.status().message();
}

TEST_P(StoreConformanceTest, RawScansKeepEveryCharacter) {
  Dossier d = NewDossier("A\\1");
  d.referrer = "Wel\ten \\Wee\nzorg\r";  // tab, backslash, newline, carriage return
  d.end_date = std::nullopt;
  ASSERT_TRUE(store_->CreateDossier(&d).ok());
  ASSERT_TRUE(store_->PutMeasurement(d.dossier_id, 1, NewMeasurement(Moment::kEnd, 3)).ok());
  int rows = 0;
  ASSERT_TRUE(store_
                  ->ScanRawDossiers([&](const Store::RawDossier& r) {
                    ++rows;
                    EXPECT_EQ(r[0], "A\\1");
                    EXPECT_EQ(r[7], d.referrer);
                    EXPECT_EQ(r[5], "");  // NULL end date
                    EXPECT_EQ(r[4].substr(0, 10), "2023-01-15");
                    EXPECT_EQ(r[15], "2");  // version
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(rows, 1);
  ASSERT_TRUE(store_
                  ->ScanRawMeasurements([&](const Store::RawMeasurement& m) {
                    EXPECT_EQ(m.dossier_id, "A\\1");
                    EXPECT_EQ(m.moment, 2);
                    EXPECT_EQ(m.answers, EncodeAnswers(Codebook::Default(), NewMeasurement(Moment::kEnd, 3).values));
                    return Status::Ok();
                  })
                  .ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace opkomst
