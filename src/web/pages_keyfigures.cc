// Kerncijfers: the press slide's key figures ("Opkomst in cijfers", issue
// 16) for the team lead and the researcher, live for a cut-off date, track
// and period, beside the evaluation's published value, with each figure's
// definition and a chart per year of start. The page is also the council's
// one-page summary: its print style (app.css, .keyfigures) lays it out on
// one A4 page. The tables K1-K8 come through the report page's request
// (report_view.h), so a researcher gets the same suppression and disclosure
// rules as on /rapporten, and the downloads are /rapporten/download's.
#include "report/format.h"
#include "report/keyfigures.h"
#include "report/render/chart.h"
#include "web/report_view.h"

namespace opkomst::web {
namespace {

// K1-K9; for a researcher without K9, the case study's figure: its few
// families (P5) would single out a group in most windows, and the
// disclosure rules would refuse the whole page.
std::vector<std::string> KeyFigureTables(bool researcher) {
  std::vector<std::string> ids;
  for (const report::TableSpec& spec : report::Catalog())
    if (spec.kind == report::Kind::kKeyFigures && !(researcher && spec.variant == "casestudy")) ids.push_back(spec.id);
  return ids;
}

const report::TableRow* FindRow(const report::TableModel* table, const std::string& label) {
  if (table == nullptr) return nullptr;
  for (const report::TableRow& row : table->rows)
    if (row.label == label) return &row;
  return nullptr;
}

const report::TableModel* FindTable(const report::Report& built, const std::string& id) {
  for (const report::TableModel& t : built.tables)
    if (t.id == id) return &t;
  return nullptr;
}

std::string FilterForm(Context& ctx, const ReportView& v) {
  std::string form = "<form method=\"get\" action=\"/kerncijfers\" class=\"filters\">" +
                     InputField("peildatum", ctx.T("rapport.peildatum"), v.as_of, v.errors, "date") +
                     "<div class=\"field\"><label for=\"traject\">" + Escape(ctx.T("veld.traject")) +
                     "</label><select id=\"traject\" name=\"traject\"><option value=\"\">" + Escape(ctx.T("alle")) +
                     "</option>";
  for (const Option& o : ctx.app.codebook().field("track").options.options())
    form += "<option value=\"" + Escape(o.code) + "\"" + (o.code == v.track ? " selected" : "") + ">" +
            Escape(Label(ctx, o)) + "</option>";
  form += "</select>" + FieldError(v.errors, "traject") + "</div>" +
          InputField("van", ctx.T("rapport.van"), v.from, v.errors, "date") +
          InputField("tot", ctx.T("rapport.tot"), v.until, v.errors, "date");
  if (!v.researcher)
    form +=
        "<div class=\"field\"><input type=\"hidden\" name=\"gefilterd\" value=\"1\"><label><input "
        "type=\"checkbox\" name=\"verbergen\" value=\"1\"" +
        std::string(v.hide_small ? " checked" : "") + "> " + Escape(ctx.T("rapport.verbergen")) + "</label></div>";
  return form + "<button type=\"submit\">" + Escape(ctx.T("kerncijfers.toon")) + "</button></form>";
}

// The value of a K1 row as the page shows it: "31,3% (1 op 3)", "29", "x".
std::string ValueText(Context& ctx, const report::TableRow& row) {
  const report::Cell& value = row.cells[0];
  if (value.kind == report::CellKind::kText) return ctx.T("kerncijfers.geen_gegevens");
  std::string text = report::FormatCell(value);
  const report::Cell& phrase = row.cells[1];
  if (phrase.kind == report::CellKind::kText && phrase.denominator > 0)
    text += " (" +
            (ctx.language == Language::kEnglish ? report::ShareAsFraction(phrase.count, phrase.denominator, true)
                                                : phrase.text) +
            ")";
  return text;
}

std::string TrackLabel(Context& ctx, const std::string& track) {
  if (track.empty()) return ctx.T("alle");
  return Label(
      ctx, ctx.app.codebook().field("track").options.at(*ctx.app.codebook().field("track").options.FindCode(track)));
}

// One figure: its rows (per track) against the published value, its
// definition, and its chart per year of start.
std::string FigureSection(Context& ctx, const report::KeyFigure& figure, const report::Report& built) {
  const bool english = ctx.language == Language::kEnglish;
  std::string label = english ? figure.label_en : figure.label_nl;
  std::string out = "<section class=\"keyfigure\" id=\"kf-" + figure.id + "\"><h2>" + Escape(label) +
                    "</h2><table><thead><tr><th scope=\"col\">" + Escape(ctx.T("veld.traject")) +
                    "</th><th scope=\"col\">" + Escape(ctx.T("kerncijfers.nu")) + "</th><th scope=\"col\">" +
                    Escape(ctx.T("kerncijfers.gepubliceerd")) + " " + report::kKeyFigureBaselineDate +
                    "</th></tr></thead><tbody>";
  const bool case_study = figure.id == "indicatoren";
  const report::TableModel* summary = FindTable(built, case_study ? figure.table : "K1");
  std::string differences;
  for (const report::KeyFigureRow& r : report::KeyFigureRows()) {
    if (r.figure != figure.id) continue;
    const report::TableRow* row = FindRow(summary, r.label);
    out += "<tr><th scope=\"row\">" + Escape(TrackLabel(ctx, r.track)) + "</th><td class=\"value\">" +
           Escape(row ? ValueText(ctx, *row) : "-") + "</td><td>" + Escape(r.published) + "</td></tr>";
    const std::string& difference = english ? r.difference_en : r.difference_nl;
    if (!difference.empty()) differences += "<li>" + Escape(difference) + "</li>";
  }
  out += "</tbody></table><p class=\"definition\"><strong>" + Escape(ctx.T("kerncijfers.definitie")) + ":</strong> " +
         Escape(english ? figure.definition_en : figure.definition_nl) + "</p>";
  if (!differences.empty()) out += "<ul class=\"difference\">" + differences + "</ul>";
  if (case_study && summary == nullptr)
    out += "<p class=\"notice\">" + Escape(ctx.T("kerncijfers.casestudie_onderzoeker")) + "</p>";
  const report::TableModel* over_time = case_study ? nullptr : FindTable(built, figure.table);
  // The chart's accessible name: the figure per year of start.
  std::string name = label + ", " + ctx.T("kerncijfers.per_jaar");
  report::ChartData chart = over_time ? report::ChartFor(*over_time) : report::ChartData{};
  chart.title = name;
  std::string svg = report::ChartSvg(chart);
  if (!svg.empty()) {
    out += "<figure class=\"kf-chart\">" + svg + "<figcaption>" + Escape(name) + "</figcaption></figure>";
  }
  return out + "</section>";
}

}  // namespace

void KeyFiguresPage(Context& ctx) {
  ReportView v = BuildReportView(ctx, KeyFigureTables(ctx.who().role == Role::kResearcher));
  std::string body = FilterForm(ctx, v);
  const std::string title = ctx.T("kerncijfers.titel");
  if (!v.errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendPage(ctx, title, body, 422);
  }
  if (v.researcher) body += "<p class=\"notice\">" + Escape(ctx.T("rapport.kwartalen")) + "</p>";
  if (!v.report) {
    body += "<p class=\"error\" role=\"alert\">" + Escape(v.refusal) + "</p>";
    return SendPage(ctx, title, body, 422);
  }
  body += "<p class=\"downloads\">" + Escape(ctx.T("rapport.download")) +
          ": <a href=\"/rapporten/download?formaat=xlsx&amp;" + v.query +
          "\">Excel (xlsx)</a> · <a href=\"/rapporten/download?formaat=csv&amp;" + v.query +
          "\">CSV</a> · <a href=\"/rapporten/download?formaat=html&amp;" + v.query + "\">HTML</a> · " +
          Escape(ctx.T("kerncijfers.afdrukken")) + "</p>";
  body += "<div class=\"keyfigures\"><p class=\"asof\">" + Escape(ctx.T("kerncijfers.ondertitel")) + " " +
          Escape(ctx.T("rapport.peildatum")) + ": <strong>" + Escape(v.as_of) + "</strong>" +
          (v.track.empty() ? "" : " · " + Escape(TrackLabel(ctx, v.track))) +
          (v.from.empty() ? "" : " · " + Escape(ctx.T("rapport.van")) + " " + Escape(v.from)) +
          (v.until.empty() ? "" : " · " + Escape(ctx.T("rapport.tot")) + " " + Escape(v.until)) + "</p>";
  body += "<p class=\"notice\">" + Escape(ctx.T(v.hide_small ? "kerncijfers.onderdrukt" : "rapport.klein_zichtbaar")) +
          "</p>";
  for (const report::KeyFigure& figure : report::KeyFigures()) body += FigureSection(ctx, figure, *v.report);
  body += "</div>";
  SendPage(ctx, title, body);
}

}  // namespace opkomst::web
