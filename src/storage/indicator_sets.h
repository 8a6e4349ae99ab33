// The saved versions of an indicator set, as the team lead left them
// (migration 0013). A version is written once, through UnitOfWork
// (PutIndicatorSetVersion, with its audit record), and never changed; what
// a definition says is the domain's (domain/indicator_sets.h).
#ifndef OPKOMST_STORAGE_INDICATOR_SETS_H_
#define OPKOMST_STORAGE_INDICATOR_SETS_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "storage/store.h"

namespace opkomst::team {

struct StoredIndicatorSetVersion {
  int version = 0;
  std::string definition, created_at, created_by;
};

// Every saved version of `set_id`, oldest first; empty if only the
// codebook's version 1 exists.
StatusOr<std::vector<StoredIndicatorSetVersion>> ListIndicatorSetVersions(Store& store, const std::string& set_id);

}  // namespace opkomst::team

#endif  // OPKOMST_STORAGE_INDICATOR_SETS_H_
