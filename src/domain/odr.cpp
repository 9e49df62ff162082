#include "domain/odr.hpp"

namespace hejia::domain {

std::optional<std::string> OdrCodeProblem(std::string_view code) {
  if (code.size() < kOdrCodeMin || code.size() > kOdrCodeMax)
    return "解纷码应为 6 到 40 个字符 / a 解纷码 has 6 to 40 characters";
  for (char ch : code) {
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= '0' && ch <= '9') || ch == '-';
    if (!ok) return "解纷码只含字母、数字和连字符 / letters, digits and hyphens only";
  }
  return std::nullopt;
}

std::optional<OdrEvent> OdrEventFor(CaseStatus to) {
  switch (to) {
    case CaseStatus::kAccepted:
      return OdrEvent::kAccepted;
    case CaseStatus::kRejected:
      return OdrEvent::kRejected;
    case CaseStatus::kAgreed:
      return OdrEvent::kAgreed;
    case CaseStatus::kTerminated:
      return OdrEvent::kTerminated;
    case CaseStatus::kClosed:
    case CaseStatus::kWithdrawn:
    case CaseStatus::kReferred:
      return OdrEvent::kClosed;
    default:
      return std::nullopt;
  }
}

}  // namespace hejia::domain
