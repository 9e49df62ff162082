#include "schema_check.hpp"

#include <boost/url/parse.hpp>
#include <cctype>
#include <mutex>
#include <set>

#include "common/utf8.hpp"
#include "harness.hpp"
#include "http/router.hpp"

namespace hejia::testing {

namespace json = boost::json;

namespace {

struct Answer {
  std::string method, target;
  unsigned status;
  json::value body;
};

std::mutex& Mu() {
  static std::mutex mu;
  return mu;
}
std::vector<Answer>& Answers() {
  static std::vector<Answer> answers;
  return answers;
}

bool TypeMatches(std::string_view type, const json::value& v) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_int64() || v.is_uint64();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_bool();
  return true;
}

// A null passes only where the schema says the field is nullable (OpenAPI 3.0's `nullable`).
constexpr bool kNullsChecked = true;

void Check(const json::object& s, const json::value& v, const std::string& at,
           std::vector<std::string>& out) {
  if (v.is_null()) {
    const auto* n = s.if_contains("nullable");
    if (!s.contains("type") || (n && n->is_bool() && n->as_bool())) return;
    if (!kNullsChecked && !(n && n->is_bool())) return;
    out.push_back(at + ": null, but not nullable");
    return;
  }
  if (const auto* t = s.if_contains("type");
      t && t->is_string() && !TypeMatches(t->as_string(), v)) {
    out.push_back(at + ": " + json::serialize(v).substr(0, 60) + " is not " +
                  std::string(t->as_string()));
    return;
  }
  if (const auto* e = s.if_contains("enum"); e && e->is_array()) {
    bool known = false;
    for (const auto& x : e->as_array()) known = known || x == v;
    if (!known)
      out.push_back(at + ": " + json::serialize(v) + " is not one of " + json::serialize(*e));
  }
  if (const auto* m = s.if_contains("maxLength"); m && v.is_string() && m->is_number()) {
    if (Utf8CodePointCount(v.as_string()) > m->to_number<size_t>())
      out.push_back(at + ": longer than " + json::serialize(*m));
  }
  if (v.is_array()) {
    if (const auto* items = s.if_contains("items"); items && items->is_object()) {
      const auto& a = v.as_array();
      for (size_t i = 0; i < a.size(); ++i)
        Check(items->as_object(), a[i], at + "/" + std::to_string(i), out);
    }
  }
  if (!v.is_object()) return;
  const auto& o = v.as_object();
  const auto* props = s.if_contains("properties");
  if (const auto* req = s.if_contains("required"); req && req->is_array())
    for (const auto& name : req->as_array())
      if (!o.contains(name.as_string()))
        out.push_back(at + ": no " + std::string(name.as_string()));
  const auto* extra = s.if_contains("additionalProperties");
  const bool closed = extra && extra->is_bool() && !extra->as_bool();
  for (const auto& [k, child] : o) {
    const json::value* ps =
        props && props->is_object() ? props->as_object().if_contains(k) : nullptr;
    if (ps && ps->is_object()) {
      Check(ps->as_object(), child, at + "/" + std::string(k), out);
    } else if (closed) {
      out.push_back(at + ": undeclared " + std::string(k));
    }
  }
}

}  // namespace

void RecordAnswer(const std::string& method, const std::string& target, unsigned status,
                  const json::value& body) {
  if (status < 200 || status >= 300 || body.is_null()) return;
  std::lock_guard lock(Mu());
  Answers().push_back({method, target, status, body});
}

std::vector<std::string> SchemaProblems(const json::value& schema, const json::value& value,
                                        const std::string& where) {
  std::vector<std::string> out;
  if (schema.is_object()) Check(schema.as_object(), value, where, out);
  return out;
}

std::vector<std::string> CheckRecordedAnswers() {
  std::vector<Answer> answers;
  {
    std::lock_guard lock(Mu());
    answers.swap(Answers());
  }
  std::vector<std::string> problems;
  std::set<std::string> reported;  // one problem per route is enough to find it
  const auto& router = TestServer::Get().app().router();
  const json::value doc = http::BuildOpenApi(router);
  for (const auto& a : answers) {
    auto url = boost::urls::parse_origin_form(a.target);
    if (!url) continue;
    const std::string path(url->path());
    std::map<std::string, std::string, std::less<>> params;
    bool known = false;
    const auto* route = router.Match(http::bhttp::string_to_verb(a.method), path, params, known);
    if (!route) continue;  // static files, probes
    const std::string where = a.method + " " + route->pattern;
    // The schema the published document declares for this answer.
    const std::string key =
        route->pattern.rfind("/api/v1", 0) == 0 ? route->pattern.substr(7) : route->pattern;
    std::string method(http::bhttp::to_string(route->method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    const json::value* schema = nullptr;
    if (const auto* item = doc.at("paths").as_object().if_contains(key))
      if (const auto* op = item->as_object().if_contains(method))
        if (const auto* ok = op->at("responses").as_object().if_contains(std::to_string(a.status)))
          if (const auto* content = ok->as_object().if_contains("content"))
            schema = &content->at("application/json").at("schema");
    if (!schema) {
      if (reported.insert(where).second)
        problems.push_back(where + ": answered " + std::to_string(a.status) +
                           " with a JSON body its documentation does not describe");
      continue;
    }
    const auto found = SchemaProblems(*schema, a.body);
    for (const auto& f : found) {
      // One line per route and place ("/items/3/x" and "/items/7/x" are one place).
      std::string place;
      for (char ch : f) place += std::isdigit(static_cast<unsigned char>(ch)) ? '#' : ch;
      if (reported.insert(where + place).second)
        problems.push_back(where + " (" + a.target + ")" + f);
    }
  }
  return problems;
}

}  // namespace hejia::testing
