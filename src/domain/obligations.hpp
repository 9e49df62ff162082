// Obligations of a mediation agreement (调解协议书) — who pays how much by when — and how the
// payments recorded against them stand. Money is integer fen; dates are "YYYY-MM-DD" (Beijing),
// which compare correctly as strings. No I/O: the caller passes today's date.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

/// How an obligation falls due: once, or on the same day of each month.
enum class Schedule { kOnce, kMonthly };

std::string_view ToString(Schedule schedule);  ///< "once" | "monthly"
std::optional<Schedule> ParseSchedule(std::string_view code);

/// The largest amount of one installment (or of one payment): 1,000,000 yuan.
inline constexpr int64_t kMaxAmountFen = 100'000'000;
/// The most installments one obligation may have (20 years monthly).
inline constexpr int kMaxInstallments = 240;

/// An obligation's terms. `amount_fen` is the amount of EACH installment (500 yuan monthly child
/// support is amount 50000, monthly, 12 installments; the total is amount × installments).
struct ObligationTerms {
  int64_t amount_fen = 0;
  Schedule schedule = Schedule::kOnce;
  std::string first_due;  ///< YYYY-MM-DD
  int installments = 1;
};

/// Throws Invalid naming the field: `amount_fen` 1..kMaxAmountFen; `first_due` a real date;
/// `installments` 1..kMaxInstallments, and exactly 1 for a one-off obligation.
void ValidateObligation(const ObligationTerms& terms);

/// One installment: its due date and amount.
struct Installment {
  std::string due_on;
  int64_t amount_fen;
};

/// Every installment of valid `terms`, oldest first. Monthly ones fall on first_due's day of the
/// month, moved back to the month's last day where the month is shorter (Jan 31 → Feb 28 or 29
/// → Mar 31 → Apr 30).
std::vector<Installment> Installments(const ObligationTerms& terms);

/// A payment recorded against an obligation.
struct PaymentRecord {
  std::string paid_on;  ///< YYYY-MM-DD
  int64_t amount_fen;
};

/// Throws Invalid naming the field: `amount_fen` 1..kMaxAmountFen; `paid_on` a real date not
/// after `today`.
void ValidatePayment(const PaymentRecord& payment, std::string_view today);

/// Where an obligation stands on a given day.
struct Standing {
  int64_t due_fen = 0;          ///< installments due on or before today
  int64_t paid_fen = 0;         ///< payments made on or before today (later-dated ones are ignored)
  int64_t arrears_fen = 0;      ///< max(0, due − paid)
  int64_t total_fen = 0;        ///< all installments
  int64_t outstanding_fen = 0;  ///< max(0, total − paid)
  std::vector<std::string> missed;      ///< due dates before today not yet covered, oldest first
  std::optional<std::string> next_due;  ///< first uncovered installment due today or later
  bool fulfilled = false;               ///< paid ≥ total (overpayment included)
};

/// Evaluates `payments` against `terms` as of `today`. Payments cover the oldest installment
/// first, whatever day they were made: an installment is covered once the payments so far add up
/// to it and every earlier one. An installment is missed when its due date is strictly before
/// today and it is not (fully) covered; one due today is in arrears but not yet missed.
Standing Evaluate(const ObligationTerms& terms, std::span<const PaymentRecord> payments,
                  std::string_view today);

/// "500.00" for 50000 fen; "-12.30" for -1230.
std::string FormatYuan(int64_t fen);
/// Fen from a yuan amount as typed: "500", "500.5", "500.50", "0.05". nullopt for negatives,
/// signs, spaces, more than two decimals, a bare "." or "500.", more than 13 integer digits,
/// or anything else.
std::optional<int64_t> ParseYuan(std::string_view yuan);

}  // namespace hejia::domain
