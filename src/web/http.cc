#include "web/http.h"

#include <cctype>
#include <iostream>

#include "domain/text.h"
#include "web/http_parser.h"

namespace opkomst::web {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Decode(const std::string& text, size_t begin, size_t end, std::string* out) {
  out->clear();
  for (size_t i = begin; i < end; ++i) {
    char c = text[i];
    if (c == '+') {
      out->push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= end) return false;
      int high = HexValue(text[i + 1]), low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return false;
      out->push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  return IsValidUtf8(*out);
}

}  // namespace

void WebResponse::Header(std::string name, std::string value) {
  if (!HeaderNameAllowed(name) || !HeaderValueAllowed(value)) {
    std::cerr << "opkomst serve: refused header '" << (HeaderNameAllowed(name) ? name : "?")
              << "' with a control character in its name or value\n";
    header_refused = true;
    return;
  }
  headers.emplace_back(std::move(name), std::move(value));
}

bool ParseUrlEncoded(const std::string& text, std::map<std::string, std::string>* out) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t amp = text.find('&', pos);
    if (amp == std::string::npos) amp = text.size();
    if (amp > pos) {
      size_t eq = text.find('=', pos);
      if (eq == std::string::npos || eq > amp) eq = amp;
      std::string key, value;
      if (!Decode(text, pos, eq, &key)) return false;
      if (eq < amp && !Decode(text, eq + 1, amp, &value)) return false;
      (*out)[key] = value;
    }
    pos = amp + 1;
  }
  return true;
}

std::string UrlEncode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::map<std::string, std::string> ParseCookies(const std::string& header) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    if (semi == std::string::npos) semi = header.size();
    std::string part = header.substr(pos, semi - pos);
    size_t eq = part.find('=');
    if (eq != std::string::npos) {
      size_t start = part.find_first_not_of(' ');
      out[part.substr(start, eq - start)] = part.substr(eq + 1);
    }
    pos = semi + 1;
  }
  return out;
}

}  // namespace opkomst::web
