#include "jobs/maintenance.hpp"

#include <spdlog/spdlog.h>

namespace hejia::jobs {

int64_t PurgeExpired(store::Connection& conn, int64_t now_ms) {
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  int64_t n = conn.Execute("DELETE FROM sessions WHERE expires_at < ?", {now_ms - kDay});
  n += conn.Execute("DELETE FROM sign_ins WHERE at < ?", {now_ms - 400 * kDay});
  return n;
}

Maintenance::Maintenance(boost::asio::io_context& ioc, store::Database& db, const Clock& clock,
                         std::chrono::seconds period)
    : timer_(ioc), db_(db), clock_(clock), period_(period) {}

void Maintenance::Start() {
  Schedule();
}

void Maintenance::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void Maintenance::Schedule() {
  if (stopped_) return;
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    const int64_t now = clock_.NowMillis();
    db_.SubmitWrite([now](store::Connection& c) { PurgeExpired(c, now); },
                    [](std::exception_ptr ep) {
                      if (!ep) return;
                      try {
                        std::rethrow_exception(ep);
                      } catch (const std::exception& e) {
                        spdlog::warn("maintenance failed: {}", e.what());
                      }
                    });
    Schedule();
  });
}

}  // namespace hejia::jobs
