#include "web/form_stash.h"

#include <algorithm>

#include "security/crypto.h"

namespace opkomst::web {

void FormStash::SweepLocked(int64_t now) {
  for (auto it = tokens_.begin(); it != tokens_.end();)
    it = now - it->second.last_issued > kLifetimeSeconds ? tokens_.erase(it) : ++it;
  for (auto it = forms_.begin(); it != forms_.end();)
    it = now - it->second.kept_at > kLifetimeSeconds ? forms_.erase(it) : ++it;
}

void FormStash::Issued(const std::string& csrf_token, const std::string& username, int64_t now) {
  if (csrf_token.empty() || username.empty()) return;
  std::string hash = security::Sha256Hex(csrf_token);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = tokens_.find(hash);
  if (it != tokens_.end()) {
    it->second.last_issued = now;
    return;
  }
  if (tokens_.size() >= kMaxTokens) SweepLocked(now);
  if (tokens_.size() >= kMaxTokens) {
    auto oldest = std::min_element(tokens_.begin(), tokens_.end(), [](const auto& a, const auto& b) {
      return a.second.last_issued < b.second.last_issued;
    });
    tokens_.erase(oldest);
  }
  tokens_[hash] = {username, now};
}

std::string FormStash::Keep(const std::string& path, std::map<std::string, std::string> form, int64_t now) {
  auto csrf = form.find("csrf");
  if (csrf == form.end() || csrf->second.empty()) return "";
  std::string token_hash = security::Sha256Hex(csrf->second);
  form.erase(csrf);
  std::string id = security::RandomHex(16);
  std::lock_guard<std::mutex> lock(mutex_);
  auto issued = tokens_.find(token_hash);
  if (issued == tokens_.end() || now - issued->second.last_issued > kLifetimeSeconds) return "";
  if (forms_.size() >= kMaxForms) SweepLocked(now);
  if (forms_.size() >= kMaxForms) {
    auto oldest = std::min_element(forms_.begin(), forms_.end(),
                                   [](const auto& a, const auto& b) { return a.second.kept_at < b.second.kept_at; });
    forms_.erase(oldest);
  }
  forms_[security::Sha256Hex(id)] = {issued->second.username, path, std::move(form), now};
  return id;
}

std::optional<StashedForm> FormStash::Take(const std::string& id, const std::string& username, int64_t now) {
  if (id.size() != 32) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = forms_.find(security::Sha256Hex(id));
  if (it == forms_.end() || it->second.username != username) return std::nullopt;
  StashedForm out = std::move(it->second);
  forms_.erase(it);
  if (now - out.kept_at > kLifetimeSeconds) return std::nullopt;
  return out;
}

}  // namespace opkomst::web
