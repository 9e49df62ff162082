#include "domain/family_sight.hpp"

#include <utility>

#include "common/code_table.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

namespace {

constexpr std::pair<FamilyView, std::string_view> kViewCodes[] = {
    {FamilyView::kNothing, "nothing"},
    {FamilyView::kCounts, "counts"},
    {FamilyView::kNamesAndDue, "names_and_due"},
    {FamilyView::kFull, "full"}};

}  // namespace

std::string_view ToString(FamilyView view) {
  return CodeOf(kViewCodes, view, "nothing");
}
std::optional<FamilyView> ParseFamilyView(std::string_view code) {
  return ValueOf<FamilyView>(kViewCodes, code);
}

FamilyView ViewOf(Role role) {
  switch (role) {
    case Role::kCityStaff:
    case Role::kTownStaff:
    case Role::kVillageCadre:
      return FamilyView::kFull;
    case Role::kGridSister:
      return FamilyView::kNamesAndDue;
    case Role::kLeader:
      return FamilyView::kCounts;
    case Role::kNone:
    case Role::kSystemAdmin:
    case Role::kSecurityAdmin:
    case Role::kAuditAdmin:
    case Role::kMediator:
    case Role::kIntegration:
      return FamilyView::kNothing;
  }
  return FamilyView::kNothing;
}

FamilySight SightOf(Role role, std::string_view viewer_path, std::string_view family_path) {
  FamilySight sight;
  if (!PathWithin(family_path, viewer_path)) return sight;
  switch (ViewOf(role)) {
    case FamilyView::kFull:
      sight.colour = sight.assessment = sight.plan = sight.safety_plan = true;
      [[fallthrough]];
    case FamilyView::kNamesAndDue:
      sight.listing = sight.due_contacts = true;
      [[fallthrough]];
    case FamilyView::kCounts:
      sight.counts = true;
      break;
    case FamilyView::kNothing:
      break;
  }
  return sight;
}

}  // namespace hejia::domain
