#include "domain/indicator_sets.h"

#include <set>
#include <sstream>

#include "domain/validation.h"

namespace opkomst {
namespace {

size_t ScalePoints(const IndicatorSet& set) { return static_cast<size_t>(set.scale_max - set.scale_min + 1); }

bool PlainText(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return false;  // tabs and line breaks would break the stored form
  return !FormulaStart(text);
}

bool WellFormedName(std::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

void Add(Findings* findings, const std::string& column, const std::string& value, const std::string& rule,
         const std::string& expected = "") {
  findings->Add({"", 0, column, value, rule, expected});
}

}  // namespace

const IndicatorDefinition* IndicatorSetVersion::Find(std::string_view name) const {
  for (const IndicatorDefinition& d : indicators)
    if (d.name == name) return &d;
  return nullptr;
}

IndicatorSetVersion CodebookVersion(const IndicatorSet& set) {
  IndicatorSetVersion v;
  for (const Indicator& i : set.indicators)
    v.indicators.push_back(
        {i.name, i.domain, i.label_nl, i.gloss_en, i.dropped, std::vector<std::string>(ScalePoints(set))});
  return v;
}

IndicatorSet WithVersion(const IndicatorSet& set, const IndicatorSetVersion& version) {
  IndicatorSet out = set;
  out.indicators.clear();
  for (const IndicatorDefinition& d : version.indicators) {
    int domain = d.domain >= 0 && static_cast<size_t>(d.domain) < set.domains.size() ? d.domain : 0;
    out.indicators.push_back({d.name, d.label_nl, d.label_en, domain, d.dropped});
  }
  for (const Indicator& i : set.indicators)
    if (!version.Find(i.name)) out.indicators.push_back(i);
  return out;
}

std::string SerializeIndicators(const std::vector<IndicatorDefinition>& indicators) {
  std::string out;
  for (const IndicatorDefinition& d : indicators) {
    out += d.name + "\t" + std::to_string(d.domain) + "\t" + d.label_nl + "\t" + d.label_en + "\t" +
           (d.dropped ? "1" : "0");
    for (const std::string& a : d.anchors) out += "\t" + a;
    out += "\n";
  }
  return out;
}

std::optional<std::vector<IndicatorDefinition>> ParseIndicators(std::string_view text, const IndicatorSet& set) {
  std::vector<IndicatorDefinition> out;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
      f.push_back(line.substr(start, tab - start));
    f.push_back(line.substr(start));
    if (f.size() != 5 + ScalePoints(set) || f[1].empty() || f[1].size() > 3) return std::nullopt;
    int domain = std::stoi(f[1]);
    if (domain < 0 || domain >= static_cast<int>(set.domains.size())) return std::nullopt;
    out.push_back({f[0], domain, f[2], f[3], f[4] == "1", std::vector<std::string>(f.begin() + 5, f.end())});
  }
  return out;
}

Findings CheckIndicatorSetVersion(const IndicatorSet& set, const IndicatorSetVersion& current,
                                  const std::vector<IndicatorDefinition>& next) {
  Findings findings;
  std::set<std::string> seen;
  for (const IndicatorDefinition& d : next) {
    const std::string field = "i_" + d.name + "_";
    if (!WellFormedName(d.name)) Add(&findings, "i_nieuw_name", d.name, "indicator_set.name");
    if (!seen.insert(d.name).second) Add(&findings, "i_nieuw_name", d.name, "indicator_set.name_taken");
    if (d.domain < 0 || d.domain >= static_cast<int>(set.domains.size()))
      Add(&findings, field + "domain", std::to_string(d.domain), "indicator_set.domain");
    if (d.label_nl.empty() || d.label_nl.size() > kMaxIndicatorLabelLength || !PlainText(d.label_nl))
      Add(&findings, field + "label_nl", d.label_nl, "indicator_set.label", std::to_string(kMaxIndicatorLabelLength));
    if (d.label_en.size() > kMaxIndicatorLabelLength || !PlainText(d.label_en))
      Add(&findings, field + "label_en", d.label_en, "indicator_set.label", std::to_string(kMaxIndicatorLabelLength));
    if (d.anchors.size() != ScalePoints(set)) Add(&findings, field + "anchor1", "", "indicator_set.anchor");
    for (size_t p = 0; p < d.anchors.size(); ++p)
      if (d.anchors[p].size() > kMaxAnchorLength || !PlainText(d.anchors[p]))
        Add(&findings, field + "anchor" + std::to_string(p + set.scale_min), d.anchors[p], "indicator_set.anchor",
            std::to_string(kMaxAnchorLength));
  }
  // Like with like: an indicator once scored stays known by its name.
  for (const IndicatorDefinition& d : current.indicators)
    if (!seen.count(d.name)) Add(&findings, "i_" + d.name + "_label_nl", d.name, "indicator_set.removed");
  return findings;
}

}  // namespace opkomst
