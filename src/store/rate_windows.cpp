#include "store/rate_windows.hpp"

#include <charconv>
#include <vector>

namespace hejia::store {
namespace {

// The times of the counted events, oldest first, as decimal milliseconds separated by commas (at
// most `limit` of them: a few hundred bytes).
std::vector<int64_t> ParseTimes(const std::string& text) {
  std::vector<int64_t> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    int64_t t = 0;
    auto [next, ec] = std::from_chars(p, end, t);
    if (ec != std::errc()) break;
    out.push_back(t);
    p = next < end && *next == ',' ? next + 1 : next;
    if (p == next && p < end) break;  // neither a number nor a comma: stop
  }
  return out;
}

std::string FormatTimes(const std::vector<int64_t>& times) {
  std::string out;
  for (int64_t t : times) {
    if (!out.empty()) out += ',';
    out += std::to_string(t);
  }
  return out;
}

void SaveTimes(Connection& conn, std::string_view window, const std::string& client_key,
               const std::vector<int64_t>& times) {
  conn.Execute("UPDATE rate_windows SET times = ? WHERE name = ? AND client_key = ?",
               {FormatTimes(times), window, client_key});
}

}  // namespace

int64_t HitRateWindow(Connection& conn, std::string_view window, const std::string& client_key,
                      int limit, int64_t window_ms, int64_t now_ms) {
  conn.Execute("DELETE FROM rate_windows WHERE name = ? AND updated_at <= ?",
               {window, now_ms - window_ms});
  // The upsert makes the row or locks it until this write commits, and returns its newest times:
  // a racing reservation (another writer connection, another node) waits here, then sees ours.
  auto row = conn.QueryOne(
      "INSERT INTO rate_windows (name, client_key, times, updated_at) VALUES (?, ?, '', ?) "
      "ON CONFLICT (name, client_key) DO UPDATE SET updated_at = excluded.updated_at "
      "RETURNING times",
      {window, client_key, now_ms});
  std::vector<int64_t> times = row ? ParseTimes(row->Text(0)) : std::vector<int64_t>{};
  size_t gone = 0;
  while (gone < times.size() && times[gone] <= now_ms - window_ms) ++gone;
  times.erase(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(gone));
  if (static_cast<int>(times.size()) >= limit) {
    if (gone > 0) SaveTimes(conn, window, client_key, times);
    return times.empty() ? window_ms : times.front() + window_ms - now_ms;
  }
  times.push_back(now_ms);
  SaveTimes(conn, window, client_key, times);
  return 0;
}

void ForgiveRateWindow(Connection& conn, std::string_view window, const std::string& client_key,
                       int64_t now_ms) {
  auto row = conn.QueryOne(
      "UPDATE rate_windows SET updated_at = ? WHERE name = ? AND client_key = ? RETURNING times",
      {now_ms, window, client_key});
  if (!row) return;
  auto times = ParseTimes(row->Text(0));
  if (times.empty()) return;
  times.pop_back();
  SaveTimes(conn, window, client_key, times);
}

}  // namespace hejia::store
