// One sliding window per client, counted where every node that answers the client sees it: in
// this process (RateLimiter) on one node, in the shared database's table (store/rate_windows) when
// the nodes share a PostgreSQL. The public portal's limits and the sign-in attempts per address
// are such windows.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>

#include "api/rate_limiter.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"

namespace hejia::api {

/// The database the nodes share their counts through: the PostgreSQL one, or none (SQLite is one
/// node, whose memory is quicker than a write per hit).
store::Database* SharedAcrossNodes(store::Database& db);

/// `limit` events per `window_ms` per client key. Thread-safe.
class RateWindow {
 public:
  /// `name` tells this window's rows apart in the table; `shared` null: counted in memory.
  RateWindow(std::string name, int limit, int64_t window_ms, store::Database* shared,
             security::FieldCipher cipher);

  /// Reserves one event of `client` (0), or says how many seconds to wait (nothing reserved).
  /// Runs on the database's writer when shared, never on the caller's I/O thread.
  boost::asio::awaitable<int> Hit(const std::string& client, int64_t now_ms);
  /// Gives back the newest reserved event of `client`.
  boost::asio::awaitable<void> Forgive(const std::string& client, int64_t now_ms);

 private:
  // The table keeps a keyed hash of the client, never its address.
  std::string Key(const std::string& client) const;

  std::string name_;
  int limit_;
  int64_t window_ms_;
  store::Database* shared_;
  security::FieldCipher cipher_;
  RateLimiter memory_;
};

}  // namespace hejia::api
