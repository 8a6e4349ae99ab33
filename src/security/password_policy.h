// What a new password must be: at least 12 characters (code points, not
// bytes), not a common password or one with only digits around a common
// word, not one repeated character, and not the account name.
#ifndef OPKOMST_SECURITY_PASSWORD_POLICY_H_
#define OPKOMST_SECURITY_PASSWORD_POLICY_H_

#include <string>
#include <string_view>

namespace opkomst::security {

constexpr size_t kMinimumPasswordLength = 12;
constexpr size_t kMaximumPasswordBytes = 1024;  // a limit on work, not on choice

// Empty if acceptable, else the id of the broken rule in data/messages.txt
// (password.too_short, password.too_long, password.common, password.username).
std::string CheckPassword(std::string_view password, std::string_view username);

}  // namespace opkomst::security

#endif  // OPKOMST_SECURITY_PASSWORD_POLICY_H_
