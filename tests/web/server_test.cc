// The front end without sockets: the strict request parser (a table of good
// and bad requests, every good one also split at every byte), the header
// rule (no CR, LF or NUL in any header value), HSTS and the Host check.
// tests/web/server_test.py attacks the real server process.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "web/front_end.h"
#include "web/http.h"
#include "web/http_parser.h"

namespace opkomst::web {
namespace {

using namespace std::string_literals;

struct Case {
  const char* name;
  std::string bytes;
  int status;  // 0: parses
};

const std::string kHost = "Host: 127.0.0.1:8080\r\n";

std::vector<Case> Cases() {
  std::string long_uri = "/" + std::string(5000, 'a');
  return {
      {"plain GET", "GET /aanmelden HTTP/1.1\r\n" + kHost + "\r\n", 0},
      {"query", "GET /dossiers?q=a%20b&x=1 HTTP/1.1\r\n" + kHost + "Cookie: a=b\r\n\r\n", 0},
      {"POST form", "POST /aanmelden HTTP/1.1\r\n" + kHost + "Content-Length: 7\r\n\r\na=1&b=2", 0},
      {"HTTP/1.0", "GET / HTTP/1.0\r\n" + kHost + "\r\n", 0},
      {"empty line first", "\r\nGET / HTTP/1.1\r\n" + kHost + "\r\n", 0},
      {"bare LF line ends", "GET / HTTP/1.1\n" + kHost + "\n", 400},
      {"bare LF in header", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", 400},
      {"bare CR in header", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", 400},
      {"NUL in header", "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n"s, 400},
      {"NUL in target", "GET /a\0b HTTP/1.1\r\n"s + kHost + "\r\n", 400},
      {"obs-fold", "GET / HTTP/1.1\r\n" + kHost + "X-A: b\r\n c\r\n\r\n", 400},
      {"space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400},
      {"no Host", "GET / HTTP/1.1\r\n\r\n", 400},
      {"two Hosts", "GET / HTTP/1.1\r\n" + kHost + kHost + "\r\n", 400},
      {"two equal Content-Length", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx",
       400},
      {"two different Content-Length",
       "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxy", 400},
      {"signed Content-Length", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: +1\r\n\r\nx", 400},
      {"Transfer-Encoding", "POST / HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
       501},
      {"CL and TE", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
       501},
      {"POST without length", "POST / HTTP/1.1\r\n" + kHost + "\r\n", 411},
      {"body too large", "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 2000000\r\n\r\n", 413},
      {"URI too long", "GET " + long_uri + " HTTP/1.1\r\n" + kHost + "\r\n", 414},
      {"URI too long, head unfinished", "GET " + long_uri, 414},
      {"head too large", "GET / HTTP/1.1\r\n" + kHost + "X-A: " + std::string(20000, 'a') + "\r\n\r\n", 431},
      {"HTTP/2.0", "GET / HTTP/2.0\r\n" + kHost + "\r\n", 505},
      {"garbage version", "GET / FOO\r\n" + kHost + "\r\n", 400},
      {"absolute form", "GET http://evil/ HTTP/1.1\r\n" + kHost + "\r\n", 400},
      {"two spaces", "GET  / HTTP/1.1\r\n" + kHost + "\r\n", 400},
      {"control in value", "GET / HTTP/1.1\r\n" + kHost + "X-A: a\x01z\r\n\r\n", 400},
  };
}

TEST(HttpParserTest, TableOfRequests) {
  HttpLimits limits;
  for (const Case& c : Cases()) {
    ParsedRequest parsed;
    ParseResult result = ParseHttpRequest(c.bytes, limits, &parsed);
    if (c.status == 0) {
      ASSERT_EQ(result.kind, ParseResult::Kind::kComplete) << c.name << ": " << result.text;
      EXPECT_EQ(result.consumed, c.bytes.size()) << c.name;
    } else {
      ASSERT_EQ(result.kind, ParseResult::Kind::kRefused) << c.name;
      EXPECT_EQ(result.status, c.status) << c.name;
      EXPECT_NE(result.text.find(" / "), std::string::npos) << c.name << ": bilingual text";
    }
  }
}

// A request that arrives a byte at a time is incomplete until its last byte,
// and then parses to the same fields; a bad one is never accepted early.
TEST(HttpParserTest, EverySplitPoint) {
  HttpLimits limits;
  for (const Case& c : Cases()) {
    ParsedRequest whole;
    ParseResult full = ParseHttpRequest(c.bytes, limits, &whole);
    for (size_t cut = 0; cut < c.bytes.size(); ++cut) {
      ParsedRequest parsed;
      ParseResult part = ParseHttpRequest(std::string_view(c.bytes).substr(0, cut), limits, &parsed);
      EXPECT_NE(part.kind, ParseResult::Kind::kComplete) << c.name << " cut at " << cut;
      if (part.kind == ParseResult::Kind::kRefused) {
        EXPECT_EQ(part.status, c.status) << c.name << " cut at " << cut;
      }
    }
    if (c.status == 0) {
      EXPECT_EQ(full.kind, ParseResult::Kind::kComplete);
      EXPECT_EQ(whole.host, "127.0.0.1:8080") << c.name;
    }
  }
}

TEST(HttpParserTest, FieldsAndPipelining) {
  std::string two =
      "POST /a?b=c HTTP/1.1\r\nHost: X\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"
      "GET /next HTTP/1.1\r\nHost: x\r\n\r\n";
  ParsedRequest parsed;
  ParseResult first = ParseHttpRequest(two, {}, &parsed);
  ASSERT_EQ(first.kind, ParseResult::Kind::kComplete);
  EXPECT_EQ(parsed.method, "POST");
  EXPECT_EQ(parsed.target, "/a?b=c");
  EXPECT_EQ(parsed.host, "x");
  EXPECT_EQ(parsed.body, "abc");
  EXPECT_FALSE(parsed.keep_alive);
  ParseResult second = ParseHttpRequest(std::string_view(two).substr(first.consumed), {}, &parsed);
  ASSERT_EQ(second.kind, ParseResult::Kind::kComplete);
  EXPECT_EQ(parsed.target, "/next");
  EXPECT_TRUE(parsed.keep_alive);
  ParseResult http10 = ParseHttpRequest("GET / HTTP/1.0\r\nHost: x\r\n\r\n", {}, &parsed);
  ASSERT_EQ(http10.kind, ParseResult::Kind::kComplete);
  EXPECT_FALSE(parsed.keep_alive);
}

TEST(HeaderRuleTest, ResponseHeaderRefusesControlCharacters) {
  for (std::string bad : {std::string("/a\r\nSet-Cookie: x=y"), std::string("/a\nb"), std::string("/a\rb"), "/a\0b"s}) {
    WebResponse response;
    response.Redirect(bad);
    EXPECT_TRUE(response.headers.empty());
    EXPECT_TRUE(response.header_refused);
    std::string bytes = SerializeResponse(response, {});
    EXPECT_EQ(bytes.rfind("HTTP/1.1 500 ", 0), 0u) << bytes;
    EXPECT_EQ(bytes.find("Set-Cookie"), std::string::npos);
  }
  WebResponse fine;
  fine.Redirect("/dossiers?x=1");
  EXPECT_FALSE(fine.header_refused);
  EXPECT_NE(SerializeResponse(fine, {}).find("\r\nLocation: /dossiers?x=1\r\n"), std::string::npos);
}

// A header pushed past Header() is caught where the bytes are made.
TEST(HeaderRuleTest, SocketLayerChecksAgain) {
  WebResponse response;
  response.headers.emplace_back("Location", "/a\r\nSet-Cookie: s=1");
  std::string bytes = SerializeResponse(response, {});
  EXPECT_EQ(bytes.rfind("HTTP/1.1 500 ", 0), 0u);
  EXPECT_EQ(bytes.find("Set-Cookie"), std::string::npos);
  WebResponse bad_name;
  bad_name.headers.emplace_back("X\r\nY", "v");
  EXPECT_EQ(SerializeResponse(bad_name, {}).rfind("HTTP/1.1 500 ", 0), 0u);
}

TEST(FrontEndTest, HstsOnlyBehindTls) {
  WebResponse response;
  std::string plain = SerializeResponse(response, {false, true, false});
  std::string tls = SerializeResponse(response, {false, true, true});
  EXPECT_EQ(plain.find("Strict-Transport-Security"), std::string::npos);
  EXPECT_NE(tls.find("\r\nStrict-Transport-Security: max-age=31536000; includeSubDomains\r\n"), std::string::npos);
}

TEST(FrontEndTest, HostCheck) {
  std::vector<std::string> allowed = DefaultAllowedHosts("127.0.0.1", 8080);
  allowed.push_back("opkomst.example.be");
  for (const char* good : {"127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080", "opkomst.example.be",
                           "opkomst.example.be:443"})
    EXPECT_TRUE(HostAllowed(good, allowed)) << good;
  for (const char* bad : {"", "127.0.0.1", "127.0.0.1:8081", "localhost", "evil.example", "evil.example:8080",
                          "127.0.0.1:8080@evil", "[::1]", "localhost:", "opkomst.example.be.evil"})
    EXPECT_FALSE(HostAllowed(bad, allowed)) << bad;
  std::vector<std::string> port80 = DefaultAllowedHosts("127.0.0.1", 80);
  EXPECT_TRUE(HostAllowed("localhost", port80));
}

TEST(FrontEndTest, HeadSendsLengthWithoutBody) {
  WebResponse response;
  response.body = "hello";
  std::string bytes = SerializeResponse(response, {true, true, false});
  EXPECT_NE(bytes.find("Content-Length: 5\r\n"), std::string::npos);
  EXPECT_EQ(bytes.substr(bytes.size() - 4), "\r\n\r\n");
}

}  // namespace
}  // namespace opkomst::web
