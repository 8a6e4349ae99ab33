// Accounts: creation (by the operator on the command line, or by an
// administrator on the page, who then gets an activation code instead of a
// password) and the two steps of signing in with the lockout rule: at most
// five attempts are checked within 15 minutes; the fifth failure locks the
// account for 15 minutes. Attempts are claimed in the store before they are
// checked (storage/signin.h), so parallel requests cannot exceed the limit.
// The answer to a failed attempt is the same whether or not the account exists.
#ifndef OPKOMST_APP_ACCOUNTS_H_
#define OPKOMST_APP_ACCOUNTS_H_

#include <optional>
#include <string>

#include "base/status.h"
#include "domain/access.h"
#include "security/crypto.h"
#include "storage/store.h"

namespace opkomst::app {

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
// An administrator's account creation on the web: no password (the owner
// sets it with the activation code, shown once, valid kActivationSeconds),
// and a role that sees dossiers waits for a team lead's confirmation.
struct WebAccount {
  std::string username, display_name, role;
  std::optional<int> capacity;
};
struct Activation {
  std::string code;  // 32 hex digits; only its SHA-256 is stored
  bool needs_confirmation = false;
};
constexpr int64_t kActivationSeconds = 7 * 24 * 3600;
StatusOr<Activation> CreateWebAccount(Store& store, const WebAccount& account, const std::string& administrator,
                                      int64_t now);
// Roles that see dossiers: granting them on the web needs a second person.
bool SeesDossiers(const std::string& role);
// The owner sets her password with the code. kInvalidInput names the field
// (code, wachtwoord); a wrong or spent code reads the same as an unknown name.
Status ActivateAccount(Store& store, const std::string& username, const std::string& code, const std::string& password,
                       int64_t now);
// Checks a new password against the policy; the message names the rule.
Status CheckNewPassword(const std::string& password, const std::string& username);

enum class SignInOutcome { kSignedIn, kNeedsSecondFactor, kRefused };
struct SignInResult {
  SignInOutcome outcome = SignInOutcome::kRefused;
  Principal principal;
  bool locked = false;   // for the audit trail only, never shown
  bool checked = false;  // the password was verified against the account's hash (counted in the window)
};
constexpr int kMaxFailures = 5;
constexpr int64_t kFailureWindowSeconds = 15 * 60;
constexpr int64_t kLockSeconds = 15 * 60;

SignInResult CheckPassword(Store& store, const std::string& username, const std::string& password, int64_t now);
// The second step: the TOTP code of a signed-in account (counts as a failure
// towards the lockout when wrong).
// A code is accepted once: its time step must be later than the last one
// accepted (also by another server on the same database).
bool CheckSecondFactor(Store& store, const security::Sealer& sealer, const std::string& username,
                       const std::string& code, int64_t now);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_ACCOUNTS_H_
