// The city's configurable rules for help requests: night-clinic hours, time limits and which
// categories and severities go up to the town or the city. Stored as one JSON body in the
// `case_settings` table; GET/PUT /case-settings exchange the same JSON.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hejia::domain {

/// Settings of the case rules. Minutes of the day are Beijing time (0..1439).
struct CaseSettings {
  int night_start_minute = 17 * 60 + 30;  ///< JSON "night_start": "17:30"
  int night_end_minute = 8 * 60 + 30;     ///< JSON "night_end": "08:30" (next morning when < start)
  bool weekends_night = true;  ///< days off (weekends, holidays: IsDayOff) are night clinic all day
  int first_contact_night_minutes = 60;  ///< 1..1440
  int first_contact_day_minutes = 1440;  ///< 1..10080
  int decision_hours = 72;               ///< 1..720
  int mediation_days = 30;               ///< 1..365
  int extension_days = 15;               ///< 1..365
  std::vector<std::string> town_categories{"divorce_property", "inheritance", "domestic_violence"};
  std::vector<std::string> city_categories{};
  std::vector<std::string> town_severities{"serious"};
  std::vector<std::string> city_severities{"critical"};
  int follow_up_days = 30;  ///< 1..365: follow-up visit (回访) this many days after fulfilment
  /// 1..120: a night request its on-duty assignee has not opened after this many minutes is
  /// texted to her; after as long again, to the level above (jobs/night_alerts).
  int night_ack_minutes = 5;
  /// 1..10: an online consultation is answered within this many working days (days that are not
  /// IsDayOff; domain/consultation.hpp).
  int consultation_answer_days = 1;
  /// 10..1440: a question about domestic violence asked during night-clinic hours is answered
  /// within this many minutes, by whoever is on duty.
  int consultation_night_minutes = 120;
  /// The public holidays (法定节假日) and the weekend days worked instead (调休上班), as
  /// "YYYY-MM-DD" (Beijing), sorted, at most kMaxCalendarDays each, never the same day in both;
  /// a make-up working day falls on a Saturday or Sunday. See IsDayOff.
  std::vector<std::string> holidays, workdays;
};

inline constexpr size_t kMaxCalendarDays = 400;

/// Whether the Beijing day of `ms` is a day off: a day in `holidays`, or a Saturday or Sunday
/// not in `workdays`. Days off count no working day for a consultation's limit, and are night
/// clinic all day when `weekends_night`.
bool IsDayOff(const CaseSettings& settings, int64_t ms);

/// The JSON form: every field above under its own name, except night_start / night_end as
/// "HH:MM" strings.
boost::json::object ToJson(const CaseSettings& settings);

/// Reads the JSON form strictly: an object whose keys are all known (else 400 `unknown_field`
/// naming it); each value of the right type (else 400 `validation_failed` naming the field);
/// times "HH:MM" 00:00..23:59 and night_start ≠ night_end; numbers in the ranges above;
/// categories and severities known, without repeats, and none both town and city. Fields left
/// out keep their value in `base` (PUT may send a part; a stored body from an older version
/// reads with today's defaults).
CaseSettings CaseSettingsFromJson(const boost::json::value& json, const CaseSettings& base = {});

/// "17:30" for 1050; `minute` is 0..1439.
std::string FormatMinuteOfDay(int minute);
/// 1050 for "17:30"; -1 unless exactly "HH:MM" within 00:00..23:59.
int ParseMinuteOfDay(std::string_view hh_mm);

}  // namespace hejia::domain
