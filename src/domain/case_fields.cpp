#include "domain/case_fields.hpp"

#include <utility>

namespace hejia::domain {

namespace {

template <class E>
using Table = std::vector<std::pair<E, std::string_view>>;

const Table<CaseSeverity>& Severities() {
  static const Table<CaseSeverity> k = {{CaseSeverity::kNormal, "normal"},
                                        {CaseSeverity::kSerious, "serious"},
                                        {CaseSeverity::kCritical, "critical"}};
  return k;
}
const Table<CaseChannel>& Channels() {
  static const Table<CaseChannel> k = {{CaseChannel::kPortal, "portal"},
                                       {CaseChannel::kHotline, "hotline"},
                                       {CaseChannel::kWalkIn, "walk_in"},
                                       {CaseChannel::kConsultation, "consultation"},
                                       {CaseChannel::kOdrPlatform, "odr_platform"},
                                       {CaseChannel::kPolice, "police"},
                                       {CaseChannel::kGridReport, "grid_report"}};
  return k;
}
const Table<Supervision>& Supervisions() {
  static const Table<Supervision> k = {{Supervision::kYellow, "yellow"},
                                       {Supervision::kRed, "red"}};
  return k;
}
const Table<RiskLevel>& RiskLevels() {
  static const Table<RiskLevel> k = {{RiskLevel::kNone, "none"},
                                     {RiskLevel::kLow, "low"},
                                     {RiskLevel::kMedium, "medium"},
                                     {RiskLevel::kHigh, "high"}};
  return k;
}
const Table<SessionStatus>& SessionStatuses() {
  static const Table<SessionStatus> k = {{SessionStatus::kScheduled, "scheduled"},
                                         {SessionStatus::kHeld, "held"},
                                         {SessionStatus::kCancelled, "cancelled"}};
  return k;
}

template <class E>
std::string_view CodeOf(const Table<E>& table, E v) {
  for (const auto& [value, code] : table)
    if (value == v) return code;
  return "";
}

template <class E>
std::optional<E> ValueOf(const Table<E>& table, std::string_view code) {
  for (const auto& [value, c] : table)
    if (c == code) return value;
  return std::nullopt;
}

template <class E>
std::vector<E> ValuesOf(const Table<E>& table) {
  std::vector<E> out;
  for (const auto& entry : table) out.push_back(entry.first);
  return out;
}

}  // namespace

const std::vector<CaseSeverity>& AllCaseSeverities() {
  static const auto k = ValuesOf(Severities());
  return k;
}
const std::vector<CaseChannel>& AllCaseChannels() {
  static const auto k = ValuesOf(Channels());
  return k;
}
const std::vector<Supervision>& AllSupervisions() {
  static const auto k = ValuesOf(Supervisions());
  return k;
}
const std::vector<RiskLevel>& AllRiskLevelValues() {
  static const auto k = ValuesOf(RiskLevels());
  return k;
}
const std::vector<SessionStatus>& AllSessionStatuses() {
  static const auto k = ValuesOf(SessionStatuses());
  return k;
}

const std::vector<CaseLevel>& AllCaseLevels() {
  static const std::vector<CaseLevel> k = {CaseLevel::kVillage, CaseLevel::kTown, CaseLevel::kCity};
  return k;
}

std::string_view Label(CaseLevel level) {
  switch (level) {
    case CaseLevel::kVillage:
      return "村级";
    case CaseLevel::kTown:
      return "镇级";
    case CaseLevel::kCity:
      return "市级";
  }
  return "";
}

std::string_view ToString(CaseSeverity v) {
  return CodeOf(Severities(), v);
}
std::string_view ToString(CaseChannel v) {
  return CodeOf(Channels(), v);
}
std::string_view ToString(Supervision v) {
  return CodeOf(Supervisions(), v);
}
std::string_view ToString(RiskLevel v) {
  return CodeOf(RiskLevels(), v);
}
std::string_view ToString(SessionStatus v) {
  return CodeOf(SessionStatuses(), v);
}
std::string_view ToString(const std::optional<Supervision>& v) {
  return v ? ToString(*v) : std::string_view();
}
std::string_view ToString(const std::optional<RiskLevel>& v) {
  return v ? ToString(*v) : std::string_view();
}

std::optional<CaseSeverity> ParseCaseSeverity(std::string_view code) {
  return ValueOf(Severities(), code);
}
std::optional<CaseChannel> ParseCaseChannel(std::string_view code) {
  return ValueOf(Channels(), code);
}
std::optional<Supervision> ParseSupervision(std::string_view code) {
  return ValueOf(Supervisions(), code);
}
std::optional<RiskLevel> ParseRiskLevel(std::string_view code) {
  return ValueOf(RiskLevels(), code);
}
std::optional<SessionStatus> ParseSessionStatus(std::string_view code) {
  return ValueOf(SessionStatuses(), code);
}

}  // namespace hejia::domain
