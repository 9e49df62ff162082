// The response shapes of rooms, their calendars, mediators and duty shifts, built from the typed
// rows of store/rooms_repo.hpp. A mediator shows only the mask of the phone.
#pragma once
#include <boost/json.hpp>
#include <vector>

#include "http/paging.hpp"
#include "store/rooms_repo.hpp"

namespace hejia::api::rooms {

boost::json::object RoomJson(const store::RoomRecord& r);
boost::json::array SessionsJson(const std::vector<store::RoomSession>& sessions);
boost::json::object MediatorJson(const store::MediatorRecord& m);
boost::json::object ShiftJson(const store::DutyShift& s);

/// {items, page, page_size, total} with each row shown by `show`.
template <class Row, class Show>
boost::json::object PageJson(const store::RecordPage<Row>& rows, const http::PageRequest& page,
                             Show show) {
  boost::json::array items;
  items.reserve(rows.items.size());
  for (const auto& r : rows.items) items.push_back(show(r));
  return http::PageBody(std::move(items), page, rows.total);
}

}  // namespace hejia::api::rooms
