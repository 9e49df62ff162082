#include "http/router.hpp"

#include <stdexcept>

namespace hejia::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const size_t j = path.find('/', i);
    const size_t end = j == std::string_view::npos ? path.size() : j;
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool IsParam(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::Add(Route route) {
  if (route.permission.empty())
    throw std::logic_error("route " + route.pattern + " declares no permission");
  if (route.summary.empty()) throw std::logic_error("route " + route.pattern + " has no summary");
  Compiled c;
  for (auto seg : SplitPath(route.pattern)) c.segments.emplace_back(seg);
  for (size_t i = 0; i < routes_.size(); ++i)
    if (routes_[i].method == route.method && compiled_[i].segments == c.segments)
      throw std::logic_error("route declared twice: " + route.pattern);
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(c));
}

const Route* Router::Match(bhttp::verb method, std::string_view path,
                           std::map<std::string, std::string, std::less<>>& params,
                           bool& path_known) const {
  path_known = false;
  const auto segs = SplitPath(path);
  const Route* best = nullptr;
  int best_literals = -1;
  std::map<std::string, std::string, std::less<>> best_params;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = compiled_[i].segments;
    if (pat.size() != segs.size()) continue;
    std::map<std::string, std::string, std::less<>> p;
    int literals = 0;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (IsParam(pat[k])) {
        if (segs[k].empty()) ok = false;
        p.emplace(pat[k].substr(1, pat[k].size() - 2), std::string(segs[k]));
      } else if (pat[k] == segs[k]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    path_known = true;
    if (routes_[i].method != method) continue;
    // A literal segment beats a parameter: /regions/import before /regions/{code}.
    if (literals > best_literals) {
      best = &routes_[i];
      best_literals = literals;
      best_params = std::move(p);
    }
  }
  if (best) params = std::move(best_params);
  return best;
}

boost::json::value BuildOpenApi(const Router& router) {
  namespace json = boost::json;
  json::object paths;
  for (const auto& r : router.routes()) {
    if (r.pattern.rfind("/api/v1", 0) != 0 && r.pattern != "/healthz" && r.pattern != "/readyz")
      continue;
    const bool under_base = r.pattern.rfind("/api/v1", 0) == 0;
    const std::string key = under_base ? r.pattern.substr(7) : r.pattern;
    json::object op;
    op["summary"] = r.summary;
    op["tags"] = json::array{json::value(r.tag)};
    op["operationId"] =
        std::string(bhttp::to_string(r.method)) + " " + r.pattern;  // unique by construction
    op["x-permission"] = r.permission;
    if (r.permission == kPublic) op["security"] = json::array{};
    if (r.permission == kPartner)
      op["security"] = json::array{json::object{{"partner_signature", json::array{}}}};
    json::array params;
    for (auto seg : SplitPath(r.pattern)) {
      if (!IsParam(seg)) continue;
      params.push_back(json::object{{"name", std::string(seg.substr(1, seg.size() - 2))},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", json::object{{"type", "string"}}}});
    }
    for (const auto& q : r.query) {
      json::object type{{"type", q.type}};
      if (!q.values.empty()) type["enum"] = json::array(q.values.begin(), q.values.end());
      params.push_back(json::object{{"name", q.name},
                                    {"in", "query"},
                                    {"required", false},
                                    {"description", q.description},
                                    {"schema", std::move(type)}});
    }
    if (r.paged) {
      for (const char* n : {"page", "page_size"})
        params.push_back(json::object{{"name", n},
                                      {"in", "query"},
                                      {"required", false},
                                      {"schema", json::object{{"type", "integer"}}}});
      params.push_back(json::object{{"name", "sort"},
                                    {"in", "query"},
                                    {"required", false},
                                    {"description", "field, or -field for descending"},
                                    {"schema", json::object{{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = std::move(params);
    if (!r.body_schema.is_null())
      op["requestBody"] = json::object{
          {"required", true},
          {"content", json::object{{"application/json", json::object{{"schema", r.body_schema}}}}}};
    json::object responses;
    json::object ok{{"description", "success"}};
    json::value schema = r.response_schema;
    if (r.paged)
      schema = json::object{
          {"type", "object"},
          {"properties",
           json::object{{"items", json::object{{"type", "array"}, {"items", r.response_schema}}},
                        {"page", json::object{{"type", "integer"}}},
                        {"page_size", json::object{{"type", "integer"}}},
                        {"total", json::object{{"type", "integer"}}}}}};
    if (!schema.is_null())
      ok["content"] = json::object{{"application/json", json::object{{"schema", schema}}}};
    if (r.also_status) responses[std::to_string(r.also_status)] = ok;
    responses[std::to_string(r.success_status)] = std::move(ok);
    responses["default"] = json::object{
        {"description", "error"},
        {"content",
         json::object{
             {"application/json",
              json::object{{"schema", json::object{{"$ref", "#/components/schemas/Error"}}}}}}}};
    op["responses"] = std::move(responses);
    std::string method(bhttp::to_string(r.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    if (!paths[key].is_object()) paths[key].emplace_object();
    auto& item = paths[key].as_object();
    // Probes live at the server root, outside the /api/v1 base.
    if (!under_base) item["servers"] = json::array{json::object{{"url", "/"}}};
    item[method] = std::move(op);
  }
  json::object error_schema{
      {"type", "object"},
      {"required", json::array{"error"}},
      {"properties",
       json::object{
           {"error", json::object{{"type", "object"},
                                  {"required", json::array{"code", "message"}},
                                  {"properties", json::object{
                                                     {"code", json::object{{"type", "string"}}},
                                                     {"message", json::object{{"type", "string"}}},
                                                     {"field", json::object{{"type", "string"}}},
                                                     {"details", json::object{}},
                                                 }}}}}}};
  return json::object{
      {"openapi", "3.0.3"},
      {"info", json::object{{"title", "HeJia (和家) API"}, {"version", "1"}}},
      {"servers", json::array{json::object{{"url", "/api/v1"}}}},
      {"security", json::array{json::object{{"session", json::array{}}}}},
      {"paths", std::move(paths)},
      {"components",
       json::object{
           {"securitySchemes",
            json::object{
                {"session",
                 json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "hejia_session"}}},
                {"partner_signature",
                 json::object{{"type", "apiKey"},
                              {"in", "header"},
                              {"name", "X-HeJia-Signature"},
                              {"description",
                               "A partner's server (the police 110 system) sends X-HeJia-Partner "
                               "(its code), X-HeJia-Timestamp (Unix seconds, within 5 minutes), "
                               "X-HeJia-Nonce (16-64 of [A-Za-z0-9_-], new each time) and "
                               "X-HeJia-Signature: lowercase hex HMAC-SHA256 with its key over "
                               "METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nhex(SHA-256(body)). "
                               "docs/api.md, \"Police incidents\"."}}}}},
           {"schemas", json::object{{"Error", std::move(error_schema)}}}}}};
}

}  // namespace hejia::http
