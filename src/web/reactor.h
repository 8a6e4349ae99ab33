// The front end's reactor (see server.h): one thread, poll(), every socket
// non-blocking. It owns the connections, their buffers and deadlines; the
// workers only see complete requests (WorkQueue).
#ifndef OPKOMST_WEB_REACTOR_H_
#define OPKOMST_WEB_REACTOR_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "web/front_end.h"
#include "web/http.h"
#include "web/server.h"

namespace opkomst::web {

struct Job {
  uint64_t connection = 0;
  WebRequest request;
  ResponseOptions response;
};

struct Answer {
  uint64_t connection = 0;
  std::string bytes;
  bool close = false;
};

// Complete requests to the workers, answers back to the reactor (woken
// through an eventfd).
class WorkQueue {
 public:
  WorkQueue();
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void Push(Job job);
  bool Pop(Job* job);  // blocks; false once Stop() was called and no job is left
  void Finish(Answer answer);
  std::vector<Answer> TakeAnswers();
  void Stop();
  void Wake();
  int wake_fd() const { return wake_fd_; }
  void DrainWake();

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  std::vector<Answer> answers_;
  bool stopped_ = false;
  int wake_fd_ = -1;
};

// Runs until `stopping` is set (and the queue woken): then closes
// `listen_fd` (new connections are refused), closes waiting connections,
// finishes the answers of requests in flight (at most
// options.shutdown_grace_seconds more) and returns.
void RunReactor(int listen_fd, const ServerOptions& options, WorkQueue& queue, const std::atomic<bool>& stopping);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_REACTOR_H_
