// Sliding windows of events per client (the public portal's submits, challenges and lookups, the
// sign-in attempts per address), counted in the database so that every node sharing it counts
// the same events. A client is stored only as a keyed hash the caller makes, never its address.
// Records only: api/rate_window.hpp decides what to answer.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "store/db.hpp"

namespace hejia::store {

/// Reserves one event of `client_key` in the window called `window`, which allows `limit` events
/// per `window_ms`. Returns 0 when allowed (the event is counted), else the milliseconds until the
/// oldest counted event leaves the window (nothing is counted then). Racing reservations, on one
/// node or several, count one by one: the row is locked by the upsert until the write commits.
/// Rows idle for a whole window are dropped as this runs.
int64_t HitRateWindow(Connection& conn, std::string_view window, const std::string& client_key,
                      int limit, int64_t window_ms, int64_t now_ms);
/// Gives back the newest counted event of `client_key` in `window` (the work it paid for did not
/// happen, or succeeded and should not count).
void ForgiveRateWindow(Connection& conn, std::string_view window, const std::string& client_key,
                       int64_t now_ms);

}  // namespace hejia::store
