// The one data model of a report table or figure, filled by the engine and
// drawn by one renderer per output format.
#ifndef OPKOMST_REPORT_TABLE_H_
#define OPKOMST_REPORT_TABLE_H_

#include <optional>
#include <string>
#include <vector>

namespace opkomst::report {

enum class CellKind {
  kEmpty,         // nothing printed
  kCount,         // 17
  kPercent,       // 37,0%
  kPercentCount,  // 57,5% (17)
  kNumber,        // a mean or difference, `decimals` places
  kRelative,      // a relative change: 48%
  kText,          // text as is (labels inside the grid)
  kNotAnalysed,   // "-": too few usable data
  kNone,          // "/": no case, or division by zero
  kSuppressed,    // hidden by small-cell suppression
};

struct Cell {
  CellKind kind = CellKind::kEmpty;
  double value = 0;           // percent, mean, difference
  long long count = 0;        // the count behind the cell
  long long denominator = 0;  // what the percentage or mean is over
  int decimals = 1;
  std::string text;  // kText

  static Cell Count(long long n) { return {CellKind::kCount, static_cast<double>(n), n, 0, 0, ""}; }
  static Cell Percent(long long k, long long n, int decimals = 1);
  static Cell PercentCount(long long k, long long n);
  static Cell Number(double v, int decimals, long long n = 0) { return {CellKind::kNumber, v, 0, n, decimals, ""}; }
  static Cell Text(std::string t) { return {CellKind::kText, 0, 0, 0, 0, std::move(t)}; }
  static Cell None() { return {CellKind::kNone, 0, 0, 0, 0, ""}; }
  static Cell NotAnalysed() { return {CellKind::kNotAnalysed, 0, 0, 0, 0, ""}; }
};

struct TableRow {
  std::string label;
  std::vector<Cell> cells;
  bool heading = false;  // a section header row (e.g. a case-study domain)
};

// A paired test or interval attached to a row (beyond the report).
struct RowTest {
  std::string row;
  std::string test;  // e.g. "McNemar (exact)"
  double statistic = 0;
  double p_value = 1;
  long long n = 0;
};

enum class ChartKind { kNone, kBars, kStackedBars, kGroupedBars, kRadar, kHistogram };

struct ChartSpec {
  ChartKind kind = ChartKind::kNone;
  // Which columns are the series (indices into TableModel::columns) and
  // whether rows are the categories on the axis.
  std::vector<int> series;
  bool percent_axis = true;
};

struct TableModel {
  std::string id;      // "T14", "F9"
  std::string title;   // Dutch, as the report prints it
  std::string corner;  // text of the top-left header cell
  std::vector<std::string> columns;
  std::vector<TableRow> rows;
  std::vector<std::string> notes;  // "N = 284" and remarks
  std::vector<RowTest> tests;
  ChartSpec chart;
};

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_TABLE_H_
