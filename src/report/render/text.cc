// Plain text and CSV: the tables as the report prints them.
#include <cstdio>
#include <sstream>

#include "report/format.h"
#include "report/report.h"

namespace opkomst::report {
namespace {

size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (unsigned char c : s) width += (c & 0xC0) != 0x80;  // count code points
  return width;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t w = DisplayWidth(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

std::string CsvField(const std::string& s, char separator) {
  if (s.find_first_of(std::string(1, separator) + "\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string RenderText(const Report& report) {
  std::ostringstream out;
  out << "opkomst - rapport (" << report.description << ")\n";
  for (const TableModel& t : report.tables) {
    out << "\n" << t.id << ". " << t.title << "\n";
    std::vector<size_t> width(t.columns.size() + 1, 0);
    width[0] = DisplayWidth(t.corner);
    for (size_t c = 0; c < t.columns.size(); ++c) width[c + 1] = DisplayWidth(t.columns[c]);
    for (const TableRow& r : t.rows) {
      width[0] = std::max(width[0], DisplayWidth(r.label));
      for (size_t c = 0; c < r.cells.size() && c < t.columns.size(); ++c)
        width[c + 1] = std::max(width[c + 1], DisplayWidth(FormatCell(r.cells[c])));
    }
    if (!t.columns.empty()) {
      out << Pad(t.corner, width[0], false);
      for (size_t c = 0; c < t.columns.size(); ++c) out << "  " << Pad(t.columns[c], width[c + 1], true);
      out << "\n";
    }
    for (const TableRow& r : t.rows) {
      out << Pad(r.label, width[0], false);
      for (size_t c = 0; c < r.cells.size() && c < t.columns.size(); ++c)
        out << "  " << Pad(FormatCell(r.cells[c]), width[c + 1], true);
      out << "\n";
    }
    for (const std::string& note : t.notes) out << "  " << note << "\n";
    for (const RowTest& test : t.tests) {
      out << "  toets " << test.row << ": " << test.test << ", p = " << FormatPValue(test.p_value) << " (n = " << test.n
          << ")\n";
    }
  }
  return out.str();
}

std::string RenderCsv(const Report& report, char separator) {
  std::ostringstream out;
  auto field = [separator](const std::string& s) { return CsvField(s, separator); };
  bool several = report.tables.size() > 1;
  for (size_t i = 0; i < report.tables.size(); ++i) {
    const TableModel& t = report.tables[i];
    if (t.columns.empty()) continue;  // a figure without data has no table
    if (several) out << (i > 0 ? "\n" : "") << field(t.id + ". " + t.title) << "\n";
    out << field(t.corner);
    for (const std::string& c : t.columns) out << separator << field(c);
    out << "\n";
    for (const TableRow& r : t.rows) {
      out << field(r.label);
      for (size_t c = 0; c < t.columns.size(); ++c)
        out << separator << field(c < r.cells.size() ? FormatCell(r.cells[c]) : "");
      out << "\n";
    }
    // The table's N and remarks, one row each: "Noot" in the label column,
    // the note in the first data column, the other columns empty, so the
    // table stays rectangular and a reader keeps its denominators.
    for (const std::string& note : t.notes) {
      out << kCsvNoteLabel << separator << field(note);
      for (size_t c = 1; c < t.columns.size(); ++c) out << separator;
      out << "\n";
    }
  }
  return out.str();
}

std::string RenderCsvForExcel(const Report& report) { return "\xEF\xBB\xBF" + RenderCsv(report, ';'); }

}  // namespace opkomst::report
