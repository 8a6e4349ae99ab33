#include "web/throttle.h"

namespace opkomst::web {

int64_t SignInThrottle::Admit(const std::string& address, int64_t now) {
  if (limit_ <= 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  if (windows_.size() >= kMaxAddresses) {
    for (auto it = windows_.begin(); it != windows_.end();)
      it = now - it->second.start >= kWindowSeconds ? windows_.erase(it) : ++it;
    // Still full: a flood from very many addresses; refuse rather than grow.
    if (windows_.size() >= kMaxAddresses && !windows_.count(address)) return kWindowSeconds;
  }
  Window& window = windows_[address];
  if (now - window.start >= kWindowSeconds) window = {now, 0};
  if (window.count >= limit_) return window.start + kWindowSeconds - now;
  ++window.count;
  return 0;
}

std::optional<CostlyWork::Slot> CostlyWork::TryEnter() {
  int free = free_.load();
  while (free > 0)
    if (free_.compare_exchange_weak(free, free - 1)) return Slot(&free_);
  return std::nullopt;
}

}  // namespace opkomst::web
