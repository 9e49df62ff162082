#include "domain/case_settings.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"

namespace hejia::domain {
namespace {

namespace json = boost::json;

// The field named by the error that reading `text` raises, or "" when it reads.
std::string ProblemField(std::string_view text, std::string* code = nullptr) {
  try {
    CaseSettingsFromJson(json::parse(text));
  } catch (const ApiError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadRequest);
    if (code) *code = e.code();
    return e.field();
  }
  return "";
}

TEST(CaseSettings, DefaultsAreTheDesignValues) {
  const CaseSettings s;
  EXPECT_EQ(s.night_start_minute, 17 * 60 + 30);
  EXPECT_EQ(s.night_end_minute, 8 * 60 + 30);
  EXPECT_TRUE(s.weekends_night);
  EXPECT_EQ(s.first_contact_night_minutes, 60);
  EXPECT_EQ(s.first_contact_day_minutes, 1440);
  EXPECT_EQ(s.decision_hours, 72);
  EXPECT_EQ(s.mediation_days, 30);
  EXPECT_EQ(s.extension_days, 15);
  EXPECT_EQ(s.follow_up_days, 30);
  EXPECT_EQ(s.night_ack_minutes, 5);
}

TEST(CaseSettings, JsonShowsTimesAsHoursAndMinutes) {
  const auto j = ToJson(CaseSettings{});
  EXPECT_EQ(j.at("night_start"), "17:30");
  EXPECT_EQ(j.at("night_end"), "08:30");
  EXPECT_EQ(j.at("weekends_night"), true);
  EXPECT_EQ(j.at("first_contact_night_minutes"), 60);
  EXPECT_EQ(j.at("town_categories"),
            (json::array{"divorce_property", "inheritance", "domestic_violence"}));
  EXPECT_EQ(j.at("city_categories"), json::array{});
  EXPECT_EQ(j.at("town_severities"), json::array{"serious"});
  EXPECT_EQ(j.at("city_severities"), json::array{"critical"});
  EXPECT_EQ(j.at("night_ack_minutes"), 5);
  EXPECT_EQ(j.at("holidays"), json::array{});
  EXPECT_EQ(j.at("workdays"), json::array{});
  EXPECT_EQ(j.size(), 18u);
}

TEST(CaseSettings, EverySettingSurvivesARoundTrip) {
  CaseSettings s;
  s.night_start_minute = 18 * 60;
  s.night_end_minute = 7 * 60 + 45;
  s.weekends_night = false;
  s.first_contact_night_minutes = 30;
  s.first_contact_day_minutes = 720;
  s.decision_hours = 48;
  s.mediation_days = 45;
  s.extension_days = 10;
  s.town_categories = {"inheritance"};
  s.city_categories = {"domestic_violence", "minors"};
  s.town_severities = {};
  s.city_severities = {"serious", "critical"};
  s.follow_up_days = 14;
  s.night_ack_minutes = 10;
  s.holidays = {"2026-10-01", "2026-10-02"};
  s.workdays = {"2026-10-10"};
  const CaseSettings r = CaseSettingsFromJson(ToJson(s));
  EXPECT_EQ(json::serialize(ToJson(r)), json::serialize(ToJson(s)));
  EXPECT_EQ(r.night_end_minute, 7 * 60 + 45);
  EXPECT_FALSE(r.weekends_night);
  EXPECT_EQ(r.city_categories, (std::vector<std::string>{"domestic_violence", "minors"}));
}

TEST(CaseSettings, FieldsLeftOutKeepTheBaseValues) {
  CaseSettings base;
  base.decision_hours = 24;
  const auto s = CaseSettingsFromJson(json::parse(R"({"mediation_days": 20})"), base);
  EXPECT_EQ(s.mediation_days, 20);
  EXPECT_EQ(s.decision_hours, 24);
  EXPECT_EQ(CaseSettingsFromJson(json::parse("{}")).night_start_minute, 17 * 60 + 30);
}

TEST(CaseSettings, AnUnknownFieldIsRefusedByName) {
  std::string code;
  EXPECT_EQ(ProblemField(R"({"night_begin": "17:30"})", &code), "night_begin");
  EXPECT_EQ(code, "unknown_field");
}

TEST(CaseSettings, WrongTypesAreRefusedNamingTheField) {
  std::string code;
  EXPECT_EQ(ProblemField(R"({"decision_hours": "72"})", &code), "decision_hours");
  EXPECT_EQ(code, "validation_failed");
  EXPECT_EQ(ProblemField(R"({"decision_hours": 72.5})"), "decision_hours");
  EXPECT_EQ(ProblemField(R"({"decision_hours": true})"), "decision_hours");
  EXPECT_EQ(ProblemField(R"({"weekends_night": 1})"), "weekends_night");
  EXPECT_EQ(ProblemField(R"({"night_start": 1050})"), "night_start");
  EXPECT_EQ(ProblemField(R"({"town_categories": "inheritance"})"), "town_categories");
  EXPECT_EQ(ProblemField(R"({"town_categories": [1]})"), "town_categories");
  EXPECT_EQ(ProblemField(R"({"follow_up_days": null})"), "follow_up_days");
  EXPECT_EQ(ProblemField("[]", &code), "");
  EXPECT_EQ(code, "bad_request");
}

TEST(CaseSettings, TimesAreHhMmWithinTheDay) {
  for (const char* bad : {"24:00", "17:60", "7:30", "17.30", "17:30:00", "", "ab:cd"})
    EXPECT_EQ(ProblemField(std::string(R"({"night_start": ")") + bad + "\"}"), "night_start")
        << bad;
  EXPECT_EQ(ProblemField(R"({"night_start": "00:00", "night_end": "23:59"})"), "");
  EXPECT_EQ(ParseMinuteOfDay("23:59"), 1439);
  EXPECT_EQ(ParseMinuteOfDay("00:00"), 0);
  EXPECT_EQ(FormatMinuteOfDay(0), "00:00");
  EXPECT_EQ(FormatMinuteOfDay(1439), "23:59");
}

TEST(CaseSettings, NightMustStartAndEndAtDifferentTimes) {
  EXPECT_EQ(ProblemField(R"({"night_start": "08:30"})"), "night_start");
  EXPECT_EQ(ProblemField(R"({"night_start": "18:00", "night_end": "18:00"})"), "night_end");
}

TEST(CaseSettings, NumbersMustBeInRange) {
  const std::pair<const char*, std::pair<int, int>> ranges[] = {
      {"first_contact_night_minutes", {1, 1440}},
      {"first_contact_day_minutes", {1, 10080}},
      {"decision_hours", {1, 720}},
      {"mediation_days", {1, 365}},
      {"extension_days", {1, 365}},
      {"follow_up_days", {1, 365}},
      {"night_ack_minutes", {1, 120}}};
  for (const auto& [field, range] : ranges) {
    auto body = [&](int n) {
      return "{\"" + std::string(field) + "\": " + std::to_string(n) + "}";
    };
    EXPECT_EQ(ProblemField(body(range.first - 1)), field);
    EXPECT_EQ(ProblemField(body(range.first)), "");
    EXPECT_EQ(ProblemField(body(range.second)), "");
    EXPECT_EQ(ProblemField(body(range.second + 1)), field);
  }
  EXPECT_EQ(ProblemField(R"({"decision_hours": 18446744073709551615})"), "decision_hours");
}

TEST(CaseSettings, CategoriesAndSeveritiesMustBeKnownAndNotRepeated) {
  EXPECT_EQ(ProblemField(R"({"town_categories": ["divorce"]})"), "town_categories");
  EXPECT_EQ(ProblemField(R"({"city_categories": ["minors", "minors"]})"), "city_categories");
  EXPECT_EQ(ProblemField(R"({"town_severities": ["urgent"]})"), "town_severities");
  EXPECT_EQ(ProblemField(R"({"city_severities": ["inheritance"]})"), "city_severities");
  EXPECT_EQ(ProblemField(R"({"city_categories": ["minors"], "town_severities": []})"), "");
}

TEST(CaseSettings, NothingIsBothTownAndCity) {
  // inheritance is a town category by default.
  EXPECT_EQ(ProblemField(R"({"city_categories": ["inheritance"]})"), "city_categories");
  EXPECT_EQ(ProblemField(R"({"town_categories": [], "city_categories": ["inheritance"]})"), "");
  EXPECT_EQ(ProblemField(R"({"town_severities": ["critical"]})"), "town_severities");
}

TEST(CaseSettings, HolidaysAndMakeUpWorkdaysAreRealDatesKeptSorted) {
  const auto s = CaseSettingsFromJson(
      json::parse(R"({"holidays":["2026-10-02","2026-10-01"],"workdays":["2026-10-10"]})"));
  EXPECT_EQ(s.holidays, (std::vector<std::string>{"2026-10-01", "2026-10-02"}));
  EXPECT_EQ(s.workdays, (std::vector<std::string>{"2026-10-10"}));
  std::string code;
  for (const char* bad : {R"({"holidays":"2026-10-01"})", R"({"holidays":[20261001]})",
                          R"({"holidays":["2026-10-1"]})", R"({"holidays":["2027-02-29"]})",
                          R"({"holidays":["2026-13-01"]})", R"({"holidays":["1999-10-01"]})",
                          R"({"holidays":["2026-10-01","2026-10-01"]})"}) {
    EXPECT_EQ(ProblemField(bad, &code), "holidays") << bad;
    EXPECT_EQ(code, "validation_failed") << bad;
  }
  // A make-up working day is a Saturday or Sunday (2026-10-09 is a Friday), and no day is both.
  EXPECT_EQ(ProblemField(R"({"workdays":["2026-10-09"]})"), "workdays");
  EXPECT_EQ(ProblemField(R"({"holidays":["2026-10-10"],"workdays":["2026-10-10"]})"), "workdays");
  std::string many = R"({"holidays":[)";
  for (int i = 0; i <= static_cast<int>(kMaxCalendarDays); ++i)
    many += (i ? "," : "") + std::string("\"2026-01-01\"");
  EXPECT_EQ(ProblemField(many + "]}"), "holidays");
}

TEST(CaseSettings, ADayOffIsAHolidayOrAWeekendNotWorked) {
  CaseSettings s;
  s.holidays = {"2026-10-01", "2026-10-02"};
  s.workdays = {"2026-10-10"};
  const auto at = [](const char* day) { return BeijingDateStartMillis(day) + 12 * 3600 * 1000; };
  EXPECT_TRUE(IsDayOff(s, at("2026-10-01")));   // Thursday, a holiday
  EXPECT_TRUE(IsDayOff(s, at("2026-10-03")));   // Saturday
  EXPECT_FALSE(IsDayOff(s, at("2026-10-09")));  // Friday
  EXPECT_FALSE(IsDayOff(s, at("2026-10-10")));  // Saturday, worked
  EXPECT_TRUE(IsDayOff(s, at("2026-10-11")));   // Sunday
  // The day is Beijing's: 2026-10-01 00:10 Beijing is 30 September in UTC.
  EXPECT_TRUE(IsDayOff(s, BeijingDateStartMillis("2026-10-01") + 10 * 60 * 1000));
  EXPECT_FALSE(IsDayOff(s, BeijingDateStartMillis("2026-10-01") - 1));
}

}  // namespace
}  // namespace hejia::domain
