// What staff write on a case's timeline by hand (POST /cases/{id}/events) and the protection
// order's result: codes of the API and of the `case_events.kind`, `data.channel` and
// `case_protection.order_result` columns, as enum values for the handlers' rules.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

/// The events staff record themselves; the others (registered, status, escalation ...) the
/// system writes.
enum class StaffEventKind { kContact, kNote, kMessage };
/// How a contact was made.
enum class ContactChannel { kPhone, kVisit, kOnline, kSms };
/// A court's decision on a personal-safety protection order.
enum class OrderResult { kGranted, kRefused };

std::string_view ToString(StaffEventKind v);
std::string_view ToString(ContactChannel v);
std::string_view ToString(OrderResult v);
std::optional<StaffEventKind> ParseStaffEventKind(std::string_view code);
std::optional<ContactChannel> ParseContactChannel(std::string_view code);
std::optional<OrderResult> ParseOrderResult(std::string_view code);
/// Every contact channel's code, in the order of the table.
std::vector<std::string> ContactChannelCodes();

}  // namespace hejia::domain
