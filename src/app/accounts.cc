#include "app/accounts.h"

#include "domain/messages.h"
#include "domain/record_rules.h"  // ValidUsername
#include "security/password_policy.h"
#include "storage/signin.h"
#include "storage/team.h"
#include "storage/unit_of_work.h"

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

// Locks `username` with its audit record (a lock already in place is kept,
// and then nothing is written).
void Lock(const Services& services, const std::string& username, int64_t now) {
  AuditEvent event{username,
                   "",
                   "account.vergrendeld",
                   "",
                   "ok",
                   "na " + std::to_string(kMaxFailures) + " pogingen, " + std::to_string(kLockSeconds / 60) + " min"};
  (void)ChangeIf(services, event,
                 [&](storage::UnitOfWork& work) { return work.LockAccount(username, now, kLockSeconds); });
}

// Claims an attempt for `username` (storage/signin.h). True if this attempt
// may be checked; otherwise `locked` tells whether a lock is (now) in place.
bool ClaimCheck(const Services& services, const std::string& username, int64_t now, bool* locked) {
  auto claim = team::ClaimAttempt(services.store, username, now, kFailureWindowSeconds);
  if (!claim.ok()) return false;
  if (claim->locked) {
    *locked = true;
    return false;
  }
  if (claim->attempt > kMaxFailures) {
    // A burst beyond the limit while earlier attempts are still being checked.
    Lock(services, username, now);
    *locked = true;
    return false;
  }
  return true;
}

// A checked attempt failed: the last one the window allows locks the account.
void RecordFailure(const Services& services, const std::string& username, int64_t now, bool* locked) {
  auto account = team::FindAccount(services.store, username);
  if (account.ok() && *account && (*account)->failed_attempts >= kMaxFailures) {
    Lock(services, username, now);
    *locked = true;
  }
}

// The rules of a new account (domain/record_rules.h) and its capacity,
// as a message that starts with the form's field name.
Status CheckAccount(const std::string& username, const std::string& display_name, const std::string& role,
                    std::optional<int> capacity) {
  Findings findings = ValidateAccount(username, display_name, role);
  for (const Finding& f : findings.items()) {
    if (f.column == "username")
      return InvalidInput("gebruikersnaam '" + username +
                          "': 2 tot 32 tekens uit a-z, 0-9, punt, liggend streepje of koppelteken");
    if (f.column == "role")
      return InvalidInput("rol '" + role +
                          "': kies maatschappelijk_werker, teamverantwoordelijke, onderzoeker of beheerder");
    return InvalidInput("naam: " + RuleMessage(f.rule, Language::kDutch, f.expected, f.value));
  }
  if (capacity && (*capacity < 0 || *capacity > 100))
    return InvalidInput("capaciteit '" + std::to_string(*capacity) + "': een getal van 0 tot 100");
  return Status::Ok();
}

// An account as the store keeps it, before the way it is made differs.
team::Account NewRecord(const std::string& username, const std::string& display_name, const std::string& role,
                        std::optional<int> capacity) {
  team::Account account;
  account.username = username;
  account.display_name = display_name.empty() ? username : display_name;
  account.role = role;
  account.capacity = capacity;
  return account;
}

// Inserts `account` with `audit`; a taken name is said in the user's words.
Status Insert(const Services& services, const team::Account& account, const AuditEvent& audit) {
  Status s = Change(services, audit, [&](storage::UnitOfWork& work) { return work.InsertAccount(account); });
  if (s.code() == StatusCode::kAlreadyExists)
    return AlreadyExists("gebruikersnaam '" + account.username + "' bestaat al");
  return s;
}

}  // namespace

Status CheckNewPassword(const std::string& password, const std::string& username) {
  std::string rule = security::CheckPassword(password, username);
  if (rule.empty()) return Status::Ok();
  return InvalidInput("wachtwoord: " + RuleMessage(rule, Language::kDutch, "", ""));
}

StatusOr<CreatedAccount> CreateAccount(const Services& services, const security::Sealer& sealer,
                                       const NewAccount& input, const AuditEvent& audit) {
  OPKOMST_RETURN_IF_ERROR(CheckAccount(input.username, input.display_name, input.role, input.capacity));
  OPKOMST_RETURN_IF_ERROR(CheckNewPassword(input.password, input.username));
  OPKOMST_ASSIGN_OR_RETURN(std::string hash, security::HashPassword(input.password));
  CreatedAccount created;
  team::Account account = NewRecord(input.username, input.display_name, input.role, input.capacity);
  account.password_hash = hash;
  if (ParseRole(input.role) == Role::kAdministrator) {
    created.totp_secret = security::NewTotpSecret();
    account.totp_secret = sealer.Seal(created.totp_secret);
  }
  OPKOMST_RETURN_IF_ERROR(Insert(services, account, audit));
  return created;
}

bool SeesDossiers(const std::string& role) {
  auto parsed = ParseRole(role);
  // The facilitator sees mothers' first names and contacts: a second person too.
  return parsed && (*parsed == Role::kWorker || *parsed == Role::kTeamLead || *parsed == Role::kFacilitator);
}

StatusOr<Activation> CreateWebAccount(const Services& services, const WebAccount& input, const AuditEvent& audit,
                                      int64_t now) {
  OPKOMST_RETURN_IF_ERROR(CheckAccount(input.username, input.display_name, input.role, input.capacity));
  Activation activation;
  activation.code = security::RandomHex(16);
  activation.needs_confirmation = SeesDossiers(input.role);
  team::Account account = NewRecord(input.username, input.display_name, input.role, input.capacity);
  account.password_hash = "!";  // no password yet: "!" is never a valid argon2 string
  account.activation_hash = security::Sha256Hex(activation.code);
  account.activation_expires = now + kActivationSeconds;
  account.confirmed = !activation.needs_confirmation;
  account.created_by = audit.account;
  AuditEvent event = audit;
  if (activation.needs_confirmation) event.detail += " wacht_op_bevestiging";
  OPKOMST_RETURN_IF_ERROR(Insert(services, account, event));
  return activation;
}

StatusOr<Activated> ActivateAccount(const Services& services, const security::Sealer& sealer,
                                    const std::string& username, const std::string& code, const std::string& password,
                                    int64_t now, const AuditEvent& audit) {
  if (code.size() != 32) return InvalidInput("code: de activeringscode heeft 32 tekens");
  OPKOMST_RETURN_IF_ERROR(CheckNewPassword(password, username));
  OPKOMST_ASSIGN_OR_RETURN(std::string hash, security::HashPassword(password));
  OPKOMST_ASSIGN_OR_RETURN(std::optional<team::Account> account, team::FindAccount(services.store, username));
  Activated activated;
  activated.needs_confirmation = account && !account->confirmed;
  // An administrator must have a second factor before she can sign in.
  bool needs_secret = account && account->role == "beheerder" && account->totp_secret.empty();
  std::string secret = needs_secret ? security::NewTotpSecret() : "";
  OPKOMST_ASSIGN_OR_RETURN(bool done, ChangeIf(services, audit, [&](storage::UnitOfWork& work) -> StatusOr<bool> {
                             OPKOMST_ASSIGN_OR_RETURN(bool spent,
                                                      work.Activate(username, security::Sha256Hex(code), now, hash));
                             if (!spent || !needs_secret) return spent;
                             return work.ReplaceTotpSecret(username, "", sealer.Seal(secret), 0);
                           }));
  if (!done) return InvalidInput("code: deze activeringscode is onbekend, al gebruikt of verlopen");
  activated.totp_secret = secret;
  return activated;
}

StatusOr<bool> SetAccountActive(const Services& services, const std::string& username, bool active,
                                const AuditEvent& audit) {
  OPKOMST_ASSIGN_OR_RETURN(std::optional<team::Account> account, team::FindAccount(services.store, username));
  if (!account) return NotFound("account '" + username + "' bestaat niet");
  // A dossier-reading account enabled again waits for a team lead (the second person).
  bool second_person = active && !account->active && SeesDossiers(account->role);
  AuditEvent event = audit;
  if (second_person) event.detail += " wacht_op_bevestiging";
  OPKOMST_RETURN_IF_ERROR(Change(services, event, [&](storage::UnitOfWork& work) {
    return second_person ? work.EnableAwaitingConfirmation(username) : work.SetActive(username, active);
  }));
  return second_person;
}

StatusOr<bool> ConfirmAccount(const Services& services, const std::string& username, const AuditEvent& audit) {
  return ChangeIf(services, audit,
                  [&](storage::UnitOfWork& work) { return work.ConfirmAccount(username, audit.account); });
}

Status ChangePassword(const Services& services, const std::string& username, const std::string& password,
                      const AuditEvent& audit) {
  OPKOMST_RETURN_IF_ERROR(CheckNewPassword(password, username));
  OPKOMST_ASSIGN_OR_RETURN(std::string hash, security::HashPassword(password));
  return Change(services, audit, [&](storage::UnitOfWork& work) { return work.SetPassword(username, hash); });
}

StatusOr<bool> ReplaceSecondFactor(const Services& services, const std::string& username,
                                   const std::string& expected_old, const std::string& sealed_new, int64_t used_step,
                                   const AuditEvent& audit) {
  return ChangeIf(services, audit, [&](storage::UnitOfWork& work) {
    return work.ReplaceTotpSecret(username, expected_old, sealed_new, used_step);
  });
}

SignInResult CheckPassword(const Services& services, const std::string& username, const std::string& password,
                           int64_t now) {
  SignInResult result;
  auto found = team::FindAccount(services.store, username);
  if (!found.ok() || !*found || password.size() > 1024 || !(*found)->CanSignIn()) {
    SpendTime(password);
    return result;
  }
  const team::Account& account = **found;
  auto role = ParseRole(account.role);
  if (!role || !ClaimCheck(services, username, now, &result.locked)) {
    SpendTime(password);
    return result;
  }
  result.checked = true;
  if (!security::VerifyPassword(account.password_hash, password)) {
    RecordFailure(services, username, now, &result.locked);
    return result;
  }
  // A lock set by parallel failures while this one was being checked wins.
  // Before a code step the window is not cleared: someone who knows the
  // password must not get fresh code guesses by signing in again.
  bool needs_code = !account.totp_secret.empty() || *role == Role::kAdministrator;
  auto recorded = team::RecordSuccess(services.store, username, now, kMaxFailures, !needs_code);
  if (!recorded.ok() || !*recorded) {
    result.locked = true;
    return result;
  }
  result.principal = {account.username, *role};
  result.outcome = needs_code ? SignInOutcome::kNeedsSecondFactor : SignInOutcome::kSignedIn;
  return result;
}

bool CheckSecondFactor(const Services& services, const security::Sealer& sealer, const std::string& username,
                       const std::string& code, int64_t now) {
  auto found = team::FindAccount(services.store, username);
  if (!found.ok() || !*found || !(*found)->CanSignIn()) return false;
  bool locked = false;
  if (!ClaimCheck(services, username, now, &locked)) return false;
  const team::Account& account = **found;
  auto secret = account.totp_secret.empty() ? StatusOr<std::string>(NotFound("no second factor"))
                                            : sealer.Open(account.totp_secret);
  std::optional<int64_t> step;
  if (secret.ok() && code.size() == 6) step = security::MatchTotpStep(*secret, code, now);
  // A code counts once: a replay is a failed attempt like a wrong code.
  auto fresh = step ? team::UseTotpStep(services.store, username, *step) : StatusOr<bool>(false);
  if (!fresh.ok() || !*fresh) {
    RecordFailure(services, username, now, &locked);
    return false;
  }
  auto recorded = team::RecordSuccess(services.store, username, now, kMaxFailures);
  return recorded.ok() && *recorded;
}

}  // namespace opkomst::app
