#include "web/accounts.h"

#include "domain/messages.h"
#include "security/password_policy.h"
#include "storage/team.h"

namespace opkomst::web {
namespace {

bool ValidUsername(const std::string& name) {
  if (name.size() < 2 || name.size() > 32) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

// A hash to verify against when the account does not exist, so that the
// answer takes as long as for a real account.
const std::string& DummyHash() {
  static const std::string hash = *security::HashPassword("opkomst-no-such-account");
  return hash;
}

void RegisterFailure(Store& store, team::Account& account, int64_t now, bool* locked) {
  if (!account.first_failed_at || now - *account.first_failed_at > kFailureWindowSeconds) {
    account.failed_attempts = 0;
    account.first_failed_at = now;
  }
  if (++account.failed_attempts >= kMaxFailures) {
    account.locked_until = now + kLockSeconds;
    account.failed_attempts = 0;
    account.first_failed_at.reset();
    *locked = true;
  }
  (void)team::SaveSignInState(store, account);
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
    return InvalidInput("rol '" + input.role +
                        "': kies maatschappelijk_werker, teamverantwoordelijke, onderzoeker of beheerder");
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

SignInResult CheckPassword(Store& store, const std::string& username, const std::string& password, int64_t now) {
  SignInResult result;
  auto found = team::FindAccount(store, username);
  if (!found.ok() || !*found || password.size() > 1024) {
    (void)security::VerifyPassword(DummyHash(), password.substr(0, 1024));
    return result;
  }
  team::Account account = **found;
  if (!account.active) {
    (void)security::VerifyPassword(DummyHash(), password);
    return result;
  }
  if (account.locked_until && *account.locked_until > now) {
    (void)security::VerifyPassword(DummyHash(), password);
    result.locked = true;
    return result;
  }
  if (!security::VerifyPassword(account.password_hash, password)) {
    RegisterFailure(store, account, now, &result.locked);
    return result;
  }
  auto role = ParseRole(account.role);
  if (!role) return result;
  account.failed_attempts = 0;
  account.first_failed_at.reset();
  account.locked_until.reset();
  (void)team::SaveSignInState(store, account);
  result.principal = {account.username, *role};
  bool needs_code = !account.totp_secret.empty() || *role == Role::kAdministrator;
  result.outcome = needs_code ? SignInOutcome::kNeedsSecondFactor : SignInOutcome::kSignedIn;
  return result;
}

bool CheckSecondFactor(Store& store, const security::Sealer& sealer, const std::string& username,
                       const std::string& code, int64_t now) {
  auto found = team::FindAccount(store, username);
  if (!found.ok() || !*found) return false;
  team::Account account = **found;
  if (account.locked_until && *account.locked_until > now) return false;
  auto secret = account.totp_secret.empty() ? StatusOr<std::string>(NotFound("no second factor"))
                                            : sealer.Open(account.totp_secret);
  if (secret.ok() && security::VerifyTotp(*secret, code, now)) return true;
  bool locked = false;
  RegisterFailure(store, account, now, &locked);
  return false;
}

}  // namespace opkomst::web
