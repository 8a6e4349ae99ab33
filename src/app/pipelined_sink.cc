#include "app/pipelined_sink.h"

namespace opkomst {
namespace {
constexpr size_t kBatchSize = 2048;
constexpr size_t kMaxQueuedBatches = 8;
}  // namespace

PipelinedSink::PipelinedSink(RecordSink* target) : target_(target), worker_([this] { Work(); }) {}

PipelinedSink::~PipelinedSink() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void PipelinedSink::Work() {
  while (true) {
    std::vector<Item> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    Status status;
    for (Item& item : batch) {
      if (!status.ok()) break;
      if (auto* d = std::get_if<std::vector<Dossier>>(&item)) {
        status = target_->AddDossiers(*d);
      } else if (auto* m = std::get_if<std::pair<std::string, Measurement>>(&item)) {
        status = target_->AddMeasurement(m->first, m->second);
      } else if (auto* s = std::get_if<Score>(&item)) {
        status = target_->AddScore(*s);
      } else {
        status = target_->AddInterview(std::get<InterviewAnswer>(item));
      }
    }
    if (!status.ok()) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (error_.ok()) error_ = status;
      queue_.clear();  // nothing more will be written
    }
  }
}

void PipelinedSink::Flush() {
  if (batch_.empty()) return;
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kMaxQueuedBatches || !error_.ok(); });
  if (error_.ok()) queue_.push_back(std::move(batch_));
  batch_.clear();
  lock.unlock();
  changed_.notify_all();
}

Status PipelinedSink::Push(Item item) {
  batch_.push_back(std::move(item));
  if (batch_.size() >= kBatchSize) Flush();
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

Status PipelinedSink::AddDossiers(const std::vector<Dossier>& dossiers) { return Push(dossiers); }
Status PipelinedSink::AddMeasurement(const std::string& id, const Measurement& m) {
  return Push(std::pair<std::string, Measurement>(id, m));
}
Status PipelinedSink::AddScore(const Score& s) { return Push(s); }
Status PipelinedSink::AddInterview(const InterviewAnswer& a) { return Push(a); }

Status PipelinedSink::Finish() {
  Flush();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
  return error_;
}

}  // namespace opkomst
