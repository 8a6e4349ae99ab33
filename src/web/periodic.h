// Work the server does by itself, besides answering requests: the intake's
// retention (issue 12: the identity of a declined or withdrawn referral is
// erased after the retention period), run once when the server starts and
// then every `every` seconds on its own thread, so an operator need not
// schedule `opkomst retention`. The thread stops (and is joined) when the
// task is destroyed; a run in progress finishes first.
#ifndef OPKOMST_WEB_PERIODIC_H_
#define OPKOMST_WEB_PERIODIC_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "base/status.h"
#include "web/app.h"

namespace opkomst::web {

class PeriodicTask {
 public:
  // Runs `work` at once and then every `every` until destroyed.
  PeriodicTask(std::chrono::milliseconds every, std::function<void()> work);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void Loop();
  std::chrono::milliseconds every_;
  std::function<void()> work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// One run of the retention through the same use case as `opkomst
// retention` (app::EraseExpiredIdentities), on the app's writer, with
// today from the app's clock and the period of AppOptions, audited as the
// system's change ("aanmelding.bewaartermijn"). The number erased.
StatusOr<int64_t> RunRetention(App& app);

// The task `opkomst serve` starts when AppOptions::retention_every_seconds
// is above 0; failures go to stderr and the next run tries again.
std::unique_ptr<PeriodicTask> StartRetention(App& app);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_PERIODIC_H_
