// The account changes of a UnitOfWork (storage/unit_of_work.h): they run
// in the use case's transaction, so that each commits with its audit
// record in the outbox, like a dossier change. Each is one conditional
// statement, so parallel requests never write back a value read earlier.
#include "storage/sql.h"
#include "storage/unit_of_work.h"

namespace opkomst::storage {
namespace {

using Cell = std::optional<std::string>;

Cell Text(const std::string& text) { return text.empty() ? Cell() : Cell(text); }
Cell Number(std::optional<int64_t> value) { return value ? Cell(std::to_string(*value)) : Cell(); }
std::string Flag(bool value) { return value ? "1" : "0"; }

// The statement matched a row (its RETURNING gave one back).
StatusOr<bool> Matched(const StatusOr<std::vector<SqlRow>>& rows) {
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status MustExist(const StatusOr<std::vector<SqlRow>>& rows, const std::string& username) {
  OPKOMST_ASSIGN_OR_RETURN(bool found, Matched(rows));
  if (!found) return NotFound("account '" + username + "' does not exist");
  return Status::Ok();
}

}  // namespace

Status UnitOfWork::InsertAccount(const team::Account& a) {
  return session_
      .Query(
          "INSERT INTO account (username, display_name, role, password_hash, totp_secret, capacity, active, "
          "activation_hash, activation_expires, confirmed, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          {a.username, a.display_name, a.role, a.password_hash, Text(a.totp_secret), Number(a.capacity), Flag(a.active),
           Text(a.activation_hash), Number(a.activation_expires), Flag(a.confirmed), Text(a.created_by)})
      .status();
}

Status UnitOfWork::SetPassword(const std::string& username, const std::string& hash) {
  return MustExist(
      session_.Query("UPDATE account SET password_hash = ? WHERE username = ? RETURNING username", {hash, username}),
      username);
}

Status UnitOfWork::SetActive(const std::string& username, bool active) {
  return MustExist(
      session_.Query("UPDATE account SET active = ? WHERE username = ? RETURNING username", {Flag(active), username}),
      username);
}

Status UnitOfWork::EnableAwaitingConfirmation(const std::string& username) {
  return MustExist(
      session_.Query("UPDATE account SET active = 1, confirmed = 0 WHERE username = ? RETURNING username", {username}),
      username);
}

StatusOr<bool> UnitOfWork::Activate(const std::string& username, const std::string& code_hash, int64_t now,
                                    const std::string& password_hash) {
  return Matched(
      session_.Query("UPDATE account SET password_hash = ?, activation_hash = NULL, activation_expires = NULL "
                     "WHERE username = ? AND activation_hash = ? AND activation_expires > ? RETURNING username",
                     {password_hash, username, code_hash, std::to_string(now)}));
}

StatusOr<bool> UnitOfWork::ConfirmAccount(const std::string& username, const std::string& confirmer) {
  return Matched(
      session_.Query("UPDATE account SET confirmed = 1 WHERE username = ? AND confirmed = 0 AND username <> ? "
                     "AND coalesce(created_by, '') <> ? RETURNING username",
                     {username, confirmer, confirmer}));
}

StatusOr<bool> UnitOfWork::ReplaceTotpSecret(const std::string& username, const std::string& expected_old,
                                             const std::string& sealed_new, int64_t used_step) {
  return Matched(session_.Query(
      "UPDATE account SET totp_secret = ?, last_totp_step = ? WHERE username = ? AND coalesce(totp_secret, '') = ? "
      "RETURNING username",
      {sealed_new, std::to_string(used_step), username, expected_old}));
}

StatusOr<bool> UnitOfWork::LockAccount(const std::string& username, int64_t now, int64_t lock_seconds) {
  return Matched(
      session_.Query("UPDATE account SET locked_until = ?, failed_attempts = 0, first_failed_at = NULL "
                     "WHERE username = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING username",
                     {std::to_string(now + lock_seconds), username, std::to_string(now)}));
}

}  // namespace opkomst::storage
