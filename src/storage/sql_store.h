// The store written once (internal to storage/). SqlStore holds all of the
// store's logic: migrations, the codebook layout, the scans, the
// version-checked writes, the transactions. It talks to the database only
// through a SqlConnection, which each backend implements with what really
// differs: how a statement runs (placeholders, prepared statements, row
// streaming), how a write transaction begins, the locks, a few SQL
// fragments, the bulk writer (prepared inserts or COPY) and the bulk scan.
//
// SQL given to a SqlConnection uses `?` placeholders; values travel as text
// or NULL and are never spliced into the SQL.
#ifndef OPKOMST_STORAGE_SQL_STORE_H_
#define OPKOMST_STORAGE_SQL_STORE_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/rows.h"
#include "storage/store.h"

namespace opkomst {

// Writes the rows of one bulk import, inside the transaction the store has
// begun. Finish() sends what is buffered; the store commits after it.
class BulkWriter {
 public:
  virtual ~BulkWriter() = default;
  virtual Status Put(const TableShape& table, const Row& row) = 0;
  virtual Status Finish() = 0;
  // The import is rolled back: end whatever is in flight first.
  virtual void Abandon() = 0;
};

// One backend connection. Called only with the store's mutex held.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual std::string_view Dialect() const = 0;
  // Where the data lives, without credentials.
  virtual std::string Describe() const = 0;

  // A script of one or more statements without parameters.
  virtual Status Exec(const std::string& sql) = 0;
  // One statement with `?` placeholders; every row as text. `what` names
  // the operation in an error.
  virtual StatusOr<std::vector<Row>> Run(const std::string& sql, const Row& params, const std::string& what) = 0;
  // Rows changed by the last Run (UPDATE/DELETE/INSERT).
  virtual int64_t Changes() = 0;
  // Streams the rows of a query without holding them all in memory.
  virtual Status Stream(const std::string& sql, const std::function<Status(const Row&)>& visit) = 0;

  // Begins a write transaction (SQLite takes the write lock at once).
  virtual Status Begin() = 0;
  // Whether the database holds opkomst's schema (schema_migrations).
  virtual bool HasSchema() = 0;
  // Settings of the session, before anything else runs.
  virtual Status Configure() = 0;
  // The CREATE TABLE IF NOT EXISTS of schema_migrations.
  virtual const char* MigrationsTable() const = 0;
  // One migrator at a time across all processes sharing the database.
  virtual Status LockMigrations() = 0;
  virtual void UnlockMigrations() = 0;
  // Inside a write transaction: serialises the numbering of one mother's
  // trajectories (a no-op where the transaction holds the write lock).
  virtual Status LockMother(const std::string& mother_id) = 0;

  // SQL fragments: the current time; the suffix that orders text by bytes.
  virtual const char* Now() const = 0;
  virtual const char* ByteOrder() const = 0;

  // Cheap estimates of the counts; `exact` counts for real. Scores and
  // interviews are estimated by their sheets (storage/score_sheets.h).
  virtual StatusOr<StoreCounts> ApproximateCounts(const std::function<StatusOr<StoreCounts>()>& exact) = 0;
  virtual std::unique_ptr<BulkWriter> NewBulkWriter() = 0;
  // After a bulk import has committed (e.g. fresh planner statistics).
  virtual Status AfterImport() = 0;
  // Store::ScanBulk; `rest` runs on this connection in the same snapshot.
  virtual Status ScanBulk(const Store::BulkVisitors& visit, const std::function<Status()>& rest) = 0;
};

// A store over `connection`: migrates (per `options`) and checks the layout.
StatusOr<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<SqlConnection> connection, const Codebook& codebook,
                                              const OpenOptions& options);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_SQL_STORE_H_
