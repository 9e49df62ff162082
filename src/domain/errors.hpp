// Errors a client caused, as typed exceptions mapped to HTTP in one place (http/response.cpp).
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace hejia {

/// One failure that ends the request; carries the fields of the one JSON error shape.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        message_(std::move(message)),
        field_(std::move(field)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const boost::json::value& details() const { return details_; }
  std::optional<int> retry_after() const { return retry_after_; }

  ApiError& WithDetails(boost::json::value d) {
    details_ = std::move(d);
    return *this;
  }
  ApiError& WithRetryAfter(int seconds) {
    retry_after_ = seconds;
    return *this;
  }

 private:
  int status_;
  std::string code_;
  std::string message_;
  std::string field_;
  boost::json::value details_;
  std::optional<int> retry_after_;
};

inline ApiError BadRequest(std::string message, std::string field = {}) {
  return ApiError(400, "bad_request", std::move(message), std::move(field));
}
inline ApiError Invalid(std::string field, std::string message) {
  return ApiError(400, "validation_failed", std::move(message), std::move(field));
}
inline ApiError NotFound(std::string message = "未找到 / not found") {
  return ApiError(404, "not_found", std::move(message));
}
inline ApiError Forbidden(std::string message = "无权访问 / forbidden") {
  return ApiError(403, "forbidden", std::move(message));
}
inline ApiError Conflict(std::string message, std::string field = {}) {
  return ApiError(409, "conflict", std::move(message), std::move(field));
}
inline ApiError Unauthenticated(std::string message = "请先登录 / sign in first") {
  return ApiError(401, "unauthenticated", std::move(message));
}

}  // namespace hejia
