// Import, export and validate on every backend, end to end.
#include "app/transfer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "storage/audit_store.h"
#include "support/test_support.h"
#include "synthetic/generator.h"

namespace opkomst {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::TestData;
using testing::TestDatabase;
using testing::WriteFile;

const char* const kFiles[] = {"dossiers.csv", "measurements.csv", "scores.csv", "interviews.csv"};

class TransferTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<Store> Open(const TestDatabase& db) {
    auto store = Store::Open(db.url(), Codebook::Default());
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // Imports `dir` and returns the findings' descriptions (empty = success).
  std::vector<std::string> Import(Store* store, const std::string& dir) {
    Findings findings;
    Status s = ImportFolder(store, Codebook::Default(), dir, ReadOptions(), &findings);
    EXPECT_TRUE(s.ok()) << s.message();
    std::vector<std::string> out;
    for (const Finding& f : findings.items()) out.push_back(f.Describe(Language::kEnglish));
    return out;
  }

  void ExpectSameFolders(const std::string& a, const std::string& b) {
    for (const char* f : kFiles)
      EXPECT_EQ(ReadFile(a + "/" + f), ReadFile(b + "/" + f)) << f << " differs between " << a << " and " << b;
  }
};

TEST_P(TransferTest, ImportExportImportGivesIdenticalData) {
  TestDatabase first(GetParam()), second(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(first);
  TempDir generated, exported, reexported;
  {
    ExchangeWriter writer(Codebook::Default(), generated.path());
    ASSERT_TRUE(writer.Begin().ok());
    ExchangeSink sink(&writer);
    GeneratorOptions options;
    options.dossiers = 400;
    options.seed = 11;
    ASSERT_TRUE(GenerateTeam(Codebook::Default(), options, &sink).ok());
    ASSERT_TRUE(writer.Finish().ok());
  }
  auto a = Open(first), b = Open(second);
  ASSERT_EQ(Import(a.get(), generated.path()), std::vector<std::string>{});
  ASSERT_TRUE(ExportFolder(a.get(), Codebook::Default(), exported.path()).ok());
  ASSERT_EQ(Import(b.get(), exported.path()), std::vector<std::string>{});
  ASSERT_TRUE(ExportFolder(b.get(), Codebook::Default(), reexported.path()).ok());
  ExpectSameFolders(exported.path(), reexported.path());
  EXPECT_EQ(a->Counts()->measurements, b->Counts()->measurements);
  EXPECT_GT(a->Counts()->scores, 0);
  EXPECT_GT(a->Counts()->interviews, 0);
  // Dossiers come out in id order with exactly the generated values.
  EXPECT_EQ(ReadFile(generated.File("dossiers.csv")), ReadFile(exported.File("dossiers.csv")));
  EXPECT_EQ(ReadFile(generated.File("measurements.csv")), ReadFile(exported.File("measurements.csv")));
}

TEST_P(TransferTest, AForeignFolderImportsAndRoundTrips) {
  // tests/data/foreign: written by hand from EXCHANGE.md alone, with Dutch
  // labels, a BOM, CRLF line ends, quoted fields, free column order and
  // empty trajectory numbers.
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  auto store = Open(db);
  ASSERT_EQ(Import(store.get(), TestData("foreign")), std::vector<std::string>{});
  auto counts = store->Counts();
  EXPECT_EQ(counts->dossiers, 6);
  EXPECT_EQ(counts->measurements, 10);
  EXPECT_EQ(counts->scores, 8);
  EXPECT_EQ(counts->interviews, 4);
  auto second = store->GetDossier("OK-2021-017");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->trajectory_number, 2);  // derived from mother_id and start date
  EXPECT_EQ(second->referrer, "Wel en Wee, wijkgezondheidscentrum");
  TempDir exported;
  ASSERT_TRUE(ExportFolder(store.get(), Codebook::Default(), exported.path()).ok());
  ExpectSameFolders(exported.path(), TestData("foreign_expected"));
}

TEST_P(TransferTest, MalformedFoldersLeaveTheDatabaseAsItWas) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  auto store = Open(db);
  ASSERT_EQ(Import(store.get(), TestData("foreign")), std::vector<std::string>{});
  TempDir before;
  ASSERT_TRUE(ExportFolder(store.get(), Codebook::Default(), before.path()).ok());
  // Each broken folder: valid new dossiers first, then one bad row late in a
  // later file, so a partial import would show.
  const std::string good_dossiers =
      "dossier_id,mother_id,track,start_date\nN1,NM1,opkomst,2023-01-01\n"
      "N2,NM2,opkomst,2023-02-01\n";
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"measurements.csv", "dossier_id,moment,housing\nN1,start,dakloos\nN2,start,\"open\n"},
      {"measurements.csv", "dossier_id,moment,housing\nN1,start,dakloos\nN2,start,kasteel\n"},
      {"measurements.csv", "dossier_id,moment,housing\nN1,start,dakloos\nGHOST,start,dakloos\n"},
      {"measurements.csv", "dossier_id,moment,housing,kleur\nN1,start,dakloos,rood\n"},
      {"scores.csv", "dossier_id,moment,indicator,score\nN1,1,stress,3\nN1,1,stress,4\n"},
      {"interviews.csv", "respondent_id,track,indicator,score_start\nMama X,opkomst,debt_free,9\n"},
      {"measurements.csv", std::string("dossier_id,moment,housing\nN1,start,dakl\xF6os\n")},
      {"dossiers.csv", "dossier_id,mother_id,track,start_date\nN1,NM1,opkomst,2023-01-01\nN1,NM1,opkomst,2023-01-02\n"},
      {"dossiers.csv", "dossier_id,mother_id,track,start_date\nOK-2020-001,X,opkomst,2023-01-01\n"},
  };
  for (const auto& [file, content] : broken) {
    TempDir dir;
    WriteFile(dir.File("dossiers.csv"), good_dossiers);
    WriteFile(dir.File(file), content);
    EXPECT_FALSE(Import(store.get(), dir.path()).empty()) << file << ": " << content;
    TempDir after;
    ASSERT_TRUE(ExportFolder(store.get(), Codebook::Default(), after.path()).ok());
    ExpectSameFolders(before.path(), after.path());
  }
}

TEST_P(TransferTest, AnImportWritesOneAuditRowWithCountsNotContents) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  auto store = Open(db);
  ASSERT_EQ(Import(store.get(), TestData("foreign")), std::vector<std::string>{});
  auto outbox = storage::ReadOutbox(*store, 100);
  ASSERT_TRUE(outbox.ok());
  ASSERT_EQ(outbox->size(), 1u);
  const storage::AuditEntry& row = outbox->front();
  EXPECT_EQ(row.action, "import");
  EXPECT_EQ(row.account, "cli");
  EXPECT_EQ(row.outcome, "ok");
  EXPECT_EQ(row.dossier_id, "");
  EXPECT_EQ(row.detail, "dossiers=6 metingen=10 scores=8 interviews=4");
  // A refused import writes nothing, its audit row neither (one transaction).
  TempDir broken;
  WriteFile(broken.File("dossiers.csv"), "dossier_id,mother_id,track,start_date\nN1,NM1,opkomst,2023-01-01\n");
  WriteFile(broken.File("measurements.csv"), "dossier_id,moment,housing\nN1,start,kasteel\n");
  EXPECT_FALSE(Import(store.get(), broken.path()).empty());
  outbox = storage::ReadOutbox(*store, 100);
  ASSERT_TRUE(outbox.ok());
  EXPECT_EQ(outbox->size(), 1u);
}

TEST_P(TransferTest, ValidateReportsWithoutWriting) {
  TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  auto store = Open(db);
  Findings findings;
  ASSERT_TRUE(ValidateFolder(store.get(), Codebook::Default(), TestData("foreign"), ReadOptions(), &findings).ok());
  EXPECT_TRUE(findings.empty());
  EXPECT_EQ(store->Counts()->dossiers, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, TransferTest, ::testing::ValuesIn(testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace opkomst
