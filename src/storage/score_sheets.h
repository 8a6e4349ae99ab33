// Internal to src/storage/: scores and interview answers stored compactly
// (migration 0014). A dossier's scores at one measurement number are one
// row of score_sheet, a respondent's interview answers one row of
// interview_sheet, instead of a row per score or answer. This file owns
// what the stored text means; nothing else reads or writes it.
//
// Slots: every indicator name of a set has a slot number in score_slot,
// given once and kept for good (an indicator is known by its name and never
// renamed, domain/indicator_sets.h); a sheet holds one character per slot.
//
// score_sheet.scores: per slot the score's code as a character of
// kAnswerAlphabet, or '-' if the slot holds no score. Every score has the
// row's set_version and measured_on, except the ones listed after an '@':
// "<slot>,<set version>,<measured_on>;" each (measured_on empty for none).
//
// interview_sheet.answers: per slot two characters, the start and the end
// answer's number as a character of kAnswerAlphabet, '-' for no number;
// ".." if the respondent gave no answer for that indicator.
#ifndef OPKOMST_STORAGE_SCORE_SHEETS_H_
#define OPKOMST_STORAGE_SCORE_SHEETS_H_

#include <climits>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/dossier.h"
#include "storage/rows.h"
#include "storage/sql.h"
#include "storage/team.h"

namespace opkomst::storage {

// The migration whose SQL creates the sheets; MigrateToSheets runs with it.
inline constexpr std::string_view kScoreSheetMigration = "0014_score_sheets.sql";
inline constexpr std::string_view kCaseStudySet = "casestudy";
inline constexpr std::string_view kInterviewSet = "interview";

// score_sheet: dossier_id, moment, measured_on, set_version, scored, scores.
const TableShape& ScoreSheetTable();
// interview_sheet: respondent_id, dossier_id, track, answered, answers.
const TableShape& InterviewSheetTable();

// One statement outside or inside a transaction (SqlAccess::Query, SqlSession::Query).
using QueryRows = std::function<StatusOr<std::vector<SqlRow>>(const std::string& sql, const SqlRow& params)>;

// The slots of one indicator set's names (table score_slot).
class IndicatorSlots {
 public:
  static StatusOr<IndicatorSlots> Load(const QueryRows& query, std::string_view set_id);
  static StatusOr<IndicatorSlots> Load(SqlSession& session, std::string_view set_id);
  // The slot of `name`; a new one, written in the session's transaction, if
  // the name has none yet.
  StatusOr<int> Ensure(SqlSession& session, const std::string& name);
  std::optional<int> Find(std::string_view name) const;
  const std::string& Name(int slot) const { return names_[static_cast<size_t>(slot)]; }
  int size() const { return static_cast<int>(names_.size()); }
  // The slots in the byte order of their names: the order scans hand
  // scores out in (as the old tables' ORDER BY indicator did).
  const std::vector<int>& ByName() const { return by_name_; }
  // For each slot, the index of its name in `set`'s indicators, or -1.
  std::vector<int> IndicesIn(const IndicatorSet& set) const;

 private:
  void Sort();
  std::string set_id_;
  std::vector<std::string> names_;  // by slot
  std::vector<int> by_name_;
};

// Makes sure every indicator of the codebook's sets has a slot; returns,
// for each indicator index of `set`, its slot.
StatusOr<std::vector<int>> EnsureSlots(SqlSession& session, const IndicatorSet& set);

// One dossier's scores at one measurement number, collected and then
// written as one row.
// Small: an import holds one per measurement of the whole folder.
class ScoreSheet {
 public:
  // False (nothing changed) if `slot` holds a score already or `code` has
  // no character.
  bool Put(int slot, Code code, int set_version, std::optional<Date> measured_on);
  Row ToRow(const std::string& dossier_id, int moment) const;
  int scored() const { return scored_; }

 private:
  static constexpr int32_t kNoDate = INT32_MIN;
  std::string codes_;
  std::unique_ptr<std::string> exceptions_;  // rare: null until a score differs
  int32_t measured_on_ = kNoDate;            // days
  int32_t set_version_ = 1;
  int32_t scored_ = 0;
};

// One score of a stored sheet, as ForEachScore hands it out.
struct SheetScore {
  int slot = 0;
  Code code = kMissing;
  int set_version = 1;
  std::string_view measured_on;  // the stored text; empty for none
};
// Visits the scores of a stored score_sheet row (its columns from
// measured_on on: measured_on, set_version, scores) in the order of
// `slot_order`. kIncompatible if the text is unreadable.
Status ForEachScore(const Cell& measured_on, const Cell& set_version, const Cell& scores,
                    const std::vector<int>& slot_order, const std::function<Status(const SheetScore&)>& visit);

// One respondent's interview answers, collected and then written as one row.
class InterviewSheet {
 public:
  InterviewSheet(std::string dossier_id, std::string track)
      : dossier_id_(std::move(dossier_id)), track_(std::move(track)) {}
  // kInvalidInput if the answer names another dossier or track than the
  // respondent's earlier ones, or holds a number the sheet cannot store;
  // kAlreadyExists if the slot is answered already.
  Status Put(const std::string& respondent_id, const std::string& dossier_id, const std::string& track, int slot,
             std::optional<int> start, std::optional<int> end);
  Row ToRow(const std::string& respondent_id) const;

 private:
  std::string dossier_id_, track_, answers_;
  int answered_ = 0;
};

struct SheetAnswer {
  int slot = 0;
  std::optional<int> start, end;
};
// Visits the answers of a stored interview_sheet.answers text in the order
// of `slot_order`.
Status ForEachAnswer(const Cell& answers, const std::vector<int>& slot_order,
                     const std::function<Status(const SheetAnswer&)>& visit);

// The web application's scoring (UnitOfWork::PutScores, team::PutScores):
// replaces the sheet of one measurement number with `scores` (none: no sheet).
Status ReplaceScoreSheet(SqlSession& session, const Codebook& codebook, const std::string& dossier_id, int moment,
                         const std::string& measured_on, const std::vector<team::StoredScore>& scores);
// A dossier's scores by measurement number, then indicator name.
StatusOr<std::vector<team::StoredScore>> ReadScoreSheets(const QueryRows& query, const Codebook& codebook,
                                                         const std::string& dossier_id);

// Migration 0014's data step, in its transaction: moves every row of the
// old tables score and interview into sheets through `write` (the store's
// bulk writer; the caller finishes it and drops the old tables). `stream`
// streams a query's rows. kIncompatible, and nothing moved, if an old row
// cannot be read.
using StreamRows = std::function<Status(const std::string& sql, const std::function<Status(const Row&)>& visit)>;
using WriteRow = std::function<Status(const TableShape& table, const Row& row)>;
Status MigrateToSheets(SqlSession& session, const Codebook& codebook, const StreamRows& stream, const WriteRow& write);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_SCORE_SHEETS_H_
