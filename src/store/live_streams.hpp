// The live streams (GET /cases/stream) open on every node sharing the database, so that a user's
// cap on open streams holds across nodes: each stream is a row under a random id, seen again at
// its heartbeats; the rows of a node that stopped without closing them expire unseen.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

/// Records stream `stream_id` of `user_id` as open and returns the ids of the user's oldest
/// streams beyond `max_per_user`, whose rows it removes: the nodes holding them must end them.
/// Rows not seen since `stale_before_ms` are removed first. Two streams of one user opened at
/// once on two nodes are counted one after the other (a lock per user on PostgreSQL; SQLite has
/// one writer).
std::vector<std::string> OpenLiveStream(Connection& conn, const std::string& stream_id,
                                        int64_t user_id, int max_per_user, int64_t now_ms,
                                        int64_t stale_before_ms);
/// The stream is still open (its heartbeat).
void SeeLiveStream(Connection& conn, const std::string& stream_id, int64_t now_ms);
/// The stream ended.
void CloseLiveStream(Connection& conn, const std::string& stream_id);

}  // namespace hejia::store
