#include "store/db.hpp"

#include <charconv>

namespace hejia::store {

int64_t Value::Int() const {
  if (auto* i = std::get_if<int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v_)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Value::Real() const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v_)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string Value::Text() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  if (auto* i = std::get_if<int64_t>(&v_)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v_)) return std::to_string(*d);
  return {};
}

std::unique_ptr<Database> OpenSqlite(const std::string& path, const OpenOptions& options);
std::unique_ptr<Database> OpenPostgres(const std::string& conninfo, const OpenOptions& options);

std::unique_ptr<Database> OpenDatabase(const std::string& url, const OpenOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) return OpenSqlite(url.substr(7), options);
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0)
    return OpenPostgres(url, options);
  throw std::invalid_argument("database URL must start with sqlite: or postgres://");
}

std::string RedactUrl(const std::string& url) {
  // postgres://user:secret@host/db -> postgres://user:***@host/db
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace hejia::store
