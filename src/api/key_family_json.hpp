// Key families in JSON (api/key_families_api.cpp, api/key_family_changes_api.cpp): the family
// (the record kit's shape with its household and source), an assessment with the suggestion it
// was made against, an entry of the history of colours, a line of the due-contact list and the
// counts; the bodies the routes read; and their OpenAPI schemas, whose enums and lengths come from
// the domain's lists.
#pragma once
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>
#include "http/json_writer.hpp"

#include "domain/key_family_record.hpp"
#include "domain/risk_assessment.hpp"
#include "http/json_body.hpp"
#include "store/key_family_repo.hpp"

namespace hejia::api::families {

namespace json = boost::json;

inline constexpr const char* kNotFound = "重点家庭不存在 / no such key family";

json::object FamilyJson(const domain::KeyFamily& family);
/// The same object written straight into the list's text (the hot path of GET /key-families).
void WriteFamily(http::JsonWriter& w, const domain::KeyFamily& family);
/// `row` with its suggestion recomputed from the answers (what the unknowns could make of it).
json::object AssessmentJson(const store::AssessmentRow& row);
json::object HistoryJson(const store::ColourChangeRow& row);
json::object ContactJson(const store::ContactRow& row);
/// Who to call and by when: nothing of the colour or the assessment.
json::object DueJson(const store::DueRow& row, int64_t now);
store::DueRow DueOf(const domain::KeyFamily& family);
json::object CountsJson(const std::vector<store::TownCounts>& towns);
/// What a checklist suggests, before anyone decides: the colour, why, and how sure.
json::object SuggestionJson(const domain::RiskChecklist& answers,
                            const domain::ColourSuggestion& s);

/// An assessment as a body gives it: the answers (every factor left out is unknown), the colour
/// a person chose, her reason and notes (checked, trimmed). The names of the fields given, for
/// the audit.
struct AssessmentBody {
  domain::RiskChecklist answers;
  domain::RiskColour colour = domain::RiskColour::kBlue;
  std::string reason, notes;
  std::vector<std::string_view> fields;
};
/// The `answers` object of a body: {factor: yes | no | unknown}; a factor left out is unknown
/// (400 naming `answers.<factor>` for an unknown factor or answer).
domain::RiskChecklist ReadAnswers(const http::JsonBody& body);
/// The fields an assessment body may carry.
inline constexpr std::string_view kAssessmentFields[] = {"answers", "colour", "reason", "notes"};
AssessmentBody ReadAssessment(const http::JsonBody& body);

// ---- OpenAPI ----
json::value FamilySchema();
json::value AssessmentSchema();
json::value HistorySchema();
json::value ContactSchema();
json::value DueSchema();
json::value CountsSchema();
/// {items: [item]}
json::value ItemsOf(json::value item);
/// The answer of a listing or an assessment: {family, assessment, change, effective, told}.
json::value AssessedSchema();
json::value SuggestionSchema();
json::value SuggestBodySchema();
json::value ListingBodySchema();
json::value AssessmentBodySchema();
json::value ChangeBodySchema();
json::value DecisionBodySchema();
json::value ContactBodySchema();

}  // namespace hejia::api::families
