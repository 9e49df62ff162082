#include "api/routes_kit.hpp"

namespace hejia::api {

AreaRoutes::AreaRoutes(http::Router& router, Services& s, std::string base, std::string tag,
                       std::string id_param)
    : router_(router),
      s_(s),
      base_(std::move(base)),
      tag_(std::move(tag)),
      id_param_(std::move(id_param)) {}

void AreaRoutes::Crud(const CrudRoutes& spec) {
  if (spec.list)
    Add(verb::get, "", spec.read_permission, spec.list_summary, spec.list,
        {.query = spec.list_query,
         .response_schema = spec.list_schema.is_null() ? spec.schema : spec.list_schema,
         .paged = true});
  if (spec.create)
    Add(verb::post, "", spec.write_permission, spec.create_summary, spec.create,
        {.body_schema = spec.create_body, .response_schema = spec.schema, .success_status = 201});
  if (spec.get)
    Add(verb::get, id_param_, spec.read_permission, spec.get_summary, spec.get,
        {.response_schema = spec.get_schema.is_null() ? spec.schema : spec.get_schema});
  if (spec.patch)
    Add(verb::patch, id_param_, spec.write_permission, spec.patch_summary, spec.patch,
        {.body_schema = spec.patch_body, .response_schema = spec.schema});
}

void AreaRoutes::Add(verb method, std::string_view sub, std::string permission, std::string summary,
                     AreaHandler handler, RouteDoc doc) {
  router_.Add({.method = method,
               .pattern = base_ + std::string(sub),
               .permission = std::move(permission),
               .summary = std::move(summary),
               .tag = tag_,
               .query = std::move(doc.query),
               .body_schema = std::move(doc.body_schema),
               .response_schema = std::move(doc.response_schema),
               .success_status = doc.success_status,
               .paged = doc.paged,
               .allow_pending = doc.allow_pending,
               .body_limit = doc.body_limit,
               .handler = [&s = s_, h = std::move(handler)](http::Request& r) { return h(s, r); }});
}

ApiError StaleVersion(const json::object& current) {
  return ApiError(ErrorKind::kConflict, "conflict",
                  "记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry",
                  "version")
      .WithDetails(json::object{{"current", current}});
}

}  // namespace hejia::api
