#include "domain/codebook.h"

#include <cstdlib>
#include <iostream>

#include "domain/embedded_data.h"
#include "domain/text.h"

namespace opkomst {

const char* MomentCode(Moment m) {
  switch (m) {
    case Moment::kStart:
      return "start";
    case Moment::kBirth:
      return "birth";
    case Moment::kEnd:
      return "end";
  }
  return "?";
}

std::optional<Moment> ParseMoment(std::string_view text) {
  std::string t = FoldForMatch(text);
  if (t == "start") return Moment::kStart;
  if (t == "birth") return Moment::kBirth;
  if (t == "end") return Moment::kEnd;
  return std::nullopt;
}

std::string FoldForMatch(std::string_view text) {
  std::string_view t = Trim(text);
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == 0xC3 && i + 1 < t.size()) {
      // U+00C0..U+00DE (except U+00D7) map to U+00E0..U+00FE.
      unsigned char n = static_cast<unsigned char>(t[i + 1]);
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(n >= 0x80 && n <= 0x9E && n != 0x97 ? n + 0x20 : n));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

void OptionList::Add(Option option) {
  Code code = static_cast<Code>(options_.size());
  by_key_.emplace(FoldForMatch(option.code), code);
  by_key_.emplace(FoldForMatch(option.label_nl), code);
  for (const std::string& alias : option.aliases) by_key_.emplace(FoldForMatch(alias), code);
  options_.push_back(std::move(option));
}

std::optional<Code> OptionList::Find(std::string_view text) const {
  // Fast path: exported files hold the exact codes, so try those before
  // folding case and white space.
  for (size_t i = 0; i < options_.size(); ++i)
    if (options_[i].code == text) return static_cast<Code>(i);
  auto it = by_key_.find(FoldForMatch(text));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

std::optional<Code> OptionList::FindCode(std::string_view code) const {
  for (size_t i = 0; i < options_.size(); ++i)
    if (options_[i].code == code) return static_cast<Code>(i);
  return std::nullopt;
}

std::string OptionList::CodesForMessage() const {
  std::string out;
  for (const Option& o : options_) {
    if (!out.empty()) out += ", ";
    out += o.code;
  }
  return out;
}

bool Variable::RecordedAt(Moment m) const {
  for (Moment x : moments)
    if (x == m) return true;
  return false;
}

std::optional<int> IndicatorSet::FindIndicator(std::string_view name) const {
  std::string folded = FoldForMatch(name);
  for (size_t i = 0; i < indicators.size(); ++i)
    if (indicators[i].name == folded) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<Code> IndicatorSet::ParseScore(std::string_view text) const {
  std::string t = FoldForMatch(text);
  if (!t.empty() && t.size() <= 2 && t.find_first_not_of("0123456789") == std::string::npos) {
    int v = std::atoi(t.c_str());
    if (v >= scale_min && v <= scale_max) return static_cast<Code>(v - scale_min);
    return std::nullopt;
  }
  for (size_t i = 0; i < specials.size(); ++i) {
    if (t == FoldForMatch(specials[i].code) || t == FoldForMatch(specials[i].label_nl))
      return static_cast<Code>(scale_max - scale_min + 1 + static_cast<int>(i));
  }
  return std::nullopt;
}

std::optional<int> IndicatorSet::NumericValue(Code score) const {
  if (score < 0 || score > scale_max - scale_min) return std::nullopt;
  return scale_min + score;
}

std::string IndicatorSet::ScoreText(Code score) const {
  if (score == kMissing) return "";
  if (auto v = NumericValue(score)) return std::to_string(*v);
  size_t special = static_cast<size_t>(score - (scale_max - scale_min + 1));
  return special < specials.size() ? specials[special].code : "?";
}

std::string IndicatorSet::ScoresForMessage() const {
  std::string out = std::to_string(scale_min) + ".." + std::to_string(scale_max);
  for (const Option& s : specials) out += ", " + s.code;
  return out;
}

const Field* Codebook::FindField(std::string_view name) const {
  for (const Field& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

const Field& Codebook::field(std::string_view name) const {
  const Field* f = FindField(name);
  if (f == nullptr) {
    std::cerr << "codebook has no field " << name << "\n";
    std::abort();
  }
  return *f;
}

std::optional<int> Codebook::FindVariable(std::string_view name) const {
  auto it = variable_index_.find(name);
  if (it == variable_index_.end()) return std::nullopt;
  return it->second;
}

const IndicatorSet* Codebook::FindIndicatorSet(std::string_view id) const {
  for (const IndicatorSet& s : indicator_sets_)
    if (s.id == id) return &s;
  return nullptr;
}

const IndicatorSet& Codebook::indicator_set(std::string_view id) const {
  const IndicatorSet* s = FindIndicatorSet(id);
  if (s == nullptr) {
    std::cerr << "codebook has no indicator set " << id << "\n";
    std::abort();
  }
  return *s;
}

std::vector<std::string> Codebook::StorageLayout() const {
  std::vector<std::string> layout(static_cast<size_t>(slot_count_));
  for (const Variable& v : variables_) {
    std::string entry = v.name + ":";
    if (v.type == VariableType::kCount) {
      entry += "count";
    } else {
      entry += v.options->CodesForMessage();
    }
    layout[static_cast<size_t>(v.slot)] = entry;
  }
  return layout;
}

const Codebook& Codebook::Default() {
  static const Codebook* codebook = [] {
    auto parsed = Parse(EmbeddedCodebookText());
    if (!parsed.ok()) {
      std::cerr << "built-in codebook is invalid: " << parsed.status().message() << "\n";
      std::abort();
    }
    return std::move(parsed).value().release();
  }();
  return *codebook;
}

}  // namespace opkomst
