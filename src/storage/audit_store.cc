#include "storage/audit_store.h"

#include <unordered_set>

#include "storage/sql.h"

namespace opkomst::storage {
namespace {

constexpr int64_t kChainLock = 81158;  // pg_advisory_xact_lock key of the chain

std::optional<std::string> Nullable(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// The keys of `entries` that the chain already holds.
StatusOr<std::unordered_set<std::string>> ChainedKeys(SqlSession& session, const std::vector<AuditEntry>& entries) {
  std::unordered_set<std::string> found;
  for (const AuditEntry& entry : entries) {
    if (entry.outbox_key.empty()) continue;
    auto rows = session.Query("SELECT 1 FROM audit_log WHERE outbox_key = ?", {entry.outbox_key});
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) found.insert(entry.outbox_key);
  }
  return found;
}

}  // namespace

Status AppendToChain(Store& chain, const std::vector<AuditEntry>& entries, const std::string& genesis,
                     const AuditHasher& hash) {
  if (entries.empty()) return Status::Ok();
  return SqlAccess::Transact(chain, [&](SqlSession& session) -> Status {
    if (SqlAccess::Dialect(chain) == "postgres")
      OPKOMST_RETURN_IF_ERROR(
          session.Query("SELECT pg_advisory_xact_lock(" + std::to_string(kChainLock) + ")").status());
    OPKOMST_ASSIGN_OR_RETURN(auto chained, ChainedKeys(session, entries));
    OPKOMST_ASSIGN_OR_RETURN(auto last, session.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    int64_t seq = last.empty() ? 0 : std::stoll(last[0][0].value_or("0"));
    std::string prev = last.empty() ? genesis : last[0][1].value_or("");
    for (const AuditEntry& e : entries) {
      if (chained.count(e.outbox_key)) continue;
      team::AuditRow row{++seq, e.at, e.account, e.role, e.action, e.dossier_id, e.outcome, e.detail, prev, ""};
      row.hash = hash(row);
      OPKOMST_RETURN_IF_ERROR(
          session
              .Query("INSERT INTO audit_log (seq, at, account, role, action, dossier_id, outcome, detail, prev_hash, "
                     "hash, outbox_key) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     {std::to_string(row.seq), row.at, row.account, row.role, row.action, Nullable(row.dossier_id),
                      row.outcome, row.detail, row.prev_hash, row.hash, Nullable(e.outbox_key)})
              .status());
      prev = row.hash;
    }
    return Status::Ok();
  });
}

StatusOr<std::vector<AuditEntry>> ReadOutbox(Store& main, int limit) {
  OPKOMST_ASSIGN_OR_RETURN(auto rows,
                           SqlAccess::Query(main,
                                            "SELECT outbox_key, at, account, role, action, dossier_id, outcome, detail "
                                            "FROM audit_outbox ORDER BY at, outbox_key LIMIT ?",
                                            {std::to_string(limit)}));
  std::vector<AuditEntry> out;
  out.reserve(rows.size());
  for (const SqlRow& r : rows) {
    auto get = [&](size_t i) { return r[i].value_or(""); };
    out.push_back({get(0), get(1), get(2), get(3), get(4), get(5), get(6), get(7)});
  }
  return out;
}

Status ClearOutbox(Store& main, const std::vector<AuditEntry>& chained) {
  if (chained.empty()) return Status::Ok();
  return SqlAccess::Transact(main, [&](SqlSession& session) -> Status {
    for (const AuditEntry& e : chained)
      OPKOMST_RETURN_IF_ERROR(session.Query("DELETE FROM audit_outbox WHERE outbox_key = ?", {e.outbox_key}).status());
    return Status::Ok();
  });
}

// Inserts one change event into the outbox, inside the change's transaction.
Status InsertOutbox(SqlSession& session, const AuditEntry& e) {
  return session
      .Query(
          "INSERT INTO audit_outbox (outbox_key, at, account, role, action, dossier_id, outcome, detail) "
          "VALUES (?,?,?,?,?,?,?,?)",
          {e.outbox_key, e.at, e.account, e.role, e.action, Nullable(e.dossier_id), e.outcome, e.detail})
      .status();
}

}  // namespace opkomst::storage
