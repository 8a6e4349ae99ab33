// Reading an exchange folder (see exchange.h). This file handles the CSV,
// the headers and the parsing of cells (dates, codes, whole numbers), and
// the rules that span records of the folder and the database (duplicates,
// references, trajectory order). The rules of each record are the domain's
// (domain/record_rules.h), the same the web forms and use cases apply.
#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_set>

#include "domain/dossier_columns.h"
#include "domain/text.h"
#include "domain/validation.h"
#include "exchange/csv.h"
#include "exchange/exchange.h"

namespace opkomst {
namespace {

// Columns a spreadsheet may carry that the codebook derives from the others
// (CODEBOOK §2 "Derived flags", §4): opkomst computes them itself, so they
// are recognised and left unread rather than refused as unknown.
const std::vector<std::string> kDerivedDossierColumns = {"in_p0",
                                                         "in_p1",
                                                         "is_first_trajectory",
                                                         "in_p2",
                                                         "is_closed",
                                                         "in_p3",
                                                         "in_p4",
                                                         "m2_reference_date",
                                                         "start_year",
                                                         "status",
                                                         "duration_months",
                                                         "gestation_month_at_start",
                                                         "opkomstplus_profile"};
const std::vector<std::string> kDerivedMeasurementColumns = {"n_difficulties",
                                                             "n_difficulties_unknown",
                                                             "n_difficulties_start",
                                                             "n_difficulties_unknown_start",
                                                             "n_admin_in_order",
                                                             "n_admin_unknown",
                                                             "n_admin_in_order_start",
                                                             "n_admin_in_order_end",
                                                             "n_admin_unknown_start",
                                                             "more_than_5_admin_in_order",
                                                             "more_than_5_admin_in_order_end",
                                                             "housing_quality",
                                                             "housing_quality_start",
                                                             "housing_quality_end",
                                                             "income_mother_group",
                                                             "income_father_has_income"};
const std::vector<std::string> kNoDerivedColumns;

const std::vector<std::string>& DerivedColumns(const std::string& file) {
  return file == "dossiers.csv"       ? kDerivedDossierColumns
         : file == "measurements.csv" ? kDerivedMeasurementColumns
                                      : kNoDerivedColumns;
}

// The columns of one file as found in its header.
class Header {
 public:
  // Returns false if the file cannot be used (a required column is missing).
  bool Parse(const std::vector<std::string>& fields, const std::vector<std::string>& known,
             const std::vector<std::string>& required, const ReadOptions& options, const std::string& file,
             Findings* findings) {
    bool usable = true;
    std::string allowed;
    for (const std::string& k : known) allowed += (allowed.empty() ? "" : ", ") + k;
    const std::vector<std::string>& derived = DerivedColumns(file);
    for (size_t i = 0; i < fields.size(); ++i) {
      std::string name = FoldForMatch(fields[i]);
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        if (std::find(derived.begin(), derived.end(), name) != derived.end()) {
          if (options.notice) options.notice({file, 1, fields[i], "", "header.derived_column", ""});
        } else if (!options.ignore_unknown_columns) {
          findings->Add({file, 1, fields[i], "", "header.unknown_column", allowed});
        }
        continue;
      }
      if (index_.count(name)) {
        findings->Add({file, 1, fields[i], "", "header.duplicate_column", ""});
        usable = false;
        continue;
      }
      index_[name] = static_cast<int>(i);
    }
    for (const std::string& r : required) {
      if (!index_.count(r)) {
        findings->Add({file, 1, r, "", "header.missing_column", ""});
        usable = false;
      }
    }
    width_ = fields.size();
    return usable;
  }
  int Index(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? -1 : it->second;
  }
  size_t width() const { return width_; }

 private:
  std::map<std::string, int> index_;
  size_t width_ = 0;
};

struct DossierEntry {
  Code track = kMissing;
  Date start_date;
  std::optional<Date> end_date;
  std::array<int, kMomentCount> moment_line{};  // line of the measurement per moment; 0 = none
};

class FolderReader {
 public:
  FolderReader(const std::string& dir, const Codebook& codebook, const KnownDossiers& known, const ReadOptions& options,
               RecordSink* sink, Findings* findings)
      : dir_(dir), codebook_(codebook), known_(known), options_(options), sink_(sink), findings_(findings) {}

  Status Run() {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const char* f : {"dossiers.csv", "measurements.csv", "scores.csv", "interviews.csv"}) {
      auto size = fs::file_size(fs::path(dir_) / f, ec);
      if (!ec) total_bytes_ += static_cast<long long>(size);
    }
    for (const auto& [id, k] : known_) {
      index_[id] = static_cast<int>(entries_.size());
      entries_.push_back({k.track, k.start_date, std::nullopt, {}});
    }
    OPKOMST_RETURN_IF_ERROR(ReadDossiers());
    OPKOMST_RETURN_IF_ERROR(ReadFile("measurements.csv", &FolderReader::MeasurementRow, MeasurementColumns(codebook_),
                                     {"dossier_id", "moment"}));
    score_sheets_.reserve(entries_.size() * 3);  // about three measurements a dossier: no rehashing
    OPKOMST_RETURN_IF_ERROR(ReadFile("scores.csv", &FolderReader::ScoreRow, ScoreColumns(),
                                     {"dossier_id", "moment", "indicator", "score"}));
    OPKOMST_RETURN_IF_ERROR(ReadFile("interviews.csv", &FolderReader::InterviewRow, InterviewColumns(),
                                     {"respondent_id", "track", "indicator"}));
    Progress(true);
    return Status::Ok();
  }

 private:
  using RowHandler = Status (FolderReader::*)(const std::vector<std::string>&);

  bool writing() const { return sink_ != nullptr && findings_->empty(); }

  void Progress(bool force) {
    if (!options_.progress) return;
    long long now = done_bytes_ + (reader_ ? reader_->bytes_read() : 0);
    if (force || ++progress_tick_ % 4096 == 0) options_.progress(now, total_bytes_);
  }

  // Opens `file`, parses its header and calls `handler` for each record.
  // Returns not-ok only for sink failures.
  Status ReadFile(const std::string& file, RowHandler handler, const std::vector<std::string>& columns,
                  const std::vector<std::string>& required, bool must_exist = false) {
    namespace fs = std::filesystem;
    fs::path path = fs::path(dir_) / file;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      if (must_exist) findings_->Add({file, 0, "", "", "file.missing", ""});
      return Status::Ok();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      findings_->Add({file, 0, "", "", "file.unreadable", "open failed"});
      return Status::Ok();
    }
    CsvReader reader(&in, file);
    reader_ = &reader;
    file_ = file;
    std::vector<std::string> fields;
    Finding error;
    CsvReader::Result result = reader.Next(&fields, &error);
    if (result == CsvReader::Result::kEnd ||
        (result == CsvReader::Result::kRecord && fields.size() == 1 && Trim(fields[0]).empty())) {
      findings_->Add({file, 1, "", "", "csv.empty_file", ""});
    } else if (result == CsvReader::Result::kError) {
      findings_->Add(error);
    } else if (header_.Parse(fields, columns, required, options_, file, findings_)) {
      while ((result = reader.Next(&fields, &error)) != CsvReader::Result::kEnd) {
        Progress(false);
        if (result == CsvReader::Result::kError) {
          findings_->Add(error);
          continue;
        }
        if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
        line_ = reader.record_line();
        if (fields.size() != header_.width()) {
          findings_->Add(
              {file, line_, "", std::to_string(fields.size()), "csv.field_count", std::to_string(header_.width())});
          continue;
        }
        OPKOMST_RETURN_IF_ERROR((this->*handler)(fields));
      }
    }
    done_bytes_ += reader.bytes_read();
    reader_ = nullptr;
    header_ = Header();
    return Status::Ok();
  }

  // ---- cell access and parsing -------------------------------------------

  std::string_view Cell(const std::vector<std::string>& row, const std::string& column) const {
    int i = header_.Index(column);
    return i < 0 ? std::string_view() : Trim(row[static_cast<size_t>(i)]);
  }

  void Add(const std::string& column, std::string_view value, const std::string& rule,
           const std::string& expected = "") {
    findings_->Add({file_, line_, column, std::string(value), rule, expected});
  }

  // Free text of a record without a domain validator (the interview's
  // respondent_id), checked with the domain's id limits.
  std::string Text(const std::vector<std::string>& row, const std::string& column, bool required, size_t max) {
    std::string_view v = Cell(row, column);
    if (v.empty() && required) Add(column, v, "value.required");
    if (v.size() > max) Add(column, v, "value.too_long", std::to_string(max));
    // Free text only (ids, names, the referrer): codes, dates and numbers
    // never come through here, so a negative number is not refused.
    CheckFreeText(file_, line_, column, v, findings_);
    return std::string(v);
  }

  Code Coded(const std::vector<std::string>& row, const std::string& column, const OptionList& options, bool required) {
    std::string_view v = Cell(row, column);
    if (v.empty()) {
      if (required) Add(column, v, "value.required");
      return kMissing;
    }
    auto code = options.Find(v);
    if (!code) {
      Add(column, v, "value.code", options.CodesForMessage());
      return kMissing;
    }
    return *code;
  }

  std::optional<Date> DateCell(const std::vector<std::string>& row, const std::string& column, bool required) {
    std::string_view v = Cell(row, column);
    if (v.empty()) {
      if (required) Add(column, v, "value.required");
      return std::nullopt;
    }
    auto date = Date::Parse(v);
    if (!date) Add(column, v, "value.date");
    return date;
  }

  // A whole number; its range is the record's rule (`range` only names it
  // in the message of a cell that is not a number at all).
  std::optional<int> IntCell(const std::vector<std::string>& row, const std::string& column, WholeRange range) {
    std::string_view v = Cell(row, column);
    if (v.empty()) return std::nullopt;
    auto n = ParseInteger(v);
    if (n && (*n < -1000000 || *n > 1000000)) {
      Add(column, v, "value.range", range.Text());  // far outside every range, and of int
      return std::nullopt;
    }
    if (!n) {
      Add(column, v, "value.integer", range.Text());
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }

  // Adds the record rule findings of this line, except for a column whose
  // cell already has a finding from parsing (one finding per cell).
  void AddRecordFindings(const Findings& record, size_t first_of_row) {
    const auto& items = findings_->items();
    for (const Finding& f : record.items()) {
      bool parsed_badly = false;
      for (size_t i = first_of_row; i < items.size(); ++i)
        parsed_badly = parsed_badly || (items[i].line == line_ && items[i].column == f.column);
      if (!parsed_badly) findings_->Add({file_, line_, f.column, f.value, f.rule, f.expected});
    }
  }

  // Index of a dossier in this folder or the database, or -1 (with a finding).
  int DossierIndex(const std::vector<std::string>& row, bool required) {
    std::string_view id = Cell(row, "dossier_id");
    if (id.empty()) {
      if (required) Add("dossier_id", id, "value.required");
      return -1;
    }
    auto it = index_.find(std::string(id));
    if (it == index_.end()) {
      Add("dossier_id", id, "dossier.unknown");
      return -1;
    }
    return it->second;
  }

  // ---- dossiers.csv --------------------------------------------------------

  Status ReadDossiers() {
    OPKOMST_RETURN_IF_ERROR(ReadFile("dossiers.csv", &FolderReader::DossierRow, DossierColumns(),
                                     {"dossier_id", "mother_id", "track", "start_date"}, true));
    AssignTrajectoryNumbers(known_, &dossiers_, &dossier_lines_, findings_);
    if (writing()) OPKOMST_RETURN_IF_ERROR(sink_->AddDossiers(dossiers_));
    dossiers_.clear();
    dossiers_.shrink_to_fit();
    return Status::Ok();
  }

  Status DossierRow(const std::vector<std::string>& row) {
    size_t before = findings_->count(), first_of_row = findings_->items().size();
    Dossier d;
    d.dossier_id = std::string(Cell(row, "dossier_id"));
    d.mother_id = std::string(Cell(row, "mother_id"));
    d.trajectory_number = IntCell(row, "trajectory_number", kTrajectoryNumberRange).value_or(0);
    d.track = Coded(row, "track", codebook_.field("track").options, false);
    auto start = DateCell(row, "start_date", true);
    d.end_date = DateCell(row, "end_date", false);
    d.social_worker = std::string(Cell(row, "social_worker"));
    d.referrer = std::string(Cell(row, "referrer"));
    d.referrer_type = Coded(row, "referrer_type", codebook_.field("referrer_type").options, false);
    d.due_date = DateCell(row, "due_date", false);
    d.child_birth_date = DateCell(row, "child_birth_date", false);
    d.child_age_months_at_start = IntCell(row, "child_age_months_at_start", kChildAgeMonthsRange);
    d.pregnant_at_start = Coded(row, "pregnant_at_start", codebook_.field("pregnant_at_start").options, false);
    d.first_pregnancy = Coded(row, "first_pregnancy", codebook_.field("first_pregnancy").options, false);
    d.mother_age_at_start = IntCell(row, "mother_age_at_start", kMotherAgeRange);
    if (start) d.start_date = *start;
    Dossier judged = d;
    if (!start) judged.end_date.reset();  // no start to compare with; its cell has a finding
    AddRecordFindings(ValidateDossier(codebook_, judged), first_of_row);
    if (!d.dossier_id.empty()) {
      auto [it, inserted] = index_.emplace(d.dossier_id, static_cast<int>(entries_.size()));
      if (!inserted) {
        if (known_.count(d.dossier_id)) {
          Add("dossier_id", d.dossier_id, "dossier.exists");
        } else {
          Add("dossier_id", d.dossier_id, "dossier.duplicate_id", std::to_string(entry_line_[it->second]));
        }
        return Status::Ok();
      }
      entries_.push_back({d.track, d.start_date, d.end_date, {}});
      entry_line_[it->second] = line_;
    }
    if (findings_->count() == before) {
      dossiers_.push_back(std::move(d));
      dossier_lines_.push_back(line_);
    }
    return Status::Ok();
  }

  // ---- measurements.csv ----------------------------------------------------

  Status MeasurementRow(const std::vector<std::string>& row) {
    size_t before = findings_->count(), first_of_row = findings_->items().size();
    int dossier = DossierIndex(row, true);
    std::string_view moment_text = Cell(row, "moment");
    auto moment = ParseMoment(moment_text);
    if (moment_text.empty()) {
      Add("moment", moment_text, "value.required");
    } else if (!moment) {
      Add("moment", moment_text, "value.moment");
    }
    Measurement m;
    m.measured_on = DateCell(row, "measured_on", false);
    const auto& variables = codebook_.variables();
    if (variable_columns_.empty()) {  // once per file: the column of each variable
      for (const Variable& v : variables) variable_columns_.push_back(header_.Index(v.name));
    }
    m.values.assign(variables.size(), kMissing);
    for (size_t i = 0; i < variables.size(); ++i) {
      const Variable& v = variables[i];
      int column = variable_columns_[i];
      if (column < 0) continue;
      std::string_view cell = Trim(row[static_cast<size_t>(column)]);
      if (cell.empty()) continue;
      if (v.type == VariableType::kCount) {
        auto n = IntCell(row, v.name, {v.min, v.max});
        Findings range;
        if (n) CheckCount(v, *n, &range);
        AddRecordFindings(range, first_of_row);
        m.values[i] = n && range.empty() ? static_cast<Code>(*n) : kMissing;
      } else if (auto code = v.options->Find(cell)) {
        m.values[i] = *code;
      } else {
        Add(v.name, cell, "value.code", v.options->CodesForMessage());
      }
    }
    if (dossier >= 0 && moment) {
      DossierEntry& entry = entries_[static_cast<size_t>(dossier)];
      int& seen = entry.moment_line[static_cast<size_t>(*moment)];
      if (seen != 0) {
        Add("moment", moment_text, "measurement.duplicate", std::to_string(seen));
      } else {
        seen = line_;
      }
    }
    Measurement judged = m;
    if (dossier < 0) judged.measured_on.reset();  // no dossier to compare with; its cell has a finding
    Date start = dossier >= 0 ? entries_[static_cast<size_t>(dossier)].start_date : Date();
    AddRecordFindings(ValidateMeasurement(codebook_, start, judged), first_of_row);
    if (moment) m.moment = *moment;
    if (writing() && findings_->count() == before)
      return sink_->AddMeasurement(std::string(Cell(row, "dossier_id")), m);
    return Status::Ok();
  }

  // ---- scores.csv ----------------------------------------------------------

  Status ScoreRow(const std::vector<std::string>& row) {
    size_t before = findings_->count(), first_of_row = findings_->items().size();
    const IndicatorSet& set = codebook_.indicator_set("casestudy");
    Score s;
    int dossier = DossierIndex(row, true);
    s.dossier_id = std::string(Cell(row, "dossier_id"));
    std::string_view moment_text = Cell(row, "moment");
    auto moment = ParseInteger(moment_text);
    if (!moment) {
      Add("moment", moment_text, moment_text.empty() ? "value.required" : "value.measurement_number");
    } else {
      s.moment = static_cast<int>(std::clamp<long long>(*moment, -1, 1000000));  // the range is ValidateScore's
    }
    s.measured_on = DateCell(row, "measured_on", false);
    std::string_view indicator = Cell(row, "indicator");
    auto index = set.FindIndicator(indicator);
    if (!index) {
      Add("indicator", indicator, indicator.empty() ? "value.required" : "value.indicator", set.title_nl);
    } else {
      s.indicator = *index;
    }
    std::string_view score = Cell(row, "score");
    auto code = set.ParseScore(score);
    if (!code) {
      Add("score", score, score.empty() ? "value.required" : "value.score", set.ScoresForMessage());
    } else {
      s.score = *code;
    }
    if (code) AddRecordFindings(ValidateScore(codebook_, s), first_of_row);
    if (dossier >= 0 && moment && kMeasurementNumberRange.Contains(*moment) && index) {
      uint64_t key = (static_cast<uint64_t>(dossier) << 20) | static_cast<uint64_t>(*moment);
      int& first = LineOf(score_sheets_, key, score_lines_, set.indicators.size(), static_cast<size_t>(*index));
      if (first != 0) Add("indicator", indicator, "score.duplicate", std::to_string(first));
      if (first == 0) first = line_;
    }
    if (writing() && findings_->count() == before) return sink_->AddScore(s);
    return Status::Ok();
  }

  // ---- interviews.csv ------------------------------------------------------

  Status InterviewRow(const std::vector<std::string>& row) {
    size_t before = findings_->count();
    const IndicatorSet& set = codebook_.indicator_set("interview");
    InterviewAnswer a;
    a.respondent_id = Text(row, "respondent_id", true, kMaxIdLength);
    int dossier = DossierIndex(row, false);
    a.dossier_id = std::string(Cell(row, "dossier_id"));
    a.track = Coded(row, "track", codebook_.field("track").options, true);
    if (dossier >= 0 && a.track != kMissing && entries_[static_cast<size_t>(dossier)].track != a.track) {
      const auto& options = codebook_.field("track").options;
      Add("track", Cell(row, "track"), "dossier.track_mismatch",
          options.at(entries_[static_cast<size_t>(dossier)].track).code);
    }
    std::string_view indicator = Cell(row, "indicator");
    auto index = set.FindIndicator(indicator);
    if (!index) {
      Add("indicator", indicator, indicator.empty() ? "value.required" : "value.indicator", set.title_nl);
    } else {
      a.indicator = *index;
    }
    for (auto [column, target] : {std::pair{"score_start", &a.score_start}, std::pair{"score_end", &a.score_end}}) {
      std::string_view v = Cell(row, column);
      if (v.empty()) continue;
      auto code = set.ParseScore(v);
      auto number = code ? set.NumericValue(*code) : std::nullopt;
      if (!number) {
        Add(column, v, "value.score", set.ScoresForMessage());
      } else {
        *target = *number;
      }
    }
    if (!a.respondent_id.empty() && index) {
      int& first = LineOf(interview_sheets_, a.respondent_id, interview_lines_, set.indicators.size(),
                          static_cast<size_t>(*index));
      if (first != 0) Add("indicator", indicator, "interview.duplicate", std::to_string(first));
      if (first == 0) first = line_;
    }
    if (writing() && findings_->count() == before) return sink_->AddInterview(a);
    return Status::Ok();
  }

  const std::string& dir_;
  const Codebook& codebook_;
  const KnownDossiers& known_;
  const ReadOptions& options_;
  RecordSink* sink_;
  Findings* findings_;

  CsvReader* reader_ = nullptr;
  Header header_;
  std::string file_;
  int line_ = 0;
  long long total_bytes_ = 0, done_bytes_ = 0;
  long long progress_tick_ = 0;

  std::unordered_map<std::string, int> index_;  // dossier_id -> entries_
  std::vector<DossierEntry> entries_;
  std::unordered_map<int, int> entry_line_;  // entries_ index -> dossiers.csv line
  std::vector<Dossier> dossiers_;            // valid rows of dossiers.csv
  std::vector<int> dossier_lines_;
  // The line of each score and interview answer seen, for the duplicate
  // rule: per (dossier, moment) or respondent a run of one line number per
  // indicator of the set (0: none yet), found through the map. A few bytes
  // per score in any row order, where a map entry per score cost tens.
  template <typename Key>
  static int& LineOf(std::unordered_map<Key, uint32_t>& runs, const Key& key, std::vector<int>& lines, size_t width,
                     size_t index) {
    auto [it, added] = runs.try_emplace(key, static_cast<uint32_t>(lines.size() / width));
    if (added) lines.resize(lines.size() + width, 0);
    return lines[it->second * width + index];
  }
  std::unordered_map<uint64_t, uint32_t> score_sheets_;
  std::vector<int> score_lines_;
  std::unordered_map<std::string, uint32_t> interview_sheets_;
  std::vector<int> interview_lines_;
  std::vector<int> variable_columns_;  // measurements.csv column per codebook variable
};

}  // namespace

std::vector<std::string> DossierColumns() {
  return std::vector<std::string>(kDossierColumnNames.begin(), kDossierColumnNames.end());
}

std::vector<std::string> MeasurementColumns(const Codebook& codebook) {
  std::vector<std::string> columns = {"dossier_id", "moment", "measured_on"};
  for (const Variable& v : codebook.variables()) columns.push_back(v.name);
  return columns;
}

std::vector<std::string> ScoreColumns() { return {"dossier_id", "moment", "measured_on", "indicator", "score"}; }

std::vector<std::string> InterviewColumns() {
  return {"respondent_id", "dossier_id", "track", "indicator", "score_start", "score_end"};
}

Status ReadExchangeFolder(const std::string& dir, const Codebook& codebook, const KnownDossiers& known,
                          const ReadOptions& options, RecordSink* sink, Findings* findings) {
  FolderReader reader(dir, codebook, known, options, sink, findings);
  return reader.Run();
}

}  // namespace opkomst
