#include "report/dataset.h"

#include <algorithm>

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
  dossiers_.push_back(std::move(f));
}

Status Dataset::AddMeasurement(const std::string& id, const Measurement& m) {
  width_ = codebook_->variables().size();
  // Measurements arrive in dossier-id order: walk forward; fall back to a
  // search for callers that add them in another order.
  while (cursor_ < dossiers_.size() && dossiers_[cursor_].dossier_id < id) ++cursor_;
  size_t index = cursor_;
  if (index >= dossiers_.size() || dossiers_[index].dossier_id != id) {
    int64_t found = Find(id);
    if (found < 0) return NotFound("measurement for unknown dossier " + id);
    index = static_cast<size_t>(found);
  }
  Facts& f = dossiers_[index];
  f.answers[static_cast<size_t>(m.moment)] = static_cast<int32_t>(answers_.size() / width_);
  f.measured_on[static_cast<size_t>(m.moment)] = m.measured_on ? m.measured_on->days() : kNoDate;
  answers_.insert(answers_.end(), m.values.begin(), m.values.end());
  answers_.resize(answers_.size() + width_ - m.values.size(), kMissing);
  return Status::Ok();
}

StatusOr<Dataset> LoadDataset(Store* store, const Codebook& codebook) {
  Dataset data(codebook);
  OPKOMST_RETURN_IF_ERROR(store->ScanDossiers([&](const Dossier& d) {
    data.AddDossier(d);
    return Status::Ok();
  }));
  OPKOMST_RETURN_IF_ERROR(
      store->ScanMeasurements([&](const std::string& id, const Measurement& m) { return data.AddMeasurement(id, m); }));
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
