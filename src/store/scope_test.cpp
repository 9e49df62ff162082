#include "store/scope.hpp"

#include <gtest/gtest.h>

namespace hejia::store {
namespace {

const std::string kTown = "/330784/330784001/";

TEST(Scope, ATownSeesItsVillagesButNotItsNeighbour) {
  const auto s = ScopeFilter::Within(kTown);
  EXPECT_TRUE(s.Contains(kTown));
  EXPECT_TRUE(s.Contains(kTown + "330784001003/"));
  EXPECT_FALSE(s.Contains("/330784/330784002/"));
  EXPECT_FALSE(s.Contains("/330784/"));
}

TEST(Scope, SomeoneWithoutARegionSeesNothing) {
  const auto s = ScopeFilter::Within("");
  EXPECT_FALSE(s.Contains("/330784/"));
  EXPECT_FALSE(s.Contains(""));
  std::vector<Value> params;
  s.Bind(params);
  EXPECT_EQ(params.size(), 2u);  // [,) matches no row
}

TEST(Scope, InsideOrAboveSeesTheCityButHoldsOnlyTheSubtree) {
  const auto s = ScopeFilter::Within(kTown + "330784001003/").WithPathsAbove();
  EXPECT_TRUE(s.Sees("/330784/"));
  EXPECT_TRUE(s.Sees(kTown));
  EXPECT_FALSE(s.Contains(kTown));
  EXPECT_FALSE(s.Sees("/330784/330784002/"));
  EXPECT_EQ(s.Sql("m.region_path"),
            " AND ((m.region_path >= ? AND m.region_path < ?) OR m.region_path IN (?,?))");
  std::vector<Value> params;
  s.Bind(params);
  EXPECT_EQ(params.size(), 4u);
}

TEST(Scope, CasesAlsoFollowWhoTookThemInOrHoldsThemOnlyWhereTheyAreHandled) {
  const auto s = ScopeFilter::Within(kTown).Following(42, {kTown});
  std::vector<Value> params;
  s.BindCase(params);
  EXPECT_EQ(params.size(), 5u);
  EXPECT_NE(s.CaseSql().find("c.created_by = ?"), std::string::npos);
  EXPECT_NE(s.CaseSql().find("c.region_path IN (?)"), std::string::npos);
  // no paths to follow at: the range alone
  EXPECT_EQ(ScopeFilter::Within(kTown).Following(42, {}).CaseSql(),
            " AND c.region_path >= ? AND c.region_path < ?");
  const auto narrowed = ScopeFilter::Within(kTown);
  EXPECT_EQ(narrowed.CaseSql(), " AND c.region_path >= ? AND c.region_path < ?");
}

TEST(Scope, AMediatorSeesTheCasesItMediatesOnly) {
  auto s = ScopeFilter::Within(kTown);
  s.mediating_user = 7;
  EXPECT_EQ(s.CaseSql(),
            " AND c.mediator_id IN (SELECT m.id FROM mediators m WHERE m.user_id = ?)");
  std::vector<Value> params;
  s.BindCase(params);
  EXPECT_EQ(params.size(), 1u);
  // Other records keep the region range.
  EXPECT_EQ(s.Sql("p.region_path"), " AND p.region_path >= ? AND p.region_path < ?");
}

}  // namespace
}  // namespace hejia::store

namespace hejia::store {
namespace {

TEST(Scope, OwnOnlyHoldsTheRegionItselfAndNothingBelow) {
  const auto own = ScopeFilter::Within("/330784/330784001/").OwnOnly();
  EXPECT_TRUE(own.Contains("/330784/330784001/"));
  EXPECT_FALSE(own.Contains("/330784/330784001/330784001001/"));
  EXPECT_FALSE(own.Contains("/330784/330784002/"));
  EXPECT_FALSE(own.Contains("/330784/"));
  EXPECT_FALSE(ScopeFilter{}.OwnOnly().Contains("/330784/"));
  // Participants and the paths above do not come along.
  const auto wide = ScopeFilter::Within("/330784/").WithPathsAbove().Following(7, {"/x/"});
  EXPECT_EQ(wide.OwnOnly().participant, 0);
  EXPECT_TRUE(wide.OwnOnly().also.empty());
}

}  // namespace
}  // namespace hejia::store
