#include "app/accounts.h"

#include "domain/messages.h"
#include "domain/record_rules.h"  // ValidUsername
#include "security/password_policy.h"
#include "storage/signin.h"
#include "storage/team.h"

namespace opkomst::app {
namespace {

// A hash to verify against when the account does not exist, so that the
// answer takes as long as for a real account.
const std::string& DummyHash() {
  static const std::string hash = *security::HashPassword("opkomst-no-such-account");
  return hash;
}

// A refused attempt: verify against the dummy hash so that the answer
// takes as long as a real check.
void SpendTime(const std::string& password) { (void)security::VerifyPassword(DummyHash(), password.substr(0, 1024)); }

// Claims an attempt for `username` (storage/signin.h). True if this attempt
// may be checked; otherwise `locked` tells whether a lock is (now) in place.
bool ClaimCheck(Store& store, const std::string& username, int64_t now, bool* locked) {
  auto claim = team::ClaimAttempt(store, username, now, kFailureWindowSeconds);
  if (!claim.ok()) return false;
  if (claim->locked) {
    *locked = true;
    return false;
  }
  if (claim->attempt > kMaxFailures) {
    // A burst beyond the limit while earlier attempts are still being checked.
    (void)team::LockAccount(store, username, now, kLockSeconds);
    *locked = true;
    return false;
  }
  return true;
}

// A checked attempt failed: the last one the window allows locks the account.
void RecordFailure(Store& store, const std::string& username, int64_t now, bool* locked) {
  auto account = team::FindAccount(store, username);
  if (account.ok() && *account && (*account)->failed_attempts >= kMaxFailures) {
    (void)team::LockAccount(store, username, now, kLockSeconds);
    *locked = true;
  }
}

}  // namespace

Status CheckNewPassword(const std::string& password, const std::string& username) {
  std::string rule = security::CheckPassword(password, username);
  if (rule.empty()) return Status::Ok();
  return InvalidInput("wachtwoord: " + RuleMessage(rule, Language::kDutch, "", ""));
}

StatusOr<CreatedAccount> CreateAccount(Store& store, const security::Sealer& sealer, const NewAccount& input) {
  if (!ValidUsername(input.username))
    return InvalidInput("gebruikersnaam '" + input.username +
                        "': 2 tot 32 tekens uit a-z, 0-9, punt, liggend streepje of koppelteken");
  auto role = ParseRole(input.role);
  if (!role)
    return InvalidInput(
        "rol '" + input.role +
        "': kies maatschappelijk_werker, teamverantwoordelijke, onderzoeker, beheerder of groepsbegeleider");
  if (input.capacity && (*input.capacity < 0 || *input.capacity > 100))
    return InvalidInput("capaciteit '" + std::to_string(*input.capacity) + "': een getal van 0 tot 100");
  OPKOMST_RETURN_IF_ERROR(CheckNewPassword(input.password, input.username));
  auto hash = security::HashPassword(input.password);
  if (!hash.ok()) return hash.status();
  CreatedAccount created;
  team::Account account;
  account.username = input.username;
  account.display_name = input.display_name.empty() ? input.username : input.display_name;
  account.role = input.role;
  account.password_hash = *hash;
  account.capacity = input.capacity;
  if (*role == Role::kAdministrator) {
    created.totp_secret = security::NewTotpSecret();
    account.totp_secret = sealer.Seal(created.totp_secret);
  }
  Status s = team::InsertAccount(store, account);
  if (s.code() == StatusCode::kAlreadyExists)
    return AlreadyExists("gebruikersnaam '" + input.username + "' bestaat al");
  if (!s.ok()) return s;
  return created;
}

bool SeesDossiers(const std::string& role) {
  auto parsed = ParseRole(role);
  // The facilitator sees mothers' first names and contacts: a second person too.
  return parsed && (*parsed == Role::kWorker || *parsed == Role::kTeamLead || *parsed == Role::kFacilitator);
}

StatusOr<Activation> CreateWebAccount(Store& store, const WebAccount& input, const std::string& administrator,
                                      int64_t now) {
  if (!ValidUsername(input.username))
    return InvalidInput("gebruikersnaam '" + input.username +
                        "': 2 tot 32 tekens uit a-z, 0-9, punt, liggend streepje of koppelteken");
  if (!ParseRole(input.role))
    return InvalidInput(
        "rol '" + input.role +
        "': kies maatschappelijk_werker, teamverantwoordelijke, onderzoeker, beheerder of groepsbegeleider");
  if (input.capacity && (*input.capacity < 0 || *input.capacity > 100))
    return InvalidInput("capaciteit '" + std::to_string(*input.capacity) + "': een getal van 0 tot 100");
  Activation activation;
  activation.code = security::RandomHex(16);
  activation.needs_confirmation = SeesDossiers(input.role);
  team::Account account;
  account.username = input.username;
  account.display_name = input.display_name.empty() ? input.username : input.display_name;
  account.role = input.role;
  account.password_hash = "!";  // no password yet: "!" is never a valid argon2 string
  account.capacity = input.capacity;
  account.activation_hash = security::Sha256Hex(activation.code);
  account.activation_expires = now + kActivationSeconds;
  account.confirmed = !activation.needs_confirmation;
  account.created_by = administrator;
  Status s = team::InsertAccount(store, account);
  if (s.code() == StatusCode::kAlreadyExists)
    return AlreadyExists("gebruikersnaam '" + input.username + "' bestaat al");
  if (!s.ok()) return s;
  return activation;
}

Status ActivateAccount(Store& store, const std::string& username, const std::string& code, const std::string& password,
                       int64_t now) {
  if (code.size() != 32) return InvalidInput("code: de activeringscode heeft 32 tekens");
  OPKOMST_RETURN_IF_ERROR(CheckNewPassword(password, username));
  auto hash = security::HashPassword(password);
  if (!hash.ok()) return hash.status();
  auto activated = team::Activate(store, username, security::Sha256Hex(code), now, *hash);
  if (!activated.ok()) return activated.status();
  if (!*activated) return InvalidInput("code: deze activeringscode is onbekend, al gebruikt of verlopen");
  return Status::Ok();
}

SignInResult CheckPassword(Store& store, const std::string& username, const std::string& password, int64_t now) {
  SignInResult result;
  auto found = team::FindAccount(store, username);
  if (!found.ok() || !*found || password.size() > 1024 || !(*found)->CanSignIn()) {
    SpendTime(password);
    return result;
  }
  const team::Account& account = **found;
  auto role = ParseRole(account.role);
  if (!role || !ClaimCheck(store, username, now, &result.locked)) {
    SpendTime(password);
    return result;
  }
  result.checked = true;
  if (!security::VerifyPassword(account.password_hash, password)) {
    RecordFailure(store, username, now, &result.locked);
    return result;
  }
  // A lock set by parallel failures while this one was being checked wins.
  // Before a code step the window is not cleared: someone who knows the
  // password must not get fresh code guesses by signing in again.
  bool needs_code = !account.totp_secret.empty() || *role == Role::kAdministrator;
  auto recorded = team::RecordSuccess(store, username, now, kMaxFailures, !needs_code);
  if (!recorded.ok() || !*recorded) {
    result.locked = true;
    return result;
  }
  result.principal = {account.username, *role};
  result.outcome = needs_code ? SignInOutcome::kNeedsSecondFactor : SignInOutcome::kSignedIn;
  return result;
}

bool CheckSecondFactor(Store& store, const security::Sealer& sealer, const std::string& username,
                       const std::string& code, int64_t now) {
  auto found = team::FindAccount(store, username);
  if (!found.ok() || !*found || !(*found)->CanSignIn()) return false;
  bool locked = false;
  if (!ClaimCheck(store, username, now, &locked)) return false;
  const team::Account& account = **found;
  auto secret = account.totp_secret.empty() ? StatusOr<std::string>(NotFound("no second factor"))
                                            : sealer.Open(account.totp_secret);
  std::optional<int64_t> step;
  if (secret.ok() && code.size() == 6) step = security::MatchTotpStep(*secret, code, now);
  // A code counts once: a replay is a failed attempt like a wrong code.
  auto fresh = step ? team::UseTotpStep(store, username, *step) : StatusOr<bool>(false);
  if (!fresh.ok() || !*fresh) {
    RecordFailure(store, username, now, &locked);
    return false;
  }
  auto recorded = team::RecordSuccess(store, username, now, kMaxFailures);
  return recorded.ok() && *recorded;
}

}  // namespace opkomst::app
