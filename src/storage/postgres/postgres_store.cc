#include "storage/postgres/postgres_store.h"

#include <libpq-fe.h>
#include <poll.h>

#include <mutex>
#include <unordered_map>

#include "storage/postgres/postgres_bulk.h"
#include "storage/sql_store.h"

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
  if (code == "53100")  // disk_full: the operator's remedy is free space, not a retry
    return Unavailable("the disk of the PostgreSQL server is full (" + message +
                       "); the change was rolled back, nothing of it is stored: free space and retry");
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

const char kLostTransaction[] =
    "the connection to PostgreSQL broke during the transaction; nothing of it was committed: retry";

const char kSessionSettings[] =
    "SET DateStyle = ISO; SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET jit = off";

// "? ... ?" -> "$1 ... $2"; the application's SQL has no ? in literals.
std::string Numbered(const std::string& sql) {
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

Row RowOf(PGresult* r, int row) {
  Row out(static_cast<size_t>(PQnfields(r)));
  for (size_t i = 0; i < out.size(); ++i) {
    int col = static_cast<int>(i);
    if (!PQgetisnull(r, row, col))
      out[i] = std::string(PQgetvalue(r, row, col), static_cast<size_t>(PQgetlength(r, row, col)));
  }
  return out;
}

// The bulk import as COPY ... FROM STDIN, one table after the other.
class PostgresBulkWriter : public BulkWriter {
 public:
  explicit PostgresBulkWriter(PGconn* conn) : conn_(conn) {}
  Status Put(const TableShape& table, const Row& row) override;
  Status Finish() override { return copying_.empty() ? Status::Ok() : Flush(true); }
  void Abandon() override {
    if (!copying_.empty()) PQputCopyEnd(conn_, "import abandoned");
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
  }

 private:
  Status Flush(bool end);
  PGconn* conn_;
  std::string copying_;  // the COPY target in progress, empty if none
  std::string buffer_;
};

Status PostgresBulkWriter::Flush(bool end) {
  if (!buffer_.empty()) {
    if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
      return ErrorFrom(conn_, nullptr, "COPY " + copying_);
    buffer_.clear();
  }
  if (!end) return Status::Ok();
  std::string table = copying_;
  copying_.clear();
  if (PQputCopyEnd(conn_, nullptr) != 1) return ErrorFrom(conn_, nullptr, "COPY " + table);
  Status outcome;
  while (PGresult* raw = PQgetResult(conn_)) {
    ResultPtr r(raw, &PQclear);
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && outcome.ok()) outcome = ErrorFrom(conn_, raw, "COPY " + table);
  }
  return outcome;
}

Status PostgresBulkWriter::Put(const TableShape& table, const Row& row) {
  if (copying_ != table.name) {
    if (!copying_.empty()) OPKOMST_RETURN_IF_ERROR(Flush(true));
    std::string copy = "COPY " + table.name + " (" + table.column_list + ") FROM STDIN";
    ResultPtr r(PQexec(conn_, copy.c_str()), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_COPY_IN) return ErrorFrom(conn_, r.get(), "COPY");
    copying_ = table.name;
  }
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) buffer_.push_back('\t');
    AppendCopyField(&buffer_, row[i]);
  }
  buffer_.push_back('\n');
  if (buffer_.size() >= (1 << 18)) return Flush(false);
  return Status::Ok();
}

// Whether `sql` only reads, so that running it again on a renewed
// connection cannot change anything twice.
bool OnlyReads(const std::string& sql) {
  size_t start = sql.find_first_not_of(" \t\n");
  return start != std::string::npos && sql.compare(start, 7, "SELECT ") == 0 &&
         sql.find("FOR UPDATE") == std::string::npos;
}

// One libpq connection, guarded by the store's mutex. A connection that
// breaks (PostgreSQL restarted, the network dropped) is renewed: before a
// statement if the server already closed it while idle, else after the
// failure. A read outside a transaction is then run again once; a write or
// anything in a transaction fails with kUnavailable (503: nothing is known
// to be written), and the next one runs on the new connection. So a server
// serves again as soon as PostgreSQL is back, without a restart.
class PostgresConnection : public SqlConnection {
 public:
  PostgresConnection(PGconn* conn, std::string url) : conn_(conn), url_(std::move(url)) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  std::string_view Dialect() const override { return "postgres"; }
  std::string Describe() const override { return RedactUrl(url_); }

  Status Exec(const std::string& sql) override {
    bool begin = sql == "BEGIN", ends = sql == "COMMIT" || sql == "ROLLBACK";
    // A transaction whose connection broke: nothing of it is on the server.
    if (ends && PQstatus(conn_) != CONNECTION_OK) Renew();
    if (lost_transaction_ && (begin || ends)) {
      lost_transaction_ = false;
      if (sql == "COMMIT") return Unavailable(kLostTransaction);
      if (sql == "ROLLBACK") return Status::Ok();
    }
    Status s = ExecOnce(sql);
    // A BEGIN that found the connection broken changed nothing: again once.
    if (!s.ok() && Renewed(s) && begin) s = ExecOnce(sql);
    if (s.ok() && begin) in_transaction_ = true;
    if (ends) in_transaction_ = false;
    return s;
  }

  StatusOr<std::vector<Row>> Run(const std::string& sql, const Row& params, const std::string& what) override {
    bool retry = !in_transaction_ && OnlyReads(sql);
    StatusOr<ResultPtr> result = Execute(sql, params, what);
    if (!result.ok() && Renewed(result.status()) && retry) result = Execute(sql, params, what);
    if (!result.ok()) return result.status();
    ResultPtr r = std::move(result).value();
    std::vector<Row> rows;
    int n = PQntuples(r.get());
    rows.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) rows.push_back(RowOf(r.get(), i));
    const char* changed = PQcmdTuples(r.get());
    changes_ = changed && *changed ? std::stoll(changed) : 0;
    return rows;
  }

  int64_t Changes() override { return changes_; }

  // Row by row (single-row mode), so memory stays flat.
  Status Stream(const std::string& sql, const std::function<Status(const Row&)>& visit) override {
    Status s = StreamOnce(sql, visit);
    if (!s.ok()) Renewed(s);
    return s;
  }

  Status StreamOnce(const std::string& sql, const std::function<Status(const Row&)>& visit) {
    OPKOMST_RETURN_IF_ERROR(Ready());
    if (!PQsendQuery(conn_, sql.c_str())) return ErrorFrom(conn_, nullptr, "scan");
    PQsetSingleRowMode(conn_);
    Status outcome;
    while (PGresult* raw = PQgetResult(conn_)) {
      ResultPtr r(raw, &PQclear);
      auto status = PQresultStatus(raw);
      if (!outcome.ok()) continue;  // drain the rest after an error
      if (status == PGRES_SINGLE_TUPLE) {
        outcome = visit(RowOf(raw, 0));
      } else if (status != PGRES_TUPLES_OK) {
        outcome = ErrorFrom(conn_, raw, "scan");
      }
    }
    return outcome;
  }

  Status Begin() override { return Exec("BEGIN"); }

  bool HasSchema() override {
    auto found = Run("SELECT to_regclass('schema_migrations') IS NOT NULL", {}, "schema check");
    return found.ok() && !found->empty() && found->front()[0] == std::string("t");
  }

  Status Configure() override { return Status::Ok(); }  // kSessionSettings, at connection

  const char* MigrationsTable() const override {
    return "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
           "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";
  }

  Status LockMigrations() override { return Exec("SELECT pg_advisory_lock(81157)"); }
  void UnlockMigrations() override { (void)Exec("SELECT pg_advisory_unlock(81157)"); }
  Status LockMother(const std::string& mother_id) override {
    return Run("SELECT pg_advisory_xact_lock(hashtext(?))", {Cell(mother_id)}, "locking").status();
  }

  const char* Now() const override { return "now()"; }
  const char* ByteOrder() const override { return " COLLATE \"C\""; }

  // The planner's row estimates: no full scan, unlike count(*).
  StatusOr<StoreCounts> ApproximateCounts(const std::function<StatusOr<StoreCounts>()>& exact) override {
    OPKOMST_ASSIGN_OR_RETURN(std::vector<Row> rows,
                             Run("SELECT relname, reltuples::bigint FROM pg_class WHERE relname IN "
                                 "('dossier', 'measurement', 'score_sheet', 'interview_sheet') AND relkind = 'r' "
                                 "AND relnamespace = 'public'::regnamespace",
                                 {}, "estimating counts"));
    StoreCounts counts;
    bool never_analysed = rows.size() < 4;
    for (const Row& row : rows) {
      std::string table = row[0].value_or("");
      int64_t n = std::stoll(row[1].value_or("-1"));
      never_analysed |= n < 0;  // -1: no statistics yet
      (table == "dossier"       ? counts.dossiers
       : table == "measurement" ? counts.measurements
       : table == "score_sheet" ? counts.scores
                                : counts.interviews) = n;
    }
    if (never_analysed) return exact();  // exact, at the price of a scan
    return counts;
  }

  std::unique_ptr<BulkWriter> NewBulkWriter() override { return std::make_unique<PostgresBulkWriter>(conn_); }

  // Fresh statistics for the planner (and ApproximateCounts) after a bulk load.
  Status AfterImport() override {
    return Exec("ANALYZE dossier; ANALYZE measurement; ANALYZE score_sheet; ANALYZE interview_sheet");
  }

  Status ScanBulk(const Store::BulkVisitors& visit, const std::function<Status()>& rest) override {
    OPKOMST_RETURN_IF_ERROR(Ready());
    Status s = PostgresScanBulk(conn_, url_, kSessionSettings, visit, rest);
    if (!s.ok()) Renewed(s);
    return s;
  }

 private:
  Status ExecOnce(const std::string& sql) {
    OPKOMST_RETURN_IF_ERROR(Ready());
    ResultPtr r(PQexec(conn_, sql.c_str()), &PQclear);
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return ErrorFrom(conn_, r.get(), "SQL failed");
    return Status::Ok();
  }

  // Before a statement outside a transaction: an idle connection has
  // nothing to read, unless the server closed it (a restart sends a FATAL
  // message and closes), so a readable socket is read; then a connection
  // known broken is renewed. kUnavailable if PostgreSQL does not answer.
  Status Ready() {
    if (!in_transaction_ && PQstatus(conn_) == CONNECTION_OK) {
      pollfd socket{PQsocket(conn_), POLLIN, 0};
      if (socket.fd >= 0 && poll(&socket, 1, 0) > 0) PQconsumeInput(conn_);
    }
    if (PQstatus(conn_) != CONNECTION_OK) Renew();
    // The rest of a transaction whose connection broke must not run on
    // the new one, outside any transaction.
    if (lost_transaction_) return Unavailable(kLostTransaction);
    if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
    std::string message = PQerrorMessage(conn_);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Unavailable("no connection to " + RedactUrl(url_) + ": " + message);
  }

  // A new connection in place of a broken one, with the session settings;
  // the prepared statements and any transaction died with the old one.
  void Renew() {
    PQreset(conn_);
    prepared_.clear();
    lost_transaction_ = lost_transaction_ || in_transaction_;
    in_transaction_ = false;
    if (PQstatus(conn_) == CONNECTION_OK) ResultPtr(PQexec(conn_, kSessionSettings), &PQclear);
  }

  // After `failure`: true if the connection had broken and was renewed
  // (then the statement may be run again, if that is safe).
  bool Renewed(const Status& failure) {
    if (failure.code() != StatusCode::kUnavailable || PQstatus(conn_) != CONNECTION_BAD) return false;
    Renew();
    return PQstatus(conn_) == CONNECTION_OK;
  }

  // Runs a parameterised statement, prepared once per connection and SQL
  // text: the web pages repeat a few dozen statements, and parsing and
  // planning them again was most of the server's work.
  StatusOr<ResultPtr> Execute(const std::string& sql, const Row& params, const std::string& what) {
    OPKOMST_RETURN_IF_ERROR(Ready());
    std::vector<const char*> values;
    for (const Cell& c : params) values.push_back(c ? c->c_str() : nullptr);
    int count = static_cast<int>(values.size());
    auto prepared = prepared_.find(sql);
    if (prepared == prepared_.end() && prepared_.size() < kMaxPrepared) {
      std::string name = "opk" + std::to_string(prepared_.size());
      ResultPtr p(PQprepare(conn_, name.c_str(), Numbered(sql).c_str(), count, nullptr), &PQclear);
      if (PQresultStatus(p.get()) != PGRES_COMMAND_OK) return ErrorFrom(conn_, p.get(), what);
      prepared = prepared_.emplace(sql, name).first;
    }
    ResultPtr r(prepared != prepared_.end()
                    ? PQexecPrepared(conn_, prepared->second.c_str(), count, values.data(), nullptr, nullptr, 0)
                    : PQexecParams(conn_, Numbered(sql).c_str(), count, nullptr, values.data(), nullptr, nullptr, 0),
                &PQclear);
    auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return ErrorFrom(conn_, r.get(), what);
    return r;
  }

  PGconn* conn_;
  std::string url_;
  int64_t changes_ = 0;
  bool in_transaction_ = false;  // between a BEGIN and its COMMIT or ROLLBACK
  // The connection broke inside a transaction: every statement up to its
  // COMMIT (refused) or ROLLBACK fails.
  bool lost_transaction_ = false;
  // SQL text -> prepared statement name on this connection (see Execute).
  static constexpr size_t kMaxPrepared = 256;
  std::unordered_map<std::string, std::string> prepared_;
};

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
  auto connection = std::make_unique<PostgresConnection>(conn, url);
  OPKOMST_RETURN_IF_ERROR(connection->Exec(kSessionSettings));
  return OpenSqlStore(std::move(connection), codebook, options);
}

}  // namespace opkomst
