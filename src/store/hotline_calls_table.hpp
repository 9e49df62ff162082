// Where the hotline's calls are stored (migration 22, migrations_cloud.cpp): one declaration for
// the record kit. The operator is stamped by the create route (api/hotline_api.cpp) and the case
// link by the call's own "make a case" route; neither is ever taken from a body.
#pragma once
#include "domain/hotline.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

template <>
struct Table<domain::HotlineCall> {
  using T = domain::HotlineCall;
  static constexpr std::string_view kName = "hotline_calls";
  /// The time a list's `from` and `to` bound (whole Beijing days).
  static constexpr std::string_view kPeriodField = "received_at";
  static constexpr std::array kConditions{Condition{"called_back", "t.called_back_at IS NOT NULL",
                                                    Condition::Bind::kFlag,
                                                    "1: the calls called back"}};
  static constexpr auto kFields = std::tuple{
      TimeField<T>{"received_at", &T::received_at},  // now when not sent (Rules::Stamp)
      IntField<T>{"duration_seconds", &T::duration_seconds, 0, domain::kHotlineDurationMax},
      EnumField<T, domain::HotlineLine>{"line", &T::line, domain::kHotlineLines},
      RefField<T>{"operator_id", &T::operator_id,
                  "SELECT r.path FROM users u JOIN regions r ON r.code = u.region_code "
                  "WHERE u.id = ?",
                  false, Filter::kEquals, true},
      TextField<T>{"operator_name", &T::operator_name, domain::kHotlineOperatorNameMax, false,
                   Filter::kNone, true},
      SealedField<T>{"caller_phone", &T::caller_phone, SealKind::kPhone, 20, true},
      SealedField<T>{"caller_name", &T::caller_name, SealKind::kName,
                     domain::kHotlineCallerNameMax},
      RegionField<T>{"region_code", &T::region, domain::kHotlineLevels},
      TextField<T>{"category", &T::category, 40, true, Filter::kEquals},
      SealedField<T>{"summary", &T::summary, SealKind::kText, domain::kHotlineSummaryMax},
      EnumField<T, domain::HotlineOutcome>{"outcome", &T::outcome, domain::kHotlineOutcomes},
      TextField<T>{"referred_to", &T::referred_to, domain::kHotlineReferredToMax},
      TimeField<T>{"call_back_due", &T::call_back_due},
      TimeField<T>{"called_back_at", &T::called_back_at},
      RefField<T>{"case_id", &T::case_id, "SELECT region_path FROM cases WHERE id = ?", false,
                  Filter::kEquals, true},
      TextField<T>{"case_no", &T::case_no, 40, false, Filter::kNone, true},
  };
};

}  // namespace hejia::store::kit
