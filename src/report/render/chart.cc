#include "report/render/chart.h"

#include <algorithm>
#include <cmath>

namespace opkomst::report {
namespace {

bool Drawable(const Cell& c) {
  return c.kind == CellKind::kPercent || c.kind == CellKind::kPercentCount || c.kind == CellKind::kNumber ||
         c.kind == CellKind::kCount;
}

bool SkipRow(const TableRow& r) { return r.heading || r.label == "Totaal" || r.label == "N"; }

}  // namespace

ChartData ChartFor(const TableModel& t) {
  ChartData c;
  c.kind = t.chart.kind;
  c.percent = t.chart.percent_axis;
  c.title = t.title;
  if (t.rows.empty()) c.kind = ChartKind::kNone;  // nothing to draw (F22 without referrals)
  if (c.kind == ChartKind::kNone) return c;
  bool stacked = c.kind == ChartKind::kStackedBars;
  c.by_row = stacked && !t.chart.series.empty();
  if (stacked && !c.by_row) {
    // A bar per column (N excluded), segments are the rows.
    std::vector<int> bars;
    for (size_t col = 0; col < t.columns.size(); ++col)
      if (t.columns[col] != "N") bars.push_back(static_cast<int>(col));
    for (int col : bars) {
      c.categories.push_back(t.columns[static_cast<size_t>(col)]);
      c.columns.push_back(col);
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (SkipRow(t.rows[r])) continue;
      c.series.push_back(t.rows[r].label);
      c.rows.push_back(static_cast<int>(r));
      std::vector<double> v;
      for (int col : bars) {
        const Cell& cell = t.rows[r].cells[static_cast<size_t>(col)];
        v.push_back(Drawable(cell) ? cell.value : std::nan(""));
      }
      c.values.push_back(v);
    }
    return c;
  }
  // A category per row; series are the chosen columns.
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (SkipRow(t.rows[r])) continue;
    c.categories.push_back(t.rows[r].label);
    c.rows.push_back(static_cast<int>(r));
  }
  for (int col : t.chart.series) {
    if (static_cast<size_t>(col) >= t.columns.size()) continue;
    c.series.push_back(t.columns[static_cast<size_t>(col)]);
    c.columns.push_back(col);
    std::vector<double> v;
    for (int r : c.rows) {
      const auto& cells = t.rows[static_cast<size_t>(r)].cells;
      v.push_back(static_cast<size_t>(col) < cells.size() && Drawable(cells[static_cast<size_t>(col)])
                      ? cells[static_cast<size_t>(col)].value
                      : std::nan(""));
    }
    c.values.push_back(v);
  }
  if (c.by_row) {  // normalise each bar to 100% (counts become shares)
    for (size_t k = 0; k < c.categories.size(); ++k) {
      double sum = 0;
      for (const auto& s : c.values) sum += std::isnan(s[k]) ? 0 : s[k];
      for (auto& s : c.values) s[k] = sum > 0 && !std::isnan(s[k]) ? 100 * s[k] / sum : 0;
    }
    c.percent = true;
  }
  if (!c.percent || c.kind == ChartKind::kRadar) {
    c.max = 0;
    for (const auto& s : c.values)
      for (double v : s)
        if (!std::isnan(v)) c.max = std::max(c.max, v);
    if (c.kind == ChartKind::kRadar) c.max = 5;
  }
  if (c.categories.empty() || c.series.empty()) c.kind = ChartKind::kNone;
  return c;
}

}  // namespace opkomst::report
