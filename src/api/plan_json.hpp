// Household plans (一户一策) in JSON (api/household_plans_api.cpp, api/todo_api.cpp): a version
// of a plan — never its safety plan, which only GET …/safety shows — the safety plan, the bodies
// the routes read, and their OpenAPI schemas, whose enums and lengths come from the domain's
// lists. Times are Unix ms (the contract of /tmp/s13/plan_contract.md).
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/household_plan.hpp"
#include "http/json_body.hpp"
#include "store/plan_repo.hpp"

namespace hejia::api::plans {

namespace json = boost::json;

/// A version as the API shows it at `now` (a measure's `overdue`); 422 integrity_failed when a
/// sealed text did not decrypt.
json::object PlanJson(const store::PlanRow& row, int64_t now);
json::object SafetyJson(const domain::SafetyPlan& safety);
/// `plan` as a measure's person who may not see the plan reads it: the focus, risks and goals
/// empty, no safety plan, and of the other measures only type, unit, person, due date and status.
void RedactForPerson(json::object& plan, std::size_t own);

/// What a POST or PATCH body gives: each part only when present.
struct PlanBody {
  std::optional<std::string> focus, risks, goals;
  std::optional<std::vector<domain::Measure>> measures;
  std::vector<std::optional<int64_t>> measure_users;  ///< with `measures`
  std::optional<domain::SafetyPlan> safety;
  std::vector<std::string_view> fields;  ///< the names given, for the audit
};
/// Reads the plan's parts of `body` (400 naming the field of a value of the wrong type or an
/// unknown code, `measures[1].type`); lengths and completeness are domain::CheckPlan's.
PlanBody ReadPlanBody(const http::JsonBody& body);
/// Applies the parts given to `row`.
void Apply(const PlanBody& body, store::PlanRow& row);

/// 422 naming the first problem's field, every problem in details.problems.
[[noreturn]] void ThrowProblems(std::string code, const std::vector<domain::FieldProblem>& all);

/// "调解 · 待实施" for a to-do line.
std::string MeasureLine(domain::MeasureType type, domain::MeasureStatus status);

// ---- OpenAPI ----
json::value PlanSchema();
json::value PlansSchema();
json::value SafetySchema();
json::value PlanCreateSchema();
json::value PlanPatchSchema();
json::value NoteBodySchema(std::string_view field, bool required);
json::value MeasurePatchSchema();

}  // namespace hejia::api::plans
