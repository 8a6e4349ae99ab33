#include "domain/messages.h"

#include <map>

#include "domain/embedded_data.h"
#include "domain/text.h"

namespace opkomst {
namespace {

struct Wording {
  std::string dutch, english;
};

const std::map<std::string, Wording>& Catalogue() {
  static const auto* catalogue = [] {
    auto* map = new std::map<std::string, Wording>();
    std::string_view text = EmbeddedMessagesText();
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = Trim(text.substr(pos, end - pos));
      pos = end + 1;
      if (line.empty() || line[0] == '#') continue;
      auto fields = SplitTrimmed(line, " | ");
      if (fields.size() != 3) continue;  // tests check every line parses
      (*map)[std::string(fields[0])] = {std::string(fields[1]), std::string(fields[2])};
    }
    return map;
  }();
  return *catalogue;
}

void ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  size_t pos = 0;
  while ((pos = text->find(from, pos)) != std::string::npos) {
    text->replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

std::string RuleMessage(const std::string& rule, Language language, const std::string& expected,
                        const std::string& value) {
  auto it = Catalogue().find(rule);
  if (it == Catalogue().end()) return rule;
  std::string text = language == Language::kDutch ? it->second.dutch : it->second.english;
  ReplaceAll(&text, "{expected}", expected);
  ReplaceAll(&text, "{value}", value);
  return text;
}

bool HasRule(const std::string& rule) { return Catalogue().count(rule) > 0; }

std::vector<std::string> AllRules() {
  std::vector<std::string> out;
  for (const auto& [id, wording] : Catalogue()) out.push_back(id);
  return out;
}

std::string Finding::Describe(Language language) const {
  const bool nl = language == Language::kDutch;
  std::string out = file;
  if (line > 0) out += (out.empty() ? "" : ", ") + std::string(nl ? "regel " : "line ") + std::to_string(line);
  if (!column.empty()) out += (out.empty() ? "" : ", ") + std::string(nl ? "kolom " : "column ") + column;
  // Values are shown quoted and shortened: a finding must stay one line.
  std::string shown = value.size() > 60 ? value.substr(0, 57) + "..." : value;
  if (!value.empty() || rule.rfind("value.", 0) == 0) out += std::string(nl ? ", waarde '" : ", value '") + shown + "'";
  out += ": " + RuleMessage(rule, language, expected, value);
  return out;
}

void Findings::Add(Finding f) {
  ++count_;
  if (items_.size() < limit_) items_.push_back(std::move(f));
}

}  // namespace opkomst
