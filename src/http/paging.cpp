#include "http/paging.hpp"

#include <charconv>

#include "common/error.hpp"
#include "http/json_body.hpp"

namespace hejia::http {

std::optional<int64_t> QueryInt(const Request& req, std::string_view name, int64_t min,
                                int64_t max) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::nullopt;
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || p != v->data() + v->size() || n < min || n > max)
    throw Invalid(std::string(name), "应为 " + std::to_string(min) + "–" + std::to_string(max) +
                                         " 的整数 / must be an integer in range");
  return n;
}

std::optional<std::string> QueryText(const Request& req, std::string_view name, size_t max_chars) {
  auto v = req.Query(name);
  if (!v) return std::nullopt;
  std::string s = TrimSpaces(*v);
  if (s.empty()) return std::nullopt;
  if (Utf8Length(s) > max_chars) throw Invalid(std::string(name), "过长 / too long");
  return s;
}

PageRequest ParsePage(const Request& req, std::initializer_list<std::string_view> sortable,
                      std::string_view default_sort, bool default_descending) {
  return ParsePage(req, std::span<const std::string_view>(sortable.begin(), sortable.size()),
                   default_sort, default_descending);
}

PageRequest ParsePage(const Request& req, std::span<const std::string_view> sortable,
                      std::string_view default_sort, bool default_descending) {
  PageRequest p;
  p.page = QueryInt(req, "page", 1, 1'000'000).value_or(1);
  p.page_size = QueryInt(req, "page_size", 1, 100).value_or(20);
  p.sort = std::string(default_sort);
  p.descending = default_descending;
  if (auto s = req.Query("sort"); s && !s->empty()) {
    std::string_view name = *s;
    bool desc = false;
    if (name.front() == '-') {
      desc = true;
      name.remove_prefix(1);
    }
    bool ok = false;
    for (auto f : sortable)
      if (f == name) {
        ok = true;
        p.sort = std::string(f);
      }
    if (!ok) throw Invalid("sort", "不能按此字段排序 / cannot sort by this field");
    p.descending = desc;
  }
  return p;
}

boost::json::object PageBody(boost::json::array items, const PageRequest& page, int64_t total) {
  return boost::json::object{{"items", std::move(items)},
                             {"page", page.page},
                             {"page_size", page.page_size},
                             {"total", total}};
}

}  // namespace hejia::http
