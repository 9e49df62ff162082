#include "store/notify_channel.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

namespace hejia::store {

void Notify(Connection& conn, std::string_view channel, std::string_view payload) {
  if (conn.dialect() != Dialect::kPostgres) return;
  if (payload.size() > 7900) throw std::invalid_argument("notification payload too long");
  conn.Query("SELECT pg_notify(?, ?)", {std::string(channel), std::string(payload)});
}

NotifyListener::NotifyListener(std::string pg_url, std::string channel, Handler handler)
    : url_(std::move(pg_url)), channel_(std::move(channel)), handler_(std::move(handler)) {
  for (char ch : channel_)
    if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
      throw std::invalid_argument("notification channel must be [a-z0-9_]: " + channel_);
  thread_ = std::thread([this] { Run(); });
}

NotifyListener::~NotifyListener() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void NotifyListener::Run() {
  int backoff_ms = 1000;
  while (!stop_) {
    PGconn* conn = PQconnectdb(url_.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PGresult* r = PQexec(conn, ("LISTEN " + channel_).c_str());
      ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    if (!ok) {
      spdlog::warn("notifications: cannot listen on {}: {}", channel_, PQerrorMessage(conn));
      PQfinish(conn);
      for (int waited = 0; waited < backoff_ms && !stop_; waited += 100)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      backoff_ms = std::min(backoff_ms * 2, 30000);
      continue;
    }
    backoff_ms = 1000;
    listening_ = true;
    while (!stop_) {
      pollfd p{PQsocket(conn), POLLIN, 0};
      const int ready = ::poll(&p, 1, 200);  // wakes often enough to stop promptly
      if (ready < 0) continue;
      if (ready > 0 && !PQconsumeInput(conn)) break;  // the connection is gone
      while (PGnotify* n = PQnotifies(conn)) {
        try {
          handler_(n->extra ? std::string_view(n->extra) : std::string_view());
        } catch (const std::exception& e) {
          spdlog::warn("notifications: a handler failed: {}", e.what());
        }
        PQfreemem(n);
      }
      if (PQstatus(conn) != CONNECTION_OK) break;
    }
    listening_ = false;
    if (!stop_) spdlog::warn("notifications: connection lost; listening again");
    PQfinish(conn);
  }
}

}  // namespace hejia::store
