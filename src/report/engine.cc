// The engine's registration tables: reach and profile (chapter 3).
#include "report/engine.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "report/keyfigures.h"
#include "report/stats.h"

namespace opkomst::report {
namespace {

const std::vector<std::string> kTrackHeaders = {"Opkomst+", "Opkomst", "Totaal"};

void PopulationSizes(const Populations& p, TableModel* m) {
  m->columns = kTrackHeaders;
  const std::pair<const char*, Population> rows[] = {{"Originele dataset", Population::kP1},
                                                     {"Beschrijvende analyse (hoofdstuk 3)", Population::kP2},
                                                     {"Impact analyse (hoofdstuk 4)", Population::kP3},
                                                     {"Extra meetmoment (hoofdstuk 3 en 4)", Population::kP4}};
  for (const auto& [label, population] : rows) {
    TableRow row{label, {}, false};
    for (const auto& group : p.ByTrack(population))
      row.cells.push_back(Cell::Count(static_cast<long long>(group.size())));
    m->rows.push_back(row);
  }
}

// The start years present in `set`, in order, each with its dossiers.
std::vector<std::pair<int, std::vector<uint32_t>>> ByStartYear(const Dataset& data, const std::vector<uint32_t>& set) {
  const std::vector<int32_t>& month = data.dossiers().start_month;
  auto year = [&](uint32_t i) { return month[i] / 12; };
  int first = INT32_MAX, last = INT32_MIN;
  for (uint32_t i : set) first = std::min(first, year(i)), last = std::max(last, year(i));
  std::vector<std::vector<uint32_t>> by_year(set.empty() ? 0 : static_cast<size_t>(last - first + 1));
  for (uint32_t i : set) by_year[static_cast<size_t>(year(i) - first)].push_back(i);
  std::vector<std::pair<int, std::vector<uint32_t>>> out;
  for (size_t y = 0; y < by_year.size(); ++y)
    if (!by_year[y].empty()) out.emplace_back(first + static_cast<int>(y), std::move(by_year[y]));
  return out;
}

void StartYears(const Dataset& data, const Populations& p, Population population, TableModel* m) {
  m->columns = kTrackHeaders;
  const Code plus = *data.codebook().field("track").options.FindCode("opkomst_plus");
  for (const auto& [year, set] : ByStartYear(data, p.Of(population))) {
    long long in_plus = 0;
    for (uint32_t i : set) in_plus += data.dossiers().track[i] == plus;
    long long all = static_cast<long long>(set.size());
    m->rows.push_back({std::to_string(year), {Cell::Count(in_plus), Cell::Count(all - in_plus), Cell::Count(all)}});
  }
  const auto& groups = p.ByTrack(population);
  m->rows.push_back(
      {"Totaal",
       {Cell::Count(static_cast<long long>(groups[0].size())), Cell::Count(static_cast<long long>(groups[1].size())),
        Cell::Count(static_cast<long long>(groups[2].size()))}});
}

// Mean (1 decimal), max, min and N of `values`, as four cells.
void SummaryCells(const std::vector<int>& values, int decimals, std::vector<Cell>* cells, bool with_n = true,
                  bool mean_min_max = false) {
  if (values.empty()) {
    for (int k = 0; k < (with_n ? 4 : 3); ++k) cells->push_back(Cell::None());
    return;
  }
  double sum = 0;
  for (int v : values) sum += v;
  Cell mean = Cell::Number(sum / static_cast<double>(values.size()), decimals, static_cast<long long>(values.size()));
  Cell max = Cell::Count(*std::max_element(values.begin(), values.end()));
  Cell min = Cell::Count(*std::min_element(values.begin(), values.end()));
  cells->push_back(mean);
  cells->push_back(mean_min_max ? min : max);
  cells->push_back(mean_min_max ? max : min);
  if (with_n) cells->push_back(Cell::Count(static_cast<long long>(values.size())));
}

void Duration(const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = {"Opkomst+ Gemiddeld", "Opkomst+ Max.", "Opkomst+ Min.", "Opkomst+ N",
                "Opkomst Gemiddeld",  "Opkomst Max.",  "Opkomst Min.",  "Opkomst N"};
  const auto& groups = p.ByTrack(Population::kP2);
  for (bool closed : {true, false}) {
    TableRow row{closed ? "Duur afgeronde begeleidingen" : "Duur lopende begeleidingen", {}, false};
    for (size_t g = 0; g < 2; ++g) {
      std::vector<int> months;
      const DossierColumns& d = data.dossiers();
      int year, month, day;
      p.filters().as_of.ToCivil(&year, &month, &day);
      const int cutoff_month = year * 12 + month - 1, cutoff_day = day;
      for (uint32_t i : groups[g]) {
        if (p.Closed(i) != closed) continue;
        // Whole months as WholeMonthsBetween counts them; the end (or the
        // cut-off) is never before the start here.
        int to_month = closed ? d.end_month[i] : cutoff_month, to_day = closed ? d.end_day[i] : cutoff_day;
        months.push_back(to_month - d.start_month[i] - (to_day < d.start_day[i]));
      }
      SummaryCells(months, 1, &row.cells);
    }
    m->rows.push_back(row);
  }
}

void Summary(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  const auto& groups = p.ByTrack(spec.population);
  const std::vector<int16_t>& column =
      spec.variables[0] == "mother_age" ? data.dossiers().mother_age : data.dossiers().child_age_months;
  auto value = [&](uint32_t i) { return column[i]; };
  std::vector<std::vector<int>> values(3);
  for (size_t g = 0; g < 3; ++g)
    for (uint32_t i : groups[g])
      if (value(i) != kNoNumber) values[g].push_back(value(i));
  long long n = static_cast<long long>(values[2].size());
  m->notes.push_back("N = " + std::to_string(n));
  if (spec.variant == "wide") {  // T6: one row, mean/min/max per track
    m->columns = {"Opkomst+ Gemiddelde", "Opkomst+ Minimum", "Opkomst+ Maximum",
                  "Opkomst Gemiddelde",  "Opkomst Minimum",  "Opkomst Maximum"};
    TableRow row{"Leeftijd mama", {}, false};
    for (size_t g = 0; g < 2; ++g) SummaryCells(values[g], spec.decimals, &row.cells, false, true);
    m->rows.push_back(row);
    return;
  }
  m->columns = kTrackHeaders;
  std::vector<Cell> cells[3];
  for (size_t g = 0; g < 3; ++g) SummaryCells(values[g], spec.decimals, &cells[g], false, true);
  const char* labels[] = {"Gemiddeld", "Minimum", "Maximum"};
  for (size_t r = 0; r < 3; ++r) m->rows.push_back({labels[r], {cells[0][r], cells[1][r], cells[2][r]}, false});
}

// Counts per row of `grouping` over `set`; `total` gets the dossiers counted.
std::vector<long long> Tally(const Accessor& a, const Grouping& grouping, const std::vector<uint32_t>& set,
                             Moment moment, long long* total) {
  std::vector<long long> counts(grouping.labels.size() + 1, 0);  // the last: left out
  const int8_t* column = a.Column(moment);
  const int* row_of = grouping.of_code.data() + 1;
  const size_t left_out = grouping.labels.size();
  for (uint32_t i : set) {
    int row = row_of[column[i]];
    ++counts[row < 0 ? left_out : static_cast<size_t>(row)];
  }
  *total = static_cast<long long>(set.size()) - counts.back();
  counts.pop_back();
  return counts;
}

void Distribution(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  const auto& population = p.Of(spec.population);
  std::vector<const std::vector<uint32_t>*> sets;  // one per column
  std::vector<std::vector<uint32_t>> derived;      // sets made here, not by the populations
  std::vector<Moment> moments;
  std::vector<Accessor> accessors;
  for (const std::string& v : spec.variables) accessors.push_back(Access(data, v));
  Grouping grouping = MakeGrouping(accessors[0], spec.rows, spec.drop_unknown && spec.layout != Columns::kMoments, data,
                                   population, spec.moment);
  switch (spec.layout) {
    case Columns::kTracks:
    case Columns::kTracksN:
      for (const auto& group : p.ByTrack(spec.population)) sets.push_back(&group);
      m->columns = kTrackHeaders;
      break;
    case Columns::kTotal:
    case Columns::kPooled:
      sets = {&population};
      m->columns = {"%"};
      break;
    case Columns::kStartYears:
      for (auto& [year, set] : ByStartYear(data, population)) {
        m->columns.push_back(std::to_string(year));
        derived.push_back(std::move(set));
      }
      for (const auto& set : derived) sets.push_back(&set);
      break;
    case Columns::kMoments: {  // dossiers known at start, at both moments
      Grouping known = MakeGrouping(accessors[0], spec.rows, true, data, population, Moment::kStart);
      std::vector<uint32_t>& kept = derived.emplace_back();
      const int8_t* start = accessors[0].Column(Moment::kStart);
      for (uint32_t i : population)
        if (known.Row(start[i]) >= 0) kept.push_back(i);
      sets = {&kept, &kept};
      moments = {Moment::kStart, spec.to};
      m->columns = {"Bij start", "Bij einde"};
      break;
    }
  }
  if (spec.variables.size() > 1) {  // several variables side by side (F7b)
    sets.assign(spec.variables.size(), &population);
    m->columns.clear();
    for (const Accessor& a : accessors) m->columns.push_back(a.label);
  }
  std::vector<std::vector<long long>> counts(sets.size());
  std::vector<long long> totals(sets.size());
  for (size_t s = 0; s < sets.size(); ++s) {
    if (s == 2 && (spec.layout == Columns::kTracks || spec.layout == Columns::kTracksN)) {  // Totaal = the two tracks
      for (size_t r = 0; r < grouping.labels.size(); ++r) counts[2].push_back(counts[0][r] + counts[1][r]);
      totals[2] = totals[0] + totals[1];
      continue;
    }
    const Accessor& a = accessors[spec.variables.size() > 1 ? s : 0];
    counts[s] = Tally(a, grouping, *sets[s], moments.empty() ? spec.moment : moments[s], &totals[s]);
  }
  if (sets.empty()) {  // no start year at all: an empty population
    counts.emplace_back(grouping.labels.size(), 0);
    totals.push_back(0);
  }
  for (size_t r = 0; r < grouping.labels.size(); ++r) {
    TableRow row{grouping.labels[r], {}, false};
    for (size_t s = 0; s < sets.size(); ++s) row.cells.push_back(Cell::Percent(counts[s][r], totals[s]));
    if (spec.layout == Columns::kTracksN || spec.layout == Columns::kTotal)
      row.cells.push_back(Cell::Count(counts.back()[r]));
    m->rows.push_back(row);
  }
  if (spec.layout == Columns::kTracksN || spec.layout == Columns::kTotal) {
    m->columns.push_back("N");
    TableRow total{"Totaal", {}, false};
    for (size_t s = 0; s + 1 < sets.size(); ++s) total.cells.push_back(Cell());
    if (spec.layout == Columns::kTotal) total.cells.push_back(Cell::Percent(totals[0], totals[0], 0));
    if (spec.layout == Columns::kTracksN) total.cells.push_back(Cell());
    total.cells.push_back(Cell::Count(totals.back()));
    m->rows.push_back(total);
  } else {
    // The dossiers counted: per year the columns are disjoint, so they add up.
    long long n =
        spec.layout == Columns::kStartYears ? std::accumulate(totals.begin(), totals.end(), 0LL) : totals.back();
    m->notes.push_back("N = " + std::to_string(n));
  }
}

void YesShare(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = kTrackHeaders;
  const auto& groups = p.ByTrack(spec.population);
  std::vector<Accessor> items;
  std::vector<Code> yes;
  for (const std::string& v : spec.variables) items.push_back(Access(data, v)), yes.push_back(Yes(items.back()));
  std::vector<std::array<long long, 2>> k(items.size(), {0, 0});
  for (size_t v = 0; v < items.size(); ++v) {
    const int8_t* column = items[v].Column(spec.moment);
    for (size_t g = 0; g < 2; ++g)
      for (uint32_t i : groups[g]) k[v][g] += column[i] == yes[v];
  }
  for (size_t v = 0; v < items.size(); ++v)
    m->rows.push_back({items[v].label,
                       {Cell::Percent(k[v][0], static_cast<long long>(groups[0].size())),
                        Cell::Percent(k[v][1], static_cast<long long>(groups[1].size())),
                        Cell::Percent(k[v][0] + k[v][1], static_cast<long long>(groups[2].size()))},
                       false});
  m->notes.push_back("N = " + std::to_string(groups[2].size()));
}

void ItemCounts(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = kTrackHeaders;
  if (spec.variant == "plus_space") m->columns[0] = "Opkomst +";  // as Table 15 prints it
  const auto& groups = p.ByTrack(spec.population);
  std::vector<Accessor> items;
  for (const std::string& v : spec.variables) items.push_back(Access(data, v));
  TableRow yes_row{spec.rows[0].label, {}, false}, unknown_row{spec.rows[1].label, {}, false};
  std::vector<Code> yes_code, unknown_code;
  for (const Accessor& a : items) yes_code.push_back(Yes(a)), unknown_code.push_back(Unknown(a));
  long long yes[3] = {0, 0, 0}, unknown[3] = {0, 0, 0};
  for (size_t g = 0; g < 2; ++g)  // the third group, Totaal, is the sum of the two tracks
    for (size_t k = 0; k < items.size(); ++k) {
      const int8_t* column = items[k].Column(spec.moment);
      for (uint32_t i : groups[g]) {
        Code c = column[i];
        yes[g] += c == yes_code[k];
        unknown[g] += c == unknown_code[k] || c == kMissing;  // not filled in is not known either
      }
    }
  yes[2] = yes[0] + yes[1], unknown[2] = unknown[0] + unknown[1];
  for (size_t g = 0; g < 3; ++g) {
    const auto& group = groups[g];
    double n = static_cast<double>(group.size());
    // The group's size travels with the mean, so suppression can hide the
    // mean of one or a few mothers (a mean over one is her own count).
    long long size = static_cast<long long>(group.size());
    yes_row.cells.push_back(group.empty() ? Cell::None()
                                          : Cell::Number(static_cast<double>(yes[g]) / n, spec.decimals, size));
    unknown_row.cells.push_back(group.empty() ? Cell::None()
                                              : Cell::Number(static_cast<double>(unknown[g]) / n, spec.decimals, size));
  }
  m->rows = {yes_row, unknown_row};
  m->notes.push_back("N = " + std::to_string(groups[2].size()));
}

void HousingSplit(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = {"Slechte huisvesting", "Goede huisvesting"};
  Accessor housing = Access(data, "housing"), income = Access(data, "income_mother"),
           employment = Access(data, "employment_mother");
  // Footnote 6, per housing code (shifted by one for "not filled in"): 0 bad, 1 good, -1 unknown.
  std::vector<int> quality_of(housing.options->size() + 1, -1);
  for (size_t c = 0; c < housing.options->size(); ++c) {
    const std::string& code = housing.options->options()[c].code;
    quality_of[c + 1] = code == "vast_kwalitatief" || code == "sociale_woning" ? 1
                        : code == "onbekend" || code == "nvt"                  ? -1
                                                                               : 0;
  }
  const int8_t* housing_at = housing.Column(spec.moment);
  auto quality = [&](uint32_t i) { return quality_of[static_cast<size_t>(housing_at[i] + 1)]; };
  std::vector<const int8_t*> admin;
  Code in_order = -2;
  for (const Variable& v : data.codebook().variables()) {
    if (v.name.rfind("admin_", 0) != 0) continue;
    Accessor a = Access(data, v.name);
    admin.push_back(a.Column(spec.moment));
    in_order = Yes(a);
  }
  const Code arbeid = *income.options->FindCode("arbeid");
  const Code vast = *employment.options->FindCode("vast_contract");
  const int8_t* income_at = income.Column(spec.moment);
  const int8_t* employment_at = employment.Column(spec.moment);
  std::vector<std::pair<std::string, std::function<bool(uint32_t)>>> attributes = {
      {"Inkomen uit arbeid", [&](uint32_t i) { return income_at[i] == arbeid; }},
      {"Vast contract", [&](uint32_t i) { return employment_at[i] == vast; }},
      {"Meer dan 5 zaken in orde", [&](uint32_t i) {
         int yes = 0;
         for (const int8_t* column : admin) yes += column[i] == in_order;
         return yes > 5;
       }}};
  std::string sizes;
  for (const auto& [label, has] : attributes) {
    long long counts[2] = {0, 0};
    for (uint32_t i : p.Of(spec.population)) {
      int q = quality(i);
      if (q >= 0 && has(i)) ++counts[q];
    }
    long long n = counts[0] + counts[1];
    m->rows.push_back({label, {Cell::Percent(counts[0], n), Cell::Percent(counts[1], n)}, false});
    sizes += (sizes.empty() ? "N per rij: " : ", ") + label + " " + std::to_string(n);
  }
  m->notes.push_back(sizes);
}

void TextFigure(const TableSpec& spec, const Dataset& data, TableModel* m) {
  if (spec.variant.empty()) return;
  const IndicatorSet& set =
      spec.variant == "casestudy" ? data.casestudy() : data.codebook().indicator_set(spec.variant);
  m->columns = {"Domein"};
  for (const Indicator& ind : set.indicators)
    m->rows.push_back({ind.label_nl + (ind.dropped ? " (niet geanalyseerd)" : ""),
                       {Cell::Text(set.domains[static_cast<size_t>(ind.domain)].title_nl)},
                       false});
  m->notes.push_back("Schaal " + std::to_string(set.scale_min) + "-" + std::to_string(set.scale_max) + ".");
}

}  // namespace

TableModel BuildTable(const TableSpec& spec, const Dataset& data, const Populations& p) {
  TableModel m;
  m.id = spec.id;
  m.title = spec.title;
  m.corner = spec.corner;
  m.chart = spec.chart;
  switch (spec.kind) {
    case Kind::kPopulationSizes:
      PopulationSizes(p, &m);
      break;
    case Kind::kStartYears:
      StartYears(data, p, spec.population, &m);
      break;
    case Kind::kDuration:
      Duration(data, p, &m);
      break;
    case Kind::kSummary:
      Summary(spec, data, p, &m);
      break;
    case Kind::kDistribution:
      Distribution(spec, data, p, &m);
      break;
    case Kind::kYesShare:
      YesShare(spec, data, p, &m);
      break;
    case Kind::kItemCounts:
      ItemCounts(spec, data, p, &m);
      break;
    case Kind::kHousingSplit:
      HousingSplit(spec, data, p, &m);
      break;
    case Kind::kEvolution:
      BuildEvolution(spec, data, p, &m);
      break;
    case Kind::kCrossTab:
      BuildCrossTab(spec, data, p, &m);
      break;
    case Kind::kTransition:
      BuildTransition(spec, data, p, &m);
      break;
    case Kind::kCaseStudy:
      BuildCaseStudy(spec, data, p, &m);
      break;
    case Kind::kInterview:
      BuildInterview(spec, data, p, &m);
      break;
    case Kind::kText:
      TextFigure(spec, data, &m);
      break;
    case Kind::kKeyFigures:
      BuildKeyFigures(spec, data, p, &m);
      break;
    case Kind::kGroupWork:
      BuildGroupWork(spec, data, p, &m);
      break;
    case Kind::kReferrals:
      BuildReferrals(spec, data, p.filters(), &m);
      break;
  }
  m.notes.insert(m.notes.end(), spec.notes.begin(), spec.notes.end());
  for (TableRow& row : m.rows)
    for (const auto& [from, to] : spec.relabel)
      if (row.label == from) row.label = to;
  return m;
}

}  // namespace opkomst::report
