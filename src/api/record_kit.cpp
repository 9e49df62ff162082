#include "api/record_kit.hpp"

namespace hejia::api::kit {

ApiError StaleVersion(const json::object& current) {
  return ApiError(ErrorKind::kConflict, "conflict",
                  "记录已被他人修改，请刷新后重试 / changed by someone else: reload and retry",
                  "version")
      .WithDetails(json::object{{"current", current}});
}

int64_t PathId(const http::Request& req) {
  return people::PathId(req);
}

}  // namespace hejia::api::kit
