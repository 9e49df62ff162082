// The response shapes of people and households, written from the typed rows of
// store/people_repo.hpp: masked values only. The lists write their page's text straight from the
// rows (the hot path of GET /people and GET /households); the objects are parsed from the same
// text where an error's details carry them, so there is one writer per shape.
#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "api/people_common.hpp"
#include "api/routes_kit.hpp"
#include "http/json_writer.hpp"
#include "http/paging.hpp"
#include "store/people_repo.hpp"

namespace hejia::api::people {

void WritePerson(http::JsonWriter& w, const store::PersonRow& p);
/// The household; with `members`, its members too (the detail).
void WriteHousehold(http::JsonWriter& w, const store::HouseholdRow& h,
                    const std::vector<store::PersonRow>* members = nullptr);

std::string PersonText(const store::PersonRow& p);
std::string HouseholdText(const store::HouseholdDetail& d);

/// The same shapes as values, for the details of a 409 (stale version, possible duplicate).
boost::json::object PersonJson(const store::PersonRow& p);
boost::json::object HouseholdJson(const store::HouseholdRow& h);

/// The page body of http::PageBody in one pass, one string: `items(each)` calls `each(record)`
/// for every record and returns the total; `write` writes each at once.
template <class Items, class Write>
std::string PageText(const http::PageRequest& page, Items items, Write write) {
  std::string out;
  out.reserve(256 + static_cast<size_t>(page.page_size) * 1024);
  http::JsonWriter w(out);
  w.BeginObject().Key("items").BeginArray();
  const int64_t total = items([&](const auto& record) { write(w, record); });
  w.EndArray().Key("page").Int(page.page).Key("page_size").Int(page.page_size);
  w.Key("total").Int(total).EndObject();
  return out;
}

/// The page body written from rows read before.
template <class Row, class Write>
std::string RowsPageText(const store::RecordPage<Row>& rows, const http::PageRequest& page,
                         Write write) {
  return PageText(
      page,
      [&](const auto& each) {
        for (const auto& row : rows.items) each(row);
        return rows.total;
      },
      write);
}

/// A page of rows in the caller's scope narrowed to `region`: `list(conn, scope)`, written with
/// `write` inside the read job, answered as written.
template <class List, class Write>
asio::awaitable<http::Response> RowsPage(Services& s, http::Request& req,
                                         std::optional<std::string> region, http::PageRequest page,
                                         List list, Write write) {
  auto text = co_await ReadInScope(s, req, region, [&](store::Connection& c, const auto& scope) {
    return RowsPageText(list(c, scope), page, write);
  });
  co_return JsonText(std::move(text));
}

/// RowsPage for a list that streams its rows: `list(conn, scope, each)` calls `each(record)` for
/// every row as it is read and returns the total; each record is written at once, none is kept.
template <class List, class Write>
asio::awaitable<http::Response> StreamedRowsPage(Services& s, http::Request& req,
                                                 std::optional<std::string> region,
                                                 http::PageRequest page, List list, Write write) {
  auto text = co_await ReadInScope(s, req, region, [&](store::Connection& c, const auto& scope) {
    return PageText(
        page, [&](const auto& each) { return list(c, scope, each); }, write);
  });
  co_return JsonText(std::move(text));
}

/// The answer of a record written by `text` (PersonText, HouseholdText), for ShowOne.
template <class Text>
auto TextAnswer(Text text) {
  return [text](const auto& record) { return JsonText(text(record)); };
}

/// JSON schemas of the objects, for the OpenAPI document.
boost::json::value PersonSchema();
boost::json::value HouseholdSchema();
/// `tags`: an array of the difficulty categories (domain::kDifficultyTags).
boost::json::value TagsSchema();
/// The difficulty tags' codes.
std::vector<std::string> TagCodes();

}  // namespace hejia::api::people
