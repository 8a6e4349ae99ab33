#include "storage/score_sheets.h"

#include <algorithm>

#include "domain/stored_records.h"
#include "domain/text.h"

namespace opkomst::storage {
namespace {

TableShape Shape(std::string name, std::vector<std::string> columns) {
  std::string list;
  for (const std::string& c : columns) list += (list.empty() ? "" : ", ") + c;
  return {std::move(name), std::move(columns), std::move(list)};
}

Status Unreadable(const std::string& what) { return Incompatible("stored scores unreadable: " + what); }

// A code or number as one character of kAnswerAlphabet; 0 if it has none.
char CodeChar(int code) {
  return code >= 0 && static_cast<size_t>(code) < kAnswerAlphabet.size() ? kAnswerAlphabet[static_cast<size_t>(code)]
                                                                         : '\0';
}

Cell OptionalText(std::string_view s) { return s.empty() ? Cell() : Cell(std::string(s)); }

std::string InsertSql(const TableShape& table) {
  std::string marks;
  for (size_t i = 0; i < table.columns.size(); ++i) marks += i ? ",?" : "?";
  return "INSERT INTO " + table.name + " (" + table.column_list + ") VALUES (" + marks + ")";
}

// A score's exception to its sheet's set version and date ("slot,version,date;").
struct Exception {
  int slot = 0, set_version = 1;
  std::string_view measured_on;
};

StatusOr<std::vector<Exception>> ParseExceptions(std::string_view text) {
  std::vector<Exception> out;
  while (!text.empty()) {
    size_t end = text.find(';');
    std::string_view item = text.substr(0, end);
    size_t first = item.find(','), second = first == std::string_view::npos ? first : item.find(',', first + 1);
    if (end == std::string_view::npos || second == std::string_view::npos) return Unreadable(std::string(text));
    auto slot = ParseInteger(item.substr(0, first));
    auto version = ParseInteger(item.substr(first + 1, second - first - 1));
    if (!slot || !version) return Unreadable(std::string(item));
    out.push_back({static_cast<int>(*slot), static_cast<int>(*version), item.substr(second + 1)});
    text.remove_prefix(end + 1);
  }
  return out;
}

}  // namespace

const TableShape& ScoreSheetTable() {
  static const TableShape table =
      Shape("score_sheet", {"dossier_id", "moment", "measured_on", "set_version", "scored", "scores"});
  return table;
}

const TableShape& InterviewSheetTable() {
  static const TableShape table =
      Shape("interview_sheet", {"respondent_id", "dossier_id", "track", "answered", "answers"});
  return table;
}

// ---- slots -----------------------------------------------------------------

StatusOr<IndicatorSlots> IndicatorSlots::Load(const QueryRows& query, std::string_view set_id) {
  OPKOMST_ASSIGN_OR_RETURN(std::vector<SqlRow> rows,
                           query("SELECT slot, indicator FROM score_slot WHERE set_id = ?", {std::string(set_id)}));
  IndicatorSlots slots;
  slots.set_id_ = std::string(set_id);
  for (const SqlRow& row : rows) {
    long long slot = row.size() == 2 && row[0] && row[1] ? ParseInteger(*row[0]).value_or(-1) : -1;
    if (slot < 0 || slot > 4096) return Unreadable("score_slot row");
    if (slots.names_.size() <= static_cast<size_t>(slot)) slots.names_.resize(static_cast<size_t>(slot) + 1);
    slots.names_[static_cast<size_t>(slot)] = *row[1];
  }
  slots.Sort();
  return slots;
}

StatusOr<IndicatorSlots> IndicatorSlots::Load(SqlSession& session, std::string_view set_id) {
  return Load([&](const std::string& sql, const SqlRow& params) { return session.Query(sql, params); }, set_id);
}

StatusOr<int> IndicatorSlots::Ensure(SqlSession& session, const std::string& name) {
  if (auto slot = Find(name)) return *slot;
  int slot = size();
  OPKOMST_RETURN_IF_ERROR(session
                              .Query("INSERT INTO score_slot (set_id, slot, indicator) VALUES (?, ?, ?)",
                                     {set_id_, std::to_string(slot), name})
                              .status());
  names_.push_back(name);
  Sort();
  return slot;
}

std::optional<int> IndicatorSlots::Find(std::string_view name) const {
  for (size_t slot = 0; slot < names_.size(); ++slot)
    if (names_[slot] == name) return static_cast<int>(slot);
  return std::nullopt;
}

std::vector<int> IndicatorSlots::IndicesIn(const IndicatorSet& set) const {
  std::vector<int> out(names_.size(), -1);
  for (size_t slot = 0; slot < names_.size(); ++slot)
    for (size_t i = 0; i < set.indicators.size(); ++i)
      if (set.indicators[i].name == names_[slot]) out[slot] = static_cast<int>(i);
  return out;
}

void IndicatorSlots::Sort() {
  by_name_.clear();
  for (size_t slot = 0; slot < names_.size(); ++slot)
    if (!names_[slot].empty()) by_name_.push_back(static_cast<int>(slot));
  std::sort(by_name_.begin(), by_name_.end(), [&](int a, int b) { return Name(a) < Name(b); });
}

StatusOr<std::vector<int>> EnsureSlots(SqlSession& session, const IndicatorSet& set) {
  OPKOMST_ASSIGN_OR_RETURN(IndicatorSlots slots, IndicatorSlots::Load(session, set.id));
  std::vector<int> out;
  for (const Indicator& indicator : set.indicators) {
    OPKOMST_ASSIGN_OR_RETURN(int slot, slots.Ensure(session, indicator.name));
    out.push_back(slot);
  }
  return out;
}

// ---- score sheets ------------------------------------------------------------

bool ScoreSheet::Put(int slot, Code code, int set_version, std::optional<Date> measured_on) {
  char c = CodeChar(code);
  if (slot < 0 || c == '\0') return false;
  if (codes_.size() <= static_cast<size_t>(slot)) codes_.resize(static_cast<size_t>(slot) + 1, '-');
  if (codes_[static_cast<size_t>(slot)] != '-') return false;
  codes_[static_cast<size_t>(slot)] = c;
  int32_t days = measured_on ? measured_on->days() : kNoDate;
  if (scored_ == 0) {
    set_version_ = set_version;
    measured_on_ = days;
  } else if (set_version != set_version_ || days != measured_on_) {
    if (!exceptions_) exceptions_ = std::make_unique<std::string>();
    *exceptions_ += std::to_string(slot) + "," + std::to_string(set_version) + "," +
                    (measured_on ? measured_on->ToString() : std::string()) + ";";
  }
  ++scored_;
  return true;
}

Row ScoreSheet::ToRow(const std::string& dossier_id, int moment) const {
  return {Cell(dossier_id),
          Cell(std::to_string(moment)),
          measured_on_ == kNoDate ? Cell() : Cell(Date::FromDays(measured_on_).ToString()),
          Cell(std::to_string(set_version_)),
          Cell(std::to_string(scored_)),
          Cell(exceptions_ ? codes_ + "@" + *exceptions_ : codes_)};
}

Status ForEachScore(const Cell& measured_on, const Cell& set_version, const Cell& scores,
                    const std::vector<int>& slot_order, const std::function<Status(const SheetScore&)>& visit) {
  if (!scores || !set_version) return Unreadable("score_sheet row");
  auto version = ParseInteger(*set_version);
  if (!version) return Unreadable("set_version " + *set_version);
  std::string_view text = *scores;
  size_t at = text.find('@');
  std::vector<Exception> exceptions;
  if (at != std::string_view::npos) {
    OPKOMST_ASSIGN_OR_RETURN(exceptions, ParseExceptions(text.substr(at + 1)));
    text = text.substr(0, at);
  }
  std::string_view date = measured_on ? std::string_view(*measured_on) : std::string_view();
  for (int slot : slot_order) {
    if (static_cast<size_t>(slot) >= text.size() || text[static_cast<size_t>(slot)] == '-') continue;
    SheetScore score{slot, StoredAnswerCode(text[static_cast<size_t>(slot)]), static_cast<int>(*version), date};
    if (score.code < 0) return Unreadable(std::string(text));
    for (const Exception& e : exceptions) {
      if (e.slot != slot) continue;
      score.set_version = e.set_version;
      score.measured_on = e.measured_on;
    }
    OPKOMST_RETURN_IF_ERROR(visit(score));
  }
  return Status::Ok();
}

// ---- interview sheets ------------------------------------------------------------

Status InterviewSheet::Put(const std::string& respondent_id, const std::string& dossier_id, const std::string& track,
                           int slot, std::optional<int> start, std::optional<int> end) {
  if (dossier_id != dossier_id_ || track != track_)
    return InvalidInput("the interview answers of respondent " + respondent_id +
                        " name different dossiers or tracks; one respondent has one dossier and track");
  char first = start ? CodeChar(*start) : '-', second = end ? CodeChar(*end) : '-';
  if (slot < 0 || first == '\0' || second == '\0')
    return InvalidInput("an interview answer of respondent " + respondent_id + " cannot be stored");
  size_t at = static_cast<size_t>(slot) * 2;
  if (answers_.size() < at + 2) answers_.resize(at + 2, '.');
  if (answers_[at] != '.') return AlreadyExists("respondent " + respondent_id + " answered that indicator already");
  answers_[at] = first;
  answers_[at + 1] = second;
  ++answered_;
  return Status::Ok();
}

Row InterviewSheet::ToRow(const std::string& respondent_id) const {
  return {Cell(respondent_id), OptionalText(dossier_id_), Cell(track_), Cell(std::to_string(answered_)),
          Cell(answers_)};
}

Status ForEachAnswer(const Cell& answers, const std::vector<int>& slot_order,
                     const std::function<Status(const SheetAnswer&)>& visit) {
  if (!answers) return Unreadable("interview_sheet row");
  std::string_view text = *answers;
  auto number = [&](char c, std::optional<int>* out) {
    if (c == '-') return true;
    Code code = StoredAnswerCode(c);
    if (code < 0) return false;
    *out = code;
    return true;
  };
  for (int slot : slot_order) {
    size_t at = static_cast<size_t>(slot) * 2;
    if (at + 1 >= text.size() || text[at] == '.') continue;
    SheetAnswer answer{slot, std::nullopt, std::nullopt};
    if (!number(text[at], &answer.start) || !number(text[at + 1], &answer.end)) return Unreadable(std::string(text));
    OPKOMST_RETURN_IF_ERROR(visit(answer));
  }
  return Status::Ok();
}

// ---- the web application's scoring ------------------------------------------------

Status ReplaceScoreSheet(SqlSession& session, const Codebook& codebook, const std::string& dossier_id, int moment,
                         const std::string& measured_on, const std::vector<team::StoredScore>& scores) {
  OPKOMST_RETURN_IF_ERROR(
      session.Query("DELETE FROM score_sheet WHERE dossier_id = ? AND moment = ?", {dossier_id, std::to_string(moment)})
          .status());
  if (scores.empty()) return Status::Ok();
  std::optional<Date> date;
  if (!measured_on.empty()) {
    date = Date::Parse(measured_on);
    if (!date) return InvalidInput("measured_on '" + measured_on + "' is no date");
  }
  const IndicatorSet& set = codebook.indicator_set(std::string(kCaseStudySet));
  OPKOMST_ASSIGN_OR_RETURN(IndicatorSlots slots, IndicatorSlots::Load(session, kCaseStudySet));
  ScoreSheet sheet;
  for (const team::StoredScore& score : scores) {
    auto code = set.ParseScore(score.score);
    if (!code) return InvalidInput("score '" + score.score + "' of indicator " + score.indicator + " is no score");
    OPKOMST_ASSIGN_OR_RETURN(int slot, slots.Ensure(session, score.indicator));
    if (!sheet.Put(slot, *code, score.set_version, date))
      return AlreadyExists("indicator " + score.indicator + " is scored twice");
  }
  return session.Query(InsertSql(ScoreSheetTable()), sheet.ToRow(dossier_id, moment)).status();
}

StatusOr<std::vector<team::StoredScore>> ReadScoreSheets(const QueryRows& query, const Codebook& codebook,
                                                         const std::string& dossier_id) {
  OPKOMST_ASSIGN_OR_RETURN(IndicatorSlots slots, IndicatorSlots::Load(query, kCaseStudySet));
  OPKOMST_ASSIGN_OR_RETURN(
      std::vector<SqlRow> rows,
      query("SELECT moment, measured_on, set_version, scores FROM score_sheet WHERE dossier_id = ? ORDER BY moment",
            {dossier_id}));
  const IndicatorSet& set = codebook.indicator_set(std::string(kCaseStudySet));
  std::vector<team::StoredScore> out;
  for (const SqlRow& row : rows) {
    long long moment = row[0] ? ParseInteger(*row[0]).value_or(-1) : -1;
    if (moment < 0) return Unreadable("moment");
    OPKOMST_RETURN_IF_ERROR(ForEachScore(row[1], row[2], row[3], slots.ByName(), [&](const SheetScore& s) {
      out.push_back({static_cast<int>(moment), std::string(s.measured_on), slots.Name(s.slot), set.ScoreText(s.code),
                     s.set_version});
      return Status::Ok();
    }));
  }
  return out;
}

// ---- migration 0014 ---------------------------------------------------------------

namespace {

// Slots for the codebook's indicators first, in its order, then for any
// other name the old table holds.
StatusOr<IndicatorSlots> SlotsForOldRows(SqlSession& session, const IndicatorSet& set, const std::string& table) {
  OPKOMST_RETURN_IF_ERROR(EnsureSlots(session, set).status());
  OPKOMST_ASSIGN_OR_RETURN(IndicatorSlots slots, IndicatorSlots::Load(session, set.id));
  OPKOMST_ASSIGN_OR_RETURN(std::vector<SqlRow> names,
                           session.Query("SELECT DISTINCT indicator FROM " + table + " ORDER BY indicator"));
  for (const SqlRow& row : names)
    if (row[0]) OPKOMST_RETURN_IF_ERROR(slots.Ensure(session, *row[0]).status());
  return slots;
}

Status MigrateScores(const IndicatorSet& set, const IndicatorSlots& slots, const StreamRows& stream,
                     std::vector<Row>* out) {
  std::vector<Row>& sheets = *out;
  std::string dossier_id;
  int moment = 0;
  ScoreSheet sheet;
  auto flush = [&] {
    if (sheet.scored() > 0) sheets.push_back(sheet.ToRow(dossier_id, moment));
    sheet = ScoreSheet();
  };
  OPKOMST_RETURN_IF_ERROR(
      stream("SELECT dossier_id, moment, measured_on, indicator, score, set_version FROM score "
             "ORDER BY dossier_id, moment",
             [&](const Row& r) -> Status {
               // -1 for an unreadable number (not optional: GCC 12 warns of a use before set).
               long long number = r[1] ? ParseInteger(*r[1]).value_or(-1) : -1;
               long long version = r[5] ? ParseInteger(*r[5]).value_or(-1) : -1;
               auto code = r[4] ? set.ParseScore(*r[4]) : std::nullopt;
               auto slot = r[3] ? slots.Find(*r[3]) : std::nullopt;
               std::string id = r[0].value_or("");
               // PostgreSQL's DATE as text, or SQLite's text: the first ten characters.
               std::optional<Date> date = r[2] ? Date::Parse(std::string_view(*r[2]).substr(0, 10)) : std::nullopt;
               if (number < 1 || version < 1 || !code || !slot || (r[2] && !date))
                 return Incompatible("score of dossier " + id + " indicator " + r[3].value_or("") + " '" +
                                     r[4].value_or("") + "' cannot be moved into a score sheet");
               if (id != dossier_id || number != moment) {
                 flush();
                 dossier_id = id;
                 moment = static_cast<int>(number);
               }
               sheet.Put(*slot, *code, static_cast<int>(version), date);
               return Status::Ok();
             }));
  flush();
  return Status::Ok();
}

Status MigrateInterviews(const IndicatorSlots& slots, const StreamRows& stream, std::vector<Row>* out) {
  std::vector<Row>& sheets = *out;
  std::string respondent;
  std::optional<InterviewSheet> sheet;
  OPKOMST_RETURN_IF_ERROR(
      stream("SELECT respondent_id, dossier_id, track, indicator, score_start, score_end FROM interview "
             "ORDER BY respondent_id",
             [&](const Row& r) -> Status {
               auto slot = r[3] ? slots.Find(*r[3]) : std::nullopt;
               std::optional<int> start, end;
               if (r[4]) start = ParseInteger(*r[4]).value_or(-1);
               if (r[5]) end = ParseInteger(*r[5]).value_or(-1);
               std::string id = r[0].value_or(""), dossier = r[1].value_or(""), track = r[2].value_or("");
               if (!slot) return Incompatible("interview answer of " + id + " cannot be moved into a sheet");
               if (!sheet || id != respondent) {
                 if (sheet) sheets.push_back(sheet->ToRow(respondent));
                 respondent = id;
                 sheet.emplace(dossier, track);
               }
               Status put = sheet->Put(id, dossier, track, *slot, start, end);
               if (!put.ok()) return Incompatible(put.message());
               return Status::Ok();
             }));
  if (sheet) sheets.push_back(sheet->ToRow(respondent));
  return Status::Ok();
}

}  // namespace

Status MigrateToSheets(SqlSession& session, const Codebook& codebook, const StreamRows& stream, const WriteRow& write) {
  // Every statement first, then the writes: on PostgreSQL the bulk writer's
  // COPY holds the connection until the caller finishes it.
  const IndicatorSet& set = codebook.indicator_set(std::string(kCaseStudySet));
  OPKOMST_ASSIGN_OR_RETURN(IndicatorSlots score_slots, SlotsForOldRows(session, set, "score"));
  OPKOMST_ASSIGN_OR_RETURN(IndicatorSlots interview_slots,
                           SlotsForOldRows(session, codebook.indicator_set(std::string(kInterviewSet)), "interview"));
  std::vector<Row> scores, interviews;
  OPKOMST_RETURN_IF_ERROR(MigrateScores(set, score_slots, stream, &scores));
  OPKOMST_RETURN_IF_ERROR(MigrateInterviews(interview_slots, stream, &interviews));
  for (const Row& row : scores) OPKOMST_RETURN_IF_ERROR(write(ScoreSheetTable(), row));
  for (const Row& row : interviews) OPKOMST_RETURN_IF_ERROR(write(InterviewSheetTable(), row));
  return Status::Ok();
}

}  // namespace opkomst::storage
