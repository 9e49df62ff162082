// Every answer the API suites receive is checked against the response schema its route declares
// (the one the OpenAPI document publishes): a route cannot answer what its documentation does
// not say. Client::Request records the 2xx JSON answers; the check runs once all tests are done.
#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace hejia::testing {

/// Records one answer (called by Client::Request).
void RecordAnswer(const std::string& method, const std::string& target, unsigned status,
                  const boost::json::value& body);

/// The problems of `value` against the JSON schema `schema` ("" when none), each prefixed with
/// its place ("/items/0/name: ...").
std::vector<std::string> SchemaProblems(const boost::json::value& schema,
                                        const boost::json::value& value,
                                        const std::string& where = "");

/// Checks every recorded answer against its route; the problems, the first one per route.
std::vector<std::string> CheckRecordedAnswers();

}  // namespace hejia::testing
