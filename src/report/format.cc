#include "report/format.h"

#include <cmath>
#include <cstdio>

namespace opkomst::report {

Cell Cell::Percent(long long k, long long n, int decimals) {
  Cell c{CellKind::kPercent, n > 0 ? 100.0 * static_cast<double>(k) / static_cast<double>(n) : 0, k, n, decimals, ""};
  if (n == 0) c.kind = CellKind::kNone;
  return c;
}

Cell Cell::PercentCount(long long k, long long n) {
  Cell c = Percent(k, n, 1);
  if (n > 0) c.kind = CellKind::kPercentCount;
  return c;
}

double RoundHalfUp(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  double scaled = std::fabs(value) * scale;
  double rounded = std::floor(scaled + 0.5 + 1e-9);
  return std::copysign(rounded / scale, value);
}

std::string FormatNumber(double value, int decimals) {
  double rounded = RoundHalfUp(value, decimals);
  if (rounded == 0) rounded = 0;  // no "-0,0"
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, rounded);
  std::string text = buffer;
  for (char& ch : text)
    if (ch == '.') ch = ',';
  return text;
}

std::string FormatPValue(double p) { return p < 0.0001 ? "< 0,0001" : FormatNumber(p, 4); }

std::string FormatCell(const Cell& c) {
  switch (c.kind) {
    case CellKind::kEmpty:
      return "";
    case CellKind::kCount:
      return std::to_string(c.count);
    case CellKind::kPercent:
      return FormatNumber(c.value, c.decimals) + "%";
    case CellKind::kPercentCount:
      return FormatNumber(c.value, 1) + "% (" + std::to_string(c.count) + ")";
    case CellKind::kNumber:
      return FormatNumber(c.value, c.decimals);
    case CellKind::kRelative:
      return FormatNumber(c.value, 0) + "%";
    case CellKind::kText:
      return c.text;
    case CellKind::kNotAnalysed:
      return "-";
    case CellKind::kNone:
      return "/";
    case CellKind::kSuppressed:
      return "x";
  }
  return "";
}

}  // namespace opkomst::report
