// An .xlsx workbook: one sheet per table, numbers as numbers with display
// formats (percentages as fractions shown 0.0%), and native Excel charts
// for the figures and for every table that has a chart.
#include <xlsxwriter.h>

#include <cmath>
#include <map>

#include "report/format.h"
#include "report/render/chart.h"
#include "report/report.h"
#include "report/stats.h"

namespace opkomst::report {
namespace {

struct Formats {
  lxw_format *title, *header, *label, *heading, *percent, *integer, *number1, *number2, *note;
};

Formats MakeFormats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 12);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xEEF4F6);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  f.label = workbook_add_format(wb);
  format_set_text_wrap(f.label);
  f.heading = workbook_add_format(wb);
  format_set_bold(f.heading);
  f.percent = workbook_add_format(wb);
  format_set_num_format(f.percent, "0.0%");
  f.integer = workbook_add_format(wb);
  format_set_num_format(f.integer, "0");
  f.number1 = workbook_add_format(wb);
  format_set_num_format(f.number1, "0.0");
  f.number2 = workbook_add_format(wb);
  format_set_num_format(f.number2, "0.00");
  f.note = workbook_add_format(wb);
  format_set_italic(f.note);
  return f;
}

void WriteCell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& c, const Formats& f) {
  switch (c.kind) {
    case CellKind::kCount:
      worksheet_write_number(ws, row, col, static_cast<double>(c.count), f.integer);
      break;
    case CellKind::kPercent:
    case CellKind::kPercentCount:
      worksheet_write_number(ws, row, col, c.value / 100, f.percent);
      break;
    case CellKind::kRelative:
      worksheet_write_number(ws, row, col, RoundHalfUp(c.value, 0) / 100, f.percent);
      break;
    case CellKind::kNumber:
      worksheet_write_number(ws, row, col, RoundHalfUp(c.value, c.decimals),
                             c.decimals == 0   ? f.integer
                             : c.decimals == 1 ? f.number1
                                               : f.number2);
      break;
    case CellKind::kEmpty:
      break;
    default:
      worksheet_write_string(ws, row, col, FormatCell(c).c_str(), nullptr);
  }
}

// Columns whose cells carry a count beside the share get an "(n)" column.
std::vector<bool> WithCounts(const TableModel& t) {
  std::vector<bool> out(t.columns.size(), false);
  for (const TableRow& r : t.rows)
    for (size_t c = 0; c < r.cells.size() && c < out.size(); ++c)
      out[c] = out[c] || r.cells[c].kind == CellKind::kPercentCount;
  return out;
}

// Writes the chart's own data (exactly what it draws, headings left out) as
// a block at `row`, and a native chart of it below the block.
void AddChart(lxw_workbook* wb, lxw_worksheet* ws, const std::string& sheet, const TableModel& t, lxw_row_t row,
              const Formats& f) {
  ChartData c = ChartFor(t);
  if (c.kind == ChartKind::kNone) return;
  worksheet_write_string(ws, row, 0, "Grafiekgegevens", f.heading);
  const lxw_row_t top = row + 1;
  for (size_t s = 0; s < c.series.size(); ++s)
    worksheet_write_string(ws, top, static_cast<lxw_col_t>(1 + s), c.series[s].c_str(), f.header);
  for (size_t k = 0; k < c.categories.size(); ++k) {
    lxw_row_t r = top + 1 + static_cast<lxw_row_t>(k);
    worksheet_write_string(ws, r, 0, c.categories[k].c_str(), f.label);
    for (size_t s = 0; s < c.series.size(); ++s)
      if (!std::isnan(c.values[s][k]))  // a gap, not a zero, where the table has no number
        worksheet_write_number(ws, r, static_cast<lxw_col_t>(1 + s), c.percent ? c.values[s][k] / 100 : c.values[s][k],
                               c.percent ? f.percent : f.number2);
  }
  uint8_t type = c.kind == ChartKind::kRadar         ? LXW_CHART_RADAR
                 : c.kind == ChartKind::kStackedBars ? LXW_CHART_BAR_STACKED_PERCENT
                 : c.kind == ChartKind::kHistogram   ? LXW_CHART_COLUMN
                                                     : LXW_CHART_BAR;
  lxw_chart* chart = workbook_add_chart(wb, type);
  const lxw_row_t first = top + 1, last = top + static_cast<lxw_row_t>(c.categories.size());
  for (size_t s = 0; s < c.series.size(); ++s) {
    lxw_col_t col = static_cast<lxw_col_t>(1 + s);
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet.c_str(), first, 0, last, 0);
    chart_series_set_values(series, sheet.c_str(), first, col, last, col);
    chart_series_set_name_range(series, sheet.c_str(), top, col);
  }
  // Bar charts lie on their side: x is the value axis there. Their rows run
  // from the top down, as in the table, with the value axis kept below.
  const bool horizontal = type == LXW_CHART_BAR || type == LXW_CHART_BAR_STACKED_PERCENT;
  lxw_chart_axis* values = horizontal ? chart->x_axis : chart->y_axis;
  if (c.percent) chart_axis_set_num_format(values, "0%");
  if (horizontal) {
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_crossing_max(chart->y_axis);
  }
  chart_title_set_name(chart, (t.id + ". " + t.title).c_str());
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options = {};
  options.x_scale = 1.6;
  options.y_scale = c.categories.size() > 10 ? 2.0 : 1.3;
  worksheet_insert_chart_opt(ws, last + 2, 0, chart, &options);
}

void WriteSheet(lxw_workbook* wb, const TableModel& t, const Formats& f) {
  std::string sheet = t.id;
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  // Printed: A4, a sheet's width on one page, as many pages down as it needs.
  worksheet_set_paper(ws, 9);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_write_string(ws, 0, 0, (t.id + ". " + t.title).c_str(), f.title);
  worksheet_set_column(ws, 0, 0, 48, nullptr);
  if (t.columns.empty()) {
    for (size_t n = 0; n < t.notes.size(); ++n)
      worksheet_write_string(ws, static_cast<lxw_row_t>(2 + n), 0, t.notes[n].c_str(), f.note);
    return;
  }
  std::vector<bool> counts = WithCounts(t);
  std::vector<lxw_col_t> column_at;
  lxw_col_t next = 1;
  const lxw_row_t header_row = 2, first_row = 3;
  worksheet_write_string(ws, header_row, 0, t.corner.c_str(), f.header);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    column_at.push_back(next);
    worksheet_write_string(ws, header_row, next++, t.columns[c].c_str(), f.header);
    if (counts[c]) worksheet_write_string(ws, header_row, next++, (t.columns[c] + " (n)").c_str(), f.header);
  }
  worksheet_set_column(ws, 1, next, 14, nullptr);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const TableRow& row = t.rows[r];
    lxw_row_t y = first_row + static_cast<lxw_row_t>(r);
    worksheet_write_string(ws, y, 0, row.label.c_str(), row.heading ? f.heading : f.label);
    for (size_t c = 0; c < row.cells.size() && c < t.columns.size(); ++c) {
      WriteCell(ws, y, column_at[c], row.cells[c], f);
      const Cell& cell = row.cells[c];
      if ((cell.kind == CellKind::kPercent || cell.kind == CellKind::kPercentCount) && cell.denominator > 0) {
        auto [low, high] = WilsonInterval(cell.count, cell.denominator);  // as a note on the cell
        std::string interval = "95%-betrouwbaarheidsinterval " + FormatNumber(100 * low, 1) + "% - " +
                               FormatNumber(100 * high, 1) + "% (" + std::to_string(cell.count) + " van " +
                               std::to_string(cell.denominator) + ")";
        worksheet_write_comment(ws, y, column_at[c], interval.c_str());
      }
      if (counts[c] && row.cells[c].kind == CellKind::kPercentCount)
        worksheet_write_number(ws, y, column_at[c] + 1, static_cast<double>(row.cells[c].count), f.integer);
    }
  }
  lxw_row_t y = first_row + static_cast<lxw_row_t>(t.rows.size()) + 1;
  for (const std::string& note : t.notes) worksheet_write_string(ws, y++, 0, note.c_str(), f.note);
  if (!t.tests.empty()) {
    worksheet_write_string(ws, ++y, 0, "Toets", f.header);
    worksheet_write_string(ws, y, 1, "Methode", f.header);
    worksheet_write_string(ws, y, 2, "Statistiek", f.header);
    worksheet_write_string(ws, y, 3, "p", f.header);
    worksheet_write_string(ws, y, 4, "n", f.header);
    for (const RowTest& test : t.tests) {
      ++y;
      worksheet_write_string(ws, y, 0, test.row.c_str(), f.label);
      worksheet_write_string(ws, y, 1, test.test.c_str(), nullptr);
      worksheet_write_number(ws, y, 2, test.statistic, f.number2);
      worksheet_write_number(ws, y, 3, test.p_value, nullptr);
      worksheet_write_number(ws, y, 4, static_cast<double>(test.n), f.integer);
    }
  }
  AddChart(wb, ws, sheet, t, y + 2, f);
}

}  // namespace

Status RenderXlsx(const Report& report, const std::string& path) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return Unavailable("cannot create " + path);
  Formats formats = MakeFormats(wb);
  lxw_worksheet* about = workbook_add_worksheet(wb, "Over");
  worksheet_write_string(about, 0, 0, "Opkomst onder de loep: rapport", formats.title);
  worksheet_write_string(about, 1, 0, ("Berekend uit de registratie, " + report.description).c_str(), nullptr);
  worksheet_set_column(about, 0, 0, 90, nullptr);
  for (size_t i = 0; i < report.tables.size(); ++i)
    worksheet_write_string(about, static_cast<lxw_row_t>(3 + i), 0,
                           (report.tables[i].id + ". " + report.tables[i].title).c_str(), nullptr);
  for (const TableModel& t : report.tables) WriteSheet(wb, t, formats);
  lxw_error error = workbook_close(wb);
  if (error != LXW_NO_ERROR) return Unavailable("writing " + path + " failed: " + lxw_strerror(error));
  return Status::Ok();
}

}  // namespace opkomst::report
