#include "storage/unit_of_work.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include "storage/crash_point.h"
#include "storage/dossier_writes.h"
#include "storage/score_sheets.h"
#include "storage/sql.h"

namespace opkomst::storage {

Status InsertOutbox(SqlSession& session, const AuditEntry& entry);  // audit_store.cc

namespace {

// A key no other event has: 128 random bits. Not a secret, only unique.
std::string NewOutboxKey() {
  static thread_local std::mt19937_64 generator{
      std::random_device{}() ^ static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  char key[33];
  std::snprintf(key, sizeof key, "%016llx%016llx", static_cast<unsigned long long>(generator()),
                static_cast<unsigned long long>(generator()));
  return key;
}

std::string Now() { return AuditTimestamp().substr(0, 19) + "Z"; }

}  // namespace

std::string AuditTimestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return buf;
}

SqlSession& SessionOf(UnitOfWork& work) { return work.session_; }

Status UnitOfWork::CreateDossier(Dossier* d) { return InsertDossier(session_, codebook_, d); }

Status UnitOfWork::UpdateDossier(Dossier* d) { return WriteDossier(session_, codebook_, d); }

StatusOr<int64_t> UnitOfWork::PutMeasurement(const std::string& id, int64_t expected, const Measurement& m) {
  return WriteMeasurement(session_, codebook_, id, expected, m);
}

StatusOr<int64_t> UnitOfWork::PutScores(const std::string& id, int64_t expected, int moment,
                                        const std::string& measured_on, const std::vector<team::StoredScore>& scores) {
  OPKOMST_RETURN_IF_ERROR(BumpVersion(session_, id, expected));
  OPKOMST_RETURN_IF_ERROR(ReplaceScoreSheet(session_, codebook_, id, moment, measured_on, scores));
  return expected + 1;
}

Status UnitOfWork::PutIdentity(const std::string& id, const std::string& sealed) {
  OPKOMST_RETURN_IF_ERROR(session_.Query("DELETE FROM dossier_identity WHERE dossier_id = ?", {id}).status());
  return session_.Query("INSERT INTO dossier_identity (dossier_id, sealed) VALUES (?,?)", {id, sealed}).status();
}

Status UnitOfWork::InsertContact(const team::Contact& c) {
  return session_
      .Query("INSERT INTO contact (dossier_id, contact_date, kind, note, author) VALUES (?,?,?,?,?)",
             {c.dossier_id, c.date, c.kind, c.note, c.author})
      .status();
}

namespace {

// Whether dossier `dossier_id` holds contact `contact_id`; kNotFound if not.
Status ContactOfDossier(SqlSession& session, const std::string& dossier_id, int64_t contact_id) {
  auto rows = session.Query("SELECT contact_id FROM contact WHERE contact_id = ? AND dossier_id = ?",
                            {std::to_string(contact_id), dossier_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NotFound("dossier " + dossier_id + " has no contact " + std::to_string(contact_id));
  return Status::Ok();
}

}  // namespace

Status UnitOfWork::UpdateContact(const team::Contact& c) {
  OPKOMST_RETURN_IF_ERROR(ContactOfDossier(session_, c.dossier_id, c.id));
  return session_
      .Query("UPDATE contact SET contact_date = ?, kind = ?, note = ? WHERE contact_id = ? AND dossier_id = ?",
             {c.date, c.kind, c.note, std::to_string(c.id), c.dossier_id})
      .status();
}

Status UnitOfWork::DeleteContact(const std::string& dossier_id, int64_t contact_id) {
  OPKOMST_RETURN_IF_ERROR(ContactOfDossier(session_, dossier_id, contact_id));
  return session_
      .Query("DELETE FROM contact WHERE contact_id = ? AND dossier_id = ?", {std::to_string(contact_id), dossier_id})
      .status();
}

Status UnitOfWork::PutIndicatorSetVersion(const std::string& set_id, int version, const std::string& definition,
                                          const std::string& created_by) {
  // The primary key (set_id, version) refuses a second version N: two team
  // leads saving at once, the second gets kConflict, not a silent overwrite.
  auto existing = session_.Query("SELECT version FROM indicator_set_version WHERE set_id = ? AND version = ?",
                                 {set_id, std::to_string(version)});
  if (!existing.ok()) return existing.status();
  if (!existing->empty())
    return Conflict("indicator set " + set_id + " version " + std::to_string(version) + " was saved by someone else");
  OPKOMST_RETURN_IF_ERROR(
      session_
          .Query("INSERT INTO indicator_set_version (set_id, version, definition, created_at, created_by) VALUES "
                 "(?,?,?,?,?)",
                 {set_id, std::to_string(version), definition, Now(), created_by})
          .status());
  // The report's tables show the set's labels and rows: a cached report
  // (web/report_cache.h) must see that the data changed.
  return session_.Query("UPDATE data_version SET counter = counter + 1 WHERE id = 1").status();
}

void UnitOfWork::Audit(AuditEntry event) {
  event.outbox_key = NewOutboxKey();
  event.at = AuditTimestamp();
  events_.push_back(std::move(event));
}

Status Atomically(Store& store, const Codebook& codebook, const std::function<Status(UnitOfWork&)>& body) {
  Status status = SqlAccess::Transact(store, [&](SqlSession& session) -> Status {
    UnitOfWork work(session, codebook);
    OPKOMST_RETURN_IF_ERROR(body(work));
    if (work.events_.empty()) return Internal("a change without an audit event");
    CrashPoint("change-written");
    for (const AuditEntry& event : work.events_) OPKOMST_RETURN_IF_ERROR(InsertOutbox(session, event));
    CrashPoint("outbox-written");
    return Status::Ok();
  });
  if (status.ok()) CrashPoint("committed");
  return status;
}

}  // namespace opkomst::storage
