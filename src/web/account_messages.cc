#include "web/account_messages.h"

#include "domain/record_rules.h"
#include "security/password_policy.h"

namespace opkomst::web {
namespace {

// "'Bad Name' is geen geldige gebruikersnaam; verwacht ...", or for an
// empty field "Verplicht veld; verwacht ..." (the rule's second half).
std::string ValueAndRule(const Context& ctx, const Finding& f) {
  std::string rule = RuleMessage(f.rule, ctx.language, f.expected, f.value);
  if (!f.value.empty()) return "'" + f.value.substr(0, 40) + "' " + rule;
  std::string required = ctx.T("fout.verplicht");
  if (!required.empty() && required.back() == '.') required.pop_back();
  size_t expected = rule.find("; ");
  return expected == std::string::npos ? required : required + rule.substr(expected);
}

}  // namespace

FormErrors AccountFormErrors(const Context& ctx, const WebAccount& input, const Status& refusal) {
  FormErrors errors;
  if (refusal.code() == StatusCode::kAlreadyExists) {
    errors["gebruikersnaam"] = "'" + input.username.substr(0, 40) + "' " + ctx.T("account.bestaat_al");
    return errors;
  }
  const std::map<std::string, std::string> field_of_column = {
      {"username", "gebruikersnaam"}, {"display_name", "naam"}, {"role", "rol"}};
  const Findings findings = ValidateAccount(input.username, input.display_name, input.role);
  for (const Finding& f : findings.items()) {
    auto field = field_of_column.find(f.column);
    errors.emplace(field == field_of_column.end() ? "gebruikersnaam" : field->second, ValueAndRule(ctx, f));
  }
  // A rule the domain does not know of (none today): still next to a field.
  if (errors.empty()) errors["gebruikersnaam"] = refusal.message();
  return errors;
}

std::string NewPasswordError(const Context& ctx, const std::string& password, const std::string& username) {
  std::string rule = security::CheckPassword(password, username);
  if (rule.empty()) return "";
  return ctx.T("account.het_wachtwoord") + " " + RuleMessage(rule, ctx.language, "", "");
}

}  // namespace opkomst::web
