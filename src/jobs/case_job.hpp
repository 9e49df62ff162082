// What the case jobs share: their context, and one way to run a pass over cases that tells people
// of what it did once its change has committed (through jobs::Notifier, never the API).
#pragma once
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "jobs/notifier.hpp"
#include "jobs/periodic_job.hpp"
#include "security/field_cipher.hpp"
#include "security/keys.hpp"
#include "store/db.hpp"

namespace hejia::jobs {

/// What the case jobs use: the database, the field cipher and keys, and whom to tell.
struct CaseJobContext {
  store::Database& db;
  const security::FieldCipher& cipher;
  const security::KeyRing& keys;
  Notifier* notifier = nullptr;  // none: nobody is told
};

/// A pass inside the writer's transaction that returns its steps, and how to tell people of them
/// after the commit.
template <class Step>
struct CasePass {
  std::vector<Step> (*run)(store::Connection&, const security::FieldCipher&,
                           const security::KeyRing&, int64_t now_ms);
  void (*tell)(Notifier*, const std::vector<Step>&, int64_t now_ms);
};

/// One pass through the writer, then the telling. Blocking; returns the number of steps (tests
/// call it with the time they want).
template <class Step>
int RunCasePass(const CaseJobContext& ctx, CasePass<Step> pass, int64_t now_ms) {
  auto steps = ctx.db.WriteSync(
      [&](store::Connection& c) { return pass.run(c, ctx.cipher, ctx.keys, now_ms); });
  pass.tell(ctx.notifier, steps, now_ms);
  return static_cast<int>(steps.size());
}

/// The pass every `period` (on the writer, without blocking an I/O thread).
template <class Step>
std::unique_ptr<PeriodicJob> MakeCasePass(boost::asio::io_context& ioc, const CaseJobContext& ctx,
                                          const Clock& clock, std::string name,
                                          std::chrono::seconds period, CasePass<Step> pass) {
  return std::make_unique<PeriodicJob>(
      ioc, ctx.db, clock, std::move(name), period,
      [ctx, pass](store::Connection& c, int64_t now) -> PeriodicJob::AfterCommit {
        auto steps = pass.run(c, ctx.cipher, ctx.keys, now);
        if (steps.empty()) return {};
        return [notifier = ctx.notifier, pass, steps = std::move(steps), now] {
          pass.tell(notifier, steps, now);
        };
      });
}

}  // namespace hejia::jobs
