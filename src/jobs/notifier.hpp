// What a job may do besides writing: tell one person something at once. The app wires it to the
// API's live case stream; a job never sees the API.
#pragma once
#include <cstdint>

#include "domain/case_alert.hpp"

namespace hejia::jobs {

class Notifier {
 public:
  virtual ~Notifier() = default;
  /// Called after the change that caused it has committed; never blocks.
  virtual void Notify(int64_t user_id, const domain::CaseAlert& alert) = 0;
};

}  // namespace hejia::jobs
