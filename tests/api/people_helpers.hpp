// Helpers of the people and household tests: demo regions, unique names, phones and ID numbers,
// a household in a grid and a person's body.
#pragma once
#include <atomic>
#include <cstdio>
#include <string>

#include "domain/id_card.hpp"
#include "harness.hpp"
#include "test_kit.hpp"

namespace hejia::testing::people_tests {

namespace json = boost::json;

inline constexpr const char* kDongchengPath = "/330784/330784001/";  // `town`
inline constexpr const char* kXichengPath = "/330784/330784002/";    // `town2`

inline std::string Str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

inline std::string DemoRegionOf(const std::string& login) {
  return TestServer::Get().demo_regions().at(login);
}

inline std::string PathOf(const std::string& code) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    auto row = c.QueryOne("SELECT path FROM regions WHERE code = ?", {code});
    return row ? row->Text(0) : std::string();
  });
}

/// A phone number no other test uses: 139 + 8 digits from a counter.
inline std::string UniquePhone() {
  static std::atomic<int> n{0};
  char buf[16];
  std::snprintf(buf, sizeof buf, "139%08d", 27180000 + ++n);
  return buf;
}

/// A name no other test uses (the database lives for the whole binary).
inline std::string UniqueName(const std::string& stem) {
  static std::atomic<int> n{0};
  static const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out = stem;
  for (char d : std::to_string(++n)) out += kDigits[d - '0'];
  return out;
}

/// A valid ID number for a woman born on `birth` (YYYY-MM-DD), unique per call.
inline std::string WomanId(const std::string& birth) {
  static std::atomic<int> seq{100};
  std::string compact = birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
  return domain::MakeIdCard("330784", compact, (seq += 2) % 1000, true);
}

/// Registers a household in `grid` and returns its id.
inline int64_t NewHousehold(Client& as, const std::string& grid,
                            const std::string& head = "测试户主") {
  auto r =
      as.Post("/api/v1/households", json::object{{"grid_code", grid},
                                                 {"address_detail", "永康市东城街道金城路 18 号"},
                                                 {"head_name", head}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json.at("id").as_int64() : 0;
}

/// The last active grid under a region: the tests register their households there, away from the
/// grid sister's first grid, whose lists another test reads in full.
inline std::string GridOf(const std::string& region_code) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    const std::string path =
        c.QueryOne("SELECT path FROM regions WHERE code = ?", {region_code})->Text(0);
    std::string upper = path;
    upper.back() = static_cast<char>(upper.back() + 1);
    auto row = c.QueryOne(
        "SELECT code FROM regions WHERE level = 'grid' AND retired = 0 AND path >= ? AND path < ? "
        "ORDER BY code DESC LIMIT 1",
        {path, upper});
    return row ? row->Text(0) : std::string();
  });
}

inline json::object Woman(int64_t household_id, const std::string& name,
                          const std::string& phone = "") {
  json::object p{{"household_id", household_id}, {"name", name},
                 {"gender", "female"},           {"birth_date", "1997-06-12"},
                 {"relation", "配偶"},           {"tags", json::array{"single_parent"}}};
  if (!phone.empty()) p["phone"] = phone;
  return p;
}

}  // namespace hejia::testing::people_tests
