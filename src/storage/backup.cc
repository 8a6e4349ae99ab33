#include "storage/backup.h"

#include <sqlite3.h>

#include <memory>

#include "storage/sql.h"

namespace opkomst::storage {
namespace {

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Status SqliteFailure(sqlite3* db, const std::string& what) {
  int code = db ? sqlite3_extended_errcode(db) : SQLITE_CANTOPEN;
  std::string message = what + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
  if ((code & 0xff) == SQLITE_FULL) return Unavailable(message + " (the disk of the copy is full)");
  return Unavailable(message);
}

constexpr char kCountSql[] =
    "SELECT (SELECT count(*) FROM dossier), (SELECT count(*) FROM measurement), (SELECT coalesce(sum(scored), 0) FROM "
    "score_sheet), "
    "(SELECT coalesce(sum(answered), 0) FROM interview_sheet), (SELECT count(*) FROM contact), (SELECT count(*) FROM "
    "account), "
    "(SELECT count(*) FROM audit_outbox)";
constexpr char kChainSql[] =
    "SELECT (SELECT count(*) FROM audit_log), (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)";

int64_t Number(const std::optional<std::string>& cell) { return cell ? std::stoll(*cell) : 0; }

Status FillData(const std::vector<SqlRow>& rows, BackupCounts* out) {
  if (rows.size() != 1 || rows[0].size() != 7) return Internal("backup counts: unexpected result");
  const SqlRow& r = rows[0];
  *out = {Number(r[0]), Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4]), Number(r[5]), 0, Number(r[6]), ""};
  return Status::Ok();
}

Status FillChain(const std::vector<SqlRow>& rows, BackupCounts* out) {
  if (rows.size() != 1 || rows[0].size() != 2) return Internal("backup audit counts: unexpected result");
  out->audit_rows = Number(rows[0][0]);
  out->last_audit_hash = rows[0][1].value_or("");
  return Status::Ok();
}

}  // namespace

Status CopySqliteOnline(const std::string& source, const std::string& destination) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(source.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Database from(raw, &sqlite3_close);
  if (rc != SQLITE_OK) return SqliteFailure(raw, "opening " + source);
  sqlite3_busy_timeout(from.get(), 30000);
  raw = nullptr;
  rc = sqlite3_open_v2(destination.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXCLUSIVE,
                       nullptr);
  Database to(raw, &sqlite3_close);
  if (rc != SQLITE_OK) return SqliteFailure(raw, "creating " + destination);
  sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!backup) return SqliteFailure(to.get(), "backup of " + source);
  // All pages in one step, inside one read transaction: in WAL mode a
  // reader never blocks the writers, and the copy is one committed state.
  // (Small steps would restart each time a writer changed a copied page,
  // and under steady writes might never finish.) A busy source is retried.
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteFailure(to.get(), "backup of " + source + " to " + destination);
  // The copy is self-contained: no write-ahead log beside it.
  if (sqlite3_exec(to.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return SqliteFailure(to.get(), "finishing " + destination);
  return Status::Ok();
}

StatusOr<BackupCounts> CountForBackup(Store& data, Store& audit) {
  BackupCounts counts;
  auto rows = SqlAccess::Query(data, kCountSql);
  if (!rows.ok()) return rows.status();
  OPKOMST_RETURN_IF_ERROR(FillData(*rows, &counts));
  auto chain = SqlAccess::Query(audit, kChainSql);
  if (!chain.ok()) return chain.status();
  OPKOMST_RETURN_IF_ERROR(FillChain(*chain, &counts));
  return counts;
}

StatusOr<BackupCounts> CountInExportedSnapshot(Store& store,
                                               const std::function<Status(const std::string& snapshot)>& dump) {
  if (SqlAccess::Dialect(store) != "postgres") return Internal("an exported snapshot needs PostgreSQL");
  BackupCounts counts;
  Status s = SqlAccess::Transact(store, [&](SqlSession& session) -> Status {
    OPKOMST_RETURN_IF_ERROR(session.Query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").status());
    auto snapshot = session.Query("SELECT pg_export_snapshot()");
    if (!snapshot.ok()) return snapshot.status();
    if (snapshot->size() != 1 || snapshot->at(0).empty() || !snapshot->at(0)[0])
      return Internal("pg_export_snapshot: no snapshot");
    OPKOMST_RETURN_IF_ERROR(dump(*snapshot->at(0)[0]));
    auto rows = session.Query(kCountSql);
    if (!rows.ok()) return rows.status();
    OPKOMST_RETURN_IF_ERROR(FillData(*rows, &counts));
    auto chain = session.Query(kChainSql);
    if (!chain.ok()) return chain.status();
    return FillChain(*chain, &counts);
  });
  if (!s.ok()) return s;
  return counts;
}

}  // namespace opkomst::storage
