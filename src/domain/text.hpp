// The one check of a free-text field a person typed: trimmed (ASCII and ideographic spaces),
// valid UTF-8, at most so many characters, no control characters, present when required.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hejia::domain {

enum class TextProblem { kRequired, kTooLong, kControlCharacters };

struct CheckedText {
  std::string text;  // trimmed
  std::optional<TextProblem> problem;
};

/// `s` without ASCII and ideographic (U+3000) spaces at either end.
std::string TrimSpaces(std::string_view s);

/// `raw` trimmed and checked; `max_chars` counts characters (code points), not bytes. Invalid
/// UTF-8 counts as too long: it cannot be shown.
CheckedText CheckText(std::string_view raw, std::size_t max_chars, bool required);

/// The same for text of several lines (a plan's goals, a reason): line breaks and tabs inside
/// are kept; other control characters are refused.
CheckedText CheckLines(std::string_view raw, std::size_t max_chars, bool required);

/// The bilingual message for a problem ("最多 50 个字 / at most 50 characters").
std::string TextProblemMessage(TextProblem problem, std::size_t max_chars);

}  // namespace hejia::domain
