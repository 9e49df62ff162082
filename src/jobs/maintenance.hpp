// Periodic housekeeping: expired sessions are purged so the sessions table stays small. The
// audit trail is never purged here (kept at least 6 months by regulation; archiving is manual).
#pragma once
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>

#include "common/clock.hpp"
#include "jobs/periodic_job.hpp"
#include "store/db.hpp"

namespace hejia::jobs {

/// Deletes sessions that ended more than a day ago and sign-in records older than 400 days.
/// Idempotent, so every node of a PostgreSQL deployment may run it.
int64_t PurgeExpired(store::Connection& conn, int64_t now_ms);

/// Runs PurgeExpired on the writer every `period` until Stop().
/// PurgeExpired every `period`.
std::unique_ptr<PeriodicJob> MakeMaintenance(
    boost::asio::io_context& ioc, store::Database& db, const Clock& clock,
    std::chrono::seconds period = std::chrono::minutes(10));

}  // namespace hejia::jobs
