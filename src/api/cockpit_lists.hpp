// Which list opens the records behind each figure of the cockpit (api/cockpit_api.cpp): its
// path, the permission it needs, the fixed filters, and what of its answer equals the figure.
// A unit's list adds `region=<code>` (and `own=1` for the region's own row); a month's replaces
// `from` and `to`. The conditions are the figures' own (store/cockpit_repo.cpp): keep them in
// step, tests/api/cockpit_test.cpp checks every one against its list.
#pragma once
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/cockpit.hpp"
#include "domain/reporting_period.hpp"

namespace hejia::api::cockpit {

/// How a list's answer holds the figure: its `total`, a field of the answer (`count_of` names
/// it), or the sum of a field over its items.
struct FigureList {
  std::string_view code, path, permission;
  std::vector<std::pair<std::string_view, std::string_view>> query;
  enum class Period { kNone, kFromTo, kEndDay, kYear } period = Period::kFromTo;
  std::string_view count_of = "total";
};

inline const std::vector<FigureList>& FigureLists() {
  using P = FigureList::Period;
  static const std::vector<FigureList> all = [] {
    std::vector<FigureList> out{
        {"volunteers.serving", "/api/v1/volunteers", "volunteer.read", {}, P::kEndDay},
        {"coverage.grids", "/api/v1/coverage", "volunteer.read", {}, P::kNone, "grids"},
        {"coverage.covered", "/api/v1/coverage", "volunteer.read", {}, P::kNone, "covered"},
        {"sites.demonstration",
         "/api/v1/rooms",
         "room.read",
         {{"demonstration", "1"}, {"level", "town,village"}},
         P::kNone},
        {"sites.town",
         "/api/v1/rooms",
         "room.read",
         {{"demonstration", "1"}, {"level", "town"}},
         P::kNone},
        {"sites.village",
         "/api/v1/rooms",
         "room.read",
         {{"demonstration", "1"}, {"level", "village"}},
         P::kNone},
        {"requests.received", "/api/v1/cases", "case.read", {}},
        {"requests.accepted", "/api/v1/cases", "case.read", {{"counted", "accepted"}}},
        {"requests.resolved", "/api/v1/cases", "case.read", {{"counted", "resolved"}}},
        {"requests.night_clinic", "/api/v1/cases", "case.read", {{"night_clinic", "1"}}},
        {"incidents.received", "/api/v1/incidents", "incident.read", {}},
        {"incidents.pushes_due", "/api/v1/incidents/pushes", "incident.read", {{"judged", "1"}}},
        {"incidents.pushes_on_time",
         "/api/v1/incidents/pushes",
         "incident.read",
         {{"judged", "1"}, {"on_time", "1"}}},
        {"families.total", "/api/v1/key-families", "family.read", {}, P::kNone},
        {"families.red", "/api/v1/key-families", "family.read", {{"colour", "red"}}, P::kNone},
        {"families.yellow",
         "/api/v1/key-families",
         "family.read",
         {{"colour", "yellow"}},
         P::kNone},
        {"families.blue", "/api/v1/key-families", "family.read", {{"colour", "blue"}}, P::kNone},
        {"families.overdue", "/api/v1/key-families", "family.read", {{"overdue", "1"}}, P::kNone},
        {"visits.households", "/api/v1/visits/households", "visit.read", {{"kind", "must_visit"}}},
        {"visits.problems",
         "/api/v1/visits",
         "visit.read",
         {{"kind", "must_visit"}, {"problem_found", "1"}}},
        {"visits.settled",
         "/api/v1/visits",
         "visit.read",
         {{"kind", "must_visit"}, {"problem_found", "1"}, {"action", "settled"}}},
        {"care.person_visits", "/api/v1/visits/care-people", "visit.read", {}},
        {"training.lectures",
         "/api/v1/trainings",
         "training.read",
         {{"kind", "mediation_lecture"}}},
        {"legal.school_lectures",
         "/api/v1/legal-events",
         "legal.read",
         {{"kind", "school_lecture"}}},
        {"legal.school_target",
         "/api/v1/legal-campaigns",
         "legal.read",
         {},
         P::kYear,
         "sum:target_school_lectures"},
        {"legal.videos",
         "/api/v1/legal-contents",
         "legal.read",
         {{"kind", "video"}, {"status", "published"}}},
        {"consult.received", "/api/v1/consultations", "case.read", {}},
        {"consult.answered", "/api/v1/consultations", "case.read", {{"answered", "1"}}},
        {"consult.median_hours",
         "/api/v1/consultations",
         "case.read",
         {{"answered", "1"}},
         P::kFromTo,
         "n"},
        {"hotline.calls", "/api/v1/hotline-calls", "hotline.read", {}},
        {"hotline.call_backs",
         "/api/v1/hotline-calls",
         "hotline.read",
         {{"outcome", "call_back"}, {"called_back", "1"}}},
        {"hotline.median_call_back_hours",
         "/api/v1/hotline-calls",
         "hotline.read",
         {{"outcome", "call_back"}, {"called_back", "1"}},
         P::kFromTo,
         "n"},
    };
    // One list per member type and per care category: the catalogue's own codes, whose tails
    // are the list's filter values (views of the catalogue's strings, which live as long).
    constexpr std::string_view kTypes = "volunteers.type.", kCare = "care.category.";
    for (const auto& def : domain::CockpitCatalogue()) {
      const std::string_view code = def.code;
      if (code.starts_with(kTypes))
        out.push_back({code,
                       "/api/v1/volunteers",
                       "volunteer.read",
                       {{"member_type", code.substr(kTypes.size())}},
                       P::kEndDay});
      else if (code.starts_with(kCare))
        out.push_back({code,
                       "/api/v1/visits/care-people",
                       "visit.read",
                       {{"category", code.substr(kCare.size())}}});
    }
    return out;
  }();
  return all;
}

/// The list of `code`; nullptr for a figure no list counts (a ratio, a campaign's target share).
inline const FigureList* ListOf(std::string_view code) {
  for (const auto& l : FigureLists())
    if (l.code == code) return &l;
  return nullptr;
}

/// The list as the cockpit answers it, for `period`.
inline boost::json::object ListJson(const FigureList& l, const domain::DayRange& period) {
  boost::json::object query;
  for (const auto& [k, v] : l.query) query[k] = v;
  switch (l.period) {
    case FigureList::Period::kFromTo:
      query["from"] = domain::FirstDay(period);
      query["to"] = domain::LastDay(period);
      break;
    case FigureList::Period::kEndDay:
      query["serving_at"] = domain::LastDay(period);
      break;
    case FigureList::Period::kYear:
      query["year"] = domain::LastDay(period).substr(0, 4);
      break;
    case FigureList::Period::kNone:
      break;
  }
  return boost::json::object{{"path", l.path},
                             {"permission", l.permission},
                             {"query", std::move(query)},
                             {"count_of", l.count_of},
                             {"months", l.period == FigureList::Period::kFromTo}};
}

}  // namespace hejia::api::cockpit
