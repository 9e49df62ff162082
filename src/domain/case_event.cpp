#include "domain/case_event.hpp"

#include <utility>
#include "common/code_table.hpp"

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
  return ValueOf<StaffEventKind>(kKinds, code);
}
std::optional<ContactChannel> ParseContactChannel(std::string_view code) {
  return ValueOf<ContactChannel>(kChannels, code);
}
std::optional<OrderResult> ParseOrderResult(std::string_view code) {
  return ValueOf<OrderResult>(kResults, code);
}
std::vector<std::string> ContactChannelCodes() {
  std::vector<std::string> out;
  for (const auto& [value, code] : kChannels) out.emplace_back(code);
  return out;
}

}  // namespace hejia::domain
