#include "storage/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "storage/sql_store.h"
#include "storage/sqlite/sqlite_bulk.h"

namespace opkomst {
namespace {

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  // `copy` false binds without copying (SQLITE_STATIC): only for rows that
  // outlive the next Step(), as in the bulk import's hot loop.
  void Bind(const Row& row, bool copy = true) {
    for (size_t i = 0; i < row.size(); ++i) Bind(static_cast<int>(i) + 1, row[i], copy);
  }
  void Bind(int index, const Cell& cell, bool copy = true) {
    if (cell) {
      sqlite3_bind_text(stmt_, index, cell->data(), static_cast<int>(cell->size()),
                        copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
    } else {
      sqlite3_bind_null(stmt_, index);
    }
  }
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  int Step() { return sqlite3_step(stmt_); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Row CurrentRow() const {
    Row row(static_cast<size_t>(sqlite3_column_count(stmt_)));
    for (size_t i = 0; i < row.size(); ++i) {
      int col = static_cast<int>(i);
      if (sqlite3_column_type(stmt_, col) != SQLITE_NULL)
        row[i] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col)),
                             static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
    }
    return row;
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

Status SqlError(sqlite3* db, const std::string& what) {
  int code = sqlite3_extended_errcode(db);
  std::string message = what + ": " + sqlite3_errmsg(db);
  if (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE) return AlreadyExists(message);
  if (code == SQLITE_CONSTRAINT_FOREIGNKEY) return NotFound(message);
  if ((code & 0xff) == SQLITE_CONSTRAINT) return InvalidInput(message);
  // Disk full or a failed write or flush: said plainly, because the
  // operator's remedy (free space, check the disk) differs from a busy or
  // missing database's.
  if ((code & 0xff) == SQLITE_FULL)
    return Unavailable("the disk holding the database is full (" + message +
                       "); the change was rolled back, nothing of it is stored: free space and retry");
  if ((code & 0xff) == SQLITE_IOERR)
    return Unavailable("writing to the disk holding the database failed (" + message +
                       "); the change is not confirmed as stored: check the disk and retry");
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED || (code & 0xff) == SQLITE_CANTOPEN ||
      (code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_FULL || (code & 0xff) == SQLITE_IOERR)
    return Unavailable(message);
  return Internal(message);
}

// The bulk import's inserts: one prepared statement per table, values bound
// without copying (each row lives until its statement is reset).
class SqliteBulkWriter : public BulkWriter {
 public:
  explicit SqliteBulkWriter(sqlite3* db) : db_(db) {}
  Status Put(const TableShape& table, const Row& row) override {
    std::unique_ptr<Statement>& insert = inserts_[table.name];
    if (!insert) {
      std::string marks;
      for (size_t i = 0; i < table.columns.size(); ++i) marks += i ? ",?" : "?";
      insert = std::make_unique<Statement>(
          db_, "INSERT INTO " + table.name + " (" + table.column_list + ") VALUES (" + marks + ")");
    }
    insert->Bind(row, /*copy=*/false);
    int rc = insert->Step();
    insert->Reset();
    if (rc != SQLITE_DONE) return SqlError(db_, table.name + " " + row[0].value_or(""));
    return Status::Ok();
  }
  Status Finish() override {
    inserts_.clear();
    return Status::Ok();
  }
  void Abandon() override { inserts_.clear(); }

 private:
  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Statement>> inserts_;
};

// One SQLite connection, guarded by the store's mutex, so there is exactly
// one writer.
class SqliteConnection : public SqlConnection {
 public:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {
    sqlite3_busy_timeout(db_, 10000);
  }
  ~SqliteConnection() override {
    statements_.clear();  // finalized before the connection closes
    sqlite3_close_v2(db_);
  }

  std::string_view Dialect() const override { return "sqlite"; }
  std::string Describe() const override { return "sqlite:" + path_; }

  Status Exec(const std::string& sql) override {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return SqlError(db_, "SQL failed");
    return Status::Ok();
  }

  StatusOr<std::vector<Row>> Run(const std::string& sql, const Row& params, const std::string& what) override {
    Statement* q = Prepared(sql);
    if (!q) return SqlError(db_, "preparing " + what);
    // Reset at every exit: a statement left stepping would hold its read
    // transaction open, and the next Run would see an old snapshot.
    struct ResetAtEnd {
      Statement* statement;
      ~ResetAtEnd() { statement->Reset(); }
    } reset{q};
    for (size_t i = 0; i < params.size(); ++i) q->Bind(static_cast<int>(i) + 1, params[i]);
    std::vector<Row> rows;
    int rc;
    while ((rc = q->Step()) == SQLITE_ROW) rows.push_back(q->CurrentRow());
    if (rc != SQLITE_DONE) return SqlError(db_, what);
    return rows;
  }

  int64_t Changes() override { return sqlite3_changes(db_); }

  Status Stream(const std::string& sql, const std::function<Status(const Row&)>& visit) override {
    Statement q(db_, sql);
    if (!q.ok()) return SqlError(db_, "preparing scan");
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) OPKOMST_RETURN_IF_ERROR(visit(q.CurrentRow()));
    if (rc != SQLITE_DONE) return SqlError(db_, "scanning");
    return Status::Ok();
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }

  bool HasSchema() override {
    Statement q(db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    return q.ok() && q.Step() == SQLITE_ROW;
  }

  Status Configure() override {
    // A larger page cache (16 MiB) per connection: the web server keeps several readers.
    return Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;");
  }

  const char* MigrationsTable() const override {
    return "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
           "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))";
  }

  // Each migration's BEGIN IMMEDIATE takes the file's write lock.
  Status LockMigrations() override { return Status::Ok(); }
  void UnlockMigrations() override {}
  // The write transaction holds the file's write lock already.
  Status LockMother(const std::string&) override { return Status::Ok(); }

  const char* Now() const override { return "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"; }
  const char* ByteOrder() const override { return ""; }  // BINARY, SQLite's default

  // Counting every measurement reads the whole table (50 ms at three
  // million); the dossiers are a third of that and bound the measurements.
  StatusOr<StoreCounts> ApproximateCounts(const std::function<StatusOr<StoreCounts>()>&) override {
    Statement q(db_, "SELECT (SELECT count(*) FROM dossier), (SELECT count(*) FROM score_sheet)");
    if (!q.ok() || q.Step() != SQLITE_ROW) return SqlError(db_, "counting");
    return StoreCounts{q.Int(0), q.Int(0) * kMomentCount, q.Int(1), 0};
  }

  std::unique_ptr<BulkWriter> NewBulkWriter() override { return std::make_unique<SqliteBulkWriter>(db_); }
  Status AfterImport() override { return Status::Ok(); }

  Status ScanBulk(const Store::BulkVisitors& visit, const std::function<Status()>& rest) override {
    return SqliteScanBulk(db_, path_, visit, rest);
  }

 private:
  // Run's statements, prepared once per connection: preparing them at
  // every call was 16% of the web server's CPU (bench/web.sh under perf).
  // Run steps a statement to its end before it returns, so a cached one is
  // never in use twice. Bounded: statements with a varying number of
  // placeholders would otherwise pile up.
  Statement* Prepared(const std::string& sql) {
    auto found = statements_.find(sql);
    if (found != statements_.end()) return found->second.get();
    if (statements_.size() >= kMaxPrepared) statements_.clear();
    auto statement = std::make_unique<Statement>(db_, sql);
    if (!statement->ok()) return nullptr;
    return statements_.emplace(sql, std::move(statement)).first->second.get();
  }
  static constexpr size_t kMaxPrepared = 256;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
  sqlite3* db_;
  std::string path_;
};

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Codebook& codebook,
                                                 const OpenOptions& options) {
  // Before SQLite's first use: no memory statistics (opkomst reads none), so
  // no process-wide mutex around every allocation, which the threads of a
  // bulk scan and of the web server would otherwise queue on. Later calls
  // fail harmlessly once SQLite is initialised.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    if (rc == SQLITE_CANTOPEN && !options.create_if_missing) return NotFound("no opkomst database in " + path);
    return Unavailable("cannot open SQLite database " + path + ": " + message);
  }
  return OpenSqlStore(std::make_unique<SqliteConnection>(db, path), codebook, options);
}

}  // namespace opkomst
