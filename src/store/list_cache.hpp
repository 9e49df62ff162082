// Cached list totals and filtered pages (see store/scoped_list.cpp).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace hejia::store {

/// A few seconds' memory of list results, keyed by their SQL and values; an entry made before
/// the generation moved on is not returned.
template <class T>
class ListCache {
 public:
  explicit ListCache(size_t max_entries) : max_entries_(max_entries) {}

  std::optional<T> Get(const std::string& key, uint64_t generation) const {
    const auto now = std::chrono::steady_clock::now();
    std::shared_lock lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end() || it->second.generation != generation || now - it->second.at > kTtl)
      return std::nullopt;
    return it->second.value;
  }

  // `generation` is the one read before computing: a write that committed meanwhile has bumped
  // it, so the entry is born stale rather than hiding that write.
  void Put(const std::string& key, T value, uint64_t generation) {
    std::unique_lock lock(mu_);
    if (map_.size() >= max_entries_) map_.clear();
    map_[key] = Entry{std::move(value), generation, std::chrono::steady_clock::now()};
  }

 private:
  static constexpr auto kTtl = std::chrono::seconds(3);
  struct Entry {
    T value;
    uint64_t generation;
    std::chrono::steady_clock::time_point at;
  };
  size_t max_entries_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> map_;
};

/// Tells the list caches that listed rows changed. Call after the write commits.
void ListTotalsChanged();

}  // namespace hejia::store
