#include "report/disclosure.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "report/catalog.h"
#include "report/suppress.h"

namespace opkomst::report {

// ---- periods ------------------------------------------------------------------

bool IsQuarterStart(Date date) { return date.day() == 1 && (date.month() - 1) % 3 == 0; }

bool IsQuarterEnd(Date date) { return IsQuarterStart(date.AddDays(1)); }

Date LastCompletedQuarterEnd(Date today) {
  int first_month_of_quarter = (today.month() - 1) / 3 * 3 + 1;
  return Date::FromYmd(today.year(), first_month_of_quarter, 1)->AddDays(-1);
}

std::vector<PeriodProblem> ApplyResearcherPeriodRules(Filters* filters, bool as_of_given, Date today) {
  std::vector<PeriodProblem> problems;
  const Date last_quarter_end = LastCompletedQuarterEnd(today);
  if (!as_of_given) {
    filters->as_of = last_quarter_end;
  } else if (!IsQuarterEnd(filters->as_of)) {
    problems.push_back({"peildatum", "rapport.fout.peildatum_kwartaal"});
  } else if (filters->as_of > last_quarter_end) {
    // A quarter that has not ended yet still changes from day to day.
    problems.push_back({"peildatum", "rapport.fout.peildatum_voorbij"});
  }
  if (filters->start_from && !IsQuarterStart(*filters->start_from))
    problems.push_back({"van", "rapport.fout.kwartaalstart"});
  if (filters->start_until && !IsQuarterEnd(*filters->start_until))
    problems.push_back({"tot", "rapport.fout.kwartaaleinde"});
  if (!problems.empty()) return problems;
  // Dossiers started after the cut-off would enter Table 2 (P0) day by day.
  if (!filters->start_until || *filters->start_until > filters->as_of) filters->start_until = filters->as_of;
  if (filters->start_from && *filters->start_from > *filters->start_until)
    problems.push_back({"van", "rapport.fout.van_na_tot"});
  return problems;
}

std::vector<PeriodProblem> CheckPeriod(const Filters& filters, Date today) {
  std::vector<PeriodProblem> problems;
  const Date first = *Date::FromYmd(2000, 1, 1);
  if (filters.as_of > today) problems.push_back({"peildatum", "rapport.fout.peildatum_toekomst"});
  if (filters.as_of < first) problems.push_back({"peildatum", "rapport.fout.te_vroeg"});
  if (filters.start_from && *filters.start_from < first) problems.push_back({"van", "rapport.fout.te_vroeg"});
  if (filters.start_until && *filters.start_until < first) problems.push_back({"tot", "rapport.fout.te_vroeg"});
  if (filters.start_from && filters.start_until && *filters.start_from > *filters.start_until)
    problems.push_back({"van", "rapport.fout.van_na_tot"});
  else if (filters.start_from && *filters.start_from > filters.as_of)
    problems.push_back({"van", "rapport.fout.van_na_tot"});
  return problems;
}

// ---- releases -----------------------------------------------------------------

namespace {

const char* Tag(Population p) {
  switch (p) {
    case Population::kP0:
      return "P0";
    case Population::kP1:
      return "P1";
    case Population::kP2:
      return "P2";
    case Population::kP3:
      return "P3";
    case Population::kP4:
      return "P4";
    case Population::kP5:
      return "P5";
  }
  return "P?";
}

std::vector<std::string> IdsOf(const Dataset& data, const std::vector<uint32_t>& set) {
  std::vector<std::string> ids;
  ids.reserve(set.size());
  for (uint32_t i : set) ids.emplace_back(data.id(i));
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Ids may hold any character: the four that the encoding uses are escaped.
std::string EscapeId(const std::string& id) {
  std::string out;
  for (char c : id) {
    if (c == '%' || c == ',' || c == '\n' || c == ' ') {
      const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> UnescapeId(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2])))
      return std::nullopt;
    out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

}  // namespace

Release ReleaseOf(const Dataset& data, const Populations& populations, const std::vector<std::string>& ids) {
  std::set<Population> used;
  bool closed = false, interviews = false;
  auto add = [&](const TableSpec& spec) {
    switch (spec.kind) {
      case Kind::kText:
        return;
      case Kind::kInterview:  // respondents, filtered by track only
        interviews = true;
        return;
      case Kind::kPopulationSizes:
        used.insert({Population::kP1, Population::kP2, Population::kP3, Population::kP4});
        return;
      case Kind::kDuration:
        closed = true;
        break;
      case Kind::kKeyFigures:  // K1 also counts P0 (the mothers)
        if (spec.variant == "summary") used.insert(Population::kP0);
        break;
      default:
        break;
    }
    used.insert(spec.population);
  };
  if (ids.empty()) {
    for (const TableSpec& spec : Catalog()) add(spec);
  } else {
    for (const std::string& id : ids) add(*FindSpec(id));
  }
  Release release;
  for (Population p : used) release.sets[Tag(p)] = IdsOf(data, populations.Of(p));
  if (closed) {
    std::vector<uint32_t> closed_set;
    for (uint32_t i : populations.Of(Population::kP2))
      if (populations.Closed(i)) closed_set.push_back(i);
    release.sets["C"] = IdsOf(data, closed_set);
  }
  if (interviews) {
    // Too few respondents: the table is hidden whole (HideSmallInterviewTables).
    std::vector<std::string> respondents = Respondents(data, populations.filters());
    if (respondents.size() >= static_cast<size_t>(kResearcherMinimumPopulation)) release.sets["I"] = respondents;
  }
  return release;
}

std::vector<std::string> Respondents(const Dataset& data, const Filters& filters) {
  // The answers come in respondent order (Dataset::interviews): each id once, sorted.
  std::vector<std::string> ids;
  for (const InterviewAnswer& a : data.interviews())
    if ((!filters.track || a.track == *filters.track) && (ids.empty() || ids.back() != a.respondent_id))
      ids.push_back(a.respondent_id);
  return ids;
}

void HideSmallInterviewTables(Report* report, const Dataset& data) {
  if (Respondents(data, report->filters).size() >= static_cast<size_t>(kResearcherMinimumPopulation)) return;
  for (TableModel& table : report->tables) {
    const TableSpec* spec = FindSpec(table.id);
    if (spec == nullptr || spec->kind != Kind::kInterview) continue;
    for (TableRow& row : table.rows)
      for (Cell& cell : row.cells)
        if (cell.kind != CellKind::kEmpty && cell.kind != CellKind::kText) cell.kind = CellKind::kSuppressed;
    table.tests.clear();
    table.notes = {"Verborgen: minder dan " + std::to_string(kResearcherMinimumPopulation) + " bevraagde mama's."};
  }
}

std::string EncodeRelease(const Release& release) {
  std::string out;
  for (const auto& [tag, ids] : release.sets) {
    out += tag + " ";
    for (size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + EscapeId(ids[i]);
    out += "\n";
  }
  return out;
}

StatusOr<Release> DecodeRelease(const std::string& text) {
  Release release;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) return InvalidInput("report release: a line without its end");
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    size_t space = line.find(' ');
    if (space == std::string::npos || space == 0) return InvalidInput("report release: a line without a tag");
    std::vector<std::string>& ids = release.sets[line.substr(0, space)];
    std::string rest = line.substr(space + 1);
    for (size_t from = 0; from < rest.size();) {
      size_t comma = rest.find(',', from);
      if (comma == std::string::npos) comma = rest.size();
      auto id = UnescapeId(rest.substr(from, comma - from));
      if (!id) return InvalidInput("report release: a broken escape in a dossier id");
      ids.push_back(*id);
      from = comma + 1;
    }
  }
  return release;
}

size_t SymmetricDifference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return a.size() + b.size() - 2 * common;
}

size_t SmallestSingledOutGroup(const std::vector<Release>& previous, const Release& candidate) {
  // Partition refinement over every released set of every tag together: a
  // dossier's class is the set of (release, tag) sets it belongs to, and
  // each set splits every class into members and others. One partition for
  // all tags, because a researcher subtracts across tags too: P2 of one
  // report minus P3 of another (both over the same window) is the running
  // Opkomst dossiers, which a partition per tag never sees.
  std::unordered_map<std::string, uint32_t> class_of;
  uint32_t next_class = 1;
  auto refine = [&](const Release& r) {
    for (const auto& [tag, ids] : r.sets) {
      std::unordered_map<uint32_t, uint32_t> split;
      for (const std::string& id : ids) {
        uint32_t& c = class_of[id];  // 0 for a dossier in no release yet
        auto [where, added] = split.emplace(c, next_class);
        if (added) ++next_class;
        c = where->second;
      }
    }
  };
  for (const Release& r : previous) refine(r);
  refine(candidate);
  std::unordered_map<uint32_t, size_t> size_of;
  for (const auto& [id, c] : class_of) ++size_of[c];
  size_t smallest = 0;
  for (const auto& [c, size] : size_of)
    if (smallest == 0 || size < smallest) smallest = size;
  return smallest;
}

size_t SmallestGroupWithinRelease(const Release& release) {
  // P3 and P4 are parts of P2 that tables tabulate the same start variables
  // over: P2 minus P3 (running Opkomst dossiers) or minus P4 (no birth
  // measurement) is a group one report alone gives away by subtraction.
  size_t smallest = 0;
  auto outer = release.sets.find("P2");
  if (outer == release.sets.end()) return 0;
  for (const char* part : {"P3", "P4"}) {
    auto inner = release.sets.find(part);
    if (inner == release.sets.end()) continue;
    size_t difference = SymmetricDifference(outer->second, inner->second);
    if (difference > 0 && (smallest == 0 || difference < smallest)) smallest = difference;
  }
  return smallest;
}

bool ReleaseAllowed(const std::vector<Release>& previous, const Release& candidate) {
  size_t within = SmallestGroupWithinRelease(candidate);
  if (within > 0 && within < static_cast<size_t>(kReleaseMinimumDifference)) return false;
  size_t smallest = SmallestSingledOutGroup(previous, candidate);
  return smallest == 0 || smallest >= static_cast<size_t>(kReleaseMinimumDifference);
}

// ---- statistics of small groups -------------------------------------------------

namespace {

bool IsExtreme(const std::string& label) {
  for (const char* word : {"Minimum", "Maximum", "Min.", "Max."})
    if (label.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

void HideSmallGroupStatistics(Report* report, int k) {
  for (TableModel& table : report->tables) {
    bool hidden_any = false;
    for (TableRow& row : table.rows) {
      // A mean of a small group is hidden with every other statistic of its
      // row: the total and the other track's mean would give it back
      // (total x N minus the other group's sum).
      bool small_group_in_row = false;
      for (const Cell& cell : row.cells)
        small_group_in_row |= cell.kind == CellKind::kNumber && cell.denominator >= 1 && cell.denominator < k;
      for (size_t c = 0; c < row.cells.size(); ++c) {
        Cell& cell = row.cells[c];
        if (cell.kind == CellKind::kEmpty || cell.kind == CellKind::kText || cell.kind == CellKind::kSuppressed)
          continue;
        // A minimum or a maximum is always one person's value.
        bool extreme = IsExtreme(row.label) || (c < table.columns.size() && IsExtreme(table.columns[c]));
        bool small_mean = cell.kind == CellKind::kNumber && small_group_in_row;
        if (extreme || small_mean) {
          cell.kind = CellKind::kSuppressed;
          hidden_any = true;
        }
      }
    }
    if (hidden_any)
      table.notes.push_back("Minimum en maximum zijn altijd de waarde van één persoon en worden niet getoond.");
  }
}

}  // namespace opkomst::report
