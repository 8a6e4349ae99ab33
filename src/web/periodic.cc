#include "web/periodic.h"

#include <iostream>

#include "app/intake.h"
#include "web/app_internal.h"

namespace opkomst::web {

PeriodicTask::PeriodicTask(std::chrono::milliseconds every, std::function<void()> work)
    : every_(every), work_(std::move(work)), thread_([this] { Loop(); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicTask::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    work_();
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

StatusOr<int64_t> RunRetention(App& app) {
  int days = app.options().referral_retention_days;
  auto today = Date::Parse(Today(app));
  if (!today) return Internal("today is no date: " + Today(app));
  app::Services services{app.pool().Writer(), app.codebook(), &app.audit()};
  app::AuditEvent event{"opkomst", "systeem", "aanmelding.bewaartermijn",
                        "",        "ok",      "dagen=" + std::to_string(days) + " bron=serve"};
  return app::EraseExpiredIdentities(services, *today, days, event);
}

std::unique_ptr<PeriodicTask> StartRetention(App& app) {
  int every = app.options().retention_every_seconds;
  if (every <= 0) return nullptr;
  return std::make_unique<PeriodicTask>(std::chrono::seconds(every), [&app] {
    auto erased = RunRetention(app);
    if (!erased.ok())
      std::cerr << "opkomst serve: retention failed (next run in " << app.options().retention_every_seconds
                << " s): " << erased.status().ToString() << "\n";
    else if (*erased > 0)
      std::cerr << "opkomst serve: retention erased the identity of " << *erased << " referral(s)\n";
  });
}

}  // namespace opkomst::web
