// The engine's impact tables (chapter 4): evolutions between two moments,
// crosstabs and transition matrices, with the paired tests the report lacked.
#include "report/engine.h"
#include "report/format.h"
#include "report/stats.h"

namespace opkomst::report {

void BuildEvolution(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  m->columns = {"Bij start", spec.to == Moment::kBirth ? "Bij bevalling" : "Bij einde", "Evolutie (pp)",
                "Evolutie (%)"};
  struct Tally {
    long long n = 0, k_start = 0, k_end = 0, yes_to_no = 0, no_to_yes = 0;
  };
  std::vector<Accessor> items;
  for (const std::string& v : spec.variables) items.push_back(Access(data, v));
  std::vector<Tally> tallies(items.size());
  std::vector<Code> yes_code, unknown_code;
  for (const Accessor& a : items) yes_code.push_back(Yes(a)), unknown_code.push_back(Unknown(a));
  for (size_t v = 0; v < items.size(); ++v) {
    const int8_t* start_at = items[v].Column(Moment::kStart);
    const int8_t* end_at = items[v].Column(spec.to);
    const Code yes = yes_code[v], unknown = unknown_code[v];
    long long n = 0, k_start = 0, k_end = 0, both = 0;  // without branches: this runs per item and dossier
    for (uint32_t i : p.Of(spec.population)) {
      const Code start = start_at[i], end = end_at[i];
      const bool known = start != kMissing && start != unknown;  // footnote 7
      const bool end_yes = known && end == yes;                  // a later unknown counts as "not yes"
      n += known;
      k_start += start == yes;
      k_end += end_yes;
      both += start == yes && end_yes;
    }
    tallies[v] = {n, k_start, k_end, k_start - both, k_end - both};
  }
  for (size_t v = 0; v < items.size(); ++v) {
    const Accessor& a = items[v];
    const auto [n, k_start, k_end, yes_to_no, no_to_yes] = tallies[v];
    TableRow row{a.label, {Cell::PercentCount(k_start, n), Cell::PercentCount(k_end, n)}, false};
    // Rule 0.5: differences of the rounded percentages.
    double start_pct = RoundHalfUp(100.0 * static_cast<double>(k_start) / static_cast<double>(n ? n : 1), 1);
    double end_pct = RoundHalfUp(100.0 * static_cast<double>(k_end) / static_cast<double>(n ? n : 1), 1);
    if (n == 0 || start_pct == 0) {  // rule 0.5: no share at start, no relative change
      row.cells.push_back(Cell::None());
      row.cells.push_back(Cell::None());
    } else {
      row.cells.push_back(Cell::Number(end_pct - start_pct, 1, n));
      Cell relative = Cell::Number(100.0 * RoundHalfUp(end_pct - start_pct, 1) / start_pct, 0, n);
      relative.kind = CellKind::kRelative;
      row.cells.push_back(relative);
    }
    m->rows.push_back(row);
    TestResult t = McNemarExact(yes_to_no, no_to_yes);
    m->tests.push_back({a.label, "McNemar (exact)", t.statistic, t.p_value, n});
  }
}

void BuildCrossTab(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  Accessor row_var = Access(data, spec.variables[0]), column_var = Access(data, spec.variables[1]);
  const auto& population = p.Of(spec.population);
  Grouping rows = MakeGrouping(row_var, spec.rows, false, data, population, spec.moment);
  Grouping columns = MakeGrouping(column_var, spec.columns, false, data, population, spec.moment);
  size_t R = rows.labels.size(), C = columns.labels.size();
  std::vector<std::vector<long long>> n(R, std::vector<long long>(C, 0));
  std::vector<long long> row_total(R, 0), column_total(C, 0), column_all(C, 0);
  long long total = 0;
  const int8_t* row_at = row_var.Column(spec.moment);
  const int8_t* column_at = column_var.Column(spec.moment);
  for (uint32_t i : population) {
    int c = columns.Row(column_at[i]);
    if (c >= 0) ++column_all[static_cast<size_t>(c)];  // the column's N, whatever the row
    int r = rows.Row(row_at[i]);
    if (r < 0 || c < 0) continue;
    ++n[static_cast<size_t>(r)][static_cast<size_t>(c)];
    ++row_total[static_cast<size_t>(r)];
    ++column_total[static_cast<size_t>(c)];
    ++total;
  }
  // Row shares (T27, T29): a Totaal and an N column, and an N row.
  // Column shares (T28): an N column and a Totaal row, as the report prints them.
  m->columns = columns.labels;
  if (!spec.column_percent) m->columns.push_back("Totaal");
  m->columns.push_back("N");
  for (size_t r = 0; r < R; ++r) {
    TableRow row{rows.labels[r], {}, false};
    for (size_t c = 0; c < C; ++c)
      row.cells.push_back(spec.column_percent ? Cell::Percent(n[r][c], column_total[c])
                                              : Cell::Percent(n[r][c], row_total[r]));
    if (!spec.column_percent) row.cells.push_back(Cell::Percent(row_total[r], row_total[r], 0));
    row.cells.push_back(Cell::Count(row_total[r]));
    m->rows.push_back(row);
  }
  TableRow last{spec.column_percent ? "Totaal" : "N", {}, false};
  for (size_t c = 0; c < C; ++c)
    last.cells.push_back(spec.column_percent ? Cell::Percent(column_total[c], column_total[c], 0)
                                             : Cell::Count(column_all[c]));
  last.cells.push_back(Cell::Count(total));
  if (!spec.column_percent) last.cells.push_back(Cell::Count(total));
  m->rows.push_back(last);
}

void BuildTransition(const TableSpec& spec, const Dataset& data, const Populations& p, TableModel* m) {
  Accessor a = Access(data, spec.variables[0]);
  const auto& population = p.Of(spec.population);
  Grouping g = MakeGrouping(a, spec.rows, true, data, population, Moment::kStart);
  size_t K = g.labels.size();
  std::vector<std::vector<long long>> table(K, std::vector<long long>(K, 0));
  long long total = 0;
  const int8_t* start_at = a.Column(Moment::kStart);
  const int8_t* end_at = a.Column(spec.to);
  for (uint32_t i : population) {
    int from = g.Row(start_at[i]), to = g.Row(end_at[i]);
    if (from < 0 || to < 0) continue;
    ++table[static_cast<size_t>(from)][static_cast<size_t>(to)];
    ++total;
  }
  m->corner = "Bij start \\ bij einde";
  m->columns = g.labels;
  m->columns.push_back("Totaal");
  for (size_t r = 0; r < K; ++r) {
    TableRow row{g.labels[r], {}, false};
    long long sum = 0;
    for (size_t c = 0; c < K; ++c) {
      row.cells.push_back(Cell::Count(table[r][c]));
      sum += table[r][c];
    }
    row.cells.push_back(Cell::Count(sum));
    m->rows.push_back(row);
  }
  m->notes.push_back("N = " + std::to_string(total));
  TestResult t = Bowker(table);
  m->tests.push_back(
      {"Alle overgangen", "Bowker (symmetrie), df " + std::to_string(t.df), t.statistic, t.p_value, total});
}

}  // namespace opkomst::report
