// One self-contained Dutch HTML page: every table, and the figures as
// inline SVG. No script, no external resources; prints on A4.
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "domain/text.h"
#include "report/format.h"
#include "report/render/chart.h"
#include "report/report.h"
#include "report/stats.h"

namespace opkomst::report {
namespace {

const char* const kPalette[] = {"#1b6e8a", "#e07b39", "#7a9e3a", "#8a5fa8", "#c8a32a",
                                "#c0504d", "#4d8f8a", "#8c8c8c", "#5b7fbf", "#b5651d"};

std::string Escape(const std::string& s) { return EscapeHtml(s); }

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A round axis maximum of four equal, round steps (1, 2, 2.5 or 5 x 10^n).
double NiceMax(double max, bool percent) {
  if (max <= 0) return 1;
  double raw = max / 4, magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude * 10;
  for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (f * magnitude >= raw) {
      step = f * magnitude;
      break;
    }
  return percent ? std::min(100.0, 4 * step) : 4 * step;
}

// Where each legend entry goes, on rows of the chart's width; a label too
// long for the chart is cut, with the whole of it as a tooltip.
struct LegendEntry {
  double x, y;
  std::string label;
};
std::vector<LegendEntry> LayOutLegend(const ChartData& c) {
  std::vector<LegendEntry> entries;
  double x = 10, y = 0;
  for (const std::string& series : c.series) {
    std::string label = series.size() > 60 ? series.substr(0, 58) + "…" : series;
    double width = 24 + 6.5 * static_cast<double>(label.size());  // about 6.5 px a character at 10 px
    if (x > 10 && x + width > 690) x = 10, y += 16;
    entries.push_back({x, y, label});
    x += width;
  }
  return entries;
}
double LegendHeight(const ChartData& c) {
  auto entries = LayOutLegend(c);
  return entries.empty() ? 0 : entries.back().y + 16;
}

void Legend(std::ostringstream& svg, const ChartData& c, double top) {
  auto entries = LayOutLegend(c);
  for (size_t s = 0; s < entries.size(); ++s) {
    const LegendEntry& e = entries[s];
    svg << "<rect x=\"" << Num(e.x) << "\" y=\"" << Num(top + e.y) << "\" width=\"10\" height=\"10\" fill=\""
        << kPalette[s % 10] << "\"/><text x=\"" << Num(e.x + 14) << "\" y=\"" << Num(top + e.y + 9) << "\">"
        << Escape(e.label) << "<title>" << Escape(c.series[s]) << "</title></text>";
  }
}

std::string Bars(const ChartData& c) {
  const bool stacked = c.kind == ChartKind::kStackedBars;
  const double label_w = 250, plot_w = 400, bar_h = stacked ? 16 : 10;
  const double group_h = stacked ? bar_h + 8 : bar_h * static_cast<double>(c.series.size()) + 8;
  const double top = 10, plot_bottom = top + group_h * static_cast<double>(c.categories.size());
  const double height = plot_bottom + 42 + LegendHeight(c);
  double max = stacked ? 100 : 0;
  if (!stacked)
    for (const auto& s : c.values)
      for (double v : s) max = std::max(max, v);
  max = NiceMax(max, c.percent);
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 700 " << Num(height)
      << "\" width=\"700\" height=\"" << Num(height) << "\" font-family=\"sans-serif\" font-size=\"10\">";
  for (int tick = 0; tick <= 4; ++tick) {
    double x = label_w + plot_w * tick / 4;
    svg << "<line x1=\"" << Num(x) << "\" y1=\"" << top << "\" x2=\"" << Num(x) << "\" y2=\"" << Num(plot_bottom)
        << "\" stroke=\"#ddd\"/><text x=\"" << Num(x) << "\" y=\"" << Num(plot_bottom + 12)
        << "\" text-anchor=\"middle\">" << FormatNumber(max * tick / 4, max < 4 ? 1 : 0) << (c.percent ? "%" : "")
        << "</text>";
  }
  for (size_t k = 0; k < c.categories.size(); ++k) {
    double y = top + group_h * static_cast<double>(k);
    std::string label = c.categories[k].size() > 44 ? c.categories[k].substr(0, 42) + "…" : c.categories[k];
    svg << "<text x=\"" << Num(label_w - 6) << "\" y=\"" << Num(y + group_h / 2) << "\" text-anchor=\"end\">"
        << Escape(label) << "<title>" << Escape(c.categories[k]) << "</title></text>";
    double x = label_w;
    for (size_t s = 0; s < c.series.size(); ++s) {
      if (std::isnan(c.values[s][k])) continue;  // not analysed: no bar
      double w = plot_w * c.values[s][k] / max;
      double by = stacked ? y + 4 : y + 4 + bar_h * static_cast<double>(s);
      svg << "<rect x=\"" << Num(stacked ? x : label_w) << "\" y=\"" << Num(by) << "\" width=\"" << Num(w)
          << "\" height=\"" << Num(bar_h - 1) << "\" fill=\"" << kPalette[s % 10] << "\"><title>" << Escape(c.series[s])
          << ": " << FormatNumber(c.values[s][k], 1) << (c.percent ? "%" : "") << "</title></rect>";
      if (stacked) x += w;
    }
  }
  Legend(svg, c, plot_bottom + 26);
  svg << "</svg>";
  return svg.str();
}

std::string Radar(const ChartData& c) {
  const double cx = 350, cy = 230, radius = 170;
  const size_t n = c.categories.size();
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 700 500\" width=\"700\" height=\"500\" "
         "font-family=\"sans-serif\" font-size=\"9\">";
  auto point = [&](size_t k, double r) {
    double angle = -M_PI / 2 + 2 * M_PI * static_cast<double>(k) / static_cast<double>(n);
    return std::pair{cx + r * std::cos(angle), cy + r * std::sin(angle)};
  };
  for (int ring = 1; ring <= 5; ++ring) {
    svg << "<polygon fill=\"none\" stroke=\"#ddd\" points=\"";
    for (size_t k = 0; k < n; ++k) {
      auto [x, y] = point(k, radius * ring / 5);
      svg << Num(x) << "," << Num(y) << " ";
    }
    svg << "\"/>";
  }
  for (size_t k = 0; k < n; ++k) {
    auto [x, y] = point(k, radius + 8);
    // A label on the vertical axis is centred, so it reaches over its
    // neighbours' ends: move it clear of them, above the top and below the bottom.
    const bool centred = std::abs(x - cx) <= 5;
    const double shift = centred ? (y > cy ? 9 : -3) : 3;
    svg << "<text x=\"" << Num(x) << "\" y=\"" << Num(y + shift) << "\" text-anchor=\""
        << (centred  ? "middle"
            : x < cx ? "end"
                     : "start")
        << "\">" << Escape(c.categories[k]) << "</text>";
  }
  for (size_t s = 0; s < c.series.size(); ++s) {
    svg << "<polygon fill=\"" << kPalette[s % 10] << "\" fill-opacity=\"0.15\" stroke=\"" << kPalette[s % 10]
        << "\" stroke-width=\"2\" points=\"";
    for (size_t k = 0; k < n; ++k) {
      if (std::isnan(c.values[s][k])) continue;  // not analysed: no vertex, rather than a false 0
      auto [x, y] = point(k, radius * c.values[s][k] / 5);
      svg << Num(x) << "," << Num(y) << " ";
    }
    svg << "\"><title>" << Escape(c.series[s]) << "</title></polygon>";
  }
  Legend(svg, c, 475);
  svg << "</svg>";
  return svg.str();
}

void Table(std::ostringstream& out, const TableModel& t) {
  out << "<table><thead><tr><th>" << Escape(t.corner) << "</th>";
  for (const std::string& c : t.columns) out << "<th>" << Escape(c) << "</th>";
  out << "</tr></thead><tbody>";
  for (const TableRow& r : t.rows) {
    if (r.heading) {
      out << "<tr class=\"heading\"><th colspan=\"" << t.columns.size() + 1 << "\">" << Escape(r.label) << "</th></tr>";
      continue;
    }
    out << "<tr><th>" << Escape(r.label) << "</th>";
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const Cell* cell = c < r.cells.size() ? &r.cells[c] : nullptr;
      bool share =
          cell && (cell->kind == CellKind::kPercent || cell->kind == CellKind::kPercentCount) && cell->denominator > 0;
      out << "<td";
      if (share) {  // the 95% Wilson interval, on hover and for screen readers
        auto [low, high] = WilsonInterval(cell->count, cell->denominator);
        out << " title=\"95%-betrouwbaarheidsinterval " << FormatNumber(100 * low, 1) << "% - "
            << FormatNumber(100 * high, 1) << "% (" << cell->count << " van " << cell->denominator << ")\"";
      }
      out << ">" << Escape(cell ? FormatCell(*cell) : "") << "</td>";
    }
    out << "</tr>";
  }
  out << "</tbody></table>";
}

const char kStyle[] = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;color:#222;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;color:#1b6e8a}h2{font-size:1.1rem;margin-top:2rem;color:#1b6e8a}
table{border-collapse:collapse;margin:.5rem 0;font-size:10pt}
th,td{border-bottom:1px solid #ccc;padding:.2rem .5rem}td{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#eef4f6;text-align:center}tbody th{text-align:left;font-weight:normal}
tr.heading th{font-weight:bold;background:#f6f6f6}
.note{color:#555;font-size:9pt;margin:.2rem 0}.tests{font-size:9pt;color:#333}
nav ol{columns:2;column-gap:2rem;font-size:9pt;list-style:none;padding-left:0}nav li{break-inside:avoid;margin:0 0 .25rem}
@media (max-width:40rem){nav ol{columns:1}}
svg{max-width:100%;height:auto;display:block;margin:.5rem 0}
@media print{body{margin:0;max-width:none}nav{display:none}section{break-inside:avoid;page-break-inside:avoid}
h2{margin-top:1rem}@page{size:A4;margin:15mm}}
)";

}  // namespace

namespace {

// The accessible name: the title, else "series: categories" (axe-core's
// svg-img-alt demands one for every role="img").
std::string ChartName(const ChartData& chart) {
  if (!chart.title.empty()) return chart.title;
  std::string name;
  for (const std::string& s : chart.series) name += (name.empty() ? "" : ", ") + s;
  name += ":";
  for (size_t k = 0; k < chart.categories.size(); ++k) name += (k ? ", " : " ") + chart.categories[k];
  return name;
}

// Names the drawn <svg role="img" ...>: aria-label on it, <title> first inside.
std::string Named(std::string svg, const std::string& name) {
  const std::string role = "role=\"img\"";
  size_t at = svg.find(role);
  if (at == std::string::npos) return svg;
  svg.insert(at + role.size(), " aria-label=\"" + Escape(name) + "\"");
  size_t end = svg.find('>', at);
  svg.insert(end + 1, "<title>" + Escape(name) + "</title>");
  return svg;
}

}  // namespace

std::string ChartSvg(const ChartData& chart) {
  if (chart.kind == ChartKind::kRadar) return Named(Radar(chart), ChartName(chart));
  if (chart.kind != ChartKind::kNone) return Named(Bars(chart), ChartName(chart));
  return "";
}

std::string ReportStyle() { return kStyle; }

std::string RenderHtml(const Report& report) {
  return "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Opkomst - impactrapport (" +
         Escape(report.description) + ")</title><style>" + kStyle + "</style></head><body>\n" + RenderHtmlBody(report) +
         "</body></html>\n";
}

std::string RenderHtmlBody(const Report& report) {
  std::ostringstream out;
  out << "<h1>Opkomst onder de loep: rapport</h1><p>Berekend uit de registratie, " << Escape(report.description)
      << ".</p>\n<nav><ol>";
  for (const TableModel& t : report.tables)
    out << "<li><a href=\"#" << t.id << "\">" << t.id << ". " << Escape(t.title) << "</a></li>";
  out << "</ol></nav>\n";
  for (const TableModel& t : report.tables) {
    bool figure = !t.id.empty() && t.id[0] == 'F';
    out << "<section id=\"" << t.id << "\"><h2>"
        << (figure           ? "Figuur "
            : t.id[0] == 'E' ? "Extra "
            : t.id[0] == 'K' ? "Kerncijfers "
                             : "Tabel ")
        << Escape(t.id.substr(1)) << ". " << Escape(t.title) << "</h2>\n";
    out << ChartSvg(ChartFor(t));
    if (!t.columns.empty()) Table(out, t);
    for (const std::string& note : t.notes) out << "<p class=\"note\">" << Escape(note) << "</p>";
    if (!t.tests.empty()) {
      out << "<details class=\"tests\"><summary>Toetsen (" << t.tests.size() << ")</summary><ul>";
      for (const RowTest& test : t.tests) {
        out << "<li>" << Escape(test.row) << ": " << Escape(test.test) << ", p = " << FormatPValue(test.p_value)
            << " (n = " << test.n << ")</li>";
      }
      out << "</ul></details>";
    }
    out << "</section>\n";
  }
  return out.str();
}

}  // namespace opkomst::report
