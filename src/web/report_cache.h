// The web report pages' cache (issue 14): a repeated view of a report, with
// nothing changed in the store in between, is not recomputed. Entries are
// keyed by the store's data version (storage/data_version.h), which changes
// in the same transaction as any change to the report's records; a newer
// version drops everything held for older ones. The caller reads the
// version BEFORE loading, so data loaded under a version is never older
// than that version (a write in between only costs a recomputation later).
//
// It holds the dataset of the latest version (for the researcher's
// disclosure checks, which run on every view and record every release) and
// up to kReports built reports of that version, each under a key naming
// everything the report depends on besides the data. Thread-safe; two
// requests that miss at once may both compute, and either result is kept.
#ifndef OPKOMST_WEB_REPORT_CACHE_H_
#define OPKOMST_WEB_REPORT_CACHE_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "base/status.h"
#include "report/dataset.h"
#include "report/report.h"

namespace opkomst::web {

class ReportCache {
 public:
  static constexpr size_t kReports = 32;

  using Load = std::function<StatusOr<report::Dataset>()>;
  using Build = std::function<report::Report()>;

  // The dataset at `version`: held, or loaded by `load` (and then held if no
  // newer version was seen meanwhile).
  StatusOr<std::shared_ptr<const report::Dataset>> DatasetAt(int64_t version, const Load& load);
  // The report under `key` at `version`: held, or built by `build`.
  std::shared_ptr<const report::Report> ReportAt(int64_t version, const std::string& key, const Build& build);

  // How often `load` and `build` ran (tests: a repeated view computes
  // nothing).
  int64_t loads() const { return loads_; }
  int64_t builds() const { return builds_; }

 private:
  // Drops what is held for a version older than `version`; with mutex_ held.
  void Advance(int64_t version);

  std::mutex mutex_;
  int64_t version_ = -1;
  std::shared_ptr<const report::Dataset> dataset_;
  std::map<std::string, std::shared_ptr<const report::Report>> reports_;
  std::deque<std::string> order_;  // keys of reports_, oldest first
  std::atomic<int64_t> loads_{0}, builds_{0};
};

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_REPORT_CACHE_H_
