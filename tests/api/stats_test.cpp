// Statistics of help requests and mediation: a known set of cases taken in and handled through
// the API across three months of a year no other test touches, then the numbers each area sees —
// received, accepted, resolved, the resolution rate, the median days, the shares resolved in the
// village and the town — whole, by month, category, level and region.
#include <map>

#include "case_helpers.hpp"
#include "common/clock.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

/// A year after every case the tests made so far (the clock only moves forward): its period holds
/// only the cases this test takes in.
int FreshYear() {
  return std::stoi(FormatBeijing(Now()).substr(0, 4)) + 2;
}

int64_t At(int year, int month, int day, int hour = 10) {
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
  return BeijingDateStartMillis(date) + hour * kHour;
}

/// A mediator of the city, so both towns may assign it.
int64_t CityMediator() {
  static const int64_t id = TestServer::Get().app().db().WriteSync([](store::Connection& c) {
    const int64_t now = Now();
    c.Execute(
        "INSERT INTO mediators (name, type, region_code, region_path, active, created_at, "
        "updated_at) VALUES ('统计测试调解员', 'lawyer', '330784', '/330784/', 1, ?, ?)",
        {now, now});
    return c.QueryOne("SELECT MAX(id) FROM mediators")->Int(0);
  });
  return id;
}

/// One case the test drives through the workflow, keeping its version. The clock jumps days
/// between steps, so each step signs in afresh (sessions end after 30 idle minutes).
struct Handled {
  std::string login;
  int64_t id = 0;
  int64_t version = 0;
  bool night = false;

  void Do(json::object body) {
    body["version"] = version;
    Client as = TestServer::Get().As(login);
    auto r = Act(as, id, body);
    ASSERT_EQ(r.status, 200) << r.body;
    version = r.json.at("version").as_int64();
  }
  /// The parties' agreement takes effect (recorded orally), which makes the case agreed.
  void Agree() {
    Client as = TestServer::Get().As(login);
    version = AgreeOrally(as, id);
  }
};

Handled Take(const std::string& login, int64_t at, const std::string& home,
             const std::string& category) {
  MoveClockTo(at);
  EXPECT_EQ(Now(), at);
  Client as = TestServer::Get().As(login);
  auto r = as.Post("/api/v1/cases", Intake(home, category));
  EXPECT_EQ(r.status, 201) << r.body;
  Handled h{login, r.json.at("id").as_int64(), r.json.at("version").as_int64(),
            r.json.at("night_clinic").as_bool()};
  // First contact at once, so no time limit escalates the case while the test moves the clock.
  auto contact =
      as.Post("/api/v1/cases/" + std::to_string(h.id) + "/events",
              json::object{{"kind", "contact"}, {"text", "已电话联系"}, {"channel", "phone"}});
  EXPECT_EQ(contact.status, 201) << contact.body;
  h.version = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    return c.QueryOne("SELECT version FROM cases WHERE id = ?", {h.id})->Int(0);
  });
  return h;
}

/// accept → screen → assign → start: the case is in mediation.
void IntoMediation(Handled& h, const std::string& risk = "none") {
  h.Do({{"action", "accept"}});
  h.Do({{"action", "screen"}, {"risk_level", risk}});
  h.Do({{"action", "assign"}, {"mediator_id", CityMediator()}});
  h.Do({{"action", "start"}});
}

json::value Stats(const std::string& login, const std::string& query) {
  auto r = TestServer::Get().As(login).Get("/api/v1/stats/cases?" + query);
  EXPECT_EQ(r.status, 200) << login << " " << query << " " << r.body;
  return r.json;
}

const json::object& Group(const json::value& stats, const std::string& key) {
  for (const auto& g : stats.at("groups").as_array())
    if (Str(g, "key") == key) return g.as_object();
  ADD_FAILURE() << "no group " << key;
  static const json::object none;
  return none;
}

double Num(const json::value& v) {
  return v.is_double() ? v.as_double() : static_cast<double>(v.as_int64());
}

TEST(CaseStats, AKnownYearOfCasesGivesTheArticlesNumbersPerArea) {
  const int year = FreshYear();
  const std::string period =
      "from=" + std::to_string(year) + "-01-01&to=" + std::to_string(year) + "-12-31";
  const std::string town = "town", town2 = "town2";
  int nights = 0;

  // January: two village matters settled after 4 and 10 days, one rejected; one in 西城街道.
  Handled a = Take(town, At(year, 1, 5), kVillage, "child_support");
  IntoMediation(a);
  Handled b = Take(town, At(year, 1, 6), kVillage, "child_support");
  IntoMediation(b);
  Handled c = Take(town, At(year, 1, 7), kVillage, "child_support");
  c.Do({{"action", "reject"}, {"reason", "已在法院起诉"}});
  Handled i = Take(town2, At(year, 1, 8), kTown2Village, "child_support");
  IntoMediation(i);
  MoveClockTo(At(year, 1, 9));
  a.Agree();
  MoveClockTo(At(year, 1, 14));
  i.Agree();
  MoveClockTo(At(year, 1, 16));
  b.Agree();
  // February: two town matters (domestic violence goes to the town): one ends without agreement,
  // one is agreed after 20 days, fulfilled and closed; a request withdrawn before any decision.
  Handled d = Take(town, At(year, 2, 3), kVillage, "domestic_violence");
  IntoMediation(d, "low");
  d.Do({{"action", "terminate"},
        {"reason", "双方分歧过大"},
        {"advised_routes", json::array{"court"}}});
  Handled e = Take(town, At(year, 2, 4), kVillage, "marriage");
  e.Do({{"action", "withdraw"}, {"reason", "申请人撤回"}});
  Handled f = Take(town, At(year, 2, 5), kVillage, "domestic_violence");
  IntoMediation(f, "low");
  MoveClockTo(At(year, 2, 25));
  f.Agree();
  f.Do({{"action", "fulfil"}});
  f.Do({{"action", "close"}, {"outcome", "协议已履行"}, {"satisfaction", 5}});
  // March: one accepted and then withdrawn, one accepted and still open.
  Handled g = Take(town, At(year, 3, 3), kVillage, "neighbours");
  g.Do({{"action", "accept"}});
  g.Do({{"action", "withdraw"}, {"reason", "双方自行和解"}});
  Handled h = Take(town, At(year, 3, 4), kVillage, "elder_support");
  h.Do({{"action", "accept"}});
  for (const auto* x : {&a, &b, &c, &d, &e, &f, &g, &h}) nights += x->night ? 1 : 0;

  // 东城街道: 8 received; accepted all but the rejected and the early withdrawal; resolved A, B
  // and the closed F (closed after its agreement still counts).
  auto s = Stats("town", period);
  const auto& t = s.at("totals");
  EXPECT_EQ(t.at("received").as_int64(), 8);
  EXPECT_EQ(t.at("accepted").as_int64(), 6);
  EXPECT_EQ(t.at("resolved").as_int64(), 3);
  EXPECT_DOUBLE_EQ(Num(t.at("resolution_rate")), 0.5);
  EXPECT_DOUBLE_EQ(Num(t.at("median_days_to_resolve")), 10.0);  // 4, 10, 20
  EXPECT_DOUBLE_EQ(Num(t.at("mean_days_to_resolve")), 11.3);    // 34 / 3
  EXPECT_DOUBLE_EQ(Num(t.at("resolved_at_village_share")), 0.6667);
  EXPECT_DOUBLE_EQ(Num(t.at("resolved_at_town_share")), 0.3333);
  EXPECT_EQ(t.at("night_clinic").as_int64(), nights);
  EXPECT_TRUE(s.at("groups").as_array().empty());

  // The city's leader sees both towns; 西城街道 sees only its own case.
  auto all = Stats("leader", period);
  EXPECT_EQ(all.at("totals").at("received").as_int64(), 9);
  EXPECT_EQ(all.at("totals").at("accepted").as_int64(), 7);
  EXPECT_EQ(all.at("totals").at("resolved").as_int64(), 4);
  EXPECT_DOUBLE_EQ(Num(all.at("totals").at("median_days_to_resolve")), 8.0);  // 4, 6, 10, 20
  auto west = Stats("town2", period);
  EXPECT_EQ(west.at("totals").at("received").as_int64(), 1);
  EXPECT_EQ(west.at("totals").at("resolved").as_int64(), 1);
  EXPECT_DOUBLE_EQ(Num(west.at("totals").at("median_days_to_resolve")), 6.0);
  EXPECT_DOUBLE_EQ(Num(west.at("totals").at("resolution_rate")), 1.0);

  // By month: every month of the period is listed, empty ones with zeros.
  auto months = Stats("town", period + "&group=month");
  ASSERT_EQ(months.at("groups").as_array().size(), 12u);
  const std::string y = std::to_string(year);
  EXPECT_EQ(Group(months, y + "-01").at("received").as_int64(), 3);
  EXPECT_EQ(Group(months, y + "-01").at("resolved").as_int64(), 2);
  EXPECT_DOUBLE_EQ(Num(Group(months, y + "-01").at("median_days_to_resolve")), 7.0);
  EXPECT_EQ(Group(months, y + "-02").at("received").as_int64(), 3);
  EXPECT_EQ(Group(months, y + "-02").at("accepted").as_int64(), 2);
  EXPECT_EQ(Group(months, y + "-02").at("resolved").as_int64(), 1);
  EXPECT_EQ(Group(months, y + "-03").at("accepted").as_int64(), 2);
  EXPECT_TRUE(Group(months, y + "-03").at("resolution_rate").as_double() == 0.0);
  EXPECT_EQ(Group(months, y + "-04").at("received").as_int64(), 0);
  EXPECT_TRUE(Group(months, y + "-04").at("resolution_rate").is_null());
  EXPECT_EQ(std::string(Group(months, y + "-01").at("label").as_string()), y + "年1月");

  // By category and by level.
  auto categories = Stats("town", period + "&group=category");
  EXPECT_EQ(Group(categories, "child_support").at("received").as_int64(), 3);
  EXPECT_EQ(Group(categories, "child_support").at("resolved").as_int64(), 2);
  EXPECT_EQ(Group(categories, "domestic_violence").at("received").as_int64(), 2);
  EXPECT_DOUBLE_EQ(Num(Group(categories, "domestic_violence").at("resolution_rate")), 0.5);
  EXPECT_EQ(Group(categories, "inheritance").at("received").as_int64(), 0);
  auto levels = Stats("town", period + "&group=level");
  EXPECT_EQ(Group(levels, "village").at("received").as_int64(), 6);
  EXPECT_EQ(Group(levels, "village").at("resolved").as_int64(), 2);
  EXPECT_EQ(Group(levels, "town").at("received").as_int64(), 2);
  EXPECT_EQ(Group(levels, "city").at("received").as_int64(), 0);

  // By region: the leader's table has a row per town (and the city's own cases); a town's has its
  // villages and its own cases.
  auto regions = Stats("leader", period + "&group=region");
  EXPECT_EQ(Group(regions, kTown).at("received").as_int64(), 8);
  EXPECT_EQ(Group(regions, "330784002").at("received").as_int64(), 1);
  EXPECT_EQ(Group(regions, "330784003").at("received").as_int64(), 0);
  EXPECT_EQ(Group(regions, "330784").at("received").as_int64(), 0);
  EXPECT_EQ(std::string(Group(regions, kTown).at("label").as_string()), "东城街道");
  auto villages = Stats("town", period + "&group=region");
  EXPECT_EQ(Group(villages, kVillage).at("received").as_int64(), 6);
  EXPECT_EQ(Group(villages, kTown).at("received").as_int64(), 2);  // the town's own (DV) cases
  EXPECT_EQ(std::string(Group(villages, kTown).at("label").as_string()), "东城街道（本级）");
  // A region inside the caller's area narrows the numbers; one outside answers 404.
  auto one_village = Stats("town", period + "&region=" + kVillage);
  EXPECT_EQ(one_village.at("totals").at("received").as_int64(), 6);
  EXPECT_EQ(
      TestServer::Get().As("town2").Get("/api/v1/stats/cases?region=" + std::string(kTown)).status,
      404);

  // The period: only February.
  auto feb = Stats("town", "from=" + y + "-02-01&to=" + y + "-02-28");
  EXPECT_EQ(feb.at("totals").at("received").as_int64(), 3);
  EXPECT_EQ(feb.at("totals").at("resolved").as_int64(), 1);
  EXPECT_DOUBLE_EQ(Num(feb.at("totals").at("median_days_to_resolve")), 20.0);
}

TEST(CaseStats, TheAnswerHoldsNoPersonalDataAndTheDefaultPeriodIsThisYear) {
  const int year = FreshYear();
  Take("town", At(year, 6, 1), kVillage, "child_support");
  auto r = TestServer::Get().As("town").Get("/api/v1/stats/cases?group=category");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(std::string(r.json.at("from").as_string()), std::to_string(year) + "-01-01");
  EXPECT_EQ(std::string(r.json.at("to").as_string()), std::to_string(year) + "-06-01");
  EXPECT_EQ(r.json.at("totals").at("received").as_int64(), 1);
  // Intake() names the applicant 王晓丽 with a phone and an address: none of it is here.
  for (const char* secret : {"王晓丽", "王**", "1375512", "金城路", "HJ"})
    EXPECT_EQ(r.body.find(secret), std::string::npos) << secret;
}

TEST(CaseStats, ParametersAreCheckedAndOnlyStatsReadersMayAsk) {
  Client town = TestServer::Get().As("town");
  EXPECT_EQ(town.Get("/api/v1/stats/cases?from=2026-13-01").ErrorField(), "from");
  EXPECT_EQ(town.Get("/api/v1/stats/cases?from=2026-05-01&to=2026-04-30").ErrorField(), "to");
  EXPECT_EQ(town.Get("/api/v1/stats/cases?from=2000-01-01&to=2026-01-01").ErrorField(), "to");
  EXPECT_EQ(town.Get("/api/v1/stats/cases?group=person").ErrorField(), "group");
  for (const char* login : {"mediator", "gridsister", "admin", "auditor"}) {
    auto r = TestServer::Get().As(login).Get("/api/v1/stats/cases");
    EXPECT_EQ(r.status, 403) << login;
  }
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/stats/cases").status, 200);
}

}  // namespace
}  // namespace hejia::testing
