// Reports released to researchers: the store's record for overlap control
// (report/disclosure.h). Nothing here decides what may be released: the
// caller's `allow` does, inside the same transaction that records it.
#ifndef OPKOMST_STORAGE_RELEASES_H_
#define OPKOMST_STORAGE_RELEASES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "storage/store.h"

namespace opkomst::team {

struct ReleaseRow {
  std::string account, released_at, filters;
  std::string populations;  // report::EncodeRelease
};

// In one transaction that excludes every other release (on SQLite the write
// lock, on PostgreSQL a table lock, so parallel requests and other servers
// on the same database wait): reads the distinct populations released so far
// to anyone, calls `allow` with them, and records `row` if it returns true.
// Returns allow's verdict (an error status from `allow` rolls back).
using ReleaseCheck = std::function<StatusOr<bool>(const std::vector<std::string>& previous)>;
StatusOr<bool> RecordReleaseIfAllowed(Store& store, const ReleaseRow& row, const ReleaseCheck& allow);

// Every release, oldest first (for tests and the operator).
StatusOr<std::vector<ReleaseRow>> ListReleases(Store& store);

}  // namespace opkomst::team

#endif  // OPKOMST_STORAGE_RELEASES_H_
