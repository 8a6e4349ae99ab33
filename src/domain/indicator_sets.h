// Indicator sets as data the team lead maintains: per indicator its label
// (Dutch, English), the anchor text of every point of the scale, its place
// in the order, whether it is dropped. Each save is a new, whole version;
// version 1 is the codebook's. An indicator is known by its name for good:
// a version may relabel, reorder, drop or add, never remove or rename, so a
// score keeps the meaning it was given and the comparison of two
// measurements (and the report) pairs only scores of the same indicator.
#ifndef OPKOMST_DOMAIN_INDICATOR_SETS_H_
#define OPKOMST_DOMAIN_INDICATOR_SETS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/codebook.h"
#include "domain/messages.h"

namespace opkomst {

constexpr size_t kMaxAnchorLength = 300;
constexpr size_t kMaxIndicatorLabelLength = 120;

struct IndicatorDefinition {
  std::string name;  // [a-z0-9_], the identity across versions
  int domain = 0;    // index into IndicatorSet::domains
  std::string label_nl, label_en;
  bool dropped = false;
  std::vector<std::string> anchors;  // one per point scale_min..scale_max; "" if not written yet
};

struct IndicatorSetVersion {
  int version = 1;
  std::string created_at, created_by;           // empty for the codebook's version 1
  std::vector<IndicatorDefinition> indicators;  // in the order the form shows them

  const IndicatorDefinition* Find(std::string_view name) const;
};

// Version 1: the codebook's indicators, labels and order, no anchor texts.
IndicatorSetVersion CodebookVersion(const IndicatorSet& set);

// `set` as a version has it: the version's indicators in its order, with
// its labels, dropped flags and added indicators; any indicator of `set`
// the version lacks (none, by the rules below) is kept at the end. For
// the report, whose tables show the team's current set.
IndicatorSet WithVersion(const IndicatorSet& set, const IndicatorSetVersion& version);

// The stored form: one line per indicator, fields separated by tabs (the
// checks below refuse tabs and line breaks inside a field).
std::string SerializeIndicators(const std::vector<IndicatorDefinition>& indicators);
std::optional<std::vector<IndicatorDefinition>> ParseIndicators(std::string_view text, const IndicatorSet& set);

// The rules for a new version `next` after `current`, as findings with the
// column "i_<name>_<field>" (label_nl, label_en, anchor<N>, name, domain):
// every indicator of `current` is still there (drop it instead), names are
// new, well-formed and unique, labels are given and short, anchor texts are
// plain text of at most kMaxAnchorLength characters.
Findings CheckIndicatorSetVersion(const IndicatorSet& set, const IndicatorSetVersion& current,
                                  const std::vector<IndicatorDefinition>& next);

}  // namespace opkomst

#endif  // OPKOMST_DOMAIN_INDICATOR_SETS_H_
