#include "storage/releases.h"

#include "storage/sql.h"

namespace opkomst::team {

StatusOr<bool> RecordReleaseIfAllowed(Store& store, const ReleaseRow& row, const ReleaseCheck& allow) {
  bool allowed = false;
  Status s = storage::SqlAccess::Transact(store, [&](SqlSession& session) -> Status {
    // SQLite's Transact holds the write lock from BEGIN IMMEDIATE on;
    // PostgreSQL needs the table locked against a second checker.
    if (storage::SqlAccess::Dialect(store) == "postgres")
      OPKOMST_RETURN_IF_ERROR(session.Query("LOCK TABLE report_release IN SHARE ROW EXCLUSIVE MODE").status());
    auto rows = session.Query("SELECT DISTINCT populations FROM report_release");
    if (!rows.ok()) return rows.status();
    std::vector<std::string> previous;
    previous.reserve(rows->size());
    for (const SqlRow& r : *rows) previous.push_back(r[0].value_or(""));
    auto verdict = allow(previous);
    if (!verdict.ok()) return verdict.status();
    allowed = *verdict;
    if (!allowed) return Status::Ok();
    return session
        .Query("INSERT INTO report_release (account, released_at, filters, populations) VALUES (?, ?, ?, ?)",
               {row.account, row.released_at, row.filters, row.populations})
        .status();
  });
  if (!s.ok()) return s;
  return allowed;
}

StatusOr<std::vector<ReleaseRow>> ListReleases(Store& store) {
  auto rows = storage::SqlAccess::Query(
      store, "SELECT account, released_at, filters, populations FROM report_release ORDER BY id");
  if (!rows.ok()) return rows.status();
  std::vector<ReleaseRow> out;
  for (const SqlRow& r : *rows)
    out.push_back({r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or("")});
  return out;
}

}  // namespace opkomst::team
