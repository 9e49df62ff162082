// Supervision of the time limits (督办): every minute, an open case that missed a limit it had
// not missed before gets a supervision mark (yellow, then red) and moves one level up (village
// -> town -> city, the region becoming the ancestor's), with a timeline event, an audit entry by
// "system" and a live notification to whoever is on duty in the new region.
#pragma once
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jobs/case_job.hpp"
#include "security/field_cipher.hpp"
#include "security/keys.hpp"
#include "store/db.hpp"

namespace hejia::jobs {

/// One escalation made by a pass.
struct Escalation {
  int64_t case_id = 0;
  std::string case_no, category, limit, supervision, level, region_code;
  bool night_clinic = false;
  std::optional<int64_t> notify_user;  // on duty in the new region, if anyone
};

/// One pass at `now_ms` inside the caller's write transaction. Each limit (first contact,
/// decision, mediation) counts once per due time: the escalation event records the limit and its
/// due time, so the next tick does not count the same miss again, while a later miss (another
/// limit, or mediation after an extension) does. At most one escalation per case per pass.
std::vector<Escalation> EscalateMissedLimits(store::Connection& conn,
                                             const security::FieldCipher& cipher,
                                             const security::KeyRing& keys, int64_t now_ms);

/// The pass with its live notifications, for RunCasePass (tests) and MakeCasePass (every minute).
extern const CasePass<Escalation> kCaseDeadlines;

}  // namespace hejia::jobs
