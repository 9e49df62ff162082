#include "domain/case_settings.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/json_number.hpp"
#include "domain/categories.hpp"

namespace hejia::domain {

namespace json = boost::json;

namespace {

constexpr std::string_view kFields[] = {"night_start",
                                        "night_end",
                                        "weekends_night",
                                        "first_contact_night_minutes",
                                        "first_contact_day_minutes",
                                        "decision_hours",
                                        "mediation_days",
                                        "extension_days",
                                        "town_categories",
                                        "city_categories",
                                        "town_severities",
                                        "city_severities",
                                        "follow_up_days",
                                        "night_ack_minutes",
                                        "consultation_answer_days",
                                        "consultation_night_minutes",
                                        "holidays",
                                        "workdays"};

json::array ToArray(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.emplace_back(s);
  return a;
}

void ReadInt(const json::object& obj, std::string_view field, int min, int max, int& out) {
  auto it = obj.find(field);
  if (it == obj.end()) return;
  const int64_t n = JsonInteger(it->value(), field);
  if (n < min || n > max)
    throw Invalid(std::string(field), "应在 " + std::to_string(min) + "–" + std::to_string(max) +
                                          " 之间 / must be " + std::to_string(min) + " to " +
                                          std::to_string(max));
  out = static_cast<int>(n);
}

void ReadTime(const json::object& obj, std::string_view field, int& out) {
  auto it = obj.find(field);
  if (it == obj.end()) return;
  const int minute =
      it->value().is_string() ? ParseMinuteOfDay(std::string_view(it->value().as_string())) : -1;
  if (minute < 0)
    throw Invalid(std::string(field),
                  "时间格式应为 HH:MM（00:00–23:59） / must be a time HH:MM, 00:00 to 23:59");
  out = minute;
}

void ReadBool(const json::object& obj, std::string_view field, bool& out) {
  auto it = obj.find(field);
  if (it == obj.end()) return;
  if (!it->value().is_bool())
    throw Invalid(std::string(field), "应为 true/false / must be a boolean");
  out = it->value().as_bool();
}

// A list of codes from one vocabulary, without repeats.
void ReadCodes(const json::object& obj, std::string_view field, bool (*known)(std::string_view),
               std::string_view what, std::vector<std::string>& out) {
  auto it = obj.find(field);
  if (it == obj.end()) return;
  if (!it->value().is_array())
    throw Invalid(std::string(field), "应为数组 / must be an array of codes");
  std::vector<std::string> codes;
  for (const auto& item : it->value().as_array()) {
    if (!item.is_string()) throw Invalid(std::string(field), "应为文本数组 / must hold strings");
    std::string code(item.as_string());
    if (!known(code))
      throw Invalid(std::string(field),
                    "未知" + std::string(what == "category" ? "纠纷类型" : "严重程度") +
                        " / unknown " + std::string(what) + ": " + code);
    if (std::find(codes.begin(), codes.end(), code) != codes.end())
      throw Invalid(std::string(field), "重复 / repeated: " + code);
    codes.push_back(std::move(code));
  }
  out = std::move(codes);
}

// The weekday of a real date "YYYY-MM-DD" (common::ParseDate's), or nullopt.
std::optional<std::chrono::weekday> WeekdayOf(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (!ParseDate(text, y, m, d)) return std::nullopt;
  using namespace std::chrono;
  return weekday{
      sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}}};
}

// A list of days "YYYY-MM-DD", real dates without repeats, kept sorted; `weekend_only` for the
// make-up working days.
void ReadDays(const json::object& obj, std::string_view field, bool weekend_only,
              std::vector<std::string>& out) {
  using namespace std::chrono;
  auto it = obj.find(field);
  if (it == obj.end()) return;
  if (!it->value().is_array())
    throw Invalid(std::string(field), "应为日期数组 / must be an array of dates YYYY-MM-DD");
  const auto& items = it->value().as_array();
  if (items.size() > kMaxCalendarDays)
    throw Invalid(std::string(field), "最多 " + std::to_string(kMaxCalendarDays) +
                                          " 天 / at most " + std::to_string(kMaxCalendarDays) +
                                          " days");
  std::vector<std::string> days;
  for (const auto& item : items) {
    const std::string text = item.is_string() ? std::string(item.as_string()) : std::string();
    const auto wd = WeekdayOf(text);
    if (!wd || text.compare(0, 4, "2000") < 0 || text.compare(0, 4, "2100") > 0)
      throw Invalid(std::string(field),
                    "日期应为 YYYY-MM-DD / must be a date YYYY-MM-DD: " + text.substr(0, 20));
    if (weekend_only && *wd != Saturday && *wd != Sunday)
      throw Invalid(std::string(field),
                    "调休上班日应为周六或周日 / a make-up working day falls on a weekend: " + text);
    days.push_back(text);
  }
  std::sort(days.begin(), days.end());
  if (auto dup = std::adjacent_find(days.begin(), days.end()); dup != days.end())
    throw Invalid(std::string(field), "重复 / repeated: " + *dup);
  out = std::move(days);
}

void CheckDisjoint(const std::vector<std::string>& town, const std::vector<std::string>& city,
                   std::string_view field) {
  for (const auto& code : city)
    if (std::find(town.begin(), town.end(), code) != town.end())
      throw Invalid(std::string(field),
                    "不能同时属于镇街级和市级 / cannot be both town and city: " + code);
}

}  // namespace

std::string FormatMinuteOfDay(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buf;
}

int ParseMinuteOfDay(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return -1;
  for (size_t i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return -1;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return -1;
  return h * 60 + m;
}

json::object ToJson(const CaseSettings& s) {
  return json::object{
      {"night_start", FormatMinuteOfDay(s.night_start_minute)},
      {"night_end", FormatMinuteOfDay(s.night_end_minute)},
      {"weekends_night", s.weekends_night},
      {"first_contact_night_minutes", s.first_contact_night_minutes},
      {"first_contact_day_minutes", s.first_contact_day_minutes},
      {"decision_hours", s.decision_hours},
      {"mediation_days", s.mediation_days},
      {"extension_days", s.extension_days},
      {"town_categories", ToArray(s.town_categories)},
      {"city_categories", ToArray(s.city_categories)},
      {"town_severities", ToArray(s.town_severities)},
      {"city_severities", ToArray(s.city_severities)},
      {"follow_up_days", s.follow_up_days},
      {"night_ack_minutes", s.night_ack_minutes},
      {"consultation_answer_days", s.consultation_answer_days},
      {"consultation_night_minutes", s.consultation_night_minutes},
      {"holidays", ToArray(s.holidays)},
      {"workdays", ToArray(s.workdays)},
  };
}

CaseSettings CaseSettingsFromJson(const json::value& value, const CaseSettings& base) {
  if (!value.is_object()) throw BadRequest("设置必须是 JSON 对象 / settings must be a JSON object");
  const auto& obj = value.as_object();
  for (const auto& kv : obj) {
    if (std::find(std::begin(kFields), std::end(kFields), kv.key()) == std::end(kFields))
      throw ApiError(ErrorKind::kBadRequest, "unknown_field",
                     "未知字段 / unknown field: " + std::string(kv.key()), std::string(kv.key()));
  }
  CaseSettings s = base;
  ReadTime(obj, "night_start", s.night_start_minute);
  ReadTime(obj, "night_end", s.night_end_minute);
  ReadBool(obj, "weekends_night", s.weekends_night);
  ReadInt(obj, "first_contact_night_minutes", 1, 1440, s.first_contact_night_minutes);
  ReadInt(obj, "first_contact_day_minutes", 1, 10080, s.first_contact_day_minutes);
  ReadInt(obj, "decision_hours", 1, 720, s.decision_hours);
  ReadInt(obj, "mediation_days", 1, 365, s.mediation_days);
  ReadInt(obj, "extension_days", 1, 365, s.extension_days);
  ReadCodes(obj, "town_categories", IsCategory, "category", s.town_categories);
  ReadCodes(obj, "city_categories", IsCategory, "category", s.city_categories);
  ReadCodes(obj, "town_severities", IsSeverity, "severity", s.town_severities);
  ReadCodes(obj, "city_severities", IsSeverity, "severity", s.city_severities);
  ReadInt(obj, "follow_up_days", 1, 365, s.follow_up_days);
  ReadInt(obj, "night_ack_minutes", 1, 120, s.night_ack_minutes);
  ReadInt(obj, "consultation_answer_days", 1, 10, s.consultation_answer_days);
  ReadInt(obj, "consultation_night_minutes", 10, 1440, s.consultation_night_minutes);
  ReadDays(obj, "holidays", false, s.holidays);
  ReadDays(obj, "workdays", true, s.workdays);
  for (const auto& day : s.workdays)
    if (std::binary_search(s.holidays.begin(), s.holidays.end(), day))
      throw Invalid(obj.contains("workdays") ? "workdays" : "holidays",
                    "同一天不能既是假日又是调休上班日 / a day cannot be both a holiday and a "
                    "working day: " +
                        day);
  if (s.night_start_minute == s.night_end_minute)
    throw Invalid(obj.contains("night_end") ? "night_end" : "night_start",
                  "夜门诊开始与结束时间不能相同 / night_start and night_end must differ");
  CheckDisjoint(s.town_categories, s.city_categories,
                obj.contains("city_categories") ? "city_categories" : "town_categories");
  CheckDisjoint(s.town_severities, s.city_severities,
                obj.contains("city_severities") ? "city_severities" : "town_severities");
  return s;
}

bool IsDayOff(const CaseSettings& settings, int64_t ms) {
  const std::string day = FormatBeijing(ms).substr(0, 10);
  if (std::binary_search(settings.holidays.begin(), settings.holidays.end(), day)) return true;
  const auto wd = WeekdayOf(day);
  if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) return false;
  return !std::binary_search(settings.workdays.begin(), settings.workdays.end(), day);
}

}  // namespace hejia::domain
