// A queue of database jobs drained by worker threads.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

struct Pending {
  Job job;
  JobDone done;
};

/// A queue drained by its own threads.
class JobQueue {
 public:
  void Push(Pending p) {
    {
      std::lock_guard lock(mu_);
      q_.push_back(std::move(p));
    }
    cv_.notify_one();
  }
  /// Waits for at least one job; takes up to `max` of them. Empty when stopped.
  std::vector<Pending> Take(size_t max) { return Take(max, 1, std::chrono::microseconds(0)); }
  /// Waits for at least one job, then up to `linger` more for `want` jobs to be queued; takes up
  /// to `max` of them. Empty when stopped.
  std::vector<Pending> Take(size_t max, size_t want, std::chrono::microseconds linger) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return stopped_ || !q_.empty(); });
    if (q_.size() < want && linger.count() > 0)
      cv_.wait_for(lock, linger, [&] { return stopped_ || q_.size() >= want; });
    std::vector<Pending> out;
    while (!q_.empty() && out.size() < max) {
      out.push_back(std::move(q_.front()));
      q_.pop_front();
    }
    return out;
  }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> q_;
  bool stopped_ = false;
};

}  // namespace hejia::store
