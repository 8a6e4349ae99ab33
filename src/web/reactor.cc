#include "web/reactor.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <map>
#include <unordered_map>

#include "web/http_parser.h"

namespace opkomst::web {

WorkQueue::WorkQueue() : wake_fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
WorkQueue::~WorkQueue() {
  if (wake_fd_ >= 0) close(wake_fd_);
}

void WorkQueue::Push(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
}

bool WorkQueue::Pop(Job* job) {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return stopped_ || !jobs_.empty(); });
  if (jobs_.empty()) return false;
  *job = std::move(jobs_.front());
  jobs_.pop_front();
  return true;
}

void WorkQueue::Finish(Answer answer) {
  {
    std::lock_guard lock(mutex_);
    answers_.push_back(std::move(answer));
  }
  Wake();
}

std::vector<Answer> WorkQueue::TakeAnswers() {
  std::lock_guard lock(mutex_);
  return std::exchange(answers_, {});
}

void WorkQueue::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  ready_.notify_all();
}

void WorkQueue::Wake() {
  uint64_t one = 1;
  (void)!write(wake_fd_, &one, sizeof one);
}

void WorkQueue::DrainWake() {
  uint64_t count = 0;
  (void)!read(wake_fd_, &count, sizeof count);
}

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

constexpr auto kDrainTime = seconds(2);  // to read what a refused client still sends, so it sees the answer
// All request bytes buffered at once, over all connections: many clients
// each sending a large body slowly must not exhaust memory. Beyond it the
// connection that is reading is closed.
constexpr size_t kBufferBudget = size_t{256} << 20;

enum class Phase { kReading, kBusy, kWriting, kDraining };

struct Connection {
  int fd = -1;
  std::string peer;
  Phase phase = Phase::kReading;
  std::string input, output;
  size_t written = 0;
  bool close_after_write = false;
  bool started = false;  // the current request has begun (the first one: at accept)
  bool continue_sent = false;
  bool peer_closed = false;
  Clock::time_point since;     // start of the current request, idle time, write or drain
  Clock::time_point deadline;  // max() while a worker has the request
};

std::string PeerAddress(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = "?";
  if (address.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
  else if (address.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
  return text;
}

class Reactor {
 public:
  Reactor(int listen_fd, const ServerOptions& options, WorkQueue& queue, const std::atomic<bool>& stopping)
      : listen_fd_(listen_fd), options_(options), queue_(queue), stopping_(stopping) {
    limits_.max_body_bytes = options.max_body_bytes;
    limits_.max_head_bytes = options.max_head_bytes;
  }
  ~Reactor() {
    for (auto& [id, connection] : connections_) close(connection.fd);
  }

  void Run();

 private:
  void Accept(Clock::time_point now);
  void Admit(int fd, const std::string& peer, Clock::time_point now);
  bool EvictOldestWaiting(const std::string* peer);
  void Read(uint64_t id, Connection& c, Clock::time_point now);
  void Advance(uint64_t id, Connection& c, Clock::time_point now);
  void Refuse(uint64_t id, Connection& c, const WebResponse& response, Clock::time_point now);
  void StartWrite(uint64_t id, Connection& c, std::string bytes, bool close_after, Clock::time_point now);
  void Write(uint64_t id, Connection& c, Clock::time_point now);
  void StopAccepting();
  void Expire(Clock::time_point now);
  void Close(uint64_t id);
  void Consume(Connection& c, size_t bytes);

  int listen_fd_;
  const ServerOptions& options_;
  WorkQueue& queue_;
  const std::atomic<bool>& stopping_;
  HttpLimits limits_;
  std::map<uint64_t, Connection> connections_;
  std::unordered_map<std::string, int> per_client_;
  uint64_t next_id_ = 1;
  size_t buffered_ = 0;  // sum of the connections' input sizes
  bool accepting_ = true;
  Clock::time_point give_up_ = Clock::time_point::max();  // set at the stop: shutdown_grace_seconds later
};

void Reactor::Run() {
  std::vector<pollfd> polled;
  std::vector<uint64_t> ids;
  while (true) {
    if (stopping_ && accepting_) StopAccepting();
    if (!accepting_ && connections_.empty()) return;
    auto now = Clock::now();
    if (!accepting_ && now > give_up_) {
      // A stop is bounded: what is not answered by now is closed unanswered.
      std::cerr << "opkomst serve: " << connections_.size() << " connection(s) not finished within "
                << options_.shutdown_grace_seconds << " s of the stop; closing them\n";
      return;
    }
    polled.assign({pollfd{queue_.wake_fd(), POLLIN, 0}});
    if (accepting_) polled.push_back(pollfd{listen_fd_, POLLIN, 0});
    ids.assign(polled.size(), 0);
    Clock::time_point next = now + seconds(1);
    for (const auto& [id, c] : connections_) {
      if (c.phase == Phase::kBusy) continue;
      polled.push_back(pollfd{c.fd, static_cast<short>(c.phase == Phase::kWriting ? POLLOUT : POLLIN), 0});
      ids.push_back(id);
      next = std::min(next, c.deadline);
    }
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count();
    int ready = poll(polled.data(), polled.size(), static_cast<int>(std::clamp<int64_t>(wait + 1, 0, 1000)));
    if (ready < 0 && errno != EINTR) {
      std::cerr << "opkomst serve: poll: " << std::strerror(errno) << "\n";
      return;
    }
    now = Clock::now();
    if (polled[0].revents) queue_.DrainWake();
    for (Answer& answer : queue_.TakeAnswers()) {
      auto it = connections_.find(answer.connection);
      if (it == connections_.end()) continue;
      StartWrite(it->first, it->second, std::move(answer.bytes), it->second.close_after_write || answer.close, now);
    }
    if (accepting_ && (polled[1].revents & POLLIN)) Accept(now);
    for (size_t i = 0; i < polled.size(); ++i) {
      if (ids[i] == 0 || polled[i].revents == 0) continue;
      auto it = connections_.find(ids[i]);
      if (it == connections_.end()) continue;  // closed meanwhile (evicted)
      Connection& c = it->second;
      if (c.phase == Phase::kReading || c.phase == Phase::kDraining)
        Read(ids[i], c, now);
      else if (c.phase == Phase::kWriting)
        Write(ids[i], c, now);
    }
    Expire(now);
  }
}

void Reactor::StopAccepting() {
  accepting_ = false;
  give_up_ = Clock::now() + seconds(options_.shutdown_grace_seconds);
  // Closed now, not at the exit: a new connection is refused at once (a
  // proxy tries the other server) instead of waiting in the backlog.
  close(listen_fd_);
  std::vector<uint64_t> waiting;
  for (const auto& [id, c] : connections_)
    if (c.phase == Phase::kReading) waiting.push_back(id);
  for (uint64_t id : waiting) Close(id);
}

void Reactor::Accept(Clock::time_point now) {
  for (int round = 0; round < 256; ++round) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      // Out of descriptors: make room by closing the longest waiting one.
      if (errno == EMFILE || errno == ENFILE) EvictOldestWaiting(nullptr);
      return;
    }
    Admit(fd, PeerAddress(address), now);
  }
}

// The per-client cap and the total cap: the client's (or anyone's)
// connection that has waited longest without a request in progress is
// closed to make room, so a slow client pushes out its own slow
// connections, not a newcomer. Only if all are busy is the newcomer refused.
void Reactor::Admit(int fd, const std::string& peer, Clock::time_point now) {
  bool room = per_client_[peer] < options_.max_connections_per_client || EvictOldestWaiting(&peer);
  if (room && static_cast<int>(connections_.size()) >= options_.max_connections) room = EvictOldestWaiting(nullptr);
  if (!room) {
    std::string busy = SerializeResponse(PlainResponse(503, "Te veel verbindingen / too many connections\n"),
                                         {false, false, options_.hsts});
    (void)!send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    close(fd);
    if (per_client_[peer] == 0) per_client_.erase(peer);
    return;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  Connection c;
  c.fd = fd;
  c.peer = peer;
  c.started = true;  // the head must come within head_timeout of accept
  c.since = now;
  c.deadline = now + seconds(options_.head_timeout_seconds);
  ++per_client_[peer];
  connections_.emplace(next_id_++, std::move(c));
}

bool Reactor::EvictOldestWaiting(const std::string* peer) {
  uint64_t oldest = 0;
  Clock::time_point oldest_since = Clock::time_point::max();
  for (const auto& [id, c] : connections_) {
    if (c.phase != Phase::kReading && c.phase != Phase::kDraining) continue;
    if (peer && c.peer != *peer) continue;
    if (c.since < oldest_since) oldest = id, oldest_since = c.since;
  }
  if (oldest == 0) return false;
  Close(oldest);
  return true;
}

void Reactor::Read(uint64_t id, Connection& c, Clock::time_point now) {
  char buffer[16384];
  for (int round = 0; round < 8; ++round) {
    ssize_t got = recv(c.fd, buffer, sizeof buffer, 0);
    if (got > 0) {
      if (c.phase == Phase::kReading) {
        if (buffered_ + static_cast<size_t>(got) > kBufferBudget) return Close(id);
        c.input.append(buffer, static_cast<size_t>(got));
        buffered_ += static_cast<size_t>(got);
      }
      if (static_cast<size_t>(got) < sizeof buffer) break;
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (got < 0 || c.phase == Phase::kDraining) return Close(id);
    c.peer_closed = true;  // a request sent before the client's half-close is still answered
    break;
  }
  if (c.phase == Phase::kReading) Advance(id, c, now);
}

void Reactor::Advance(uint64_t id, Connection& c, Clock::time_point now) {
  if (c.input.empty() && !c.started) {  // idle between requests
    if (c.peer_closed || stopping_) return Close(id);
    c.deadline = c.since + seconds(options_.idle_timeout_seconds);
    return;
  }
  if (!c.started) c.started = true, c.since = now;
  ParsedRequest parsed;
  ParseResult result = ParseHttpRequest(c.input, limits_, &parsed);
  if (result.kind == ParseResult::Kind::kRefused) return Refuse(id, c, PlainResponse(result.status, result.text), now);
  if (result.kind == ParseResult::Kind::kIncomplete) {
    if (c.peer_closed) return Close(id);
    if (result.head_complete && parsed.expect_continue && !c.continue_sent) {
      c.continue_sent = true;
      static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
      ssize_t sent = send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (sent != static_cast<ssize_t>(sizeof kContinue - 1)) return Close(id);
    }
    int limit = result.head_complete ? options_.request_timeout_seconds : options_.head_timeout_seconds;
    c.deadline = c.since + seconds(limit);
    return;
  }
  Consume(c, result.consumed);
  if (!HostAllowed(parsed.host, options_.allowed_hosts))
    return Refuse(id, c, PlainResponse(400, "Onbekende host / unknown host (Host header)\n"), now);
  bool keep_alive = parsed.keep_alive && !c.peer_closed && !stopping_;
  Job job;
  job.connection = id;
  job.response = {parsed.method == "HEAD", keep_alive, options_.hsts};
  if (auto refusal = ToWebRequest(parsed, c.peer, &job.request))
    return StartWrite(id, c, SerializeResponse(*refusal, job.response), !keep_alive, now);
  c.phase = Phase::kBusy;
  c.close_after_write = !keep_alive;
  c.deadline = Clock::time_point::max();
  queue_.Push(std::move(job));
}

// An answer of the front end itself, after which the connection is closed
// (what follows in the buffer cannot be trusted to be a request).
void Reactor::Refuse(uint64_t id, Connection& c, const WebResponse& response, Clock::time_point now) {
  Consume(c, c.input.size());
  StartWrite(id, c, SerializeResponse(response, {false, false, options_.hsts}), true, now);
}

void Reactor::StartWrite(uint64_t id, Connection& c, std::string bytes, bool close_after, Clock::time_point now) {
  c.output = std::move(bytes);
  c.written = 0;
  c.close_after_write = close_after;
  c.phase = Phase::kWriting;
  c.since = now;
  c.deadline = now + seconds(options_.write_timeout_seconds);
  Write(id, c, now);
}

void Reactor::Write(uint64_t id, Connection& c, Clock::time_point now) {
  while (c.written < c.output.size()) {
    ssize_t sent = send(c.fd, c.output.data() + c.written, c.output.size() - c.written, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // the reactor polls for POLLOUT
    if (sent <= 0) return Close(id);
    c.written += static_cast<size_t>(sent);
  }
  c.output.clear();
  if (c.close_after_write || c.peer_closed || stopping_) {
    shutdown(c.fd, SHUT_WR);
    c.phase = Phase::kDraining;
    Consume(c, c.input.size());
    c.since = now;
    c.deadline = now + kDrainTime;
    return;
  }
  c.phase = Phase::kReading;
  c.started = false;
  c.continue_sent = false;
  c.since = now;
  Advance(id, c, now);  // a pipelined request may already be buffered
}

void Reactor::Expire(Clock::time_point now) {
  std::vector<uint64_t> expired;
  for (const auto& [id, c] : connections_)
    if (c.phase != Phase::kBusy && c.deadline <= now) expired.push_back(id);
  for (uint64_t id : expired) {
    // A request cut off halfway is told why, once and without waiting: a
    // client that does not read must not keep the connection any longer.
    const Connection& c = connections_.at(id);
    if (c.phase == Phase::kReading && !c.input.empty()) {
      std::string too_slow =
          SerializeResponse(PlainResponse(408, "Verzoek te traag / request timeout\n"), {false, false, options_.hsts});
      (void)!send(c.fd, too_slow.data(), too_slow.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    Close(id);
  }
}

void Reactor::Close(uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  close(it->second.fd);
  Consume(it->second, it->second.input.size());
  auto client = per_client_.find(it->second.peer);
  if (client != per_client_.end() && --client->second <= 0) per_client_.erase(client);
  connections_.erase(it);
}

void Reactor::Consume(Connection& c, size_t bytes) {
  c.input.erase(0, bytes);
  buffered_ -= bytes;
}

}  // namespace

void RunReactor(int listen_fd, const ServerOptions& options, WorkQueue& queue, const std::atomic<bool>& stopping) {
  Reactor(listen_fd, options, queue, stopping).Run();
}

}  // namespace opkomst::web
