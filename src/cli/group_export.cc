// `opkomst group-export`: the group work and support money as pseudonymous
// CSV files (issue 13), for an analyst or an independent check of the
// report's tables T35-T39 (tests/report/groups_oracle_test.py). Dossier ids
// and group names only: never a name, contact, reason or account. Amounts
// only with --with-amounts: the exchange format has no support money at all.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/report_loading.h"
#include "cli/commands.h"
#include "exchange/csv.h"

namespace opkomst {
namespace {

std::string MarkName(report::GroupWork::Mark mark) {
  switch (mark) {
    case report::GroupWork::Mark::kPresent:
      return "aanwezig";
    case report::GroupWork::Mark::kExcused:
      return "verontschuldigd";
    case report::GroupWork::Mark::kAbsent:
      return "afwezig";
  }
  return "";
}

std::string Day(int32_t days) { return Date::FromDays(days).ToString(); }

Status WriteCsv(const std::string& path, const std::vector<std::vector<std::string>>& rows) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) return Unavailable("cannot write " + path);
  CsvWriter writer(out);
  for (const auto& row : rows) writer.Row(row);
  bool ok = std::fclose(out) == 0;
  return ok ? Status::Ok() : Unavailable("cannot write " + path);
}

Status Export(const report::GroupWork& work, const std::string& folder, bool amounts) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Unavailable("cannot create " + folder + ": " + error.message());
  std::vector<std::vector<std::string>> groups = {{"group_id", "name"}};
  for (const auto& g : work.groups) groups.push_back({std::to_string(g.id), g.name});
  std::vector<std::vector<std::string>> sessions = {{"session_id", "group_id", "date", "cancelled"}};
  for (const auto& s : work.sessions)
    sessions.push_back({std::to_string(s.id), std::to_string(s.group_id), Day(s.date), s.cancelled ? "1" : "0"});
  std::vector<std::vector<std::string>> participants = {{"participant_id", "group_id", "dossier_id", "enrolled_on"}};
  for (const auto& p : work.participants)
    participants.push_back({std::to_string(p.id), std::to_string(p.group_id), p.dossier_id, Day(p.enrolled)});
  std::vector<std::vector<std::string>> attendance = {{"participant_id", "session_id", "attendance"}};
  for (const auto& a : work.attendance)
    attendance.push_back({std::to_string(a.participant_id), std::to_string(a.session_id), MarkName(a.mark)});
  std::vector<std::vector<std::string>> grants = {{"dossier_id", "granted_on", "category", "status"}};
  if (amounts) grants[0].push_back("amount_cents");
  for (const auto& g : work.grants) {
    grants.push_back({g.dossier_id, Day(g.date), g.category, g.status});
    if (amounts) grants.back().push_back(std::to_string(g.amount_cents));
  }
  OPKOMST_RETURN_IF_ERROR(WriteCsv(folder + "/groups.csv", groups));
  OPKOMST_RETURN_IF_ERROR(WriteCsv(folder + "/sessions.csv", sessions));
  OPKOMST_RETURN_IF_ERROR(WriteCsv(folder + "/participants.csv", participants));
  OPKOMST_RETURN_IF_ERROR(WriteCsv(folder + "/attendance.csv", attendance));
  return WriteCsv(folder + "/grants.csv", grants);
}

}  // namespace

int RunGroupExport(const CliContext& c, int argc, char** argv) {
  Flags flags({DbFlag(c),
               {"with-amounts", "",
                c.T("schrijf ook de bedragen van het steungeld (standaard niet)",
                    "also write the support-money amounts (not by default)"),
                ""},
               HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst group-export [--db URL] [--with-amounts] MAP",
                          c.T("Schrijft groepswerking en steungeld pseudoniem naar MAP (groups, sessions, "
                              "participants, attendance, grants .csv): dossiernummers, geen namen of contacten.",
                              "Writes group work and support money pseudonymously to FOLDER (groups, sessions, "
                              "participants, attendance, grants .csv): dossier ids, no names or contacts."),
                          1);
      e >= 0)
    return e;
  auto store = OpenExistingStore(c, flags.Get("db"));
  if (!store.ok()) return ReportStatus(c, store.status());
  auto work = LoadGroupWork(store->get());
  if (!work.ok()) return ReportStatus(c, work.status());
  if (Status s = Export(*work, flags.positional()[0], flags.Has("with-amounts")); !s.ok()) return ReportStatus(c, s);
  std::cout << c.T("Groepswerking uitgevoerd naar ", "Group work exported to ") << flags.positional()[0] << "\n";
  return kExitOk;
}

}  // namespace opkomst
