// Small string helpers shared by the parsers.
#ifndef OPKOMST_DOMAIN_TEXT_H_
#define OPKOMST_DOMAIN_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opkomst {

std::string_view Trim(std::string_view text);
// Splits on every occurrence of `separator`; fields are trimmed.
std::vector<std::string_view> SplitTrimmed(std::string_view text, std::string_view separator);
// A whole decimal integer (optional leading '-'), nothing else.
std::optional<long long> ParseInteger(std::string_view text);
bool StartsWith(std::string_view text, std::string_view prefix);
// True if `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);
// Text for HTML content and quoted attribute values: & < > " ' escaped.
std::string EscapeHtml(std::string_view text);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_TEXT_H_
