#include "report/population.h"

#include "report/engine.h"

namespace opkomst::report {

Populations::Populations(const Dataset& data, const Filters& filters) : data_(data), filters_(filters), sets_(6) {
  const Code plus = *data.codebook().field("track").options.FindCode("opkomst_plus");
  const int32_t cutoff = filters.as_of.days();
  const int32_t year_end = Date::FromYmd(filters.as_of.year(), 12, 31)->days();
  std::vector<bool> scored(data.size(), false);
  for (uint32_t i : data.scored_dossiers()) scored[i] = true;
  for (size_t p = 0; p < 5; ++p) sets_[p].reserve(data.size());  // all but P5 hold most dossiers
  const DossierColumns& d = data.dossiers();
  const auto& births = d.measured_on[static_cast<size_t>(Moment::kBirth)];
  for (uint32_t i = 0; i < data.size(); ++i) {
    if (filters.track && d.track[i] != *filters.track) continue;
    if (filters.start_from && d.start[i] < filters.start_from->days()) continue;
    if (filters.start_until && d.start[i] > filters.start_until->days()) continue;
    if (scored[i]) sets_[5].push_back(i);
    if (d.start[i] > year_end) continue;
    sets_[0].push_back(i);
    if (d.start[i] > cutoff) continue;
    sets_[1].push_back(i);
    if (d.trajectory[i] != 1) continue;
    sets_[2].push_back(i);
    if (Closed(i) || d.track[i] == plus) sets_[3].push_back(i);
    if (data.Has(i, Moment::kBirth) && (births[i] == kNoDate || births[i] <= cutoff)) sets_[4].push_back(i);
  }
}

const std::vector<std::vector<uint32_t>>& Populations::ByTrack(Population p) const {
  size_t i = static_cast<size_t>(p);
  std::call_once(split_once_[i], [&] { by_track_[i] = report::ByTrack(data_, sets_[i]); });
  return by_track_[i];
}

bool Populations::Closed(size_t dossier) const {
  int32_t end = data_.dossiers().end[dossier];
  return end != kNoDate && end <= filters_.as_of.days();
}

}  // namespace opkomst::report
