// The provincial online dispute-resolution platform (在线矛盾纠纷多元化解平台, issue 13, point 4):
// a dispute registered there carries its 解纷码 and arrives here by a signed request; what
// becomes of it goes back at the moments the platform follows. The rules, without I/O.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/case_flow.hpp"

namespace hejia::domain {

/// A 解纷码: 6 to 40 of [A-Za-z0-9-] (the platform's codes look like "JF3307842026000123").
inline constexpr std::size_t kOdrCodeMin = 6, kOdrCodeMax = 40;
std::optional<std::string> OdrCodeProblem(std::string_view code);

/// The moments the platform is told of: the decision (accepted or rejected), an agreement, the
/// end without one, and the closing.
enum class OdrEvent { kAccepted, kRejected, kAgreed, kTerminated, kClosed };
inline constexpr std::array kOdrEvents{OdrEvent::kAccepted, OdrEvent::kRejected, OdrEvent::kAgreed,
                                       OdrEvent::kTerminated, OdrEvent::kClosed};
constexpr std::string_view ToString(OdrEvent e) {
  switch (e) {
    case OdrEvent::kAccepted:
      return "accepted";
    case OdrEvent::kRejected:
      return "rejected";
    case OdrEvent::kAgreed:
      return "agreed";
    case OdrEvent::kTerminated:
      return "terminated";
    case OdrEvent::kClosed:
      return "closed";
  }
  return "closed";
}

/// The event a case's move to `to` tells the platform of, if any (a withdrawal or a referral is a
/// closing as far as the platform is concerned).
std::optional<OdrEvent> OdrEventFor(CaseStatus to);

}  // namespace hejia::domain
