// The sign-in state of an account, changed only by single conditional
// statements, so that parallel requests (threads of one server, or several
// servers on one database) cannot read a count and write back a stale one.
//
// The lockout works by claiming: every password or code attempt first
// claims a place in the account's 15-minute window (one UPDATE that adds
// one and returns the new count); only a claim within the limit is checked
// at all. So a burst of N parallel guesses gets at most the limit checked,
// whatever the timing. A success clears the count only if no lock and no
// burst beyond the limit got in meanwhile (checked in the same statement).
#ifndef OPKOMST_STORAGE_SIGNIN_H_
#define OPKOMST_STORAGE_SIGNIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/store.h"
#include "storage/team.h"

namespace opkomst::team {

struct AttemptClaim {
  bool locked = false;  // the account was locked: nothing was claimed
  int attempt = 0;      // this attempt's number in the window (1 = first)
};
// Claims one attempt in the window that started at the first claim (a new
// window when the last began more than `window_seconds` ago). kNotFound if
// there is no such account.
StatusOr<AttemptClaim> ClaimAttempt(Store& store, const std::string& username, int64_t now, int64_t window_seconds);
// After a correct password or code: false (and nothing changed) if the
// account is locked or more than `max_attempts` were claimed. Otherwise
// `clear` (a complete sign-in) starts a fresh window; without it (a correct
// password before the code step) only this attempt's own claim is given
// back, so the failures before it still count against the code.
StatusOr<bool> RecordSuccess(Store& store, const std::string& username, int64_t now, int max_attempts,
                             bool clear = true);
// Accepts TOTP time step `step` only if it is later than the last accepted
// one (a code works once, also across servers). False if it is not.
StatusOr<bool> UseTotpStep(Store& store, const std::string& username, int64_t step);
// Locking, activation, confirmation, enabling and a new second factor are
// changes with an audit record: storage::UnitOfWork (app/accounts.h).
// Accounts that wait for a team lead's confirmation.
StatusOr<std::vector<Account>> AwaitingConfirmation(Store& store);

}  // namespace opkomst::team

#endif  // OPKOMST_STORAGE_SIGNIN_H_
