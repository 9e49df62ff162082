#include "api/case_flow_schema.hpp"

#include "domain/case_flow.hpp"

namespace hejia::api::cases {

namespace json = boost::json;

json::value CaseStatusSchema() {
  json::array codes, final_codes;
  for (auto s : domain::AllCaseStatuses()) {
    codes.emplace_back(domain::ToString(s));
    if (domain::IsFinal(s)) final_codes.emplace_back(domain::ToString(s));
  }
  return json::object{{"type", "string"}, {"enum", std::move(codes)}, {"x-final", final_codes}};
}

json::value CaseActionSchema() {
  json::array codes;
  json::object needs;
  for (auto a : domain::AllCaseActions()) {
    codes.emplace_back(domain::ToString(a));
    const auto n = domain::NeedsOf(a);
    json::array risks;
    for (auto r : n.risk_levels) risks.emplace_back(r);
    needs[domain::ToString(a)] = json::object{{"reason", domain::ToString(n.reason)},
                                              {"risk_levels", std::move(risks)},
                                              {"mediator", n.mediator},
                                              {"advised_routes", n.advised_routes},
                                              {"consent", n.consent},
                                              {"outcome", n.outcome},
                                              {"weighty", n.weighty}};
  }
  return json::object{
      {"type", "string"}, {"enum", std::move(codes)}, {"x-needs", std::move(needs)}};
}

}  // namespace hejia::api::cases
