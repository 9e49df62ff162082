// Legal education (issue 13, point 3): content is reviewed before the portal shows it — a draft, an
// item in review and a withdrawn one are never on the portal — and a reviewer does not publish her
// own submission; videos are uploaded raw, checked by their bytes and served in byte ranges;
// campaigns count their school lectures; a town has one brand; events file under campaigns and
// brands above them and keep their photos encrypted.
#include <random>

#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

constexpr const char* kCity = "330784";
constexpr const char* kTown2 = "330784002";

/// An MP4's first bytes (an ftyp box) and then `size` bytes of a numbered pattern.
std::string Mp4(size_t size) {
  std::string out(
      "\0\0\0\x18"
      "ftypisom\0\0\x02\0isomiso2",
      24);
  std::mt19937 gen(static_cast<unsigned>(size));
  while (out.size() < size) out += static_cast<char>(gen() & 0xff);
  return out;
}

std::string Png() {
  return std::string("\x89PNG\r\n\x1A\n", 8) + std::string(200, 'p');
}

json::value NewItem(const std::string& login, const std::string& title,
                    const std::string& kind = "video", const std::string& region = kTown) {
  json::object body{{"title", title},
                    {"kind", kind},
                    {"topic", "anti_domestic_violence"},
                    {"producer", "东城街道妇联"},
                    {"region_code", region},
                    {"summary", "反家暴普法短片"}};
  if (kind == "article") body["body"] = "第一段。\n第二段：人身安全保护令。";
  auto r = TestServer::Get().As(login).Post("/api/v1/legal-contents", body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json;
}

std::string Path(const json::value& item, const std::string& tail = "") {
  return "/api/v1/legal-contents/" + std::to_string(item.at("id").as_int64()) + tail;
}

HttpResult Upload(const std::string& login, const json::value& item, const std::string& what,
                  const std::string& type, const std::string& bytes) {
  auto as = TestServer::Get().As(login);
  return as.Request("PUT", Path(item, "/" + what), bytes, {{"Content-Type", type}});
}

HttpResult Move(const std::string& login, const json::value& item, const std::string& action,
                const std::string& note = "") {
  json::object body{{"version", item.at("version").as_int64()}};
  if (!note.empty()) body["note"] = note;
  return TestServer::Get().As(login).Post(Path(item, "/" + action), body);
}

bool OnPortal(int64_t id) {
  Client anyone(TestServer::Get().port());
  auto list = anyone.Get("/api/v1/public/legal?page_size=100");
  EXPECT_EQ(list.status, 200) << list.body;
  bool listed = false;
  for (const auto& i : list.json.at("items").as_array()) listed |= i.at("id").as_int64() == id;
  const int one = anyone.Get("/api/v1/public/legal/" + std::to_string(id)).status;
  const int media = anyone.Get("/api/v1/public/legal/" + std::to_string(id) + "/media").status;
  EXPECT_EQ(listed, one == 200) << "the list and the item agree";
  if (!listed) EXPECT_EQ(media, 404) << "an unpublished item's file is not served";
  return listed;
}

TEST(Legal, OnlyAReviewedItemIsOnThePortalAndNeverItsDraftOrWithdrawnForm) {
  TimePasses();
  auto item = NewItem("town", "拒绝家暴 守护幸福");
  const int64_t id = item.at("id").as_int64();
  EXPECT_EQ(Str(item, "status"), "draft");
  EXPECT_FALSE(OnPortal(id));

  // Not sent for review without its video; the refusal names it.
  auto early = Move("town", item, "submit");
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(early.ErrorField(), "media");

  const std::string video = Mp4(300000);
  auto up = Upload("town", item, "media", "video/mp4", video);
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.json.at("media_size").as_int64(), 300000);
  ASSERT_EQ(Upload("town", up.json, "poster", "image/png", Png()).status, 200);
  item = TestServer::Get().As("town").Get(Path(item)).json;

  auto sent = Move("town", item, "submit");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(Str(sent.json, "status"), "review");
  EXPECT_FALSE(OnPortal(id)) << "in review";
  // In review it is not changed: return it first.
  auto edit = TestServer::Get().As("town").Patch(
      Path(item), json::object{{"version", sent.json.at("version")}, {"title", "改标题"}});
  EXPECT_EQ(edit.status, 409) << edit.body;

  // A town worker does not publish; the city returns it with a note, then publishes it.
  EXPECT_EQ(Move("town", sent.json, "publish").status, 403);
  EXPECT_EQ(Move("city", sent.json, "return").status, 400) << "a return needs its note";
  auto back = Move("city", sent.json, "return", "片尾请加上 12338 热线");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Str(back.json, "status"), "draft");
  EXPECT_EQ(Str(back.json, "review_note"), "片尾请加上 12338 热线");
  auto again = Move("town", back.json, "submit");
  ASSERT_EQ(again.status, 200);
  auto published = Move("city", again.json, "publish");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Str(published.json, "status"), "published");
  EXPECT_EQ(Str(published.json, "published_at"), FormatBeijing(Now()));
  EXPECT_TRUE(OnPortal(id));
  EXPECT_EQ(AuditCount("legal_content", std::to_string(id), "publish"), 1);

  // The portal shows no reviewer; withdrawn, it is gone from the portal at once.
  Client anyone(TestServer::Get().port());
  auto shown = anyone.Get("/api/v1/public/legal/" + std::to_string(id));
  EXPECT_EQ(shown.json.as_object().count("reviewed_by"), 0u);
  EXPECT_EQ(Str(shown.json, "media_url"), "/api/v1/public/legal/" + std::to_string(id) + "/media");
  auto withdrawn = Move("city", published.json, "withdraw");
  ASSERT_EQ(withdrawn.status, 200);
  EXPECT_FALSE(OnPortal(id));
  EXPECT_EQ(anyone.Get("/api/v1/public/legal/" + std::to_string(id) + "/poster").status, 404);
}

TEST(Legal, AReviewerDoesNotPublishHerOwnSubmission) {
  auto item = NewItem("city", "守护花开 与法童行", "article", kCity);
  auto sent = Move("city", item, "submit");
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto own = Move("city", sent.json, "publish");
  EXPECT_EQ(own.status, 403) << own.body;
  EXPECT_EQ(own.ErrorCode(), "own_submission");
  EXPECT_EQ(Move("city", sent.json, "withdraw").status, 409)
      << "not published: nothing to withdraw";
}

TEST(Legal, AVideoIsServedInByteRanges) {
  auto item = NewItem("town", "防范电信诈骗");
  const std::string video = Mp4(3'000'000);
  ASSERT_EQ(Upload("town", item, "media", "video/mp4", video).status, 200);
  item = TestServer::Get().As("town").Get(Path(item)).json;
  item = Move("town", item, "submit").json;
  ASSERT_EQ(Move("city", item, "publish").status, 200);
  const std::string url =
      "/api/v1/public/legal/" + std::to_string(item.at("id").as_int64()) + "/media";
  Client player(TestServer::Get().port());

  auto part = player.Request("GET", url, "", {{"Range", "bytes=1000-1999"}});
  ASSERT_EQ(part.status, 206) << part.body.substr(0, 200);
  EXPECT_EQ(part.Header("content-range"), "bytes 1000-1999/3000000");
  EXPECT_EQ(part.Header("content-type"), "video/mp4");
  EXPECT_EQ(part.Header("accept-ranges"), "bytes");
  EXPECT_EQ(part.body, video.substr(1000, 1000));

  // An open range gets one chunk and the player asks on; the tail by suffix.
  auto first = player.Request("GET", url, "", {{"Range", "bytes=0-"}});
  ASSERT_EQ(first.status, 206);
  EXPECT_EQ(first.body, video.substr(0, 2u << 20));
  EXPECT_EQ(first.Header("content-range"), "bytes 0-2097151/3000000");
  auto tail = player.Request("GET", url, "", {{"Range", "bytes=-100"}});
  ASSERT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, video.substr(video.size() - 100));
  auto past = player.Request("GET", url, "", {{"Range", "bytes=3000000-"}});
  EXPECT_EQ(past.status, 416);
  EXPECT_EQ(past.Header("content-range"), "bytes */3000000");
  auto whole = player.Get(url);
  ASSERT_EQ(whole.status, 200);
  EXPECT_EQ(whole.body, video);
  auto cached = player.Request("GET", url, "", {{"If-None-Match", whole.Header("etag")}});
  EXPECT_EQ(cached.status, 304);

  // The file is on disk under its digest, never inside the database.
  EXPECT_EQ(CountRows("legal_contents") > 0, true);
  EXPECT_EQ(
      QueryText("SELECT media_sha FROM legal_contents WHERE id = ?", {item.at("id").as_int64()})
          .size(),
      64u);
}

TEST(Legal, AFileIsTakenOnlyWhenItsBytesMatchItsKind) {
  auto item = NewItem("town", "妇女权益保障法解读");
  const int64_t version = item.at("version").as_int64();
  auto lie = Upload("town", item, "media", "video/mp4", "<html><script>alert(1)</script>");
  EXPECT_EQ(lie.status, 400);
  EXPECT_EQ(lie.ErrorField(), "content_type");
  auto audio = Upload("town", item, "media", "audio/mpeg", "ID3" + std::string(100, 'a'));
  EXPECT_EQ(audio.status, 400) << "a video item takes no audio";
  auto empty = Upload("town", item, "media", "video/mp4", "");
  EXPECT_EQ(empty.status, 400);
  auto article = NewItem("town", "婚姻家庭编", "article");
  EXPECT_EQ(Upload("town", article, "media", "video/mp4", Mp4(1000)).ErrorField(), "kind");
  EXPECT_EQ(TestServer::Get().As("town").Get(Path(item)).json.at("version").as_int64(), version)
      << "nothing written";
  // Another town's worker neither sees nor changes it.
  auto other = TestServer::Get().As("town2");
  EXPECT_EQ(other.Get(Path(item)).status, 404);
  EXPECT_EQ(
      other.Request("PUT", Path(item, "/media"), Mp4(1000), {{"Content-Type", "video/mp4"}}).status,
      404);
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/legal-contents").status, 403);
}

TEST(Legal, ATownHasOneBrand) {
  auto city = TestServer::Get().As("city");
  // The demo city has a brand in every town: a second is refused, nothing written.
  auto mine = city.Get(std::string("/api/v1/legal-brands?region=") + kTown2);
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json.at("total").as_int64(), 1);
  const auto first = mine.json.at("items").at(0);
  const int64_t brands = CountRows("legal_brands");
  auto second = city.Post("/api/v1/legal-brands",
                          json::object{{"name", "第二个品牌"}, {"region_code", kTown2}});
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(second.ErrorCode(), "brand_exists");
  EXPECT_EQ(second.ErrorField(), "region_code");
  EXPECT_NE(second.body.find(Str(first, "name")), std::string::npos) << "it names the brand";
  EXPECT_EQ(CountRows("legal_brands"), brands) << "nothing written";
  auto village = city.Post("/api/v1/legal-brands",
                           json::object{{"name", "村品牌"}, {"region_code", kVillage}});
  EXPECT_EQ(village.status, 400) << "a brand belongs to a town";
  // Retired, the town may have another.
  ASSERT_EQ(
      city.Post("/api/v1/legal-brands/" + std::to_string(first.at("id").as_int64()) + "/retire",
                json::object{})
          .status,
      200);
  EXPECT_EQ(city.Post("/api/v1/legal-brands",
                      json::object{{"name", "第二个品牌"}, {"region_code", kTown2}})
                .status,
            201);
}

TEST(Legal, SchoolLecturesCountTowardTheirCampaignAndEventsKeepPhotos) {
  auto city = TestServer::Get().As("city");
  auto campaign =
      city.Post("/api/v1/legal-campaigns", json::object{{"name", "守护花开 与法\"童\"行（测试）"},
                                                        {"year", 2026},
                                                        {"region_code", kCity},
                                                        {"target_school_lectures", 100}});
  ASSERT_EQ(campaign.status, 201) << campaign.body;
  const int64_t cid = campaign.json.at("id").as_int64();
  EXPECT_EQ(campaign.json.at("lectures_held").as_int64(), 0);
  auto town = TestServer::Get().As("town");
  auto event = [&](const std::string& kind, const std::string& region) {
    return town.Post("/api/v1/legal-events", json::object{{"title", "法治进校园"},
                                                          {"kind", kind},
                                                          {"campaign_id", cid},
                                                          {"held_at", FormatBeijing(Now())},
                                                          {"region_code", region},
                                                          {"venue", "东城小学"},
                                                          {"audience", "students"},
                                                          {"audience_count", 320},
                                                          {"speakers", "李律师"}});
  };
  auto lecture = event("school_lecture", kVillage);
  ASSERT_EQ(lecture.status, 201) << lecture.body;
  ASSERT_EQ(event("school_lecture", kTown).status, 201);
  ASSERT_EQ(event("performance", kTown).status, 201);
  auto read = [&] {
    return city.Get("/api/v1/legal-campaigns/" + std::to_string(cid)).json.at("lectures_held");
  };
  EXPECT_EQ(read().as_int64(), 2) << "school lectures only";
  const std::string ev = "/api/v1/legal-events/" + std::to_string(lecture.json.at("id").as_int64());
  ASSERT_EQ(town.Post(ev + "/retire", json::object{}).status, 200);
  EXPECT_EQ(read().as_int64(), 1) << "a retired lecture is not counted";

  // A town's brand is not another town's events'.
  auto brand = TestServer::Get().As("city").Post(
      "/api/v1/legal-brands", json::object{{"name", "东城法润万家"}, {"region_code", kTown}});
  const int64_t bid = brand.status == 201
                          ? brand.json.at("id").as_int64()
                          : std::stoll(QueryText("SELECT CAST(id AS TEXT) FROM legal_brands "
                                                 "WHERE region_code = ? AND retired = 0",
                                                 {std::string(kTown)}));
  auto elsewhere = TestServer::Get().As("town2").Post(
      "/api/v1/legal-events", json::object{{"title", "讲座"},
                                           {"kind", "lecture_hall"},
                                           {"brand_id", bid},
                                           {"held_at", FormatBeijing(Now())},
                                           {"region_code", kTown2},
                                           {"audience", "women"}});
  EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;
  EXPECT_EQ(elsewhere.ErrorField(), "brand_id");

  // Photos: stored encrypted, counted, read back, removed.
  const std::string ev2 = "/api/v1/legal-events/" +
                          std::to_string(event("lecture_hall", kTown).json.at("id").as_int64());
  auto photo = town.Request("POST", ev2 + "/photos", Png(), {{"Content-Type", "image/png"}});
  ASSERT_EQ(photo.status, 201) << photo.body;
  EXPECT_EQ(town.Get(ev2).json.at("photo_count").as_int64(), 1);
  const std::string one = ev2 + "/photos/" + std::to_string(photo.json.at("id").as_int64());
  auto got = town.Get(one);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, Png());
  EXPECT_EQ(TestServer::Get().As("town2").Get(one).status, 404);
  EXPECT_EQ(town.Request("POST", ev2 + "/photos", "%PDF-1.4", {{"Content-Type", "application/pdf"}})
                .status,
            400);
  EXPECT_EQ(town.Delete(one).status, 204);
  EXPECT_EQ(town.Get(ev2).json.at("photo_count").as_int64(), 0);
}

TEST(Legal, AVillageFilesItsEventsUnderTheCitysCampaignAndItsTownsBrand) {
  auto village = TestServer::Get().As("village");
  auto names = [&](const std::string& path) {
    auto r = village.Get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    for (const auto& i : r.json.at("items").as_array()) out.push_back(Str(i, "region_code"));
    return out;
  };
  const auto campaigns = names("/api/v1/legal-campaigns/choices");
  EXPECT_NE(std::find(campaigns.begin(), campaigns.end(), kCity), campaigns.end())
      << "the city's campaigns are offered";
  for (const auto& code : campaigns)
    EXPECT_TRUE(std::string(kVillage).rfind(code, 0) == 0 || code.rfind(kVillage, 0) == 0)
        << code << " is neither above nor inside the village";
  const auto brands = names("/api/v1/legal-brands/choices");
  ASSERT_FALSE(brands.empty());
  for (const auto& code : brands) EXPECT_EQ(code, kTown) << "her own town's brand only";
  // The list itself stays her area's.
  EXPECT_EQ(village.Get("/api/v1/legal-campaigns?region=" + std::string(kVillage)).status, 200);
}

}  // namespace
}  // namespace hejia::testing
