#include "store/rooms_repo.hpp"

#include <utility>

#include "common/clock.hpp"
#include "domain/region.hpp"
#include "security/field_cipher.hpp"
#include "security/mask.hpp"
#include "store/code_list.hpp"
#include "store/row_values.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"
#include "store/versioned_row.hpp"

namespace hejia::store {

namespace {

// Associated data binds the ciphertext to its table, column and row.
std::string MediatorPhoneAd(int64_t id) {
  return "mediators/phone/" + std::to_string(id);
}

// ---- rooms ----

constexpr std::string_view kRoomColumns =
    "m.id, m.name, m.region_code, COALESCE(r.name, ''), m.region_path, m.level, m.address, "
    "m.hours, m.phone, m.demonstration, m.retired, m.created_at, m.updated_at, m.version";
constexpr std::string_view kRoomFrom =
    " FROM mediation_rooms m LEFT JOIN regions r ON r.code = m.region_code";

RoomRecord RoomFromRow(const Row& r) {
  RoomRecord rec;
  rec.id = r.Int(0);
  rec.fields.name = r.Text(1);
  rec.fields.region_code = r.Text(2);
  rec.fields.region_path = r.Text(4);
  rec.fields.level = r.Text(5);
  rec.fields.address = r.Text(6);
  rec.fields.hours = r.Text(7);
  rec.fields.phone = r.Text(8);
  rec.fields.demonstration = r.Int(9) != 0;
  rec.retired = r.Int(10) != 0;
  rec.version = r.Int(13);
  rec.region_name = r.Text(3);
  rec.created_at = r.Int(11);
  rec.updated_at = r.Int(12);
  return rec;
}

// ---- mediators ----

constexpr std::string_view kMediatorColumns =
    "d.id, d.name, d.type, d.region_code, COALESCE(r.name, ''), d.region_path, d.user_id, "
    "COALESCE(u.display_name, ''), d.person_id, d.specialities, d.phone_mask, d.active, "
    "d.created_at, d.updated_at, d.version, "
    "(SELECT COUNT(*) FROM cases c WHERE c.mediator_id = d.id "
    "AND c.status IN ('assigned', 'mediating'))";
constexpr std::string_view kMediatorFrom =
    " FROM mediators d LEFT JOIN regions r ON r.code = d.region_code "
    "LEFT JOIN users u ON u.id = d.user_id";

MediatorRecord MediatorFromRow(const Row& r) {
  MediatorRecord rec;
  rec.id = r.Int(0);
  rec.fields.name = r.Text(1);
  rec.fields.type = r.Text(2);
  rec.fields.region_code = r.Text(3);
  rec.region_name = r.Text(4);
  rec.fields.region_path = r.Text(5);
  rec.fields.user_id = OptInt(r, 6);
  rec.user_display_name = r.Text(7);
  rec.fields.person_id = OptInt(r, 8);
  rec.fields.specialities = DecodeCodes(r.Text(9));
  rec.phone_mask = r.Text(10);
  rec.has_phone = !rec.phone_mask.empty();
  rec.fields.active = r.Int(11) != 0;
  rec.created_at = r.Int(12);
  rec.updated_at = r.Int(13);
  rec.version = r.Int(14);
  rec.case_load = r.Int(15);
  return rec;
}

// ---- duty shifts ----

constexpr std::string_view kShiftColumns =
    "s.id, s.region_code, COALESCE(r.name, ''), s.region_path, s.user_id, "
    "COALESCE(u.display_name, ''), s.starts_at, s.ends_at, s.note, s.created_at";
constexpr std::string_view kShiftFrom =
    " FROM duty_shifts s LEFT JOIN regions r ON r.code = s.region_code "
    "LEFT JOIN users u ON u.id = s.user_id";

DutyShift ShiftFromRow(const Row& r) {
  using S = DutyShift;
  return ReadColumns<S>(r, &S::id, &S::region_code, &S::region_name, &S::region_path, &S::user_id,
                        &S::user_display_name, &S::starts_at, &S::ends_at, &S::note,
                        &S::created_at);
}

// One page of a list: the total first, then the page's rows in `order`, each made by `make`.
// `from` is " FROM <table> <alias> ..." and every piece of SQL a constant of this file.
template <class Make>
auto PageOf(Connection& c, std::string_view columns, std::string_view from,
            std::string_view count_from, const std::string& where, Params params,
            const std::string& order, const PageSpec& page, Make make) {
  RecordPage<decltype(make(std::declval<const Row&>()))> out;
  out.total = c.QueryOne("SELECT COUNT(*)" + std::string(count_from) + where, params)->Int(0);
  if (out.total == 0 || page.offset >= out.total) return out;
  params.emplace_back(page.limit);
  params.emplace_back(page.offset);
  for (const auto& r : c.Query("SELECT " + std::string(columns) + std::string(from) + where +
                                   order + " LIMIT ? OFFSET ?",
                               params))
    out.items.push_back(make(r));
  return out;
}

RosterUser RosterUserFromRow(const Row& r) {
  using U = RosterUser;
  return ReadColumns<U>(r, &U::id, &U::login, &U::display_name, &U::role, &U::region_code,
                        &U::region_name, &U::region_path, &U::admin_locked);
}

constexpr std::string_view kRosterUserSelect =
    "SELECT u.id, u.login, u.display_name, u.role, u.region_code, r.name, r.path, u.admin_locked "
    "FROM users u JOIN regions r ON r.code = u.region_code";

}  // namespace

// ---- rooms ----

RecordPage<RoomRecord> ListRooms(Connection& c, const ScopeFilter& scope, const RoomFilter& filter,
                                 RoomSort sort, const PageSpec& page) {
  Params params;
  const ScopeFilter seen = scope.WithPaths(filter.also_paths);
  seen.Bind(params);
  std::string where = " WHERE 1 = 1" + seen.Sql("m.region_path");
  if (!filter.include_retired) where += " AND m.retired = 0";
  if (!filter.level.empty()) {
    // One level, or several separated by commas (validated by the caller).
    std::string_view rest = filter.level;
    where += " AND m.level IN (";
    for (bool first = true; !rest.empty(); first = false) {
      const size_t comma = rest.find(',');
      where += first ? "?" : ",?";
      params.emplace_back(std::string(rest.substr(0, comma)));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    where += ")";
  }
  if (filter.demonstration) {
    where += " AND m.demonstration = ?";
    params.emplace_back(*filter.demonstration ? 1 : 0);
  }
  if (!filter.name_contains.empty()) {
    where += " AND m.name LIKE ? ESCAPE '\\'";
    params.emplace_back(LikeContains(filter.name_contains));
  }
  const std::string dir = page.descending ? " DESC" : " ASC";
  std::string order;
  switch (sort) {
    case RoomSort::kRegion:
      order = " ORDER BY m.region_path" + dir + ", m.name ASC, m.id ASC";
      break;
    case RoomSort::kName:
      order = " ORDER BY m.name" + dir + ", m.id ASC";
      break;
    case RoomSort::kCreatedAt:
      order = " ORDER BY m.created_at" + dir + ", m.id" + dir;
      break;
  }
  return PageOf(c, kRoomColumns, kRoomFrom, " FROM mediation_rooms m", where, std::move(params),
                order, page, RoomFromRow);
}

std::optional<RoomRecord> LoadRoom(Connection& c, int64_t id) {
  auto row = c.QueryOne(
      "SELECT " + std::string(kRoomColumns) + std::string(kRoomFrom) + " WHERE m.id = ?", {id});
  if (!row) return std::nullopt;
  return RoomFromRow(*row);
}

int64_t InsertRoom(Connection& c, const RoomFields& f, int64_t now) {
  auto row = c.QueryOne(
      "INSERT INTO mediation_rooms (name, region_code, region_path, level, address, hours, phone, "
      "demonstration, retired, created_at, updated_at, version) "
      "VALUES (?,?,?,?,?,?,?,?,0,?,?,1) RETURNING id",
      {f.name, f.region_code, f.region_path, f.level, f.address, f.hours, f.phone,
       f.demonstration ? 1 : 0, now, now});
  if (!row) throw DbError("room insert returned no id");
  return row->Int(0);
}

bool UpdateRoom(Connection& c, int64_t id, int64_t expected_version, const RoomFields& f,
                int64_t now) {
  RowChange row;
  row.Set("name", f.name)
      .Set("region_code", f.region_code)
      .Set("region_path", f.region_path)
      .Set("level", f.level)
      .Set("address", f.address)
      .Set("hours", f.hours)
      .Set("phone", f.phone)
      .Set("demonstration", f.demonstration ? 1 : 0);
  return UpdateVersioned(c, "mediation_rooms", id, expected_version, row, now);
}

bool RetireRoom(Connection& c, int64_t id, int64_t expected_version, int64_t now) {
  return UpdateVersioned(c, "mediation_rooms", id, expected_version, RowChange().Set("retired", 1),
                         now);
}

bool RoomSlotFree(Connection& c, int64_t room_id, int64_t starts_at, int64_t ends_at,
                  std::optional<int64_t> except_session_id) {
  Params params{room_id, ends_at, starts_at};
  std::string sql =
      "SELECT 1 FROM mediation_sessions WHERE room_id = ? AND status <> 'cancelled' "
      "AND starts_at < ? AND ends_at > ?";
  if (except_session_id) {
    sql += " AND id <> ?";
    params.emplace_back(*except_session_id);
  }
  return !c.QueryOne(sql + " LIMIT 1", params).has_value();
}

int64_t UpcomingRoomSessions(Connection& c, int64_t room_id, int64_t now) {
  return c
      .QueryOne(
          "SELECT COUNT(*) FROM mediation_sessions WHERE room_id = ? AND status <> 'cancelled' "
          "AND ends_at > ?",
          {room_id, now})
      ->Int(0);
}

std::vector<RoomSession> RoomSessions(Connection& c, int64_t room_id, int64_t from, int64_t to,
                                      const ScopeFilter& case_scope) {
  std::vector<RoomSession> out;
  for (const auto& r :
       c.Query("SELECT s.id, s.case_id, s.starts_at, s.ends_at, s.online, s.status, "
               "COALESCE(k.region_path, '') FROM mediation_sessions s "
               "LEFT JOIN cases k ON k.id = s.case_id "
               "WHERE s.room_id = ? AND s.starts_at < ? AND s.ends_at > ? "
               "ORDER BY s.starts_at, s.id LIMIT 1000",
               {room_id, to, from})) {
    const bool mine = case_scope.Contains(r.Text(6));
    out.push_back(RoomSession{r.Int(0), mine ? std::optional<int64_t>(r.Int(1)) : std::nullopt,
                              r.Int(2), r.Int(3), r.Int(4) != 0, r.Text(5)});
  }
  return out;
}

// ---- mediators ----

RecordPage<MediatorRecord> ListMediators(Connection& c, const ScopeFilter& scope,
                                         const MediatorFilter& filter, MediatorSort sort,
                                         const PageSpec& page) {
  Params params;
  scope.Bind(params);
  std::string where = " WHERE 1 = 1" + scope.Sql("d.region_path");
  if (!filter.type.empty()) {
    where += " AND d.type = ?";
    params.emplace_back(filter.type);
  }
  if (!filter.speciality.empty()) {
    where += " AND d.specialities LIKE ?";
    params.emplace_back("%," + filter.speciality + ",%");
  }
  if (!filter.name_contains.empty()) {
    where += " AND d.name LIKE ? ESCAPE '\\'";
    params.emplace_back(LikeContains(filter.name_contains));
  }
  if (filter.active) {
    where += " AND d.active = ?";
    params.emplace_back(*filter.active ? 1 : 0);
  }
  const std::string dir = page.descending ? " DESC" : " ASC";
  std::string order;
  switch (sort) {
    case MediatorSort::kName:
      order = " ORDER BY d.name" + dir + ", d.id ASC";
      break;
    case MediatorSort::kCreatedAt:
      order = " ORDER BY d.created_at" + dir + ", d.id" + dir;
      break;
    case MediatorSort::kId:
      order = " ORDER BY d.id" + dir;
      break;
  }
  return PageOf(c, kMediatorColumns, kMediatorFrom, " FROM mediators d", where, std::move(params),
                order, page, MediatorFromRow);
}

std::optional<MediatorRecord> LoadMediator(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT " + std::string(kMediatorColumns) + std::string(kMediatorFrom) +
                            " WHERE d.id = ?" + scope.Sql("d.region_path"),
                        params);
  if (!row) return std::nullopt;
  return MediatorFromRow(*row);
}

int64_t InsertMediator(Connection& c, const security::FieldCipher& cipher, const MediatorFields& f,
                       const std::string& phone, int64_t now) {
  auto row = c.QueryOne(
      "INSERT INTO mediators (name, type, region_code, region_path, user_id, person_id, "
      "specialities, phone_mask, active, created_at, updated_at, version) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,1) RETURNING id",
      {f.name, f.type, f.region_code, f.region_path, Value(f.user_id), Value(f.person_id),
       EncodeCodes(f.specialities), security::MaskPhone(phone), f.active ? 1 : 0, now, now});
  if (!row) throw DbError("mediator insert returned no id");
  const int64_t id = row->Int(0);
  // The row id is part of the associated data, so the ciphertext can only be made now.
  if (!phone.empty())
    c.Execute("UPDATE mediators SET phone_enc = ? WHERE id = ?",
              {cipher.Encrypt(phone, MediatorPhoneAd(id)), id});
  return id;
}

bool UpdateMediator(Connection& c, const security::FieldCipher& cipher, int64_t id,
                    int64_t expected_version, const MediatorFields& f,
                    const std::optional<std::string>& phone, int64_t now) {
  RowChange row;
  row.Set("name", f.name)
      .Set("type", f.type)
      .Set("region_code", f.region_code)
      .Set("region_path", f.region_path)
      .Set("user_id", Value(f.user_id))
      .Set("person_id", Value(f.person_id))
      .Set("specialities", EncodeCodes(f.specialities))
      .Set("active", f.active ? 1 : 0);
  if (phone)
    row.Set("phone_enc",
            phone->empty() ? std::string() : cipher.Encrypt(*phone, MediatorPhoneAd(id)))
        .Set("phone_mask", security::MaskPhone(*phone));
  return UpdateVersioned(c, "mediators", id, expected_version, row, now);
}

std::optional<int64_t> MediatorOfUser(Connection& c, int64_t user_id) {
  auto row = c.QueryOne("SELECT MIN(id) FROM mediators WHERE user_id = ?", {user_id});
  if (!row || row->IsNull(0)) return std::nullopt;
  return row->Int(0);
}

int64_t MediatorCaseLoad(Connection& c, int64_t mediator_id) {
  return c
      .QueryOne(
          "SELECT COUNT(*) FROM cases WHERE mediator_id = ? AND status IN ('assigned', "
          "'mediating')",
          {mediator_id})
      ->Int(0);
}

std::optional<std::string> DecryptMediatorPhone(Connection& c, const security::FieldCipher& cipher,
                                                int64_t id) {
  auto row = c.QueryOne("SELECT phone_enc FROM mediators WHERE id = ?", {id});
  if (!row) return std::nullopt;
  const std::string enc = row->Text(0);
  if (enc.empty()) return std::string();
  return cipher.Decrypt(enc, MediatorPhoneAd(id));
}

// ---- duty roster ----

std::optional<RosterUser> FindRosterUser(Connection& c, int64_t user_id) {
  auto row = c.QueryOne(std::string(kRosterUserSelect) + " WHERE u.id = ?", {user_id});
  if (!row) return std::nullopt;
  return RosterUserFromRow(*row);
}

std::vector<RosterUser> RosterCandidates(Connection& c, const std::string& region_path,
                                         const std::vector<domain::Role>& roles) {
  std::vector<RosterUser> out;
  if (roles.empty() || region_path.empty()) return out;
  Params params;
  std::string sql = std::string(kRosterUserSelect) + " WHERE u.admin_locked = 0 AND u.role IN (";
  for (size_t i = 0; i < roles.size(); ++i) {
    sql += i ? ",?" : "?";
    params.emplace_back(std::string(domain::ToString(roles[i])));
  }
  sql += ")";
  const auto seen = ScopeFilter::Within(region_path).WithPathsAbove();
  seen.Bind(params);
  sql += seen.Sql("r.path");
  sql += " ORDER BY r.path, u.display_name, u.id LIMIT 500";
  for (const auto& r : c.Query(sql, params)) out.push_back(RosterUserFromRow(r));
  return out;
}

RecordPage<DutyShift> ListShifts(Connection& c, const ScopeFilter& scope,
                                 const std::optional<std::string>& exact_region, int64_t from,
                                 int64_t to, const PageSpec& page) {
  Params params;
  scope.Bind(params);
  std::string where = " WHERE 1 = 1" + scope.Sql("s.region_path");
  if (exact_region) {
    where += " AND s.region_code = ?";
    params.emplace_back(*exact_region);
  }
  where += " AND s.starts_at < ? AND s.ends_at > ?";
  params.emplace_back(to);
  params.emplace_back(from);
  const std::string dir = page.descending ? " DESC" : " ASC";
  return PageOf(c, kShiftColumns, kShiftFrom, " FROM duty_shifts s", where, std::move(params),
                " ORDER BY s.starts_at" + dir + ", s.region_path ASC, s.id ASC", page,
                ShiftFromRow);
}

std::optional<DutyShift> LoadShift(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT " + std::string(kShiftColumns) + std::string(kShiftFrom) +
                            " WHERE s.id = ?" + scope.Sql("s.region_path"),
                        params);
  if (!row) return std::nullopt;
  return ShiftFromRow(*row);
}

int64_t InsertShift(Connection& c, const std::string& region_code, const std::string& region_path,
                    int64_t user_id, int64_t starts_at, int64_t ends_at, const std::string& note,
                    std::optional<int64_t> created_by, int64_t now) {
  auto row = c.QueryOne(
      "INSERT INTO duty_shifts (region_code, region_path, user_id, starts_at, ends_at, note, "
      "created_at, created_by) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
      {region_code, region_path, user_id, starts_at, ends_at, note, now, Value(created_by)});
  if (!row) throw DbError("shift insert returned no id");
  return row->Int(0);
}

void DeleteShift(Connection& c, int64_t id) {
  c.Execute("DELETE FROM duty_shifts WHERE id = ?", {id});
}

void EndShiftAt(Connection& c, int64_t id, int64_t at) {
  c.Execute("UPDATE duty_shifts SET ends_at = ? WHERE id = ?", {at, id});
}

std::optional<DutyShift> UserShiftOverlapping(Connection& c, int64_t user_id, int64_t starts_at,
                                              int64_t ends_at) {
  auto row = c.QueryOne("SELECT " + std::string(kShiftColumns) + std::string(kShiftFrom) +
                            " WHERE s.user_id = ? AND s.starts_at < ? AND s.ends_at > ? "
                            "ORDER BY s.starts_at LIMIT 1",
                        {user_id, ends_at, starts_at});
  if (!row) return std::nullopt;
  return ShiftFromRow(*row);
}

std::vector<DutyShift> ShiftsCovering(Connection& c, const std::vector<std::string>& region_codes,
                                      int64_t at) {
  std::vector<DutyShift> out;
  if (region_codes.empty()) return out;
  Params params;
  std::string in;
  for (size_t i = 0; i < region_codes.size(); ++i) {
    in += i ? ",?" : "?";
    params.emplace_back(region_codes[i]);
  }
  params.emplace_back(at);
  params.emplace_back(at);
  for (const auto& r : c.Query("SELECT " + std::string(kShiftColumns) + std::string(kShiftFrom) +
                                   " WHERE s.region_code IN (" + in +
                                   ") AND s.starts_at <= ? AND s.ends_at > ? "
                                   "ORDER BY s.starts_at, s.id",
                               params))
    out.push_back(ShiftFromRow(r));
  return out;
}

}  // namespace hejia::store
