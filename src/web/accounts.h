// The account use cases live in the application layer (app/accounts.h);
// the web pages use them under their own namespace.
#ifndef OPKOMST_WEB_ACCOUNTS_H_
#define OPKOMST_WEB_ACCOUNTS_H_

#include "app/accounts.h"

namespace opkomst::web {

using app::ActivateAccount;
using app::Activated;
using app::Activation;
using app::ChangePassword;
using app::CheckNewPassword;
using app::CheckPassword;
using app::CheckSecondFactor;
using app::ConfirmAccount;
using app::CreateAccount;
using app::CreatedAccount;
using app::CreateWebAccount;
using app::kActivationSeconds;
using app::kFailureWindowSeconds;
using app::kLockSeconds;
using app::kMaxFailures;
using app::NewAccount;
using app::ReplaceSecondFactor;
using app::SeesDossiers;
using app::SetAccountActive;
using app::SignInOutcome;
using app::SignInResult;
using app::WebAccount;

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_ACCOUNTS_H_
