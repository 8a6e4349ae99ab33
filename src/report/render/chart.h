// Charts as data: the series a chart draws from a table, shared by the SVG
// (HTML) and the native Excel renderers.
#ifndef OPKOMST_REPORT_RENDER_CHART_H_
#define OPKOMST_REPORT_RENDER_CHART_H_

#include <string>
#include <vector>

#include "report/table.h"

namespace opkomst::report {

struct ChartData {
  ChartKind kind = ChartKind::kNone;
  std::vector<std::string> categories;      // along the axis (bars, spokes)
  std::vector<std::string> series;          // legend entries
  std::vector<std::vector<double>> values;  // [series][category]; NaN: no number (not drawn)
  std::vector<int> rows;                    // table row of each category
  std::vector<int> columns;                 // table column of each series (-1: a row)
  bool by_row = false;                      // stacked: true = a bar per row, segments are columns
  bool percent = true;
  double max = 100;
  // The chart's accessible name (aria-label and <title>), e.g. the table's
  // title; when empty, one is made from the series and categories.
  std::string title;
};

// Empty (kind kNone) when the table has nothing to draw.
ChartData ChartFor(const TableModel& table);
// The chart as inline SVG (bars, stacked bars or radar); empty for kNone.
// role="img" with an aria-label and a <title>, so a screen reader names it.
// No style attributes, so it passes a Content-Security-Policy without
// 'unsafe-inline'.
std::string ChartSvg(const ChartData& chart);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_RENDER_CHART_H_
