#include "http/cookie.hpp"

namespace hejia::http {

std::optional<std::string> CookieValue(const RawRequest& req, std::string_view name,
                                       std::size_t max_size) {
  auto it = req.find(bhttp::field::cookie);
  if (it == req.end()) return std::nullopt;
  std::string_view c = it->value();
  while (!c.empty()) {
    while (!c.empty() && (c.front() == ' ' || c.front() == ';')) c.remove_prefix(1);
    const auto semi = c.find(';');
    std::string_view pair = c.substr(0, semi);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      auto v = pair.substr(eq + 1);
      if (v.empty() || v.size() > max_size) return std::nullopt;
      return std::string(v);
    }
    if (semi == std::string_view::npos) break;
    c.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

}  // namespace hejia::http
