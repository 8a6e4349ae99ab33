#include "storage/sessions.h"

#include "storage/sql.h"

namespace opkomst::storage {
namespace {

std::string Number(int64_t v) { return std::to_string(v); }
int64_t ToNumber(const std::optional<std::string>& v) { return v ? std::stoll(*v) : 0; }

}  // namespace

Status InsertSession(Store& store, const SessionRow& row) {
  std::optional<std::string> pending;
  if (!row.pending_totp.empty()) pending = row.pending_totp;
  return SqlAccess::Query(store,
                          "INSERT INTO web_session (token_hash, username, csrf_token, language, "
                          "awaiting_second_factor, pending_totp, created, last_seen, idle_expires, absolute_expires) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {row.token_hash, row.username, row.csrf_token, row.language,
                           row.awaiting_second_factor ? "1" : "0", pending, Number(row.created), Number(row.last_seen),
                           Number(row.idle_expires), Number(row.absolute_expires)})
      .status();
}

namespace {

constexpr char kSelectSession[] =
    "SELECT s.username, a.role, s.csrf_token, s.language, s.awaiting_second_factor, s.pending_totp, s.created, "
    "s.last_seen, s.idle_expires, s.absolute_expires FROM web_session s JOIN account a ON a.username = s.username "
    "WHERE s.token_hash = ? AND a.active = 1 AND ";

StatusOr<std::optional<SessionRow>> OneSession(Store& store, const std::string& token_hash, const std::string& when,
                                               const SqlRow& params) {
  SqlRow all = {token_hash};
  all.insert(all.end(), params.begin(), params.end());
  auto rows = SqlAccess::Query(store, kSelectSession + when, all);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<SessionRow>();
  const SqlRow& r = rows->front();
  SessionRow row;
  row.token_hash = token_hash;
  row.username = r[0].value_or("");
  row.role = r[1].value_or("");
  row.csrf_token = r[2].value_or("");
  row.language = r[3].value_or("nl");
  row.awaiting_second_factor = r[4].value_or("0") == "1";
  row.pending_totp = r[5].value_or("");
  row.created = ToNumber(r[6]);
  row.last_seen = ToNumber(r[7]);
  row.idle_expires = ToNumber(r[8]);
  row.absolute_expires = ToNumber(r[9]);
  return std::optional<SessionRow>(std::move(row));
}

}  // namespace

StatusOr<std::optional<SessionRow>> FindSession(Store& store, const std::string& token_hash, int64_t now) {
  return OneSession(store, token_hash, "s.idle_expires > ? AND s.absolute_expires > ?", {Number(now), Number(now)});
}

StatusOr<std::optional<SessionRow>> FindEndedSession(Store& store, const std::string& token_hash, int64_t now,
                                                     int64_t ended_after) {
  // Ended: one of the two moments passed. Not too long ago: the earlier of
  // them is after `ended_after`. Never a session still waiting for its code.
  return OneSession(store, token_hash,
                    "s.awaiting_second_factor = 0 AND (s.idle_expires <= ? OR s.absolute_expires <= ?) "
                    "AND s.idle_expires > ? AND s.absolute_expires > ?",
                    {Number(now), Number(now), Number(ended_after), Number(ended_after)});
}

StatusOr<bool> TouchSession(Store& store, const std::string& token_hash, int64_t now, int64_t idle_expires,
                            int64_t touched_before) {
  // One conditional statement: two servers touching at once write once, and
  // an expired session is never brought back.
  auto rows = SqlAccess::Query(
      store,
      "UPDATE web_session SET last_seen = ?, idle_expires = ? WHERE token_hash = ? "
      "AND last_seen <= ? AND idle_expires > ? AND absolute_expires > ? RETURNING token_hash",
      {Number(now), Number(idle_expires), token_hash, Number(touched_before), Number(now), Number(now)});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status UpdateSessionState(Store& store, const SessionRow& row) {
  std::optional<std::string> pending;
  if (!row.pending_totp.empty()) pending = row.pending_totp;
  return SqlAccess::Query(store,
                          "UPDATE web_session SET language = ?, awaiting_second_factor = ?, pending_totp = ? "
                          "WHERE token_hash = ?",
                          {row.language, row.awaiting_second_factor ? "1" : "0", pending, row.token_hash})
      .status();
}

Status DeleteSession(Store& store, const std::string& token_hash) {
  return SqlAccess::Query(store, "DELETE FROM web_session WHERE token_hash = ?", {token_hash}).status();
}

Status DeleteSessionsOf(Store& store, const std::string& username) {
  return SqlAccess::Query(store, "DELETE FROM web_session WHERE username = ?", {username}).status();
}

StatusOr<int64_t> PurgeExpiredSessions(Store& store, int64_t ended_before) {
  auto rows = SqlAccess::Query(
      store, "DELETE FROM web_session WHERE idle_expires <= ? OR absolute_expires <= ? RETURNING token_hash",
      {Number(ended_before), Number(ended_before)});
  if (!rows.ok()) return rows.status();
  return static_cast<int64_t>(rows->size());
}

StatusOr<int64_t> CountSessions(Store& store) {
  auto rows = SqlAccess::Query(store, "SELECT COUNT(*) FROM web_session");
  if (!rows.ok()) return rows.status();
  return ToNumber(rows->front()[0]);
}

}  // namespace opkomst::storage
