// One conformance suite, run against every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "domain/embedded_data.h"
#include "storage/rows.h"
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
  // As many versions as migration files: file N is version N.
  const int latest = static_cast<int>(Migrations("sqlite").size());
  EXPECT_EQ(store_->SchemaVersion(), latest);
  store_.reset();
  auto again = Store::Open(db_->url(), Codebook::Default());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ((*again)->SchemaVersion(), latest);
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

TEST_P(StoreConformanceTest, BulkScanReadsEveryFieldTyped) {
  Dossier a = NewDossier("A\\1");
  a.referrer = "Wel\ten \\Wee\nzorg\r";  // tab, backslash, newline, carriage return
  a.end_date = *Date::Parse("2023-08-31");
  a.child_birth_date = *Date::Parse("2023-03-30");
  a.child_age_months_at_start = -2;
  a.pregnant_at_start = *Codebook::Default().field("pregnant_at_start").options.FindCode("ja");
  Dossier b = NewDossier("B", "M2");  // one mother has one trajectory 1 (UNIQUE, migration 0006)
  b.referrer.clear();
  b.referrer_type = kMissing;
  b.due_date.reset();
  b.mother_age_at_start.reset();
  b.track = *Codebook::Default().field("track").options.FindCode("opkomst_plus");
  b.start_date = *Date::Parse("1999-12-31");  // before PostgreSQL's epoch
  ASSERT_TRUE(store_->CreateDossier(&b).ok());
  ASSERT_TRUE(store_->CreateDossier(&a).ok());
  ASSERT_TRUE(store_->PutMeasurement(a.dossier_id, 1, NewMeasurement(Moment::kEnd, 3)).ok());
  Measurement undated = NewMeasurement(Moment::kStart, 1);
  undated.measured_on.reset();
  ASSERT_TRUE(store_->PutMeasurement(a.dossier_id, 2, undated).ok());
  Score score{"B", 2, std::nullopt, 3, 4, {}};
  InterviewAnswer interview{"Mama 1", "B", b.track, 5, 2, 4};
  {
    auto import = store_->BeginImport();
    ASSERT_TRUE(import.ok());
    ASSERT_TRUE((*import)->AddScore(score).ok());
    ASSERT_TRUE((*import)->AddInterview(interview).ok());
    ASSERT_TRUE((*import)->Commit().ok());
  }
  std::vector<Score> scores;
  std::vector<InterviewAnswer> interviews;
  std::vector<Store::BulkDossier> dossiers;
  std::vector<std::string> ids, referrers, answers;
  std::vector<std::pair<Moment, std::optional<Date>>> moments;
  std::atomic<bool> other_thread{true};
  const auto caller = std::this_thread::get_id();
  ASSERT_TRUE(store_
                  ->ScanBulk({[&](const Store::BulkDossier& d) {
                                dossiers.push_back(d);
                                ids.emplace_back(d.dossier_id);
                                referrers.emplace_back(d.referrer);
                                return Status::Ok();
                              },
                              [&](const Store::BulkMeasurement& m) {
                                if (std::this_thread::get_id() == caller) other_thread = false;
                                EXPECT_EQ(m.dossier_id, "A\\1");
                                moments.emplace_back(m.moment, m.measured_on);
                                answers.emplace_back(m.answers);
                                return Status::Ok();
                              },
                              [&](const Score& s) {
                                EXPECT_EQ(std::this_thread::get_id(), caller);
                                EXPECT_EQ(dossiers.size(), 2u) << "scores come after the dossiers";
                                scores.push_back(s);
                                return Status::Ok();
                              },
                              [&](const InterviewAnswer& i) {
                                interviews.push_back(i);
                                return Status::Ok();
                              }})
                  .ok());
  EXPECT_EQ(scores, std::vector<Score>{score});
  EXPECT_EQ(interviews, std::vector<InterviewAnswer>{interview});
  ASSERT_EQ(ids, (std::vector<std::string>{"A\\1", "B"}));  // id order, whatever the order of creation
  EXPECT_EQ(referrers[0], a.referrer);
  EXPECT_EQ(referrers[1], "");
  const Store::BulkDossier& first = dossiers[0];
  EXPECT_EQ(first.start_date, a.start_date);
  EXPECT_EQ(first.end_date, a.end_date);
  EXPECT_EQ(first.due_date, a.due_date);
  EXPECT_EQ(first.child_birth_date, a.child_birth_date);
  EXPECT_EQ(first.child_age_months_at_start, -2);
  EXPECT_EQ(first.mother_age_at_start, 24);
  EXPECT_EQ(first.trajectory_number, 1);
  const Store::BulkDossier& second = dossiers[1];
  EXPECT_EQ(second.start_date, *Date::Parse("1999-12-31"));
  EXPECT_FALSE(second.end_date || second.due_date || second.child_birth_date || second.mother_age_at_start);
  EXPECT_FALSE(second.child_age_months_at_start);
  ASSERT_EQ(moments.size(), 2u);
  EXPECT_EQ(moments[0], std::make_pair(Moment::kStart, std::optional<Date>()));
  EXPECT_EQ(moments[1], std::make_pair(Moment::kEnd, Date::Parse("2023-02-01")));
  EXPECT_EQ(answers[1], EncodeAnswers(Codebook::Default(), NewMeasurement(Moment::kEnd, 3).values));
  EXPECT_TRUE(other_thread) << "measurements are read on a second thread";
}

TEST_P(StoreConformanceTest, BulkScanStopsAtTheFirstError) {
  for (const char* id : {"A", "B", "C"}) {
    Dossier d = NewDossier(id, std::string("M-") + id);
    ASSERT_TRUE(store_->CreateDossier(&d).ok());
    ASSERT_TRUE(store_->PutMeasurement(id, 1, NewMeasurement(Moment::kStart, 1)).ok());
  }
  int seen = 0;
  Status s =
      store_->ScanBulk({[&](const Store::BulkDossier&) { return ++seen == 2 ? Conflict("enough") : Status::Ok(); },
                        [&](const Store::BulkMeasurement&) { return Status::Ok(); }, nullptr, nullptr});
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_EQ(seen, 2);
  s = store_->ScanBulk({[&](const Store::BulkDossier&) { return Status::Ok(); },
                        [&](const Store::BulkMeasurement&) { return InvalidInput("bad measurement"); }, nullptr,
                        nullptr});
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  Score score{"A", 1, std::nullopt, 0, 1, {}};
  auto import = store_->BeginImport();
  ASSERT_TRUE(import.ok());
  ASSERT_TRUE((*import)->AddScore(score).ok());
  ASSERT_TRUE((*import)->Commit().ok());
  import->reset();
  s = store_->ScanBulk({[&](const Store::BulkDossier&) { return Status::Ok(); },
                        [&](const Store::BulkMeasurement&) { return Status::Ok(); },
                        [&](const Score&) { return Unavailable("bad score"); }, nullptr});
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  // The store is usable afterwards: no transaction is left open.
  Dossier d = NewDossier("D");
  EXPECT_TRUE(store_->CreateDossier(&d).ok());
}

// Writers commit while bulk scans run: every scan must see the dossiers and
// the measurements of one and the same state (each new dossier arrives with
// its measurement in one transaction, so the counts must agree).
TEST_P(StoreConformanceTest, BulkScanSeesOneStateWhileOthersWrite) {
  auto writer_opened = Store::Open(db_->url(), Codebook::Default());
  ASSERT_TRUE(writer_opened.ok());
  std::unique_ptr<Store> writer = std::move(writer_opened).value();
  std::atomic<bool> done{false};
  std::atomic<int> written{0};
  std::thread writing([&] {
    for (int i = 0; !done && i < 100000; ++i) {
      auto import = writer->BeginImport();
      if (!import.ok()) continue;
      Dossier d = NewDossier("W" + std::to_string(100000 + i), "MW" + std::to_string(i));
      if (!(*import)->AddDossiers({d}).ok()) continue;
      if (!(*import)->AddMeasurement(d.dossier_id, NewMeasurement(Moment::kStart, 1)).ok()) continue;
      if ((*import)->Commit().ok()) ++written;
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // let other writers in
    }
  });
  // At least 30 scans, and on until the writer has committed 30 times
  // among them (a busy machine may hold it back).
  int scans = 0;
  for (; (scans < 30 || written < 30) && scans < 5000; ++scans) {
    long dossiers = 0, measurements = 0;
    ASSERT_TRUE(
        store_
            ->ScanBulk({[&](const Store::BulkDossier&) { return ++dossiers, Status::Ok(); },
                        [&](const Store::BulkMeasurement&) { return ++measurements, Status::Ok(); }, nullptr, nullptr})
            .ok());
    ASSERT_EQ(dossiers, measurements) << "scan " << scans << " mixed two states";
  }
  done = true;
  writing.join();
  EXPECT_GE(written.load(), 30) << "the writer should have committed during the scans";
}

// Commands that only read open with create_if_missing off and read_only
// on: nothing is created, and a missing database is kNotFound.
class StoreOpenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StoreOpenTest, ReadOnlyOpenNeverCreatesADatabase) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  OpenOptions existing_only;
  existing_only.create_if_missing = false;
  existing_only.read_only = true;
  // The test database exists as an empty PostgreSQL database or as no file.
  auto missing = Store::Open(db.url(), Codebook::Default(), existing_only);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().message();
  // Still nothing there: a second read-only open fails the same way.
  EXPECT_EQ(Store::Open(db.url(), Codebook::Default(), existing_only).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(Store::Open(db.url(), Codebook::Default()).ok());  // the default creates it
  auto opened = Store::Open(db.url(), Codebook::Default(), existing_only);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  EXPECT_GE((*opened)->SchemaVersion(), 2);
}

TEST(StoreOpenTest, AnUnknownPostgresDatabaseIsNotFound) {
  TestDatabase db("postgres");
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  std::string url = db.url().substr(0, db.url().rfind('/')) + "/opkomst_no_such_database";
  OpenOptions existing_only;
  existing_only.create_if_missing = false;
  auto opened = Store::Open(url, Codebook::Default(), existing_only);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kNotFound) << opened.status().message();
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreOpenTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace opkomst
