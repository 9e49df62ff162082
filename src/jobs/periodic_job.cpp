#include "jobs/periodic_job.hpp"

#include <spdlog/spdlog.h>

namespace hejia::jobs {

PeriodicJob::PeriodicJob(boost::asio::io_context& ioc, store::Database& db, const Clock& clock,
                         std::string name, std::chrono::seconds period, Pass pass)
    : timer_(ioc),
      db_(db),
      clock_(clock),
      name_(std::move(name)),
      period_(period),
      pass_(std::make_shared<const Pass>(std::move(pass))) {}

void PeriodicJob::Start() {
  Schedule();
}

void PeriodicJob::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void PeriodicJob::Schedule() {
  if (stopped_) return;
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    const int64_t now = clock_.NowMillis();
    // The pass and its result outlive this object's timer callback: the writer runs them later.
    auto after = std::make_shared<AfterCommit>();
    db_.SubmitWrite([pass = pass_, after, now](store::Connection& c) { *after = (*pass)(c, now); },
                    [after, name = name_](std::exception_ptr ep) {
                      if (!ep) {
                        if (*after) (*after)();
                        return;
                      }
                      try {
                        std::rethrow_exception(ep);
                      } catch (const std::exception& e) {
                        spdlog::warn("{} failed: {}", name, e.what());
                      }
                    });
    Schedule();
  });
}

}  // namespace hejia::jobs
