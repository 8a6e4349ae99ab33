// The codebook: every registration variable, its categories and labels, and
// the indicator sets, read from data (data/codebook.txt, compiled in).
//
// Codes are small integers: an option's index in its variable's option list.
// kMissing means "not filled in", which is different from the explicit
// options `onbekend` and `nvt`.
#ifndef OPKOMST_DOMAIN_CODEBOOK_H_
#define OPKOMST_DOMAIN_CODEBOOK_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace opkomst {

using Code = int16_t;
inline constexpr Code kMissing = -1;

enum class Moment : int8_t { kStart = 0, kBirth = 1, kEnd = 2 };
inline constexpr int kMomentCount = 3;
const char* MomentCode(Moment m);  // "start", "birth", "end"
std::optional<Moment> ParseMoment(std::string_view text);

struct Option {
  std::string code;      // exchange code, e.g. "koppel_beide"
  std::string label_nl;  // Dutch label as the codebook spells it
  std::string gloss_en;
  std::vector<std::string> aliases;  // other accepted spellings
};

// A closed list of options with lookup by code, label or alias.
class OptionList {
 public:
  void Add(Option option);
  const std::vector<Option>& options() const { return options_; }
  size_t size() const { return options_.size(); }
  const Option& at(Code code) const { return options_.at(static_cast<size_t>(code)); }
  // Accepts the code or a Dutch label/alias, case-insensitively, trimmed.
  std::optional<Code> Find(std::string_view text) const;
  std::optional<Code> FindCode(std::string_view code) const;
  // "a, b, c": the codes, for error messages.
  std::string CodesForMessage() const;

 private:
  std::vector<Option> options_;
  std::map<std::string, Code, std::less<>> by_key_;  // folded code/label/alias
};

enum class VariableType { kCategory, kCount };

struct Group {
  std::string id, title_nl, title_en;
};

// A dossier-level coded field (track, referrer_type, ...).
struct Field {
  std::string name, label_nl, gloss_en;
  OptionList options;
};

// A variable registered at measurement moments.
struct Variable {
  std::string name;
  int slot = 0;                 // stable storage position (append-only)
  std::string group;            // Group::id
  std::vector<Moment> moments;  // where the registration form shows it
  std::string label_nl, gloss_en;
  VariableType type = VariableType::kCategory;
  const OptionList* options = nullptr;  // kCategory only; owned by Codebook
  int min = 0, max = 0;                 // kCount only
  bool RecordedAt(Moment m) const;
};

struct Indicator {
  std::string name;  // without prefix, as in scores.csv
  std::string label_nl, gloss_en;
  int domain = 0;  // index into IndicatorSet::domains
  bool dropped = false;
};

struct Domain {
  std::string id, title_nl, title_en, short_title_nl;
};

// A scored indicator set: integer scale plus special non-numeric answers.
// Score codes: 0..(max-min) for the numbers, then the specials in order.
struct IndicatorSet {
  std::string id, title_nl, title_en;
  int scale_min = 1, scale_max = 5;
  std::vector<Option> specials;  // e.g. nvt, weet_niet
  std::vector<Domain> domains;
  std::vector<Indicator> indicators;

  std::optional<int> FindIndicator(std::string_view name) const;
  // Parses "1".."5" or a special code/label; nullopt if invalid.
  std::optional<Code> ParseScore(std::string_view text) const;
  std::string ScoreText(Code score) const;
  // The number for a numeric score code, nullopt for a special.
  std::optional<int> NumericValue(Code score) const;
  std::string ScoresForMessage() const;
};

class Codebook {
 public:
  // Parses the text format documented at the top of data/codebook.txt.
  static StatusOr<std::unique_ptr<Codebook>> Parse(std::string_view text);
  // The codebook compiled into the binary; parsed once.
  static const Codebook& Default();

  const std::vector<Group>& groups() const { return groups_; }
  const std::vector<Variable>& variables() const { return variables_; }
  const Field& field(std::string_view name) const;  // aborts on unknown name
  const Field* FindField(std::string_view name) const;
  std::optional<int> FindVariable(std::string_view name) const;  // index
  int slot_count() const { return slot_count_; }
  const IndicatorSet& indicator_set(std::string_view id) const;  // aborts on unknown id
  const IndicatorSet* FindIndicatorSet(std::string_view id) const;

  // "variable:code,code;..." per slot: what the stored codes mean. The store
  // keeps it so a later codebook that reorders codes is refused.
  std::vector<std::string> StorageLayout() const;

 private:
  std::vector<Group> groups_;
  std::vector<std::unique_ptr<OptionList>> lists_;
  std::map<std::string, const OptionList*, std::less<>> named_lists_;
  std::vector<Field> fields_;
  std::vector<Variable> variables_;
  std::map<std::string, int, std::less<>> variable_index_;
  std::vector<IndicatorSet> indicator_sets_;
  int slot_count_ = 0;

  friend class CodebookParser;
};

// Lower-cases ASCII and Latin-1 letters of UTF-8 text and trims white space.
std::string FoldForMatch(std::string_view text);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_CODEBOOK_H_
