#include "store/spent_challenges.hpp"

namespace hejia::store {

bool SpendChallenge(Connection& conn, const std::string& token_hash, int64_t expires_at,
                    int64_t now_ms) {
  conn.Execute("DELETE FROM spent_challenges WHERE expires_at < ?", {now_ms});
  return conn.Execute(
             "INSERT INTO spent_challenges (token_hash, expires_at) VALUES (?, ?) "
             "ON CONFLICT (token_hash) DO NOTHING",
             {token_hash, expires_at}) == 1;
}

}  // namespace hejia::store
