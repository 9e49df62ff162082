// Where visits are stored (the visits migration in migrations_later.cpp): one declaration for the
// record kit. A visit is placed on its household's grid and recorded through its own route
// (api/visits_api.cpp: the household, the recorder, the phone's client id and the late mark are
// set there); its visitors are rows of visit_visitors beside it (store/visit_repo.hpp).
#pragma once
#include "domain/care.hpp"
#include "store/record_kit.hpp"

namespace hejia::store::kit {

inline constexpr std::array kVisitLevels{domain::RegionLevel::kGrid};

template <>
struct Table<domain::Visit> {
  using T = domain::Visit;
  static constexpr std::string_view kName = "visits";
  /// The time a list's `from` and `to` bound (whole Beijing days).
  static constexpr std::string_view kPeriodField = "visited_at";
  static constexpr auto kFields = std::tuple{
      RefField<T>{"household_id", &T::household_id,
                  "SELECT region_path FROM households WHERE id = ?", true, Filter::kEquals, true},
      RegionField<T>{"region_code", &T::region, kVisitLevels, true},
      TimeField<T>{"visited_at", &T::visited_at, true},
      EnumField<T, domain::VisitKind>{"kind", &T::kind, domain::kVisitKinds},
      TextField<T>{"situations", &T::situations, domain::kSituationsMax, false, Filter::kContains},
      EnumField<T, domain::VisitMode>{"mode", &T::mode, domain::kVisitModes},
      TextField<T>{"people_met", &T::people_met, domain::kPeopleMetMax},
      SealedField<T>{"findings", &T::findings, SealKind::kText, domain::kFindingsMax},
      FlagField<T>{"problem_found", &T::problem_found, Filter::kEquals},
      SealedField<T>{"problem", &T::problem, SealKind::kText, domain::kProblemMax},
      EnumField<T, domain::VisitAction>{"action", &T::action, domain::kVisitActions},
      TextField<T>{"referral_to", &T::referral_to, domain::kReferralToMax},
      TimeField<T>{"referral_due_at", &T::referral_due_at, false, true},
      TimeField<T>{"referral_answered_at", &T::referral_answered_at, false, true},
      RefField<T>{"case_id", &T::case_id, "SELECT region_path FROM cases WHERE id = ?", false,
                  Filter::kEquals, true},
      RefField<T>{"incident_id", &T::incident_id,
                  "SELECT region_path FROM police_incidents WHERE id = ?", false, Filter::kEquals,
                  true},
      RefField<T>{"recorded_by", &T::recorded_by,
                  "SELECT r.path FROM users u JOIN regions r ON r.code = u.region_code "
                  "WHERE u.id = ?",
                  false, Filter::kEquals, true},
      TextField<T>{"client_id", &T::client_id, domain::kClientIdMax, false, Filter::kNone, true},
      FlagField<T>{"late", &T::late, Filter::kEquals, true},
      TextField<T>{"campaign", &T::campaign, domain::kCampaignMax, false, Filter::kContains},
      RefField<T>{"team_id", &T::team_id, "SELECT region_path FROM volunteer_teams WHERE id = ?",
                  false, Filter::kEquals, true},
      EnumField<T, domain::RegionLevel>{"visitor_level", &T::visitor_level, domain::kVisitorLevels,
                                        Filter::kEquals, true},
  };
};

}  // namespace hejia::store::kit
