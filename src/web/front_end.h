// What the front end (server.cc) does between the socket and App::Handle,
// without sockets so it can be tested: the Host check, the translation of
// a parsed request into a WebRequest, and the bytes of a response (with
// the last check that no header carries CR, LF or NUL, and HSTS behind TLS).
#ifndef OPKOMST_WEB_FRONT_END_H_
#define OPKOMST_WEB_FRONT_END_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http.h"
#include "web/http_parser.h"

namespace opkomst::web {

constexpr char kStrictTransportSecurity[] = "max-age=31536000; includeSubDomains";

// The Host values `serve` accepts by default: the bound address and the
// loopback names, each with the port (and without it on port 80).
std::vector<std::string> DefaultAllowedHosts(const std::string& bound_host, uint16_t port);

// True if the Host header names an allowed host. An allowed entry with a
// port must match exactly; one without a port matches the name with any
// port (for a TLS proxy that forwards "opkomst.example.be"). Case-insensitive.
bool HostAllowed(std::string_view host, const std::vector<std::string>& allowed);

// A short plain-text answer (errors of the front end itself).
WebResponse PlainResponse(int status, const std::string& text);

// The WebRequest for a parsed request, or the plain 400 answer for a target,
// query or form body that does not parse.
std::optional<WebResponse> ToWebRequest(const ParsedRequest& parsed, const std::string& remote_address,
                                        WebRequest* request);

struct ResponseOptions {
  bool head_only = false;  // HEAD: headers (with the body's length) only
  bool keep_alive = true;  // false: "Connection: close"
  bool hsts = false;       // behind TLS: Strict-Transport-Security
};

// The bytes of the response. A response whose headers were refused
// (WebResponse::header_refused) or that still holds a header with a
// forbidden name or value becomes a plain 500: it is never half sent.
std::string SerializeResponse(const WebResponse& response, const ResponseOptions& options);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_FRONT_END_H_
