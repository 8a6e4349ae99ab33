#include "report/dataset.h"

#include <algorithm>
#include <array>
#include <thread>

#include "domain/text.h"

namespace opkomst::report {

int64_t Dataset::Find(const std::string& id) const {
  auto it = std::lower_bound(dossiers_.begin(), dossiers_.end(), id,
                             [](const Facts& f, const std::string& key) { return f.dossier_id < key; });
  if (it == dossiers_.end() || it->dossier_id != id) return -1;
  return it - dossiers_.begin();
}

void Dataset::AddDossier(const Dossier& d) {
  Facts f;
  f.dossier_id = d.dossier_id;
  f.track = d.track;
  f.start = d.start_date.days();
  f.end = d.end_date ? d.end_date->days() : kNoDate;
  f.trajectory = static_cast<int16_t>(d.trajectory_number);
  if (d.mother_age_at_start) f.mother_age = static_cast<int16_t>(*d.mother_age_at_start);
  if (auto age = ChildAgeMonthsAtStart(d)) f.child_age_months = static_cast<int16_t>(*age);
  f.pregnant_at_start = d.pregnant_at_start;
  f.first_pregnancy = d.first_pregnancy;
  f.referrer_type = d.referrer_type;
  f.referrer = d.referrer;
  f.referrer_group = ReferrerGroupOf(d.referrer);
  dossiers_.push_back(std::move(f));
}

Status Dataset::AddRawDossier(const Store::RawDossier& r) {
  // Columns: dossier_id 0, mother_id 1, trajectory_number 2, track 3,
  // start_date 4, end_date 5, social_worker 6, referrer 7, referrer_type 8,
  // due_date 9, child_birth_date 10, child_age_months_at_start 11,
  // pregnant_at_start 12, first_pregnancy 13, mother_age_at_start 14.
  const Codebook& cb = *codebook_;
  auto date = [](std::string_view text) -> std::optional<Date> {
    if (text.empty()) return std::nullopt;
    return Date::Parse(text.substr(0, 10));
  };
  auto code = [&](const char* field, std::string_view text) -> Code {
    if (text.empty()) return kMissing;
    return cb.field(field).options.FindCode(text).value_or(kMissing);
  };
  Dossier d;
  d.dossier_id = std::string(r[0]);
  auto start = date(r[4]);
  auto number = ParseInteger(r[2]);
  if (!start || !number) return Incompatible("stored dossier " + d.dossier_id + " is unreadable");
  d.start_date = *start;
  d.trajectory_number = static_cast<int>(*number);
  d.track = code("track", r[3]);
  d.end_date = date(r[5]);
  d.referrer = std::string(r[7]);
  d.referrer_type = code("referrer_type", r[8]);
  d.due_date = date(r[9]);
  d.child_birth_date = date(r[10]);
  if (auto age = ParseInteger(r[11])) d.child_age_months_at_start = static_cast<int>(*age);
  d.pregnant_at_start = code("pregnant_at_start", r[12]);
  d.first_pregnancy = code("first_pregnancy", r[13]);
  if (auto age = ParseInteger(r[14])) d.mother_age_at_start = static_cast<int>(*age);
  AddDossier(d);
  return Status::Ok();
}

Status Dataset::JoinMeasurements(MeasurementRows&& rows) {
  width_ = codebook_->variables().size();
  answers_ = std::move(rows.answers);
  size_t cursor = 0, start = 0;
  for (size_t r = 0; r < rows.moment.size(); ++r) {
    std::string_view id(rows.ids.data() + start, rows.id_end[r] - start);
    start = rows.id_end[r];
    while (cursor < dossiers_.size() && dossiers_[cursor].dossier_id < id) ++cursor;
    if (cursor == dossiers_.size() || dossiers_[cursor].dossier_id != id)
      return NotFound("measurement for unknown dossier " + std::string(id));
    dossiers_[cursor].answers[static_cast<size_t>(rows.moment[r])] = static_cast<int32_t>(r);
    dossiers_[cursor].measured_on[static_cast<size_t>(rows.moment[r])] = rows.measured_on[r];
  }
  return Status::Ok();
}

namespace {

Status ReadMeasurements(Store* store, const Codebook& codebook, size_t expected, MeasurementRows* rows) {
  const auto& variables = codebook.variables();
  const size_t width = variables.size();
  // Character -> code, for the stored answer alphabet (see EncodeAnswers).
  std::array<int16_t, 256> decode;
  decode.fill(-2);
  const std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  for (size_t k = 0; k < alphabet.size(); ++k)
    decode[static_cast<unsigned char>(alphabet[k])] = static_cast<int16_t>(k);
  decode['-'] = kMissing;
  rows->answers.reserve(expected * width);
  rows->moment.reserve(expected);
  rows->id_end.reserve(expected);
  rows->ids.reserve(expected * 8);
  rows->measured_on.reserve(expected);
  return store->ScanRawMeasurements([&](const Store::RawMeasurement& m) {
    rows->ids.append(m.dossier_id);
    rows->id_end.push_back(static_cast<uint32_t>(rows->ids.size()));
    rows->moment.push_back(static_cast<int8_t>(m.moment));
    auto on = Date::Parse(m.measured_on.substr(0, 10));
    rows->measured_on.push_back(on ? on->days() : kNoDate);
    for (size_t v = 0; v < width; ++v) {
      size_t slot = static_cast<size_t>(variables[v].slot);
      int16_t code = slot < m.answers.size() ? decode[static_cast<unsigned char>(m.answers[slot])] : kMissing;
      if (code == -2) return Incompatible("stored answer of " + std::string(m.dossier_id) + " is unreadable");
      rows->answers.push_back(static_cast<int8_t>(code));
    }
    return Status::Ok();
  });
}

}  // namespace

void Dataset::Reserve(size_t dossiers) { dossiers_.reserve(dossiers); }

StatusOr<Dataset> LoadDataset(Store* store, const Codebook& codebook, Store* second) {
  Dataset data(codebook);
  // Only sizes the buffers; an eighth more, since an estimate may fall short
  // and a vector that outgrows its buffer copies everything once more.
  auto counts = store->ApproximateCounts();
  if (!counts.ok()) return counts.status();
  counts->dossiers += counts->dossiers / 8;
  counts->measurements += counts->measurements / 8;
  data.Reserve(static_cast<size_t>(counts->dossiers));
  MeasurementRows rows;
  Status measured;
  std::thread reader;
  auto read = [&, n = static_cast<size_t>(counts->measurements)] {
    measured = ReadMeasurements(second != nullptr ? second : store, codebook, n, &rows);
  };
  if (second != nullptr) reader = std::thread(read);
  Status listed = store->ScanRawDossiers([&](const Store::RawDossier& row) { return data.AddRawDossier(row); });
  if (second != nullptr) {
    reader.join();
  } else if (listed.ok()) {
    read();
  }
  OPKOMST_RETURN_IF_ERROR(listed);
  OPKOMST_RETURN_IF_ERROR(measured);
  OPKOMST_RETURN_IF_ERROR(data.JoinMeasurements(std::move(rows)));
  OPKOMST_RETURN_IF_ERROR(store->ScanScores([&](const Score& s) {
    data.AddScore(s);
    return Status::Ok();
  }));
  OPKOMST_RETURN_IF_ERROR(store->ScanInterviews([&](const InterviewAnswer& a) {
    data.AddInterview(a);
    return Status::Ok();
  }));
  return data;
}

}  // namespace opkomst::report
