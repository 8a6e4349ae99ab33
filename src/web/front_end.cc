#include "web/front_end.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cctype>
#include <ctime>
#include <iostream>

namespace opkomst::web {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits "name:port", "[v6]:port", "name" into name and port ("" if none).
// False if the port part is not digits.
bool SplitHostPort(std::string_view text, std::string_view* name, std::string_view* port) {
  size_t colon = std::string_view::npos;
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return false;
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return false;
      colon = close + 1;
    }
  } else {
    colon = text.find(':');
  }
  *name = text.substr(0, colon);
  *port = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  if (colon != std::string_view::npos && port->empty()) return false;
  for (char c : *port)
    if (c < '0' || c > '9') return false;
  return !name->empty();
}

const char* Reason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Status";
  }
}

std::string HttpDate() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

bool HeadersAllowed(const WebResponse& response) {
  if (response.header_refused || !HeaderValueAllowed(response.content_type)) return false;
  for (const auto& [name, value] : response.headers)
    if (!HeaderNameAllowed(name) || !HeaderValueAllowed(value)) return false;
  return true;
}

}  // namespace

std::vector<std::string> DefaultAllowedHosts(const std::string& bound_host, uint16_t port) {
  std::string bound = bound_host.find(':') != std::string::npos ? "[" + bound_host + "]" : bound_host;
  std::vector<std::string> names = {bound, "localhost", "127.0.0.1", "[::1]"};
  std::vector<std::string> allowed;
  for (const std::string& name : names) {
    allowed.push_back(Lower(name) + ":" + std::to_string(port));
    if (port == 80) allowed.push_back(Lower(name));
  }
  return allowed;
}

bool HostAllowed(std::string_view host, const std::vector<std::string>& allowed) {
  std::string_view name, port;
  std::string lower = Lower(host);
  if (!SplitHostPort(lower, &name, &port)) return false;
  for (const std::string& entry : allowed) {
    std::string_view entry_name, entry_port;
    std::string entry_lower = Lower(entry);
    if (!SplitHostPort(entry_lower, &entry_name, &entry_port)) continue;
    if (entry_name == name && (entry_port.empty() || entry_port == port)) return true;
  }
  return false;
}

WebResponse PlainResponse(int status, const std::string& text) {
  WebResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = text;
  response.Header("X-Content-Type-Options", "nosniff");
  response.Header("Cache-Control", "no-store");
  return response;
}

std::optional<WebResponse> ToWebRequest(const ParsedRequest& parsed, const std::string& remote_address,
                                        WebRequest* request) {
  *request = WebRequest{};
  request->method = parsed.method;
  std::string raw_query;
  try {
    Poco::URI uri(parsed.target);
    request->path = uri.getPath();
    raw_query = uri.getRawQuery();
  } catch (const Poco::Exception&) {
    return PlainResponse(400, "Ongeldig adres / invalid URI\n");
  }
  if (!ParseUrlEncoded(raw_query, &request->query))
    return PlainResponse(400, "Ongeldige zoekparameters / invalid query string\n");
  request->cookies = ParseCookies(parsed.Header("cookie"));
  request->origin = parsed.Header("origin");
  request->referer = parsed.Header("referer");
  request->host = parsed.host;
  request->accept_language = parsed.Header("accept-language");
  request->remote_address = remote_address;
  if (parsed.method == "POST" &&
      Lower(parsed.Header("content-type")).rfind("application/x-www-form-urlencoded", 0) == 0 &&
      !ParseUrlEncoded(parsed.body, &request->form))
    return PlainResponse(400, "Ongeldig formulier / malformed form body\n");
  return std::nullopt;
}

std::string SerializeResponse(const WebResponse& original, const ResponseOptions& options) {
  const WebResponse* response = &original;
  WebResponse refused;
  if (!HeadersAllowed(original)) {
    std::cerr << "opkomst serve: a response with a forbidden header became a 500\n";
    refused = PlainResponse(500, "Interne fout / internal error\n");
    response = &refused;
  }
  std::string out = "HTTP/1.1 " + std::to_string(response->status) + " " + Reason(response->status) + "\r\n";
  out += "Date: " + HttpDate() + "\r\n";
  out += "Content-Type: " + response->content_type + "\r\n";
  out += "Content-Length: " + std::to_string(response->body.size()) + "\r\n";
  if (!options.keep_alive) out += "Connection: close\r\n";
  if (options.hsts) out += std::string("Strict-Transport-Security: ") + kStrictTransportSecurity + "\r\n";
  for (const auto& [name, value] : response->headers) out += name + ": " + value + "\r\n";
  out += "\r\n";
  if (!options.head_only) out += response->body;
  return out;
}

}  // namespace opkomst::web
