// Signed-in sessions, held in the server's memory: a 128-bit random token in
// a cookie, looked up by its SHA-256 (the raw token is never stored). 15
// minutes idle, 12 hours absolute; sign-out and a restart end them.
#ifndef OPKOMST_WEB_SESSION_H_
#define OPKOMST_WEB_SESSION_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/access.h"
#include "domain/messages.h"

namespace opkomst::web {

struct Session {
  Principal principal;
  std::string csrf_token;  // hidden field of every form of this session
  bool awaiting_second_factor = false;
  std::string pending_totp;            // base32 secret being enrolled on /account; never sent back by the browser
  int64_t created = 0, last_seen = 0;  // unix seconds
  Language language = Language::kDutch;
};

struct SessionLimits {
  int64_t idle_seconds = 15 * 60;
  int64_t absolute_seconds = 12 * 60 * 60;
  int64_t second_factor_seconds = 5 * 60;  // between password and code
};

class SessionStore {
 public:
  explicit SessionStore(SessionLimits limits = {}) : limits_(limits) {}
  // Returns the new token (for the cookie).
  std::string Create(const Session& session, int64_t now);
  // The live session of `token`, touched; expired sessions are removed.
  std::optional<Session> Find(const std::string& token, int64_t now);
  void Replace(const std::string& token, const Session& session);
  void Destroy(const std::string& token);
  void DestroyAllOf(const std::string& username);
  size_t size();

 private:
  bool Expired(const Session& s, int64_t now) const;
  SessionLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> by_hash_;
};

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_SESSION_H_
