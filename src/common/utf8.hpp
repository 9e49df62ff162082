// Small UTF-8 helpers for code that must count or cut text by characters, not bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace hejia {

/// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

/// Number of code points, counting every byte that does not continue a sequence; exact for valid
/// UTF-8 and a sane estimate otherwise.
std::size_t Utf8CodePointCount(std::string_view text);

/// Byte length of the first `code_points` code points of `text` (all of it if shorter). Never
/// ends inside a multi-byte sequence.
std::size_t Utf8PrefixBytes(std::string_view text, std::size_t code_points);

}  // namespace hejia
