#include "api/rate_window.hpp"

#include "store/rate_windows.hpp"

namespace hejia::api {

store::Database* SharedAcrossNodes(store::Database& db) {
  return db.dialect() == store::Dialect::kPostgres ? &db : nullptr;
}

RateWindow::RateWindow(std::string name, int limit, int64_t window_ms, store::Database* shared,
                       security::FieldCipher cipher)
    : name_(std::move(name)),
      limit_(limit),
      window_ms_(window_ms),
      shared_(shared),
      cipher_(std::move(cipher)),
      memory_(limit, window_ms) {}

std::string RateWindow::Key(const std::string& client) const {
  return cipher_.BlindIndex("rate_window_client", client);
}

boost::asio::awaitable<int> RateWindow::Hit(const std::string& client, int64_t now_ms) {
  if (!shared_) co_return memory_.Hit(client, now_ms);
  // No temporary that owns memory inside a co_await expression: GCC 12 destroys those twice.
  const std::string key = Key(client);
  const int64_t wait_ms = co_await shared_->Write([&](store::Connection& c) {
    return store::HitRateWindow(c, name_, key, limit_, window_ms_, now_ms);
  });
  co_return static_cast<int>((wait_ms + 999) / 1000);
}

boost::asio::awaitable<void> RateWindow::Forgive(const std::string& client, int64_t now_ms) {
  if (!shared_) {
    memory_.Forgive(client);
    co_return;
  }
  const std::string key = Key(client);
  co_await shared_->Write(
      [&](store::Connection& c) { store::ForgiveRateWindow(c, name_, key, now_ms); });
}

}  // namespace hejia::api
