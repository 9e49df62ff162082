// The night clinic must not fail silently. A night request goes to the person on duty and sounds
// on her open console; if she has not opened it within the setting's minutes (night_ack_minutes,
// default 5), an SMS goes to her phone through the outbox — the case number and category only,
// never a name or an address — and her console sounds again; still unopened after as long again,
// the request is brought to whoever is on duty at the level above (live alert and SMS). Each step
// is on the case's timeline and audited by "system". Only requests of the last twelve hours are
// watched: older ones are the time limits' business.
#pragma once
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jobs/case_deadlines.hpp"
#include "jobs/periodic_job.hpp"

namespace hejia::jobs {

/// One step a pass took on one case.
struct NightStep {
  enum class Kind { kReminded, kEscalated };
  Kind kind = Kind::kReminded;
  int64_t case_id = 0;
  std::string case_no, category, level;
  std::optional<int64_t> notify_user;  ///< the assignee (reminded) or the level above's on duty
};

/// One pass at `now_ms` inside the caller's write transaction.
std::vector<NightStep> ChaseUnopenedNightCases(store::Connection& conn,
                                               const security::FieldCipher& cipher,
                                               const security::KeyRing& keys, int64_t now_ms);

/// The pass with its live alerts, for RunCasePass (tests) and MakeCasePass (every 30 seconds).
extern const CasePass<NightStep> kNightWatch;

}  // namespace hejia::jobs
