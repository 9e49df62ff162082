#include "api/record_kit.hpp"

namespace hejia::api::kit {

int64_t PathId(const http::Request& req) {
  return people::PathId(req);
}

}  // namespace hejia::api::kit
