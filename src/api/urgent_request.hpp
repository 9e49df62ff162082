// An urgent help request (docs/design/cases.md, "Urgent requests"): the applicant of a
// domestic-violence request said she is not safe now, or staff taking a call marked it so. It is
// critical (routed as the settings route critical requests), and at once — day and night — the
// person on duty (when the roster names one) and the handling unit's own staff hear of it: a
// live alert on their console and an SMS naming the case number and its kind only. The desk
// lists it first.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "api/services.hpp"
#include "store/case_repo.hpp"

namespace hejia::api {

/// Who is to hear of an urgent request once it is committed, and what they hear.
struct UrgentAlert {
  std::vector<int64_t> users;
  boost::json::object event;
};

/// Inside the intake's write job, after store::CreateCase: chooses who hears of it (the assignee
/// first, then the handling unit's staff, at most 5 in all), queues an SMS to each who has a
/// phone, and records it on the timeline ("urgent_alert") and in the audit trail (by system).
UrgentAlert RaiseUrgent(store::Connection& c, Services& s, const store::CreatedCase& made,
                        std::string_view category, int64_t now_ms);

/// After the commit: the live alert ("assignment", with urgent: true) for each of them.
void PublishUrgent(Services& s, const UrgentAlert& alert);

}  // namespace hejia::api
