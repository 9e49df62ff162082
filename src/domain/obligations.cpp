#include "domain/obligations.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "common/clock.hpp"
#include "common/error.hpp"

namespace hejia::domain {

namespace {

std::string FormatDate(const std::chrono::year_month_day& ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

bool RealDate(std::string_view s) {
  int y, m, d;
  return ParseDate(s, y, m, d);
}

}  // namespace

std::string_view ToString(Schedule schedule) {
  return schedule == Schedule::kMonthly ? "monthly" : "once";
}

std::optional<Schedule> ParseSchedule(std::string_view code) {
  if (code == "once") return Schedule::kOnce;
  if (code == "monthly") return Schedule::kMonthly;
  return std::nullopt;
}

void ValidateObligation(const ObligationTerms& terms) {
  if (terms.amount_fen <= 0 || terms.amount_fen > kMaxAmountFen)
    throw Invalid("amount_fen",
                  "金额应大于 0 且不超过 1,000,000.00 元 / the amount must be more "
                  "than 0 and at most 1,000,000.00 yuan");
  if (!RealDate(terms.first_due))
    throw Invalid("first_due", "应为有效日期 YYYY-MM-DD / must be a real date YYYY-MM-DD");
  if (terms.installments < 1 || terms.installments > kMaxInstallments)
    throw Invalid("installments", "期数应为 1–240 / installments must be 1 to 240");
  if (terms.schedule == Schedule::kOnce && terms.installments != 1)
    throw Invalid("installments", "一次性履行只有 1 期 / a one-off obligation has 1 installment");
}

std::vector<Installment> Installments(const ObligationTerms& terms) {
  using namespace std::chrono;
  int y, m, d;
  if (!ParseDate(terms.first_due, y, m, d)) return {};
  const int count = terms.schedule == Schedule::kOnce ? 1 : std::max(terms.installments, 0);
  std::vector<Installment> out;
  out.reserve(count);
  const year_month first{year(y), month(m)};
  for (int i = 0; i < count; ++i) {
    const year_month ym = first + months(i);
    const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    const day due_day = std::min(day(d), last);
    out.push_back({FormatDate(year_month_day{ym.year(), ym.month(), due_day}), terms.amount_fen});
  }
  return out;
}

void ValidatePayment(const PaymentRecord& payment, std::string_view today) {
  if (payment.amount_fen <= 0 || payment.amount_fen > kMaxAmountFen)
    throw Invalid("amount_fen",
                  "金额应大于 0 且不超过 1,000,000.00 元 / the amount must be more "
                  "than 0 and at most 1,000,000.00 yuan");
  if (!RealDate(payment.paid_on))
    throw Invalid("paid_on", "应为有效日期 YYYY-MM-DD / must be a real date YYYY-MM-DD");
  if (payment.paid_on > today)
    throw Invalid("paid_on", "付款日期不能晚于今天 / the payment date cannot be in the future");
}

Standing Evaluate(const ObligationTerms& terms, std::span<const PaymentRecord> payments,
                  std::string_view today) {
  Standing st;
  for (const auto& p : payments)
    if (p.paid_on <= today) st.paid_fen += p.amount_fen;
  int64_t covered_up_to = 0;  // running total of installments, to compare with what was paid
  for (const auto& inst : Installments(terms)) {
    st.total_fen += inst.amount_fen;
    covered_up_to += inst.amount_fen;
    const bool covered = st.paid_fen >= covered_up_to;
    if (inst.due_on <= today) st.due_fen += inst.amount_fen;
    if (covered) continue;
    if (inst.due_on < today)
      st.missed.push_back(inst.due_on);
    else if (!st.next_due)
      st.next_due = inst.due_on;
  }
  st.arrears_fen = std::max<int64_t>(0, st.due_fen - st.paid_fen);
  st.outstanding_fen = std::max<int64_t>(0, st.total_fen - st.paid_fen);
  st.fulfilled = st.total_fen > 0 && st.paid_fen >= st.total_fen;
  return st;
}

std::string FormatYuan(int64_t fen) {
  const bool negative = fen < 0;
  // Work in unsigned so that INT64_MIN does not overflow.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "",
                static_cast<unsigned long long>(magnitude / 100),
                static_cast<unsigned long long>(magnitude % 100));
  return buf;
}

std::optional<int64_t> ParseYuan(std::string_view s) {
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 13) return std::nullopt;
  if (dot != std::string_view::npos && (frac.empty() || frac.size() > 2)) return std::nullopt;
  int64_t fen = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    fen = fen * 10 + (c - '0');
  }
  fen *= 100;
  for (size_t i = 0; i < frac.size(); ++i) {
    if (frac[i] < '0' || frac[i] > '9') return std::nullopt;
    fen += (frac[i] - '0') * (i == 0 ? 10 : 1);
  }
  return fen;
}

}  // namespace hejia::domain
