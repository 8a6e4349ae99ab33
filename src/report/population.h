// The analysis populations of REPORT_SPEC §0.1, for a cut-off date and
// optional filters on track and period of start.
#ifndef OPKOMST_REPORT_POPULATION_H_
#define OPKOMST_REPORT_POPULATION_H_

#include <array>
#include <mutex>
#include <optional>
#include <vector>

#include "domain/date.h"
#include "report/dataset.h"

namespace opkomst::report {

enum class Population {
  kP0,  // start up to the end of the cut-off's year, second trajectories included (Table 2)
  kP1,  // start on or before the cut-off, second trajectories included
  kP2,  // P1, first trajectories only: the descriptive set
  kP3,  // P2 and (closed by the cut-off or Opkomst+): the impact set
  kP4,  // P2 with a birth measurement: the extra-moment set
  kP5,  // dossiers with case-study scores
};

struct Filters {
  Date as_of;                       // the cut-off date
  std::optional<Code> track;        // only this track
  std::optional<Date> start_from;   // only dossiers started on or after
  std::optional<Date> start_until;  // ... and on or before
};

class Populations {
 public:
  Populations(const Dataset& data, const Filters& filters);
  // Dossier indices of the population, in id order.
  const std::vector<uint32_t>& Of(Population p) const { return sets_[static_cast<size_t>(p)]; }
  // The population split by track: {Opkomst+, Opkomst, all}. Made on first
  // use (from any thread): not every report needs every split.
  const std::vector<std::vector<uint32_t>>& ByTrack(Population p) const;
  // True if the dossier is closed on the cut-off date.
  bool Closed(size_t dossier) const;
  const Filters& filters() const { return filters_; }

 private:
  const Dataset& data_;
  Filters filters_;
  std::vector<std::vector<uint32_t>> sets_;
  mutable std::array<std::once_flag, 6> split_once_;
  mutable std::array<std::vector<std::vector<uint32_t>>, 6> by_track_;
};

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_POPULATION_H_
