#include "http/json_body.hpp"

#include "common/error.hpp"
#include "common/json_number.hpp"
#include "domain/text.hpp"

namespace hejia::http {

namespace json = boost::json;

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string TrimSpaces(std::string_view s) {
  return domain::TrimSpaces(s);
}

JsonBody JsonBody::Parse(std::string_view text, std::initializer_list<std::string_view> allowed) {
  return Parse(text, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

JsonBody JsonBody::Parse(std::string_view text, std::span<const std::string_view> allowed) {
  json::parse_options opt;
  opt.max_depth = 16;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec, {}, opt);
  if (ec) throw BadRequest("请求体不是有效的 JSON / malformed JSON body");
  if (!v.is_object()) throw BadRequest("请求体必须是 JSON 对象 / body must be a JSON object");
  return FromObject(std::move(v.as_object()), allowed);
}

JsonBody JsonBody::FromObject(boost::json::object obj, std::span<const std::string_view> allowed) {
  JsonBody body;
  body.obj_ = std::move(obj);
  for (const auto& kv : body.obj_) {
    bool known = false;
    for (auto a : allowed) known = known || a == kv.key();
    if (!known)
      throw ApiError(ErrorKind::kBadRequest, "unknown_field",
                     "未知字段 / unknown field: " + std::string(kv.key()), std::string(kv.key()));
  }
  return body;
}

bool JsonBody::Has(std::string_view field) const {
  auto it = obj_.find(field);
  return it != obj_.end() && !it->value().is_null();
}

std::optional<std::string> JsonBody::OptString(std::string_view field, size_t max_chars) const {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) throw Invalid(std::string(field), "应为文本 / must be a string");
  std::string s = TrimSpaces(std::string_view(it->value().as_string()));
  if (Utf8Length(s) > max_chars)
    throw Invalid(std::string(field), "过长，最多 " + std::to_string(max_chars) +
                                          " 字 / too long, at most " + std::to_string(max_chars) +
                                          " characters");
  for (unsigned char c : s)
    if (c < 0x20 && c != '\n' && c != '\t')
      throw Invalid(std::string(field), "含有控制字符 / contains control characters");
  return s;
}

std::string JsonBody::RequiredString(std::string_view field, size_t max_chars) const {
  auto s = OptString(field, max_chars);
  if (!s || s->empty()) throw Invalid(std::string(field), "必填 / required");
  return *s;
}

std::optional<int64_t> JsonBody::OptInt(std::string_view field, int64_t min, int64_t max) const {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  const int64_t n = JsonInteger(it->value(), field);
  if (n < min || n > max) throw Invalid(std::string(field), "超出范围 / out of range");
  return n;
}

int64_t JsonBody::RequiredInt(std::string_view field, int64_t min, int64_t max) const {
  auto n = OptInt(field, min, max);
  if (!n) throw Invalid(std::string(field), "必填 / required");
  return *n;
}

std::optional<bool> JsonBody::OptBool(std::string_view field) const {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool())
    throw Invalid(std::string(field), "应为 true/false / must be a boolean");
  return it->value().as_bool();
}

std::optional<std::vector<std::string>> JsonBody::OptStringArray(std::string_view field,
                                                                 size_t max_items,
                                                                 size_t max_chars) const {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_array()) throw Invalid(std::string(field), "应为数组 / must be an array");
  const auto& arr = it->value().as_array();
  if (arr.size() > max_items) throw Invalid(std::string(field), "项目过多 / too many items");
  std::vector<std::string> out;
  for (const auto& e : arr) {
    if (!e.is_string()) throw Invalid(std::string(field), "应为文本数组 / must be strings");
    if (Utf8Length(e.as_string()) > max_chars) throw Invalid(std::string(field), "过长 / too long");
    out.emplace_back(e.as_string());
  }
  return out;
}

}  // namespace hejia::http
