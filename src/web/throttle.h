// A per-client brake on sign-in attempts, held in this server's memory: at
// most `limit` attempts per client address in a 60-second window, then
// refused (429 with Retry-After) until the window ends. It complements the
// per-account lockout (storage/signin.h), which holds across servers; this
// one slows one address guessing over many accounts.
//
// Limit: behind a reverse proxy every request comes from the proxy's
// address, so the brake applies to all users together unless the proxy is
// trusted to pass the client's address (not done here).
#ifndef OPKOMST_WEB_THROTTLE_H_
#define OPKOMST_WEB_THROTTLE_H_

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace opkomst::web {

class SignInThrottle {
 public:
  static constexpr int64_t kWindowSeconds = 60;
  // `limit` attempts per address per window; 0 = no brake (tests of the store).
  explicit SignInThrottle(int limit) : limit_(limit) {}
  // Counts one attempt; 0 if allowed, else the seconds until the window ends.
  int64_t Admit(const std::string& address, int64_t now);

 private:
  struct Window {
    int64_t start = 0;
    int count = 0;
  };
  static constexpr size_t kMaxAddresses = 100000;  // memory bound; old windows are swept
  int limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

// A few slots for the work that costs a password hash (argon2id, 19 MiB):
// sign-in, the code step and activation. Every worker thread could
// otherwise be busy hashing for sign-ins from many addresses (the per-
// address brake does not see those), and the whole site would wait behind
// them. A request that finds no free slot is answered at once (503 with
// Retry-After) instead of queueing, so pages that cost no hash stay fast.
class CostlyWork {
 public:
  explicit CostlyWork(int slots) : free_(slots) {}
  // Holds one slot until destroyed.
  class Slot {
   public:
    explicit Slot(std::atomic<int>* free) : free_(free) {}
    Slot(Slot&& other) noexcept : free_(std::exchange(other.free_, nullptr)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (free_) free_->fetch_add(1);
    }

   private:
    std::atomic<int>* free_;
  };
  // A slot, or nothing if all are taken.
  std::optional<Slot> TryEnter();

 private:
  std::atomic<int> free_;
};

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_THROTTLE_H_
