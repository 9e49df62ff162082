// Family mediation rooms (家事调解室) at city, town and village level, the demonstration sites
// among them, and each room's calendar of mediation sessions. A room serves its own region and
// everything below it, so besides the rooms of their own area, callers may open the rooms of the
// regions above them (a grid sister sends a family to her village's or her town's room).
// Mediators and the duty roster are registered from here too (mediators_api.cpp, duty_api.cpp).
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/rooms_common.hpp"
#include "api/rooms_json.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "common/utf8.hpp"
#include "domain/phone.hpp"
#include "domain/region.hpp"
#include "domain/text.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "http/sorted_page.hpp"
#include "store/rooms_repo.hpp"

namespace hejia::api {

namespace {
constexpr int64_t kDayMillis = 24LL * 3600 * 1000;
}

// ---- shared with mediators_api.cpp and duty_api.cpp ----
namespace rooms {

store::RegionRow PlaceRegion(store::Connection& c, const ScopeFilter& scope,
                             const std::string& code, std::string_view field) {
  auto region = store::FindRegion(c, std::string_view(code));
  // A region outside the caller's area is answered exactly like one that does not exist.
  if (!region || !scope.Contains(region->path))
    throw people::NotFoundField(std::string(field), "区划不存在 / no such region");
  if (region->retired) throw Invalid(std::string(field), "该区划已停用 / this region is retired");
  if (region->level == domain::RegionLevel::kGrid)
    throw Invalid(std::string(field),
                  "应为市、镇街或村社，不能是网格 / must be a city, town or village, not a grid");
  return *region;
}

std::string CheckedText(const std::optional<std::string>& raw, std::string_view field,
                        size_t max_chars, bool required) {
  auto checked = domain::CheckText(raw.value_or(""), max_chars, required);
  if (checked.problem)
    throw Invalid(std::string(field), domain::TextProblemMessage(*checked.problem, max_chars));
  return std::move(checked.text);
}

std::optional<int64_t> QueryDate(const http::Request& req, std::string_view name) {
  auto text = http::QueryText(req, name, 10);
  if (!text) return std::nullopt;
  const int64_t millis = BeijingDateStartMillis(*text);
  if (millis < 0) throw Invalid(std::string(name), "日期应为 YYYY-MM-DD / date must be YYYY-MM-DD");
  return millis;
}

std::optional<bool> QueryFlag(const http::Request& req, std::string_view name) {
  auto text = http::QueryText(req, name, 5);
  if (!text) return std::nullopt;
  if (*text == "1" || *text == "true") return true;
  if (*text == "0" || *text == "false") return false;
  throw Invalid(std::string(name), "应为 0 或 1 / must be 0 or 1");
}

std::pair<int64_t, int64_t> DateRange(const http::Request& req, const Clock& clock,
                                      int64_t max_days) {
  const int64_t today = BeijingDateStartMillis(people::TodayBeijing(clock));
  const int64_t from = QueryDate(req, "from").value_or(today);
  const int64_t to = QueryDate(req, "to").value_or(from + 6 * kDayMillis) + kDayMillis;
  if (to <= from) throw Invalid("to", "结束日期早于开始日期 / `to` is before `from`");
  if (to - from > max_days * kDayMillis)
    throw Invalid("to", "最多查询 " + std::to_string(max_days) + " 天 / at most " +
                            std::to_string(max_days) + " days");
  return {from, to};
}

}  // namespace rooms

namespace {

using people::FieldList;
using people::PathId;
using rooms::CheckedText;

constexpr size_t kNameMax = 50, kAddressMax = 200, kHoursMax = 100;

/// A room is visible in the caller's area and at the regions above it (it serves them).
bool RoomVisible(const http::Principal& caller, std::string_view room_path) {
  return ScopeOf(caller).WithPathsAbove().Sees(room_path);
}

/// The room if the caller may see it; 404 otherwise, like a missing one.
store::RoomRecord VisibleRoom(store::Connection& c, const http::Principal& caller, int64_t id) {
  auto room = store::LoadRoom(c, id);
  if (!room || !RoomVisible(caller, room->fields.region_path))
    throw NotFound("调解室不存在 / no such room");
  return *room;
}

/// The room if the caller may change it: 404 when invisible, 403 when it belongs to a region
/// above the caller's area (seen, but not theirs to change).
store::RoomRecord WritableRoom(store::Connection& c, const http::Principal& caller, int64_t id) {
  auto room = VisibleRoom(c, caller, id);
  if (!ScopeOf(caller).Contains(room.fields.region_path))
    throw Forbidden(
        "该调解室属于上级区划，只能由上级修改 / this room belongs to a region above "
        "yours; it is changed there");
  return room;
}

/// The office phone, normalised; "" when not given. 400 naming `phone`.
std::string RoomPhone(const std::optional<std::string>& raw) {
  const std::string text = raw ? http::TrimSpaces(*raw) : std::string();
  if (text.empty()) return {};
  auto normalized = domain::NormalizePhone(text);
  if (!normalized) throw Invalid("phone", "不是有效的电话号码 / not a valid phone number");
  return *normalized;
}

constexpr std::pair<store::RoomSort, std::string_view> kRoomSorts[] = {
    {store::RoomSort::kRegion, "region"},
    {store::RoomSort::kName, "name"},
    {store::RoomSort::kCreatedAt, "created_at"}};

asio::awaitable<http::Response> ListRooms(Services& s, http::Request& req) {
  const auto listing = http::ParseSortedPage(req, kRoomSorts);
  store::RoomFilter filter;
  if (auto level = http::QueryText(req, "level", 30)) {
    // One level or several, separated by commas ("town,village": the demonstration sites).
    std::string_view rest = *level;
    do {
      const size_t comma = rest.find(',');
      auto parsed = domain::ParseRegionLevel(rest.substr(0, comma));
      if (!parsed || *parsed == domain::RegionLevel::kGrid)
        throw Invalid("level", "应为 city、town 或 village / must be city, town or village");
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    } while (!rest.empty());
    filter.level = *level;
  }
  filter.demonstration = rooms::QueryFlag(req, "demonstration");
  filter.name_contains = http::QueryText(req, "q", 50).value_or("");
  filter.include_retired = rooms::QueryFlag(req, "include_retired").value_or(false);
  const bool serving = rooms::QueryFlag(req, "serving").value_or(false);
  const auto region = http::QueryText(req, "region", 20);
  const bool own = people::OwnQuery(req);
  // `serving=1` adds the rooms of the regions above: only without a narrower `region`.
  if (serving && !region) filter.also_paths = domain::PathsAbove(req.Caller().region_path);
  const auto spec = people::ToPageSpec(listing.page);
  auto result = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = people::ListScope(c, req.Caller(), region, own);
    return store::ListRooms(c, scope, filter, listing.sort, spec);
  });
  co_return http::JsonResponse(200, rooms::PageJson(result, listing.page, rooms::RoomJson));
}

asio::awaitable<http::Response> GetRoom(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto room = co_await s.db.Read(
      [&](store::Connection& c) { return rooms::RoomJson(VisibleRoom(c, req.Caller(), id)); });
  co_return http::JsonResponse(200, room);
}

asio::awaitable<http::Response> RoomCalendar(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const auto range = rooms::DateRange(req, s.clock, 62);
  const int64_t from = range.first, to = range.second;
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto room = VisibleRoom(c, req.Caller(), id);
    return json::object{{"room_id", room.id},
                        {"from", FormatBeijing(from).substr(0, 10)},
                        {"to", FormatBeijing(to - kDayMillis).substr(0, 10)},
                        {"sessions", rooms::SessionsJson(store::RoomSessions(
                                         c, room.id, from, to, ScopeOf(req.Caller())))}};
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> CreateRoom(Services& s, http::Request& req) {
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"name", "region_code", "address", "hours", "phone", "demonstration"});
  store::RoomFields f;
  f.name = CheckedText(body.OptString("name", 200), "name", kNameMax, true);
  f.region_code = body.RequiredString("region_code", 20);
  f.address = CheckedText(body.OptString("address", 400), "address", kAddressMax, false);
  f.hours = CheckedText(body.OptString("hours", 200), "hours", kHoursMax, false);
  f.phone = RoomPhone(body.OptString("phone", 40));
  f.demonstration = body.OptBool("demonstration").value_or(false);
  std::vector<std::string_view> fields{"name", "region_code"};
  if (!f.address.empty()) fields.push_back("address");
  if (!f.hours.empty()) fields.push_back("hours");
  if (!f.phone.empty()) fields.push_back("phone");
  if (f.demonstration) fields.push_back("demonstration");

  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) {
    const auto region = rooms::PlaceRegion(c, scope, f.region_code, "region_code");
    f.region_path = region.path;
    f.level = domain::ToString(region.level);  // the room's level follows its region's
    const int64_t id = store::InsertRoom(c, f, now);
    s.Audit(c, ActorOf(req), "room", std::to_string(id), "create", "ok", FieldList(fields));
    return rooms::RoomJson(Reloaded(store::LoadRoom(c, id)));
  });
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> UpdateRoom(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), {"name", "region_code", "address", "hours",
                                                     "phone", "demonstration", "version"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const auto name = body.OptString("name", 200);
  const auto region_code = body.OptString("region_code", 20);
  const auto address = body.OptString("address", 400);
  const auto hours = body.OptString("hours", 200);
  const auto phone = body.OptString("phone", 40);
  const auto demonstration = body.OptBool("demonstration");
  // Validate what was sent before anything is loaded.
  const std::string new_name = name ? CheckedText(name, "name", kNameMax, true) : "";
  const std::string new_address = CheckedText(address, "address", kAddressMax, false);
  const std::string new_hours = CheckedText(hours, "hours", kHoursMax, false);
  const std::string new_phone = RoomPhone(phone);
  // A field sent as "" or null clears it.
  const bool address_given = body.object().contains("address"),
             hours_given = body.object().contains("hours"),
             phone_given = body.object().contains("phone");
  const int64_t now = s.clock.NowMillis();

  auto updated = co_await s.db.Write([&](store::Connection& c) -> json::object {
    const auto cur = WritableRoom(c, req.Caller(), id);
    const auto current = [&] { return rooms::RoomJson(cur); };
    CheckVersion(cur.version, version, current);
    store::RoomFields f = cur.fields;
    people::Changes changes;
    changes.Set(name.has_value(), f.name, new_name, "name");
    if (region_code && *region_code != f.region_code) {
      const auto region = rooms::PlaceRegion(c, ScopeOf(req.Caller()), *region_code, "region_code");
      f.region_code = region.code;
      f.region_path = region.path;
      f.level = domain::ToString(region.level);
      changes.Add("region_code");
    }
    changes.Set(address_given, f.address, new_address, "address");
    changes.Set(hours_given, f.hours, new_hours, "hours");
    changes.Set(phone_given, f.phone, new_phone, "phone");
    changes.Set(demonstration.has_value(), f.demonstration, demonstration.value_or(false),
                "demonstration");
    if (changes.empty()) return current();
    if (!store::UpdateRoom(c, id, version, f, now)) throw StaleVersion(current());
    s.Audit(c, ActorOf(req), "room", std::to_string(id), "update", "ok", changes.Detail());
    return rooms::RoomJson(Reloaded(store::LoadRoom(c, id)));
  });
  co_return http::JsonResponse(200, updated);
}

asio::awaitable<http::Response> RetireRoom(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const int64_t now = s.clock.NowMillis();
  auto retired = co_await s.db.Write([&](store::Connection& c) -> json::object {
    const auto cur = WritableRoom(c, req.Caller(), id);
    if (cur.retired) return rooms::RoomJson(cur);
    if (const int64_t upcoming = store::UpcomingRoomSessions(c, id, now); upcoming > 0)
      throw Conflict(
          "该调解室还有未结束的调解安排，请先改期或取消 / the room still has sessions "
          "booked: move or cancel them first")
          .WithDetails(json::object{{"upcoming_sessions", upcoming}});
    if (!store::RetireRoom(c, id, cur.version, now)) throw StaleVersion(rooms::RoomJson(cur));
    s.Audit(c, ActorOf(req), "room", std::to_string(id), "retire", "ok");
    return rooms::RoomJson(Reloaded(store::LoadRoom(c, id)));
  });
  co_return http::JsonResponse(200, retired);
}

json::value RoomSchema() {
  return schema::Shape(
      "id:integer name:string region_code:string region_name:string region_path:string "
      "level:string address:string hours:string phone:string demonstration:boolean retired:boolean "
      "created_at:string updated_at:string version:integer");
}

schema::Bodies RoomBodies() {
  return schema::CreateAndPatch(
      schema::Fields("name region_code address hours phone demonstration:boolean",
                     {{"name", kNameMax}, {"address", kAddressMax}, {"hours", kHoursMax}}),
      {}, {"name", "region_code"});
}

}  // namespace

void AddRoomRoutes(http::Router& router, Services& s) {
  const json::value room = RoomSchema();
  AreaRoutes area(router, s, "/api/v1/rooms", "rooms");
  area.Crud({.noun = "mediation room",
             .permissions = {"room.read", "room.write"},
             .list = {ListRooms,
                      "Mediation rooms of my area (serving=1 adds the rooms above it)",
                      {{"level", "string",
                        "the room's level: city, town or village, or several separated by "
                        "commas"},
                       kRegionQuery,
                       kOwnQuery,
                       Flag("demonstration", "only demonstration sites (1) or others (0)"),
                       Contains("name"),
                       Flag("include_retired", "also retired rooms"),
                       Flag("serving", "also the rooms of the regions above my area")}},
             .create = {CreateRoom, "Open a mediation room in a city, town or village of my area"},
             .get = {GetRoom, "One mediation room (mine or one serving my area)"},
             .patch = {UpdateRoom},
             .schema = room,
             .bodies = RoomBodies()});
  area.Add(verb::post, "/{id}/retire", "room.write",
           "Retire a mediation room (refused while sessions are booked in it)", RetireRoom,
           {.response_schema = room});
  area.Add(verb::get, "/{id}/calendar", "room.read",
           "The room's mediation sessions between two dates (no case content)", RoomCalendar,
           {.query = {FirstDay("today"), LastDay("from + 6 days")},
            .response_schema =
                schema::Shape("room_id:integer from:string to:string sessions:object[]")});
}

}  // namespace hejia::api
