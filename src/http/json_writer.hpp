// A JSON text written straight from typed rows, for the hot lists: no tree of values is built and
// freed per item. Strings are escaped exactly as boost::json::serialize escapes them.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::http {

/// Appends JSON to a string. Commas are placed by the writer: a value after a key or at the
/// start of an object or array gets none, every other value one.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  /// The key of the next member: a name of the code (letters, digits and '_'), written as it is
  /// (never a value from a request or a row).
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  /// null for an empty text.
  JsonWriter& StringOrNull(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  JsonWriter& Strings(const std::vector<std::string>& values);
  /// A JSON text made elsewhere, as the next value.
  JsonWriter& Raw(std::string_view json);

 private:
  void Separate();
  void Quoted(std::string_view s);

  std::string& out_;
  bool first_ = true;
};

}  // namespace hejia::http
