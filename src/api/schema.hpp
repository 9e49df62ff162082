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

/// The request bodies of a record's POST and PATCH.
struct Bodies {
  boost::json::value create, patch;
};

/// POST and PATCH bodies over the same `fields`: POST also takes `create_only` and requires
/// `create_required`; PATCH also takes `patch_only` and requires the `version` read.
inline Bodies CreateAndPatch(boost::json::object fields, boost::json::object create_only,
                             std::initializer_list<std::string_view> create_required,
                             boost::json::object patch_only = {}) {
  auto body = [](boost::json::object props, boost::json::array required) {
    return boost::json::value(boost::json::object{{"type", "object"},
                                                  {"properties", std::move(props)},
                                                  {"required", std::move(required)},
                                                  {"additionalProperties", false}});
  };
  boost::json::object create = fields, patch = std::move(fields);
  for (const auto& kv : create_only) create[kv.key()] = kv.value();
  for (const auto& kv : patch_only) patch[kv.key()] = kv.value();
  patch["version"] = boost::json::object{{"type", "integer"}};
  boost::json::array required;
  for (auto n : create_required) required.emplace_back(n);
  return {body(std::move(create), std::move(required)),
          body(std::move(patch), boost::json::array{"version"})};
}

inline boost::json::value AnyObject() {
  return boost::json::object{{"type", "object"}};
}

}  // namespace hejia::api::schema
