#include "jobs/maintenance.hpp"

#include <spdlog/spdlog.h>

namespace hejia::jobs {

int64_t PurgeExpired(store::Connection& conn, int64_t now_ms) {
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  int64_t n = conn.Execute("DELETE FROM sessions WHERE expires_at < ?", {now_ms - kDay});
  n += conn.Execute("DELETE FROM sign_ins WHERE at < ?", {now_ms - 400 * kDay});
  return n;
}

std::unique_ptr<PeriodicJob> MakeMaintenance(boost::asio::io_context& ioc, store::Database& db,
                                             const Clock& clock, std::chrono::seconds period) {
  return std::make_unique<PeriodicJob>(
      ioc, db, clock, "maintenance", period,
      [](store::Connection& c, int64_t now) -> PeriodicJob::AfterCommit {
        PurgeExpired(c, now);
        return {};
      });
}

}  // namespace hejia::jobs
