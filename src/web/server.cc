#include "web/server.h"

#include <netdb.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

#include "web/front_end.h"
#include "web/periodic.h"
#include "web/reactor.h"

namespace opkomst::web {
namespace {

// Every slow client holds a descriptor: allow as many as the hard limit
// lets us, and keep the connection cap below it.
int RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 65536);
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1 << 20));
}

// A listening, non-blocking socket. SO_REUSEADDR (a restart does not wait
// for TIME_WAIT) but no SO_REUSEPORT: a second server on the same port must
// fail, not silently share the connections (and sessions).
StatusOr<int> Listen(const std::string& host, uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string where = host + ":" + std::to_string(port);
  if (int e = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); e != 0)
    return Unavailable("cannot serve on " + where + ": " + gai_strerror(e));
  std::string error = "no address";
  int fd = -1;
  // IPv4 first, as before ("localhost" on the IPv4 loopback the URL shows).
  std::vector<addrinfo*> candidates;
  for (addrinfo* a = found; a; a = a->ai_next)
    if (a->ai_family == AF_INET) candidates.push_back(a);
  for (addrinfo* a = found; a; a = a->ai_next)
    if (a->ai_family != AF_INET) candidates.push_back(a);
  for (addrinfo* a : candidates) {
    if (fd >= 0) break;
    fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 512) != 0) {
      error = std::strerror(errno);
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) return Unavailable("cannot serve on " + where + ": " + error);
  return fd;
}

uint16_t BoundPort(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6&>(address).sin6_port);
  return ntohs(reinterpret_cast<sockaddr_in&>(address).sin_port);
}

void Work(App& app, WorkQueue& queue) {
  Job job;
  while (queue.Pop(&job)) {
    Answer answer{job.connection, "", !job.response.keep_alive};
    try {
      answer.bytes = SerializeResponse(app.Handle(job.request), job.response);
    } catch (const std::exception& e) {  // out of memory: App::Handle itself never throws
      std::cerr << "opkomst serve: " << e.what() << "\n";
      answer.bytes = SerializeResponse(PlainResponse(500, "Interne fout / internal error\n"), {false, false, false});
      answer.close = true;
    }
    queue.Finish(std::move(answer));
  }
}

}  // namespace

void BlockStopSignals() {
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
}

Status Serve(App& app, const ServerOptions& requested, const std::function<void(uint16_t port)>& on_ready) {
  // Blocked in every thread (also here, for callers that did not); this one
  // waits for them below.
  BlockStopSignals();
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  ServerOptions options = requested;
  int descriptors = RaiseFileLimit();
  options.max_connections = std::max(1, std::min(options.max_connections, descriptors - 64));
  auto listening = Listen(options.host, options.port);
  if (!listening.ok()) return listening.status();
  int fd = *listening;
  uint16_t port = BoundPort(fd);
  for (std::string& host : DefaultAllowedHosts(options.host, port)) options.allowed_hosts.push_back(std::move(host));

  WorkQueue queue;
  std::atomic<bool> stopping{false};
  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(1, options.threads); ++i) workers.emplace_back(Work, std::ref(app), std::ref(queue));
  std::thread reactor(RunReactor, fd, std::cref(options), std::ref(queue), std::cref(stopping));
  std::unique_ptr<PeriodicTask> retention = StartRetention(app);  // issue 12: at start, then periodically
  on_ready(port);
  int signal = 0;
  sigwait(&stop, &signal);
  std::cerr << "opkomst serve: stopping (signal " << signal << ")\n";
  stopping = true;
  queue.Wake();
  reactor.join();  // returns once the requests in flight are answered
  queue.Stop();
  for (std::thread& worker : workers) worker.join();  // the reactor closed the listening socket at the stop
  retention.reset();                                  // a run in progress finishes first
  // Every request's audit row is durable when it is answered; changes
  // committed theirs to the outbox: chain those now, not at the next start.
  Status drained = app.audit().Drain();
  if (!drained.ok()) std::cerr << "opkomst serve: audit outbox not drained: " << drained.message() << "\n";
  std::cerr << "opkomst serve: stopped\n";
  return drained;
}

}  // namespace opkomst::web
