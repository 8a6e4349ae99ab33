#include "storage/sqlite/sqlite_bulk.h"

#include <memory>

#include "storage/bulk.h"

namespace opkomst {
namespace {

const std::string kDossiers = BulkDossierSelect() + " ORDER BY dossier_id";
constexpr char kMeasurements[] =
    "SELECT dossier_id, moment, measured_on, answers FROM measurement ORDER BY dossier_id, moment";

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct Finalize {
  void operator()(sqlite3_stmt* q) const { sqlite3_finalize(q); }
};
using DbPtr = std::unique_ptr<sqlite3, CloseDb>;
using StatementPtr = std::unique_ptr<sqlite3_stmt, Finalize>;

Status Failed(sqlite3* db, const std::string& what) {
  return Unavailable(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

StatusOr<DbPtr> OpenConnection(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) return Failed(raw, "cannot open " + path);
  sqlite3_busy_timeout(raw, 10000);
  return db;
}

Status Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return Failed(db, sql);
  return Status::Ok();
}

// A statement whose first step has run: its read transaction (and so its
// snapshot) has begun.
struct Started {
  StatementPtr statement;
  int rc = SQLITE_DONE;
};

StatusOr<Started> Start(sqlite3* db, const char* sql) {
  OPKOMST_RETURN_IF_ERROR(Exec(db, "BEGIN"));
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &q, nullptr) != SQLITE_OK) return Failed(db, "preparing bulk scan");
  Started s{StatementPtr(q), sqlite3_step(q)};
  if (s.rc != SQLITE_ROW && s.rc != SQLITE_DONE) return Failed(db, "bulk scan");
  return s;
}

std::string_view Text(sqlite3_stmt* q, int column) {
  const char* p = reinterpret_cast<const char*>(sqlite3_column_text(q, column));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(q, column))) : std::string_view();
}

std::optional<int> Int(sqlite3_stmt* q, int column) {
  if (sqlite3_column_type(q, column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int(q, column);
}

// Steps `s` to the end, handing each row to `row`.
template <typename Row>
Status Drain(sqlite3* db, Started* s, const std::atomic<bool>& stop, const Row& row) {
  sqlite3_stmt* q = s->statement.get();
  for (; s->rc == SQLITE_ROW && !stop; s->rc = sqlite3_step(q)) OPKOMST_RETURN_IF_ERROR(row(q));
  if (s->rc != SQLITE_ROW && s->rc != SQLITE_DONE) return Failed(db, "bulk scan");
  return Status::Ok();
}

// A stored date (YYYY-MM-DD) or NULL.
Status DateAt(sqlite3_stmt* q, int column, const char* table, std::string_view id, const char* name,
              std::optional<Date>* out) {
  std::string_view text = Text(q, column);
  out->reset();
  if (text.empty()) return Status::Ok();
  *out = Date::Parse(text.substr(0, 10));
  return *out ? Status::Ok() : UnreadableStored(table, id, name, text);
}

Status DossierRow(sqlite3_stmt* q, const Store::BulkVisitors& visit) {
  using enum DossierColumn;
  Store::BulkDossier d;
  d.dossier_id = Text(q, BulkField(kDossierId));
  d.trajectory_number = sqlite3_column_int(q, BulkField(kTrajectoryNumber));
  d.track = Text(q, BulkField(kTrack));
  auto date = [&](DossierColumn column, std::optional<Date>* out) {
    return DateAt(q, BulkField(column), "dossier", d.dossier_id, ColumnName(column).data(), out);
  };
  std::optional<Date> start;
  OPKOMST_RETURN_IF_ERROR(date(kStartDate, &start));
  if (!start) return UnreadableStored("dossier", d.dossier_id, "start_date", "");
  d.start_date = *start;
  OPKOMST_RETURN_IF_ERROR(date(kEndDate, &d.end_date));
  d.referrer = Text(q, BulkField(kReferrer));
  d.referrer_type = Text(q, BulkField(kReferrerType));
  OPKOMST_RETURN_IF_ERROR(date(kDueDate, &d.due_date));
  OPKOMST_RETURN_IF_ERROR(date(kChildBirthDate, &d.child_birth_date));
  d.child_age_months_at_start = Int(q, BulkField(kChildAgeMonthsAtStart));
  d.pregnant_at_start = Text(q, BulkField(kPregnantAtStart));
  d.first_pregnancy = Text(q, BulkField(kFirstPregnancy));
  d.mother_age_at_start = Int(q, BulkField(kMotherAgeAtStart));
  return visit.dossier(d);
}

Status MeasurementRow(sqlite3_stmt* q, const Store::BulkVisitors& visit) {
  Store::BulkMeasurement m;
  m.dossier_id = Text(q, 0);
  int moment = sqlite3_column_int(q, 1);
  if (moment < 0 || moment >= kMomentCount)
    return UnreadableStored("measurement of", m.dossier_id, "moment", std::to_string(moment));
  m.moment = static_cast<Moment>(moment);
  OPKOMST_RETURN_IF_ERROR(DateAt(q, 2, "measurement of", m.dossier_id, "measured_on", &m.measured_on));
  m.answers = Text(q, 3);
  return visit.measurement(m);
}

}  // namespace

Status SqliteScanBulk(sqlite3* db, const std::string& path, const Store::BulkVisitors& visit,
                      const std::function<Status()>& rest) {
  // The lock is best effort: a read-only file has no write lock to take,
  // and then no writer can change it between the two starts either.
  auto lock = OpenConnection(path, SQLITE_OPEN_READWRITE);
  bool locked = lock.ok() && Exec(lock->get(), "BEGIN IMMEDIATE").ok();
  auto dossiers = Start(db, kDossiers.c_str());
  auto second = OpenConnection(path, SQLITE_OPEN_READONLY);
  StatusOr<Started> measurements = second.ok() ? Start(second->get(), kMeasurements) : second.status();
  if (locked) (void)Exec(lock->get(), "ROLLBACK");
  Status outcome = !dossiers.ok() ? dossiers.status() : measurements.status();
  if (outcome.ok()) {
    outcome = RunSideBySide(
        [&](const std::atomic<bool>& stop) {
          Status s = Drain(db, &*dossiers, stop, [&](sqlite3_stmt* q) { return DossierRow(q, visit); });
          dossiers->statement.reset();
          return s.ok() && !stop ? rest() : s;
        },
        [&](const std::atomic<bool>& stop) {
          return Drain(second->get(), &*measurements, stop, [&](sqlite3_stmt* q) { return MeasurementRow(q, visit); });
        });
  }
  // End both read transactions (a failed Start may have left one open).
  if (dossiers.ok()) dossiers->statement.reset();  // (done already after a full scan)
  if (measurements.ok()) measurements->statement.reset();
  (void)Exec(db, "ROLLBACK");
  return outcome;
}

}  // namespace opkomst
