// Messages between the `hejia serve` processes that share one PostgreSQL database, through its
// LISTEN/NOTIFY: what one node publishes (a live alert, say) reaches every node's listener within
// milliseconds, without a message server of its own. A notification sent inside a transaction is
// delivered when it commits, and not at all when it rolls back. SQLite deployments are one node
// and need none of this.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

#include "store/db.hpp"

namespace hejia::store {

/// Queues `payload` (at most 7,900 bytes) for every listener of `channel`, on commit.
void Notify(Connection& conn, std::string_view channel, std::string_view payload);

/// Listens on one channel on a connection of its own, on a thread of its own, and hands each
/// payload to `handler` (on that thread). A lost connection is opened again (after 1 s, then up
/// to 30 s between tries); what was sent meanwhile is lost, which live alerts accept (the lists
/// stay the source of truth).
class NotifyListener {
 public:
  using Handler = std::function<void(std::string_view payload)>;
  NotifyListener(std::string pg_url, std::string channel, Handler handler);
  ~NotifyListener();
  NotifyListener(const NotifyListener&) = delete;
  NotifyListener& operator=(const NotifyListener&) = delete;

  /// True once the LISTEN is in place (tests wait for it before sending).
  bool Listening() const { return listening_; }

 private:
  void Run();
  std::string url_, channel_;
  Handler handler_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> listening_{false};
  std::thread thread_;
};

}  // namespace hejia::store
