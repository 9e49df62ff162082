// The 12338 rights hotline's log (issue 13, point 1): every call a hotline worker takes, whether
// or not it becomes a help request. A call is received on a line at a time, lasts so long, is
// about a category, and ends in an outcome: advice given, a case opened (by the call's own route,
// which links the case), referred elsewhere, or a call back promised by a due time. The caller's
// phone and name are optional and sealed; the summary is sealed free text. The call belongs to
// the caller's town, or to the city when she did not say.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/person.hpp"
#include "domain/record.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

/// Which number the caller rang: the national 12338 women's rights line, the city federation's
/// own service line, or another (a town's office line).
enum class HotlineLine { k12338, kFederation, kOther };
inline constexpr std::array kHotlineLines{HotlineLine::k12338, HotlineLine::kFederation,
                                          HotlineLine::kOther};
constexpr std::string_view ToString(HotlineLine l) {
  switch (l) {
    case HotlineLine::k12338:
      return "12338";
    case HotlineLine::kFederation:
      return "federation";
    case HotlineLine::kOther:
      return "other";
  }
  return "other";
}

/// How the call ended.
enum class HotlineOutcome { kAdvice, kCaseOpened, kReferred, kCallBack };
inline constexpr std::array kHotlineOutcomes{HotlineOutcome::kAdvice, HotlineOutcome::kCaseOpened,
                                             HotlineOutcome::kReferred, HotlineOutcome::kCallBack};
constexpr std::string_view ToString(HotlineOutcome o) {
  switch (o) {
    case HotlineOutcome::kAdvice:
      return "advice";
    case HotlineOutcome::kCaseOpened:
      return "case_opened";
    case HotlineOutcome::kReferred:
      return "referred";
    case HotlineOutcome::kCallBack:
      return "call_back";
  }
  return "advice";
}

/// The hotline's calls are taken by the city or a town federation.
inline constexpr std::array kHotlineLevels{RegionLevel::kCity, RegionLevel::kTown};

inline constexpr std::size_t kHotlineSummaryMax = 1000, kHotlineCallerNameMax = 30,
                             kHotlineReferredToMax = 100, kHotlineOperatorNameMax = 60;
/// A call lasts at most four hours (in seconds).
inline constexpr int64_t kHotlineDurationMax = 4 * 3600;
/// A call may be logged with a received time at most this far ahead of the clock (a worker's
/// phone a little fast), never later.
inline constexpr int64_t kHotlineClockSlackMs = 5 * 60 * 1000;
/// A call back is promised within 30 days at most.
inline constexpr int64_t kHotlineCallBackMaxMs = 30LL * 24 * 3600 * 1000;

struct HotlineCall {
  Meta meta;
  int64_t received_at = 0;
  int64_t duration_seconds = 0;
  HotlineLine line = HotlineLine::k12338;
  int64_t operator_id = 0;    ///< the worker who logged it (set on create, never from a body)
  std::string operator_name;  ///< her display name then
  Sealed caller_phone;
  Sealed caller_name;    ///< how the caller wished to be called ("王女士"), optional
  Placement region;      ///< the caller's town, or the city when she did not say
  std::string category;  ///< a dispute category (domain/categories.hpp)
  Sealed summary;
  HotlineOutcome outcome = HotlineOutcome::kAdvice;
  std::string referred_to;     ///< required when referred: to whom (派出所, 法院, 民政…)
  int64_t call_back_due = 0;   ///< required when a call back was promised
  int64_t called_back_at = 0;  ///< when the call back was made (0: not yet)
  int64_t case_id = 0;         ///< the help request made of the call (its own route sets it)
  std::string case_no;         ///< and its number, shown with the call
};

/// The call's own rules beyond its fields': a known category; a summary; received no later than
/// the clock (with kHotlineClockSlackMs); a referral names to whom; a call back has a due time
/// after the call and within kHotlineCallBackMaxMs, and a call back made is not before the call
/// nor after the clock; the outcome case_opened goes with a linked case, both ways (the case is
/// made by the call's own route, and a call a case was made of keeps that outcome).
std::optional<FieldProblem> CheckHotlineCall(const HotlineCall& call, int64_t now_ms);

/// A promised call back not yet made whose due time has passed.
bool CallBackOverdue(const HotlineCall& call, int64_t now_ms);

}  // namespace hejia::domain
