#include "store/audit.hpp"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include "security/tokens.hpp"

namespace hejia::store {
namespace {

// Canonical bytes: every field, length-prefixed, so no two different rows encode alike.
std::string Canonical(int64_t seq, const AuditEntry& e) {
  std::string out;
  auto add = [&out](std::string_view s) {
    out += std::to_string(s.size());
    out += ':';
    out += s;
    out += ';';
  };
  add(std::to_string(seq));
  add(std::to_string(e.at));
  add(e.actor_id ? std::to_string(*e.actor_id) : "");
  add(e.actor_login);
  add(e.actor_role);
  add(e.ip);
  add(e.entity);
  add(e.entity_id);
  add(e.action);
  add(e.result);
  add(e.detail);
  return out;
}

// Keyed BLAKE2b: without the audit key nobody can forge a consistent chain.
std::string ChainHash(const security::KeyRing& keys, std::string_view prev,
                      std::string_view canonical) {
  unsigned char out[32];
  crypto_generichash_state st;
  crypto_generichash_init(&st, keys.audit_key.data(), keys.audit_key.size(), sizeof out);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(prev.data()), prev.size());
  const unsigned char sep = 0;
  crypto_generichash_update(&st, &sep, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(canonical.data()),
                            canonical.size());
  crypto_generichash_final(&st, out, sizeof out);
  return security::HexEncode(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

std::string Checkpoint(const security::KeyRing& keys, int64_t seq, std::string_view last_hash) {
  return ChainHash(keys, "checkpoint", std::to_string(seq) + ":" + std::string(last_hash));
}

}  // namespace

void AppendAudit(Connection& conn, const security::KeyRing& keys, const AuditEntry& e) {
  // Locks the head row until commit (PostgreSQL); SQLite has one writer anyway.
  auto head =
      conn.QueryOne("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash");
  if (!head) throw DbError("audit head missing");
  const int64_t seq = head->Int(0);
  const std::string prev = head->Text(1);
  const std::string hash = ChainHash(keys, prev, Canonical(seq, e));
  conn.Execute(
      "INSERT INTO audit_log (seq, at, actor_id, actor_login, actor_role, ip, entity, entity_id, "
      "action, result, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {seq, e.at, e.actor_id, e.actor_login, e.actor_role, e.ip, e.entity, e.entity_id, e.action,
       e.result, e.detail, prev, hash});
  conn.Execute("UPDATE audit_head SET last_hash = ?, checkpoint = ? WHERE id = 1",
               {hash, Checkpoint(keys, seq, hash)});
}

AuditVerification VerifyAudit(Connection& conn, const security::KeyRing& keys,
                              std::span<const AuditAnchor> anchors) {
  AuditVerification v;
  std::vector<AuditAnchor> pending(anchors.begin(), anchors.end());
  std::sort(pending.begin(), pending.end(),
            [](const AuditAnchor& a, const AuditAnchor& b) { return a.seq < b.seq; });
  size_t next_anchor = 0;
  std::string prev;
  int64_t expected_seq = 1;
  int64_t after = 0;
  for (;;) {
    auto rows = conn.Query(
        "SELECT seq, at, actor_id, actor_login, actor_role, ip, entity, entity_id, action, "
        "result, detail, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000",
        {after});
    if (rows.empty()) break;
    for (const auto& r : rows) {
      const int64_t seq = r.Int(0);
      AuditEntry e;
      e.at = r.Int(1);
      if (!r.IsNull(2)) e.actor_id = r.Int(2);
      e.actor_login = r.Text(3);
      e.actor_role = r.Text(4);
      e.ip = r.Text(5);
      e.entity = r.Text(6);
      e.entity_id = r.Text(7);
      e.action = r.Text(8);
      e.result = r.Text(9);
      e.detail = r.Text(10);
      auto fail = [&](std::string problem) {
        v.ok = false;
        v.first_bad_seq = seq;
        v.problem = std::move(problem);
      };
      if (seq != expected_seq)
        fail(seq > expected_seq ? "entry " + std::to_string(expected_seq) + " was removed"
                                : "entry inserted out of sequence");
      else if (r.Text(11) != prev)
        fail("entry " + std::to_string(seq) +
             " does not follow its predecessor (inserted or removed)");
      else if (ChainHash(keys, prev, Canonical(seq, e)) != r.Text(12))
        fail("entry " + std::to_string(seq) + " was altered");
      if (!v.ok) {
        if (seq > expected_seq) v.first_bad_seq = expected_seq;
        return v;
      }
      for (; next_anchor < pending.size() && pending[next_anchor].seq <= seq; ++next_anchor) {
        if (pending[next_anchor].seq == seq && pending[next_anchor].hash != r.Text(12)) {
          v.ok = false;
          v.first_bad_seq = seq;
          v.problem = "entry " + std::to_string(seq) +
                      " is not the one anchored outside the database: the chain was cut back "
                      "and written anew from there";
          return v;
        }
        v.anchored_seq = std::max(v.anchored_seq, pending[next_anchor].seq);
      }
      prev = r.Text(12);
      ++expected_seq;
      ++v.checked;
      after = seq;
    }
  }
  if (next_anchor < pending.size()) {
    v.ok = false;
    v.first_bad_seq = v.checked + 1;
    v.problem = "the chain ends at entry " + std::to_string(v.checked) + " but entry " +
                std::to_string(pending.back().seq) +
                " was anchored outside the database: entries after " + std::to_string(v.checked) +
                " were removed and an older head restored";
    return v;
  }
  auto head = conn.QueryOne("SELECT seq, last_hash, checkpoint FROM audit_head WHERE id = 1");
  if (!head) {
    v.ok = false;
    v.problem = "audit head missing";
    return v;
  }
  if (head->Int(0) != v.checked || head->Text(1) != prev) {
    v.ok = false;
    v.first_bad_seq = v.checked + 1;
    v.problem = "the chain ends at entry " + std::to_string(v.checked) + " but " +
                std::to_string(head->Int(0)) + " were written: entries after it were removed";
    return v;
  }
  if (head->Text(2) != Checkpoint(keys, head->Int(0), head->Text(1))) {
    v.ok = false;
    v.problem = "the signed checkpoint does not match the chain head";
  }
  return v;
}

AuditVerification VerifyAuditSnapshot(Connection& conn, const security::KeyRing& keys,
                                      std::span<const AuditAnchor> anchors) {
  conn.Execute(conn.dialect() == Dialect::kPostgres
                   ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                   : "BEGIN");
  try {
    auto result = VerifyAudit(conn, keys, anchors);
    conn.Execute("COMMIT");
    return result;
  } catch (...) {
    try {
      conn.Execute("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

int64_t CountAudit(Connection& conn, std::string_view entity, std::string_view entity_id,
                   std::string_view action, std::string_view result, int64_t since_ms) {
  return conn
      .QueryOne(
          "SELECT COUNT(*) FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ? AND "
          "result = ? AND at >= ?",
          {std::string(entity), std::string(entity_id), std::string(action), std::string(result),
           since_ms})
      ->Int(0);
}

void Audit(Connection& conn, const security::KeyRing& keys, int64_t at, const Actor& actor,
           std::string_view entity, std::string_view entity_id, std::string_view action,
           std::string_view result, std::string_view detail) {
  AuditEntry e;
  e.at = at;
  e.actor_id = actor.user_id;
  e.actor_login = actor.login;
  e.actor_role = actor.role;
  e.ip = actor.ip;
  e.entity = entity;
  e.entity_id = entity_id;
  e.action = action;
  e.result = result;
  e.detail = detail;
  AppendAudit(conn, keys, e);
}

}  // namespace hejia::store
