#include "web/report_cache.h"

namespace opkomst::web {

void ReportCache::Advance(int64_t version) {
  if (version <= version_) return;
  version_ = version;
  dataset_.reset();
  reports_.clear();
  order_.clear();
}

StatusOr<std::shared_ptr<const report::Dataset>> ReportCache::DatasetAt(int64_t version, const Load& load) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Advance(version);
    if (version == version_ && dataset_) return dataset_;
  }
  ++loads_;
  auto loaded = load();
  if (!loaded.ok()) return loaded.status();
  auto dataset = std::make_shared<const report::Dataset>(std::move(loaded).value());
  std::lock_guard<std::mutex> lock(mutex_);
  if (version == version_) dataset_ = dataset;
  return std::shared_ptr<const report::Dataset>(dataset);
}

std::shared_ptr<const report::Report> ReportCache::ReportAt(int64_t version, const std::string& key,
                                                            const Build& build) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Advance(version);
    auto it = reports_.find(key);
    if (version == version_ && it != reports_.end()) return it->second;
  }
  ++builds_;
  auto built = std::make_shared<const report::Report>(build());
  std::lock_guard<std::mutex> lock(mutex_);
  if (version == version_ && reports_.emplace(key, built).second) {
    order_.push_back(key);
    if (order_.size() > kReports) {
      reports_.erase(order_.front());
      order_.pop_front();
    }
  }
  return built;
}

}  // namespace opkomst::web
