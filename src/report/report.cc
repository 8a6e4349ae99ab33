#include "report/report.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "domain/codebook.h"
#include "report/catalog.h"
#include "report/engine.h"
#include "report/suppress.h"

namespace opkomst::report {

StatusOr<std::vector<std::string>> ParseTableIds(const std::string& list) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while (pos <= list.size() && !list.empty()) {
    size_t comma = list.find(',', pos);
    std::string id = list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    while (!id.empty() && id.front() == ' ') id.erase(id.begin());
    while (!id.empty() && id.back() == ' ') id.pop_back();
    for (char& ch : id)
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (id.size() > 1 && id.back() == 'B') id.back() = 'b';  // F7b
    if (id == "K") {                                         // every key figure (K1, K2, ...)
      for (const TableSpec& s : Catalog())
        if (s.id[0] == 'K') ids.push_back(s.id);
      if (comma == std::string::npos) break;
      pos = comma + 1;
      continue;
    }
    if (FindSpec(id) == nullptr) {
      std::string known;
      for (const TableSpec& s : Catalog()) known += (known.empty() ? "" : ",") + s.id;
      return InvalidInput("--tables: '" + id + "' is not a table or figure; known: " + known);
    }
    ids.push_back(id);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return ids;
}

Report BuildReport(const Dataset& data, const Filters& filters, const std::vector<std::string>& ids, int suppress,
                   bool evaluation_notes) {
  Report report;
  report.filters = filters;
  report.description = "peildatum " + filters.as_of.ToString();
  if (filters.track)
    report.description += ", enkel " + data.codebook().field("track").options.at(*filters.track).label_nl;
  if (filters.start_from) report.description += ", gestart vanaf " + filters.start_from->ToString();
  if (filters.start_until) report.description += ", gestart tot en met " + filters.start_until->ToString();
  Populations populations(data, filters);
  std::vector<const TableSpec*> specs;
  if (ids.empty()) {
    for (const TableSpec& spec : Catalog()) specs.push_back(&spec);
  } else {
    for (const std::string& id : ids) specs.push_back(FindSpec(id));
  }
  // Tables only read the data: build them on every core.
  report.tables.resize(specs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < specs.size();) report.tables[i] = BuildTable(*specs[i], data, populations);
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < std::max(1u, std::thread::hardware_concurrency()); ++t) workers.emplace_back(work);
  work();
  for (std::thread& w : workers) w.join();
  if (evaluation_notes)
    for (size_t i = 0; i < specs.size(); ++i) {
      const std::vector<std::string>& notes = specs[i]->evaluation_notes;
      report.tables[i].notes.insert(report.tables[i].notes.end(), notes.begin(), notes.end());
    }
  if (suppress >= 2) {
    report.description += ", kleine aantallen (1-" + std::to_string(suppress - 1) + ") verborgen";
    for (TableModel& t : report.tables) {
      Suppress(&t, suppress);
      t.notes.push_back("x: verborgen om families te beschermen (minder dan " + std::to_string(suppress) +
                        " dossiers, of een cel waaruit zo'n aantal af te leiden is).");
    }
  }
  return report;
}

}  // namespace opkomst::report
