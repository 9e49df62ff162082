// Failures a client caused, as one typed exception with an error kind. The domain and the store
// speak in kinds; only the HTTP layer turns a kind into a status code (http/error_status.cpp).
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace hejia {

/// What went wrong, as the caller should understand it. One kind, one HTTP status.
enum class ErrorKind {
  kBadRequest,       // the request cannot be read or a value is invalid
  kUnauthenticated,  // no valid session or signature
  kForbidden,        // signed in, but not allowed
  kNotFound,         // no such record, or one outside the caller's scope (never told apart)
  kConflict,         // the record changed meanwhile, or the state does not allow it
  kTooLarge,         // the body is larger than the route accepts
  kUnprocessable,    // well-formed, but a rule refuses it (e.g. a weak password)
  kLocked,           // the account is locked for a while
  kTooManyRequests,  // slowed down; retry after a while
  kUnavailable,      // a dependency (the database) does not answer
};

/// One failure that ends the request; carries the fields of the one JSON error shape.
class ApiError : public std::runtime_error {
 public:
  ApiError(ErrorKind kind, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message),
        kind_(kind),
        code_(std::move(code)),
        message_(std::move(message)),
        field_(std::move(field)) {}

  ErrorKind kind() const { return kind_; }
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
  ErrorKind kind_;
  std::string code_;
  std::string message_;
  std::string field_;
  boost::json::value details_;
  std::optional<int> retry_after_;
};

/// A database failure: a violated constraint (the caller's data conflicts) or the database not
/// answering. Its text is for the log only, never for the client.
class DbError : public std::runtime_error {
 public:
  explicit DbError(std::string msg, bool constraint = false)
      : std::runtime_error(std::move(msg)), constraint_(constraint) {}
  /// A unique / foreign-key constraint was violated.
  bool constraint() const { return constraint_; }

 private:
  bool constraint_;
};

inline ApiError BadRequest(std::string message, std::string field = {}) {
  return ApiError(ErrorKind::kBadRequest, "bad_request", std::move(message), std::move(field));
}
inline ApiError Invalid(std::string field, std::string message) {
  return ApiError(ErrorKind::kBadRequest, "validation_failed", std::move(message),
                  std::move(field));
}
inline ApiError NotFound(std::string message = "未找到 / not found") {
  return ApiError(ErrorKind::kNotFound, "not_found", std::move(message));
}
inline ApiError Forbidden(std::string message = "无权访问 / forbidden") {
  return ApiError(ErrorKind::kForbidden, "forbidden", std::move(message));
}
inline ApiError Conflict(std::string message, std::string field = {}) {
  return ApiError(ErrorKind::kConflict, "conflict", std::move(message), std::move(field));
}
inline ApiError Unauthenticated(std::string message = "请先登录 / sign in first") {
  return ApiError(ErrorKind::kUnauthenticated, "unauthenticated", std::move(message));
}

}  // namespace hejia
