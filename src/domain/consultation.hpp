// Online consultations' answer limits (issue 13, point 2): a question asked on the portal is
// answered within consultation_answer_days working days (Beijing time; days off are the weekends
// and the city's holidays, less its make-up working days: domain::IsDayOff; a question asked on
// a day off counts from the next working day's night_end, when the office opens); a question
// about domestic violence asked during night-clinic hours within consultation_night_minutes, by
// whoever is on duty. A question past its limit and still
// unanswered gets the supervision mark: yellow at the limit, red once as long again has passed.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/case_fields.hpp"
#include "domain/case_settings.hpp"

namespace hejia::domain {

/// When an answer is due and why.
struct ConsultationLimit {
  int64_t due_at = 0;
  bool urgent = false;  ///< domestic violence at night: routed to the person on duty
};

/// The limit of a question of `category` asked at `asked_at` (Unix ms).
ConsultationLimit ConsultationAnswerDue(const CaseSettings& settings, std::string_view category,
                                        int64_t asked_at);

/// `from` plus `days` working days: a start on a day off (IsDayOff: a weekend not worked, a
/// holiday) moves to the next working day at the office's opening, night_end (Beijing); then
/// each day counted skips the days off.
int64_t AddWorkingDays(const CaseSettings& settings, int64_t from, int days);

/// The mark an unanswered question deserves at `now`: none before its limit, yellow from it, red
/// once the time from asking to the limit has passed again after it.
std::optional<Supervision> ConsultationMark(int64_t asked_at, int64_t due_at, int64_t now);

}  // namespace hejia::domain
