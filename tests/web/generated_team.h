// A generated team (synthetic/generator.h) imported into a web test's
// store, and its report dataset: for the tests that attack the reports
// through App::Handle (report_release_test.cc, keyfigures_web_test.cc).
#ifndef OPKOMST_TESTS_WEB_GENERATED_TEAM_H_
#define OPKOMST_TESTS_WEB_GENERATED_TEAM_H_

#include <gtest/gtest.h>

#include <memory>

#include "app/report_loading.h"
#include "report/dataset.h"
#include "synthetic/generator.h"
#include "web/app.h"

namespace opkomst::testing {

// 240 dossiers started 2022-2023 (eight whole quarters), generated from
// `seed` and imported; the dataset is left empty on failure (and the test
// has failed).
inline void ImportGeneratedTeam(web::StorePool* pool, uint64_t seed, std::unique_ptr<report::Dataset>* data) {
  GeneratorOptions options;
  options.dossiers = 240;
  options.seed = seed;
  options.first_start = *Date::Parse("2022-01-03");
  options.last_start = *Date::Parse("2023-12-20");
  options.as_of = *Date::Parse("2023-12-31");
  auto import = pool->Writer().BeginImport();
  ASSERT_TRUE(import.ok()) << import.status().ToString();
  ASSERT_TRUE(GenerateTeam(Codebook::Default(), options, import->get()).ok());
  ASSERT_TRUE((*import)->Commit().ok());
  auto loaded = LoadReportDataset(&pool->Reader(), Codebook::Default());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  *data = std::make_unique<report::Dataset>(std::move(*loaded));
}

}  // namespace opkomst::testing

#endif  // OPKOMST_TESTS_WEB_GENERATED_TEAM_H_
