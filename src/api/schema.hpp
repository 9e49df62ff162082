// Small builders for the JSON schemas in route declarations (OpenAPI).
#pragma once
#include <boost/json.hpp>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace hejia::api::schema {

/// An object schema from (name, type) pairs; type is a JSON-schema type or "string[]"; a trailing
/// "?" ("string?") marks a field that may be null (none yet, or not shown to this caller).
inline boost::json::value Object(
    std::initializer_list<std::pair<std::string_view, std::string_view>> props,
    std::initializer_list<std::string_view> required = {}) {
  boost::json::object p;
  for (const auto& [name, declared] : props) {
    const bool nullable = !declared.empty() && declared.back() == '?';
    const std::string_view type = nullable ? declared.substr(0, declared.size() - 1) : declared;
    if (type == "string[]")
      p[name] = boost::json::object{{"type", "array"},
                                    {"items", boost::json::object{{"type", "string"}}}};
    else if (type == "object[]")
      p[name] = boost::json::object{{"type", "array"},
                                    {"items", boost::json::object{{"type", "object"}}}};
    else
      p[name] = boost::json::object{{"type", type}};
    if (nullable) p[name].as_object()["nullable"] = true;
  }
  boost::json::object o{{"type", "object"}, {"properties", std::move(p)}};
  if (required.size()) {
    boost::json::array r;
    for (auto n : required) r.emplace_back(n);
    o["required"] = std::move(r);
  }
  o["additionalProperties"] = false;
  return o;
}

inline boost::json::value AnyObject() {
  return boost::json::object{{"type", "object"}};
}

}  // namespace hejia::api::schema
