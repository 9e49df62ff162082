// The cockpit (issue 13, points 5 and 6): every figure equals the total of the list it opens,
// for the same period and region — the whole, each unit one level down (the region's own row
// with own=1) and each month — walked over every figure of the answer, so a figure added without
// a correct list fails here without a change to this file. Ratios are their parts' quotient,
// medians count the list they open, units add up to the whole, and a town's own answer equals
// its row in the city's. A leader and the hall's screen read the figures and never a list.
#include <cmath>
#include <map>

#include "case_helpers.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

using namespace cases;

std::string Day(int64_t ms) {
  return FormatBeijing(ms).substr(0, 10);
}

double Num(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  return NAN;
}

/// The list's URL: its path and query, for a unit (region, own) and a month (from, to).
std::string ListUrl(const json::object& list, const std::string& region, bool own,
                    const json::object* month, int page_size) {
  std::string url =
      std::string(list.at("path").as_string()) + "?page_size=" + std::to_string(page_size);
  for (const auto& [k, v] : list.at("query").as_object()) {
    std::string value(v.as_string());
    if (month && (k == "from" || k == "to")) value = std::string(month->at(k).as_string());
    url += "&" + std::string(k) + "=" + Encoded(value);
  }
  if (!region.empty()) url += "&region=" + region;
  if (own) url += "&own=1";
  return url;
}

/// What the list holds of the figure: its total, a field, or a field summed over its items.
double ListCount(Client& as, const json::object& list, const std::string& region, bool own,
                 const json::object* month = nullptr) {
  const std::string count_of(list.at("count_of").as_string());
  const bool sum = count_of.rfind("sum:", 0) == 0;
  const auto r = as.Get(ListUrl(list, region, own, month, sum ? 100 : 1));
  EXPECT_EQ(r.status, 200) << ListUrl(list, region, own, month, 1) << " " << r.body;
  if (r.status != 200) return NAN;
  if (count_of == "total" || count_of == "n") return Num(r.json.at("total"));
  if (!sum) return Num(r.json.at(count_of));
  double total = 0;
  for (const auto& item : r.json.at("items").as_array()) total += Num(item.at(count_of.substr(4)));
  EXPECT_LE(r.json.at("total").as_int64(), 100);
  return total;
}

const json::object* FigureOf(const json::value& answer, std::string_view code) {
  for (const auto& f : answer.at("figures").as_array())
    if (f.at("code").as_string() == code) return &f.as_object();
  return nullptr;
}

/// Figures no list counts: the ratios, checked through their parts.
bool MayHaveNoList(const json::object& f) {
  return f.at("kind").as_string() == "ratio";
}

/// Walks every figure of `answer` (read as `as`, for `region`) against its lists.
void Walk(Client& as, const json::value& answer, const std::string& label, bool months = true) {
  SCOPED_TRACE(label);
  // The whole is the answer's region: the city's answer says the city, a town's the town.
  const std::string region(answer.at("region").at("code").as_string());
  int opened = 0;
  for (const auto& fv : answer.at("figures").as_array()) {
    const auto& f = fv.as_object();
    const std::string code(f.at("code").as_string()), kind(f.at("kind").as_string());
    SCOPED_TRACE(code);
    const double value = f.at("value").is_null() ? NAN : Num(f.at("value"));
    if (kind == "ratio") {
      const auto& of = f.at("of").as_array();
      const double num = Num(FigureOf(answer, of[0].as_string())->at("value"));
      const double den = Num(FigureOf(answer, of[1].as_string())->at("value"));
      if (den == 0)
        EXPECT_TRUE(f.at("value").is_null());
      else
        EXPECT_NEAR(value, num / den, 0.0001);
      continue;
    }
    if (f.at("list").is_null()) {
      EXPECT_TRUE(MayHaveNoList(f)) << "a figure the city may open has no list";
      continue;
    }
    const auto& list = f.at("list").as_object();
    // The whole.
    if (kind == "median") {
      EXPECT_EQ(f.at("n").as_int64(), ListCount(as, list, region, false));
      ++opened;
      continue;
    }
    EXPECT_EQ(value, ListCount(as, list, region, false));
    ++opened;
    // One level down: each unit's list, and the units add up to the whole.
    double units = 0;
    for (const auto& u : answer.at("units").as_array()) {
      const auto& values = u.at("values").as_object();
      const double v = values.contains(code) ? Num(values.at(code)) : 0;
      units += v;
      EXPECT_EQ(v,
                ListCount(as, list, std::string(u.at("code").as_string()), u.at("own").as_bool()))
          << "unit " << u.at("code").as_string();
    }
    EXPECT_EQ(units, value) << "the units add up to the whole";
    // Last year: the same list over the same days a year earlier, and its units add up too.
    if (list.at("months").as_bool() && !f.at("last_year").is_null()) {
      const json::object compare = answer.at("compare").as_object();
      EXPECT_EQ(Num(f.at("last_year")), ListCount(as, list, region, false, &compare));
      double last_units = 0;
      for (const auto& u : answer.at("units").as_array())
        if (const auto* v = u.at("last_year").as_object().if_contains(code)) last_units += Num(*v);
      EXPECT_EQ(last_units, Num(f.at("last_year"))) << "last year's units add up";
    }
    // Each month of the trend.
    if (!months || !list.at("months").as_bool() || !f.at("has_months").as_bool()) continue;
    for (const auto& m : answer.at("months").as_array()) {
      const auto& values = m.at("values").as_object();
      if (!values.contains(code)) continue;
      EXPECT_EQ(Num(values.at(code)), ListCount(as, list, region, false, &m.as_object()))
          << "month " << m.at("month").as_string();
    }
  }
  EXPECT_GT(opened, 30);
}

/// Records the small demo lacks, inside the last weeks: must-visits in two towns (one problem
/// settled on the spot, one household visited twice), a care visit meeting two people, two
/// mediation lectures (one retired), and an incident whose pushes were all handled in time.
void Seed() {
  static bool done = false;
  if (done) return;
  done = true;
  auto city = TestServer::Get().As("city");
  const int64_t now = Now();
  for (const char* village : {kVillage, kTown2Village}) {
    const int64_t household = QueryInt("SELECT MIN(id) FROM households WHERE region_path LIKE ?",
                                       {PathOf(village) + "%"});
    json::object visit{{"household_id", household},
                       {"visited_at", FormatBeijing(now - 3 * kDay)},
                       {"kind", "must_visit"},
                       {"situations", "hardship"},
                       {"mode", "home"},
                       {"people_met", "户主"},
                       {"findings", "驾驶舱测试走访"},
                       {"problem_found", true},
                       {"problem", "邻里纠纷"},
                       {"action", "settled"}};
    ASSERT_EQ(city.Post("/api/v1/visits", visit).status, 201);
    visit["visited_at"] = FormatBeijing(now - 40 * kDay);
    visit.erase("problem");
    visit["problem_found"] = false;
    visit["action"] = "none";
    auto again = city.Post("/api/v1/visits", visit);
    ASSERT_EQ(again.status, 201) << again.body;
    const int64_t person =
        QueryInt("SELECT MIN(id) FROM people WHERE household_id = ?", {household});
    const int64_t other =
        QueryInt("SELECT MAX(id) FROM people WHERE household_id = ?", {household});
    TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
      c.Execute("UPDATE people SET tags = ',low_income,' WHERE id = ?", {person});
    });
    json::array people{json::object{{"person_id", person}}};
    if (other != person) people.push_back(json::object{{"person_id", other}});
    auto care = city.Post("/api/v1/visits", json::object{{"household_id", household},
                                                         {"visited_at", FormatBeijing(now - kDay)},
                                                         {"kind", "care"},
                                                         {"mode", "home"},
                                                         {"people", std::move(people)}});
    ASSERT_EQ(care.status, 201) << care.body;
  }
  for (int i = 0; i < 2; ++i) {
    auto t = city.Post("/api/v1/trainings", json::object{{"title", "驾驶舱测试培训"},
                                                         {"kind", "mediation_lecture"},
                                                         {"held_at", FormatBeijing(now - 2 * kDay)},
                                                         {"region_code", kTown}});
    ASSERT_EQ(t.status, 201) << t.body;
    if (i == 1) {
      auto retired =
          city.Post("/api/v1/trainings/" + std::to_string(t.json.at("id").as_int64()) + "/retire",
                    json::object{{"version", t.json.at("version").as_int64()}});
      ASSERT_EQ(retired.status, 200) << retired.body;
    }
  }
  // An incident three weeks old whose pushes were each handled within every limit, which have all
  // passed (its times are set as the clock would have made them): the pushes' figures and list.
  const int64_t reported = now - 21 * kDay;
  auto incident = city.Post(
      "/api/v1/incidents",
      json::object{
          {"incident_no", "COCKPIT-PUSHES-1"},
          {"station", "驾驶舱派出所"},
          {"reported_at", FormatBeijing(reported)},
          {"kind", "family_dispute"},
          {"address", "驾驶舱测试地址"},
          {"region_code", kTown2Village},
          {"parties", json::array{json::object{{"role", "victim"}, {"name", "驾驶舱甲"}}}}});
  ASSERT_EQ(incident.status, 201) << incident.body;
  const int64_t hour = kDay / 24;
  TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
    c.Execute(
        "UPDATE incident_pushes SET pushed_at = ?, ack_due = ?, contact_due = ?, visit_due = ?, "
        "feedback_due = ?, acknowledged_at = ?, contacted_at = ?, visited_at = ?, fed_back_at = ? "
        "WHERE incident_id = ?",
        {reported + hour, reported + 2 * hour, reported + kDay, reported + 3 * kDay,
         reported + 7 * kDay, reported + hour + 1, reported + 12 * hour, reported + 2 * kDay,
         reported + 6 * kDay, incident.json.at("id").as_int64()});
  });
}

std::string Recent() {
  const int64_t now = Now();
  return "from=" + Day(now - 59 * kDay) + "&to=" + Day(now);
}

TEST(Cockpit, EveryFigureEqualsTheTotalOfTheListItOpens) {
  Seed();
  auto city = TestServer::Get().As("city");
  std::map<std::string, double> counted;
  for (const std::string query : {std::string(), Recent()}) {
    auto whole = city.Get("/api/v1/cockpit?" + query);
    ASSERT_EQ(whole.status, 200) << whole.body;
    Walk(city, whole.json, "city " + query);
    // The seeded records give the walk something to count whatever day the demo was loaded.
    for (const char* code :
         {"incidents.pushes_due", "incidents.pushes_on_time", "visits.households", "visits.settled",
          "care.person_visits", "training.lectures"})
      counted[code] += Num(FigureOf(whole.json, code)->at("value"));
    auto town = city.Get("/api/v1/cockpit?region=" + std::string(kTown) + "&" + query);
    ASSERT_EQ(town.status, 200) << town.body;
    Walk(city, town.json, "town " + query, false);
    // The town's own answer is its row in the city's.
    const json::object* row = nullptr;
    for (const auto& u : whole.json.at("units").as_array())
      if (u.at("code").as_string() == kTown) row = &u.as_object();
    ASSERT_NE(row, nullptr);
    for (const auto& [code, value] : row->at("values").as_object()) {
      const auto* f = FigureOf(town.json, code);
      ASSERT_NE(f, nullptr) << code;
      if (value.is_null())
        EXPECT_TRUE(f->at("value").is_null()) << code;
      else
        EXPECT_NEAR(Num(f->at("value")), Num(value), 0.0001) << code;
    }
  }
  for (const auto& [code, n] : counted) EXPECT_GT(n, 0) << code;
}

TEST(Cockpit, TheRecentPeriodCountsTheSeededRecords) {
  Seed();
  auto city = TestServer::Get().As("city");
  auto r = city.Get("/api/v1/cockpit?" + Recent());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GE(Num(FigureOf(r.json, "visits.households")->at("value")), 2);
  EXPECT_GE(Num(FigureOf(r.json, "visits.settled")->at("value")), 2);
  EXPECT_GE(Num(FigureOf(r.json, "care.person_visits")->at("value")), 2);
  EXPECT_GE(Num(FigureOf(r.json, "training.lectures")->at("value")), 1);
  // The figures agree with the pages that show them already.
  const std::string period = "?" + Recent();
  auto stats = city.Get("/api/v1/stats/cases" + period);
  EXPECT_EQ(Num(FigureOf(r.json, "requests.received")->at("value")),
            Num(stats.json.at("totals").at("received")));
  auto summary = city.Get("/api/v1/visits/summary" + period);
  EXPECT_EQ(Num(FigureOf(r.json, "visits.households")->at("value")),
            Num(summary.json.at("must_visit_households")));
  auto care = city.Get("/api/v1/visits/care-stats" + period);
  EXPECT_EQ(Num(FigureOf(r.json, "care.person_visits")->at("value")),
            Num(care.json.at("person_visits")));
  // Months against last year: the same months, a year earlier.
  EXPECT_EQ(r.json.at("months").as_array().size(), r.json.at("months").as_array().size());
  EXPECT_EQ(Str(r.json.at("compare"), "from").substr(0, 4),
            std::to_string(std::stoi(Str(r.json.at("period"), "from").substr(0, 4)) - 1));
}

TEST(Cockpit, ALeaderAndTheScreenReadFiguresNeverAList) {
  for (const char* login : {"leader", "screen"}) {
    auto as = TestServer::Get().As(login);
    auto r = as.Get("/api/v1/cockpit");
    ASSERT_EQ(r.status, 200) << login << " " << r.body;
    for (const auto& f : r.json.at("figures").as_array())
      EXPECT_TRUE(f.at("list").is_null()) << login << " " << f.at("code").as_string();
    const std::string text = json::serialize(r.json);
    for (const char* key : {"\"phone\"", "\"address\"", "\"id_number\"", "\"applicant\""})
      EXPECT_EQ(text.find(key), std::string::npos) << login << " " << key;
    EXPECT_EQ(Num(FigureOf(r.json, "requests.received")->at("value")) > 0, true);
    EXPECT_EQ(as.Get("/api/v1/cases").status, 403) << login;
    EXPECT_EQ(as.Get("/api/v1/visits/care-people").status, 403) << login;
  }
  EXPECT_EQ(TestServer::Get().As("screen").Get("/api/v1/stats/cases").status, 403);
  EXPECT_EQ(TestServer::Get().As("mediator").Get("/api/v1/cockpit").status, 403);
  EXPECT_EQ(TestServer::Get().As("gridsister").Get("/api/v1/cockpit").status, 403);
}

TEST(Cockpit, ATownWorkerSeesHerTownAndNoOther) {
  auto town = TestServer::Get().As("town");
  auto mine = town.Get("/api/v1/cockpit");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(Str(mine.json.at("region"), "code"), kTown);
  EXPECT_EQ(town.Get("/api/v1/cockpit?region=330784002").status, 404);
  EXPECT_EQ(town.Get("/api/v1/cockpit?region=330784").status, 404);
}

TEST(Cockpit, BadPeriodsAreRefusedNamingTheQuery) {
  auto city = TestServer::Get().As("city");
  EXPECT_EQ(city.Get("/api/v1/cockpit?from=2026-13-01").ErrorField(), "from");
  EXPECT_EQ(city.Get("/api/v1/cockpit?from=2026-05-01&to=2026-04-01").ErrorField(), "to");
  EXPECT_EQ(city.Get("/api/v1/cockpit?from=2024-01-01&to=2026-01-01").ErrorField(), "to");
  EXPECT_EQ(city.Get("/api/v1/cases?counted=maybe").ErrorField(), "counted");
  EXPECT_EQ(city.Get("/api/v1/cases?own=1").ErrorField(), "own");
  EXPECT_EQ(city.Get("/api/v1/volunteers?serving_at=tomorrow").ErrorField(), "serving_at");
  EXPECT_EQ(city.Get("/api/v1/visits?from=2026-02-30").ErrorField(), "from");
  EXPECT_EQ(city.Get("/api/v1/cockpit/report?month=2026-13").ErrorField(), "month");
  EXPECT_EQ(city.Get("/api/v1/cockpit/report?month=2026-11&format=doc").ErrorField(), "format");
}

TEST(Cockpit, TheMonthlyReportIsAPdfAndAWorkbookOfTheSameFigures) {
  auto city = TestServer::Get().As("city");
  const std::string month = FormatBeijing(Now() - 31 * kDay).substr(0, 7);
  const int64_t before = AuditCount("cockpit_report", "", "export");
  auto pdf = city.Get("/api/v1/cockpit/report?month=" + month + "&format=pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_LT(pdf.body.size(), 1'000'000u);
  auto xlsx = city.Get("/api/v1/cockpit/report?month=" + month + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  const std::string text = XlsxText(xlsx.body);
  EXPECT_NE(text.find("受理求助"), std::string::npos);
  EXPECT_NE(text.find("走访户数"), std::string::npos);
  EXPECT_EQ(AuditCount("cockpit_report", "", "export"), before + 2);
  // The leader exports it too; a screen reads the same figures.
  EXPECT_EQ(TestServer::Get().As("leader").Get("/api/v1/cockpit/report?month=" + month).status,
            200);
}

}  // namespace
}  // namespace hejia::testing
