// Visits (走访, issue 12, point 2): who visited which household, when, how, what was found and
// what was done. One record for every kind — a five must-visits visit (五必访) with its
// situations, a key-family contact, a police incident's follow-up, a care visit, a case's
// follow-up — so a household's visits read as one history. A problem found needs an action:
// settled on the spot, a case opened (linked both ways), a key-family assessment requested, or a
// referral (open until the receiver answers). A visit recorded more than three days after it took
// place is marked late. Rules only; the store writes, the API parses.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/record.hpp"
#include "domain/region.hpp"

namespace hejia::domain {

enum class VisitKind { kMustVisit, kKeyFamilyContact, kIncidentFollowUp, kCare, kCaseFollowUp };
inline constexpr std::array kVisitKinds{VisitKind::kMustVisit, VisitKind::kKeyFamilyContact,
                                        VisitKind::kIncidentFollowUp, VisitKind::kCare,
                                        VisitKind::kCaseFollowUp};
std::string_view ToString(VisitKind k);

enum class VisitMode { kHome, kPhone, kVideo };
inline constexpr std::array kVisitModes{VisitMode::kHome, VisitMode::kPhone, VisitMode::kVideo};
std::string_view ToString(VisitMode m);

enum class VisitAction { kNone, kSettled, kCaseOpened, kAssessmentRequested, kReferral };
inline constexpr std::array kVisitActions{
    VisitAction::kNone, VisitAction::kSettled, VisitAction::kCaseOpened,
    VisitAction::kAssessmentRequested, VisitAction::kReferral};
std::string_view ToString(VisitAction a);

/// One situation of the five must-visits (a setting): its code and labels.
struct MustVisitSituation {
  std::string code, label_zh, label_en;
};

/// The article's five situations, the setting's default.
const std::vector<MustVisitSituation>& DefaultMustVisitSituations();

/// The levels a visit is counted at (the three levels of the federation's teams).
inline constexpr std::array kVisitorLevels{RegionLevel::kCity, RegionLevel::kTown,
                                           RegionLevel::kVillage};

inline constexpr std::size_t kPeopleMetMax = 100, kFindingsMax = 2000, kProblemMax = 200,
                             kReferralToMax = 50, kClientIdMax = 64, kSituationsMax = 200;
inline constexpr int64_t kVisitLateAfterMs = 3LL * 24 * 60 * 60 * 1000;
inline constexpr int64_t kReferralDefaultDays = 15;
/// A phone's clock may run a little ahead of the server's.
inline constexpr int64_t kClockSkewMs = 10LL * 60 * 1000;

struct Visit {
  Meta meta;
  int64_t household_id = 0;
  Placement region;  ///< the household's grid
  int64_t visited_at = 0;
  VisitKind kind = VisitKind::kMustVisit;
  std::string situations;  ///< ",code,code," (must-visits only)
  VisitMode mode = VisitMode::kHome;
  std::string people_met;
  Sealed findings;
  bool problem_found = false;
  Sealed problem;
  VisitAction action = VisitAction::kNone;
  std::string referral_to;
  int64_t referral_due_at = 0;
  int64_t referral_answered_at = 0;
  int64_t case_id = 0;
  int64_t incident_id = 0;  ///< the police incident an incident follow-up answers
  int64_t recorded_by = 0;
  std::string client_id;  ///< the phone's id for the visit: a retried upload finds it
  bool late = false;
  std::string campaign;  ///< weekend care's campaign, say 周末公益
  int64_t team_id = 0;   ///< the team a leader recorded the visit for (every member went)
  RegionLevel visitor_level = RegionLevel::kVillage;  ///< the level it is counted at
};

/// What is wrong with a visit, naming the field.
struct VisitProblem {
  std::string field, message;
};

inline constexpr std::size_t kSituationsCountMax = 12, kSituationCodeMax = 30,
                             kSituationLabelMax = 60;

/// Checks the situations a federation sets: 1 to 12, each a code of lowercase letters, digits and
/// "_" (at most 30, no repeats) with its Chinese and English labels (1 to 60 characters, no tab
/// or line break). The problem's field is "situations".
std::optional<VisitProblem> CheckSituations(const std::vector<MustVisitSituation>& list);

/// The setting's stored form: one "code<TAB>label_zh<TAB>label_en" line each, and back (lines
/// that are not three fields are left out).
std::string FormatSituations(const std::vector<MustVisitSituation>& list);
std::vector<MustVisitSituation> ParseSituations(std::string_view stored);

/// The codes of ",a,b," in order; empty for "".
std::vector<std::string> SplitCodes(std::string_view joined);
/// ",a,b," from codes, without repeats, in the order of `known` (unknown codes are kept last).
std::string JoinCodes(const std::vector<std::string>& codes,
                      const std::vector<MustVisitSituation>& known);

/// Checks a visit about to be recorded at `now` against the situations set: it took place by
/// now; a must-visit names at least one known situation and other kinds none; a problem found
/// has an action and an action has a problem; a referral names its receiver; a client id is
/// printable ASCII.
std::optional<VisitProblem> CheckVisit(const Visit& v,
                                       const std::vector<MustVisitSituation>& situations,
                                       int64_t now);

/// Sets what follows from the visit being recorded at `now`: the late mark, and a referral's
/// limit (`referral_days` after now) when it has none.
void CompleteVisit(Visit& v, int64_t now, int64_t referral_days = kReferralDefaultDays);

/// Whether a referral is still waiting for its receiver's answer.
constexpr bool ReferralOpen(const Visit& v) {
  return v.action == VisitAction::kReferral && v.referral_answered_at == 0;
}

}  // namespace hejia::domain
