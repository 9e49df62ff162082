// The record-type kit, API side: the OpenAPI shapes of a record type (its answer and its bodies),
// with enums, lengths and nullability taken from its store::kit::Table<R> declaration.
#pragma once
#include <boost/json.hpp>

#include "store/record_kit.hpp"

namespace hejia::api::kit {

namespace json = boost::json;
namespace sk = store::kit;

// ---- OpenAPI: the shapes, from the same declaration ----

inline json::object Nullable(json::object s) {
  s["nullable"] = true;
  return s;
}

template <class R>
void Describe(const sk::TextField<R>& f, json::object& props, bool /*response*/) {
  json::object s{{"type", "string"}, {"maxLength", f.max_chars}};
  props[f.name] = f.required ? s : Nullable(s);
}
template <class R, class E>
void Describe(const sk::EnumField<R, E>& f, json::object& props, bool) {
  json::array values;
  for (E v : f.values) values.emplace_back(ToString(v));
  props[f.name] = json::object{{"type", "string"}, {"enum", std::move(values)}};
}
template <class R>
void Describe(const sk::FlagField<R>& f, json::object& props, bool) {
  props[f.name] = json::object{{"type", "boolean"}};
}
template <class R>
void Describe(const sk::TimeField<R>& f, json::object& props, bool) {
  json::object s{{"type", "string"}, {"format", "date-time"}};
  props[f.name] = f.required ? s : Nullable(s);
}
template <class R>
void Describe(const sk::IntField<R>& f, json::object& props, bool) {
  props[f.name] = json::object{{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}};
}
template <class R>
void Describe(const sk::RefField<R>& f, json::object& props, bool) {
  json::object s{{"type", "integer"}, {"minimum", 1}};
  props[f.name] = f.required ? s : Nullable(s);
}
template <class R>
void Describe(const sk::SealedField<R>& f, json::object& props, bool response) {
  json::object s{{"type", "string"}, {"maxLength", f.max_chars}};
  s["description"] = response ? "masked" : "stored encrypted; read back masked";
  props[f.name] = Nullable(std::move(s));
}
template <class R>
void Describe(const sk::RegionField<R>& f, json::object& props, bool response) {
  props["region_code"] = json::object{{"type", "string"}, {"maxLength", 20}};
  if (!response) return;
  json::array levels;
  for (auto l : f.levels) levels.emplace_back(domain::ToString(l));
  props["region_name"] = json::object{{"type", "string"}};
  props["region_path"] = json::object{{"type", "string"}};
  props["level"] = json::object{{"type", "string"}, {"enum", std::move(levels)}};
}

template <class R>
json::value ResponseSchema() {
  json::object props{{"id", json::object{{"type", "integer"}}}};
  sk::ForEachField<R>([&](const auto& f) { Describe(f, props, true); });
  props["retired"] = json::object{{"type", "boolean"}};
  props["created_at"] = json::object{{"type", "string"}};
  props["updated_at"] = json::object{{"type", "string"}};
  props["version"] = json::object{{"type", "integer"}};
  json::array required;
  for (const auto& [k, v] : props)
    if (!v.as_object().contains("nullable")) required.emplace_back(k);
  return json::object{{"type", "object"},
                      {"properties", std::move(props)},
                      {"required", std::move(required)},
                      {"additionalProperties", false}};
}

template <class R>
json::value BodySchema(bool patch) {
  json::object props;
  json::array required;
  sk::ForEachField<R>([&](const auto& f) {
    if constexpr (requires { f.read_only; })
      if (f.read_only) return;
    Describe(f, props, false);
    if constexpr (requires { f.required; }) {
      if (!patch && f.required) required.emplace_back(f.name);
    } else if constexpr (requires { f.levels; }) {
      if (!patch) required.emplace_back("region_code");
    } else if constexpr (requires { f.values; }) {
      if (!patch) required.emplace_back(f.name);
    }
  });
  if (patch) {
    props["version"] = json::object{{"type", "integer"}};
    required.emplace_back("version");
  }
  return json::object{{"type", "object"},
                      {"properties", std::move(props)},
                      {"required", std::move(required)},
                      {"additionalProperties", false}};
}

}  // namespace hejia::api::kit
