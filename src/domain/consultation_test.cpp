#include "domain/consultation.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"

namespace hejia::domain {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

int64_t At(std::string_view date, int hour, int minute) {
  return BeijingDateStartMillis(date) + hour * kHour + minute * kMinute;
}

// 2026-11-27 is a Friday; 11-28 and 11-29 the weekend; 11-30 a Monday.
TEST(ConsultationLimit, AWeekdayQuestionIsDueOneWorkingDayLater) {
  const CaseSettings s;
  const auto tue = ConsultationAnswerDue(s, "marriage", At("2026-12-01", 10, 0));
  EXPECT_FALSE(tue.urgent);
  EXPECT_EQ(FormatBeijing(tue.due_at), "2026-12-02T10:00:00+08:00");
  // Friday afternoon: Monday afternoon, not Saturday.
  EXPECT_EQ(FormatBeijing(ConsultationAnswerDue(s, "marriage", At("2026-11-27", 15, 0)).due_at),
            "2026-11-30T15:00:00+08:00");
}

TEST(ConsultationLimit, AWeekendQuestionCountsFromMondayMorning) {
  const CaseSettings s;  // night_end 08:30: the office opens
  EXPECT_EQ(FormatBeijing(ConsultationAnswerDue(s, "marriage", At("2026-11-28", 22, 0)).due_at),
            "2026-12-01T08:30:00+08:00");
  EXPECT_EQ(FormatBeijing(ConsultationAnswerDue(s, "marriage", At("2026-11-29", 1, 0)).due_at),
            "2026-12-01T08:30:00+08:00");
}

TEST(ConsultationLimit, DomesticViolenceAtNightIsDueInTwoHoursAndUrgent) {
  const CaseSettings s;
  const auto night = ConsultationAnswerDue(s, "domestic_violence", At("2026-12-01", 21, 30));
  EXPECT_TRUE(night.urgent);
  EXPECT_EQ(FormatBeijing(night.due_at), "2026-12-01T23:30:00+08:00");
  const auto weekend = ConsultationAnswerDue(s, "domestic_violence", At("2026-11-28", 14, 0));
  EXPECT_TRUE(weekend.urgent);  // the weekend is night clinic all day
  // By day it is an ordinary question.
  const auto day = ConsultationAnswerDue(s, "domestic_violence", At("2026-12-01", 10, 0));
  EXPECT_FALSE(day.urgent);
  EXPECT_EQ(FormatBeijing(day.due_at), "2026-12-02T10:00:00+08:00");
  // Another category at night waits for the working day.
  EXPECT_FALSE(ConsultationAnswerDue(s, "marriage", At("2026-12-01", 21, 30)).urgent);
}

TEST(ConsultationLimit, TheSettingsMoveTheLimits) {
  CaseSettings s;
  s.consultation_answer_days = 3;
  s.consultation_night_minutes = 30;
  EXPECT_EQ(FormatBeijing(ConsultationAnswerDue(s, "marriage", At("2026-11-26", 9, 0)).due_at),
            "2026-12-01T09:00:00+08:00");  // Thursday + 3 working days = Tuesday
  EXPECT_EQ(
      FormatBeijing(ConsultationAnswerDue(s, "domestic_violence", At("2026-12-01", 22, 0)).due_at),
      "2026-12-01T22:30:00+08:00");
}

// A holiday of a week from Thursday 1 October 2026, and Saturday 10 October worked instead.
TEST(ConsultationLimit, HolidaysAreSkippedAndAMakeUpWorkdayCounts) {
  CaseSettings s;
  s.holidays = {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                "2026-10-05", "2026-10-06", "2026-10-07"};
  s.workdays = {"2026-10-10"};
  const auto due = [&](const char* day, int hour) {
    return FormatBeijing(ConsultationAnswerDue(s, "marriage", At(day, hour, 0)).due_at);
  };
  EXPECT_EQ(due("2026-09-30", 15), "2026-10-08T15:00:00+08:00");  // the eve: after the holiday
  EXPECT_EQ(due("2026-10-03", 22), "2026-10-09T08:30:00+08:00");  // in it: from the 8th's opening
  EXPECT_EQ(due("2026-10-09", 10), "2026-10-10T10:00:00+08:00");  // Friday: the worked Saturday
  EXPECT_EQ(due("2026-10-10", 10), "2026-10-12T10:00:00+08:00");  // the worked Saturday: Monday
  // A holiday is night clinic all day, a worked Saturday is not.
  EXPECT_TRUE(ConsultationAnswerDue(s, "domestic_violence", At("2026-10-02", 14, 0)).urgent);
  EXPECT_FALSE(ConsultationAnswerDue(s, "domestic_violence", At("2026-10-10", 14, 0)).urgent);
}

TEST(ConsultationLimit, TheMarkIsYellowAtTheLimitAndRedAsLongAgainAfter) {
  const int64_t asked = At("2026-12-01", 21, 0), due = asked + 2 * kHour;
  EXPECT_FALSE(ConsultationMark(asked, due, due - 1));
  EXPECT_EQ(ConsultationMark(asked, due, due), Supervision::kYellow);
  EXPECT_EQ(ConsultationMark(asked, due, due + 2 * kHour - 1), Supervision::kYellow);
  EXPECT_EQ(ConsultationMark(asked, due, due + 2 * kHour), Supervision::kRed);
}

}  // namespace
}  // namespace hejia::domain
