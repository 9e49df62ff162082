// A per-key sliding window counter (per client address). In memory: per node.
#pragma once
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace hejia::api {

/// Allows `limit` events per `window_ms` per key.
class RateLimiter {
 public:
  RateLimiter(int limit, int64_t window_ms) : limit_(limit), window_ms_(window_ms) {}
  /// The seconds until an attempt is allowed (0: now), without recording one.
  int RetryAfter(const std::string& key, int64_t now_ms) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return 0;
    auto& q = it->second;
    while (!q.empty() && q.front() <= now_ms - window_ms_) q.pop_front();
    if (static_cast<int>(q.size()) < limit_) return 0;
    return static_cast<int>((q.front() + window_ms_ - now_ms + 999) / 1000);
  }
  /// Records an attempt; returns 0 if allowed, else the seconds until one is.
  int Hit(const std::string& key, int64_t now_ms) {
    std::lock_guard lock(mu_);
    if (map_.size() > 50000) map_.clear();
    auto& q = map_[key];
    while (!q.empty() && q.front() <= now_ms - window_ms_) q.pop_front();
    if (static_cast<int>(q.size()) >= limit_)
      return static_cast<int>((q.front() + window_ms_ - now_ms + 999) / 1000);
    q.push_back(now_ms);
    return 0;
  }

 private:
  int limit_;
  int64_t window_ms_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> map_;
};

}  // namespace hejia::api
