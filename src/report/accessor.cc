// Variables as the engine reads them: codebook variables, dossier fields and
// the derived groupings the report uses.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "report/engine.h"

namespace opkomst::report {
namespace {

OptionList MakeList(const std::vector<std::string>& labels) {
  OptionList list;
  for (const std::string& l : labels) list.Add({l, l, l, {}});
  return list;
}

}  // namespace

const OptionList& AgeBands() {
  static const OptionList list = MakeList({"20 of jonger", "21-25", "26-30", "31-35", "36-40", "41 of ouder"});
  return list;
}

// Figure 3's five groups (CODEBOOK §3b.2).
const OptionList& ReferrerGroups() {
  static const OptionList list =
      MakeList({"AZ Sint-Maarten", "Interne diensten Sociaal Huis", "ID-team", "Wel en Wee", "Andere partners"});
  return list;
}

Code ReferrerGroupOf(std::string_view referrer) {
  if (referrer.empty()) return kMissing;
  std::string r = FoldForMatch(referrer);
  auto has = [&](const char* word) { return r.find(word) != std::string::npos; };
  if (has("maarten")) return 0;
  if (has("id-team") || has("id team")) return 2;
  if (has("wel en wee") || has("wel&wee") || has("wel & wee")) return 3;
  if (has("begeleidingsteam") || has("abt") || has("schuldhulp") || has("woonbegeleiding") || has("sociaal huis"))
    return 1;
  return 4;
}

Code AgeBandOf(int16_t age) {
  if (age == kNoNumber) return kMissing;
  if (age <= 20) return 0;
  if (age >= 41) return 5;
  return static_cast<Code>((age - 16) / 5);
}

Accessor Access(const Dataset& data, const std::string& name) {
  const Codebook& cb = data.codebook();
  const DossierColumns& d = data.dossiers();
  Accessor a;
  a.data = &data;
  a.label = name;
  if (auto index = cb.FindVariable(name)) {
    const Variable& v = cb.variables()[static_cast<size_t>(*index)];
    a.variable = *index, a.options = v.options, a.label = v.label_nl;
  } else if (const Field* f = cb.FindField(name)) {
    a.options = &f->options, a.label = f->label_nl;
    a.field = name == "track"               ? &d.track
              : name == "pregnant_at_start" ? &d.pregnant_at_start
              : name == "first_pregnancy"   ? &d.first_pregnancy
              : name == "referrer_type"     ? &d.referrer_type
                                            : nullptr;
  } else if (name == "referrer_group") {
    a.field = &d.referrer_group, a.options = &ReferrerGroups(), a.label = "Doorverwijzer";
  } else if (name == "mother_age_band") {
    a.field = &d.mother_age_band, a.options = &AgeBands(), a.label = "Leeftijd mama";
  }
  if (a.variable < 0 && a.field == nullptr) {
    std::fprintf(stderr, "opkomst: the report catalog names an unknown variable '%s'\n", name.c_str());
    std::abort();
  }
  return a;
}

Code Yes(const Accessor& a) { return a.options ? a.options->FindCode("ja").value_or(-2) : -2; }
Code Unknown(const Accessor& a) { return a.options ? a.options->FindCode("onbekend").value_or(-2) : -2; }

Grouping MakeGrouping(const Accessor& a, const std::vector<Group>& groups, bool drop_unknown, const Dataset& /*data*/,
                      const std::vector<uint32_t>& population, Moment moment) {
  Grouping g;
  if (a.options == nullptr) {  // a count: one row per value seen, at least 0..6
    Code top = 6;
    const int8_t* column = a.Column(moment);
    for (uint32_t i : population) top = std::max<Code>(top, column[i]);
    g.of_code.assign(static_cast<size_t>(top) + 2, -1);
    for (Code v = 0; v <= top; ++v) {
      g.labels.push_back(std::to_string(v));
      g.of_code[static_cast<size_t>(v) + 1] = v;
    }
    return g;
  }
  g.of_code.assign(a.options->size() + 1, -1);
  if (!groups.empty()) {
    for (size_t r = 0; r < groups.size(); ++r) {
      g.labels.push_back(groups[r].label);
      for (const std::string& code : groups[r].codes) {
        if (code.empty()) {
          if (!drop_unknown) g.of_code[0] = static_cast<int>(r);
        } else if (auto c = a.options->FindCode(code)) {
          g.of_code[static_cast<size_t>(*c) + 1] = static_cast<int>(r);
        }
      }
    }
    if (drop_unknown)  // unknown at start never counts, whatever the rows say
      for (const char* code : {"onbekend", "nvt"})
        if (auto c = a.options->FindCode(code)) g.of_code[static_cast<size_t>(*c) + 1] = -1;
    return g;
  }
  for (size_t o = 0; o < a.options->size(); ++o) {
    const Option& option = a.options->options()[o];
    bool unknown = option.code == "onbekend" || option.code == "nvt";
    if (drop_unknown && unknown) continue;
    g.of_code[o + 1] = static_cast<int>(g.labels.size());
    if (option.code == "onbekend" && !drop_unknown) g.of_code[0] = static_cast<int>(g.labels.size());
    g.labels.push_back(option.label_nl);
  }
  return g;
}

std::vector<std::vector<uint32_t>> ByTrack(const Dataset& data, const std::vector<uint32_t>& population) {
  const Code plus = *data.codebook().field("track").options.FindCode("opkomst_plus");
  const int8_t* track = data.dossiers().track.data();
  size_t in_plus = 0;
  for (uint32_t i : population) in_plus += track[i] == plus;
  std::vector<std::vector<uint32_t>> out(3);
  out[0].reserve(in_plus);
  out[1].reserve(population.size() - in_plus);
  for (uint32_t i : population) out[track[i] == plus ? 0 : 1].push_back(i);
  out[2] = population;
  return out;
}

}  // namespace opkomst::report
