// Signed-in sessions, kept in the store (storage/sessions.h) so that a
// restart signs no one out and any server of a group serves any request.
//
// A session is a 128-bit random token in the browser's cookie; the store
// keeps only its SHA-256. Expiry: `idle_seconds` without a request,
// `absolute_seconds` after sign-in, and `second_factor_seconds` between the
// password and the code. Every request validates the session in the store;
// it is touched (a write) at most once per `touch_interval_seconds`, so a
// busy page costs one read, and the idle limit is honoured to within that
// interval. The account's role is read with the session at every request,
// and a disabled account's sessions stop working at once.
#ifndef OPKOMST_APP_SESSIONS_H_
#define OPKOMST_APP_SESSIONS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"
#include "domain/access.h"
#include "domain/messages.h"
#include "security/crypto.h"
#include "storage/store.h"

namespace opkomst::storage {
struct SessionRow;  // storage/sessions.h
}

namespace opkomst::app {

struct Session {
  Principal principal;
  std::string csrf_token;  // hidden field of every form of this session
  bool awaiting_second_factor = false;
  std::string pending_totp;            // base32 secret being enrolled on /account (sealed in the store)
  int64_t created = 0, last_seen = 0;  // unix seconds
  Language language = Language::kDutch;
};

// A form posted after its session ended, kept for its account until she
// signs in again (issue 11, finding 2; app/kept_forms.cc).
struct KeptForm {
  std::string path;                         // where it was posted
  std::map<std::string, std::string> form;  // without the old CSRF token
};

struct SessionLimits {
  int64_t idle_seconds = 15 * 60;
  int64_t absolute_seconds = 12 * 60 * 60;
  int64_t second_factor_seconds = 5 * 60;  // between password and code
  int64_t touch_interval_seconds = 60;     // at most one write per session per interval (or per half idle limit)
  int64_t purge_interval_seconds = 10 * 60;
  // How long after its end a session's cookie and CSRF token together may
  // still have a form kept (its row stays that long, useless for anything
  // else), and how long a kept form waits for its owner to sign in.
  int64_t ended_form_seconds = 12 * 60 * 60;
  int64_t kept_form_seconds = 60 * 60;
};

class SessionStore {
 public:
  // `writer` takes the writes, `reader` (called per lookup) the reads; both
  // stores and the sealer must outlive this object.
  SessionStore(Store* writer, std::function<Store&()> reader, const security::Sealer* sealer,
               SessionLimits limits = {});

  // Starts a session (sign-in); returns the new token for the cookie. Now
  // and then also purges the expired sessions of every account.
  StatusOr<std::string> Create(const Session& session, int64_t now);
  // The live session of `token`, touched if its last touch is older than
  // the touch interval; nullopt if unknown, expired or its account disabled.
  StatusOr<std::optional<Session>> Find(const std::string& token, int64_t now);
  // Marks the session active at `now` (a request, or a page's keep-alive
  // ping), at most once per touch interval. False if it has ended.
  StatusOr<bool> Touch(const std::string& token, int64_t now);
  // Stores the session's language, second-factor state and pending secret.
  Status Replace(const std::string& token, const Session& session);
  // Ends the session of `token` (a new sign-in on the device, a wrong code).
  Status Destroy(const std::string& token);
  // Sign-out: the session and every form kept for its account.
  Status SignOut(const std::string& token, const std::string& username);
  // Password change, account disabled: every session and kept form of it.
  Status DestroyAllOf(const std::string& username);
  // Removes sessions that ended more than ended_form_seconds ago.
  StatusOr<int64_t> PurgeExpired(int64_t now);

  // Forms posted after their session ended (app/kept_forms.cc). The
  // session of `token` if it ended (not signed out, not ended by a password
  // change or a disabled account) at most ended_form_seconds ago and its
  // account is enabled; nullopt otherwise. The caller checks the posted CSRF
  // token against it and the route against its principal before keeping.
  StatusOr<std::optional<Session>> FindEnded(const std::string& token, int64_t now);
  // Keeps `form` for `username`, sealed in the store for kept_form_seconds;
  // the one-time id (32 hex) for /hervatten/{id}.
  StatusOr<std::string> KeepForm(const std::string& username, const KeptForm& form, int64_t now);
  // Takes (removes) the form `id` if it is `username`'s and not expired.
  StatusOr<std::optional<KeptForm>> TakeForm(const std::string& id, const std::string& username, int64_t now);

  const SessionLimits& limits() const { return limits_; }

 private:
  int64_t IdleExpiry(const Session& session, int64_t now) const;
  StatusOr<Session> FromRow(const storage::SessionRow& row) const;
  Store* writer_;
  std::function<Store&()> reader_;
  const security::Sealer* sealer_;
  SessionLimits limits_;
  std::atomic<int64_t> last_purge_{0};
};

}  // namespace opkomst::app

#endif  // OPKOMST_APP_SESSIONS_H_
