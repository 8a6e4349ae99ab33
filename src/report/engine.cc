// The engine's registration tables: reach and profile (chapter 3).
#include "report/engine.h"

#include <algorithm>
#include <map>

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

void StartYears(const Dataset& data, const Populations& p, Population population, TableModel* m) {
  m->columns = kTrackHeaders;
  const auto& groups = p.ByTrack(population);
  std::map<int, std::array<long long, 3>> years;
  for (size_t g = 0; g < 3; ++g)
    for (uint32_t i : groups[g]) ++years[Date::FromDays(data.dossiers()[i].start).year()][g];
  for (const auto& [year, counts] : years)
    m->rows.push_back({std::to_string(year), {Cell::Count(counts[0]), Cell::Count(counts[1]), Cell::Count(counts[2])}});
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
      for (uint32_t i : groups[g]) {
        if (p.Closed(i) != closed) continue;
        const Facts& f = data.dossiers()[i];
        Date to = closed ? Date::FromDays(f.end) : p.filters().as_of;
        months.push_back(WholeMonthsBetween(Date::FromDays(f.start), to));
      }
      SummaryCells(months, 1, &row.cells);
    }
    m->rows.push_back(row);
  }
}

void Summary(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  const auto& groups = p.ByTrack(spec.population);
  auto value = [&](uint32_t i) {
    const Facts& f = data.dossiers()[i];
    return spec.variables[0] == "mother_age" ? f.mother_age : f.child_age_months;
  };
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
  std::vector<long long> counts(grouping.labels.size(), 0);
  *total = 0;
  for (uint32_t i : set) {
    int row = grouping.Row(a.get(i, moment));
    if (row < 0) continue;
    ++counts[static_cast<size_t>(row)];
    ++*total;
  }
  return counts;
}

void Distribution(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  const auto& population = p.Of(spec.population);
  std::vector<std::vector<uint32_t>> sets;
  std::vector<Moment> moments;
  std::vector<Accessor> accessors;
  for (const std::string& v : spec.variables) accessors.push_back(Access(data, v));
  Grouping grouping = MakeGrouping(accessors[0], spec.rows, spec.drop_unknown && spec.layout != Columns::kMoments, data,
                                   population, spec.moment);
  switch (spec.layout) {
    case Columns::kTracks:
    case Columns::kTracksN:
      sets = p.ByTrack(spec.population);
      m->columns = kTrackHeaders;
      break;
    case Columns::kTotal:
    case Columns::kPooled:
      sets = {population};
      m->columns = {"%"};
      break;
    case Columns::kStartYears: {
      std::map<int, std::vector<uint32_t>> years;
      for (uint32_t i : population) years[Date::FromDays(data.dossiers()[i].start).year()].push_back(i);
      for (auto& [year, set] : years) {
        m->columns.push_back(std::to_string(year));
        sets.push_back(std::move(set));
      }
      break;
    }
    case Columns::kMoments: {  // dossiers known at start, at both moments
      Grouping known = MakeGrouping(accessors[0], spec.rows, true, data, population, Moment::kStart);
      std::vector<uint32_t> kept;
      for (uint32_t i : population)
        if (known.Row(accessors[0].get(i, Moment::kStart)) >= 0) kept.push_back(i);
      sets = {kept, kept};
      moments = {Moment::kStart, spec.to};
      m->columns = {"Bij start", "Bij einde"};
      break;
    }
  }
  if (spec.variables.size() > 1) {  // several variables side by side (F7b)
    sets.assign(spec.variables.size(), population);
    m->columns.clear();
    for (const Accessor& a : accessors) m->columns.push_back(a.label);
  }
  std::vector<std::vector<long long>> counts(sets.size());
  std::vector<long long> totals(sets.size());
  for (size_t s = 0; s < sets.size(); ++s) {
    const Accessor& a = accessors[spec.variables.size() > 1 ? s : 0];
    counts[s] = Tally(a, grouping, sets[s], moments.empty() ? spec.moment : moments[s], &totals[s]);
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
    m->notes.push_back("N = " + std::to_string(totals.back()));
  }
}

void YesShare(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = kTrackHeaders;
  const auto& groups = p.ByTrack(spec.population);
  std::vector<Accessor> items;
  std::vector<Code> yes;
  for (const std::string& v : spec.variables) items.push_back(Access(data, v)), yes.push_back(Yes(items.back()));
  // Dossier by dossier, every item: one pass over memory instead of one per item.
  std::vector<std::array<long long, 2>> k(items.size(), {0, 0});
  for (size_t g = 0; g < 2; ++g)
    for (uint32_t i : groups[g])
      for (size_t v = 0; v < items.size(); ++v) k[v][g] += items[v].get(i, spec.moment) == yes[v];
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
  for (const auto& group : groups) {
    long long yes = 0, unknown = 0;
    for (uint32_t i : group)
      for (size_t k = 0; k < items.size(); ++k) {
        Code c = items[k].get(i, spec.moment);
        yes += c == yes_code[k];
        unknown += c == unknown_code[k] || c == kMissing;  // not filled in is not known either
      }
    double n = static_cast<double>(group.size());
    yes_row.cells.push_back(group.empty() ? Cell::None() : Cell::Number(static_cast<double>(yes) / n, spec.decimals));
    unknown_row.cells.push_back(group.empty() ? Cell::None()
                                              : Cell::Number(static_cast<double>(unknown) / n, spec.decimals));
  }
  m->rows = {yes_row, unknown_row};
  m->notes.push_back("N = " + std::to_string(groups[2].size()));
}

void HousingSplit(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = {"Slechte huisvesting", "Goede huisvesting"};
  Accessor housing = Access(data, "housing"), income = Access(data, "income_mother"),
           employment = Access(data, "employment_mother");
  auto quality = [&](uint32_t i) -> int {  // footnote 6: 0 bad, 1 good, -1 unknown
    Code c = housing.get(i, spec.moment);
    if (c == kMissing) return -1;
    const std::string& code = housing.options->at(c).code;
    if (code == "vast_kwalitatief" || code == "sociale_woning") return 1;
    if (code == "onbekend" || code == "nvt") return -1;
    return 0;
  };
  std::vector<Accessor> admin;
  for (const Variable& v : data.codebook().variables())
    if (v.name.rfind("admin_", 0) == 0) admin.push_back(Access(data, v.name));
  const Code arbeid = *income.options->FindCode("arbeid");
  const Code vast = *employment.options->FindCode("vast_contract");
  const Code in_order = Yes(admin.front());
  std::vector<std::pair<std::string, std::function<bool(uint32_t)>>> attributes = {
      {"Inkomen uit arbeid", [&](uint32_t i) { return income.get(i, spec.moment) == arbeid; }},
      {"Vast contract", [&](uint32_t i) { return employment.get(i, spec.moment) == vast; }},
      {"Meer dan 5 zaken in orde", [&](uint32_t i) {
         int yes = 0;
         for (const Accessor& a : admin) yes += a.get(i, spec.moment) == in_order;
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
  const IndicatorSet& set = data.codebook().indicator_set(spec.variant);
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
  }
  m.notes.insert(m.notes.end(), spec.notes.begin(), spec.notes.end());
  for (TableRow& row : m.rows)
    for (const auto& [from, to] : spec.relabel)
      if (row.label == from) row.label = to;
  return m;
}

}  // namespace opkomst::report
