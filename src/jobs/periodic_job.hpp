// The one periodic-job class: a pass that runs inside the database writer's transaction every
// `period` (never on an I/O thread) until Stop(). What the pass returns runs once its change has
// committed (a notification, say); a failed pass is logged and the next one runs as planned.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "store/db.hpp"

namespace hejia::jobs {

class PeriodicJob {
 public:
  using AfterCommit = std::function<void()>;
  /// One pass at `now_ms` (the injected clock's time) inside the writer's transaction.
  using Pass = std::function<AfterCommit(store::Connection&, int64_t now_ms)>;

  PeriodicJob(boost::asio::io_context& ioc, store::Database& db, const Clock& clock,
              std::string name, std::chrono::seconds period, Pass pass);
  /// Call on the io_context's thread (or before it runs).
  void Start();
  /// Call on the io_context's thread: a pass already handed to the writer still completes.
  void Stop();
  const std::string& name() const { return name_; }

 private:
  void Schedule();
  boost::asio::steady_timer timer_;
  store::Database& db_;
  const Clock& clock_;
  std::string name_;
  std::chrono::seconds period_;
  std::shared_ptr<const Pass> pass_;
  bool stopped_ = false;
};

}  // namespace hejia::jobs
