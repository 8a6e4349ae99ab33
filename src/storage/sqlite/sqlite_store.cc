#include "storage/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <mutex>

#include "storage/rows.h"
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
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED || (code & 0xff) == SQLITE_CANTOPEN ||
      (code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_FULL || (code & 0xff) == SQLITE_IOERR)
    return Unavailable(message);
  return Internal(message);
}

const std::string kSelectDossier = "SELECT " + DossierColumnList() + ", version FROM dossier";
const std::string kInsertDossier = [] {
  std::string marks;
  for (size_t i = 0; i < DossierTableColumns().size(); ++i) marks += i ? ",?" : "?";
  return "INSERT INTO dossier (" + DossierColumnList() + ") VALUES (" + marks + ")";
}();
const char kInsertMeasurement[] = "INSERT INTO measurement (dossier_id, moment, measured_on, answers) VALUES (?,?,?,?)";
const char kInsertScore[] = "INSERT INTO score (dossier_id, moment, measured_on, indicator, score) VALUES (?,?,?,?,?)";
const char kInsertInterview[] =
    "INSERT INTO interview (respondent_id, dossier_id, track, indicator, score_start, score_end) "
    "VALUES (?,?,?,?,?,?)";

class SqliteStore;

class SqliteImport : public ImportTransaction {
 public:
  SqliteImport(SqliteStore* store, std::unique_lock<std::mutex> lock);
  ~SqliteImport() override;
  Status AddDossiers(const std::vector<Dossier>& dossiers) override;
  Status AddMeasurement(const std::string& dossier_id, const Measurement& m) override;
  Status AddScore(const Score& s) override;
  Status AddInterview(const InterviewAnswer& a) override;
  Status Commit() override;

 private:
  Status Insert(Statement* stmt, const Row& row, const char* what);
  SqliteStore* store_;
  std::unique_lock<std::mutex> lock_;
  std::unique_ptr<Statement> dossier_, measurement_, score_, interview_;
  bool open_ = true;
};

class SqliteStore : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path, const Codebook& codebook)
      : db_(db), path_(std::move(path)), codebook_(codebook) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      Status s = SqlError(db_, "SQL failed");
      sqlite3_free(error);
      return s;
    }
    return Status::Ok();
  }

  Status Initialise(const OpenOptions& options) {
    std::lock_guard<std::mutex> lock(mutex_);
    sqlite3_busy_timeout(db_, 10000);
    // An existing file without our schema is not an opkomst database: never
    // turn it (or a new empty file) into one unless asked to.
    if (!options.create_if_missing && !HasTable("schema_migrations"))
      return NotFound("no opkomst database in " + path_);
    OPKOMST_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
    // A larger page cache (16 MiB) per connection: the web server keeps several readers.
    OPKOMST_RETURN_IF_ERROR(Exec("PRAGMA cache_size=-16384;"));
    OPKOMST_RETURN_IF_ERROR(
        Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"));
    int current = CurrentVersion();
    std::vector<Migration> migrations = Migrations("sqlite");
    if (current > static_cast<int>(migrations.size()))
      return Incompatible(path_ + " has schema version " + std::to_string(current) + ", newer than this opkomst (" +
                          std::to_string(migrations.size()) + ")");
    if (options.read_only && current < static_cast<int>(migrations.size()))
      return Incompatible(path_ + " has schema version " + std::to_string(current) + ", older than this opkomst (" +
                          std::to_string(migrations.size()) + "): run `opkomst init --db sqlite:" + path_ + "` first");
    for (const Migration& m : migrations) {
      if (m.version <= current) continue;
      OPKOMST_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
      Status s = Exec(std::string(m.sql));
      if (s.ok()) s = Exec("INSERT INTO schema_migrations (version) VALUES (" + std::to_string(m.version) + ")");
      if (!s.ok()) {
        (void)Exec("ROLLBACK");
        return Status(s.code(), "migration " + std::to_string(m.version) + " failed: " + s.message());
      }
      OPKOMST_RETURN_IF_ERROR(Exec("COMMIT"));
    }
    return SyncLayout();
  }

  std::string Describe() const override { return "sqlite:" + path_; }

  int SchemaVersion() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return CurrentVersion();
  }

  StatusOr<StoreCounts> Counts() override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement q(db_,
                "SELECT (SELECT count(*) FROM dossier), (SELECT count(*) FROM measurement), "
                "(SELECT count(*) FROM score), (SELECT count(*) FROM interview)");
    if (!q.ok() || q.Step() != SQLITE_ROW) return SqlError(db_, "counting");
    return StoreCounts{q.Int(0), q.Int(1), q.Int(2), q.Int(3)};
  }

  // Counting every measurement reads the whole table (50 ms at three
  // million); the dossiers are a third of that and bound the measurements.
  StatusOr<StoreCounts> ApproximateCounts() override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement q(db_, "SELECT (SELECT count(*) FROM dossier), (SELECT count(*) FROM score)");
    if (!q.ok() || q.Step() != SQLITE_ROW) return SqlError(db_, "counting");
    return StoreCounts{q.Int(0), q.Int(0) * kMomentCount, q.Int(1), 0};
  }

  StatusOr<std::unique_ptr<ImportTransaction>> BeginImport() override {
    std::unique_lock<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    return std::unique_ptr<ImportTransaction>(new SqliteImport(this, std::move(lock)));
  }

  template <typename T, typename Convert, typename Visit>
  Status Scan(const std::string& sql, Convert convert, const Visit& visit) {
    std::lock_guard<std::mutex> lock(mutex_);
    return ScanHeld<T>(sql, convert, visit);
  }

  // Scan, for a caller that holds mutex_ already.
  template <typename T, typename Convert, typename Visit>
  Status ScanHeld(const std::string& sql, Convert convert, const Visit& visit) {
    Statement q(db_, sql);
    if (!q.ok()) return SqlError(db_, "preparing scan");
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      Row row = q.CurrentRow();
      StatusOr<T> record = convert(row);
      if (!record.ok()) return record.status();
      OPKOMST_RETURN_IF_ERROR(visit(row, *record));
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "scanning");
    return Status::Ok();
  }

  Status ScanDossiers(const DossierVisitor& visit) override {
    return Scan<Dossier>(
        std::string(kSelectDossier) + " ORDER BY dossier_id",
        [&](const Row& r) { return DossierFromRow(codebook_, r); },
        [&](const Row&, const Dossier& d) { return visit(d); });
  }

  Status ScanMeasurements(const MeasurementVisitor& visit) override {
    return Scan<Measurement>(
        "SELECT dossier_id, moment, measured_on, answers FROM measurement ORDER BY dossier_id, moment",
        [&](const Row& r) { return MeasurementFromRow(codebook_, r); },
        [&](const Row& r, const Measurement& m) { return visit(*r[0], m); });
  }

  Status ScanScores(const ScoreVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return ScoresHeld(visit);
  }

  Status ScoresHeld(const ScoreVisitor& visit) {
    return ScanHeld<Score>(
        "SELECT dossier_id, moment, measured_on, indicator, score FROM score ORDER BY dossier_id, moment, indicator",
        [&](const Row& r) { return ScoreFromRow(codebook_, r); }, [&](const Row&, const Score& s) { return visit(s); });
  }

  Status ScanInterviews(const InterviewVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return InterviewsHeld(visit);
  }

  Status InterviewsHeld(const InterviewVisitor& visit) {
    return ScanHeld<InterviewAnswer>(
        "SELECT respondent_id, dossier_id, track, indicator, score_start, score_end FROM interview "
        "ORDER BY respondent_id, indicator",
        [&](const Row& r) { return InterviewFromRow(codebook_, r); },
        [&](const Row&, const InterviewAnswer& a) { return visit(a); });
  }

  Status ScanBulk(const BulkVisitors& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return SqliteScanBulk(db_, path_, visit, [&] { return ScoresAndInterviewsHeld(visit); });
  }

  // The rest of a bulk scan, in its snapshot.
  Status ScoresAndInterviewsHeld(const BulkVisitors& visit) {
    if (visit.score) OPKOMST_RETURN_IF_ERROR(ScoresHeld(visit.score));
    if (visit.interview) OPKOMST_RETURN_IF_ERROR(InterviewsHeld(visit.interview));
    return Status::Ok();
  }

  StatusOr<Dossier> GetDossier(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return GetDossierLocked(id);
  }

  Status CreateDossier(Dossier* d) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = [&]() -> Status {
      if (d->trajectory_number == 0) {
        // The mother's stored trajectories, numbered by the domain's one rule.
        Statement q(db_, "SELECT dossier_id, trajectory_number, start_date FROM dossier WHERE mother_id = ?");
        q.Bind(1, Cell(d->mother_id));
        KnownDossiers mothers;
        int step;
        while ((step = q.Step()) == SQLITE_ROW) {
          Row row = q.CurrentRow();
          mothers[row[0].value_or("")] = {d->mother_id, static_cast<int>(q.Int(1)), kMissing,
                                          Date::Parse(row[2].value_or("")).value_or(Date())};
        }
        if (step != SQLITE_DONE) return SqlError(db_, "numbering trajectory");
        d->trajectory_number = NewTrajectoryNumber(mothers, *d);
      }
      Statement insert(db_, kInsertDossier);
      insert.Bind(DossierToRow(codebook_, *d));
      if (insert.Step() != SQLITE_DONE) return SqlError(db_, "dossier " + d->dossier_id);
      return Status::Ok();
    }();
    return Finish(s, [&] { d->version = 1; });
  }

  Status UpdateDossier(Dossier* d) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = [&]() -> Status {
      std::string sql = "UPDATE dossier SET ";
      const auto& columns = DossierTableColumns();
      for (size_t i = 1; i < columns.size(); ++i) sql += columns[i] + " = ?, ";
      sql +=
          "version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
          "WHERE dossier_id = ? AND version = ?";
      Statement update(db_, sql);
      Row row = DossierToRow(codebook_, *d);
      for (size_t i = 1; i < row.size(); ++i) update.Bind(static_cast<int>(i), row[i]);
      update.Bind(static_cast<int>(row.size()), row[0]);
      update.Bind(static_cast<int>(row.size()) + 1, d->version);
      if (update.Step() != SQLITE_DONE) return SqlError(db_, "dossier " + d->dossier_id);
      if (sqlite3_changes(db_) == 0) return StaleOrMissing(d->dossier_id, d->version);
      return Status::Ok();
    }();
    return Finish(s, [&] { ++d->version; });
  }

  StatusOr<int64_t> PutMeasurement(const std::string& id, int64_t expected, const Measurement& m) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = [&]() -> Status {
      Statement bump(db_,
                     "UPDATE dossier SET version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
                     "'now') WHERE dossier_id = ? AND version = ?");
      bump.Bind(1, Cell(id));
      bump.Bind(2, expected);
      if (bump.Step() != SQLITE_DONE) return SqlError(db_, "dossier " + id);
      if (sqlite3_changes(db_) == 0) return StaleOrMissing(id, expected);
      Statement put(db_,
                    "INSERT OR REPLACE INTO measurement (dossier_id, moment, measured_on, answers) "
                    "VALUES (?,?,?,?)");
      put.Bind(MeasurementToRow(codebook_, id, m));
      if (put.Step() != SQLITE_DONE) return SqlError(db_, "measurement of " + id);
      return Status::Ok();
    }();
    OPKOMST_RETURN_IF_ERROR(Finish(s, [] {}));
    return expected + 1;
  }

  std::string_view Dialect() const override { return "sqlite"; }

  class Session : public SqlSession {
   public:
    explicit Session(sqlite3* db) : db_(db) {}
    StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
      Statement q(db_, sql);
      if (!q.ok()) return SqlError(db_, "preparing statement");
      for (size_t i = 0; i < params.size(); ++i) q.Bind(static_cast<int>(i) + 1, params[i]);
      std::vector<SqlRow> rows;
      int rc;
      while ((rc = q.Step()) == SQLITE_ROW) rows.push_back(q.CurrentRow());
      if (rc != SQLITE_DONE) return SqlError(db_, "statement");
      return rows;
    }
    int64_t Changes() override { return sqlite3_changes(db_); }

   private:
    sqlite3* db_;
  };

  Status Transact(const std::function<Status(SqlSession&)>& body) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Session session(db_);
    Status s = body(session);
    return Finish(s, [] {});
  }

  StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return Session(db_).Query(sql, params);
  }

  StatusOr<std::vector<Measurement>> GetMeasurements(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement q(db_,
                "SELECT dossier_id, moment, measured_on, answers FROM measurement WHERE dossier_id = ? "
                "ORDER BY moment");
    q.Bind(1, Cell(id));
    std::vector<Measurement> out;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      auto m = MeasurementFromRow(codebook_, q.CurrentRow());
      if (!m.ok()) return m.status();
      out.push_back(std::move(m).value());
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "reading measurements");
    return out;
  }

 private:
  friend class SqliteImport;

  bool HasTable(const char* name) {
    Statement q(db_, std::string("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '") + name + "'");
    return q.ok() && q.Step() == SQLITE_ROW;
  }

  int CurrentVersion() {
    Statement q(db_, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    return q.ok() && q.Step() == SQLITE_ROW ? static_cast<int>(q.Int(0)) : 0;
  }

  Status SyncLayout() {
    std::vector<std::pair<int, std::string>> stored;
    {
      Statement q(db_, "SELECT slot, entry FROM codebook_layout");
      while (q.Step() == SQLITE_ROW) stored.emplace_back(static_cast<int>(q.Int(0)), *q.CurrentRow()[1]);
    }
    auto changes = LayoutChanges(codebook_, stored);
    if (!changes.ok()) return changes.status();
    if (changes->empty()) return Status::Ok();
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    for (const auto& [slot, entry] : *changes) {
      Statement put(db_, "INSERT OR REPLACE INTO codebook_layout (slot, entry) VALUES (?, ?)");
      put.Bind(1, slot);
      put.Bind(2, Cell(entry));
      if (put.Step() != SQLITE_DONE) {
        Status s = SqlError(db_, "recording codebook layout");
        (void)Exec("ROLLBACK");
        return s;
      }
    }
    return Exec("COMMIT");
  }

  StatusOr<Dossier> GetDossierLocked(const std::string& id) {
    Statement q(db_, std::string(kSelectDossier) + " WHERE dossier_id = ?");
    q.Bind(1, Cell(id));
    int rc = q.Step();
    if (rc == SQLITE_DONE) return NotFound("dossier " + id + " does not exist");
    if (rc != SQLITE_ROW) return SqlError(db_, "reading dossier " + id);
    return DossierFromRow(codebook_, q.CurrentRow());
  }

  Status StaleOrMissing(const std::string& id, int64_t expected) {
    auto current = GetDossierLocked(id);
    if (!current.ok()) return current.status();
    return Conflict("dossier " + id + " was changed by someone else (version " + std::to_string(current->version) +
                    ", your copy is version " + std::to_string(expected) + ")");
  }

  template <typename OnCommit>
  Status Finish(const Status& s, OnCommit on_commit) {
    if (!s.ok()) {
      (void)Exec("ROLLBACK");
      return s;
    }
    OPKOMST_RETURN_IF_ERROR(Exec("COMMIT"));
    on_commit();
    return Status::Ok();
  }

  sqlite3* db_;
  std::string path_;
  const Codebook& codebook_;
  std::mutex mutex_;
};

SqliteImport::SqliteImport(SqliteStore* store, std::unique_lock<std::mutex> lock)
    : store_(store), lock_(std::move(lock)) {}

SqliteImport::~SqliteImport() {
  if (open_) (void)store_->Exec("ROLLBACK");
}

Status SqliteImport::Insert(Statement* stmt, const Row& row, const char* what) {
  stmt->Bind(row, /*copy=*/false);  // `row` lives until Reset() below
  int rc = stmt->Step();
  stmt->Reset();
  if (rc != SQLITE_DONE) return SqlError(store_->db_, std::string(what) + " " + row[0].value_or(""));
  return Status::Ok();
}

Status SqliteImport::AddDossiers(const std::vector<Dossier>& dossiers) {
  if (!dossier_) dossier_ = std::make_unique<Statement>(store_->db_, kInsertDossier);
  for (const Dossier& d : dossiers)
    OPKOMST_RETURN_IF_ERROR(Insert(dossier_.get(), DossierToRow(store_->codebook_, d), "dossier"));
  return Status::Ok();
}

Status SqliteImport::AddMeasurement(const std::string& id, const Measurement& m) {
  if (!measurement_) measurement_ = std::make_unique<Statement>(store_->db_, kInsertMeasurement);
  return Insert(measurement_.get(), MeasurementToRow(store_->codebook_, id, m), "measurement of");
}

Status SqliteImport::AddScore(const Score& s) {
  if (!score_) score_ = std::make_unique<Statement>(store_->db_, kInsertScore);
  return Insert(score_.get(), ScoreToRow(store_->codebook_, s), "score of");
}

Status SqliteImport::AddInterview(const InterviewAnswer& a) {
  if (!interview_) interview_ = std::make_unique<Statement>(store_->db_, kInsertInterview);
  return Insert(interview_.get(), InterviewToRow(store_->codebook_, a), "interview of");
}

Status SqliteImport::Commit() {
  dossier_.reset();
  measurement_.reset();
  score_.reset();
  interview_.reset();
  Status s = store_->Exec("COMMIT");
  if (s.ok()) {
    open_ = false;
    lock_.unlock();  // the store is free for others from here on
  }
  return s;
}

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
  auto store = std::make_unique<SqliteStore>(db, path, codebook);
  Status s = store->Initialise(options);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace opkomst
