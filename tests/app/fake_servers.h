// Local stand-ins for the outside services of the reminders, on 127.0.0.1
// and a free port: an SMTP sink that keeps every message, and an SMS
// gateway (HTTP POST) that keeps every request and can be told to fail.
// One connection at a time; everything bounded (no client waits forever:
// sockets time out after 10 s).
#ifndef OPKOMST_TESTS_APP_FAKE_SERVERS_H_
#define OPKOMST_TESTS_APP_FAKE_SERVERS_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace opkomst::testing {

class FakeServer {
 public:
  using Conversation = std::function<void(int socket)>;
  explicit FakeServer(Conversation conversation) : conversation_(std::move(conversation)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 8);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeServer() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  int port() const { return port_; }

  // Reads up to and including `terminator`; false on close or timeout.
  static bool ReadUntil(int socket, const std::string& terminator, std::string* out) {
    char c;
    while (out->size() < (1 << 20)) {
      if (::recv(socket, &c, 1, 0) != 1) return false;
      out->push_back(c);
      if (out->size() >= terminator.size() &&
          out->compare(out->size() - terminator.size(), terminator.size(), terminator) == 0)
        return true;
    }
    return false;
  }
  static void Write(int socket, const std::string& text) {
    (void)::send(socket, text.data(), text.size(), MSG_NOSIGNAL);
  }

 private:
  void Serve() {
    while (!stopping_) {
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      timeval timeout{10, 0};
      ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      conversation_(client);
      ::close(client);
    }
  }
  Conversation conversation_;
  int listener_ = -1, port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

struct SinkMessage {
  std::string from, to, data;
};

// Speaks enough SMTP for Poco's client: greeting, EHLO/HELO, MAIL, RCPT, DATA, QUIT.
class SmtpSink {
 public:
  SmtpSink() : server_([this](int s) { Talk(s); }) {}
  int port() const { return server_.port(); }
  std::vector<SinkMessage> messages() {
    std::lock_guard<std::mutex> lock(mutex_);
    return messages_;
  }

 private:
  static std::string Address(const std::string& line) {
    size_t open = line.find('<'), close = line.rfind('>');
    return open == std::string::npos || close < open ? "" : line.substr(open + 1, close - open - 1);
  }
  void Talk(int s) {
    FakeServer::Write(s, "220 sink ESMTP\r\n");
    SinkMessage message;
    for (;;) {
      std::string line;
      if (!FakeServer::ReadUntil(s, "\r\n", &line)) return;
      std::string verb = line.substr(0, 4);
      for (char& c : verb) c = static_cast<char>(toupper(c));
      if (verb == "EHLO" || verb == "HELO") {
        FakeServer::Write(s, "250 sink\r\n");
      } else if (verb == "MAIL") {
        message.from = Address(line);
        FakeServer::Write(s, "250 ok\r\n");
      } else if (verb == "RCPT") {
        message.to = Address(line);
        FakeServer::Write(s, "250 ok\r\n");
      } else if (verb == "DATA") {
        FakeServer::Write(s, "354 go on\r\n");
        if (!FakeServer::ReadUntil(s, "\r\n.\r\n", &message.data)) return;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          messages_.push_back(message);
        }
        FakeServer::Write(s, "250 queued\r\n");
      } else if (verb == "QUIT") {
        FakeServer::Write(s, "221 bye\r\n");
        return;
      } else {
        FakeServer::Write(s, "250 ok\r\n");  // RSET, NOOP
      }
    }
  }
  std::mutex mutex_;
  std::vector<SinkMessage> messages_;
  FakeServer server_;
};

struct GatewayRequest {
  std::string path, headers, body;
};

class FakeSmsGateway {
 public:
  FakeSmsGateway() : server_([this](int s) { Talk(s); }) {}
  int port() const { return server_.port(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()) + "/sms"; }
  void SetFailing(bool failing) { failing_ = failing; }
  std::vector<GatewayRequest> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  void Talk(int s) {
    GatewayRequest request;
    if (!FakeServer::ReadUntil(s, "\r\n\r\n", &request.headers)) return;
    size_t length = 0, at = request.headers.find("Content-Length: ");
    if (at != std::string::npos) length = std::stoul(request.headers.substr(at + 16));
    request.body.resize(length);
    size_t got = 0;
    while (got < length) {
      ssize_t n = ::recv(s, request.body.data() + got, length - got, 0);
      if (n <= 0) return;
      got += static_cast<size_t>(n);
    }
    request.path = request.headers.substr(5, request.headers.find(' ', 5) - 5);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
    }
    FakeServer::Write(s, failing_ ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                  : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
  }
  std::atomic<bool> failing_{false};
  std::mutex mutex_;
  std::vector<GatewayRequest> requests_;
  FakeServer server_;
};

}  // namespace opkomst::testing

#endif  // OPKOMST_TESTS_APP_FAKE_SERVERS_H_
