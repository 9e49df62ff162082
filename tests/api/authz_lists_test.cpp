// The authorisation matrix of lists. Every list that a caller who sees a part of the city may read
// — 东城街道's staff (`town`), a village cadre (`village`), a grid sister (`gridsister`) and a
// mediator — is read page by page to its end, and shows no row outside the caller's sight. Every
// row of the matrix has data to leak: rows made for it (or found in the demo city) inside and
// outside each caller's sight, which a caller who sees more lists (the city, or a saved filter's
// owner). A row that leaves its caller nothing to leak fails, and so does a list without a row.
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <set>

#include "accounts.hpp"
#include "case_helpers.hpp"
#include "common/clock.hpp"
#include "domain/roles.hpp"
#include "harness.hpp"
#include "openapi_operations.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

// Places: the grid sister's grid and village, a grid beside hers, another village of 东城街道,
// 东城街道 itself, and 西城街道 with a village and a grid of it.
constexpr const char* kGrid = "330784001001001";
constexpr const char* kGrid2 = "330784001001002";
constexpr const char* kVillage = "330784001001";
constexpr const char* kVillage2 = "330784001002";
constexpr const char* kVillage2Grid = "330784001002001";
constexpr const char* kTown = "330784001";
constexpr const char* kWestTown = "330784002";
constexpr const char* kWestVillage = "330784002001";
constexpr const char* kWestGrid = "330784002001001";

/// The callers of the matrix, each with the region its sight starts from.
const std::vector<std::pair<std::string, std::string>>& Callers() {
  static const std::vector<std::pair<std::string, std::string>> callers = {
      {"town", kTown}, {"village", kVillage}, {"gridsister", kGrid}, {"mediator", kTown}};
  return callers;
}

/// A list's identifying field of a row, as text.
std::string KeyOf(const json::object& row, const std::string& key) {
  const auto* v = row.if_contains(key);
  if (!v) return "";
  return v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
}

/// Every row of a list as `login` reads it, page by page (100 a page, the most) to its total.
std::vector<json::object> ReadAll(const std::string& login, const std::string& target) {
  std::vector<json::object> rows;
  Client c = TestServer::Get().As(login);
  const std::string sep = target.find('?') == std::string::npos ? "?" : "&";
  for (int page = 1; page <= 10000; ++page) {
    auto r = c.Get(target + sep + "page_size=100&page=" + std::to_string(page));
    if (r.status != 200)
      throw std::runtime_error(login + " " + target + " page " + std::to_string(page) + " -> " +
                               std::to_string(r.status) + " " + r.body.substr(0, 200));
    const auto& items = r.json.at("items").as_array();
    for (const auto& item : items) rows.push_back(item.as_object());
    const int64_t total = r.json.at("total").as_int64();
    if (items.empty() || static_cast<int64_t>(rows.size()) >= total) {
      EXPECT_EQ(static_cast<int64_t>(rows.size()), total) << login << " " << target;
      return rows;
    }
  }
  throw std::runtime_error(login + " " + target + ": more than 10000 pages");
}

/// A row made or found for the matrix: its key in its list, and who lists it whoever asks.
struct Fixture {
  std::string key;
  std::string listed_by = "city";
};

std::string Created(const HttpResult& r, const std::string& what) {
  if (r.status != 201)
    throw std::runtime_error("making " + what + ": " + std::to_string(r.status) + " " + r.body);
  return std::to_string(r.json.at("id").as_int64());
}

/// The first row the city lists at `target` in each of these regions (a region's own rows).
std::vector<Fixture> FirstListedIn(const std::string& target,
                                   std::initializer_list<const char*> codes) {
  const auto rows = ReadAll("city", target);
  std::vector<Fixture> out;
  for (const char* code : codes) {
    const std::string path = cases::PathOf(code);
    auto it = std::find_if(rows.begin(), rows.end(), [&](const json::object& row) {
      return KeyOf(row, "region_path") == path;
    });
    if (it == rows.end())
      throw std::runtime_error("the city lists no row of " + target + " in " + code);
    out.push_back({KeyOf(*it, "id")});
  }
  return out;
}

/// The ids of the mediator records of an account.
std::set<int64_t> MediatorIdsOf(const std::string& login) {
  return TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
    std::set<int64_t> ids;
    for (const auto& row :
         c.Query("SELECT id FROM mediators WHERE user_id = ?", {cases::UserIdOf(login)}))
      ids.insert(row.Int(0));
    return ids;
  });
}

bool MediatedBy(const json::object& c, const std::set<int64_t>& mediators) {
  const auto* m = c.if_contains("mediator");
  return m && m->is_object() && mediators.count(m->at("id").as_int64());
}

/// What the matrix's lists hold for it, by list path; made once, through the API where the API
/// makes them (consultations come from the portal's proof of work, so they are written directly).
const std::map<std::string, std::vector<Fixture>>& Made() {
  static const auto made = [] {
    std::map<std::string, std::vector<Fixture>> f;
    auto city = TestServer::Get().As("city");
    const int64_t now = cases::Now();
    for (const char* code : {kGrid2, kVillage2Grid, kWestGrid})
      f["/api/v1/regions"].push_back({code});
    for (const char* list : {"/api/v1/people", "/api/v1/households"})
      f[list] = FirstListedIn(list, {kGrid, kGrid2, kVillage2Grid, kWestGrid});

    TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
      for (const char* code : {kTown, kWestTown})
        f["/api/v1/consultations"].push_back(
            {c.QueryOne(
                  "INSERT INTO consultations (tracking_bidx, question_enc, region_code, "
                  "region_path, created_at) VALUES (?, '', ?, ?, ?) RETURNING id",
                  {std::string("authz-lists-") + code, std::string(code), cases::PathOf(code), now})
                 ->Text(0)});
    });

    int n = 0;
    for (const char* code : {kVillage, kVillage2, kTown, kWestTown}) {
      const std::string place(code);
      f["/api/v1/rooms"].push_back(
          {Created(city.Post("/api/v1/rooms", json::object{{"name", "矩阵调解室" + place},
                                                           {"region_code", place},
                                                           {"address", "永康市测试路 8 号"},
                                                           {"hours", "周一至周五 8:30–17:30"},
                                                           {"phone", "0579-87001234"},
                                                           {"demonstration", false}}),
                   "a room in " + place)});
      static const char* kDigits[] = {"一", "二", "三", "四"};
      f["/api/v1/mediators"].push_back(
          {Created(city.Post("/api/v1/mediators",
                             json::object{{"name", std::string("矩阵调") + kDigits[n++]},
                                          {"type", "lawyer"},
                                          {"region_code", place},
                                          {"specialities", json::array{"inheritance"}},
                                          {"phone", "138 1234 5678"}}),
                   "a mediator in " + place)});
    }

    // A shift in each place, an hour from now (the roster lists the coming week), each held by
    // an account of its own, so no one is on duty twice at once.
    for (const auto& [code, role] :
         std::vector<std::pair<std::string, std::string>>{{kVillage, "village_cadre"},
                                                          {kVillage2, "village_cadre"},
                                                          {kTown, "town_staff"},
                                                          {kWestTown, "town_staff"}}) {
      const int64_t user = CreateStaff(UniqueLogin("lists-duty"), role, code);
      f["/api/v1/duty-shifts"].push_back(
          {Created(city.Post("/api/v1/duty-shifts",
                             json::object{{"region_code", code},
                                          {"user_id", user},
                                          {"starts_at", FormatBeijing(now + cases::kHour)},
                                          {"ends_at", FormatBeijing(now + 2 * cases::kHour)}}),
                   "a shift in " + code)});
    }

    // Cases: taken in by 东城街道 beside the grid sister's grid and in another village, by
    // 西城街道, and the grid sister's own report; and one the mediator mediates, from the demo
    // city.
    auto& cs = f["/api/v1/cases"];
    for (const auto& [login, home] : std::vector<std::pair<std::string, std::string>>{
             {"town", kGrid2}, {"town", kVillage2Grid}, {"town2", kWestGrid}})
      cs.push_back({Created(TestServer::Get().As(login).Post("/api/v1/cases", cases::Intake(home)),
                            "a case of " + home)});
    json::object report = cases::Intake(kGrid);
    report["channel"] = "grid_report";
    cs.push_back({Created(TestServer::Get().As("gridsister").Post("/api/v1/cases", report),
                          "the grid sister's report")});
    const auto mediators = MediatorIdsOf("mediator");
    for (const auto& row : ReadAll("city", "/api/v1/cases"))
      if (MediatedBy(row, mediators)) {
        cs.push_back({KeyOf(row, "id")});
        break;
      }

    for (const char* login : {"town", "village", "gridsister", "mediator", "town2"})
      f["/api/v1/saved-filters"].push_back(
          {Created(TestServer::Get().As(login).Post(
                       "/api/v1/saved-filters",
                       json::object{{"name", std::string("矩阵筛选 ") + login},
                                    {"query", json::object{{"status", "registered"}}}}),
                   std::string("a saved filter of ") + login),
           login});

    for (const char* code : {kGrid, kGrid2, kVillage2Grid, kWestGrid}) {
      const std::string place(code);
      f["/api/v1/incidents"].push_back({Created(
          city.Post("/api/v1/incidents",
                    json::object{{"incident_no", "MATRIX-LIST-" + place},
                                 {"station", "矩阵派出所"},
                                 {"reported_at", FormatBeijing(now)},
                                 {"kind", "family_dispute"},
                                 {"address", "矩阵地址"},
                                 {"region_code", place},
                                 {"parties", json::array{json::object{{"role", "victim"},
                                                                      {"name", "矩阵甲"}}}}}),
          "an incident in " + place)});
      // Its pushes (made by the intake), listed by the incident's region.
      f["/api/v1/incidents/pushes"].push_back(
          {std::to_string(TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
            return c
                .QueryOne("SELECT MIN(id) FROM incident_pushes WHERE incident_id = ?",
                          {std::stoll(f["/api/v1/incidents"].back().key)})
                ->Int(0);
          }))});
    }
    for (const char* code : {kTown, kWestTown}) {
      const std::string place(code);
      f["/api/v1/hotline-calls"].push_back(
          {Created(city.Post("/api/v1/hotline-calls", json::object{{"region_code", place},
                                                                   {"line", "12338"},
                                                                   {"category", "marriage"},
                                                                   {"summary", "矩阵测试来电"},
                                                                   {"outcome", "advice"}}),
                   "a hotline call for " + place)});
    }
    for (const char* code : {kVillage, kVillage2, kWestVillage}) {
      const std::string place(code);
      f["/api/v1/teams"].push_back(
          {Created(city.Post("/api/v1/teams", json::object{{"name", "矩阵测试队" + place},
                                                           {"kind", "grid_sisters"},
                                                           {"region_code", place},
                                                           {"leader_name", "测试队长"},
                                                           {"leader_phone", "13800005678"}}),
                   "a team in " + place)});
      f["/api/v1/trainings"].push_back(
          {Created(city.Post("/api/v1/trainings", json::object{{"title", "矩阵测试培训" + place},
                                                               {"kind", "mediation_lecture"},
                                                               {"held_at", FormatBeijing(now)},
                                                               {"region_code", place}}),
                   "a training in " + place)});
    }

    // Legal education: content and events of three villages, a campaign of each town, and the
    // demo's brand of each town (one a town).
    for (const char* code : {kVillage, kVillage2, kWestVillage}) {
      const std::string place(code);
      f["/api/v1/legal-contents"].push_back({Created(
          city.Post("/api/v1/legal-contents", json::object{{"title", "矩阵测试普法" + place},
                                                           {"kind", "article"},
                                                           {"topic", "womens_rights"},
                                                           {"region_code", place}}),
          "a legal-education item in " + place)});
      f["/api/v1/legal-events"].push_back(
          {Created(city.Post("/api/v1/legal-events", json::object{{"title", "矩阵测试活动" + place},
                                                                  {"kind", "lecture_hall"},
                                                                  {"held_at", FormatBeijing(now)},
                                                                  {"region_code", place},
                                                                  {"audience", "women"}}),
                   "a legal-education event in " + place)});
    }
    for (const char* code : {kTown, kWestTown}) {
      const std::string place(code);
      f["/api/v1/legal-campaigns"].push_back({Created(
          city.Post("/api/v1/legal-campaigns",
                    json::object{
                        {"name", "矩阵测试行动" + place}, {"year", 2026}, {"region_code", place}}),
          "a campaign of " + place)});
    }
    f["/api/v1/legal-brands"] = FirstListedIn("/api/v1/legal-brands", {kTown, kWestTown});

    // Visits by the city on a household of each grid, and those households in a must-visit
    // situation (a person of low income), so each is on its area's due list.
    for (const char* grid : {kGrid, kGrid2, kVillage2Grid, kWestGrid}) {
      const int64_t household = TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
        return c
            .QueryOne("SELECT MAX(id) FROM households WHERE region_path = ?", {cases::PathOf(grid)})
            ->Int(0);
      });
      const int64_t person = TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
        const int64_t id =
            c.QueryOne("SELECT MIN(id) FROM people WHERE household_id = ?", {household})->Int(0);
        c.Execute("UPDATE people SET tags = ',low_income,' WHERE id = ?", {id});
        return id;
      });
      const std::string visit = Created(
          city.Post("/api/v1/visits",
                    json::object{{"household_id", household},
                                 {"visited_at", FormatBeijing(now)},
                                 {"kind", "care"},
                                 {"mode", "home"},
                                 {"people", json::array{json::object{{"person_id", person}}}}}),
          std::string("a visit on ") + grid);
      f["/api/v1/visits"].push_back({visit});
      f["/api/v1/visits/care-people"].push_back({visit});
      f["/api/v1/visits/households"].push_back({std::to_string(household)});
      f["/api/v1/visits/due"].push_back({std::to_string(household)});
      // A tagged person of the grid no care visit has met (of another household).
      f["/api/v1/visits/care-unvisited"].push_back(
          {std::to_string(TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
            const int64_t id =
                c.QueryOne("SELECT MIN(id) FROM people WHERE region_path = ? AND household_id <> ?",
                           {cases::PathOf(grid), household})
                    ->Int(0);
            c.Execute("UPDATE people SET tags = ',disability,' WHERE id = ?", {id});
            return id;
          }))});
    }
    // Volunteers with a service each, and a replacement task open on a grid (written directly:
    // whether a leaving sister opens one depends on who else covers the grid).
    for (const char* code : {kVillage, kVillage2, kWestVillage}) {
      const std::string place(code);
      const std::string id =
          Created(city.Post("/api/v1/volunteers", json::object{{"name", "矩阵志愿者" + place},
                                                               {"gender", "female"},
                                                               {"member_type", "volunteer"},
                                                               {"region_code", place},
                                                               {"joined_at", FormatBeijing(now)}}),
                  "a volunteer in " + place);
      f["/api/v1/volunteers"].push_back({id});
      f["/api/v1/volunteer-services"].push_back({Created(
          city.Post("/api/v1/volunteer-services", json::object{{"volunteer_id", std::stoll(id)},
                                                               {"served_at", FormatBeijing(now)},
                                                               {"minutes", 60},
                                                               {"activity", "矩阵服务"}}),
          "a service in " + place)});
    }
    TestServer::Get().app().db().WriteSync([&](store::Connection& c) {
      for (const char* code : {kGrid2, kVillage2Grid, kWestGrid}) {
        c.Execute(
            "INSERT INTO coverage_tasks (grid_code, grid_path, opened_at, due_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            {std::string(code), cases::PathOf(code), now, now});
        f["/api/v1/coverage-tasks"].push_back(
            {std::to_string(c.QueryOne("SELECT id FROM coverage_tasks WHERE grid_code = ? AND "
                                       "closed_at IS NULL",
                                       {std::string(code)})
                                ->Int(0))});
      }
    });

    // Key families, on households of their own: the staff's list and the due-contact list show
    // the same families.
    for (const char* grid : {kGrid, kGrid2, kVillage2Grid, kWestGrid}) {
      const std::string place(grid);
      auto household =
          city.Post("/api/v1/households", json::object{{"grid_code", place},
                                                       {"address_detail", "矩阵测试地址 2 号"},
                                                       {"head_name", "矩阵重点户"}});
      auto listed = city.Post("/api/v1/key-families",
                              json::object{{"household_id", household.json.at("id").as_int64()},
                                           {"source", "manual"},
                                           {"listing_reason", "授权矩阵测试"},
                                           {"answers", json::object{}},
                                           {"colour", "blue"}});
      if (listed.status != 201)
        throw std::runtime_error("listing a family in " + place + ": " + listed.body);
      const std::string id = std::to_string(listed.json.at("family").at("id").as_int64());
      f["/api/v1/key-families"].push_back({id});
      f["/api/v1/key-families/due"].push_back({id});
    }
    return f;
  }();
  return made;
}

using Sight = std::function<bool(const json::object&)>;

/// One row of the matrix: a caller, a list (with its query), the field that names a row, and
/// whether the caller may see a row of it.
struct ListRow {
  std::string login;
  std::string target;
  std::string key = "id";
  Sight may_see;
  std::string List() const { return target.substr(0, target.find('?')); }
};

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

/// Inside the subtree of `area`; with `above`, also a region on the way up to it (rooms serve
/// the regions below them).
Sight InArea(const std::string& area, const std::string& field = "region_path",
             bool above = false) {
  return [=](const json::object& row) {
    const std::string path = KeyOf(row, field);
    return !path.empty() && (StartsWith(path, area) || (above && StartsWith(area, path)));
  };
}

std::vector<ListRow> Rows() {
  std::vector<ListRow> rows;
  for (const auto& [login, code] : Callers()) {
    const std::string area = cases::PathOf(code);
    const int64_t user = cases::UserIdOf(login);
    rows.push_back({login, "/api/v1/regions?level=grid", "code", InArea(area, "path")});
    for (const char* list :
         {"/api/v1/people", "/api/v1/households", "/api/v1/mediators", "/api/v1/duty-shifts",
          "/api/v1/teams", "/api/v1/rooms", "/api/v1/key-families", "/api/v1/key-families/due",
          "/api/v1/incidents", "/api/v1/visits", "/api/v1/volunteers", "/api/v1/volunteer-services",
          "/api/v1/trainings", "/api/v1/hotline-calls", "/api/v1/legal-contents",
          "/api/v1/legal-events", "/api/v1/legal-campaigns", "/api/v1/legal-brands"})
      rows.push_back({login, list, "id", InArea(area)});
    rows.push_back({login, "/api/v1/visits/due", "household_id", InArea(area)});
    rows.push_back({login, "/api/v1/visits/care-unvisited", "person_id", InArea(area)});
    rows.push_back({login, "/api/v1/visits/households", "household_id", InArea(area)});
    rows.push_back({login, "/api/v1/incidents/pushes", "id", [code](const json::object& p) {
                      const auto* i = p.if_contains("incident");
                      return i && i->is_object() &&
                             StartsWith(KeyOf(i->as_object(), "region_code"), code);
                    }});
    rows.push_back({login, "/api/v1/visits/care-people", "visit_id", InArea(area)});
    rows.push_back({login, "/api/v1/coverage-tasks", "id", InArea(area, "grid_path")});
    rows.push_back({login, "/api/v1/rooms?serving=1", "id", InArea(area, "region_path", true)});
    // A mediator reads no consultations.
    rows.push_back(
        {login, "/api/v1/consultations", "id",
         login == "mediator" ? Sight([](const json::object&) { return false; }) : InArea(area)});
    // Cases: a mediator sees those it mediates; a grid sister those she took in or holds while
    // her village or grid handles them; the others, those handled in their area.
    Sight case_sight;
    if (login == "mediator") {
      case_sight = [ids = MediatorIdsOf(login)](const json::object& c) {
        return MediatedBy(c, ids);
      };
    } else if (login == "gridsister") {
      auto followed = std::make_shared<std::set<std::string>>();
      TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
        for (const auto& row :
             c.Query("SELECT id FROM cases WHERE (created_by = ? OR assignee_id = ?) AND "
                     "region_path IN (?, ?)",
                     {user, user, area, cases::PathOf(kVillage)}))
          followed->insert(std::to_string(row.Int(0)));
      });
      case_sight = [followed](const json::object& c) { return followed->count(KeyOf(c, "id")); };
    } else {
      case_sight = [code](const json::object& c) {
        return StartsWith(KeyOf(c, "region_code"), code);
      };
    }
    rows.push_back({login, "/api/v1/cases", "id", case_sight});
    auto own = std::make_shared<std::set<std::string>>();
    TestServer::Get().app().db().ReadSync([&](store::Connection& c) {
      for (const auto& row : c.Query("SELECT id FROM saved_filters WHERE user_id = ?", {user}))
        own->insert(std::to_string(row.Int(0)));
    });
    rows.push_back({login, "/api/v1/saved-filters", "id",
                    [own](const json::object& f) { return own->count(KeyOf(f, "id")) > 0; }});
  }
  // Only the lists each caller's role may read (the others answer 403, checked in
  // authz_matrix_test.cpp).
  std::map<std::string, std::string> permission;
  for (const auto& op : DocumentedOperations())
    if (op.method == "GET") permission[op.path] = op.permission;
  std::erase_if(rows, [&](const ListRow& r) {
    return !domain::RoleHas(domain::ParseRole(RoleOf(r.login)).value(), permission.at(r.List()));
  });
  return rows;
}

TEST(ListMatrix, EveryListACallerOfPartOfTheCityMayReadHasARow) {
  const auto rows = Rows();
  for (const auto& [login, code] : Callers()) {
    const auto role = domain::ParseRole(RoleOf(login)).value();
    for (const auto& op : DocumentedOperations()) {
      if (op.method != "GET" || !op.paged || op.path.find('{') != std::string::npos) continue;
      if (op.path.find("/session/") != std::string::npos) continue;  // the caller's own
      if (!domain::RoleHas(role, op.permission)) continue;
      const bool covered = std::any_of(rows.begin(), rows.end(), [&](const ListRow& r) {
        return r.login == login && r.List() == op.path;
      });
      EXPECT_TRUE(covered) << login << " may read " << op.path << ", which has no matrix row";
      EXPECT_TRUE(Made().count(op.path)) << op.path << " has nothing made for the matrix";
    }
  }
}

TEST(ListMatrix, NoListShowsARowOutsideTheCallersSightAndEachHasRowsToLeak) {
  const auto& made = Made();
  // What the callers who see more list, read once per list and query.
  std::map<std::pair<std::string, std::string>, std::vector<json::object>> listed;
  for (const auto& row : Rows()) {
    SCOPED_TRACE(row.login + " " + row.target);
    ASSERT_TRUE(made.count(row.List())) << "nothing made for " << row.List();
    std::set<std::string> hidden, shown;  // the rows made that it must not, and must, show
    for (const auto& f : made.at(row.List())) {
      auto& rows = listed[{f.listed_by, row.target}];
      if (rows.empty()) rows = ReadAll(f.listed_by, row.target);
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&](const json::object& r) { return KeyOf(r, row.key) == f.key; });
      if (it == rows.end()) {
        ADD_FAILURE() << f.listed_by << " does not list " << row.key << " " << f.key;
        continue;
      }
      (row.may_see(*it) ? shown : hidden).insert(f.key);
    }
    EXPECT_FALSE(hidden.empty()) << "no row outside the caller's sight: nothing to leak";
    std::set<std::string> keys;
    for (const auto& item : ReadAll(row.login, row.target)) {
      keys.insert(KeyOf(item, row.key));
      EXPECT_TRUE(row.may_see(item)) << "leaked " << json::serialize(item).substr(0, 240);
    }
    for (const auto& k : hidden)
      EXPECT_FALSE(keys.count(k)) << "leaked the row made outside: " << k;
    for (const auto& k : shown) EXPECT_TRUE(keys.count(k)) << "misses the row made inside: " << k;
  }
}

}  // namespace
}  // namespace hejia::testing
