#include "domain/obligations.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace hejia::domain {
namespace {

std::vector<std::string> Dates(const std::vector<Installment>& installments) {
  std::vector<std::string> out;
  for (const auto& i : installments) out.push_back(i.due_on);
  return out;
}

// 500 yuan child support on the 5th of each month for a year, from 2026-11-05.
ObligationTerms ChildSupport() {
  return {50000, Schedule::kMonthly, "2026-11-05", 12};
}

std::string ProblemField(const ObligationTerms& t) {
  try {
    ValidateObligation(t);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "validation_failed");
    return e.field();
  }
  return "";
}

TEST(Obligations, ScheduleCodesRoundTrip) {
  EXPECT_EQ(ToString(Schedule::kOnce), "once");
  EXPECT_EQ(ToString(Schedule::kMonthly), "monthly");
  EXPECT_EQ(ParseSchedule("monthly"), Schedule::kMonthly);
  EXPECT_EQ(ParseSchedule("once"), Schedule::kOnce);
  EXPECT_EQ(ParseSchedule("weekly"), std::nullopt);
}

TEST(Obligations, ValidTermsPass) {
  EXPECT_EQ(ProblemField(ChildSupport()), "");
  EXPECT_EQ(ProblemField({50000, Schedule::kOnce, "2026-11-28", 1}), "");
  EXPECT_EQ(ProblemField({kMaxAmountFen, Schedule::kMonthly, "2028-02-29", 240}), "");
}

TEST(Obligations, TheAmountIsPositiveAndAtMostAMillionYuan) {
  auto t = ChildSupport();
  for (int64_t bad : {int64_t{0}, int64_t{-1}, kMaxAmountFen + 1}) {
    t.amount_fen = bad;
    EXPECT_EQ(ProblemField(t), "amount_fen") << bad;
  }
  t.amount_fen = 1;
  EXPECT_EQ(ProblemField(t), "");
}

TEST(Obligations, TheFirstDueDateIsARealDate) {
  auto t = ChildSupport();
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026/11/05", "", "2026-11-5"}) {
    t.first_due = bad;
    EXPECT_EQ(ProblemField(t), "first_due") << bad;
  }
}

TEST(Obligations, InstallmentsAreOneTo240AndAOneOffHasOne) {
  auto t = ChildSupport();
  for (int bad : {0, -3, 241}) {
    t.installments = bad;
    EXPECT_EQ(ProblemField(t), "installments") << bad;
  }
  EXPECT_EQ(ProblemField({50000, Schedule::kOnce, "2026-11-28", 2}), "installments");
}

TEST(Obligations, MonthlyOnTheFifthForAYear) {
  const auto inst = Installments(ChildSupport());
  EXPECT_EQ(Dates(inst),
            (std::vector<std::string>{"2026-11-05", "2026-12-05", "2027-01-05", "2027-02-05",
                                      "2027-03-05", "2027-04-05", "2027-05-05", "2027-06-05",
                                      "2027-07-05", "2027-08-05", "2027-09-05", "2027-10-05"}));
  for (const auto& i : inst) EXPECT_EQ(i.amount_fen, 50000);
}

TEST(Obligations, TheThirtyFirstMovesToTheMonthsLastDayAndComesBack) {
  const auto inst = Installments({10000, Schedule::kMonthly, "2027-01-31", 4});
  EXPECT_EQ(Dates(inst),
            (std::vector<std::string>{"2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"}));
}

TEST(Obligations, FebruaryOfALeapYearHasItsTwentyNinth) {
  EXPECT_EQ(Dates(Installments({10000, Schedule::kMonthly, "2028-01-31", 3})),
            (std::vector<std::string>{"2028-01-31", "2028-02-29", "2028-03-31"}));
  EXPECT_EQ(Dates(Installments({10000, Schedule::kMonthly, "2028-02-29", 13})).back(),
            "2029-02-28");
  EXPECT_EQ(Dates(Installments({10000, Schedule::kMonthly, "2027-12-30", 3})),
            (std::vector<std::string>{"2027-12-30", "2028-01-30", "2028-02-29"}));
}

TEST(Obligations, AOneOffObligationIsOneInstallment) {
  const auto inst = Installments({50000, Schedule::kOnce, "2026-11-28", 1});
  ASSERT_EQ(inst.size(), 1u);
  EXPECT_EQ(inst[0].due_on, "2026-11-28");
  EXPECT_EQ(inst[0].amount_fen, 50000);
}

TEST(Standing, BeforeTheFirstDueDateNothingIsOwedYet) {
  const auto st = Evaluate(ChildSupport(), {}, "2026-11-04");
  EXPECT_EQ(st.due_fen, 0);
  EXPECT_EQ(st.paid_fen, 0);
  EXPECT_EQ(st.arrears_fen, 0);
  EXPECT_EQ(st.total_fen, 600000);
  EXPECT_EQ(st.outstanding_fen, 600000);
  EXPECT_TRUE(st.missed.empty());
  EXPECT_EQ(st.next_due, "2026-11-05");
  EXPECT_FALSE(st.fulfilled);
}

TEST(Standing, OnTheDueDayTheInstallmentIsOwedButNotYetMissed) {
  const auto st = Evaluate(ChildSupport(), {}, "2026-11-05");
  EXPECT_EQ(st.due_fen, 50000);
  EXPECT_EQ(st.arrears_fen, 50000);
  EXPECT_TRUE(st.missed.empty());
  EXPECT_EQ(st.next_due, "2026-11-05");
  const auto next_day = Evaluate(ChildSupport(), {}, "2026-11-06");
  EXPECT_EQ(next_day.missed, std::vector<std::string>{"2026-11-05"});
  EXPECT_EQ(next_day.next_due, "2026-12-05");
}

TEST(Standing, PaidOnTimeThereAreNoArrears) {
  const std::vector<PaymentRecord> pays = {{"2026-11-05", 50000}, {"2026-12-04", 50000}};
  const auto st = Evaluate(ChildSupport(), pays, "2026-12-20");
  EXPECT_EQ(st.due_fen, 100000);
  EXPECT_EQ(st.paid_fen, 100000);
  EXPECT_EQ(st.arrears_fen, 0);
  EXPECT_TRUE(st.missed.empty());
  EXPECT_EQ(st.next_due, "2027-01-05");
}

TEST(Standing, AMissedMonthShowsAsArrears) {
  const std::vector<PaymentRecord> pays = {{"2026-11-05", 50000}, {"2027-01-05", 50000}};
  const auto st = Evaluate(ChildSupport(), pays, "2027-01-10");
  EXPECT_EQ(st.due_fen, 150000);
  EXPECT_EQ(st.paid_fen, 100000);
  EXPECT_EQ(st.arrears_fen, 50000);
  // The January payment covered the oldest uncovered installment (December); January is open.
  EXPECT_EQ(st.missed, std::vector<std::string>{"2027-01-05"});
  EXPECT_EQ(st.next_due, "2027-02-05");
  EXPECT_FALSE(st.fulfilled);
}

TEST(Standing, PartialPaymentsCoverTheOldestInstallmentFirst) {
  const std::vector<PaymentRecord> pays = {
      {"2026-11-10", 20000}, {"2026-12-01", 20000}, {"2026-12-20", 30000}};
  // 700 yuan paid against November and December (1000 yuan): November is covered, December
  // has 200 of 500 yuan.
  const auto st = Evaluate(ChildSupport(), pays, "2027-01-06");
  EXPECT_EQ(st.due_fen, 150000);
  EXPECT_EQ(st.paid_fen, 70000);
  EXPECT_EQ(st.arrears_fen, 80000);
  EXPECT_EQ(st.missed, (std::vector<std::string>{"2026-12-05", "2027-01-05"}));
  EXPECT_EQ(st.outstanding_fen, 530000);
  // Before the last 300 yuan, November was only 400 of 500 covered.
  const auto earlier = Evaluate(ChildSupport(), pays, "2026-12-10");
  EXPECT_EQ(earlier.paid_fen, 40000);
  EXPECT_EQ(earlier.missed, (std::vector<std::string>{"2026-11-05", "2026-12-05"}));
}

TEST(Standing, PaymentsDatedAfterTodayAreNotCountedYet) {
  const std::vector<PaymentRecord> pays = {{"2026-11-05", 50000}, {"2026-12-06", 50000}};
  const auto st = Evaluate(ChildSupport(), pays, "2026-12-05");
  EXPECT_EQ(st.paid_fen, 50000);
  EXPECT_EQ(st.arrears_fen, 50000);
}

TEST(Standing, OverpaymentCoversLaterInstallmentsAndNeverMakesNegativeArrears) {
  const std::vector<PaymentRecord> pays = {{"2026-11-05", 200000}};
  const auto st = Evaluate(ChildSupport(), pays, "2026-12-10");
  EXPECT_EQ(st.due_fen, 100000);
  EXPECT_EQ(st.arrears_fen, 0);
  EXPECT_TRUE(st.missed.empty());
  EXPECT_EQ(st.next_due, "2027-03-05");  // November to February are paid
  EXPECT_FALSE(st.fulfilled);
}

TEST(Standing, PayingEverythingFulfilsTheObligation) {
  const std::vector<PaymentRecord> all = {{"2026-11-28", 600000}};
  auto st = Evaluate(ChildSupport(), all, "2026-11-28");
  EXPECT_TRUE(st.fulfilled);
  EXPECT_EQ(st.next_due, std::nullopt);
  EXPECT_EQ(st.outstanding_fen, 0);
  const std::vector<PaymentRecord> more = {{"2026-11-28", 600000}, {"2026-11-28", 100}};
  st = Evaluate(ChildSupport(), more, "2028-01-01");
  EXPECT_TRUE(st.fulfilled);
  EXPECT_EQ(st.paid_fen, 600100);
  EXPECT_EQ(st.arrears_fen, 0);
  EXPECT_TRUE(st.missed.empty());
}

TEST(Standing, MsWangsArrearsOf500YuanPaidTheSameDay) {
  const ObligationTerms arrears{50000, Schedule::kOnce, "2026-11-28", 1};
  EXPECT_EQ(Evaluate(arrears, {}, "2026-11-28").arrears_fen, 50000);
  const std::vector<PaymentRecord> paid = {{"2026-11-28", 50000}};
  const auto st = Evaluate(arrears, paid, "2026-11-28");
  EXPECT_TRUE(st.fulfilled);
  EXPECT_EQ(st.arrears_fen, 0);
}

TEST(Standing, AfterTheLastDueDateOnlyMissedInstallmentsRemain) {
  const std::vector<PaymentRecord> pays = {{"2027-01-01", 500000}};
  const auto st = Evaluate(ChildSupport(), pays, "2027-12-01");
  EXPECT_EQ(st.due_fen, 600000);
  EXPECT_EQ(st.arrears_fen, 100000);
  EXPECT_EQ(st.missed, (std::vector<std::string>{"2027-09-05", "2027-10-05"}));
  EXPECT_EQ(st.next_due, std::nullopt);
}

TEST(Payments, APaymentIsPositiveAndNotInTheFuture) {
  auto field = [](PaymentRecord p) -> std::string {
    try {
      ValidatePayment(p, "2026-11-28");
    } catch (const ApiError& e) {
      return e.field();
    }
    return "";
  };
  EXPECT_EQ(field({"2026-11-28", 50000}), "");
  EXPECT_EQ(field({"2026-11-28", 0}), "amount_fen");
  EXPECT_EQ(field({"2026-11-28", kMaxAmountFen + 1}), "amount_fen");
  EXPECT_EQ(field({"2026-11-29", 50000}), "paid_on");
  EXPECT_EQ(field({"2026-11-31", 50000}), "paid_on");
}

TEST(Yuan, FormatsWithTwoDecimals) {
  EXPECT_EQ(FormatYuan(50000), "500.00");
  EXPECT_EQ(FormatYuan(50050), "500.50");
  EXPECT_EQ(FormatYuan(5), "0.05");
  EXPECT_EQ(FormatYuan(0), "0.00");
  EXPECT_EQ(FormatYuan(-1230), "-12.30");
  EXPECT_EQ(FormatYuan(kMaxAmountFen), "1000000.00");
  EXPECT_EQ(FormatYuan(INT64_MIN), "-92233720368547758.08");
}

TEST(Yuan, ParsesWholeAndDecimalAmounts) {
  EXPECT_EQ(ParseYuan("500"), 50000);
  EXPECT_EQ(ParseYuan("500.5"), 50050);
  EXPECT_EQ(ParseYuan("500.50"), 50050);
  EXPECT_EQ(ParseYuan("500.05"), 50005);
  EXPECT_EQ(ParseYuan("0.01"), 1);
  EXPECT_EQ(ParseYuan("0"), 0);
  EXPECT_EQ(ParseYuan("1000000.00"), kMaxAmountFen);
  EXPECT_EQ(ParseYuan("9999999999999.99"), 999999999999999);
}

TEST(Yuan, RefusesNegativesExtraDecimalsAndJunk) {
  for (const char* bad : {"-500", "+500", "500.123", "500.", ".5", "", " 500", "500 ", "5,000",
                          "500元", "1e3", "50a", "0x10", "5.0.0", "10000000000000"})
    EXPECT_EQ(ParseYuan(bad), std::nullopt) << bad;
}

TEST(Yuan, FormatAndParseAgree) {
  for (int64_t fen : {int64_t{0}, int64_t{1}, int64_t{99}, int64_t{100}, int64_t{123456789}})
    EXPECT_EQ(ParseYuan(FormatYuan(fen)), fen);
}

}  // namespace
}  // namespace hejia::domain
