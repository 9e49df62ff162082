// Reading an integer out of parsed JSON, the one way every body and setting does it.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace hejia {

/// The integer `v` holds; 400 naming `field` when it holds anything else (a fraction, a text, a
/// number beyond int64).
inline int64_t JsonInteger(const boost::json::value& v, std::string_view field) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX))
    return static_cast<int64_t>(v.as_uint64());
  throw Invalid(std::string(field), "应为整数 / must be an integer");
}

}  // namespace hejia
