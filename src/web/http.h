// The web application's view of HTTP: plain structs, so the router, the
// access checks and the pages can be tested without sockets. The front end
// (server.cc, front_end.h) translates to and from the bytes on the wire.
#ifndef OPKOMST_WEB_HTTP_H_
#define OPKOMST_WEB_HTTP_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace opkomst::web {

struct WebRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // without the query string, percent-decoded
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> form;  // application/x-www-form-urlencoded body
  std::map<std::string, std::string> cookies;
  std::string origin;   // the Origin header, if any
  std::string referer;  // the Referer header, if any (only our own pages send it: same-origin policy)
  std::string host;     // the Host header (lower case), checked by the front end
  std::string accept_language;
  std::string remote_address;

  std::string Query(const std::string& key) const {
    auto it = query.find(key);
    return it == query.end() ? "" : it->second;
  }
  std::string Form(const std::string& key) const {
    auto it = form.find(key);
    return it == form.end() ? "" : it->second;
  }
};

struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // Location, Set-Cookie, Content-Disposition ...
  // Set when Header() refused a header; the server then answers a plain 500
  // instead of this response (a redirect without its Location, say).
  bool header_refused = false;

  // Adds a header. No header value may carry CR, LF, NUL or another control
  // character (header injection, response splitting), whoever builds it:
  // such a header is dropped, logged (name only) and header_refused set.
  // The server checks every header again before it writes.
  void Header(std::string name, std::string value);
  void Redirect(const std::string& location) {
    status = 303;
    Header("Location", location);
  }
};

// Parses "a=1&b=x%20y" (also '+' for space) into `out`; false on a broken
// percent escape or a value that is not UTF-8.
bool ParseUrlEncoded(const std::string& text, std::map<std::string, std::string>* out);
std::string UrlEncode(const std::string& text);
// Parses a Cookie header.
std::map<std::string, std::string> ParseCookies(const std::string& header);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_HTTP_H_
