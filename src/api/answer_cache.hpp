// A small cache of answers that are costly to compute and read often (the whole city's grid
// coverage, issue 12 point 9): an answer is reused while no write has been committed since it was
// read (store::ListGeneration, moved on by every write's ListTotalsChanged) and for at most
// `max_age_ms` of the server's clock (what time alone changes: a due date passing, a sister's
// leaving date reached). Keys name everything the answer depends on besides the data (the
// caller's role and region, the query). Thread-safe; a full cache starts over.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/scoped_list.hpp"

namespace hejia::api {

class AnswerCache {
 public:
  explicit AnswerCache(int64_t max_age_ms, std::size_t max_entries = 512)
      : max_age_ms_(max_age_ms), max_entries_(max_entries) {}

  /// The generation to pass to Keep: read it before the database read the answer comes from.
  static uint64_t Generation() { return store::ListGeneration(); }

  /// The answer kept for `key`, if it is still good at `now`.
  std::optional<boost::json::value> Find(const std::string& key, int64_t now) {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    const Entry& e = it->second;
    if (e.generation != Generation() || now < e.made_at || now - e.made_at >= max_age_ms_) {
      entries_.erase(it);
      return std::nullopt;
    }
    return e.answer;
  }

  /// Keeps `answer`, read at `now` from data of `generation`.
  void Keep(const std::string& key, uint64_t generation, int64_t now, boost::json::value answer) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_[key] = Entry{generation, now, std::move(answer)};
  }

 private:
  struct Entry {
    uint64_t generation = 0;
    int64_t made_at = 0;
    boost::json::value answer;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  int64_t max_age_ms_;
  std::size_t max_entries_;
};

}  // namespace hejia::api
