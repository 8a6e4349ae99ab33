// Signed-in sessions in the store (migration 0009), so that a restart signs
// no one out and every server of a group serves every request. Rows are
// keyed by the SHA-256 of the cookie's token; the token itself is never
// stored. Expiry is decided in the statements themselves (idle and absolute
// moments compared with `now`), so every server applies the same rule and
// an expired row is never returned, purged or not.
#ifndef OPKOMST_STORAGE_SESSIONS_H_
#define OPKOMST_STORAGE_SESSIONS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "storage/store.h"

namespace opkomst::storage {

struct SessionRow {
  std::string token_hash;  // SHA-256 hex of the token
  std::string username;
  std::string role;  // of the account, read with the session (never stored in it)
  std::string csrf_token;
  std::string language = "nl";  // "nl" or "en"
  bool awaiting_second_factor = false;
  std::string pending_totp;  // sealed; empty = none
  int64_t created = 0, last_seen = 0, idle_expires = 0, absolute_expires = 0;
};

// Inserts a new session (role is ignored).
Status InsertSession(Store& store, const SessionRow& row);
// The session of `token_hash` if it has not expired at `now` and its account
// is still enabled, with the account's current role; nullopt otherwise.
StatusOr<std::optional<SessionRow>> FindSession(Store& store, const std::string& token_hash, int64_t now);
// The session of `token_hash` that has ended (idle or absolute expiry) at
// `now`, but no earlier than `ended_after`, and was fully signed in, with
// its account still enabled and that account's current role; nullopt
// otherwise. A signed-out session has no row, so it never matches.
StatusOr<std::optional<SessionRow>> FindEndedSession(Store& store, const std::string& token_hash, int64_t now,
                                                     int64_t ended_after);
// Moves last_seen to `now` and the idle expiry to `idle_expires`, but only
// if the session is still live and was last touched at or before
// `touched_before` (the bounded write rate). True if it wrote.
StatusOr<bool> TouchSession(Store& store, const std::string& token_hash, int64_t now, int64_t idle_expires,
                            int64_t touched_before);
// Writes the language, the second-factor state and the pending secret.
Status UpdateSessionState(Store& store, const SessionRow& row);
Status DeleteSession(Store& store, const std::string& token_hash);
Status DeleteSessionsOf(Store& store, const std::string& username);
// Removes every session that ended at or before `ended_before`; returns
// how many.
StatusOr<int64_t> PurgeExpiredSessions(Store& store, int64_t ended_before);
// Every stored row, expired or not (tests and operators).
StatusOr<int64_t> CountSessions(Store& store);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_SESSIONS_H_
