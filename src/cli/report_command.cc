// `opkomst report`: the evaluation's tables and figures from the store.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/report_loading.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "report/report.h"
#include "storage/store.h"

namespace opkomst {
namespace {

StatusOr<std::optional<Date>> DateFlag(const Flags& flags, const std::string& name) {
  if (!flags.Has(name)) return std::optional<Date>();
  auto d = Date::Parse(flags.Get(name));
  if (!d) return InvalidInput("option --" + name + " has value '" + flags.Get(name) + "'; expected a date YYYY-MM-DD");
  return std::optional<Date>(*d);
}

// How long each step of the report took, for --timings (on standard error,
// so the report itself stays clean on standard output).
class StepTimes {
 public:
  void Mark(const std::string& step) {
    auto now = std::chrono::steady_clock::now();
    steps_.emplace_back(step, std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }
  std::string Line() const {
    std::string line;
    for (const auto& [step, ms] : steps_) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s %.0f ms", step.c_str(), ms);
      line += (line.empty() ? "" : ", ") + std::string(buf);
    }
    return line;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, double>> steps_;
};

Status WriteOutput(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return Status::Ok();
  }
  std::string temp = path + ".part";
  {
    std::ofstream out(temp, std::ios::binary);
    out << text;
    if (!out) return Unavailable("cannot write " + path);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) return Unavailable("cannot move " + temp + " to " + path);
  return Status::Ok();
}

}  // namespace

int RunReport(const CliContext& c, int argc, char** argv) {
  Flags flags(
      {DbFlag(c),
       {"as-of", "DATUM", c.T("peildatum (JJJJ-MM-DD)", "cut-off date (YYYY-MM-DD)"), Date::Today().ToString()},
       {"tables", "LIJST", c.T("bv. T1,T14,F9 (standaard: alles)", "e.g. T1,T14,F9 (default: all)"), ""},
       {"format", "FORMAAT", "text, csv, csv-excel, json, html, xlsx", "text"},
       {"output", "BESTAND", c.T("schrijf naar dit bestand (xlsx: verplicht)", "write to this file (xlsx: required)"),
        ""},
       {"track", "TRAJECT", c.T("enkel opkomst of opkomst_plus", "only opkomst or opkomst_plus"), ""},
       {"from", "DATUM", c.T("enkel dossiers gestart vanaf", "only dossiers started on or after"), ""},
       {"until", "DATUM", c.T("enkel dossiers gestart tot en met", "only dossiers started on or before"), ""},
       {"suppress", "K",
        c.T("verberg aantallen 1..K-1 (met secundaire onderdrukking) voor publicatie",
            "hide counts 1..K-1 (with secondary suppression) for publication"),
        ""},
       {"evaluation-notes", "",
        c.T("met de opmerkingen over het gepubliceerde evaluatierapport (I-1, ...)",
            "with the remarks on the published evaluation report (I-1, ...)"),
        ""},
       {"timings", "", c.T("toon op stderr hoe lang elke stap duurde", "show on stderr how long each step took"), ""},
       HelpFlag(c)});
  Status parsed = flags.Parse(argc, argv, 2);
  if (parsed.ok() && flags.Has("help")) {
    std::cout << "opkomst report [--db URL] [--as-of DATUM] [--tables T1,T14,F9] [--format "
                 "text|csv|csv-excel|json|html|xlsx] "
                 "[--output BESTAND]\n\n"
              << c.T("Berekent de tabellen (T1-T29) en figuren (F1-F20) van het evaluatierapport uit de registratie.",
                     "Computes the evaluation report's tables (T1-T29) and figures (F1-F20) from the registration.")
              << "\n\n"
              << flags.Usage();
    return kExitOk;
  }
  if (parsed.ok() && !flags.positional().empty())
    parsed = InvalidInput("unexpected argument '" + flags.positional()[0] + "'");
  if (!parsed.ok()) return ReportStatus(c, parsed);
  std::string format = flags.Get("format");
  if (format != "text" && format != "csv" && format != "csv-excel" && format != "json" && format != "html" &&
      format != "xlsx")
    return ReportStatus(c, InvalidInput("option --format has value '" + format +
                                        "'; expected text, csv, csv-excel, json, html or xlsx"));
  if (format == "xlsx" && flags.Get("output").empty())
    return ReportStatus(c, InvalidInput("--format xlsx needs --output FILE.xlsx"));
  report::Filters filters;
  auto as_of = Date::Parse(flags.Get("as-of"));
  if (!as_of)
    return ReportStatus(c, InvalidInput("option --as-of has value '" + flags.Get("as-of") + "'; expected YYYY-MM-DD"));
  filters.as_of = *as_of;
  auto from = DateFlag(flags, "from"), until = DateFlag(flags, "until");
  if (!from.ok()) return ReportStatus(c, from.status());
  if (!until.ok()) return ReportStatus(c, until.status());
  filters.start_from = *from;
  filters.start_until = *until;
  if (flags.Has("track")) {
    auto track = Codebook::Default().field("track").options.Find(flags.Get("track"));
    if (!track)
      return ReportStatus(
          c, InvalidInput("option --track has value '" + flags.Get("track") + "'; expected opkomst or opkomst_plus"));
    filters.track = *track;
  }
  int suppress = 0;
  if (flags.Has("suppress")) {
    auto k = flags.GetInt("suppress", 2, 1000);
    if (!k.ok()) return ReportStatus(c, k.status());
    suppress = static_cast<int>(*k);
  }
  auto ids = report::ParseTableIds(flags.Get("tables"));
  if (!ids.ok()) return ReportStatus(c, ids.status());
  StepTimes times;
  auto store = OpenExistingStore(c, flags.Get("db"));
  if (!store.ok()) return ReportStatus(c, store.status());
  times.Mark(c.T("openen", "open"));
  auto data = LoadReportDataset(store->get(), Codebook::Default());
  if (!data.ok()) return ReportStatus(c, data.status());
  times.Mark(c.T("laden", "load"));
  report::Report built = report::BuildReport(*data, filters, *ids, suppress, flags.Has("evaluation-notes"));
  times.Mark(c.T("berekenen", "compute"));
  Status written;
  if (format == "xlsx") {
    written = report::RenderXlsx(built, flags.Get("output"));
  } else {
    std::string text = format == "csv"         ? report::RenderCsv(built)
                       : format == "csv-excel" ? report::RenderCsvForExcel(built)
                       : format == "json"      ? report::RenderJson(built)
                       : format == "html"      ? report::RenderHtml(built)
                                               : report::RenderText(built);
    written = WriteOutput(flags.Get("output"), text);
  }
  times.Mark(c.T("schrijven", "write"));
  if (flags.Has("timings")) std::cerr << c.T("tijden: ", "times: ") << times.Line() << "\n";
  return ReportStatus(c, written);
}

}  // namespace opkomst
