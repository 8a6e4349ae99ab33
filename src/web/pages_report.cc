// Rapporten: the report engine's tables and charts in the browser, with the
// cut-off date, track and period as filters, and downloads. Researchers
// always get small cells hidden (access.h: ReportSuppressionFor).
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "report/report.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

struct ReportRequest {
  report::Filters filters;
  std::vector<std::string> ids;
  FormErrors errors;
  std::string as_of, track, from, until, tables;
};

ReportRequest ParseReportRequest(Context& ctx) {
  ReportRequest r;
  r.as_of = ctx.request.Query("peildatum");
  r.track = ctx.request.Query("traject");
  r.from = ctx.request.Query("van");
  r.until = ctx.request.Query("tot");
  r.tables = ctx.request.Query("tabellen").substr(0, 200);
  if (r.as_of.empty()) r.as_of = Today(ctx.app);
  auto date = [&](const std::string& name, const std::string& text) -> std::optional<Date> {
    if (text.empty()) return std::nullopt;
    auto d = Date::Parse(text);
    if (!d) r.errors[name] = ctx.T("fout.datum") + " ('" + text.substr(0, 40) + "')";
    return d;
  };
  if (auto d = date("peildatum", r.as_of)) r.filters.as_of = *d;
  r.filters.start_from = date("van", r.from);
  r.filters.start_until = date("tot", r.until);
  if (!r.track.empty()) {
    auto code = ctx.app.codebook().field("track").options.FindCode(r.track);
    if (!code)
      r.errors["traject"] = ctx.T("fout.keuze") + " ('" + r.track.substr(0, 40) + "')";
    else
      r.filters.track = *code;
  }
  auto ids = report::ParseTableIds(r.tables);
  if (!ids.ok())
    r.errors["tabellen"] = ids.status().message();
  else
    r.ids = *ids;
  return r;
}

report::Report Build(Context& ctx, const ReportRequest& r) {
  auto data = report::LoadDataset(&ctx.reader(), ctx.app.codebook());
  if (!data.ok()) throw std::runtime_error(data.status().message());
  return report::BuildReport(*data, r.filters, r.ids, ReportSuppressionFor(ctx.who().role));
}

std::string Query(const ReportRequest& r) {
  return "peildatum=" + UrlEncode(r.as_of) + "&amp;traject=" + UrlEncode(r.track) + "&amp;van=" + UrlEncode(r.from) +
         "&amp;tot=" + UrlEncode(r.until) + "&amp;tabellen=" + UrlEncode(r.tables);
}

}  // namespace

void ReportPage(Context& ctx) {
  ReportRequest r = ParseReportRequest(ctx);
  const OptionList& tracks = ctx.app.codebook().field("track").options;
  std::string body = "<form method=\"get\" action=\"/rapporten\" class=\"filters\">" +
                     InputField("peildatum", ctx.T("rapport.peildatum"), r.as_of, r.errors, "date") +
                     "<div class=\"field\"><label for=\"traject\">" + Escape(ctx.T("veld.traject")) +
                     "</label><select id=\"traject\" name=\"traject\"><option value=\"\">" + Escape(ctx.T("alle")) +
                     "</option>";
  for (const Option& o : tracks.options())
    body += "<option value=\"" + Escape(o.code) + "\"" + (o.code == r.track ? " selected" : "") + ">" +
            Escape(Label(ctx, o)) + "</option>";
  body += "</select>" + FieldError(r.errors, "traject") + "</div>" +
          InputField("van", ctx.T("rapport.van"), r.from, r.errors, "date") +
          InputField("tot", ctx.T("rapport.tot"), r.until, r.errors, "date") +
          InputField("tabellen", ctx.T("rapport.tabellen"), r.tables, r.errors, "text", "placeholder=\"T1,T14,F9\"") +
          "<button type=\"submit\">" + Escape(ctx.T("rapport.toon")) + "</button></form>";
  if (!r.errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    return SendPage(ctx, ctx.T("rapport.titel"), body, 422);
  }
  if (ReportSuppressionFor(ctx.who().role) > 0)
    body += "<p class=\"notice\">" + Escape(ctx.T("rapport.onderdrukt")) + "</p>";
  std::string q = Query(r);
  body += "<p class=\"downloads\">" + Escape(ctx.T("rapport.download")) +
          ": <a href=\"/rapporten/download?formaat=csv&amp;" + q +
          "\">CSV</a> · <a href=\"/rapporten/download?formaat=xlsx&amp;" + q +
          "\">Excel (xlsx)</a> · <a href=\"/rapporten/download?formaat=html&amp;" + q + "\">HTML</a></p>";
  report::Report built = Build(ctx, r);
  body += "<div class=\"report\">" + report::RenderHtmlBody(built) + "</div>";
  SendPage(ctx, ctx.T("rapport.titel"), body);
}

void ReportDownload(Context& ctx) {
  ReportRequest r = ParseReportRequest(ctx);
  std::string format = ctx.request.Query("formaat");
  if (format != "csv" && format != "xlsx" && format != "html") r.errors["formaat"] = ctx.T("fout.keuze");
  if (!r.errors.empty()) {
    ctx.audit_outcome = "ongeldig";
    std::string list;
    for (const auto& [field, text] : r.errors) list += field + ": " + text + ". ";
    return SendMessage(ctx, 422, ctx.T("fout.formulier"), list);
  }
  ctx.audit_detail = "formaat=" + format;
  report::Report built = Build(ctx, r);
  std::string name = "opkomst-rapport-" + r.as_of + "." + format;
  if (format == "csv") {
    ctx.response.content_type = "text/csv; charset=utf-8";
    ctx.response.body = report::RenderCsv(built);
  } else if (format == "html") {
    ctx.response.content_type = "text/html; charset=utf-8";
    ctx.response.body = report::RenderHtml(built);
  } else {
    // libxlsxwriter writes files: a private temporary one, removed at once.
    char path[] = "/tmp/opkomst-report-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the xlsx report");
    close(fd);
    Status s = report::RenderXlsx(built, path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::remove(path);
    if (!s.ok()) throw std::runtime_error(s.message());
    ctx.response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    ctx.response.body = bytes.str();
  }
  ctx.response.Header("Content-Disposition", "attachment; filename=\"" + name + "\"");
}

}  // namespace opkomst::web
