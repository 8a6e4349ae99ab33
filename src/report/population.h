// The analysis populations of REPORT_SPEC §0.1, for a cut-off date and
// optional filters on track and period of start.
#ifndef OPKOMST_REPORT_POPULATION_H_
#define OPKOMST_REPORT_POPULATION_H_

#include <array>
#include <memory>
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

// Work several tables of one report share (see Populations::Shared).
enum class SharedWork {
  kCaseStudyPairs,  // Tables 20-25: the first and latest score of each family (engine_casestudy.cc)
  kCount
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
  // The result of `make` (a T), made once per report on first use from any
  // thread, for tables that compute the same thing (Tables 20-25 all read
  // the same score pairs). Every caller of one `which` passes the same T.
  template <typename T, typename Make>
  const T& Shared(SharedWork which, const Make& make) const {
    SharedSlot& slot = shared_[static_cast<size_t>(which)];
    std::call_once(slot.once, [&] { slot.value = std::make_shared<const T>(make()); });
    return *static_cast<const T*>(slot.value.get());
  }

 private:
  struct SharedSlot {
    std::once_flag once;
    std::shared_ptr<const void> value;
  };
  const Dataset& data_;
  Filters filters_;
  std::vector<std::vector<uint32_t>> sets_;
  mutable std::array<std::once_flag, 6> split_once_;
  mutable std::array<std::vector<std::vector<uint32_t>>, 6> by_track_;
  mutable std::array<SharedSlot, static_cast<size_t>(SharedWork::kCount)> shared_;
};

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_POPULATION_H_
