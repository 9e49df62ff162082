// The watch over key families' follow-up (docs/design/key_families.md, "To-dos and supervision"):
// every minute, each listed family with something due before now gets its supervision mark (督办)
// recomputed (domain::SupervisionMark), and when something newly falls overdue the people it
// belongs to hear of it on their live stream (`family_todo`, the family's id only): a measure's
// person for her measure, the owning level's staff on the family's path for the rest. A change of
// mark is audited by "system". Only families with something due before now are read.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "jobs/case_job.hpp"

namespace hejia::jobs {

struct FamilyWatchStep {
  int64_t family_id = 0;
  std::string mark;  ///< "none" | "yellow" | "red"
  std::vector<int64_t> notify;
};

std::vector<FamilyWatchStep> WatchFamilies(store::Connection& conn,
                                           const security::FieldCipher& cipher,
                                           const security::KeyRing& keys, int64_t now_ms);

/// The pass with its live alerts, for RunCasePass (tests) and MakeCasePass (every 60 seconds).
extern const CasePass<FamilyWatchStep> kFamilyWatch;

}  // namespace hejia::jobs
