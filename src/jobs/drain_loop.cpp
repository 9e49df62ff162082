#include "jobs/drain_loop.hpp"

#include <spdlog/spdlog.h>

namespace hejia::jobs {

DrainLoop::DrainLoop(std::string name, const Clock& clock, std::chrono::milliseconds period,
                     int batch, std::function<int(int64_t)> pass)
    : name_(std::move(name)),
      clock_(clock),
      period_(period),
      batch_(batch),
      pass_(std::move(pass)) {}

DrainLoop::~DrainLoop() {
  Stop();
}

void DrainLoop::Start() {
  thread_ = std::thread([this] { Run(); });
}

void DrainLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DrainLoop::Run() {
  for (;;) {
    int handled = 0;
    try {
      handled = pass_(clock_.NowMillis());
    } catch (const std::exception& e) {
      spdlog::warn("{}: {}", name_, e.what());
    }
    std::unique_lock lock(mu_);
    if (stopped_) return;
    if (handled >= batch_) continue;  // more may be due
    cv_.wait_for(lock, period_, [this] { return stopped_; });
    if (stopped_) return;
  }
}

}  // namespace hejia::jobs
