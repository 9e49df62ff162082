#include "store/audit.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <set>

#include "security/sodium_init.hpp"
#include "store/migrations.hpp"

namespace hejia::store {
namespace {

security::KeyRing NewKeys() {
  auto parsed = security::ParseKeyFile(security::GenerateKeyFileText());
  return std::get<security::KeyRing>(parsed);
}

/// A fresh SQLite database with five chained audit entries.
class AuditChain : public ::testing::Test {
 protected:
  void SetUp() override {
    security::EnsureSodium();
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("hejia-audit-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = OpenDatabase("sqlite:" + (dir_ / "audit.db").string(), {});
    keys_ = NewKeys();
    db_->WriteSync([&](Connection& c) {
      Migrate(c);
      for (int i = 1; i <= 5; ++i) {
        AuditEntry e;
        e.at = 1'780'000'000'000 + i * 1000;
        e.actor_id = 7;
        e.actor_login = "admin";
        e.actor_role = "system_admin";
        e.ip = "10.0.0.1";
        e.entity = "user";
        e.entity_id = std::to_string(100 + i);
        e.action = "create";
        e.result = i == 3 ? "denied" : "ok";
        e.detail = "role=town_staff";
        AppendAudit(c, keys_, e);
      }
    });
  }
  void TearDown() override {
    db_->Stop();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  AuditVerification Verify() { return Verify(keys_); }
  AuditVerification Verify(const security::KeyRing& keys) {
    return db_->ReadSync([&](Connection& c) { return VerifyAudit(c, keys); });
  }
  void Tamper(const std::string& sql, std::initializer_list<Value> params = {}) {
    std::vector<Value> p(params);
    db_->WriteSync([&](Connection& c) { c.Execute(sql, std::span<const Value>(p)); });
  }
  std::string HashOf(int64_t seq) {
    return db_->ReadSync([&](Connection& c) {
      return c.QueryOne("SELECT hash FROM audit_log WHERE seq = ?", {seq})->Text(0);
    });
  }

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
  security::KeyRing keys_;
};

TEST_F(AuditChain, AnUntouchedChainVerifies) {
  auto v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.checked, 5);
  EXPECT_FALSE(v.first_bad_seq);
}

TEST_F(AuditChain, AnAlteredEntryIsNamed) {
  Tamper("UPDATE audit_log SET detail = 'role=city_staff' WHERE seq = 3");
  auto v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.problem.find("3"), std::string::npos);
  EXPECT_NE(v.problem.find("altered"), std::string::npos);
}

TEST_F(AuditChain, AnAlteredTimeOrActorIsNamedToo) {
  Tamper("UPDATE audit_log SET at = at + 1 WHERE seq = 2");
  EXPECT_EQ(Verify().first_bad_seq, 2);
  Tamper("UPDATE audit_log SET at = at - 1 WHERE seq = 2");
  EXPECT_TRUE(Verify().ok);
  Tamper("UPDATE audit_log SET actor_login = 'someone' WHERE seq = 4");
  EXPECT_EQ(Verify().first_bad_seq, 4);
}

TEST_F(AuditChain, AnEntryInsertedInTheMiddleIsFound) {
  // Make room at seq 3 and forge an entry there that links to entry 2; without the audit key
  // its hash cannot be right.
  Tamper("UPDATE audit_log SET seq = -seq WHERE seq >= 3");
  Tamper("UPDATE audit_log SET seq = 1 - seq WHERE seq < 0");
  Tamper(
      "INSERT INTO audit_log (seq, at, actor_login, actor_role, ip, entity, entity_id, action, "
      "result, detail, prev_hash, hash) VALUES (3, 1780000002500, 'admin', 'system_admin', "
      "'10.0.0.1', 'user', '999', 'delete', 'ok', '', ?, ?)",
      {HashOf(2), std::string(64, 'a')});
  auto v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditChain, AnEntryAppendedBehindTheChainsBackIsFound) {
  Tamper(
      "INSERT INTO audit_log (seq, at, actor_login, actor_role, ip, entity, entity_id, action, "
      "result, detail, prev_hash, hash) VALUES (6, 1780000009000, 'admin', 'system_admin', "
      "'10.0.0.1', 'user', '999', 'delete', 'ok', '', ?, ?)",
      {HashOf(5), std::string(64, 'b')});
  auto v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 6);
}

TEST_F(AuditChain, AnEntryRemovedFromTheMiddleIsNamed) {
  Tamper("DELETE FROM audit_log WHERE seq = 3");
  auto v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.problem.find("removed"), std::string::npos);
}

TEST_F(AuditChain, ARenumberedGapIsStillFound) {
  // Closing the gap by renumbering leaves entry 4 pointing at the removed entry's hash.
  Tamper("DELETE FROM audit_log WHERE seq = 3");
  Tamper("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3");
  auto v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditChain, EntriesRemovedFromTheEndAreNoticed) {
  Tamper("DELETE FROM audit_log WHERE seq >= 4");
  auto v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.checked, 3);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_NE(v.problem.find("removed"), std::string::npos);
}

TEST_F(AuditChain, ATruncatedTailWithARewrittenHeadFailsTheSignedCheckpoint) {
  Tamper("DELETE FROM audit_log WHERE seq = 5");
  Tamper("UPDATE audit_head SET seq = 4, last_hash = ? WHERE id = 1", {HashOf(4)});
  auto v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("checkpoint"), std::string::npos);
}

TEST_F(AuditChain, AnotherKeyCannotVouchForTheChain) {
  auto v = Verify(NewKeys());
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 1);
}

TEST_F(AuditChain, AppendingAfterVerificationKeepsTheChainWhole) {
  ASSERT_TRUE(Verify().ok);
  db_->WriteSync([&](Connection& c) {
    AuditEntry e;
    e.at = 1'780'000'100'000;
    e.actor_login = "cli";
    e.entity = "audit";
    e.action = "verify";
    e.result = "ok";
    AppendAudit(c, keys_, e);
  });
  auto v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.checked, 6);
}

// ---- every field of an entry is under its hash ----

/// One column of entry 3 (seeded as a `denied` entry) rewritten alone, as whoever can write the
/// database but has no audit key would.
struct FieldTamper {
  std::string column;
  std::string set;  // the SET clause
};

void PrintTo(const FieldTamper& t, std::ostream* out) {
  *out << t.set;
}

const std::vector<FieldTamper>& FieldTampers() {
  static const std::vector<FieldTamper> all = {
      {"seq", "seq = 30"},
      {"at", "at = at + 1"},
      {"actor_id", "actor_id = 8"},
      {"actor_id", "actor_id = NULL"},
      {"actor_login", "actor_login = 'someone'"},
      {"actor_role", "actor_role = 'auditor'"},
      {"ip", "ip = '10.0.0.2'"},
      {"entity", "entity = 'person'"},
      {"entity_id", "entity_id = '999'"},
      {"action", "action = 'update'"},
      {"result", "result = 'ok'"},  // a refusal passed off as done
      {"detail", "detail = 'role=city_staff'"},
      {"prev_hash", "prev_hash = '" + std::string(64, 'c') + "'"},
      {"hash", "hash = '" + std::string(64, 'd') + "'"},
  };
  return all;
}

class AuditFieldTamper : public AuditChain, public ::testing::WithParamInterface<FieldTamper> {};

TEST_P(AuditFieldTamper, RewritingOneFieldOfAnEntryBreaksTheChainThere) {
  ASSERT_TRUE(Verify().ok);
  Tamper("UPDATE audit_log SET " + GetParam().set + " WHERE seq = 3");
  auto v = Verify();
  EXPECT_FALSE(v.ok) << GetParam().set << " went unnoticed";
  EXPECT_EQ(v.first_bad_seq, 3) << v.problem;
}

INSTANTIATE_TEST_SUITE_P(EveryColumn, AuditFieldTamper, ::testing::ValuesIn(FieldTampers()),
                         [](const ::testing::TestParamInfo<FieldTamper>& info) {
                           return info.param.column + "_" + std::to_string(info.index);
                         });

TEST_F(AuditChain, TheTamperListCoversEveryColumnOfAnEntry) {
  // A column added to audit_log must join FieldTampers (and so the hash, or the test fails).
  auto columns = db_->ReadSync([](Connection& c) {
    std::set<std::string> names;
    for (const auto& r : c.Query("SELECT name FROM pragma_table_info('audit_log')"))
      names.insert(r.Text(0));
    return names;
  });
  columns.erase("id");  // the row's storage key: nothing reads it
  std::set<std::string> tampered;
  for (const auto& t : FieldTampers()) tampered.insert(t.column);
  EXPECT_EQ(columns, tampered);
}

TEST_F(AuditChain, ACharacterMovedBetweenNeighbouringFieldsIsNoticed) {
  Tamper("UPDATE audit_log SET actor_login = 'admins', actor_role = 'ystem_admin' WHERE seq = 2");
  EXPECT_EQ(Verify().first_bad_seq, 2);
}

}  // namespace
}  // namespace hejia::store
