#include "domain/case_routing.hpp"

#include <algorithm>
#include <chrono>

#include "common/code_table.hpp"
#include "common/error.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr int64_t kBeijingOffsetMs = 8 * kHourMs;

bool Contains(const std::vector<std::string>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

size_t CodeLength(CaseLevel level) {
  switch (level) {
    case CaseLevel::kVillage:
      return 12;
    case CaseLevel::kTown:
      return 9;
    case CaseLevel::kCity:
      return 6;
  }
  return 6;
}

bool Missed(const std::optional<int64_t>& due, int64_t now_ms) {
  return due && now_ms > *due;
}

}  // namespace

constexpr std::pair<CaseLevel, std::string_view> kLevelCodes[] = {
    {CaseLevel::kVillage, "village"}, {CaseLevel::kTown, "town"}, {CaseLevel::kCity, "city"}};
constexpr std::pair<MissedLimit, std::string_view> kMissedCodes[] = {
    {MissedLimit::kNone, "none"},
    {MissedLimit::kFirstContact, "first_contact"},
    {MissedLimit::kDecision, "decision"},
    {MissedLimit::kMediation, "mediation"}};

std::string_view ToString(CaseLevel level) {
  return CodeOf(kLevelCodes, level, "village");
}

std::optional<CaseLevel> ParseCaseLevel(std::string_view code) {
  return ValueOf<CaseLevel>(kLevelCodes, code);
}

CaseLevel RouteLevel(const CaseSettings& settings, std::string_view category,
                     std::string_view severity) {
  if (Contains(settings.city_categories, category) || Contains(settings.city_severities, severity))
    return CaseLevel::kCity;
  if (Contains(settings.town_categories, category) || Contains(settings.town_severities, severity))
    return CaseLevel::kTown;
  return CaseLevel::kVillage;
}

std::string HandlingRegionCode(CaseLevel level, std::string_view home_code) {
  const size_t n = home_code.size();
  if ((n != 6 && n != 9 && n != 12 && n != 15) || !AllDigits(home_code))
    throw Invalid("home_code",
                  "区划代码应为 6、9、12 或 15 位数字 / a region code has 6, 9, 12 or 15 digits");
  return std::string(home_code.substr(0, std::min(n, CodeLength(level))));
}

std::string HandlingRegionCodeOnPath(CaseLevel level, std::string_view home_path) {
  const auto codes = CodesOnPath(home_path);
  if (codes.empty()) return "";
  const size_t depth = level == CaseLevel::kCity ? 1 : level == CaseLevel::kTown ? 2 : 3;
  return codes[std::min(depth, codes.size()) - 1];
}

std::optional<CaseLevel> LevelAbove(CaseLevel level) {
  switch (level) {
    case CaseLevel::kVillage:
      return CaseLevel::kTown;
    case CaseLevel::kTown:
      return CaseLevel::kCity;
    case CaseLevel::kCity:
      return std::nullopt;
  }
  return std::nullopt;
}

bool IsNightClinic(const CaseSettings& settings, int64_t now_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> local{milliseconds(now_ms + kBeijingOffsetMs)};
  const auto day = floor<days>(local);
  const int minute = static_cast<int>(duration_cast<minutes>(local - day).count());
  if (settings.weekends_night && IsDayOff(settings, now_ms)) return true;
  const int start = settings.night_start_minute, end = settings.night_end_minute;
  if (start > end) return minute >= start || minute < end;
  return minute >= start && minute < end;
}

int64_t FirstContactDue(const CaseSettings& settings, int64_t now_ms) {
  const int minutes = IsNightClinic(settings, now_ms) ? settings.first_contact_night_minutes
                                                      : settings.first_contact_day_minutes;
  return now_ms + minutes * kMinuteMs;
}

int64_t DecisionDue(const CaseSettings& settings, int64_t now_ms) {
  return now_ms + settings.decision_hours * kHourMs;
}

int64_t MediationDue(const CaseSettings& settings, int64_t started_ms, int extensions) {
  const int64_t days =
      settings.mediation_days + int64_t{std::max(extensions, 0)} * settings.extension_days;
  return started_ms + days * kDayMs;
}

std::optional<Shift> OnDuty(std::span<const Shift> shifts,
                            std::span<const std::string> region_chain, int64_t now_ms) {
  for (const auto& region : region_chain) {
    const Shift* best = nullptr;
    for (const auto& s : shifts) {
      if (s.region_code != region || s.starts_at > now_ms || now_ms >= s.ends_at || !s.can_act)
        continue;
      if (!best || s.starts_at > best->starts_at ||
          (s.starts_at == best->starts_at && s.id < best->id))
        best = &s;
    }
    if (best) return *best;
  }
  return std::nullopt;
}

std::string_view ToString(MissedLimit limit) {
  return CodeOf(kMissedCodes, limit, "none");
}

MissedLimit FirstMissed(const CaseTimers& t, int64_t now_ms) {
  MissedLimit found = MissedLimit::kNone;
  int64_t earliest = 0;
  auto consider = [&](MissedLimit limit, const std::optional<int64_t>& due, bool counts) {
    if (!counts || !Missed(due, now_ms)) return;
    if (found == MissedLimit::kNone || *due < earliest) {
      found = limit;
      earliest = *due;
    }
  };
  consider(MissedLimit::kFirstContact, t.due_first_contact_at,
           !t.first_contact_at && IsOpen(t.status));
  consider(MissedLimit::kDecision, t.due_decision_at, t.status == CaseStatus::kRegistered);
  consider(MissedLimit::kMediation, t.due_mediation_at,
           t.status == CaseStatus::kAssigned || t.status == CaseStatus::kMediating);
  return found;
}

std::string NextSupervision(std::string_view current) {
  if (current == "yellow" || current == "red") return "red";
  return "yellow";
}

bool CanHandleCase(Role role, std::string_view staff_region_path,
                   std::string_view case_region_path) {
  return RoleHas(role, "case.write") && !staff_region_path.empty() &&
         PathWithin(case_region_path, staff_region_path);
}

}  // namespace hejia::domain
