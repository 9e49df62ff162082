// Who sees what of a key family (docs/design/key_families.md, "Who sees what"): the federation
// staff on the family's path see all of it; a grid sister sees her grid's families' names and the
// contacts due, never the assessment or the safety plan; a leader sees counts only; nobody else
// sees anything. The permissions stay in roles.cpp; this is the rule that narrows what a role that
// may read households sees of a key family. No I/O.
#pragma once
#include <array>
#include <optional>
#include <string_view>

#include "domain/roles.hpp"

namespace hejia::domain {

/// How much of key families a role sees, least first.
enum class FamilyView {
  kNothing,      ///< "nothing"
  kCounts,       ///< "counts": in figures only (leaders)
  kNamesAndDue,  ///< "names_and_due": the household, its names and the contacts due (grid sister)
  kFull,         ///< "full": colour, assessments, history, plan; may reveal the safety plan
};
inline constexpr std::array kFamilyViews{FamilyView::kNothing, FamilyView::kCounts,
                                         FamilyView::kNamesAndDue, FamilyView::kFull};

std::string_view ToString(FamilyView view);
std::optional<FamilyView> ParseFamilyView(std::string_view code);

/// The view a role has of the key families within its area: city, town and village staff full;
/// a grid sister names and due contacts; a leader counts; administrators, mediators (who see a
/// family's risk through the case they mediate), integration clients and kNone nothing.
FamilyView ViewOf(Role role);

/// What one viewer may see of one family.
struct FamilySight {
  bool counts = false;        ///< the family counts in her figures
  bool listing = false;       ///< the household, its address and names, that it is listed
  bool due_contacts = false;  ///< when the next contact and city visit are due, the to-do items
  bool colour = false;        ///< the colour and its history, who follows and approves
  bool assessment = false;    ///< the checklists, scores, suggestions and reasons
  bool plan = false;          ///< the plan: focus, risks, goals, measures
  bool safety_plan = false;   ///< may reveal the sealed safety plan (the reveal is audited)

  bool Any() const { return counts || listing; }
};

/// What a viewer of `role` whose area is `viewer_path` sees of a family placed at
/// `family_path` (materialised paths): ViewOf(role) when the family lies within her area (the
/// units on the family's path), nothing otherwise or with an empty area.
FamilySight SightOf(Role role, std::string_view viewer_path, std::string_view family_path);

}  // namespace hejia::domain
