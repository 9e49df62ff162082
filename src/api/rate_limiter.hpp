// A per-key sliding window counter (per client address, per user). In memory: per node.
#pragma once
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hejia::api {

/// Allows `limit` events per `window_ms` per key. A slot is reserved before the work is done
/// (so concurrent attempts cannot all pass the check) and may be given back afterwards.
class RateLimiter {
 public:
  RateLimiter(int limit, int64_t window_ms, size_t max_keys = 50000)
      : limit_(limit), window_ms_(window_ms), max_keys_(max_keys) {}

  /// Reserves one attempt; returns 0 if allowed, else the seconds until one is.
  int Hit(const std::string& key, int64_t now_ms) {
    std::lock_guard lock(mu_);
    auto& slot = Touch(key);
    auto& q = slot.times;
    while (!q.empty() && q.front() <= now_ms - window_ms_) q.pop_front();
    if (static_cast<int>(q.size()) >= limit_)
      return static_cast<int>((q.front() + window_ms_ - now_ms + 999) / 1000);
    q.push_back(now_ms);
    return 0;
  }

  /// Gives back the newest reserved attempt (e.g. the sign-in succeeded).
  void Forgive(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end() && !it->second.times.empty()) it->second.times.pop_back();
  }

 private:
  struct Slot {
    std::deque<int64_t> times;
    std::list<std::string>::iterator lru;
  };
  // Least recently used keys are evicted one at a time, so a client rotating addresses cannot
  // wipe everyone's window.
  Slot& Touch(const std::string& key) {
    auto it = map_.find(key);
    if (it != map_.end()) {
      order_.splice(order_.begin(), order_, it->second.lru);
      return it->second;
    }
    if (map_.size() >= max_keys_) {
      map_.erase(order_.back());
      order_.pop_back();
    }
    order_.push_front(key);
    auto& slot = map_[key];
    slot.lru = order_.begin();
    return slot;
  }

  int limit_;
  int64_t window_ms_;
  size_t max_keys_;
  std::mutex mu_;
  std::list<std::string> order_;
  std::unordered_map<std::string, Slot> map_;
};

}  // namespace hejia::api
