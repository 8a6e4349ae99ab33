#include "storage/postgres/postgres_bulk.h"

#include <array>
#include <cstring>
#include <memory>

#include "storage/bulk.h"

namespace opkomst {
namespace {

const std::string kDossiers =
    "COPY (" + BulkDossierSelect() + " ORDER BY dossier_id COLLATE \"C\") TO STDOUT (FORMAT binary)";
constexpr char kMeasurements[] =
    "COPY (SELECT dossier_id, moment, measured_on, answers FROM measurement ORDER BY dossier_id COLLATE \"C\", "
    "moment) TO STDOUT (FORMAT binary)";
constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // and a zero byte: 11 bytes
constexpr int32_t kPostgresEpochDays = 10957;      // 2000-01-01 in days since 1970-01-01

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;
struct Finish {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using ConnectionPtr = std::unique_ptr<PGconn, Finish>;

Status Failed(PGconn* conn, PGresult* result, const std::string& what) {
  std::string message = what + ": " + (result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return Unavailable(message);
}

StatusOr<std::string> Exec(PGconn* conn, const std::string& sql) {
  ResultPtr r(PQexec(conn, sql.c_str()), &PQclear);
  auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Failed(conn, r.get(), sql.substr(0, 60));
  return status == PGRES_TUPLES_OK && PQntuples(r.get()) > 0 ? std::string(PQgetvalue(r.get(), 0, 0)) : "";
}

uint16_t Big16(const char* p) { return static_cast<uint16_t>((uint8_t(p[0]) << 8) | uint8_t(p[1])); }

uint32_t Big32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}

// One field of a binary COPY tuple; `size` -1 is NULL.
struct Field {
  const char* data = nullptr;
  int32_t size = -1;
  std::string_view text() const { return size < 0 ? std::string_view() : std::string_view(data, size_t(size)); }
  std::optional<int> integer() const {  // int2 or int4
    if (size == 2) return static_cast<int16_t>(Big16(data));
    if (size == 4) return static_cast<int32_t>(Big32(data));
    return std::nullopt;
  }
  std::optional<Date> date() const {
    if (size != 4) return std::nullopt;
    return Date::FromDays(static_cast<int32_t>(Big32(data)) + kPostgresEpochDays);
  }
};

// Splits the COPY data of one message (the server sends a tuple per
// message, the file header before the first) into tuples of N fields.
template <size_t N, typename Row>
Status SplitMessage(const char* data, size_t size, bool* header, const Row& row) {
  size_t pos = 0;
  auto need = [&](size_t n) { return pos + n <= size; };
  if (*header) {
    if (!need(19) || std::memcmp(data, kSignature, 11) != 0) return Internal("bulk scan: not a binary COPY stream");
    pos = 19 + Big32(data + 15);  // signature, flags, header extension length + extension
    *header = false;
  }
  std::array<Field, N> fields;
  while (pos < size) {
    if (!need(2)) return Internal("bulk scan: a COPY tuple is cut off");
    int16_t count = static_cast<int16_t>(Big16(data + pos));
    pos += 2;
    if (count == -1) continue;  // the trailer
    if (count != static_cast<int16_t>(N)) return Internal("bulk scan: unexpected number of columns");
    for (Field& f : fields) {
      if (!need(4)) return Internal("bulk scan: a COPY tuple is cut off");
      f.size = static_cast<int32_t>(Big32(data + pos));
      pos += 4;
      f.data = data + pos;
      if (f.size > 0) {
        if (!need(size_t(f.size))) return Internal("bulk scan: a COPY tuple is cut off");
        pos += size_t(f.size);
      }
    }
    OPKOMST_RETURN_IF_ERROR(row(fields));
  }
  return Status::Ok();
}

// Runs one binary COPY on `conn` and hands every tuple to `row`. On a
// failure, or once `stop` is set, the query is cancelled and the rest of
// the stream is drained unread.
template <size_t N, typename Row>
Status Copy(PGconn* conn, const char* sql, const std::atomic<bool>& stop, const Row& row) {
  ResultPtr started(PQexec(conn, sql), &PQclear);
  if (PQresultStatus(started.get()) != PGRES_COPY_OUT) return Failed(conn, started.get(), "bulk scan");
  Status outcome;
  bool header = true, cancelled = false;
  char* message = nullptr;
  int size;
  while ((size = PQgetCopyData(conn, &message, 0)) > 0) {
    if (outcome.ok() && !stop) outcome = SplitMessage<N>(message, size_t(size), &header, row);
    PQfreemem(message);
    if ((!outcome.ok() || stop) && !cancelled) {
      cancelled = true;
      if (PGcancel* cancel = PQgetCancel(conn)) {
        char error[256];
        (void)PQcancel(cancel, error, sizeof error);
        PQfreeCancel(cancel);
      }
    }
  }
  if (size == -2 && outcome.ok() && !cancelled) outcome = Failed(conn, nullptr, "bulk scan");
  while (PGresult* raw = PQgetResult(conn)) {
    ResultPtr r(raw, &PQclear);
    if (PQresultStatus(raw) != PGRES_COMMAND_OK && outcome.ok() && !cancelled) outcome = Failed(conn, raw, "bulk scan");
  }
  return outcome;
}

Status Dossiers(PGconn* conn, const std::atomic<bool>& stop, const Store::BulkVisitors& visit) {
  constexpr size_t kFields = kBulkDossierColumns.size();
  return Copy<kFields>(conn, kDossiers.c_str(), stop, [&](const std::array<Field, kFields>& f) {
    using enum DossierColumn;
    auto at = [&](DossierColumn column) -> const Field& { return f[static_cast<size_t>(BulkField(column))]; };
    Store::BulkDossier d;
    d.dossier_id = at(kDossierId).text();
    auto start = at(kStartDate).date();
    auto trajectory = at(kTrajectoryNumber).integer();
    if (!start || !trajectory) return UnreadableStored("dossier", d.dossier_id, "start_date", "");
    d.trajectory_number = *trajectory;
    d.track = at(kTrack).text();
    d.start_date = *start;
    d.end_date = at(kEndDate).date();
    d.referrer = at(kReferrer).text();
    d.referrer_type = at(kReferrerType).text();
    d.due_date = at(kDueDate).date();
    d.child_birth_date = at(kChildBirthDate).date();
    d.child_age_months_at_start = at(kChildAgeMonthsAtStart).integer();
    d.pregnant_at_start = at(kPregnantAtStart).text();
    d.first_pregnancy = at(kFirstPregnancy).text();
    d.mother_age_at_start = at(kMotherAgeAtStart).integer();
    return visit.dossier(d);
  });
}

Status Measurements(PGconn* conn, const std::atomic<bool>& stop, const Store::BulkVisitors& visit) {
  return Copy<4>(conn, kMeasurements, stop, [&](const std::array<Field, 4>& f) {
    Store::BulkMeasurement m;
    m.dossier_id = f[0].text();
    auto moment = f[1].integer();
    if (!moment || *moment < 0 || *moment >= kMomentCount)
      return UnreadableStored("measurement of", m.dossier_id, "moment", "");
    m.moment = static_cast<Moment>(*moment);
    m.measured_on = f[2].date();
    m.answers = f[3].text();
    return visit.measurement(m);
  });
}

// A second connection in the snapshot `snapshot`, or nullptr if there is
// none to be had (then the caller reads everything itself).
ConnectionPtr Join(const std::string& url, const char* settings, const std::string& snapshot) {
  ConnectionPtr conn(PQconnectdb(url.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) return nullptr;
  std::unique_ptr<char, decltype(&PQfreemem)> literal(PQescapeLiteral(conn.get(), snapshot.c_str(), snapshot.size()),
                                                      &PQfreemem);
  if (!literal || !Exec(conn.get(), settings).ok() ||
      !Exec(conn.get(), "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").ok() ||
      !Exec(conn.get(), std::string("SET TRANSACTION SNAPSHOT ") + literal.get()).ok())
    return nullptr;
  return conn;
}

}  // namespace

Status PostgresScanBulk(PGconn* conn, const std::string& url, const char* settings, const Store::BulkVisitors& visit,
                        const std::function<Status()>& rest) {
  auto begun = Exec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  auto snapshot = begun.ok() ? Exec(conn, "SELECT pg_export_snapshot()") : begun;
  Status outcome = snapshot.status();
  if (outcome.ok()) {
    // The second thread connects while this one reads the dossiers: the
    // exported snapshot stays valid as long as this transaction is open.
    bool joined = true;
    outcome = RunSideBySide(
        [&](const std::atomic<bool>& stop) {
          Status s = Dossiers(conn, stop, visit);
          return s.ok() && !stop ? rest() : s;
        },
        [&](const std::atomic<bool>& stop) {
          ConnectionPtr second = Join(url, settings, *snapshot);
          if (!second) return joined = false, Status::Ok();
          return Measurements(second.get(), stop, visit);
        });
    if (outcome.ok() && !joined) {  // no second connection to be had: read them here, in the same snapshot
      std::atomic<bool> never{false};
      outcome = Measurements(conn, never, visit);
    }
  }
  (void)Exec(conn, "ROLLBACK");  // read only: nothing to keep
  return outcome;
}

}  // namespace opkomst
