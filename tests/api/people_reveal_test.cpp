// The sensitive values of people through the API: masked by default, exact search through blind
// indexes, the audited read of full values, ciphertexts bound to their row and never a plaintext
// in the database file.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "people_helpers.hpp"

namespace hejia::testing {
namespace {

using namespace people_tests;

TEST(People, PhoneIsMaskedInListsAndDetailsAndShownInFullOnlyByTheAuditedRead) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const std::string phone = UniquePhone();
  const std::string masked = phone.substr(0, 3) + "****" + phone.substr(7);
  const std::string name = UniqueName("胡晓梅");
  auto created = town.Post("/api/v1/people", Woman(hid, name, phone));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.json.at("id").as_int64());

  auto list = town.Get("/api/v1/people?page_size=100&q=" + Encoded(name));
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(list.json.at("items").as_array()[0], "phone"), masked);
  EXPECT_EQ(list.body.find(phone), std::string::npos);
  auto detail = town.Get("/api/v1/people/" + id);
  EXPECT_EQ(Str(detail.json, "phone"), masked);
  EXPECT_EQ(detail.body.find(phone), std::string::npos);

  auto reads_before = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'person' AND entity_id = ? "
            "AND action = 'read_sensitive'",
            {id})
        ->Int(0);
  });
  EXPECT_EQ(reads_before, 0);  // masked reads are not audited
  auto full = town.Get("/api/v1/people/" + id + "/sensitive");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(Str(full.json, "phone"), phone);
  EXPECT_TRUE(full.json.at("id_number").is_null());
  // The whole birth date is a reveal too: beside the masked ID number (first 6, last 2) it
  // would leave about ten candidates for the full number.
  EXPECT_EQ(Str(full.json, "birth_date"), "1997-06-12");
  EXPECT_EQ(Str(detail.json, "birth_date"), "1997-**-**");
  EXPECT_EQ(list.body.find("1997-06-12"), std::string::npos);

  auto audit = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.Query(
        "SELECT actor_login, result, detail, entity_id, ip, actor_role FROM audit_log "
        "WHERE entity = 'person' AND entity_id = ? AND action = 'read_sensitive'",
        {id});
  });
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].Text(0), "town");
  EXPECT_EQ(audit[0].Text(1), "ok");
  EXPECT_EQ(audit[0].Text(2), "fields=id_number,phone,address_detail,birth_date");
  // The full number is nowhere in the audit trail.
  EXPECT_EQ(AuditEntriesCarrying(phone), 0);
}

TEST(People, AMediatorReadsMaskedPeopleButMayNotRevealThem) {
  auto mediator = TestServer::Get().As("mediator");
  auto list = mediator.Get("/api/v1/people?page_size=1");
  ASSERT_EQ(list.status, 200);
  const std::string id = std::to_string(list.json.at("items").as_array()[0].at("id").as_int64());
  auto r = mediator.Get("/api/v1/people/" + id + "/sensitive");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.ErrorCode(), "forbidden");
  EXPECT_EQ(mediator.Post("/api/v1/people", json::object{}).status, 403);
}

TEST(People, ExactPhoneSearchFindsThePerson) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const std::string phone = UniquePhone();
  auto created = town.Post("/api/v1/people", Woman(hid, UniqueName("施美英"), phone));
  ASSERT_EQ(created.status, 201) << created.body;
  // Written differently, found the same: the search normalises before the blind index.
  const std::string dashed =
      "+86-" + phone.substr(0, 3) + "-" + phone.substr(3, 4) + "-" + phone.substr(7);
  auto r = town.Get("/api/v1/people?phone=" + Encoded(dashed));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json.at("total").as_int64(), 1);
  EXPECT_EQ(r.json.at("items").as_array()[0].at("id"), created.json.at("id"));
  // Another town searching the same number finds nothing.
  auto other = TestServer::Get().As("town2").Get("/api/v1/people?phone=" + phone);
  EXPECT_EQ(other.json.at("total").as_int64(), 0);
  auto bad = town.Get("/api/v1/people?phone=12345");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorField(), "phone");
}

TEST(People, ExactIdNumberSearchFindsThePerson) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto body = Woman(hid, UniqueName("吕红"));
  const std::string id_number = WomanId("1997-06-12");
  body["id_number"] = id_number;
  auto created = town.Post("/api/v1/people", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Str(created.json, "id_number"),
            id_number.substr(0, 6) + "**********" + id_number.substr(16));
  auto r = town.Get("/api/v1/people?id_number=" + id_number);
  ASSERT_EQ(r.json.at("total").as_int64(), 1);
  EXPECT_EQ(r.json.at("items").as_array()[0].at("id"), created.json.at("id"));
  std::string wrong = id_number;
  wrong[17] = wrong[17] == '1' ? '2' : '1';
  EXPECT_EQ(town.Get("/api/v1/people?id_number=" + wrong).ErrorField(), "id_number");
}

TEST(People, AnIdNumberWithAWrongCheckDigitIsRefusedOnItsField) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto body = Woman(hid, UniqueName("章丽"));
  std::string id_number = WomanId("1997-06-12");
  id_number[17] = id_number[17] == '1' ? '2' : '1';
  body["id_number"] = id_number;
  auto r = town.Post("/api/v1/people", body);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "validation_failed");
  EXPECT_EQ(r.ErrorField(), "id_number");
  // A valid number of someone born on another day is refused on the same field.
  body["id_number"] = WomanId("1997-06-13");
  EXPECT_EQ(town.Post("/api/v1/people", body).ErrorField(), "id_number");
}

TEST(People, AMovedCiphertextFailsItsIntegrityCheckAndTheFailureIsAudited) {
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  auto a = town.Post("/api/v1/people", Woman(hid, UniqueName("孙丽"), UniquePhone()));
  auto b = town.Post("/api/v1/people", Woman(hid, UniqueName("孙梅"), UniquePhone()));
  ASSERT_EQ(a.status, 201);
  ASSERT_EQ(b.status, 201);
  const int64_t a_id = a.json.at("id").as_int64(), b_id = b.json.at("id").as_int64();
  // Someone with database access copies a's phone ciphertext onto b's row.
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "UPDATE people SET phone_enc = (SELECT phone_enc FROM people WHERE id = ?) "
        "WHERE id = ?",
        {a_id, b_id});
  });
  auto r = town.Get("/api/v1/people/" + std::to_string(b_id) + "/sensitive");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.ErrorCode(), "integrity_failed");
  auto result = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c
        .QueryOne(
            "SELECT result FROM audit_log WHERE entity = 'person' AND entity_id = ? AND "
            "action = 'read_sensitive'",
            {std::to_string(b_id)})
        ->Text(0);
  });
  EXPECT_EQ(result, "failed");
}

TEST(People, TheDatabaseFileNeverHoldsAPlaintextPhone) {
  if (TestServer::Get().DbKind() != "sqlite") GTEST_SKIP() << "reads the SQLite file";
  auto town = TestServer::Get().As("town");
  const int64_t hid = NewHousehold(town, GridOf(DemoRegionOf("town")));
  const std::string phone = "13957" + std::to_string(100000 + getpid() % 800000);
  auto body = Woman(hid, UniqueName("徐丹"), phone);
  body["address_detail"] = "永康市东城街道秘密巷 7 号 301 室";
  ASSERT_EQ(town.Post("/api/v1/people", body).status, 201);
  // The write has committed; whatever has not been checkpointed yet is in the -wal file.
  const auto dir =
      std::filesystem::temp_directory_path() / ("hejia-api-" + std::to_string(getpid()));
  int files = 0;
  for (const char* name : {"test.db", "test.db-wal"}) {
    std::ifstream in(dir / name, std::ios::binary);
    if (!in) continue;
    ++files;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(phone), std::string::npos) << name;
    EXPECT_EQ(bytes.find("秘密巷"), std::string::npos) << name;
  }
  EXPECT_GE(files, 1);
}

}  // namespace
}  // namespace hejia::testing
