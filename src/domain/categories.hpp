// The fixed vocabularies of help requests and mediation: dispute categories, severities, channels,
// mediator types and risk levels, each a stable code with its Chinese and English labels.
#pragma once
#include <string_view>
#include <vector>

namespace hejia::domain {

/// One code of a vocabulary with the labels the UI shows.
struct CategoryInfo {
  std::string_view code;
  std::string_view label;
  std::string_view label_en;
};
/// The same shape serves every vocabulary below.
using CodeLabel = CategoryInfo;

/// Dispute categories (纠纷类型), in the order the portal lists them.
const std::vector<CategoryInfo>& AllCategories();
bool IsCategory(std::string_view code);

/// How serious a matter is: "normal", "serious", "critical". Routing reads it.
const std::vector<CodeLabel>& AllSeverities();
bool IsSeverity(std::string_view code);

/// How a request reached us: portal, hotline (12338), walk_in, consultation, odr_platform (the
/// provincial dispute-resolution platform), police (a pushed incident), grid_report.
const std::vector<CodeLabel>& AllChannels();
bool IsChannel(std::string_view code);

/// Who may mediate: social_worker, psychological_counsellor, police_officer, judge, prosecutor,
/// lawyer, peace_sister (和姐).
const std::vector<CodeLabel>& AllMediatorTypes();
bool IsMediatorType(std::string_view code);

/// Safety screening result: none, low, medium, high. High risk is not suitable for mediation.
const std::vector<CodeLabel>& AllRiskLevels();
bool IsRiskLevel(std::string_view code);

/// The entry of `code` in `vocabulary`, or nullptr.
const CodeLabel* FindCode(const std::vector<CodeLabel>& vocabulary, std::string_view code);

}  // namespace hejia::domain
