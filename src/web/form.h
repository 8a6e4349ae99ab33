// Form helpers shared by the dossier and registration pages: fields with
// their error next to them, radio groups for coded values.
#ifndef OPKOMST_WEB_FORM_H_
#define OPKOMST_WEB_FORM_H_

#include <map>
#include <string>

#include "domain/codebook.h"
#include "domain/messages.h"
#include "web/app_internal.h"

namespace opkomst::web {

// field name -> error text
using FormErrors = std::map<std::string, std::string>;

std::string FieldError(const FormErrors& errors, const std::string& name);
// The visible mark of a required field after its label (the input's
// `required` attribute tells assistive technology).
std::string RequiredMark();
// <label> + <input> (+ error). `type`: text, date, number. A number is a
// text input with a numeric keyboard (inputmode), so that letters typed
// into it reach the server and are refused there with a message, instead
// of vanishing in the browser. `extra` containing "required" marks the
// label too.
std::string InputField(const std::string& name, const std::string& label, const std::string& value,
                       const FormErrors& errors, const std::string& type = "text", const std::string& extra = "");
// A fieldset of radio buttons, one per option (one click for every answer).
// `required`: marked, and a radiogroup with aria-required.
std::string RadioField(const std::string& name, const std::string& label, const OptionList& options,
                       const std::string& current_code, const FormErrors& errors, const std::string& note = "",
                       Language language = Language::kDutch, bool required = false);

// Warnings the worker confirms before saving (the domain's
// PlausibilityWarnings): the block at the top of a form, each warning
// linked to its field (named by `labels`, field -> label) with its value
// and reason, and the checkbox "bevestigd" that confirms them. "" if none.
std::string WarningBlock(const Context& ctx, const FormErrors& warnings,
                         const std::map<std::string, std::string>& labels);
// Whether the posted form confirmed its warnings.
bool WarningsConfirmed(const WebRequest& request);
// A whole number in [min, max] (domain/text.h: ParseInteger), else nothing.
std::optional<long long> WholeNumber(const std::string& text, long long min, long long max);
// The hidden `version` field every editing form carries; nothing if absent or broken.
std::optional<int64_t> VersionField(const WebRequest& request);

// Puts the domain validators' findings (domain/record_rules.h) next to the
// form's fields: `field_of_column` maps a record column to its form field
// where they differ. A field that already has an error (its text did not
// parse) keeps that one. The text names the value and the rule's message.
void AddRuleErrors(const Context& ctx, const Findings& findings,
                   const std::map<std::string, std::string>& field_of_column, FormErrors* errors);

// Parses an optional date field; adds an error on a bad value.
std::optional<Date> DateField(const WebRequest& request, const std::string& name, FormErrors* errors,
                              const Context& ctx, bool required = false);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_FORM_H_
