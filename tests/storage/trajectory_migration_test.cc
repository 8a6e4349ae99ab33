// Trajectory numbers are unique per mother (migration 0006), also on a
// database made before the rule that already holds duplicates: opening it
// with this opkomst renumbers the later trajectories and keeps every row.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <map>

#include "storage/rows.h"
#include "storage/store.h"
#include "support/test_support.h"

namespace opkomst {
namespace {

// Runs SQL on the database directly, as an older opkomst or a hand edit would.
void RawSql(const std::string& url, const std::string& sql) {
  if (url.rfind("sqlite:", 0) == 0) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url.substr(7).c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  } else {
    PGconn* conn = PQconnectdb(url.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
    PGresult* result = PQexec(conn, sql.c_str());
    ExecStatusType status = PQresultStatus(result);
    std::string message = PQerrorMessage(conn);
    PQclear(result);
    PQfinish(conn);
    ASSERT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << message;
  }
}

Dossier Make(const std::string& id, const std::string& mother, int number, const char* start) {
  Dossier d;
  d.dossier_id = id;
  d.mother_id = mother;
  d.trajectory_number = number;
  d.track = *Codebook::Default().field("track").options.FindCode("opkomst");
  d.start_date = *Date::Parse(start);
  return d;
}

class TrajectoryMigrationTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TrajectoryMigrationTest, TheSchemaRefusesADuplicateNumberOfOneMother) {
  testing::TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  auto store = Store::Open(db.url(), Codebook::Default());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Dossier first = Make("A", "m1", 2, "2022-01-01"), second = Make("B", "m1", 2, "2023-01-01");
  ASSERT_TRUE((*store)->CreateDossier(&first).ok());
  Status s = (*store)->CreateDossier(&second);
  EXPECT_FALSE(s.ok()) << "a second trajectory 2 of mother m1 was stored";
  Dossier other = Make("C", "m2", 2, "2023-01-01");  // another mother may have a number 2
  EXPECT_TRUE((*store)->CreateDossier(&other).ok());
}

TEST_P(TrajectoryMigrationTest, UpgradingADatabaseWithDuplicatesRenumbersAndKeepsEveryRow) {
  testing::TestDatabase db(GetParam());
  OPKOMST_SKIP_IF_UNAVAILABLE(db);
  const std::string dialect = GetParam() == "sqlite" ? "sqlite" : "postgres";
  // The trajectory rule's migration.
  int rule = 0;
  for (const Migration& m : Migrations(dialect))
    if (m.sql.find("trajectory_renumbering") != std::string_view::npos) rule = m.version;
  ASSERT_GT(rule, 0);
  // A database as an opkomst from before the rule made it: the migrations
  // before the rule only (built here, so later migrations need no undoing),
  // then the duplicates that schema allowed: mother m1 has 1, 2, 2, 2 and 3.
  std::string old_schema = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY);";
  for (const Migration& m : Migrations(dialect)) {
    if (m.version >= rule) break;
    old_schema +=
        std::string(m.sql) + ";\nINSERT INTO schema_migrations (version) VALUES (" + std::to_string(m.version) + ");";
  }
  RawSql(db.url(), old_schema);
  std::string insert;
  for (const auto& [id, number, start] :
       std::vector<std::tuple<std::string, int, std::string>>{{"m1-a", 1, "2020-01-01"},
                                                              {"m1-b", 2, "2021-01-01"},
                                                              {"m1-d", 2, "2022-06-01"},
                                                              {"m1-c", 2, "2022-01-01"},
                                                              {"m1-e", 3, "2023-01-01"},
                                                              {"m2-a", 2, "2021-01-01"}})
    insert +=
        "INSERT INTO dossier (dossier_id, mother_id, trajectory_number, track, start_date, social_worker) "
        "VALUES ('" +
        id + "', '" + id.substr(0, 2) + "', " + std::to_string(number) + ", 'opkomst', '" + start + "', 'mwa');";
  RawSql(db.url(), insert);

  auto store = Store::Open(db.url(), Codebook::Default());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::map<std::string, int> numbers;
  for (const char* id : {"m1-a", "m1-b", "m1-c", "m1-d", "m1-e", "m2-a"}) {
    auto d = (*store)->GetDossier(id);
    ASSERT_TRUE(d.ok()) << id << ": " << d.status().ToString();  // every row is kept
    numbers[id] = d->trajectory_number;
  }
  // The first of each number by start date keeps it; the later ones follow
  // the mother's highest (3), in start-date order: m1-c (2022-01) then m1-d.
  EXPECT_EQ(numbers,
            (std::map<std::string, int>{{"m1-a", 1}, {"m1-b", 2}, {"m1-c", 4}, {"m1-d", 5}, {"m1-e", 3}, {"m2-a", 2}}));
  auto renumbered = (*store)->GetDossier("m1-c");
  EXPECT_GT(renumbered->version, 1) << "an open form on the renumbered dossier must meet a conflict";
  // And from now on the schema refuses a duplicate.
  Dossier again = Make("m1-f", "m1", 5, "2024-01-01");
  EXPECT_FALSE((*store)->CreateDossier(&again).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, TrajectoryMigrationTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst
