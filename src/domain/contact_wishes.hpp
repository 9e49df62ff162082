// How the applicant wants to be reached (docs/design/cases.md, "Safe contact"): a woman living
// with the person who hurts her may ask for text messages only, or for calls only at hours when
// she is alone. Staff see these wishes beside every revealed phone number and on every contact
// form; the console's call button warns before it goes against them. No I/O.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/person.hpp"

namespace hejia::domain {

struct ContactWishes {
  bool sms_only = false;
  /// Calls welcome from/until "HH:MM" Beijing time; both empty: any time. A window may pass
  /// midnight ("20:00"–"07:00").
  std::string call_from, call_to;

  bool Any() const { return sms_only || !call_from.empty() || !call_to.empty(); }
};

/// A problem naming the field (`<prefix>call_from`, `<prefix>call_to`) when a time is not "HH:MM"
/// (00:00–23:59), or only one end is given, or both ends are the same; nullopt when valid.
std::optional<FieldProblem> CheckContactWishes(const ContactWishes& w,
                                               std::string_view prefix = "contact_");

/// Whether a call at `minute_of_day` (0–1439, Beijing time) goes with the wishes: never when
/// sms_only; inside [call_from, call_to) when a window is set; otherwise always.
bool CallWelcome(const ContactWishes& w, int minute_of_day);

}  // namespace hejia::domain
