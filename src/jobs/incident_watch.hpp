// The watch over police incidents' pushes (issue 11): a push must not lie unseen. At night an
// unacknowledged push's on-duty holder gets an SMS after the night clinic's minutes
// (night_ack_minutes) — the incident number and kind only, never a name or an address — and her
// console sounds again; and whenever a step is overdue the push's supervision mark is raised
// (yellow once late, red when late by as long again as the step was allowed) and the level above
// the push's unit is told: whoever is on duty there at night, its staff by day. Each step is
// audited by "system". Pushes of the last 30 days are watched.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jobs/case_job.hpp"

namespace hejia::jobs {

struct PushWatchStep {
  enum class Kind { kReminded, kMarked };
  Kind kind = Kind::kReminded;
  int64_t incident_id = 0;
  std::string incident_no, incident_kind, recipient;
  std::string mark;  ///< "yellow" | "red" (kMarked)
  bool night = false;
  std::vector<int64_t> notify;
};

std::vector<PushWatchStep> WatchIncidentPushes(store::Connection& conn,
                                               const security::FieldCipher& cipher,
                                               const security::KeyRing& keys, int64_t now_ms);

/// The pass with its live alerts, for RunCasePass (tests) and MakeCasePass (every 30 seconds).
extern const CasePass<PushWatchStep> kIncidentWatch;

}  // namespace hejia::jobs
