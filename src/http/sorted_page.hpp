// A page whose sort is one of an enum's coded values: the sortable codes and the default are
// written once, in the table of the list's sorts.
#pragma once
#include <array>
#include <span>
#include <string_view>
#include <utility>

#include "http/paging.hpp"

namespace hejia::http {

/// A page and the sort chosen for it.
template <class E>
struct SortedPage {
  PageRequest page;
  E sort;
};

/// Reads page, page_size and sort (one of the codes of `sorts`, the first one by default) and
/// gives the page with the value of the sort chosen.
template <class E, size_t N>
SortedPage<E> ParseSortedPage(const Request& req, const std::pair<E, std::string_view> (&sorts)[N],
                              bool default_descending = false) {
  std::array<std::string_view, N> codes;
  for (size_t i = 0; i < N; ++i) codes[i] = sorts[i].second;
  auto page =
      ParsePage(req, std::span<const std::string_view>(codes), sorts[0].second, default_descending);
  for (const auto& [value, code] : sorts)
    if (code == page.sort) return {std::move(page), value};
  return {std::move(page), sorts[0].first};
}

}  // namespace hejia::http
