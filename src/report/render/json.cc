// JSON: the same tables with numeric values, counts and denominators.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report/format.h"
#include "report/report.h"
#include "report/stats.h"

namespace opkomst::report {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

std::string Number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

const char* KindName(CellKind k) {
  switch (k) {
    case CellKind::kEmpty:
      return "empty";
    case CellKind::kCount:
      return "count";
    case CellKind::kPercent:
      return "percent";
    case CellKind::kPercentCount:
      return "percent_count";
    case CellKind::kNumber:
      return "number";
    case CellKind::kRelative:
      return "relative_percent";
    case CellKind::kText:
      return "text";
    case CellKind::kNotAnalysed:
      return "not_analysed";
    case CellKind::kNone:
      return "none";
    case CellKind::kSuppressed:
      return "suppressed";
  }
  return "?";
}

void WriteCell(std::ostringstream& out, const report::Cell& c) {
  out << "{\"text\":" << Quote(FormatCell(c)) << ",\"kind\":\"" << KindName(c.kind) << "\"";
  bool numeric = c.kind == CellKind::kCount || c.kind == CellKind::kPercent || c.kind == CellKind::kPercentCount ||
                 c.kind == CellKind::kNumber || c.kind == CellKind::kRelative;
  if (numeric) out << ",\"value\":" << Number(c.value);
  if (c.kind == CellKind::kPercent || c.kind == CellKind::kPercentCount || c.kind == CellKind::kCount)
    out << ",\"count\":" << c.count;
  if (c.denominator > 0 && c.kind != CellKind::kSuppressed) out << ",\"denominator\":" << c.denominator;
  if ((c.kind == CellKind::kPercent || c.kind == CellKind::kPercentCount) && c.denominator > 0) {
    auto [low, high] = WilsonInterval(c.count, c.denominator);  // 95%, in percent like the value
    out << ",\"ci95\":[" << Number(100 * low) << "," << Number(100 * high) << "]";
  }
  out << "}";
}

}  // namespace

std::string RenderJson(const Report& report) {
  std::ostringstream out;
  out << "{\"as_of\":" << Quote(report.filters.as_of.ToString()) << ",\"description\":" << Quote(report.description)
      << ",\"tables\":[";
  for (size_t i = 0; i < report.tables.size(); ++i) {
    const TableModel& t = report.tables[i];
    out << (i ? "," : "") << "\n{\"id\":" << Quote(t.id) << ",\"title\":" << Quote(t.title)
        << ",\"corner\":" << Quote(t.corner) << ",\"columns\":[";
    for (size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << Quote(t.columns[c]);
    out << "],\"rows\":[";
    for (size_t r = 0; r < t.rows.size(); ++r) {
      out << (r ? "," : "") << "\n {\"label\":" << Quote(t.rows[r].label);
      if (t.rows[r].heading) out << ",\"heading\":true";
      out << ",\"cells\":[";
      for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
        if (c) out << ",";
        WriteCell(out, t.rows[r].cells[c]);
      }
      out << "]}";
    }
    out << "],\"notes\":[";
    for (size_t n = 0; n < t.notes.size(); ++n) out << (n ? "," : "") << Quote(t.notes[n]);
    out << "],\"tests\":[";
    for (size_t k = 0; k < t.tests.size(); ++k) {
      const RowTest& test = t.tests[k];
      out << (k ? "," : "") << "{\"row\":" << Quote(test.row) << ",\"test\":" << Quote(test.test)
          << ",\"statistic\":" << Number(test.statistic) << ",\"p_value\":" << Number(test.p_value)
          << ",\"n\":" << test.n << "}";
    }
    out << "]}";
  }
  out << "\n]}\n";
  return out.str();
}

}  // namespace opkomst::report
