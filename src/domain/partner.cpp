#include "domain/partner.hpp"

#include <cctype>

namespace hejia::domain {

std::optional<std::string> PartnerCodeProblem(std::string_view code) {
  if (code.empty() || code.size() > kPartnerCodeMax)
    return "代码应为 1 到 40 个字符 / the code must have 1 to 40 characters";
  for (char ch : code)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_')
      return "只能用字母、数字、- 和 _ / letters, digits, - and _ only";
  return std::nullopt;
}

std::optional<std::string> CallbackUrlProblem(std::string_view url) {
  if (url.empty()) return std::nullopt;
  if (url.size() > kCallbackUrlMax) return "地址过长 / the address is too long";
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
    return "应以 https:// 开头 / must be an https:// address";
  for (char ch : url)
    if (static_cast<unsigned char>(ch) <= 0x20) return "地址不能含空白 / no spaces in an address";
  return std::nullopt;
}

}  // namespace hejia::domain
