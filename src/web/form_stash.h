// Nothing lost when a session expires while a form is open (issue 11,
// finding 2). A form posted after its session expired is kept here under a
// one-time id, for the same account, until she signs in again; then it is
// posted again with the new session's CSRF token (/hervatten/{id}).
//
// Only a form that came from one of our own pages is kept: every CSRF
// token a page was rendered with is remembered with its account (Issued),
// and a stale post must carry one of them. A cross-site page knows no such
// token, so it cannot plant answers to be saved after the victim signs in.
// Held in memory: a restart loses what is kept (as it ends the sessions).
#ifndef OPKOMST_WEB_FORM_STASH_H_
#define OPKOMST_WEB_FORM_STASH_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace opkomst::web {

struct StashedForm {
  std::string username, path;
  std::map<std::string, std::string> form;  // without the old CSRF token
  int64_t kept_at = 0;
};

class FormStash {
 public:
  // How long a token is remembered and a form kept (the sessions'
  // absolute limit), and how many of each at most (oldest go first).
  static constexpr int64_t kLifetimeSeconds = 12 * 60 * 60;
  static constexpr size_t kMaxTokens = 20000, kMaxForms = 2000;

  // A page for `username`'s session was rendered with `csrf_token`.
  void Issued(const std::string& csrf_token, const std::string& username, int64_t now);
  // Keeps `form` posted to `path` if its "csrf" field is a token Issued in
  // the last kLifetimeSeconds; the one-time id (32 hex) or "" if not kept.
  std::string Keep(const std::string& path, std::map<std::string, std::string> form, int64_t now);
  // Takes (removes) the form `id` if it belongs to `username` and is not
  // older than kLifetimeSeconds.
  std::optional<StashedForm> Take(const std::string& id, const std::string& username, int64_t now);

 private:
  struct IssuedToken {
    std::string username;
    int64_t last_issued = 0;
  };
  void SweepLocked(int64_t now);
  std::mutex mutex_;
  std::unordered_map<std::string, IssuedToken> tokens_;  // by SHA-256 of the token
  std::unordered_map<std::string, StashedForm> forms_;   // by SHA-256 of the id
};

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_FORM_STASH_H_
