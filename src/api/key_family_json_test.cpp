#include "api/key_family_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/key_family_record.hpp"

namespace hejia::api::families {
namespace {

std::string Written(const domain::KeyFamily& f) {
  std::string out;
  http::JsonWriter w(out);
  WriteFamily(w, f);
  return out;
}

// The list writes each family straight into its text; the one-family answer builds a value. Both
// must say the same, nulls included.
TEST(KeyFamilyJson, TheListsTextSaysWhatTheValueSays) {
  domain::KeyFamily f;
  f.meta.id = 42;
  f.meta.version = 3;
  f.meta.created_at = 1'780'000'000'000;
  f.meta.updated_at = 1'780'000'100'000;
  f.name = "演示\"户主\"";
  f.region = {.code = "330784001001001",
              .path = "/330784/330784001/330784001001/330784001001001/",
              .level = domain::RegionLevel::kGrid,
              .name = "第一网格"};
  f.listed_at = f.meta.created_at;
  domain::TakeColour(f, domain::RiskColour::kYellow, f.listed_at);
  f.household_id = 7;
  EXPECT_EQ(boost::json::parse(Written(f)), boost::json::value(FamilyJson(f)));

  f.source_id = 9;
  f.last_contact_at = f.listed_at + 1000;
  f.reassess = true;
  f.reassess_reason = "new_incident";
  f.meta.retired = true;
  EXPECT_EQ(boost::json::parse(Written(f)), boost::json::value(FamilyJson(f)));
}

}  // namespace
}  // namespace hejia::api::families
