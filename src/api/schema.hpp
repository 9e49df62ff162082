// Small builders for the JSON schemas in route declarations (OpenAPI).
#pragma once
#include <algorithm>
#include <boost/json.hpp>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

namespace hejia::api::schema {

/// Splits "a b  c" at spaces.
inline std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const size_t start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    const size_t end = std::min(text.find(' '), text.size());
    words.push_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  return words;
}

/// The schema of one declared type: a JSON-schema type, "string[]" or "object[]"; a trailing "?"
/// ("string?") marks a field that may be null (none yet, or not shown to this caller).
inline boost::json::object Type(std::string_view declared) {
  const bool nullable = !declared.empty() && declared.back() == '?';
  const std::string_view type = nullable ? declared.substr(0, declared.size() - 1) : declared;
  boost::json::object o;
  if (type.ends_with("[]"))
    o = {{"type", "array"},
         {"items", boost::json::object{{"type", type.substr(0, type.size() - 2)}}}};
  else
    o = {{"type", type}};
  if (nullable) o["nullable"] = true;
  return o;
}

/// An object schema from (name, type) pairs (types as in Type), closed to other fields.
template <class Props, class Required>
boost::json::value ObjectOf(const Props& props, const Required& required) {
  boost::json::object p;
  for (const auto& [name, declared] : props) p[name] = Type(declared);
  boost::json::object o{{"type", "object"}, {"properties", std::move(p)}};
  if (required.size()) {
    boost::json::array r;
    for (auto n : required) r.emplace_back(n);
    o["required"] = std::move(r);
  }
  o["additionalProperties"] = false;
  return o;
}

inline boost::json::value Object(
    std::initializer_list<std::pair<std::string_view, std::string_view>> props,
    std::initializer_list<std::string_view> required = {}) {
  return ObjectOf(props, required);
}

/// (name, type) pairs from one line: "id:integer phone:string? tags:string[]" (no type: string).
inline std::vector<std::pair<std::string_view, std::string_view>> Pairs(std::string_view line) {
  std::vector<std::pair<std::string_view, std::string_view>> props;
  for (std::string_view word : Words(line)) {
    const size_t colon = word.find(':');
    props.emplace_back(word.substr(0, colon),
                       colon == std::string_view::npos ? "string" : word.substr(colon + 1));
  }
  return props;
}

/// The same object schema written as one line (Pairs), with the required names in `required`
/// ("name phone").
inline boost::json::value Shape(std::string_view fields, std::string_view required = {}) {
  return ObjectOf(Pairs(fields), Words(required));
}

/// The properties of one line of fields (Pairs), with a maxLength on the fields named.
inline boost::json::object Fields(
    std::string_view line,
    std::initializer_list<std::pair<std::string_view, size_t>> max_lengths = {}) {
  boost::json::object props;
  for (const auto& [name, declared] : Pairs(line)) props[name] = Type(declared);
  for (const auto& [name, max] : max_lengths) props[name].as_object()["maxLength"] = max;
  return props;
}

/// A text that is one of `codes`.
inline boost::json::value OneOf(const std::vector<std::string>& codes) {
  return boost::json::object{{"type", "string"},
                             {"enum", boost::json::array(codes.begin(), codes.end())}};
}

/// A list of texts, each one of `codes`.
inline boost::json::value ListOf(const std::vector<std::string>& codes) {
  return boost::json::object{{"type", "array"}, {"items", OneOf(codes)}};
}

/// An answer `{items: [item, …]}` (a whole list, not a page: paged routes declare their item).
inline boost::json::value Items(boost::json::value item) {
  auto shape = Shape("items:object[]", "items");
  shape.as_object()["properties"].as_object()["items"].as_object()["items"] = std::move(item);
  return shape;
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
