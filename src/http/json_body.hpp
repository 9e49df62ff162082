// Strict JSON request bodies: malformed JSON, wrong types, unknown fields and over-long strings
// are refused with 400 naming the field, before anything is written.
#pragma once
#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::http {

/// A parsed JSON object body with typed, bounded getters.
class JsonBody {
 public:
  /// Parses `text` as one JSON object whose keys are all in `allowed`.
  static JsonBody Parse(std::string_view text, std::initializer_list<std::string_view> allowed);
  static JsonBody Parse(std::string_view text, std::span<const std::string_view> allowed);
  /// One object of a larger body (an item of a batch), held to the same rules.
  static JsonBody FromObject(boost::json::object obj, std::span<const std::string_view> allowed);

  bool Has(std::string_view field) const;
  std::string RequiredString(std::string_view field, size_t max_chars) const;
  std::optional<std::string> OptString(std::string_view field, size_t max_chars) const;
  int64_t RequiredInt(std::string_view field, int64_t min, int64_t max) const;
  std::optional<int64_t> OptInt(std::string_view field, int64_t min, int64_t max) const;
  std::optional<bool> OptBool(std::string_view field) const;
  std::optional<std::vector<std::string>> OptStringArray(std::string_view field, size_t max_items,
                                                         size_t max_chars) const;
  const boost::json::object& object() const { return obj_; }

 private:
  boost::json::object obj_;
};

/// Number of Unicode code points in valid UTF-8.
size_t Utf8Length(std::string_view s);
/// Trims ASCII and ideographic (U+3000) spaces at both ends.
std::string TrimSpaces(std::string_view s);

}  // namespace hejia::http
