// The store's data version (issue 14): a counter that changes in the same
// transaction as any change to the dossiers, their measurements, scores or
// interviews (migration 0008: triggers on dossier, and each bulk import).
// Equal versions read at two times mean the report's records are the same,
// so a report computed at the first may be shown at the second. Sessions,
// accounts, audit rows and releases do not change it.
#ifndef OPKOMST_STORAGE_DATA_VERSION_H_
#define OPKOMST_STORAGE_DATA_VERSION_H_

#include <cstdint>

#include "base/status.h"
#include "storage/store.h"

namespace opkomst::team {

// The current data version (committed state, one statement).
StatusOr<int64_t> DataVersion(Store& store);

}  // namespace opkomst::team

#endif  // OPKOMST_STORAGE_DATA_VERSION_H_
