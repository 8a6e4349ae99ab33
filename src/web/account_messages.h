// The account use cases' refusals as the form shows them: one message per
// field, in the user's language, naming the value and the rule, without the
// use case's own field prefix ("wachtwoord: ...", which is for logs and
// the command line). The rules themselves stay in the domain
// (ValidateAccount) and the password policy (security::CheckPassword).
#ifndef OPKOMST_WEB_ACCOUNT_MESSAGES_H_
#define OPKOMST_WEB_ACCOUNT_MESSAGES_H_

#include <string>

#include "base/status.h"
#include "web/accounts.h"
#include "web/app_internal.h"
#include "web/form.h"

namespace opkomst::web {

// The fields of the new-account form (gebruikersnaam, naam, rol) that
// `refusal` of CreateWebAccount concerns.
FormErrors AccountFormErrors(const Context& ctx, const WebAccount& input, const Status& refusal);
// What is wrong with a new password, as a sentence ("Het wachtwoord is te
// kort; ..."), or "" if the policy accepts it.
std::string NewPasswordError(const Context& ctx, const std::string& password, const std::string& username);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_ACCOUNT_MESSAGES_H_
