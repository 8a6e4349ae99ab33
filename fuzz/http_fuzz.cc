// The front end's request parser (web/http_parser.h) and the last header
// check before bytes go out (web/front_end.h: SerializeResponse).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "web/front_end.h"
#include "web/http_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace opkomst::web;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  HttpLimits limits;
  limits.max_uri_bytes = 256;
  limits.max_head_bytes = 1024;
  limits.max_body_bytes = 512;
  ParsedRequest parsed;
  ParseResult result = ParseHttpRequest(text, limits, &parsed);
  if (result.kind == ParseResult::Kind::kComplete) {
    // What parses used only its own bytes, and not before its last one.
    if (result.consumed == 0 || result.consumed > size) __builtin_trap();
    ParsedRequest again;
    if (ParseHttpRequest(text.substr(0, result.consumed), limits, &again).kind != ParseResult::Kind::kComplete ||
        again.target != parsed.target || again.body != parsed.body)
      __builtin_trap();
    if (ParseHttpRequest(text.substr(0, result.consumed - 1), limits, &again).kind == ParseResult::Kind::kComplete)
      __builtin_trap();
    // Nothing that reaches the pages carries a line break or a NUL.
    if (parsed.target.size() > limits.max_uri_bytes || parsed.body.size() > limits.max_body_bytes) __builtin_trap();
    for (const auto& [name, value] : parsed.headers)
      if (!HeaderNameAllowed(name) || !HeaderValueAllowed(value)) __builtin_trap();
    WebRequest request;
    (void)ToWebRequest(parsed, "127.0.0.1", &request);
  } else if (result.kind == ParseResult::Kind::kRefused) {
    if (result.status < 400 || result.status > 505 || result.text.empty()) __builtin_trap();
  }
  (void)HostAllowed(text, DefaultAllowedHosts("127.0.0.1", 8080));
  // A header value from anywhere: either sent as is, or the whole answer is a 500.
  WebResponse response;
  response.headers.emplace_back("Location", std::string(text));
  std::string bytes = SerializeResponse(response, {});
  bool allowed = HeaderValueAllowed(text);
  if (allowed != (bytes.rfind("HTTP/1.1 200 ", 0) == 0)) __builtin_trap();
  if (!allowed && bytes.find("\r\nLocation:") != std::string::npos) __builtin_trap();
  return 0;
}
