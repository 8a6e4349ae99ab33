#include "storage/postgres/postgres_store.h"

#include <libpq-fe.h>

#include <mutex>
#include <unordered_map>

#include "storage/postgres/postgres_bulk.h"
#include "storage/rows.h"

namespace opkomst {
namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

Status ErrorFrom(PGconn* conn, PGresult* result, const std::string& what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = what + ": " + (result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string code = state ? state : "";
  if (code == "23505") return AlreadyExists(message);
  if (code == "23503") return NotFound(message);
  if (code.rfind("23", 0) == 0 || code.rfind("22", 0) == 0) return InvalidInput(message);
  if (code == "40001" || code == "40P01") return Conflict(message);
  if (code.empty() || code.rfind("08", 0) == 0 || code.rfind("57", 0) == 0 || code.rfind("53", 0) == 0)
    return Unavailable(message);
  return Internal(message);
}

// Escapes one value for COPY ... FROM STDIN (text format).
void AppendCopyField(std::string* out, const Cell& cell) {
  if (!cell) {
    *out += "\\N";
    return;
  }
  for (char c : *cell) {
    switch (c) {
      case '\\':
        *out += "\\\\";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        out->push_back(c);
    }
  }
}

const std::string& kDossierColumnList = DossierColumnList();
const char kSessionSettings[] =
    "SET DateStyle = ISO; SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET jit = off";

class PostgresStore;

class PostgresImport : public ImportTransaction {
 public:
  PostgresImport(PostgresStore* store, std::unique_lock<std::mutex> lock) : store_(store), lock_(std::move(lock)) {}
  ~PostgresImport() override;
  Status AddDossiers(const std::vector<Dossier>& dossiers) override;
  Status AddMeasurement(const std::string& dossier_id, const Measurement& m) override;
  Status AddScore(const Score& s) override;
  Status AddInterview(const InterviewAnswer& a) override;
  Status Commit() override;

 private:
  Status Put(const char* table_and_columns, const Row& row);
  Status Flush(bool end);
  PostgresStore* store_;
  std::unique_lock<std::mutex> lock_;
  std::string copying_;  // the COPY target in progress, empty if none
  std::string buffer_;
  bool open_ = true;
};

class PostgresStore : public Store {
 public:
  PostgresStore(PGconn* conn, std::string url, const Codebook& codebook)
      : conn_(conn), url_(std::move(url)), codebook_(codebook) {}
  ~PostgresStore() override { PQfinish(conn_); }

  Status Exec(const std::string& sql) {
    ResultPtr r(PQexec(conn_, sql.c_str()), &PQclear);
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return ErrorFrom(conn_, r.get(), "SQL failed");
    return Status::Ok();
  }

  // Runs a parameterised statement ($1, $2, ...).
  // Runs a parameterised statement ($1, $2, ...), prepared once per
  // connection and SQL text: the web pages repeat a few dozen statements,
  // and parsing and planning them again was most of the server's work.
  StatusOr<ResultPtr> Query(const std::string& sql, const Row& params, const std::string& what) {
    std::vector<const char*> values;
    for (const Cell& c : params) values.push_back(c ? c->c_str() : nullptr);
    auto prepared = prepared_.find(sql);
    if (prepared == prepared_.end() && prepared_.size() < kMaxPrepared) {
      std::string name = "opk" + std::to_string(prepared_.size());
      ResultPtr p(PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(values.size()), nullptr), &PQclear);
      if (PQresultStatus(p.get()) != PGRES_COMMAND_OK) return ErrorFrom(conn_, p.get(), what);
      prepared = prepared_.emplace(sql, name).first;
    }
    ResultPtr r(prepared != prepared_.end()
                    ? PQexecPrepared(conn_, prepared->second.c_str(), static_cast<int>(values.size()), values.data(),
                                     nullptr, nullptr, 0)
                    : PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                   nullptr, 0),
                &PQclear);
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return ErrorFrom(conn_, r.get(), what);
    return r;
  }

  static Row RowOf(PGresult* r, int row) {
    Row out(static_cast<size_t>(PQnfields(r)));
    for (size_t i = 0; i < out.size(); ++i) {
      int col = static_cast<int>(i);
      if (!PQgetisnull(r, row, col))
        out[i] = std::string(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
    }
    return out;
  }

  Status Initialise(const OpenOptions& options) {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec(kSessionSettings));
    if (!options.create_if_missing) {
      auto found = Query("SELECT to_regclass('schema_migrations') IS NOT NULL", {}, "schema check");
      if (!found.ok()) return found.status();
      if (std::string_view(PQgetvalue(found->get(), 0, 0)) != "t")
        return NotFound("no opkomst database in " + Describe());
    }
    // The common case, a database that is up to date, needs no lock and no
    // DDL: two reads instead of seven round trips for every connection.
    int current = CurrentVersion(), latest = static_cast<int>(Migrations("postgres").size());
    if (current == latest) {
      auto changes = LayoutChanges();
      if (!changes.ok()) return changes.status();
      if (changes->empty()) return Status::Ok();
    }
    if (options.read_only && current < latest)
      return Incompatible(Describe() + " has schema version " + std::to_string(current) +
                          ", older than this opkomst (" + std::to_string(latest) + "): run `opkomst init` first");
    // One migrator at a time across all servers sharing the database.
    OPKOMST_RETURN_IF_ERROR(Exec("SELECT pg_advisory_lock(81157)"));
    Status s = Migrate();
    if (s.ok()) s = SyncLayout();
    (void)Exec("SELECT pg_advisory_unlock(81157)");
    return s;
  }

  std::string Describe() const override { return RedactUrl(url_); }

  int SchemaVersion() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return CurrentVersion();
  }

  StatusOr<StoreCounts> Counts() override {
    std::lock_guard<std::mutex> lock(mutex_);
    auto r = Query(
        "SELECT (SELECT count(*) FROM dossier), (SELECT count(*) FROM measurement), "
        "(SELECT count(*) FROM score), (SELECT count(*) FROM interview)",
        {}, "counting");
    if (!r.ok()) return r.status();
    auto v = [&](int c) { return std::stoll(PQgetvalue(r->get(), 0, c)); };
    return StoreCounts{v(0), v(1), v(2), v(3)};
  }

  // The planner's row estimates: no full scan, unlike count(*).
  StatusOr<StoreCounts> ApproximateCounts() override {
    std::unique_lock<std::mutex> lock(mutex_);
    auto r = Query(
        "SELECT relname, reltuples::bigint FROM pg_class WHERE relname IN "
        "('dossier', 'measurement', 'score', 'interview') AND relkind = 'r' "
        "AND relnamespace = 'public'::regnamespace",
        {}, "estimating counts");
    if (!r.ok()) return r.status();
    StoreCounts counts;
    bool never_analysed = PQntuples(r->get()) < 4;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      std::string table = PQgetvalue(r->get(), i, 0);
      int64_t n = std::stoll(PQgetvalue(r->get(), i, 1));
      never_analysed |= n < 0;  // -1: no statistics yet
      (table == "dossier"       ? counts.dossiers
       : table == "measurement" ? counts.measurements
       : table == "score"       ? counts.scores
                                : counts.interviews) = n;
    }
    if (never_analysed) {
      lock.unlock();
      return Counts();  // exact, at the price of a scan
    }
    return counts;
  }

  StatusOr<std::unique_ptr<ImportTransaction>> BeginImport() override {
    std::unique_lock<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN"));
    return std::unique_ptr<ImportTransaction>(new PostgresImport(this, std::move(lock)));
  }

  // Streams a query row by row (single-row mode), so memory stays flat.
  template <typename T, typename Convert, typename Visit>
  Status Scan(const std::string& sql, Convert convert, const Visit& visit) {
    std::lock_guard<std::mutex> lock(mutex_);
    return ScanHeld<T>(sql, convert, visit);
  }

  // Scan, for a caller that holds mutex_ already.
  template <typename T, typename Convert, typename Visit>
  Status ScanHeld(const std::string& sql, Convert convert, const Visit& visit) {
    if (!PQsendQuery(conn_, sql.c_str())) return ErrorFrom(conn_, nullptr, "scan");
    PQsetSingleRowMode(conn_);
    Status outcome;
    while (PGresult* raw = PQgetResult(conn_)) {
      ResultPtr r(raw, &PQclear);
      auto status = PQresultStatus(raw);
      if (!outcome.ok()) continue;  // drain the rest after an error
      if (status == PGRES_SINGLE_TUPLE) {
        Row row = RowOf(raw, 0);
        StatusOr<T> record = convert(row);
        outcome = record.ok() ? visit(row, *record) : record.status();
      } else if (status != PGRES_TUPLES_OK) {
        outcome = ErrorFrom(conn_, raw, "scan");
      }
    }
    return outcome;
  }

  Status ScanDossiers(const DossierVisitor& visit) override {
    return Scan<Dossier>(
        std::string("SELECT ") + kDossierColumnList + ", version FROM dossier ORDER BY dossier_id COLLATE \"C\"",
        [&](const Row& r) { return DossierFromRow(codebook_, r); },
        [&](const Row&, const Dossier& d) { return visit(d); });
  }

  Status ScanMeasurements(const MeasurementVisitor& visit) override {
    return Scan<Measurement>(
        "SELECT dossier_id, moment, measured_on, answers FROM measurement ORDER BY dossier_id COLLATE \"C\", moment",
        [&](const Row& r) { return MeasurementFromRow(codebook_, r); },
        [&](const Row& r, const Measurement& m) { return visit(*r[0], m); });
  }

  Status ScanScores(const ScoreVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return ScoresHeld(visit);
  }

  Status ScoresHeld(const ScoreVisitor& visit) {
    return ScanHeld<Score>(
        "SELECT dossier_id, moment, measured_on, indicator, score FROM score "
        "ORDER BY dossier_id COLLATE \"C\", moment, indicator COLLATE \"C\"",
        [&](const Row& r) { return ScoreFromRow(codebook_, r); }, [&](const Row&, const Score& s) { return visit(s); });
  }

  Status ScanInterviews(const InterviewVisitor& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return InterviewsHeld(visit);
  }

  Status InterviewsHeld(const InterviewVisitor& visit) {
    return ScanHeld<InterviewAnswer>(
        "SELECT respondent_id, dossier_id, track, indicator, score_start, score_end "
        "FROM interview ORDER BY respondent_id COLLATE \"C\", indicator COLLATE \"C\"",
        [&](const Row& r) { return InterviewFromRow(codebook_, r); },
        [&](const Row&, const InterviewAnswer& a) { return visit(a); });
  }

  Status ScanBulk(const BulkVisitors& visit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return PostgresScanBulk(conn_, url_, kSessionSettings, visit, [&] { return ScoresAndInterviewsHeld(visit); });
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
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN"));
    Status s = [&]() -> Status {
      if (d->trajectory_number == 0) {
        // Serialise numbering per mother.
        auto lock_mother = Query("SELECT pg_advisory_xact_lock(hashtext($1))", {Cell(d->mother_id)}, "locking");
        if (!lock_mother.ok()) return lock_mother.status();
        // The mother's stored trajectories, numbered by the domain's one rule.
        auto q = Query("SELECT dossier_id, trajectory_number, start_date FROM dossier WHERE mother_id = $1",
                       {Cell(d->mother_id)}, "numbering trajectory");
        if (!q.ok()) return q.status();
        KnownDossiers mothers;
        for (int i = 0; i < PQntuples(q->get()); ++i)
          mothers[PQgetvalue(q->get(), i, 0)] = {d->mother_id, std::atoi(PQgetvalue(q->get(), i, 1)), kMissing,
                                                 Date::Parse(PQgetvalue(q->get(), i, 2)).value_or(Date())};
        d->trajectory_number = NewTrajectoryNumber(mothers, *d);
      }
      auto r = Query(std::string("INSERT INTO dossier (") + kDossierColumnList +
                         ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)",
                     DossierToRow(codebook_, *d), "dossier " + d->dossier_id);
      return r.ok() ? Status::Ok() : r.status();
    }();
    return Finish(s, [&] { d->version = 1; });
  }

  Status UpdateDossier(Dossier* d) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN"));
    Status s = [&]() -> Status {
      const auto& columns = DossierTableColumns();
      std::string sql = "UPDATE dossier SET ";
      for (size_t i = 1; i < columns.size(); ++i) sql += columns[i] + " = $" + std::to_string(i) + ", ";
      size_t n = columns.size();
      sql += "version = version + 1, updated_at = now() WHERE dossier_id = $" + std::to_string(n) + " AND version = $" +
             std::to_string(n + 1);
      Row row = DossierToRow(codebook_, *d);
      Row params(row.begin() + 1, row.end());
      params.push_back(row[0]);
      params.push_back(std::to_string(d->version));
      auto r = Query(sql, params, "dossier " + d->dossier_id);
      if (!r.ok()) return r.status();
      if (std::string(PQcmdTuples(r->get())) == "0") return StaleOrMissing(d->dossier_id, d->version);
      return Status::Ok();
    }();
    return Finish(s, [&] { ++d->version; });
  }

  StatusOr<int64_t> PutMeasurement(const std::string& id, int64_t expected, const Measurement& m) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN"));
    Status s = [&]() -> Status {
      auto bump = Query(
          "UPDATE dossier SET version = version + 1, updated_at = now() "
          "WHERE dossier_id = $1 AND version = $2",
          {Cell(id), Cell(std::to_string(expected))}, "dossier " + id);
      if (!bump.ok()) return bump.status();
      if (std::string(PQcmdTuples(bump->get())) == "0") return StaleOrMissing(id, expected);
      auto put = Query(
          "INSERT INTO measurement (dossier_id, moment, measured_on, answers) VALUES ($1,$2,$3,$4) "
          "ON CONFLICT (dossier_id, moment) DO UPDATE SET measured_on = EXCLUDED.measured_on, "
          "answers = EXCLUDED.answers",
          MeasurementToRow(codebook_, id, m), "measurement of " + id);
      return put.ok() ? Status::Ok() : put.status();
    }();
    OPKOMST_RETURN_IF_ERROR(Finish(s, [] {}));
    return expected + 1;
  }

  std::string_view Dialect() const override { return "postgres"; }

  class Session : public SqlSession {
   public:
    explicit Session(PostgresStore* store) : store_(store) {}
    StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
      auto r = store_->Query(Numbered(sql), params, "statement");
      if (!r.ok()) return r.status();
      std::vector<SqlRow> rows;
      int n = PQntuples(r->get());
      rows.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) rows.push_back(RowOf(r->get(), i));
      const char* changed = PQcmdTuples(r->get());
      changes_ = changed && *changed ? std::stoll(changed) : 0;
      return rows;
    }
    int64_t Changes() override { return changes_; }

   private:
    // "? ... ?" -> "$1 ... $2"; the application's SQL has no ? in literals.
    static std::string Numbered(const std::string& sql) {
      std::string out;
      int n = 0;
      for (char c : sql) {
        if (c == '?')
          out += "$" + std::to_string(++n);
        else
          out.push_back(c);
      }
      return out;
    }
    PostgresStore* store_;
    int64_t changes_ = 0;
  };

  Status Transact(const std::function<Status(SqlSession&)>& body) override {
    std::lock_guard<std::mutex> lock(mutex_);
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN"));
    Session session(this);
    Status s = body(session);
    return Finish(s, [] {});
  }

  StatusOr<std::vector<SqlRow>> Query(const std::string& sql, const SqlRow& params) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return Session(this).Query(sql, params);
  }

  StatusOr<std::vector<Measurement>> GetMeasurements(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    auto r = Query(
        "SELECT dossier_id, moment, measured_on, answers FROM measurement WHERE dossier_id = $1 "
        "ORDER BY moment",
        {Cell(id)}, "reading measurements");
    if (!r.ok()) return r.status();
    std::vector<Measurement> out;
    for (int i = 0; i < PQntuples(r->get()); ++i) {
      auto m = MeasurementFromRow(codebook_, RowOf(r->get(), i));
      if (!m.ok()) return m.status();
      out.push_back(std::move(m).value());
    }
    return out;
  }

 private:
  friend class PostgresImport;

  int CurrentVersion() {
    auto r = Query("SELECT coalesce(max(version), 0) FROM schema_migrations", {}, "schema version");
    return r.ok() ? std::stoi(PQgetvalue(r->get(), 0, 0)) : 0;
  }

  Status Migrate() {
    OPKOMST_RETURN_IF_ERROR(
        Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"));
    int current = CurrentVersion();
    std::vector<Migration> migrations = Migrations("postgres");
    if (current > static_cast<int>(migrations.size()))
      return Incompatible(Describe() + " has schema version " + std::to_string(current) +
                          ", newer than this opkomst (" + std::to_string(migrations.size()) + ")");
    for (const Migration& m : migrations) {
      if (m.version <= current) continue;
      OPKOMST_RETURN_IF_ERROR(Exec("BEGIN"));
      Status s = Exec(std::string(m.sql));
      if (s.ok()) s = Exec("INSERT INTO schema_migrations (version) VALUES (" + std::to_string(m.version) + ")");
      if (!s.ok()) {
        (void)Exec("ROLLBACK");
        return Status(s.code(), "migration " + std::to_string(m.version) + " failed: " + s.message());
      }
      OPKOMST_RETURN_IF_ERROR(Exec("COMMIT"));
    }
    return Status::Ok();
  }

  // What the stored layout lacks for this codebook; an error if they conflict.
  StatusOr<std::vector<std::pair<int, std::string>>> LayoutChanges() {
    auto r = Query("SELECT slot, entry FROM codebook_layout", {}, "reading codebook layout");
    if (!r.ok()) return r.status();
    std::vector<std::pair<int, std::string>> stored;
    for (int i = 0; i < PQntuples(r->get()); ++i)
      stored.emplace_back(std::stoi(PQgetvalue(r->get(), i, 0)), PQgetvalue(r->get(), i, 1));
    return opkomst::LayoutChanges(codebook_, stored);
  }

  Status SyncLayout() {
    auto changes = LayoutChanges();
    if (!changes.ok()) return changes.status();
    if (changes->empty()) return Status::Ok();
    OPKOMST_RETURN_IF_ERROR(Exec("BEGIN"));
    for (const auto& [slot, entry] : *changes) {
      auto put = Query(
          "INSERT INTO codebook_layout (slot, entry) VALUES ($1, $2) "
          "ON CONFLICT (slot) DO UPDATE SET entry = EXCLUDED.entry",
          {Cell(std::to_string(slot)), Cell(entry)}, "recording codebook layout");
      if (!put.ok()) {
        (void)Exec("ROLLBACK");
        return put.status();
      }
    }
    return Exec("COMMIT");
  }

  StatusOr<Dossier> GetDossierLocked(const std::string& id) {
    auto r = Query(std::string("SELECT ") + kDossierColumnList + ", version FROM dossier WHERE dossier_id = $1",
                   {Cell(id)}, "reading dossier " + id);
    if (!r.ok()) return r.status();
    if (PQntuples(r->get()) == 0) return NotFound("dossier " + id + " does not exist");
    return DossierFromRow(codebook_, RowOf(r->get(), 0));
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

  PGconn* conn_;
  std::string url_;
  const Codebook& codebook_;
  std::mutex mutex_;
  // SQL text -> prepared statement name on this connection (see Query).
  static constexpr size_t kMaxPrepared = 256;
  std::unordered_map<std::string, std::string> prepared_;
};

PostgresImport::~PostgresImport() {
  if (!open_) return;
  if (!copying_.empty()) PQputCopyEnd(store_->conn_, "import abandoned");
  while (PGresult* r = PQgetResult(store_->conn_)) PQclear(r);
  (void)store_->Exec("ROLLBACK");
}

Status PostgresImport::Flush(bool end) {
  PGconn* conn = store_->conn_;
  if (!buffer_.empty()) {
    if (PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
      return ErrorFrom(conn, nullptr, "COPY " + copying_);
    buffer_.clear();
  }
  if (!end) return Status::Ok();
  std::string table = copying_;
  copying_.clear();
  if (PQputCopyEnd(conn, nullptr) != 1) return ErrorFrom(conn, nullptr, "COPY " + table);
  Status outcome;
  while (PGresult* raw = PQgetResult(conn)) {
    ResultPtr r(raw, &PQclear);
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && outcome.ok()) outcome = ErrorFrom(conn, raw, "COPY " + table);
  }
  return outcome;
}

Status PostgresImport::Put(const char* target, const Row& row) {
  if (copying_ != target) {
    if (!copying_.empty()) OPKOMST_RETURN_IF_ERROR(Flush(true));
    ResultPtr r(PQexec(store_->conn_, (std::string("COPY ") + target + " FROM STDIN").c_str()), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_COPY_IN) return ErrorFrom(store_->conn_, r.get(), "COPY");
    copying_ = target;
  }
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) buffer_.push_back('\t');
    AppendCopyField(&buffer_, row[i]);
  }
  buffer_.push_back('\n');
  if (buffer_.size() >= (1 << 18)) return Flush(false);
  return Status::Ok();
}

Status PostgresImport::AddDossiers(const std::vector<Dossier>& dossiers) {
  static const std::string target = std::string("dossier (") + kDossierColumnList + ")";
  for (const Dossier& d : dossiers) OPKOMST_RETURN_IF_ERROR(Put(target.c_str(), DossierToRow(store_->codebook_, d)));
  return Status::Ok();
}

Status PostgresImport::AddMeasurement(const std::string& id, const Measurement& m) {
  return Put("measurement (dossier_id, moment, measured_on, answers)", MeasurementToRow(store_->codebook_, id, m));
}

Status PostgresImport::AddScore(const Score& s) {
  return Put("score (dossier_id, moment, measured_on, indicator, score)", ScoreToRow(store_->codebook_, s));
}

Status PostgresImport::AddInterview(const InterviewAnswer& a) {
  return Put("interview (respondent_id, dossier_id, track, indicator, score_start, score_end)",
             InterviewToRow(store_->codebook_, a));
}

Status PostgresImport::Commit() {
  if (!copying_.empty()) OPKOMST_RETURN_IF_ERROR(Flush(true));
  Status s = store_->Exec("COMMIT");
  if (s.ok()) {
    open_ = false;
    // Fresh statistics for the planner (and ApproximateCounts) after a bulk load.
    s = store_->Exec("ANALYZE dossier; ANALYZE measurement; ANALYZE score; ANALYZE interview");
    lock_.unlock();  // the store is free for others from here on
  }
  return s;
}

}  // namespace

std::string RedactUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const Codebook& codebook,
                                                   const OpenOptions& options) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    // The server's own words for SQLSTATE 3D000 (invalid_catalog_name):
    // libpq gives no code for a failed connection.
    if (message.find("does not exist") != std::string::npos && message.find("database") != std::string::npos)
      return NotFound("no opkomst database in " + RedactUrl(url) + ": " + message);
    return Unavailable("cannot connect to " + RedactUrl(url) + ": " + message);
  }
  auto store = std::make_unique<PostgresStore>(conn, url, codebook);
  Status s = store->Initialise(options);
  if (!s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace opkomst
