// Shared by the backends' bulk scans (Store::ScanBulk): the two scans side
// by side, and the checks on what they read.
#ifndef OPKOMST_STORAGE_BULK_H_
#define OPKOMST_STORAGE_BULK_H_

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace opkomst {

// Runs `here` on the calling thread and `there` on a second thread at the
// same time. Each gets a flag that is set once the other has failed, so it
// can stop early; the first failure is returned.
using BulkScan = std::function<Status(const std::atomic<bool>& stop)>;
Status RunSideBySide(const BulkScan& here, const BulkScan& there);

// The error for a stored value the bulk reader cannot use.
Status UnreadableStored(std::string_view table, std::string_view id, std::string_view column, std::string_view value);

}  // namespace opkomst

#endif  // OPKOMST_STORAGE_BULK_H_
