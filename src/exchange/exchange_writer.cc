// Writing an exchange folder (see exchange.h).
#include <cstdio>
#include <filesystem>

#include "domain/validation.h"
#include "exchange/csv.h"
#include "exchange/exchange.h"

namespace opkomst {
namespace {

std::string DateText(const std::optional<Date>& d) { return d ? d->ToString() : ""; }
std::string IntText(const std::optional<int>& n) { return n ? std::to_string(*n) : ""; }
std::string CodeText(const OptionList& options, Code c) { return c == kMissing ? "" : options.at(c).code; }

// Free text as a spreadsheet cannot run it (OWASP "CSV injection"): text
// that starts like a formula gets a leading apostrophe, which Excel and
// LibreOffice read as "this is text". Entry refuses such text, so only data
// stored before that rule, or planted in the store, is changed here.
std::string FreeText(const std::string& text) { return FormulaStart(text) ? "'" + text : text; }

}  // namespace

struct ExchangeWriter::File {
  std::string final_path, temp_path;
  std::FILE* handle = nullptr;
  std::unique_ptr<CsvWriter> csv;
  std::vector<char> buffer = std::vector<char>(1 << 20);
};

ExchangeWriter::ExchangeWriter(const Codebook& codebook, std::string dir) : codebook_(codebook), dir_(std::move(dir)) {}

ExchangeWriter::~ExchangeWriter() {
  for (auto& f : files_) {
    if (f->handle != nullptr) {
      std::fclose(f->handle);
      std::remove(f->temp_path.c_str());
    }
  }
}

Status ExchangeWriter::Begin() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Unavailable("cannot create folder " + dir_ + ": " + ec.message());
  const std::vector<std::pair<const char*, std::vector<std::string>>> specs = {
      {"dossiers.csv", DossierColumns()},
      {"measurements.csv", MeasurementColumns(codebook_)},
      {"scores.csv", ScoreColumns()},
      {"interviews.csv", InterviewColumns()}};
  for (const auto& [name, columns] : specs) {
    auto file = std::make_unique<File>();
    file->final_path = (fs::path(dir_) / name).string();
    file->temp_path = file->final_path + ".part";
    file->handle = std::fopen(file->temp_path.c_str(), "wb");
    if (file->handle == nullptr) return Unavailable("cannot write " + file->temp_path);
    std::setvbuf(file->handle, file->buffer.data(), _IOFBF, file->buffer.size());
    file->csv = std::make_unique<CsvWriter>(file->handle);
    file->csv->Row(columns);
    files_.push_back(std::move(file));
  }
  return Status::Ok();
}

void ExchangeWriter::WriteDossier(const Dossier& d) {
  row_ = {FreeText(d.dossier_id),
          FreeText(d.mother_id),
          d.trajectory_number > 0 ? std::to_string(d.trajectory_number) : "",
          CodeText(codebook_.field("track").options, d.track),
          d.start_date.ToString(),
          DateText(d.end_date),
          FreeText(d.social_worker),
          FreeText(d.referrer),
          CodeText(codebook_.field("referrer_type").options, d.referrer_type),
          DateText(d.due_date),
          DateText(d.child_birth_date),
          IntText(d.child_age_months_at_start),
          CodeText(codebook_.field("pregnant_at_start").options, d.pregnant_at_start),
          CodeText(codebook_.field("first_pregnancy").options, d.first_pregnancy),
          IntText(d.mother_age_at_start)};
  files_[0]->csv->Row(row_);
}

void ExchangeWriter::WriteMeasurement(const std::string& dossier_id, const Measurement& m) {
  row_.clear();
  row_.push_back(FreeText(dossier_id));
  row_.push_back(MomentCode(m.moment));
  row_.push_back(DateText(m.measured_on));
  const auto& variables = codebook_.variables();
  for (size_t i = 0; i < variables.size(); ++i) {
    Code v = i < m.values.size() ? m.values[i] : kMissing;
    if (v == kMissing) {
      row_.emplace_back();
    } else if (variables[i].type == VariableType::kCount) {
      row_.push_back(std::to_string(v));
    } else {
      row_.push_back(variables[i].options->at(v).code);
    }
  }
  files_[1]->csv->Row(row_);
}

void ExchangeWriter::WriteScore(const Score& s) {
  const IndicatorSet& set = codebook_.indicator_set("casestudy");
  row_ = {FreeText(s.dossier_id), std::to_string(s.moment), DateText(s.measured_on),
          s.indicator < 0 ? s.added_indicator : set.indicators[static_cast<size_t>(s.indicator)].name,
          set.ScoreText(s.score)};
  files_[2]->csv->Row(row_);
}

void ExchangeWriter::WriteInterview(const InterviewAnswer& a) {
  const IndicatorSet& set = codebook_.indicator_set("interview");
  row_ = {FreeText(a.respondent_id),
          FreeText(a.dossier_id),
          CodeText(codebook_.field("track").options, a.track),
          set.indicators[static_cast<size_t>(a.indicator)].name,
          IntText(a.score_start),
          IntText(a.score_end)};
  files_[3]->csv->Row(row_);
}

Status ExchangeWriter::Finish() {
  for (auto& f : files_) {
    bool ok = f->csv->ok() && std::fflush(f->handle) == 0;
    ok = std::fclose(f->handle) == 0 && ok;
    f->handle = nullptr;
    if (!ok) return Unavailable("writing " + f->final_path + " failed (disk full?)");
  }
  for (auto& f : files_) {
    if (std::rename(f->temp_path.c_str(), f->final_path.c_str()) != 0)
      return Unavailable("cannot move " + f->temp_path + " into place");
  }
  files_.clear();
  return Status::Ok();
}

}  // namespace opkomst
