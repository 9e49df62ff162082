// Free text that may name someone (issue 9, point 6): a case title is kept sealed, and lists,
// exports and the follow-only sight show it with the parties' names and long numbers masked; the
// whole title is part of the audited read of one case.
#include "case_helpers.hpp"
#include "store/sealed_text.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

json::value ListedItem(Client& as, const std::string& case_no) {
  auto page = as.Get("/api/v1/cases?page_size=5&q=" + Encoded(case_no));
  EXPECT_EQ(page.status, 200) << page.body;
  const auto items = page.json.at("items").as_array();
  return items.empty() ? json::value(nullptr) : items.at(0);
}

TEST(FreeText, ACaseTitleIsSealedAndMaskedEverywhereButTheAuditedReadOfTheCase) {
  const std::string phone = UniquePhone();
  json::object body = Intake(kVillage, "child_support", phone);
  body["title"] = "王晓丽诉胡某某抚养费，李明作证，电话" + phone;
  const auto created = NewCase("town", body);
  const std::string id = std::to_string(created.at("id").as_int64());
  const std::string case_no = Str(created, "case_no");
  Client town = TestServer::Get().As("town");

  const std::string tail = "电话" + phone.substr(0, 3) + "****" + phone.substr(7);
  auto item = ListedItem(town, case_no);
  ASSERT_TRUE(item.is_object());
  EXPECT_EQ(Str(item, "title"), "王**诉胡**抚养费，李明作证，" + tail);

  const int64_t reads = AuditCount("case", id, "read");
  auto one = town.Get("/api/v1/cases/" + id);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Str(one.json, "title"), std::string(body["title"].as_string()));
  EXPECT_EQ(AuditCount("case", id, "read"), reads + 1);

  // A stolen database file shows neither the names nor the phone in the title.
  const auto stored = QueryText("SELECT title || '|' || title_enc FROM cases WHERE id = ?",
                                {created.at("id").as_int64()});
  EXPECT_EQ(stored.find("王晓丽"), std::string::npos) << stored;
  EXPECT_EQ(stored.find(phone), std::string::npos) << stored;

  // A party added later is masked in the title too; a corrected title is sealed and masked.
  auto added = town.Post("/api/v1/cases/" + id + "/parties",
                         json::object{{"role", "other"}, {"name", "李明"}, {"relation", "证人"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(Str(ListedItem(town, case_no), "title"), "王**诉胡**抚养费，李*作证，" + tail);
  auto current = town.Get("/api/v1/cases/" + id);
  auto patched =
      town.Patch("/api/v1/cases/" + id, json::object{{"version", current.json.at("version")},
                                                     {"title", "胡某某拖欠抚养费，李明知情"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Str(patched.json, "title"), "胡某某拖欠抚养费，李明知情");
  EXPECT_EQ(Str(ListedItem(town, case_no), "title"), "胡**拖欠抚养费，李*知情");

  // The export writes the list's masked title.
  auto exported = town.Get("/api/v1/cases/export?q=" + Encoded(case_no));
  ASSERT_EQ(exported.status, 200);
  const std::string xml = XlsxText(exported.body);
  EXPECT_NE(xml.find("胡**拖欠抚养费，李*知情"), std::string::npos);
  EXPECT_EQ(xml.find("李明"), std::string::npos);
}

TEST(FreeText, TitlesAndAnswersStoredInClearByAnOlderVersionAreSealedAtStart) {
  const auto created = NewCase("town", Intake(kVillage));
  const int64_t id = created.at("id").as_int64();
  // As an older version left it: the whole title in clear, nothing sealed.
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute("UPDATE cases SET title = '王晓丽的抚养费纠纷', title_enc = '' WHERE id = ?", {id});
    c.Execute(
        "INSERT INTO consultations (tracking_bidx, question_enc, region_path, status, answer, "
        "created_at) VALUES ('legacy-answer-test', '', '/', 'answered', '旧版本的明文答复', 0)");
    return 0;
  });
  auto& app = TestServer::Get().app();
  auto seal = [&] {
    return app.db().WriteSync(
        [&](store::Connection& c) { return store::SealLegacyText(c, app.services().cipher); });
  };
  EXPECT_GE(seal(), 1);
  EXPECT_EQ(seal(), 0) << "a second run seals nothing";
  EXPECT_EQ(QueryText("SELECT title FROM cases WHERE id = ?", {id}), "王**的抚养费纠纷");
  const int64_t consultation =
      QueryInt("SELECT id FROM consultations WHERE tracking_bidx = 'legacy-answer-test'");
  EXPECT_EQ(QueryText("SELECT answer FROM consultations WHERE id = ?", {consultation}), "");
  EXPECT_EQ(store::OpenConsultationAnswer(
                app.services().cipher, consultation,
                QueryText("SELECT answer_enc FROM consultations WHERE id = ?", {consultation}), ""),
            "旧版本的明文答复");
  auto one = TestServer::Get().As("town").Get("/api/v1/cases/" + std::to_string(id));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Str(one.json, "title"), "王晓丽的抚养费纠纷");
}

}  // namespace
}  // namespace hejia::testing
