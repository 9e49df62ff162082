#include "domain/case_event.hpp"

#include <utility>

namespace hejia::domain {

namespace {

constexpr std::pair<StaffEventKind, std::string_view> kKinds[] = {
    {StaffEventKind::kContact, "contact"},
    {StaffEventKind::kNote, "note"},
    {StaffEventKind::kMessage, "message"}};
constexpr std::pair<ContactChannel, std::string_view> kChannels[] = {
    {ContactChannel::kPhone, "phone"},
    {ContactChannel::kVisit, "visit"},
    {ContactChannel::kOnline, "online"},
    {ContactChannel::kSms, "sms"}};
constexpr std::pair<OrderResult, std::string_view> kResults[] = {
    {OrderResult::kGranted, "granted"}, {OrderResult::kRefused, "refused"}};

template <class E, size_t N>
std::string_view CodeOf(const std::pair<E, std::string_view> (&table)[N], E v) {
  for (const auto& [value, code] : table)
    if (value == v) return code;
  return "";
}

template <class E, size_t N>
std::optional<E> ValueOf(const std::pair<E, std::string_view> (&table)[N], std::string_view code) {
  for (const auto& [value, c] : table)
    if (c == code) return value;
  return std::nullopt;
}

}  // namespace

std::string_view ToString(StaffEventKind v) {
  return CodeOf(kKinds, v);
}
std::string_view ToString(ContactChannel v) {
  return CodeOf(kChannels, v);
}
std::string_view ToString(OrderResult v) {
  return CodeOf(kResults, v);
}
std::optional<StaffEventKind> ParseStaffEventKind(std::string_view code) {
  return ValueOf(kKinds, code);
}
std::optional<ContactChannel> ParseContactChannel(std::string_view code) {
  return ValueOf(kChannels, code);
}
std::optional<OrderResult> ParseOrderResult(std::string_view code) {
  return ValueOf(kResults, code);
}

}  // namespace hejia::domain
