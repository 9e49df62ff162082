// The cockpit's snapshots kept between requests (api/cockpit_api.cpp), by scope and period.
//
// A snapshot is fresh while no write came after it (the list generation it was computed at is
// the current one) and it is younger than `max_age_ms` (figures such as overdue contacts move
// with the clock). Otherwise it is still served, marked stale, and one caller is told to refresh
// it — in the background, so that no request waits seconds for a city's year — but only once it
// is `stale_ms` old: a day of steady writes costs one computation per `stale_ms`. Past twice
// `max_age_ms` it is not served any more: the caller computes a new one and waits for it.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "domain/cockpit.hpp"

namespace hejia::api {

class CockpitCache {
 public:
  struct Found {
    std::shared_ptr<const domain::CockpitSnapshot> snapshot;  ///< null: compute one and wait
    bool stale = false;    ///< older than a write or than max_age_ms
    bool refresh = false;  ///< this caller refreshes it (then calls Keep or Failed)
  };

  Found Find(const std::string& key, int64_t now, uint64_t generation, int64_t stale_ms,
             int64_t max_age_ms) {
    std::lock_guard lock(mu_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return {};
    Entry& e = it->second;
    const int64_t age = now - e.made_at;
    if (age < 0 || age >= 2 * max_age_ms) return {};
    if (e.generation == generation && age < max_age_ms) return {e.snapshot, false, false};
    if (age < stale_ms || e.computing) return {e.snapshot, true, false};
    e.computing = true;  // this caller refreshes; the others keep being served the old one
    return {e.snapshot, true, true};
  }

  void Keep(const std::string& key, std::shared_ptr<const domain::CockpitSnapshot> snapshot) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= 256 && !entries_.contains(key)) entries_.clear();
    entries_[key] = Entry{snapshot->generation, snapshot->as_of, false, std::move(snapshot)};
  }

  /// The refresh failed: the next caller past `stale_ms` tries again.
  void Failed(const std::string& key) {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end()) it->second.computing = false;
  }

 private:
  struct Entry {
    uint64_t generation = 0;
    int64_t made_at = 0;
    bool computing = false;
    std::shared_ptr<const domain::CockpitSnapshot> snapshot;
  };
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace hejia::api
