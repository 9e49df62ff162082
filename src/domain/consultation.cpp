#include "domain/consultation.hpp"

#include "domain/case_routing.hpp"

namespace hejia::domain {

namespace {

constexpr int64_t kBeijingMs = 8LL * 3600 * 1000;
constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kMinuteMs = 60 * 1000;

}  // namespace

int64_t AddWorkingDays(const CaseSettings& settings, int64_t from, int days) {
  int64_t at = from;
  if (IsDayOff(settings, at)) {
    // The next working day, at the minute the office opens (Beijing).
    const int64_t local_day = (at + kBeijingMs) / kDayMs * kDayMs - kBeijingMs;
    at = local_day + settings.night_end_minute * kMinuteMs;
    while (IsDayOff(settings, at)) at += kDayMs;
  }
  for (int i = 0; i < days; ++i) {
    at += kDayMs;
    while (IsDayOff(settings, at)) at += kDayMs;
  }
  return at;
}

ConsultationLimit ConsultationAnswerDue(const CaseSettings& settings, std::string_view category,
                                        int64_t asked_at) {
  if (category == "domestic_violence" && IsNightClinic(settings, asked_at))
    return {asked_at + settings.consultation_night_minutes * kMinuteMs, true};
  return {AddWorkingDays(settings, asked_at, settings.consultation_answer_days), false};
}

std::optional<Supervision> ConsultationMark(int64_t asked_at, int64_t due_at, int64_t now) {
  if (now < due_at) return std::nullopt;
  if (now >= due_at + (due_at - asked_at)) return Supervision::kRed;
  return Supervision::kYellow;
}

}  // namespace hejia::domain
