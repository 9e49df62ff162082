#include "domain/text.hpp"

#include "common/utf8.hpp"

namespace hejia::domain {

namespace {

bool IsSpaceAt(std::string_view s, std::size_t i, std::size_t& width) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    width = 1;
    return true;
  }
  if (s.substr(i, 3) == "\xE3\x80\x80") {  // U+3000 ideographic space
    width = 3;
    return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  std::size_t w = 0;
  while (!s.empty() && IsSpaceAt(s, 0, w)) s.remove_prefix(w);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

CheckedText Check(std::string_view raw, std::size_t max_chars, bool required, bool lines) {
  CheckedText out{std::string(Trim(raw)), std::nullopt};
  if (out.text.empty()) {
    if (required) out.problem = TextProblem::kRequired;
    return out;
  }
  if (!IsValidUtf8(out.text) || Utf8CodePointCount(out.text) > max_chars) {
    out.problem = TextProblem::kTooLong;
    return out;
  }
  for (unsigned char ch : out.text)
    if (ch < 0x20 && !(lines && (ch == '\n' || ch == '\r' || ch == '\t'))) {
      out.problem = TextProblem::kControlCharacters;
      return out;
    }
  return out;
}

}  // namespace

std::string TrimSpaces(std::string_view s) {
  return std::string(Trim(s));
}

CheckedText CheckText(std::string_view raw, std::size_t max_chars, bool required) {
  return Check(raw, max_chars, required, false);
}

CheckedText CheckLines(std::string_view raw, std::size_t max_chars, bool required) {
  return Check(raw, max_chars, required, true);
}

std::string TextProblemMessage(TextProblem problem, std::size_t max_chars) {
  switch (problem) {
    case TextProblem::kRequired:
      return "必填 / required";
    case TextProblem::kTooLong:
      return "最多 " + std::to_string(max_chars) + " 个字 / at most " + std::to_string(max_chars) +
             " characters";
    case TextProblem::kControlCharacters:
      return "含有控制字符 / control characters";
  }
  return {};
}

}  // namespace hejia::domain
