// The vocabularies of a mediation agreement (调解协议书): where it stands, its form, the kinds of
// its terms, how a party confirmed it and what the court decided. Records carry these values;
// their codes (ToString) are what the database stores and the API shows, and only the SQL and
// JSON edges read or write them.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace hejia::domain {

/// Where an agreement stands: drafted and edited, submitted (frozen, the parties confirm and the
/// mediator signs), in force.
enum class AgreementStatus { kDraft, kAwaitingConfirmation, kEffective };
inline constexpr std::array kAgreementStatuses{
    AgreementStatus::kDraft, AgreementStatus::kAwaitingConfirmation, AgreementStatus::kEffective};

/// A written agreement is signed by the parties; an oral one (口头协议) is recorded by the
/// mediator.
enum class AgreementForm { kWritten, kOral };
inline constexpr std::array kAgreementForms{AgreementForm::kWritten, AgreementForm::kOral};

/// A term of the agreement: money (performed by payments: an obligation may be linked), other, or
/// status (marriage or identity: such an agreement cannot be judicially confirmed).
enum class TermKind { kMoney, kOther, kStatus };
inline constexpr std::array kTermKinds{TermKind::kMoney, TermKind::kOther, TermKind::kStatus};

/// How a party's confirmation was given: the one-time code sent by SMS, a paper signature, or
/// (for an oral agreement) the agreement recorded by the mediator.
enum class ConfirmationMethod { kOtp, kPaper, kOral };
inline constexpr std::array kConfirmationMethods{
    ConfirmationMethod::kOtp, ConfirmationMethod::kPaper, ConfirmationMethod::kOral};

/// What the court decided on an application for judicial confirmation (司法确认).
enum class JudicialResult { kConfirmed, kRejected };
inline constexpr std::array kJudicialResults{JudicialResult::kConfirmed, JudicialResult::kRejected};

constexpr std::string_view ToString(AgreementStatus s) {
  switch (s) {
    case AgreementStatus::kDraft:
      return "draft";
    case AgreementStatus::kAwaitingConfirmation:
      return "awaiting_confirmation";
    case AgreementStatus::kEffective:
      return "effective";
  }
  return "draft";
}

constexpr std::string_view ToString(AgreementForm f) {
  return f == AgreementForm::kOral ? "oral" : "written";
}

constexpr std::string_view ToString(TermKind k) {
  switch (k) {
    case TermKind::kMoney:
      return "money";
    case TermKind::kOther:
      return "other";
    case TermKind::kStatus:
      return "status";
  }
  return "other";
}

constexpr std::string_view ToString(ConfirmationMethod m) {
  switch (m) {
    case ConfirmationMethod::kOtp:
      return "otp";
    case ConfirmationMethod::kPaper:
      return "paper";
    case ConfirmationMethod::kOral:
      return "oral";
  }
  return "paper";
}

constexpr std::string_view ToString(JudicialResult r) {
  return r == JudicialResult::kRejected ? "rejected" : "confirmed";
}

namespace detail {
/// The value among `values` whose code is `code`.
template <class E, std::size_t N>
constexpr std::optional<E> FromCode(const std::array<E, N>& values, std::string_view code) {
  for (E v : values)
    if (ToString(v) == code) return v;
  return std::nullopt;
}
}  // namespace detail

constexpr std::optional<AgreementStatus> ParseAgreementStatus(std::string_view code) {
  return detail::FromCode(kAgreementStatuses, code);
}
constexpr std::optional<AgreementForm> ParseAgreementForm(std::string_view code) {
  return detail::FromCode(kAgreementForms, code);
}
constexpr std::optional<TermKind> ParseTermKind(std::string_view code) {
  return detail::FromCode(kTermKinds, code);
}
constexpr std::optional<ConfirmationMethod> ParseConfirmationMethod(std::string_view code) {
  return detail::FromCode(kConfirmationMethods, code);
}
constexpr std::optional<JudicialResult> ParseJudicialResult(std::string_view code) {
  return detail::FromCode(kJudicialResults, code);
}

/// An agreement with a term on marriage or identity (kind status) cannot be judicially confirmed.
constexpr bool JudiciallyConfirmable(TermKind k) {
  return k != TermKind::kStatus;
}

}  // namespace hejia::domain
