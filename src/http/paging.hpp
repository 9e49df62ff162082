// The one pagination shape: ?page=&page_size=&sort=field|-field -> {items,page,page_size,total}.
#pragma once
#include <boost/json.hpp>
#include <initializer_list>
#include <span>
#include <string>

#include "http/request.hpp"

namespace hejia::http {

/// A validated page request. `sort` is one of the route's allowed fields, never client text.
struct PageRequest {
  int64_t page = 1;
  int64_t page_size = 20;
  std::string sort;
  bool descending = false;
  int64_t Offset() const { return (page - 1) * page_size; }
};

/// Reads page, page_size and sort; throws 400 naming the parameter.
PageRequest ParsePage(const Request& req, std::initializer_list<std::string_view> sortable,
                      std::string_view default_sort, bool default_descending = false);
PageRequest ParsePage(const Request& req, std::span<const std::string_view> sortable,
                      std::string_view default_sort, bool default_descending = false);

/// {items, page, page_size, total}
boost::json::object PageBody(boost::json::array items, const PageRequest& page, int64_t total);

/// An optional integer query parameter with bounds; 400 naming it when malformed.
std::optional<int64_t> QueryInt(const Request& req, std::string_view name, int64_t min,
                                int64_t max);
/// An optional text query parameter, trimmed, at most `max_chars`; 400 naming it when longer.
std::optional<std::string> QueryText(const Request& req, std::string_view name, size_t max_chars);

}  // namespace hejia::http
