#include "store/live_streams.hpp"

namespace hejia::store {

std::vector<std::string> OpenLiveStream(Connection& conn, const std::string& stream_id,
                                        int64_t user_id, int max_per_user, int64_t now_ms,
                                        int64_t stale_before_ms) {
  // Held until the write commits; the high half names this use of advisory locks.
  if (conn.dialect() == Dialect::kPostgres)
    conn.Query("SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))",
               {(int64_t{0x4c495645} << 32) | (user_id & 0xffffffff)});
  conn.Execute("DELETE FROM live_streams WHERE seen_at < ?", {stale_before_ms});
  conn.Execute(
      "INSERT INTO live_streams (stream_id, user_id, opened_at, seen_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (stream_id) DO NOTHING",
      {stream_id, user_id, now_ms, now_ms});
  // Newest first in the order the rows were made (one node's clock may run behind another's).
  auto rows = conn.Query("SELECT stream_id FROM live_streams WHERE user_id = ? ORDER BY id DESC",
                         {user_id});
  std::vector<std::string> ended;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string id = rows[i].Text(0);
    if (static_cast<int>(i) < max_per_user || id == stream_id) continue;
    conn.Execute("DELETE FROM live_streams WHERE stream_id = ?", {id});
    ended.push_back(id);
  }
  return ended;
}

void SeeLiveStream(Connection& conn, const std::string& stream_id, int64_t now_ms) {
  conn.Execute("UPDATE live_streams SET seen_at = ? WHERE stream_id = ?", {now_ms, stream_id});
}

void CloseLiveStream(Connection& conn, const std::string& stream_id) {
  conn.Execute("DELETE FROM live_streams WHERE stream_id = ?", {stream_id});
}

}  // namespace hejia::store
