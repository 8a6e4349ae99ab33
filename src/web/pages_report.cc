// Rapporten: the report engine's tables and charts in the browser, with the
// cut-off date, track and period as filters, and downloads. Researchers
// always get small cells hidden (access.h: ReportSuppressionFor) and the
// disclosure rules of report/disclosure.h: whole quarters, a minimum
// population, overlap control against every report released so far, and no
// minimum, maximum or small-group mean. The team lead's page and files hide
// small counts too unless she turns it off, and then they say that they
// must not leave the team.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/report_loading.h"
#include "report/disclosure.h"
#include "report/report.h"
#include "storage/data_version.h"
#include "storage/releases.h"
#include "web/form.h"
#include "web/report_form.h"
#include "web/report_view.h"

namespace opkomst::web {
namespace {

struct ReportRequest {
  report::Filters filters;
  std::vector<std::string> ids;
  FormErrors errors;
  std::string as_of, track, from, until, tables;
  bool researcher = false;
  bool hide_small = true;  // the team lead's choice; always on for researchers
};

ReportRequest ParseReportRequest(Context& ctx) {
  ReportRequest r;
  r.as_of = ctx.request.Query("peildatum");
  r.track = ctx.request.Query("traject");
  r.from = ctx.request.Query("van");
  r.until = ctx.request.Query("tot");
  r.researcher = ctx.who().role == Role::kResearcher;
  // The checkbox is on unless the filter form was sent without it, or a
  // download link says verbergen=0.
  std::string hide = ctx.request.Query("verbergen");
  r.hide_small = r.researcher || (hide.empty() ? ctx.request.Query("gefilterd") != "1" : hide != "0");
  // A researcher's default cut-off is the last completed quarter end (below).
  if (r.as_of.empty() && !r.researcher) r.as_of = Today(ctx.app);
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
  const Date today = *Date::Parse(Today(ctx.app));
  if (r.researcher && r.errors.empty()) {
    bool as_of_given = !r.as_of.empty();
    for (const auto& problem : report::ApplyResearcherPeriodRules(&r.filters, as_of_given, today))
      r.errors[problem.field] = ctx.T(problem.rule);
    if (r.as_of.empty()) r.as_of = r.filters.as_of.ToString();
  }
  if (r.errors.empty()) {
    // Implausible periods, for everyone; the message names the value given.
    const std::map<std::string, std::string> given = {{"peildatum", r.as_of}, {"van", r.from}, {"tot", r.until}};
    for (const auto& problem : report::CheckPeriod(r.filters, today))
      r.errors.emplace(problem.field, ctx.T(problem.rule) + " ('" + given.at(problem.field) + "')");
  }
  std::vector<std::string> unknown;
  r.ids = ChosenTables(ctx.request, &unknown);
  if (!unknown.empty()) {
    std::string codes;
    for (const std::string& code : unknown) codes += (codes.empty() ? "'" : ", '") + code + "'";
    r.errors["tabellen"] = ctx.T("rapport.fout.tabel") + ": " + codes;
  }
  for (const std::string& id : r.ids) r.tables += (r.tables.empty() ? "" : ",") + id;
  return r;
}

// A bad table code alone still gives the report of the tables that exist,
// with the message next to the picker; any other error gives none.
bool CanBuild(const ReportRequest& r) {
  for (const auto& error : r.errors)
    if (error.first != "tabellen" || r.ids.empty()) return false;
  return true;
}

// A researcher's report may go out only if the disclosure rules allow it
// (report/disclosure.h); if so it is recorded as released, in the same
// transaction as the check. On refusal, returns the message.
std::optional<std::string> RefusalForResearcher(Context& ctx, const ReportRequest& r, const report::Dataset& data) {
  report::Populations populations(data, r.filters);
  if (populations.Of(report::Population::kP2).size() < static_cast<size_t>(report::kResearcherMinimumPopulation)) {
    ctx.audit_outcome = "geweigerd";
    ctx.audit_detail = "populatie te klein";
    return ctx.T("rapport.fout.te_klein");
  }
  report::Release release = report::ReleaseOf(data, populations, r.ids);
  team::ReleaseRow row{ctx.who().username, std::to_string(ctx.app.Now()),
                       "peildatum=" + r.filters.as_of.ToString() + " traject=" + r.track + " van=" + r.from +
                           " tot=" + r.filters.start_until->ToString() + " tabellen=" + r.tables,
                       report::EncodeRelease(release)};
  auto check = [&](const std::vector<std::string>& previous) -> StatusOr<bool> {
    std::vector<report::Release> decoded;
    for (const std::string& text : previous) {
      auto one = report::DecodeRelease(text);
      if (!one.ok()) return one.status();
      decoded.push_back(std::move(*one));
    }
    return report::ReleaseAllowed(decoded, release);
  };
  auto allowed = team::RecordReleaseIfAllowed(ctx.writer(), row, check);
  if (!allowed.ok()) throw Failure(allowed.status());
  if (*allowed) return std::nullopt;
  ctx.audit_outcome = "geweigerd";
  ctx.audit_detail = "overlap met eerder rapport";
  return ctx.T("rapport.fout.overlap");
}

std::string Join(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

// What a built report depends on besides the data: the filters, the
// tables and the hiding rules.
std::string CacheKey(const ReportRequest& r, int suppress) {
  const report::Filters& f = r.filters;
  auto date = [](const std::optional<Date>& d) { return d ? d->ToString() : std::string("-"); };
  return f.as_of.ToString() + "|" + date(f.start_from) + "|" + date(f.start_until) + "|" +
         (f.track ? std::to_string(*f.track) : std::string("-")) + "|" + Join(r.ids) + "|" + std::to_string(suppress) +
         "|" + (r.researcher ? "researcher" : "team");
}

// Builds the report the request asks for, or returns nullopt with
// `refusal` set when a researcher may not have it. The dataset and the
// report come from the cache while the store's data version stays the same
// (web/report_cache.h); a researcher's disclosure check and release record
// run on every view.
std::optional<report::Report> Build(Context& ctx, const ReportRequest& r, std::string* refusal) {
  auto version = team::DataVersion(ctx.reader());
  if (!version.ok()) throw Failure(version.status());
  ReportCache& cache = ctx.app.report_cache();
  auto data = cache.DatasetAt(*version, [&] { return LoadReportDataset(&ctx.reader(), ctx.app.codebook()); });
  if (!data.ok()) throw Failure(data.status());
  const report::Dataset& dataset = **data;
  if (r.researcher) {
    if (auto message = RefusalForResearcher(ctx, r, dataset)) {
      *refusal = *message;
      return std::nullopt;
    }
  }
  const int k = ReportSuppressionFor(Role::kResearcher);
  const int suppress = r.hide_small ? k : 0;
  report::Report built = *cache.ReportAt(*version, CacheKey(r, suppress), [&] {
    report::Report fresh = report::BuildReport(dataset, r.filters, r.ids, suppress);  // no evaluation notes
    if (r.researcher) {
      report::HideSmallGroupStatistics(&fresh, k);
      report::HideSmallInterviewTables(&fresh, dataset);
    }
    return fresh;
  });
  if (!r.hide_small) {
    // The file itself says it: on its title (HTML, XLSX) and under every table.
    built.description += ". " + ctx.T("rapport.klein_zichtbaar");
    for (report::TableModel& table : built.tables) table.notes.push_back(ctx.T("rapport.klein_zichtbaar"));
  }
  return built;
}

std::string Query(const ReportRequest& r) {
  return "peildatum=" + UrlEncode(r.as_of) + "&amp;traject=" + UrlEncode(r.track) + "&amp;van=" + UrlEncode(r.from) +
         "&amp;tot=" + UrlEncode(r.until) + "&amp;tabellen=" + UrlEncode(r.tables) +
         "&amp;verbergen=" + (r.hide_small ? "1" : "0");
}

// The download links of a built report: the workbook, the CSV a Flemish
// Excel opens (semicolons), the documented CSV (for programs) and the page.
std::string DownloadLinks(const Context& ctx, const ReportRequest& r) {
  std::string q = Query(r), out = "<p class=\"downloads\">" + Escape(ctx.T("rapport.download")) + ": ";
  const std::pair<const char*, const char*> kFormats[] = {{"xlsx", "rapport.formaat.xlsx"},
                                                          {"csv_excel", "rapport.formaat.csv_excel"},
                                                          {"csv", "rapport.formaat.csv"},
                                                          {"html", "rapport.formaat.html"}};
  bool first = true;
  for (const auto& [format, label] : kFormats) {
    out += std::string(first ? "" : " · ") + "<a href=\"/rapporten/download?formaat=" + format + "&amp;" + q + "\">" +
           Escape(ctx.T(label)) + "</a>";
    first = false;
  }
  return out + "</p>";
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
          InputField("tot", ctx.T("rapport.tot"), r.until, r.errors, "date") + TablePicker(ctx, r.ids, r.errors);
  if (!r.researcher)
    body +=
        "<div class=\"field\"><input type=\"hidden\" name=\"gefilterd\" value=\"1\"><label><input "
        "type=\"checkbox\" name=\"verbergen\" value=\"1\"" +
        std::string(r.hide_small ? " checked" : "") + "> " + Escape(ctx.T("rapport.verbergen")) + "</label></div>";
  body += "<button type=\"submit\">" + Escape(ctx.T("rapport.toon")) + "</button></form>";
  const int status = r.errors.empty() ? 200 : 422;
  if (!r.errors.empty()) ctx.audit_outcome = "ongeldig";
  if (!CanBuild(r)) return SendPage(ctx, ctx.T("rapport.titel"), body, status);
  if (r.researcher) body += "<p class=\"notice\">" + Escape(ctx.T("rapport.kwartalen")) + "</p>";
  std::string refusal;
  std::optional<report::Report> built = Build(ctx, r, &refusal);
  if (!built) {
    body += "<p class=\"error\" role=\"alert\">" + Escape(refusal) + "</p>";
    return SendPage(ctx, ctx.T("rapport.titel"), body, 422);
  }
  body +=
      "<p class=\"notice\">" + Escape(ctx.T(r.hide_small ? "rapport.onderdrukt" : "rapport.klein_zichtbaar")) + "</p>";
  body += DownloadLinks(ctx, r);
  // The report is written in Dutch: marked so, also inside the English page.
  body += "<div class=\"report\" lang=\"nl\">" + report::RenderHtmlBody(*built) + "</div>";
  SendPage(ctx, ctx.T("rapport.titel"), body, status);
}

void ReportDownload(Context& ctx) {
  ReportRequest r = ParseReportRequest(ctx);
  std::string format = ctx.request.Query("formaat");
  if (format != "csv" && format != "csv_excel" && format != "xlsx" && format != "html")
    r.errors["formaat"] = ctx.T("fout.keuze") + " ('" + format.substr(0, 20) + "')";
  if (!r.errors.empty()) {
    // A file without a table asked for is worse than none: every error refuses.
    ctx.audit_outcome = "ongeldig";
    std::string list;
    for (const auto& error : r.errors) list += error.second + ". ";
    return SendMessage(ctx, 422, ctx.T("fout.formulier"), list);
  }
  std::string refusal;
  std::optional<report::Report> built = Build(ctx, r, &refusal);
  if (!built) return SendMessage(ctx, 422, ctx.T("rapport.titel"), refusal);
  ctx.audit_detail = "formaat=" + format + (r.hide_small ? "" : " kleine aantallen zichtbaar");
  DownloadNaming naming{
      r.as_of, r.track, r.from, r.until, r.ids, !r.hide_small, format == "csv_excel" ? "excel.csv" : format};
  std::string name = DownloadFileName(naming, ctx.app.Now());
  if (format == "csv" || format == "csv_excel") {
    ctx.response.content_type = "text/csv; charset=utf-8";
    ctx.response.body = format == "csv" ? report::RenderCsv(*built) : report::RenderCsvForExcel(*built);
    // A CSV has no title page: the warning is its first line (after the
    // Excel form's byte order mark).
    if (!r.hide_small)
      ctx.response.body.insert(format == "csv" ? 0 : 3, "\"" + ctx.T("rapport.klein_zichtbaar") + "\"\n");
  } else if (format == "html") {
    ctx.response.content_type = "text/html; charset=utf-8";
    ctx.response.body = report::RenderHtml(*built);
  } else {
    // libxlsxwriter writes files: a private temporary one, removed at once.
    char path[] = "/tmp/opkomst-report-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the xlsx report");
    close(fd);
    Status s = report::RenderXlsx(*built, path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::remove(path);
    if (!s.ok()) throw Failure(s);
    ctx.response.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    ctx.response.body = bytes.str();
  }
  ctx.response.Header("Content-Disposition", "attachment; filename=\"" + name + "\"");
}

ReportView BuildReportView(Context& ctx, const std::vector<std::string>& ids) {
  ReportRequest r = ParseReportRequest(ctx);
  r.errors.erase("tabellen");  // the caller chooses the tables
  r.ids = ids;
  r.tables.clear();
  for (const std::string& id : ids) r.tables += (r.tables.empty() ? "" : ",") + id;
  ReportView view{r.as_of, r.track, r.from, r.until, r.researcher, r.hide_small, r.errors, "", std::nullopt, Query(r)};
  if (r.errors.empty()) view.report = Build(ctx, r, &view.refusal);
  return view;
}

}  // namespace opkomst::web
