#include "app/sessions.h"

#include <algorithm>

#include "storage/kept_forms.h"
#include "storage/sessions.h"

namespace opkomst::app {
namespace {

// Tokens are 32 hex characters; anything else is not looked up at all.
bool WellFormed(const std::string& token) {
  return token.size() == 32 && std::all_of(token.begin(), token.end(),
                                           [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string LanguageCode(Language language) { return language == Language::kEnglish ? "en" : "nl"; }

}  // namespace

SessionStore::SessionStore(Store* writer, std::function<Store&()> reader, const security::Sealer* sealer,
                           SessionLimits limits)
    : writer_(writer), reader_(std::move(reader)), sealer_(sealer), limits_(limits) {}

// A session waiting for its code lives only the few minutes of the code step.
int64_t SessionStore::IdleExpiry(const Session& session, int64_t now) const {
  if (session.awaiting_second_factor) return session.created + limits_.second_factor_seconds;
  return now + limits_.idle_seconds;
}

StatusOr<std::string> SessionStore::Create(const Session& session, int64_t now) {
  int64_t last = last_purge_.load();
  if (now - last >= limits_.purge_interval_seconds && last_purge_.compare_exchange_strong(last, now)) {
    OPKOMST_RETURN_IF_ERROR(PurgeExpired(now).status());
  }
  std::string token = security::RandomHex(16);
  storage::SessionRow row;
  row.token_hash = security::Sha256Hex(token);
  row.username = session.principal.username;
  row.csrf_token = session.csrf_token.empty() ? security::RandomHex(16) : session.csrf_token;
  row.language = LanguageCode(session.language);
  row.awaiting_second_factor = session.awaiting_second_factor;
  if (!session.pending_totp.empty()) row.pending_totp = sealer_->Seal(session.pending_totp);
  row.created = row.last_seen = now;
  Session fresh = session;
  fresh.created = now;
  row.idle_expires = IdleExpiry(fresh, now);
  row.absolute_expires =
      now + (session.awaiting_second_factor ? limits_.second_factor_seconds : limits_.absolute_seconds);
  OPKOMST_RETURN_IF_ERROR(storage::InsertSession(*writer_, row));
  return token;
}

StatusOr<Session> SessionStore::FromRow(const storage::SessionRow& row) const {
  auto role = ParseRole(row.role);
  if (!role) return Internal("session of '" + row.username + "' has an unknown role '" + row.role + "'");
  Session session;
  session.principal = {row.username, *role};
  session.csrf_token = row.csrf_token;
  session.awaiting_second_factor = row.awaiting_second_factor;
  session.created = row.created;
  session.last_seen = row.last_seen;
  session.language = row.language == "en" ? Language::kEnglish : Language::kDutch;
  if (!row.pending_totp.empty()) {
    auto opened = sealer_->Open(row.pending_totp);
    if (opened.ok()) session.pending_totp = *opened;  // another key: enrolment starts over
  }
  return session;
}

StatusOr<std::optional<Session>> SessionStore::Find(const std::string& token, int64_t now) {
  if (!WellFormed(token)) return std::optional<Session>();
  std::string hash = security::Sha256Hex(token);
  auto row = storage::FindSession(reader_(), hash, now);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Session>();
  OPKOMST_ASSIGN_OR_RETURN(Session session, FromRow(**row));
  // At most once per touch interval, and at least twice per idle period
  // (a short idle limit still sees an active session as active).
  int64_t interval = std::min(limits_.touch_interval_seconds, limits_.idle_seconds / 2);
  if (!session.awaiting_second_factor && now - session.last_seen >= interval) {
    auto touched = storage::TouchSession(*writer_, hash, now, IdleExpiry(session, now), now - interval);
    if (!touched.ok()) return touched.status();
    session.last_seen = now;
  }
  return std::optional<Session>(std::move(session));
}

StatusOr<std::optional<Session>> SessionStore::FindEnded(const std::string& token, int64_t now) {
  if (!WellFormed(token)) return std::optional<Session>();
  auto row = storage::FindEndedSession(reader_(), security::Sha256Hex(token), now, now - limits_.ended_form_seconds);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Session>();
  OPKOMST_ASSIGN_OR_RETURN(Session session, FromRow(**row));
  return std::optional<Session>(std::move(session));
}

StatusOr<bool> SessionStore::Touch(const std::string& token, int64_t now) {
  auto found = Find(token, now);
  if (!found.ok()) return found.status();
  return found->has_value();
}

Status SessionStore::Replace(const std::string& token, const Session& session) {
  storage::SessionRow row;
  row.token_hash = security::Sha256Hex(token);
  row.language = LanguageCode(session.language);
  row.awaiting_second_factor = session.awaiting_second_factor;
  if (!session.pending_totp.empty()) row.pending_totp = sealer_->Seal(session.pending_totp);
  return storage::UpdateSessionState(*writer_, row);
}

Status SessionStore::Destroy(const std::string& token) {
  return storage::DeleteSession(*writer_, security::Sha256Hex(token));
}

Status SessionStore::SignOut(const std::string& token, const std::string& username) {
  OPKOMST_RETURN_IF_ERROR(storage::DeleteKeptFormsOf(*writer_, username));
  return Destroy(token);
}

Status SessionStore::DestroyAllOf(const std::string& username) {
  OPKOMST_RETURN_IF_ERROR(storage::DeleteKeptFormsOf(*writer_, username));
  return storage::DeleteSessionsOf(*writer_, username);
}

StatusOr<int64_t> SessionStore::PurgeExpired(int64_t now) {
  return storage::PurgeExpiredSessions(*writer_, now - limits_.ended_form_seconds);
}

}  // namespace opkomst::app
