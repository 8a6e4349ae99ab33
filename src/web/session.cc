#include "web/session.h"

#include "security/crypto.h"

namespace opkomst::web {

bool SessionStore::Expired(const Session& s, int64_t now) const {
  if (s.awaiting_second_factor) return now - s.created > limits_.second_factor_seconds;
  return now - s.last_seen > limits_.idle_seconds || now - s.created > limits_.absolute_seconds;
}

std::string SessionStore::Create(const Session& session, int64_t now) {
  std::string token = security::RandomHex(16);
  Session s = session;
  s.created = s.last_seen = now;
  if (s.csrf_token.empty()) s.csrf_token = security::RandomHex(16);
  std::lock_guard<std::mutex> lock(mutex_);
  // Sweep now and then so abandoned sessions do not pile up.
  if (by_hash_.size() % 256 == 255) {
    for (auto it = by_hash_.begin(); it != by_hash_.end();) it = Expired(it->second, now) ? by_hash_.erase(it) : ++it;
  }
  by_hash_[security::Sha256Hex(token)] = s;
  return token;
}

std::optional<Session> SessionStore::Find(const std::string& token, int64_t now) {
  if (token.size() != 32) return std::nullopt;
  std::string hash = security::Sha256Hex(token);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  if (Expired(it->second, now)) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::Replace(const std::string& token, const Session& session) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_hash_.find(security::Sha256Hex(token));
  if (it != by_hash_.end()) it->second = session;
}

void SessionStore::Destroy(const std::string& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_hash_.erase(security::Sha256Hex(token));
}

void SessionStore::DestroyAllOf(const std::string& username) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = by_hash_.begin(); it != by_hash_.end();)
    it = it->second.principal.username == username ? by_hash_.erase(it) : ++it;
}

size_t SessionStore::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return by_hash_.size();
}

}  // namespace opkomst::web
