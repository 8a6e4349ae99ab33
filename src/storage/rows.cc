#include "storage/rows.h"

#include <map>

#include "domain/dossier_columns.h"
#include "domain/text.h"

namespace opkomst {
std::string_view EmbeddedStorageFile(std::string_view name);  // generated

namespace {

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }
Cell DateCell(const std::optional<Date>& d) { return d ? Cell(d->ToString()) : Cell(); }
Cell IntCell(const std::optional<int>& n) { return n ? Cell(std::to_string(*n)) : Cell(); }
Cell CodeCell(const OptionList& options, Code c) { return c == kMissing ? Cell() : Cell(options.at(c).code); }

Status Corrupt(const std::string& what) { return Incompatible("stored value unreadable: " + what); }

StatusOr<std::optional<Date>> ReadDate(const Cell& c, const char* column) {
  if (!c) return std::optional<Date>();
  // PostgreSQL may return a timestamp-like text for DATE; the first ten
  // characters are the date in either backend.
  auto d = Date::Parse(std::string_view(*c).substr(0, 10));
  if (!d) return Corrupt(std::string(column) + "=" + *c);
  return std::optional<Date>(*d);
}

StatusOr<std::optional<int>> ReadInt(const Cell& c, const char* column) {
  if (!c) return std::optional<int>();
  auto n = ParseInteger(*c);
  if (!n) return Corrupt(std::string(column) + "=" + *c);
  return std::optional<int>(static_cast<int>(*n));
}

StatusOr<Code> ReadCode(const OptionList& options, const Cell& c, const char* column) {
  if (!c) return kMissing;
  auto code = options.FindCode(*c);
  if (!code) return Corrupt(std::string(column) + "=" + *c);
  return *code;
}

#define OPKOMST_ASSIGN(target, expr)            \
  do {                                          \
    auto result_ = (expr);                      \
    if (!result_.ok()) return result_.status(); \
    target = std::move(result_).value();        \
  } while (0)

}  // namespace

namespace {
TableShape Shape(std::string name, std::vector<std::string> columns) {
  std::string list;
  for (const std::string& c : columns) list += (list.empty() ? "" : ", ") + c;
  return {std::move(name), std::move(columns), std::move(list)};
}
}  // namespace

const TableShape& DossierTable() {
  static const TableShape table =
      Shape("dossier", {"dossier_id", "mother_id", "trajectory_number", "track", "start_date", "end_date",
                        "social_worker", "referrer", "referrer_type", "due_date", "child_birth_date",
                        "child_age_months_at_start", "pregnant_at_start", "first_pregnancy", "mother_age_at_start"});
  return table;
}

const TableShape& MeasurementTable() {
  static const TableShape table = Shape("measurement", {"dossier_id", "moment", "measured_on", "answers"});
  return table;
}

const std::vector<std::string>& DossierTableColumns() { return DossierTable().columns; }

const std::string& DossierColumnList() { return DossierTable().column_list; }

Row DossierToRow(const Codebook& cb, const Dossier& d) {
  using enum DossierColumn;
  Row r(kDossierColumnNames.size());
  auto at = [&](DossierColumn column) -> Cell& { return r[ColumnIndex(column)]; };
  at(kDossierId) = Text(d.dossier_id);
  at(kMotherId) = Text(d.mother_id);
  at(kTrajectoryNumber) = Cell(std::to_string(d.trajectory_number));
  at(kTrack) = CodeCell(cb.field("track").options, d.track);
  at(kStartDate) = Cell(d.start_date.ToString());
  at(kEndDate) = DateCell(d.end_date);
  at(kSocialWorker) = Text(d.social_worker);
  at(kReferrer) = Text(d.referrer);
  at(kReferrerType) = CodeCell(cb.field("referrer_type").options, d.referrer_type);
  at(kDueDate) = DateCell(d.due_date);
  at(kChildBirthDate) = DateCell(d.child_birth_date);
  at(kChildAgeMonthsAtStart) = IntCell(d.child_age_months_at_start);
  at(kPregnantAtStart) = CodeCell(cb.field("pregnant_at_start").options, d.pregnant_at_start);
  at(kFirstPregnancy) = CodeCell(cb.field("first_pregnancy").options, d.first_pregnancy);
  at(kMotherAgeAtStart) = IntCell(d.mother_age_at_start);
  return r;
}

StatusOr<Dossier> DossierFromRow(const Codebook& cb, const Row& r) {
  using enum DossierColumn;
  const size_t version = kDossierColumnNames.size();
  auto at = [&](DossierColumn column) -> const Cell& { return r[ColumnIndex(column)]; };
  if (r.size() != version + 1 || !at(kDossierId) || !at(kMotherId) || !at(kTrajectoryNumber) || !at(kTrack) ||
      !at(kStartDate) || !r[version])
    return Corrupt("dossier row");
  Dossier d;
  d.dossier_id = *at(kDossierId);
  d.mother_id = *at(kMotherId);
  std::optional<int> number;
  OPKOMST_ASSIGN(number, ReadInt(at(kTrajectoryNumber), "trajectory_number"));
  d.trajectory_number = *number;
  OPKOMST_ASSIGN(d.track, ReadCode(cb.field("track").options, at(kTrack), "track"));
  std::optional<Date> start;
  OPKOMST_ASSIGN(start, ReadDate(at(kStartDate), "start_date"));
  d.start_date = *start;
  OPKOMST_ASSIGN(d.end_date, ReadDate(at(kEndDate), "end_date"));
  d.social_worker = at(kSocialWorker).value_or("");
  d.referrer = at(kReferrer).value_or("");
  OPKOMST_ASSIGN(d.referrer_type, ReadCode(cb.field("referrer_type").options, at(kReferrerType), "referrer_type"));
  OPKOMST_ASSIGN(d.due_date, ReadDate(at(kDueDate), "due_date"));
  OPKOMST_ASSIGN(d.child_birth_date, ReadDate(at(kChildBirthDate), "child_birth_date"));
  OPKOMST_ASSIGN(d.child_age_months_at_start, ReadInt(at(kChildAgeMonthsAtStart), "child_age_months_at_start"));
  OPKOMST_ASSIGN(d.pregnant_at_start,
                 ReadCode(cb.field("pregnant_at_start").options, at(kPregnantAtStart), "pregnant_at_start"));
  OPKOMST_ASSIGN(d.first_pregnancy,
                 ReadCode(cb.field("first_pregnancy").options, at(kFirstPregnancy), "first_pregnancy"));
  OPKOMST_ASSIGN(d.mother_age_at_start, ReadInt(at(kMotherAgeAtStart), "mother_age_at_start"));
  auto v = ParseInteger(*r[version]);
  if (!v) return Corrupt("version");
  d.version = *v;
  return d;
}

Row MeasurementToRow(const Codebook& cb, const std::string& dossier_id, const Measurement& m) {
  return {Cell(dossier_id), Cell(std::to_string(static_cast<int>(m.moment))), DateCell(m.measured_on),
          Cell(EncodeAnswers(cb, m.values))};
}

StatusOr<Measurement> MeasurementFromRow(const Codebook& cb, const Row& r) {
  if (r.size() != 4 || !r[1] || !r[3]) return Corrupt("measurement row");
  Measurement m;
  auto moment = ParseInteger(*r[1]);
  if (!moment || *moment < 0 || *moment >= kMomentCount) return Corrupt("moment=" + *r[1]);
  m.moment = static_cast<Moment>(*moment);
  OPKOMST_ASSIGN(m.measured_on, ReadDate(r[2], "measured_on"));
  OPKOMST_ASSIGN(m.values, DecodeAnswers(cb, *r[3]));
  return m;
}

std::vector<Migration> Migrations(std::string_view dialect) {
  // Every dialect has the same versions; file N is version N.
  static const char* const kFiles[] = {"0001_initial.sql",        "0002_team.sql",
                                       "0003_signin.sql",         "0004_releases.sql",
                                       "0005_audit_outbox.sql",   "0006_trajectory_unique.sql",
                                       "0008_data_version.sql",   "0009_sessions.sql",
                                       "0010_intake.sql",         "0011_groups.sql",
                                       "0013_indicator_sets.sql", "0014_score_sheets.sql",
                                       "0019_kept_forms.sql",     "0020_contact_kind_index.sql"};
  std::vector<Migration> out;
  int version = 0;
  for (const char* file : kFiles) {
    out.push_back({++version, EmbeddedStorageFile(std::string(dialect) + "/" + file), file});
  }
  return out;
}

StatusOr<std::vector<std::pair<int, std::string>>> LayoutChanges(
    const Codebook& codebook, const std::vector<std::pair<int, std::string>>& stored) {
  std::vector<std::string> current = codebook.StorageLayout();
  std::map<int, std::string> old(stored.begin(), stored.end());
  std::vector<std::pair<int, std::string>> changes;
  for (size_t slot = 0; slot < current.size(); ++slot) {
    auto it = old.find(static_cast<int>(slot));
    if (it == old.end()) {
      if (!current[slot].empty()) changes.emplace_back(static_cast<int>(slot), current[slot]);
      continue;
    }
    // Same variable, and the stored codes a prefix of the current codes.
    if (!StartsWith(current[slot], it->second) ||
        (current[slot].size() > it->second.size() && current[slot][it->second.size()] != ',')) {
      return Incompatible("answer slot " + std::to_string(slot) + " holds '" + it->second +
                          "' in the database but the codebook says '" + current[slot] + "'");
    }
    if (current[slot] != it->second) changes.emplace_back(static_cast<int>(slot), current[slot]);
  }
  for (const auto& [slot, entry] : old)
    if (static_cast<size_t>(slot) >= current.size() || current[static_cast<size_t>(slot)].empty())
      return Incompatible("answer slot " + std::to_string(slot) + " (" + entry + ") is gone from the codebook");
  return changes;
}

}  // namespace opkomst
