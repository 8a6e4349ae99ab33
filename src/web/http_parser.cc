#include "web/http_parser.h"

#include <cctype>

namespace opkomst::web {
namespace {

constexpr size_t kRequestLineOverhead = 32;  // method, spaces, version

ParseResult Refuse(int status, const char* text) {
  ParseResult result;
  result.kind = ParseResult::Kind::kRefused;
  result.status = status;
  result.text = text;
  return result;
}

ParseResult Done() {
  ParseResult result;
  result.kind = ParseResult::Kind::kComplete;
  return result;
}

ParseResult BadRequest() { return Refuse(400, "Ongeldig verzoek / bad request\n"); }

bool IsTokenChar(unsigned char c) {
  if (std::isalnum(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// True if the comma-separated list (case-insensitive) holds `token`.
bool ListHas(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = Trim(list.substr(0, comma));
    if (Lower(item) == token) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// Finds the end of the head (just past the blank line), checking every byte
// on the way: NUL, bare CR and bare LF are refused at once, so a client
// that speaks another dialect is told, not left waiting.
ParseResult ScanHead(std::string_view buffer, size_t start, const HttpLimits& limits, size_t* head_end) {
  bool in_request_line = true;
  for (size_t i = start; i < buffer.size(); ++i) {
    char c = buffer[i];
    if (c == '\0') return BadRequest();
    if (c == '\r' && i + 1 < buffer.size() && buffer[i + 1] != '\n') return BadRequest();
    if (c == '\n') {
      if (i == 0 || buffer[i - 1] != '\r') return BadRequest();
      in_request_line = false;
      if (i >= start + 3 && buffer.substr(i - 3, 4) == "\r\n\r\n") {
        *head_end = i + 1;
        return Done();
      }
    }
    if (in_request_line && i - start >= limits.max_uri_bytes + kRequestLineOverhead)
      return Refuse(414, "Adres te lang / URI too long\n");
    if (i - start >= limits.max_head_bytes)
      return Refuse(431, "Kopregels te groot / request header fields too large\n");
  }
  return ParseResult{};
}

ParseResult ParseRequestLine(std::string_view line, const HttpLimits& limits, ParsedRequest* out) {
  size_t first = line.find(' ');
  if (first == std::string_view::npos || first == 0) return BadRequest();
  size_t second = line.find(' ', first + 1);
  if (second == std::string_view::npos) return BadRequest();
  std::string_view method = line.substr(0, first);
  std::string_view target = line.substr(first + 1, second - first - 1);
  std::string_view version = line.substr(second + 1);
  for (unsigned char c : method)
    if (!IsTokenChar(c)) return BadRequest();
  if (target.size() > limits.max_uri_bytes) return Refuse(414, "Adres te lang / URI too long\n");
  if (target.empty() || target[0] != '/') return BadRequest();
  for (unsigned char c : target)
    if (c < 0x21 || c > 0x7e) return BadRequest();
  if (version == "HTTP/1.1") {
    out->minor_version = 1;
  } else if (version == "HTTP/1.0") {
    out->minor_version = 0;
  } else if (version.size() == 8 && version.substr(0, 5) == "HTTP/" && std::isdigit(version[5]) && version[6] == '.' &&
             std::isdigit(version[7])) {
    return Refuse(505, "HTTP-versie niet ondersteund / HTTP version not supported\n");
  } else {
    return BadRequest();
  }
  out->method = method;
  out->target = target;
  return Done();
}

ParseResult ParseHeaderLine(std::string_view line, const HttpLimits& limits, ParsedRequest* out, int* hosts,
                            int* lengths) {
  if (line[0] == ' ' || line[0] == '\t') return BadRequest();  // obs-fold
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return BadRequest();
  std::string_view raw_name = line.substr(0, colon);
  if (!HeaderNameAllowed(raw_name)) return BadRequest();
  std::string_view value = Trim(line.substr(colon + 1));
  if (!HeaderValueAllowed(value)) return BadRequest();
  std::string name = Lower(raw_name);
  if (name == "host") {
    if (++*hosts > 1) return BadRequest();
    out->host = Lower(value);
  } else if (name == "content-length") {
    // One Content-Length only: two (even equal) could be read differently
    // by a proxy in front.
    if (++*lengths > 1 || value.empty() || value.size() > 18) return BadRequest();
    size_t length = 0;
    for (char c : value) {
      if (c < '0' || c > '9') return BadRequest();
      length = length * 10 + static_cast<size_t>(c - '0');
    }
    if (length > limits.max_body_bytes) return Refuse(413, "Verzoek te groot / request too large\n");
    out->content_length = length;
  } else if (name == "transfer-encoding") {
    return Refuse(501,
                  "Transfer-Encoding niet ondersteund, stuur Content-Length / not supported, send Content-Length\n");
  } else if (name == "connection") {
    if (ListHas(value, "close")) out->keep_alive = false;
    if (out->minor_version == 0 && ListHas(value, "keep-alive")) out->keep_alive = true;
  } else if (name == "expect") {
    if (Lower(value) == "100-continue") out->expect_continue = true;
  }
  out->headers.emplace_back(std::move(name), std::string(value));
  return Done();
}

}  // namespace

std::string ParsedRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return value;
  return "";
}

bool HeaderValueAllowed(std::string_view value) {
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  return true;
}

bool HeaderNameAllowed(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (!IsTokenChar(c)) return false;
  return true;
}

ParseResult ParseHttpRequest(std::string_view buffer, const HttpLimits& limits, ParsedRequest* out) {
  *out = ParsedRequest{};
  // A client may send empty lines between requests (RFC 9112 2.2).
  size_t start = 0;
  while (start + 1 < buffer.size() && buffer[start] == '\r' && buffer[start + 1] == '\n' && start < 8) start += 2;
  size_t head_end = 0;
  ParseResult scan = ScanHead(buffer, start, limits, &head_end);
  if (scan.kind != ParseResult::Kind::kComplete) return scan;
  std::string_view head = buffer.substr(start, head_end - start - 2);  // up to the last header's CRLF
  size_t line_end = head.find("\r\n");
  ParseResult line = ParseRequestLine(head.substr(0, line_end), limits, out);
  if (line.kind == ParseResult::Kind::kRefused) return line;
  out->keep_alive = out->minor_version == 1;
  int hosts = 0, lengths = 0;
  for (size_t pos = line_end + 2; pos < head.size();) {
    size_t end = head.find("\r\n", pos);
    ParseResult header = ParseHeaderLine(head.substr(pos, end - pos), limits, out, &hosts, &lengths);
    if (header.kind == ParseResult::Kind::kRefused) return header;
    pos = end + 2;
  }
  if (hosts != 1) return BadRequest();
  if (out->method == "POST" && lengths == 0) return Refuse(411, "Lengte vereist / length required\n");
  if (buffer.size() - head_end < out->content_length) {
    ParseResult incomplete;
    incomplete.head_complete = true;
    return incomplete;
  }
  out->body = std::string(buffer.substr(head_end, out->content_length));
  ParseResult done;
  done.kind = ParseResult::Kind::kComplete;
  done.consumed = head_end + out->content_length;
  return done;
}

}  // namespace opkomst::web
