#include "domain/case_fields.hpp"

#include <utility>

#include "common/code_table.hpp"

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

}  // namespace

const std::vector<CaseSeverity>& AllCaseSeverities() {
  static const auto k = ValuesOf<CaseSeverity>(Severities());
  return k;
}
const std::vector<CaseChannel>& AllCaseChannels() {
  static const auto k = ValuesOf<CaseChannel>(Channels());
  return k;
}
const std::vector<Supervision>& AllSupervisions() {
  static const auto k = ValuesOf<Supervision>(Supervisions());
  return k;
}
const std::vector<RiskLevel>& AllRiskLevelValues() {
  static const auto k = ValuesOf<RiskLevel>(RiskLevels());
  return k;
}
const std::vector<SessionStatus>& AllSessionStatuses() {
  static const auto k = ValuesOf<SessionStatus>(SessionStatuses());
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
  return ValueOf<CaseSeverity>(Severities(), code);
}
std::optional<CaseChannel> ParseCaseChannel(std::string_view code) {
  return ValueOf<CaseChannel>(Channels(), code);
}
std::optional<Supervision> ParseSupervision(std::string_view code) {
  return ValueOf<Supervision>(Supervisions(), code);
}
std::optional<RiskLevel> ParseRiskLevel(std::string_view code) {
  return ValueOf<RiskLevel>(RiskLevels(), code);
}
std::optional<SessionStatus> ParseSessionStatus(std::string_view code) {
  return ValueOf<SessionStatus>(SessionStatuses(), code);
}

}  // namespace hejia::domain
