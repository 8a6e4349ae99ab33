// A strict HTTP/1.1 request parser for the front end (server.cc). It works
// on the bytes a connection has buffered so far and says: incomplete (read
// more), complete (one request and how many bytes it used), or refused (a
// status and a short bilingual text; the connection is then closed).
//
// Strict on purpose, so no proxy and this server can disagree about where
// a request ends (request smuggling) and nothing odd reaches the pages:
// - lines end in CRLF; a bare CR, a bare LF or a NUL anywhere in the head
//   is refused, as is any control character in a header value;
// - no obs-fold (a header line starting with a space or tab), no space
//   before the colon, header names are tokens;
// - exactly one Host header (HTTP/1.1 and 1.0 alike);
// - Content-Length: digits only, at most once; Transfer-Encoding is not
//   supported (501), a POST without Content-Length gets 411;
// - the request target is origin-form ("/path?query"), visible ASCII only;
// - limits: request line / URI (414), whole head (431), body (413).
#ifndef OPKOMST_WEB_HTTP_PARSER_H_
#define OPKOMST_WEB_HTTP_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace opkomst::web {

struct HttpLimits {
  size_t max_uri_bytes = 4096;
  size_t max_head_bytes = 16384;  // request line and headers together
  size_t max_body_bytes = 1 << 20;
};

struct ParsedRequest {
  std::string method;
  std::string target;                                        // "/path?query", as sent
  int minor_version = 1;                                     // HTTP/1.<minor_version>
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case, values trimmed
  std::string host;
  size_t content_length = 0;
  bool keep_alive = true;        // HTTP/1.1 without "Connection: close"
  bool expect_continue = false;  // "Expect: 100-continue"
  std::string body;

  // The first value of a header (name in lower case), or "".
  std::string Header(std::string_view name) const;
};

struct ParseResult {
  enum class Kind { kIncomplete, kComplete, kRefused };
  Kind kind = Kind::kIncomplete;
  size_t consumed = 0;         // kComplete: bytes of the buffer this request used
  bool head_complete = false;  // kIncomplete: the head is in, the body is not
  int status = 0;              // kRefused: 400, 411, 413, 414, 431, 501, 505
  std::string text;            // kRefused: "Dutch / English\n"
};

// Parses the request at the start of `buffer` into `out` (overwritten).
ParseResult ParseHttpRequest(std::string_view buffer, const HttpLimits& limits, ParsedRequest* out);

// True if a header value may be sent: no CR, LF, NUL or other control
// character except tab. Names must be tokens (HeaderNameAllowed).
bool HeaderValueAllowed(std::string_view value);
bool HeaderNameAllowed(std::string_view name);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_HTTP_PARSER_H_
