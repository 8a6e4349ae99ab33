#include "storage/team.h"

#include <algorithm>

#include "storage/dossier_writes.h"
#include "storage/score_sheets.h"
#include "storage/sql.h"

namespace opkomst::team {
namespace {

using Cell = std::optional<std::string>;

std::string Get(const SqlRow& row, size_t i) { return row[i].value_or(""); }
std::optional<int64_t> GetInt(const SqlRow& row, size_t i) {
  if (!row[i] || row[i]->empty()) return std::nullopt;
  return std::stoll(*row[i]);
}

const char kAccountColumns[] =
    "username, display_name, role, password_hash, totp_secret, capacity, active, failed_attempts, "
    "first_failed_at, locked_until, last_totp_step, activation_hash, activation_expires, confirmed, created_by";

Account AccountFrom(const SqlRow& r) {
  Account a;
  a.username = Get(r, 0);
  a.display_name = Get(r, 1);
  a.role = Get(r, 2);
  a.password_hash = Get(r, 3);
  a.totp_secret = Get(r, 4);
  if (auto c = GetInt(r, 5)) a.capacity = static_cast<int>(*c);
  a.active = GetInt(r, 6).value_or(1) != 0;
  a.failed_attempts = static_cast<int>(GetInt(r, 7).value_or(0));
  a.first_failed_at = GetInt(r, 8);
  a.locked_until = GetInt(r, 9);
  a.last_totp_step = GetInt(r, 10);
  a.activation_hash = Get(r, 11);
  a.activation_expires = GetInt(r, 12);
  a.confirmed = GetInt(r, 13).value_or(1) != 0;
  a.created_by = Get(r, 14);
  return a;
}

// The WHERE clause of a dossier filter and its parameters.
std::string Where(const DossierFilter& f, SqlRow* params) {
  std::string where = " WHERE 1=1";
  if (!f.social_worker.empty()) {
    where += " AND d.social_worker = ?";
    params->push_back(f.social_worker);
  }
  if (!f.track.empty()) {
    where += " AND d.track = ?";
    params->push_back(f.track);
  }
  if (f.status == "lopend") where += " AND d.end_date IS NULL";
  if (f.status == "afgesloten") where += " AND d.end_date IS NOT NULL";
  if (f.start_year > 0) {
    where += " AND d.start_date >= ? AND d.start_date <= ?";
    params->push_back(std::to_string(f.start_year) + "-01-01");
    params->push_back(std::to_string(f.start_year) + "-12-31");
  }
  if (!f.id_part.empty()) {
    // A part anywhere in the id, case ignored (ids are ASCII); the
    // characters % _ and \ in the input are literal.
    where += " AND (UPPER(d.dossier_id) LIKE ? ESCAPE '\\' OR UPPER(d.mother_id) LIKE ? ESCAPE '\\'";
    std::string pattern = "%";
    for (char c : f.id_part) {
      if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
      pattern.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    pattern.push_back('%');
    params->push_back(pattern);
    params->push_back(pattern);
    if (!f.also_ids.empty()) {
      where += " OR d.dossier_id IN (?";
      for (size_t i = 1; i < f.also_ids.size(); ++i) where += ",?";
      where += ")";
      for (const std::string& id : f.also_ids) params->push_back(id);
    }
    where += ")";
  }
  return where;
}

}  // namespace

StatusOr<std::optional<Account>> FindAccount(Store& store, const std::string& username) {
  auto rows = storage::SqlAccess::Query(
      store, std::string("SELECT ") + kAccountColumns + " FROM account WHERE username = ?", {username});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Account>();
  return std::optional<Account>(AccountFrom(rows->front()));
}

StatusOr<std::vector<Account>> ListAccounts(Store& store) {
  auto rows = storage::SqlAccess::Query(
      store, std::string("SELECT ") + kAccountColumns + " FROM account ORDER BY role, username");
  if (!rows.ok()) return rows.status();
  std::vector<Account> out;
  for (const SqlRow& r : *rows) out.push_back(AccountFrom(r));
  return out;
}

const char kAuditColumns[] = "seq, at, account, role, action, dossier_id, outcome, detail, prev_hash, hash";

AuditRow AuditFrom(const SqlRow& r) {
  AuditRow a;
  a.seq = GetInt(r, 0).value_or(0);
  a.at = Get(r, 1);
  a.account = Get(r, 2);
  a.role = Get(r, 3);
  a.action = Get(r, 4);
  a.dossier_id = Get(r, 5);
  a.outcome = Get(r, 6);
  a.detail = Get(r, 7);
  a.prev_hash = Get(r, 8);
  a.hash = Get(r, 9);
  return a;
}

Status ScanAudit(Store& store, const std::string& dossier_id, int64_t after, int limit, std::vector<AuditRow>* out) {
  std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE seq > ?";
  SqlRow params{std::to_string(after)};
  if (!dossier_id.empty()) {
    sql += " AND dossier_id = ?";
    params.push_back(dossier_id);
  }
  sql += " ORDER BY seq LIMIT ?";
  params.push_back(std::to_string(limit));
  auto rows = storage::SqlAccess::Query(store, sql, params);
  if (!rows.ok()) return rows.status();
  for (const SqlRow& r : *rows) out->push_back(AuditFrom(r));
  return Status::Ok();
}

StatusOr<std::vector<AuditRow>> AuditPage(Store& store, const AuditPageQuery& q) {
  std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE dossier_id = ?";
  SqlRow params{q.dossier_id};
  if (q.outcomes == AuditOutcomes::kRefused) sql += " AND outcome = 'geweigerd'";
  if (q.outcomes == AuditOutcomes::kAllowed) sql += " AND outcome <> 'geweigerd'";
  bool forward = q.after_seq > 0;
  if (forward) {
    sql += " AND seq > ? ORDER BY seq LIMIT ?";
    params.push_back(std::to_string(q.after_seq));
  } else {
    if (q.before_seq > 0) {
      sql += " AND seq < ?";
      params.push_back(std::to_string(q.before_seq));
    }
    sql += " ORDER BY seq DESC LIMIT ?";
  }
  params.push_back(std::to_string(q.limit));
  auto rows = storage::SqlAccess::Query(store, sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<AuditRow> out;
  out.reserve(rows->size());
  for (const SqlRow& r : *rows) out.push_back(AuditFrom(r));
  if (forward) std::reverse(out.begin(), out.end());
  return out;
}

namespace {

const char kContactColumns[] = "contact_id, dossier_id, contact_date, kind, note, author";

Contact ContactFrom(const SqlRow& r) {
  return {GetInt(r, 0).value_or(0), Get(r, 1), Get(r, 2), Get(r, 3), Get(r, 4), Get(r, 5), ""};
}

}  // namespace

Status InsertContact(Store& store, const Contact& c) {
  return storage::SqlAccess::Query(
             store, "INSERT INTO contact (dossier_id, contact_date, kind, note, author) VALUES (?,?,?,?,?)",
             {c.dossier_id, c.date, c.kind, c.note, c.author})
      .status();
}

StatusOr<std::vector<Contact>> ListContacts(Store& store, const std::string& dossier_id, int limit) {
  std::string sql = std::string("SELECT ") + kContactColumns +
                    " FROM contact WHERE dossier_id = ? ORDER BY contact_date DESC, contact_id DESC";
  SqlRow params = {dossier_id};
  if (limit > 0) {
    sql += " LIMIT ?";
    params.push_back(std::to_string(limit));
  }
  auto rows = storage::SqlAccess::Query(store, sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<Contact> out;
  for (const SqlRow& r : *rows) out.push_back(ContactFrom(r));
  return out;
}

StatusOr<std::optional<Contact>> FindContact(Store& store, const std::string& dossier_id, int64_t contact_id) {
  auto rows = storage::SqlAccess::Query(
      store, std::string("SELECT ") + kContactColumns + " FROM contact WHERE contact_id = ? AND dossier_id = ?",
      {std::to_string(contact_id), dossier_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Contact>();
  return std::optional<Contact>(ContactFrom(rows->front()));
}

StatusOr<std::string> GetIdentity(Store& store, const std::string& dossier_id) {
  auto rows =
      storage::SqlAccess::Query(store, "SELECT sealed FROM dossier_identity WHERE dossier_id = ?", {dossier_id});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : Get(rows->front(), 0);
}

Status PutIdentity(Store& store, const std::string& dossier_id, const std::string& sealed) {
  return storage::SqlAccess::Transact(store, [&](SqlSession& s) -> Status {
    OPKOMST_RETURN_IF_ERROR(s.Query("DELETE FROM dossier_identity WHERE dossier_id = ?", {dossier_id}).status());
    return s.Query("INSERT INTO dossier_identity (dossier_id, sealed) VALUES (?,?)", {dossier_id, sealed}).status();
  });
}

StatusOr<std::vector<std::pair<std::string, std::string>>> IdentitiesOf(Store& store,
                                                                        const std::string& social_worker) {
  std::vector<std::pair<std::string, std::string>> out;
  if (social_worker.empty()) return out;
  auto rows = storage::SqlAccess::Query(store,
                                        "SELECT i.dossier_id, i.sealed FROM dossier_identity i JOIN dossier d ON "
                                        "d.dossier_id = i.dossier_id WHERE d.social_worker = ? ORDER BY i.dossier_id",
                                        {social_worker});
  if (!rows.ok()) return rows.status();
  for (const SqlRow& r : *rows) out.emplace_back(Get(r, 0), Get(r, 1));
  return out;
}

StatusOr<std::vector<StoredScore>> GetScores(Store& store, const std::string& dossier_id) {
  using storage::SqlAccess;
  return storage::ReadScoreSheets(
      [&](const std::string& sql, const SqlRow& params) { return SqlAccess::Query(store, sql, params); },
      SqlAccess::StoreCodebook(store), dossier_id);
}

StatusOr<int64_t> PutScores(Store& store, const std::string& dossier_id, int64_t expected_version, int moment,
                            const std::string& measured_on, const std::vector<StoredScore>& scores) {
  using storage::SqlAccess;
  OPKOMST_RETURN_IF_ERROR(SqlAccess::Transact(store, [&](SqlSession& session) -> Status {
    OPKOMST_RETURN_IF_ERROR(storage::BumpVersion(session, dossier_id, expected_version));
    return storage::ReplaceScoreSheet(session, SqlAccess::StoreCodebook(store), dossier_id, moment, measured_on,
                                      scores);
  }));
  return expected_version + 1;
}

namespace {

// The registered moments of the listed dossiers: one query over the id
// range of the page with the same filter, instead of two subqueries per row
// (which cost PostgreSQL an index scan each).
Status FillMoments(Store& store, const DossierFilter& filter, std::vector<DossierLine>* lines) {
  if (lines->empty()) return Status::Ok();
  SqlRow params;
  std::string sql =
      "SELECT m.dossier_id, m.moment, CASE WHEN m.moment = 0 THEN m.answers END FROM measurement m "
      "JOIN dossier d ON d.dossier_id = m.dossier_id" +
      Where(filter, &params) + " AND d.dossier_id >= ? AND d.dossier_id <= ? ORDER BY m.dossier_id";
  params.push_back(lines->front().dossier_id);
  params.push_back(lines->back().dossier_id);
  auto rows = storage::SqlAccess::Query(store, sql, params);
  if (!rows.ok()) return rows.status();
  size_t at = 0;
  for (const SqlRow& r : *rows) {
    std::string id = Get(r, 0);
    while (at < lines->size() && (*lines)[at].dossier_id < id) ++at;
    if (at == lines->size()) break;
    if ((*lines)[at].dossier_id != id) continue;
    int moment = static_cast<int>(GetInt(r, 1).value_or(0));
    (*lines)[at].moments |= 1 << moment;
    if (moment == 0) (*lines)[at].start_answers = Get(r, 2);
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<DossierLine>> ListDossiers(Store& store, const DossierFilter& filter) {
  SqlRow params;
  std::string sql =
      "SELECT d.dossier_id, d.mother_id, d.track, d.start_date, d.end_date, d.social_worker, d.due_date, "
      "d.child_birth_date, d.trajectory_number FROM dossier d" +
      Where(filter, &params) + " ORDER BY d.dossier_id LIMIT ? OFFSET ?";
  params.push_back(std::to_string(filter.limit));
  params.push_back(std::to_string(filter.offset));
  auto rows = storage::SqlAccess::Query(store, sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<DossierLine> out;
  out.reserve(rows->size());
  for (const SqlRow& r : *rows) {
    DossierLine line{Get(r, 0), Get(r, 1), Get(r, 2), Get(r, 3), Get(r, 4), Get(r, 5), Get(r, 6), Get(r, 7), 1, 0, ""};
    line.trajectory_number = static_cast<int>(GetInt(r, 8).value_or(1));
    out.push_back(std::move(line));
  }
  OPKOMST_RETURN_IF_ERROR(FillMoments(store, filter, &out));
  return out;
}

StatusOr<int64_t> CountDossiers(Store& store, const DossierFilter& filter) {
  SqlRow params;
  auto rows = storage::SqlAccess::Query(store, "SELECT count(*) FROM dossier d" + Where(filter, &params), params);
  if (!rows.ok()) return rows.status();
  return GetInt(rows->front(), 0).value_or(0);
}

StatusOr<std::vector<std::string>> MothersOf(Store& store, const std::string& social_worker, int limit) {
  std::string sql = "SELECT DISTINCT mother_id FROM dossier";
  SqlRow params;
  if (!social_worker.empty()) {
    sql += " WHERE social_worker = ?";
    params.push_back(social_worker);
  }
  sql += " ORDER BY mother_id LIMIT ?";
  params.push_back(std::to_string(limit));
  auto rows = storage::SqlAccess::Query(store, sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  for (const SqlRow& r : *rows) out.push_back(Get(r, 0));
  return out;
}

StatusOr<bool> MotherHasDossierOf(Store& store, const std::string& mother_id, const std::string& social_worker) {
  std::string sql = "SELECT count(*) FROM dossier WHERE mother_id = ?";
  SqlRow params{mother_id};
  if (!social_worker.empty()) {
    sql += " AND social_worker = ?";
    params.push_back(social_worker);
  }
  auto rows = storage::SqlAccess::Query(store, sql, params);
  if (!rows.ok()) return rows.status();
  return GetInt(rows->front(), 0).value_or(0) > 0;
}

StatusOr<std::string> DossierOfTrajectory(Store& store, const std::string& mother_id, int trajectory_number) {
  auto rows =
      storage::SqlAccess::Query(store, "SELECT dossier_id FROM dossier WHERE mother_id = ? AND trajectory_number = ?",
                                {mother_id, std::to_string(trajectory_number)});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : Get(rows->front(), 0);
}

StatusOr<std::vector<WorkerLoad>> RunningPerWorker(Store& store) {
  auto rows = storage::SqlAccess::Query(
      store,
      "SELECT coalesce(social_worker, ''), sum(CASE WHEN track = 'opkomst_plus' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN track = 'opkomst' THEN 1 ELSE 0 END) FROM dossier WHERE end_date IS NULL "
      "GROUP BY coalesce(social_worker, '') ORDER BY 1");
  if (!rows.ok()) return rows.status();
  std::vector<WorkerLoad> out;
  for (const SqlRow& r : *rows)
    out.push_back({Get(r, 0), static_cast<int>(GetInt(r, 1).value_or(0)), static_cast<int>(GetInt(r, 2).value_or(0))});
  return out;
}

}  // namespace opkomst::team
