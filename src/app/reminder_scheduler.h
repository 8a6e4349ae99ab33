// The reminder scheduler of `opkomst serve` (issue 13): a thread that calls
// DeliverDueReminders (app/reminders.h) every `interval_seconds`, first at
// once when it starts, with the channels the configuration set up (e-mail
// over SMTP, SMS over an HTTP gateway; WhatsApp needs none, it goes by the
// facilitator's day list). A pass that fails (the database away) is
// written to the log and tried again at the next tick: what was not sent
// stays in the outbox. Stop() waits for a pass in progress, so a stopping
// server never cuts a delivery and its audit record in half.
#ifndef OPKOMST_APP_REMINDER_SCHEDULER_H_
#define OPKOMST_APP_REMINDER_SCHEDULER_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/reminders.h"

namespace opkomst::app {

struct SchedulerOptions {
  int interval_seconds = 60;
  DeliveryPolicy policy;
  std::function<int64_t()> clock;               // unix seconds; empty = the system clock
  std::function<void(const std::string&)> log;  // one line per pass that sent or failed something
};

class ReminderScheduler {
 public:
  // `services` must outlive the scheduler; the channels are its own.
  ReminderScheduler(Services services, std::map<std::string, std::unique_ptr<Channel>> channels, Unsealer unseal,
                    SchedulerOptions options);
  ~ReminderScheduler();  // Stop()
  ReminderScheduler(const ReminderScheduler&) = delete;
  ReminderScheduler& operator=(const ReminderScheduler&) = delete;

  void Start();
  // Ends the thread after the pass in progress; idempotent.
  void Stop();
  // One pass now, on the calling thread (the thread calls this).
  StatusOr<DeliveryOutcome> RunOnce();
  // The channels that are set up, by name ("email", "sms").
  std::string ChannelNames() const;

 private:
  void Loop();
  Services services_;
  std::map<std::string, std::unique_ptr<Channel>> owned_;
  std::map<std::string, Channel*> channels_;
  Unsealer unseal_;
  SchedulerOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace opkomst::app

#endif  // OPKOMST_APP_REMINDER_SCHEDULER_H_
