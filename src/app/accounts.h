// Accounts: creation (by the operator on the command line, or by an
// administrator on the page, who then gets an activation code instead of a
// password) and the two steps of signing in with the lockout rule: at most
// five attempts are checked within 15 minutes; the fifth failure locks the
// account for 15 minutes. Attempts are claimed in the store before they are
// checked (storage/signin.h), so parallel requests cannot exceed the limit.
// The answer to a failed attempt is the same whether or not the account exists.
//
// Every account change (creation, activation, confirmation, enabling or
// disabling, password, second factor, lock) commits together with its audit
// record in one transaction (app/change.h), like a dossier change: `audit`
// is the record of the change, committed only if something changed.
#ifndef OPKOMST_APP_ACCOUNTS_H_
#define OPKOMST_APP_ACCOUNTS_H_

#include <optional>
#include <string>

#include "app/change.h"
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
StatusOr<CreatedAccount> CreateAccount(const Services& services, const security::Sealer& sealer,
                                       const NewAccount& account, const AuditEvent& audit);
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
// The administrator is audit.account.
StatusOr<Activation> CreateWebAccount(const Services& services, const WebAccount& account, const AuditEvent& audit,
                                      int64_t now);
// Roles that see dossiers: granting them on the web needs a second person.
bool SeesDossiers(const std::string& role);
// The owner sets her password with the code. kInvalidInput names the field
// (code, wachtwoord); a wrong or spent code reads the same as an unknown name.
// An administrator gets her TOTP secret in the same transaction.
struct Activated {
  bool needs_confirmation = false;  // a team lead must still confirm her
  std::string totp_secret;          // base32, shown once; set for an administrator
};
StatusOr<Activated> ActivateAccount(const Services& services, const security::Sealer& sealer,
                                    const std::string& username, const std::string& code, const std::string& password,
                                    int64_t now, const AuditEvent& audit);
// Enables or disables `username` (kNotFound if none). A dossier-reading
// account that is enabled again waits for a team lead: then true.
StatusOr<bool> SetAccountActive(const Services& services, const std::string& username, bool active,
                                const AuditEvent& audit);
// The second person (audit.account) confirms `username`: false if there is
// nothing to confirm, or she is the account itself or its creator.
StatusOr<bool> ConfirmAccount(const Services& services, const std::string& username, const AuditEvent& audit);
// A new password after the policy check (kInvalidInput naming the rule).
Status ChangePassword(const Services& services, const std::string& username, const std::string& password,
                      const AuditEvent& audit);
// A new sealed TOTP secret, only if the stored one is still `expected_old`
// (empty = none): false if another request changed it meanwhile. The step
// used to enrol counts as used.
StatusOr<bool> ReplaceSecondFactor(const Services& services, const std::string& username,
                                   const std::string& expected_old, const std::string& sealed_new, int64_t used_step,
                                   const AuditEvent& audit);
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
// The lock is a change like any other: audited as "account.vergrendeld"
// with the account's name, in the lock's own transaction.

SignInResult CheckPassword(const Services& services, const std::string& username, const std::string& password,
                           int64_t now);
// The second step: the TOTP code of a signed-in account (counts as a failure
// towards the lockout when wrong).
// A code is accepted once: its time step must be later than the last one
// accepted (also by another server on the same database).
bool CheckSecondFactor(const Services& services, const security::Sealer& sealer, const std::string& username,
                       const std::string& code, int64_t now);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_ACCOUNTS_H_
