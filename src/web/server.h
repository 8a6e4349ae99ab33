// `opkomst serve`: an event-driven HTTP/1.1 front end in front of App.
//
// One reactor thread accepts connections and reads requests non-blocking
// into per-connection buffers (web/http_parser.h); a complete request goes
// to a fixed pool of worker threads that call App::Handle; the reactor
// writes the answer back non-blocking. So a slow or silent client holds a
// buffer and a file descriptor, never a worker: the limits below bound how
// long and how many.
#ifndef OPKOMST_WEB_SERVER_H_
#define OPKOMST_WEB_SERVER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "web/app.h"

namespace opkomst::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 16;                     // workers calling App::Handle
  size_t max_body_bytes = 1 << 20;      // forms are small; the limit keeps memory bounded
  size_t max_head_bytes = 16384;        // request line and headers
  int head_timeout_seconds = 10;        // the head must be in within this of accept / its first byte
  int request_timeout_seconds = 30;     // head and body within this of accept / the first byte
  int idle_timeout_seconds = 15;        // an idle keep-alive connection is closed after this
  int write_timeout_seconds = 30;       // the client must have read the answer within this
  int max_connections_per_client = 32;  // per client address; beyond it its oldest waiting one is closed
  int max_connections = 2048;           // in all (also bounded by the file descriptor limit)
  bool hsts = false;                    // behind TLS: Strict-Transport-Security on every answer
  int shutdown_grace_seconds = 10;      // after SIGTERM: in-flight requests get this long to be answered
  // Host header values accepted (front_end.h: HostAllowed); the defaults
  // (DefaultAllowedHosts for the bound address and port) are always added.
  std::vector<std::string> allowed_hosts;
};

// Serves until SIGINT or SIGTERM: then it stops accepting, answers the
// requests in flight (closing what is not answered within
// shutdown_grace_seconds), lets the workers finish, and moves whatever the
// audit outbox holds into the chain before it returns. `on_ready` runs once
// the socket listens, with the bound port.
// Blocks SIGINT and SIGTERM in the calling thread and every thread it
// starts afterwards, so that only Serve's sigwait receives them. Call it
// before any thread exists (the audit writer, store connections): a stop
// signal delivered to such a thread would end the process at once,
// requests in flight and all.
void BlockStopSignals();

Status Serve(App& app, const ServerOptions& options, const std::function<void(uint16_t port)>& on_ready);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_SERVER_H_
