#include "report/keyfigures.h"

#include <algorithm>
#include <cstdlib>

#include "report/engine.h"

namespace opkomst::report {
namespace {

constexpr int kFirstYear = 2020;  // "sinds januari 2020"
const char kNoData[] = "nog geen gegevens";

// The codes at the start that a share figure counts, per variable.
struct ShareRule {
  const char* figure;
  const char* variable;
  std::vector<std::string> codes;
};
const std::vector<ShareRule>& ShareRules() {
  static const std::vector<ShareRule> rules = {
      {"inkomen", "income_mother", {"geen_inkomen"}},
      {"huisvesting", "housing", {"dakloos", "crisisopvang", "tijdelijk", "vast_ontoereikend"}},
      {"alleenstaand", "family_composition", {"alleenstaand"}}};
  return rules;
}

const ShareRule* FindShareRule(const std::string& figure) {
  for (const ShareRule& r : ShareRules())
    if (figure == r.figure) return &r;
  return nullptr;
}

std::vector<uint32_t> InTrack(const Dataset& data, const std::vector<uint32_t>& set, const std::string& track) {
  if (track.empty()) return set;
  const Code code = *data.codebook().field("track").options.FindCode(track);
  std::vector<uint32_t> out;
  for (uint32_t i : set)
    if (data.dossiers().track[i] == code) out.push_back(i);
  return out;
}

Cell Mean(const std::vector<int16_t>& column, const std::vector<uint32_t>& set, int offset, int decimals) {
  long long n = 0;
  double sum = 0;
  for (uint32_t i : set)
    if (column[i] != kNoNumber) sum += column[i] + offset, ++n;
  if (n == 0) return Cell::None();
  return Cell::Number(sum / static_cast<double>(n), decimals, n);
}

// The share figure's numerator over `set` (unknowns count as "not").
long long ShareCount(const ShareRule& rule, const Dataset& data, const std::vector<uint32_t>& set) {
  const Accessor a = Access(data, rule.variable);
  std::vector<Code> codes;
  for (const std::string& c : rule.codes) codes.push_back(*a.options->FindCode(c));
  const int8_t* column = a.Column(Moment::kStart);
  long long k = 0;
  for (uint32_t i : set) k += std::find(codes.begin(), codes.end(), column[i]) != codes.end();
  return k;
}

// The value cell of `figure` over `set` (P0 for the mothers, else P2).
Cell ValueOf(const std::string& figure, const Dataset& data, const std::vector<uint32_t>& set, int decimals) {
  if (figure == "moeders")  // "sinds januari 2020": P0 has no lower bound
    return Cell::Count(std::count_if(set.begin(), set.end(),
                                     [&](uint32_t i) { return data.dossiers().start_month[i] / 12 >= kFirstYear; }));
  if (figure == "zwangerschap") return Mean(data.dossiers().child_age_months, set, 9, decimals);
  if (figure == "leeftijd") return Mean(data.dossiers().mother_age, set, 0, decimals);
  if (const ShareRule* rule = FindShareRule(figure)) {
    if (set.empty()) return Cell::None();
    return Cell::Percent(ShareCount(*rule, data, set), static_cast<long long>(set.size()));
  }
  return Cell::Text(kNoData);  // group work: not registered yet
}

const std::vector<uint32_t>& PopulationOf(const std::string& figure, const Populations& p) {
  return p.Of(figure == "moeders" ? Population::kP0 : Population::kP2);
}

int StartYear(const Dataset& data, uint32_t dossier) { return data.dossiers().start_month[dossier] / 12; }

// Table 22's count of indicators with 5 or more improvers, per track.
Cell IndicatorCount(const Dataset& data, const Populations& p, const std::string& track) {
  TableModel t22 = BuildTable(*FindSpec("T22"), data, p);
  const std::string header = track == "opkomst_plus" ? "Opkomst+" : "Opkomst";
  size_t column = std::find(t22.columns.begin(), t22.columns.end(), header) - t22.columns.begin();
  long long families = static_cast<long long>(InTrack(data, p.Of(Population::kP5), track).size());
  for (const TableRow& row : t22.rows)
    if (row.label.rfind("Aantal indicatoren waarop 5 of meer", 0) == 0 && column < row.cells.size()) {
      const Cell& c = row.cells[column];
      if (c.kind != CellKind::kCount && c.kind != CellKind::kNumber) return Cell::None();
      return Cell::Number(c.value, 0, families);
    }
  return Cell::None();
}

// K1 (every figure but the case study's) or K9 (the case study's only).
void Summary(const Dataset& data, const Populations& p, bool case_study, TableModel* m) {
  m->columns = {"Waarde",
                "Als breuk",
                "Teller",
                "Noemer",
                std::string("Gepubliceerd (") + kKeyFigureBaselineDate + ")",
                "Verschil met de publicatie"};
  for (const KeyFigureRow& r : KeyFigureRows()) {
    if ((r.figure == "indicatoren") != case_study) continue;
    Cell value = r.figure == "indicatoren"
                     ? IndicatorCount(data, p, r.track)
                     : ValueOf(r.figure, data, InTrack(data, PopulationOf(r.figure, p), r.track), 0);
    Cell phrase, numerator, denominator;
    if (value.kind == CellKind::kPercent) {
      phrase = Cell::Text(ShareAsFraction(value.count, value.denominator));
      phrase.count = value.count, phrase.denominator = value.denominator;  // suppressed with its share
      numerator = Cell::Count(value.count);
      denominator = Cell::Count(value.denominator);
    } else if (value.kind == CellKind::kNumber && r.figure != "indicatoren") {
      denominator = Cell::Count(value.denominator);
    } else if (value.kind == CellKind::kCount) {
      numerator = value;
    }
    m->rows.push_back({r.label,
                       {value, phrase, numerator, denominator, Cell::Text(r.published),
                        r.difference_nl.empty() ? Cell{} : Cell::Text(r.difference_nl)}});
  }
  for (const KeyFigure& f : KeyFigures())
    if ((f.id == "indicatoren") == case_study) m->notes.push_back(f.label_nl + ": " + f.definition_nl);
  m->notes.push_back(std::string("Gepubliceerd: de persvoorstelling van 16 april 2024, peildatum ") +
                     kKeyFigureBaselineDate + ".");
}

void OverTime(const KeyFigure& figure, const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = {"Opkomst+", "Opkomst", "Totaal"};
  const std::vector<uint32_t>& population = PopulationOf(figure.id, p);
  int last = kFirstYear - 1;
  for (uint32_t i : population) last = std::max(last, StartYear(data, i));
  const bool no_data = figure.id == "groepswerking";
  for (int year = kFirstYear; year <= last; ++year) {
    std::vector<uint32_t> in_year;
    for (uint32_t i : population)
      if (StartYear(data, i) == year) in_year.push_back(i);
    TableRow row{std::to_string(year), {}, false};
    for (const char* track : {"opkomst_plus", "opkomst", ""})
      row.cells.push_back(no_data ? Cell::Text(kNoData) : ValueOf(figure.id, data, InTrack(data, in_year, track), 1));
    m->rows.push_back(std::move(row));
  }
  if (no_data) m->chart = {};
  m->notes.push_back(figure.definition_nl);
  m->notes.push_back("Per jaar van de start, vanaf " + std::to_string(kFirstYear) + ".");
}

}  // namespace

std::string ShareAsFraction(long long count, long long denominator, bool english) {
  const std::string of = english ? " in " : " op ";
  if (denominator <= 0) return "";
  // Integer arithmetic, so a share exactly on a bound is decided exactly:
  // |count/denominator - 1/n| <= 2,5 pp  <=>  40 * |count*n - denominator| <= denominator*n.
  int best = 0;
  long long best_gap = 0, best_scale = 1;  // the distance as best_gap / best_scale
  for (long long n = 2; n <= 10; ++n) {
    long long gap = std::llabs(count * n - denominator), scale = denominator * n;
    if (40 * gap > scale) continue;
    if (best == 0 || gap * best_scale < best_gap * scale)
      best = static_cast<int>(n), best_gap = gap, best_scale = scale;
  }
  if (best > 0) return "1" + of + std::to_string(best);
  const long long tenths = (20 * count + denominator) / (2 * denominator);  // half up
  if (tenths == 0) return english ? "fewer than 1 in 10" : "minder dan 1 op 10";
  return std::to_string(tenths) + of + "10";
}

void BuildKeyFigures(const TableSpec& spec, const Dataset& data, const Populations& populations, TableModel* model) {
  if (spec.variant == "summary" || spec.variant == "casestudy")
    return Summary(data, populations, spec.variant == "casestudy", model);
  OverTime(*FindKeyFigure(spec.variant), data, populations, model);
}

}  // namespace opkomst::report
