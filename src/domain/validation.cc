#include "domain/validation.h"

#include <algorithm>
#include <map>

namespace opkomst {

void AssignTrajectoryNumbers(const KnownDossiers& known, std::vector<Dossier>* dossiers, std::vector<int>* lines,
                             Findings* findings) {
  struct Item {
    Date start;
    std::string id;
    int given;
    int index;  // into dossiers, or -1 for a dossier already stored
  };
  std::map<std::string, std::vector<Item>> by_mother;
  for (size_t i = 0; i < dossiers->size(); ++i) {
    const Dossier& d = (*dossiers)[i];
    by_mother[d.mother_id].push_back({d.start_date, d.dossier_id, d.trajectory_number, static_cast<int>(i)});
  }
  if (!known.empty()) {
    for (const auto& [id, k] : known) {
      auto it = by_mother.find(k.mother_id);
      if (it != by_mother.end()) it->second.push_back({k.start_date, id, k.trajectory_number, -1});
    }
  }
  for (auto& [mother, items] : by_mother) {
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
      if (a.start != b.start) return a.start < b.start;
      return a.id < b.id;
    });
    // The numbers the mother's stored dossiers hold: the schema refuses a
    // second dossier with one of them, so a new one never takes it.
    std::map<int, std::string> stored;
    for (const Item& item : items)
      if (item.index < 0) stored[item.given] = item.id;
    int next = 1;
    for (const Item& item : items) {
      if (item.index >= 0 && item.given > 0 && stored.count(item.given)) {
        findings->Add({"dossiers.csv", (*lines)[static_cast<size_t>(item.index)], "trajectory_number",
                       std::to_string(item.given), "dossier.trajectory_duplicate", stored[item.given]});
        continue;
      }
      if (item.index >= 0 && item.given == 0)
        while (stored.count(next)) ++next;  // a back-dated trajectory: the next free number
      int number = item.given > 0 ? item.given : next;
      if (item.given > 0 && item.given < next) {
        if (item.index >= 0)
          findings->Add({"dossiers.csv", (*lines)[static_cast<size_t>(item.index)], "trajectory_number",
                         std::to_string(item.given), "dossier.trajectory_order", ">= " + std::to_string(next)});
        number = next;
      }
      if (item.index >= 0) (*dossiers)[static_cast<size_t>(item.index)].trajectory_number = number;
      next = number + 1;
    }
  }
}

int NewTrajectoryNumber(const KnownDossiers& mothers_dossiers, const Dossier& dossier) {
  // The next after the mother's highest, whatever the start date: a number
  // that depended on the date (as the import's order does) would tell a
  // worker, probing dates, when a trajectory she may not see started.
  int highest = 0;
  for (const auto& [id, known] : mothers_dossiers)
    if (known.mother_id == dossier.mother_id) highest = std::max(highest, known.trajectory_number);
  return highest + 1;
}

std::optional<std::string> FormulaStart(std::string_view text) {
  if (text.empty()) return std::nullopt;
  unsigned char first = static_cast<unsigned char>(text.front());
  if (first == '\t') return std::string("tab");
  if (first == '\r') return std::string("CR");
  // Any other control character (ESC, VT, ...): spreadsheets skip some of
  // them and then read a formula (found by a re-test: "\x1b=7+7").
  if (first < 0x20 || first == 0x7F) {
    static const char kHex[] = "0123456789ABCDEF";
    return std::string("0x") + kHex[first >> 4] + kHex[first & 15];
  }
  // Leading spaces do not make a formula safe: " =cmd|..." runs too.
  size_t visible = text.find_first_not_of(' ');
  if (visible == std::string_view::npos) return std::nullopt;
  switch (text[visible]) {
    case '=':
    case '+':
    case '-':
    case '@':
      return "'" + std::string(text.substr(0, visible + 1)) + "'";
    default:
      return std::nullopt;
  }
}

void CheckFreeText(const std::string& file, int line, const std::string& column, std::string_view text,
                   Findings* findings) {
  if (auto start = FormulaStart(text)) findings->Add({file, line, column, std::string(text), "value.formula", *start});
}

}  // namespace opkomst
