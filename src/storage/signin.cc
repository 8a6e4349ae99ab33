#include "storage/signin.h"

#include "storage/sql.h"

namespace opkomst::team {
namespace {

std::string Number(int64_t v) { return std::to_string(v); }

}  // namespace

StatusOr<AttemptClaim> ClaimAttempt(Store& store, const std::string& username, int64_t now, int64_t window_seconds) {
  // One statement: the new count is computed from the stored one under the
  // row lock, never from a value read earlier.
  auto rows = storage::SqlAccess::Query(
      store,
      "UPDATE account SET "
      "failed_attempts = CASE WHEN first_failed_at IS NULL OR first_failed_at <= ? THEN 1 "
      "ELSE failed_attempts + 1 END, "
      "first_failed_at = CASE WHEN first_failed_at IS NULL OR first_failed_at <= ? THEN CAST(? AS BIGINT) "
      "ELSE first_failed_at END "
      "WHERE username = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_attempts",
      {Number(now - window_seconds), Number(now - window_seconds), Number(now), username, Number(now)});
  if (!rows.ok()) return rows.status();
  AttemptClaim claim;
  if (!rows->empty()) {
    claim.attempt = std::stoi(rows->front()[0].value_or("0"));
    return claim;
  }
  auto exists = storage::SqlAccess::Query(store, "SELECT 1 FROM account WHERE username = ?", {username});
  if (!exists.ok()) return exists.status();
  if (exists->empty()) return NotFound("account '" + username + "' does not exist");
  claim.locked = true;
  return claim;
}

StatusOr<bool> RecordSuccess(Store& store, const std::string& username, int64_t now, int max_attempts, bool clear) {
  std::string set = clear ? "failed_attempts = 0, first_failed_at = NULL, locked_until = NULL"
                          : "failed_attempts = CASE WHEN failed_attempts > 0 THEN failed_attempts - 1 ELSE 0 END";
  auto rows = storage::SqlAccess::Query(
      store,
      "UPDATE account SET " + set +
          " WHERE username = ? AND (locked_until IS NULL OR locked_until <= ?) AND failed_attempts <= ? "
          "RETURNING username",
      {username, Number(now), Number(max_attempts)});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

StatusOr<bool> UseTotpStep(Store& store, const std::string& username, int64_t step) {
  auto rows = storage::SqlAccess::Query(
      store,
      "UPDATE account SET last_totp_step = ? WHERE username = ? AND (last_totp_step IS NULL OR last_totp_step < ?) "
      "RETURNING username",
      {Number(step), username, Number(step)});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

StatusOr<std::vector<Account>> AwaitingConfirmation(Store& store) {
  auto all = ListAccounts(store);
  if (!all.ok()) return all.status();
  std::vector<Account> out;
  for (Account& a : *all)
    if (!a.confirmed) out.push_back(std::move(a));
  return out;
}

}  // namespace opkomst::team
