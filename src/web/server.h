// `opkomst serve`: Poco's HTTP server in front of App.
#ifndef OPKOMST_WEB_SERVER_H_
#define OPKOMST_WEB_SERVER_H_

#include <cstdint>
#include <string>

#include "base/status.h"
#include "web/app.h"

namespace opkomst::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int threads = 16;
  size_t max_body_bytes = 1 << 20;  // forms are small; the limit keeps memory bounded
};

// Serves until SIGINT or SIGTERM; `on_ready` runs once the socket listens.
Status Serve(App& app, const ServerOptions& options, const std::function<void(uint16_t port)>& on_ready);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_SERVER_H_
