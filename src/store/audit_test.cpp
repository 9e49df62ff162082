#include "store/audit.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>

#include "security/sodium_init.hpp"
#include "store/audit_anchor.hpp"
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
  /// The verification, which must fail and name `seq` as the first bad entry.
  AuditVerification BrokenAt(int64_t seq) {
    auto v = Verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, seq);
    return v;
  }
  AuditVerification Verify(const security::KeyRing& keys) {
    return db_->ReadSync([&](Connection& c) { return VerifyAudit(c, keys); });
  }
  /// Verifies against the anchors of the fixture's anchor file (which must be intact).
  AuditVerification VerifyAnchored() {
    const auto file = ReadAnchorFile(anchor_path(), keys_);
    EXPECT_TRUE(file.problem.empty()) << file.problem;
    return db_->ReadSync([&](Connection& c) { return VerifyAudit(c, keys_, file.anchors); });
  }
  std::string anchor_path() const { return (dir_ / "audit.db.audit-anchor").string(); }
  /// Anchors the current head, as the server does after a commit.
  AuditAnchor Anchor() { return AnchorAuditHead(*db_, keys_, anchor_path(), 1'790'000'000'000); }
  void Append(std::string action, std::string result = "ok") {
    db_->WriteSync([&](Connection& c) {
      Audit(c, keys_, 1'780'000'100'000, Actor::CommandLine(), "user", "wang.li", action, result);
    });
  }
  void Tamper(const std::string& sql, std::initializer_list<Value> params = {}) {
    std::vector<Value> p(params);
    db_->WriteSync([&](Connection& c) { c.Execute(sql, std::span<const Value>(p)); });
  }
  /// Writes an entry at `seq` after the entry whose hash is `prev_hash`, as a forger without the
  /// audit key would.
  void Forge(int64_t seq, int64_t at, const std::string& prev_hash, char hash_fill) {
    Tamper(
        "INSERT INTO audit_log (seq, at, actor_login, actor_role, ip, entity, entity_id, action, "
        "result, detail, prev_hash, hash) VALUES (?, ?, 'admin', 'system_admin', '10.0.0.1', "
        "'user', '999', 'delete', 'ok', '', ?, ?)",
        {seq, at, prev_hash, std::string(64, hash_fill)});
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
  auto v = BrokenAt(3);
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
  Forge(3, 1780000002500, HashOf(2), 'a');
  (void)BrokenAt(3);
}

TEST_F(AuditChain, AnEntryAppendedBehindTheChainsBackIsFound) {
  Forge(6, 1780000009000, HashOf(5), 'b');
  (void)BrokenAt(6);
}

TEST_F(AuditChain, AnEntryRemovedFromTheMiddleIsNamed) {
  Tamper("DELETE FROM audit_log WHERE seq = 3");
  auto v = BrokenAt(3);
  EXPECT_NE(v.problem.find("removed"), std::string::npos);
}

TEST_F(AuditChain, ARenumberedGapIsStillFound) {
  // Closing the gap by renumbering leaves entry 4 pointing at the removed entry's hash.
  Tamper("DELETE FROM audit_log WHERE seq = 3");
  Tamper("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3");
  (void)BrokenAt(3);
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

// ---- anchors outside the database ----

TEST_F(AuditChain, AnIntactChainReachesEveryAnchor) {
  EXPECT_EQ(Anchor().seq, 5);
  Append("lock");
  Append("unlock");
  EXPECT_EQ(Anchor().seq, 7);
  Append("lock", "denied");
  auto v = VerifyAnchored();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.checked, 8);
  EXPECT_EQ(v.anchored_seq, 7);
}

TEST_F(AuditChain, ATailCutBackToAnOlderHeadFailsAgainstTheAnchor) {
  // The head as a backup shows it, then two more entries, anchored.
  const auto backup = db_->ReadSync([](Connection& c) {
    auto r = c.QueryOne("SELECT seq, last_hash, checkpoint FROM audit_head WHERE id = 1");
    return std::vector<Value>{r->Int(0), r->Text(1), r->Text(2)};
  });
  Append("lock");
  Append("unlock");
  ASSERT_EQ(Anchor().seq, 7);
  // Whoever can write the database removes them and puts the backup's head back.
  Tamper("DELETE FROM audit_log WHERE seq > 5");
  Tamper("UPDATE audit_head SET seq = ?, last_hash = ?, checkpoint = ? WHERE id = 1",
         {backup[0], backup[1], backup[2]});
  ASSERT_TRUE(Verify().ok) << "the database alone cannot tell: the case the anchor is for";
  auto v = VerifyAnchored();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.checked, 5);
  EXPECT_EQ(v.first_bad_seq, 6);
  EXPECT_NE(v.problem.find("anchored"), std::string::npos) << v.problem;
  EXPECT_NE(v.problem.find("removed"), std::string::npos) << v.problem;
}

TEST_F(AuditChain, AChainCutAndWrittenAnewPastTheAnchorFailsAtTheAnchoredEntry) {
  ASSERT_EQ(Anchor().seq, 5);
  // Entries 4 and 5 removed, the head set back, and the server goes on appending 4, 5 and 6.
  Tamper("DELETE FROM audit_log WHERE seq > 3");
  Tamper("UPDATE audit_head SET seq = 3, last_hash = ? WHERE id = 1", {HashOf(3)});
  for (int i = 0; i < 3; ++i) Append("sign_in");
  ASSERT_TRUE(Verify().ok);
  auto v = VerifyAnchored();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 5);
  EXPECT_NE(v.problem.find("anchored"), std::string::npos) << v.problem;
}

TEST_F(AuditChain, AnUnchangedHeadIsNotAnchoredTwice) {
  const auto first = Anchor();
  AnchorAuditHead(*db_, keys_, anchor_path(), 1'790'000'000'001, first);
  EXPECT_EQ(ReadAnchorFile(anchor_path(), keys_).anchors.size(), 1u);
  struct stat st {};
  ASSERT_EQ(::stat(anchor_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_F(AuditChain, AForgedOrAlteredAnchorLineIsRefused) {
  Anchor();
  const std::string genuine = FormatAnchorLine(keys_, {5, HashOf(5), 1'790'000'000'000});
  ASSERT_TRUE(ParseAnchorLine(keys_, genuine));
  // Signed with another key, or one digit of the entry number changed.
  std::string altered = genuine;
  altered[3] = '4';
  for (const std::string& line :
       {FormatAnchorLine(NewKeys(), {3, HashOf(3), 1'790'000'000'000}), altered}) {
    EXPECT_FALSE(ParseAnchorLine(keys_, line)) << line;
    std::ofstream(anchor_path(), std::ios::app) << line << "\n";
    auto file = ReadAnchorFile(anchor_path(), keys_);
    EXPECT_NE(file.problem.find("line 2"), std::string::npos) << file.problem;
    std::filesystem::remove(anchor_path());
    Anchor();
  }
  for (std::string_view bad : {"", "v1", "v1 5", "v2 5 ab 1 cd", "garbage"})
    EXPECT_FALSE(ParseAnchorLine(keys_, bad)) << bad;
}

TEST_F(AuditChain, TheAnchorerAnchorsAtStartAndAgainWhenItStops) {
  ManualClock clock(1'790'000'000'000);
  auto keys = std::make_shared<const security::KeyRing>(keys_);
  AuditAnchorer anchorer(*db_, keys, anchor_path(), clock, {});
  anchorer.Start();
  EXPECT_EQ(ReadAnchorFile(anchor_path(), keys_).anchors.back().seq, 5);
  Append("lock");
  anchorer.Notify();
  Append("unlock");
  anchorer.Stop();
  const auto file = ReadAnchorFile(anchor_path(), keys_);
  ASSERT_TRUE(file.problem.empty()) << file.problem;
  EXPECT_EQ(file.anchors.back().seq, 7);
  EXPECT_EQ(file.anchors.back().hash, HashOf(7));
  EXPECT_TRUE(VerifyAnchored().ok);
}

TEST_F(AuditChain, TheAnchorerRefusesToStartWithoutItsFile) {
  ManualClock clock(1'790'000'000'000);
  AuditAnchorer anchorer(*db_, std::make_shared<const security::KeyRing>(keys_),
                         (dir_ / "missing" / "anchor").string(), clock, {});
  EXPECT_THROW(anchorer.Start(), std::runtime_error);
}

TEST_F(AuditChain, ACommitNotifyingDatabaseTellsOfCommitsOnly) {
  int commits = 0;
  CommitNotifyingDatabase db(OpenDatabase("sqlite:" + (dir_ / "other.db").string(), {}),
                             [&commits] { ++commits; });
  db.WriteSync([](Connection& c) { Migrate(c); });
  EXPECT_EQ(commits, 1);
  EXPECT_THROW(db.WriteSync([](Connection& c) {
    c.Execute("INSERT INTO audit_head (id, seq, last_hash, checkpoint) VALUES (1, 0, '', '')");
  }),
               DbError);  // the head exists already: rolled back
  db.ReadSync([](Connection& c) { return c.QueryOne("SELECT 1")->Int(0); });
  EXPECT_EQ(commits, 1);
  db.Stop();
}

}  // namespace
}  // namespace hejia::store
