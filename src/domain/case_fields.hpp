// The coded fields of a case as C++ values (docs/design/cases.md): severity, channel, supervision
// mark, risk level and the status of a mediation session. Their codes are the column values and
// the JSON strings; the vocabularies with labels stay in categories.hpp, and the unit test holds
// the two to the same codes. Strings exist only at the SQL and JSON edges.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_routing.hpp"

namespace hejia::domain {

/// How serious a matter is (`cases.severity`); routing reads it.
enum class CaseSeverity { kNormal, kSerious, kCritical };
/// How a request reached us (`cases.channel`).
enum class CaseChannel {
  kPortal,
  kHotline,
  kWalkIn,
  kConsultation,
  kOdrPlatform,
  kPolice,
  kGridReport
};
/// The supervision mark (督办) of a case that missed a limit (`cases.supervision`; "" = none).
enum class Supervision { kYellow, kRed };
/// The safety screening's result (`cases.risk_level`; "" = not screened).
enum class RiskLevel { kNone, kLow, kMedium, kHigh };
/// Where a mediation session stands (`mediation_sessions.status`).
enum class SessionStatus { kScheduled, kHeld, kCancelled };

/// Every value, in the order of the vocabularies.
const std::vector<CaseSeverity>& AllCaseSeverities();
const std::vector<CaseChannel>& AllCaseChannels();
const std::vector<Supervision>& AllSupervisions();
const std::vector<RiskLevel>& AllRiskLevelValues();
const std::vector<SessionStatus>& AllSessionStatuses();
/// The levels of domain::CaseLevel, village first.
const std::vector<CaseLevel>& AllCaseLevels();
/// Chinese label of a level: "村级", "镇级", "市级".
std::string_view Label(CaseLevel level);

std::string_view ToString(CaseSeverity v);
std::string_view ToString(CaseChannel v);
std::string_view ToString(Supervision v);
std::string_view ToString(RiskLevel v);
std::string_view ToString(SessionStatus v);
/// "" for no mark / not screened.
std::string_view ToString(const std::optional<Supervision>& v);
std::string_view ToString(const std::optional<RiskLevel>& v);

std::optional<CaseSeverity> ParseCaseSeverity(std::string_view code);
std::optional<CaseChannel> ParseCaseChannel(std::string_view code);
std::optional<Supervision> ParseSupervision(std::string_view code);
std::optional<RiskLevel> ParseRiskLevel(std::string_view code);
std::optional<SessionStatus> ParseSessionStatus(std::string_view code);

/// The codes of `values`, for the `enum` of a schema: Codes(AllCaseChannels()).
template <class E>
std::vector<std::string> Codes(const std::vector<E>& values) {
  std::vector<std::string> out;
  for (auto v : values) out.emplace_back(ToString(v));
  return out;
}

}  // namespace hejia::domain
