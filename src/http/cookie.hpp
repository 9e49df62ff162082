// Reading one cookie of a request.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"

namespace hejia::http {

/// The value of the cookie `name`, when present, non-empty and at most `max_size` bytes.
std::optional<std::string> CookieValue(const RawRequest& req, std::string_view name,
                                       std::size_t max_size = 128);

}  // namespace hejia::http
