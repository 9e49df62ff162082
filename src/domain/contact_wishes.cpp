#include "domain/contact_wishes.hpp"

namespace hejia::domain {

namespace {

/// Minutes after midnight of "HH:MM", or -1.
int MinuteOf(std::string_view hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return -1;
  for (size_t i : {0u, 1u, 3u, 4u})
    if (hhmm[i] < '0' || hhmm[i] > '9') return -1;
  const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
  const int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
  if (h > 23 || m > 59) return -1;
  return h * 60 + m;
}

}  // namespace

std::optional<FieldProblem> CheckContactWishes(const ContactWishes& w, std::string_view prefix) {
  const std::string from_field = std::string(prefix) + "call_from";
  const std::string to_field = std::string(prefix) + "call_to";
  if (!w.call_from.empty() && MinuteOf(w.call_from) < 0)
    return FieldProblem{from_field, "时间应为 HH:MM / time must be HH:MM"};
  if (!w.call_to.empty() && MinuteOf(w.call_to) < 0)
    return FieldProblem{to_field, "时间应为 HH:MM / time must be HH:MM"};
  if (w.call_from.empty() != w.call_to.empty())
    return FieldProblem{w.call_from.empty() ? from_field : to_field,
                        "请同时填写来电的起止时间 / give both ends of the call hours"};
  if (!w.call_from.empty() && w.call_from == w.call_to)
    return FieldProblem{to_field,
                        "起止时间不能相同 / the call hours must not start and end at once"};
  return std::nullopt;
}

bool CallWelcome(const ContactWishes& w, int minute_of_day) {
  if (w.sms_only) return false;
  const int from = MinuteOf(w.call_from), to = MinuteOf(w.call_to);
  if (from < 0 || to < 0) return true;
  if (from < to) return minute_of_day >= from && minute_of_day < to;
  return minute_of_day >= from || minute_of_day < to;  // past midnight
}

}  // namespace hejia::domain
