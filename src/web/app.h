// The web application without the socket: routes, the central access
// check, sessions, CSRF, security headers, audit and the error translator.
// server.cc feeds it requests from its own HTTP front end; tests call Handle()
// directly.
#ifndef OPKOMST_WEB_APP_H_
#define OPKOMST_WEB_APP_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/codebook.h"
#include "security/crypto.h"
#include "storage/store.h"
#include "web/audit.h"
#include "web/http.h"
#include "web/report_cache.h"
#include "web/session.h"
#include "web/throttle.h"

namespace opkomst::web {

// A few connections for reads and one for writes: SQLite allows one writer
// at a time, and PostgreSQL gets the same simple shape.
class StorePool {
 public:
  static StatusOr<std::unique_ptr<StorePool>> Open(const std::string& url, const Codebook& codebook, int readers);
  Store& Reader();
  Store& Writer() { return *writer_; }
  // The audit log's store (web/audit.h: AuditUrl); its writer thread
  // appends, the history page reads.
  Store& Auditor() { return *auditor_; }

 private:
  std::vector<std::unique_ptr<Store>> readers_;
  std::unique_ptr<Store> writer_, auditor_;
  std::atomic<size_t> next_{0};
};

struct AppOptions {
  SessionLimits sessions;
  bool secure_cookie = true;  // __Host- cookie with Secure (TLS or loopback)
  // Where our own pages come from, for the Origin check of every POST: the
  // request's own Host, and these host names (serve --allowed-host, the
  // public name behind a TLS proxy; without a port any port), with https
  // behind TLS (serve --behind-tls) and http otherwise.
  bool behind_tls = false;
  std::vector<std::string> public_hosts;
  std::function<int64_t()> clock;  // unix seconds; tests move time
  int sign_in_per_minute = 10;     // per client address (web/throttle.h); 0 = no brake
  // Password hashes computed at once (web/throttle.h: CostlyWork). Two keep
  // a 2-core server answering other pages while sign-ins pour in, and still
  // let dozens of people sign in per second.
  int password_work_slots = 2;
  // One structured line per request (RequestLogLine); none if empty. serve
  // writes them to stderr.
  std::function<void(const std::string& line)> request_log;
  // The intake (issue 12): a running dossier without a logged contact for
  // longer than this is flagged (aanklampend werken); declined or withdrawn
  // referrals lose their identity after this many days.
  int contact_rhythm_days = 28;
  int referral_retention_days = 90;
  // How often `opkomst serve` runs that retention itself (web/periodic.h),
  // the first time when it starts; 0 = never (the operator schedules
  // `opkomst retention`).
  int retention_every_seconds = 3600;
};

// What the request log says of one request: never the path (it holds
// dossier ids), the query or anything from the form, only the route's
// pattern ("/dossiers/{id}"), the status, the duration and, on a 500, the
// incident number that the detailed error line also carries.
struct RequestRecord {
  std::string method;
  const char* route = nullptr;  // nullptr: no route matched
  int status = 0;
  double milliseconds = 0;
  std::string incident;
};
// A JSON line: {"time":"2026-12-02T07:30:00.123Z","method":"GET","route":...}
std::string RequestLogLine(const RequestRecord& record, int64_t unix_milliseconds);

struct Context;  // one request in flight (app_internal.h)

class App {
 public:
  App(const Codebook& codebook, StorePool* pool, security::Sealer sealer, AppOptions options);
  ~App();

  // Never throws: unexpected failures become a generic error page with an
  // incident id; the details go to the log (stderr).
  WebResponse Handle(const WebRequest& request);

  int64_t Now() const;
  const Codebook& codebook() const { return codebook_; }
  StorePool& pool() { return *pool_; }
  SessionStore& sessions() { return sessions_; }
  SignInThrottle& throttle() { return throttle_; }
  CostlyWork& password_work() { return password_work_; }
  AuditLog& audit() { return *audit_; }
  const security::Sealer& sealer() const { return sealer_; }
  const AppOptions& options() const { return options_; }
  ReportCache& report_cache() { return report_cache_; }

 private:
  WebResponse HandleLogged(const WebRequest& request, RequestRecord* record);
  WebResponse HandleUnsafe(const WebRequest& request, RequestRecord* record);
  const Codebook& codebook_;
  StorePool* pool_;
  security::Sealer sealer_;
  AppOptions options_;
  SessionStore sessions_;
  SignInThrottle throttle_;
  CostlyWork password_work_;
  std::unique_ptr<AuditLog> audit_;
  ReportCache report_cache_;  // the report pages' (issue 14)
};

// The cookie that carries the session token.
std::string SessionCookieName(bool secure);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_APP_H_
