// Indicator sets the team lead maintains (domain/indicator_sets.h): reading
// the version in force or the one a score was given with, and saving a new
// version, in one transaction with its audit record (app/change.h).
#ifndef OPKOMST_APP_INDICATOR_SETS_H_
#define OPKOMST_APP_INDICATOR_SETS_H_

#include <string>
#include <vector>

#include "app/registration.h"
#include "domain/indicator_sets.h"

namespace opkomst::app {

// The latest saved version of `set`, or the codebook's version 1.
StatusOr<IndicatorSetVersion> CurrentIndicatorSet(Store& reader, const IndicatorSet& set);
// Version `version` of `set` (1 = the codebook's unless saved); kNotFound if none.
StatusOr<IndicatorSetVersion> IndicatorSetAt(Store& reader, const IndicatorSet& set, int version);

struct SaveIndicatorSetCommand {
  std::string set_id;
  int based_on_version = 1;  // the version the form showed
  std::vector<IndicatorDefinition> indicators;
  std::string saved_by;
  AuditEvent audit;
};
// Saves version based_on_version + 1. kInvalidInput with `findings` filled
// if a rule is broken (nothing written); kConflict if someone saved a
// version after the one the form showed; kNotFound for an unknown set.
StatusOr<int> SaveIndicatorSetVersion(const Services& services, const SaveIndicatorSetCommand& command,
                                      Findings* findings);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_INDICATOR_SETS_H_
