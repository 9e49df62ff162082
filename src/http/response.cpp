#include <boost/beast/version.hpp>

#include "http/request.hpp"

namespace hejia::http {

const std::string& Request::Param(std::string_view name) const {
  static const std::string kEmpty;
  auto it = path_params.find(name);
  return it == path_params.end() ? kEmpty : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::string Request::UserAgent() const {
  auto it = raw.find(bhttp::field::user_agent);
  if (it == raw.end()) return {};
  return std::string(it->value().substr(0, 200));
}

Response JsonResponse(unsigned status, const boost::json::value& body) {
  Response res{static_cast<bhttp::status>(status), 11};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.set(bhttp::field::cache_control, "no-store");
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

Response EmptyResponse(unsigned status) {
  Response res{static_cast<bhttp::status>(status), 11};
  res.set(bhttp::field::cache_control, "no-store");
  res.prepare_payload();
  return res;
}

}  // namespace hejia::http
