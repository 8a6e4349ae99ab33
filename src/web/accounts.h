// Accounts: creation (by an administrator, from the CLI or the page) and
// the password step of signing in with its lockout rule: five failures
// within 15 minutes lock the account for 15 minutes. The answer to a failed
// attempt is the same whether or not the account exists.
#ifndef OPKOMST_WEB_ACCOUNTS_H_
#define OPKOMST_WEB_ACCOUNTS_H_

#include <optional>
#include <string>

#include "base/status.h"
#include "domain/access.h"
#include "security/crypto.h"
#include "storage/store.h"

namespace opkomst::web {

struct NewAccount {
  std::string username, display_name, role, password;
  std::optional<int> capacity;
};

struct CreatedAccount {
  std::string totp_secret;  // base32; set for administrators (mandatory), else empty
};

// kInvalidInput names the field (gebruikersnaam, rol, wachtwoord, capaciteit)
// and the rule; kAlreadyExists if the name is taken.
StatusOr<CreatedAccount> CreateAccount(Store& store, const security::Sealer& sealer, const NewAccount& account);
// Checks a new password against the policy; the message names the rule.
Status CheckNewPassword(const std::string& password, const std::string& username);

enum class SignInOutcome { kSignedIn, kNeedsSecondFactor, kRefused };
struct SignInResult {
  SignInOutcome outcome = SignInOutcome::kRefused;
  Principal principal;
  bool locked = false;  // for the audit trail only, never shown
};
constexpr int kMaxFailures = 5;
constexpr int64_t kFailureWindowSeconds = 15 * 60;
constexpr int64_t kLockSeconds = 15 * 60;

SignInResult CheckPassword(Store& store, const std::string& username, const std::string& password, int64_t now);
// The second step: the TOTP code of a signed-in account (counts as a failure
// towards the lockout when wrong).
bool CheckSecondFactor(Store& store, const security::Sealer& sealer, const std::string& username,
                       const std::string& code, int64_t now);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_ACCOUNTS_H_
