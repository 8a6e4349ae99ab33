// A store on each backend holding one dossier, D-1 of mother M-1 (worker
// mwa, started 2025-12-01), for the use-case tests of group work, reminders
// and support money. Derive, call OpenWithOneDossier(track) in SetUp, and
// return when it skipped or failed.
#ifndef OPKOMST_TESTS_APP_ONE_DOSSIER_FIXTURE_H_
#define OPKOMST_TESTS_APP_ONE_DOSSIER_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/change.h"
#include "domain/codebook.h"
#include "domain/date.h"
#include "domain/dossier.h"
#include "storage/store.h"
#include "support/test_support.h"

namespace opkomst::app {

class OneDossierTest : public ::testing::TestWithParam<std::string> {
 protected:
  // True when the store is open and D-1 exists; false when the backend is
  // unavailable (the test is skipped) or a step failed (the test failed).
  bool OpenWithOneDossier(const char* track) {
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    if (!db_->available()) {
      [&] { GTEST_SKIP() << db_->skip_reason(); }();  // marks the test skipped
      return false;
    }
    auto store = Store::Open(db_->url(), Codebook::Default());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (!store.ok()) return false;
    store_ = std::move(*store);
    Dossier d;
    d.dossier_id = "D-1";
    d.mother_id = "M-1";
    d.track = *Codebook::Default().field("track").options.FindCode(track);
    d.start_date = *Date::Parse("2025-12-01");
    d.social_worker = "mwa";
    Status created = store_->CreateDossier(&d);
    EXPECT_TRUE(created.ok()) << created.ToString();
    return created.ok();
  }
  Services services() { return {*store_, Codebook::Default(), nullptr}; }
  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

}  // namespace opkomst::app

#endif  // OPKOMST_TESTS_APP_ONE_DOSSIER_FIXTURE_H_
