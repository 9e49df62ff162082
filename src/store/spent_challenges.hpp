// The public portal's spent proof-of-work tokens, in the database so that a token spent on one
// node is refused by every other node sharing it (security::ChallengeIssuer also remembers them
// in memory, which answers a reuse on the same node before any write).
#pragma once
#include <cstdint>
#include <string>

#include "store/db.hpp"

namespace hejia::store {

/// Marks the token (its hash, security::HashToken) spent until `expires_at`. False when it was
/// spent before, here or on another node. Tokens past their expiry are forgotten as this runs.
bool SpendChallenge(Connection& conn, const std::string& token_hash, int64_t expires_at,
                    int64_t now_ms);

}  // namespace hejia::store
