#include "web/form.h"

#include <limits>

#include "domain/text.h"

namespace opkomst::web {

std::string FieldError(const FormErrors& errors, const std::string& name) {
  auto it = errors.find(name);
  if (it == errors.end()) return "";
  return "<span class=\"field-error\" id=\"fout-" + Escape(name) + "\" role=\"alert\">" + Escape(it->second) +
         "</span>";
}

std::string RequiredMark() { return "<span class=\"required\" aria-hidden=\"true\"> *</span>"; }

std::string InputField(const std::string& name, const std::string& label, const std::string& value,
                       const FormErrors& errors, const std::string& type, const std::string& extra) {
  bool bad = errors.count(name) > 0;
  bool required = extra.find("required") != std::string::npos;
  std::string input_type = type == "number" ? "text\" inputmode=\"numeric\" autocomplete=\"off" : type;  // see form.h
  return "<div class=\"field" + std::string(bad ? " invalid" : "") + "\"><label for=\"" + Escape(name) + "\">" +
         Escape(label) + (required ? RequiredMark() : "") + "</label><input id=\"" + Escape(name) + "\" name=\"" +
         Escape(name) + "\" type=\"" + input_type + "\" value=\"" + Escape(value) + "\"" +
         (bad ? " aria-invalid=\"true\" aria-describedby=\"fout-" + Escape(name) + "\"" : "") +
         (extra.empty() ? "" : " " + extra) + ">" + FieldError(errors, name) + "</div>";
}

std::string RadioField(const std::string& name, const std::string& label, const OptionList& options,
                       const std::string& current_code, const FormErrors& errors, const std::string& note,
                       Language language, bool required) {
  bool bad = errors.count(name) > 0;
  std::string out = "<fieldset class=\"radio" + std::string(bad ? " invalid" : "") + "\" id=\"veld-" + Escape(name) +
                    "\"" + (required ? " role=\"radiogroup\" aria-required=\"true\"" : "") +
                    (bad ? " aria-describedby=\"fout-" + Escape(name) + "\"" : "") + "><legend>" + Escape(label) +
                    (required ? RequiredMark() : "") + "</legend>";
  for (const Option& option : options.options()) {
    std::string id = name + "-" + option.code;
    bool special = option.code == "onbekend" || option.code == "nvt";
    out += "<label class=\"choice" + std::string(special ? " special" : "") + "\" for=\"" + Escape(id) +
           "\"><input type=\"radio\" id=\"" + Escape(id) + "\" name=\"" + Escape(name) + "\" value=\"" +
           Escape(option.code) + "\"" + (option.code == current_code ? " checked" : "") +
           (bad ? " aria-invalid=\"true\"" : "") + ">" + Escape(Label(language, option.label_nl, option.gloss_en)) +
           "</label>";
  }
  if (!note.empty()) out += "<span class=\"note\">" + note + "</span>";
  return out + FieldError(errors, name) + "</fieldset>";
}

std::string WarningBlock(const Context& ctx, const FormErrors& warnings,
                         const std::map<std::string, std::string>& labels) {
  if (warnings.empty()) return "";
  std::string items;
  for (const auto& [field, text] : warnings) {
    auto label = labels.find(field);
    items += "<li><a href=\"#" + Escape(field) + "\">" + Escape(label == labels.end() ? field : label->second) +
             "</a>: " + Escape(text) + "</li>";
  }
  return "<div class=\"warning\" id=\"waarschuwingen\"><p role=\"alert\"><strong>" + Escape(ctx.T("let_op.titel")) +
         "</strong> " + Escape(ctx.T("let_op.uitleg")) + "</p><ul>" + items +
         "</ul><label class=\"choice\" for=\"bevestigd\"><input type=\"checkbox\" id=\"bevestigd\" "
         "name=\"bevestigd\" value=\"1\">" +
         Escape(ctx.T("let_op.bevestigen")) + "</label></div>";
}

bool WarningsConfirmed(const WebRequest& request) { return request.Form("bevestigd") == "1"; }

std::optional<long long> WholeNumber(const std::string& text, long long min, long long max) {
  auto n = ParseInteger(text);
  if (!n || *n < min || *n > max) return std::nullopt;
  return n;
}

std::optional<int64_t> VersionField(const WebRequest& request) {
  return WholeNumber(request.Form("version"), 0, std::numeric_limits<int64_t>::max());
}

std::optional<Date> DateField(const WebRequest& request, const std::string& name, FormErrors* errors,
                              const Context& ctx, bool required) {
  std::string text = request.Form(name);
  if (text.empty()) {
    if (required) (*errors)[name] = ctx.T("fout.verplicht");
    return std::nullopt;
  }
  auto date = Date::Parse(text);
  if (!date) (*errors)[name] = ctx.T("fout.datum") + " ('" + text.substr(0, 40) + "')";
  return date;
}

void AddRuleErrors(const Context& ctx, const Findings& findings,
                   const std::map<std::string, std::string>& field_of_column, FormErrors* errors) {
  for (const Finding& f : findings.items()) {
    auto mapped = field_of_column.find(f.column);
    std::string field = mapped == field_of_column.end() ? f.column : mapped->second;
    if (errors->count(field)) continue;
    // The value as a reminder of what was typed; the rule's message says why.
    std::string shown = f.value.size() > 40 ? f.value.substr(0, 40) + "..." : f.value;
    (*errors)[field] =
        (shown.empty() ? "" : "'" + shown + "' ") + RuleMessage(f.rule, ctx.language, f.expected, f.value);
  }
}

}  // namespace opkomst::web
