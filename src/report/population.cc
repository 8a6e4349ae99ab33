#include "report/population.h"

#include "report/engine.h"

namespace opkomst::report {

Populations::Populations(const Dataset& data, const Filters& filters) : data_(data), filters_(filters), sets_(6) {
  const Code plus = *data.codebook().field("track").options.FindCode("opkomst_plus");
  const int32_t cutoff = filters.as_of.days();
  const int32_t year_end = Date::FromYmd(filters.as_of.year(), 12, 31)->days();
  std::vector<bool> scored(data.dossiers().size(), false);
  for (const Score& s : data.scores()) {
    int64_t i = data.Find(s.dossier_id);
    if (i >= 0) scored[static_cast<size_t>(i)] = true;
  }
  const auto& dossiers = data.dossiers();
  for (uint32_t i = 0; i < dossiers.size(); ++i) {
    const Facts& f = dossiers[i];
    if (filters.track && f.track != *filters.track) continue;
    if (filters.start_from && f.start < filters.start_from->days()) continue;
    if (filters.start_until && f.start > filters.start_until->days()) continue;
    if (scored[i]) sets_[5].push_back(i);
    if (f.start > year_end) continue;
    sets_[0].push_back(i);
    if (f.start > cutoff) continue;
    sets_[1].push_back(i);
    if (f.trajectory != 1) continue;
    sets_[2].push_back(i);
    if (Closed(i) || f.track == plus) sets_[3].push_back(i);
    int32_t birth_on = f.measured_on[static_cast<size_t>(Moment::kBirth)];
    if (data.Has(i, Moment::kBirth) && (birth_on == kNoDate || birth_on <= cutoff)) sets_[4].push_back(i);
  }
  SplitByTrack();
}

void Populations::SplitByTrack() {
  for (const auto& set : sets_) by_track_.push_back(report::ByTrack(data_, set));
}

bool Populations::Closed(size_t dossier) const {
  int32_t end = data_.dossiers()[dossier].end;
  return end != kNoDate && end <= filters_.as_of.days();
}

}  // namespace opkomst::report
