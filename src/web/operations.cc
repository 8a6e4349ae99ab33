// For the operator, the proxy and systemd: the health page and the request
// log's line (web/app.h).
#include <cstdio>
#include <ctime>

#include "web/app_internal.h"

namespace opkomst::web {

// GET /gezondheid: 200 "ok" when the store answers a read, 503 when it does
// not. Open to everyone and without data: no counts, no versions, no names.
void HealthPage(Context& ctx) {
  bool answers = ctx.reader().SchemaVersion() > 0;
  ctx.response.status = answers ? 200 : 503;
  ctx.response.content_type = "text/plain; charset=utf-8";
  ctx.response.body = answers ? "ok\n" : "store unavailable\n";
  if (!answers) ctx.response.Header("Retry-After", "5");
}

namespace {

// Only characters that need no escaping in JSON pass; the rest becomes '?'.
// The values are route patterns and methods the server itself chose.
std::string JsonSafe(std::string_view text) {
  std::string out;
  for (char c : text) out += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? c : '?';
  return out;
}

}  // namespace

std::string RequestLogLine(const RequestRecord& record, int64_t unix_milliseconds) {
  std::time_t seconds = static_cast<std::time_t>(unix_milliseconds / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char time[96];  // room for any int the format could print (GCC checks)
  std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(unix_milliseconds % 1000));
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.1f", record.milliseconds);
  std::string line = std::string("{\"time\":\"") + time + "\",\"method\":\"" + JsonSafe(record.method) +
                     "\",\"route\":" + (record.route ? "\"" + JsonSafe(record.route) + "\"" : "null") +
                     ",\"status\":" + std::to_string(record.status) + ",\"ms\":" + duration;
  if (!record.incident.empty()) line += ",\"incident\":\"" + JsonSafe(record.incident) + "\"";
  return line + "}";
}

}  // namespace opkomst::web
