#include "app/reminder_scheduler.h"

#include <chrono>
#include <ctime>

namespace opkomst::app {

ReminderScheduler::ReminderScheduler(Services services, std::map<std::string, std::unique_ptr<Channel>> channels,
                                     Unsealer unseal, SchedulerOptions options)
    : services_(services), owned_(std::move(channels)), unseal_(std::move(unseal)), options_(std::move(options)) {
  for (auto& [name, channel] : owned_) channels_[name] = channel.get();
  if (!options_.clock) options_.clock = [] { return static_cast<int64_t>(std::time(nullptr)); };
  if (!options_.log) options_.log = [](const std::string&) {};
  if (options_.interval_seconds < 1) options_.interval_seconds = 1;
}

ReminderScheduler::~ReminderScheduler() { Stop(); }

void ReminderScheduler::Start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
}

void ReminderScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string ReminderScheduler::ChannelNames() const {
  std::string names;
  for (const auto& entry : channels_) names += (names.empty() ? "" : ", ") + entry.first;
  return names;
}

StatusOr<DeliveryOutcome> ReminderScheduler::RunOnce() {
  AuditEvent audit{"systeem", "systeem", "herinnering", "", "ok", ""};
  return DeliverDueReminders(services_, channels_, unseal_, options_.clock(), options_.policy, audit);
}

void ReminderScheduler::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto outcome = RunOnce();
    // Counts only: an error of a delivery is in its log row, with no contact.
    if (!outcome.ok())
      options_.log("herinneringen: ronde mislukt, volgende poging over " + std::to_string(options_.interval_seconds) +
                   " s: " + outcome.status().message());
    else if (outcome->sent + outcome->retrying + outcome->failed > 0)
      options_.log("herinneringen: " + std::to_string(outcome->sent) + " verzonden, " +
                   std::to_string(outcome->retrying) + " opnieuw, " + std::to_string(outcome->failed) + " mislukt");
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(options_.interval_seconds), [this] { return stopping_; });
  }
}

}  // namespace opkomst::app
