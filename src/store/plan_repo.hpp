// Household plans (一户一策) in the database (docs/design/key_families.md, migration 14): one row
// per version of a family's plan and one per measure. Focus, risks, goals, a measure's detail
// and result, the reason of a return and the safety plan are sealed with "household_plans/<column>
// /<id>" ("plan_measures/<column>/<id>") as associated data; the safety plan (column `safety`) is
// read only by LoadSafety. SQL and rows only: the rules are domain/household_plan.hpp's.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/household_plan.hpp"
#include "domain/record.hpp"
#include "domain/region.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

/// One version of a plan. `plan.safety` stays empty here (LoadSafety reads it); `intact` is false
/// when a sealed text did not decrypt (its text is then empty).
struct PlanRow {
  int64_t id = 0;
  int64_t family_id = 0;
  domain::HouseholdPlan plan;
  std::vector<std::optional<int64_t>> measure_users;  ///< each measure's person as an account
  bool has_safety = false;
  int64_t author_id = 0;
  std::string author_name;
  domain::RegionLevel author_level = domain::RegionLevel::kCity;
  int64_t created_at = 0, updated_at = 0, row_version = 1;
  int64_t submitted_at = 0;
  int64_t countersigned_by = 0;
  std::string countersigned_by_name;
  int64_t countersigned_at = 0;
  std::string returned_reason;  ///< "" when none
  int64_t activated_at = 0, last_review_at = 0, review_due = 0;
  std::string review_reason;  ///< "colour_changed", "periodic" or ""
  bool intact = true;
};

/// The family's versions, the newest first.
std::vector<PlanRow> ListPlans(Connection& c, const security::FieldCipher& cipher,
                               int64_t family_id);
/// Version `plan_id` of the family's plan; nullopt when it is not the family's.
std::optional<PlanRow> LoadPlan(Connection& c, const security::FieldCipher& cipher,
                                int64_t family_id, int64_t plan_id);
/// The family's active version, if any.
std::optional<PlanRow> ActivePlan(Connection& c, const security::FieldCipher& cipher,
                                  int64_t family_id);
/// A draft or a version awaiting its countersign, if any (at most one).
std::optional<int64_t> OpenVersion(Connection& c, int64_t family_id);
/// The highest version number written for the family (0: none).
int64_t LastVersion(Connection& c, int64_t family_id);

/// The safety plan of `plan_id`; nullopt when it does not decrypt.
std::optional<domain::SafetyPlan> LoadSafety(Connection& c, const security::FieldCipher& cipher,
                                             int64_t plan_id);

/// Inserts `row` with its measures and `safety` (its id, row version and times are set here).
int64_t InsertPlan(Connection& c, const security::FieldCipher& cipher, PlanRow& row,
                   const domain::SafetyPlan& safety, int64_t now);
/// Writes `row` (and its measures) if the stored row version is still `row.row_version`, which
/// goes up by one; with `safety`, the safety plan too. False when it changed meanwhile.
bool SavePlan(Connection& c, const security::FieldCipher& cipher, const PlanRow& row,
              const std::optional<domain::SafetyPlan>& safety, int64_t now);
/// Closes every version of the family that is not final yet (the family was delisted).
void ClosePlans(Connection& c, int64_t family_id, int64_t now);

/// An open measure of an active plan assigned to a person, for her to-do list.
struct MeasureDueRow {
  int64_t family_id = 0;
  std::string family_name;
  domain::Placement region;
  int64_t plan_id = 0;
  int64_t index = 0;
  domain::MeasureType type = domain::MeasureType::kOther;
  domain::MeasureStatus status = domain::MeasureStatus::kPlanned;
  int64_t due_at = 0;
};
/// The open measures of active plans whose person is `user_id`, due by `due_before`, earliest
/// first, of families inside `scope`.
std::vector<MeasureDueRow> MeasuresDue(Connection& c, const ScopeFilter& scope, int64_t user_id,
                                       int64_t due_before, size_t limit);

/// A version awaiting its countersign, for the to-do list of the level above its author.
struct AwaitingRow {
  int64_t plan_id = 0, family_id = 0;
  std::string family_name;
  domain::Placement region;
  int64_t author_id = 0;
  domain::RegionLevel author_level = domain::RegionLevel::kCity;
  int64_t submitted_at = 0;
  int64_t plan_due_at = 0;  ///< the family's
};
std::vector<AwaitingRow> AwaitingCountersign(Connection& c, const ScopeFilter& scope, size_t limit);

/// A listed family with something due by a time, with its active plan's review.
struct FamilyDueRow {
  int64_t id = 0;
  std::string name;
  domain::RiskColour colour = domain::RiskColour::kBlue;
  domain::Placement region;
  int64_t next_contact_due = 0, next_city_visit_due = 0, plan_due_at = 0;
  bool reassess = false;
  std::string reassess_reason, pending_change, pending_colour;
  int64_t pending_at = 0;
  std::string supervision;
  int64_t overdue_told_at = 0;
  int64_t plan_id = 0;  ///< the active plan (0: none)
  int64_t review_due = 0;
  std::string review_reason;
};
/// The listed families of `scope` with a contact, city visit, plan or review due by
/// `due_before`, a reassessment asked for, or a step down waiting; with `marked`, also those
/// carrying a supervision mark; and with `measures`, also those with an open measure of the
/// active plan due by then. Earliest contact first.
std::vector<FamilyDueRow> FamiliesDue(Connection& c, const ScopeFilter& scope, int64_t due_before,
                                      bool marked, bool measures, size_t limit);
/// One listed family as FamiliesDue gives it, whatever is due (nullopt when delisted or absent).
std::optional<FamilyDueRow> FamilyDueOf(Connection& c, int64_t family_id);

/// The open measures' due dates and status of the active plan `plan_id`, in plan order, with
/// their people's accounts.
struct MeasureState {
  domain::Measure measure;  ///< type, unit, due date and status (no texts)
  std::optional<int64_t> person_user_id;
};
std::vector<MeasureState> MeasureStates(Connection& c, int64_t plan_id);

/// Writes the family's supervision mark and the latest due time its watch has told.
void SetSupervision(Connection& c, int64_t family_id, std::string_view mark,
                    int64_t overdue_told_at);

}  // namespace hejia::store
