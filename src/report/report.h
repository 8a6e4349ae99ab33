// A whole report: the requested tables for one cut-off date and filters,
// and the renderers, one per output format.
#ifndef OPKOMST_REPORT_REPORT_H_
#define OPKOMST_REPORT_REPORT_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "report/dataset.h"
#include "report/population.h"
#include "report/table.h"

namespace opkomst::report {

struct Report {
  Filters filters;
  std::string description;  // "peildatum 2023-09-30, alle trajecten"
  std::vector<TableModel> tables;
};

// Parses "T1,T14,F9" (case-insensitive); empty = every table and figure.
StatusOr<std::vector<std::string>> ParseTableIds(const std::string& list);
// With suppress >= 2, small cells are hidden (suppress.h) in every table.
// With evaluation_notes, the tables also carry their remarks about the
// published evaluation (TableSpec::evaluation_notes): for checking the
// engine against the evaluation, not for the team's live report.
Report BuildReport(const Dataset& data, const Filters& filters, const std::vector<std::string>& ids, int suppress = 0,
                   bool evaluation_notes = false);

std::string RenderText(const Report& report);
// CSV: per table a header row, its rows, then one row per note (its N and
// remarks): kCsvNoteLabel in the first column, the note in the second.
// With several tables, each starts with a line "ID. title" and a blank
// line separates them (docs/report-decisions.md, "The CSV form").
inline constexpr const char* kCsvNoteLabel = "Noot";
std::string RenderCsv(const Report& report, char separator = ',');
// The same CSV for a spreadsheet with a Flemish (Belgian Dutch) locale:
// semicolons between the fields, as that Excel expects them next to the
// decimal comma of the cells, and a UTF-8 byte order mark so that it reads
// the accents as UTF-8 (docs/report-decisions.md, "The CSV form").
std::string RenderCsvForExcel(const Report& report);
std::string RenderJson(const Report& report);
std::string RenderHtml(const Report& report);
// The page's content without <html>/<head>, and its style sheet: for the
// web application, which serves the style as a file.
std::string RenderHtmlBody(const Report& report);
std::string ReportStyle();
// Writes an .xlsx workbook to `path` (libxlsxwriter writes files, not memory).
Status RenderXlsx(const Report& report, const std::string& path);

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_REPORT_H_
