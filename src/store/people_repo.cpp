#include "store/people_repo.hpp"
#include "store/row_values.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "common/clock.hpp"
#include "security/field_cipher.hpp"
#include "security/mask.hpp"
#include "store/scope.hpp"

namespace hejia::store {

namespace json = boost::json;

namespace {

// Associated data binds each ciphertext to its table, column and row.
std::string PhoneAd(int64_t id) {
  return "people/phone/" + std::to_string(id);
}
std::string IdNumberAd(int64_t id) {
  return "people/id_number/" + std::to_string(id);
}
std::string PersonAddressAd(int64_t id) {
  return "people/address/" + std::to_string(id);
}
std::string HouseholdAddressAd(int64_t id) {
  return "households/address/" + std::to_string(id);
}

// Tags are stored as ",a,b," so that one tag is found with `tags LIKE '%,a,%'`.
std::string EncodeTags(const std::vector<std::string>& tags) {
  if (tags.empty()) return {};
  std::string s = ",";
  for (const auto& t : tags) s += t + ",";
  return s;
}

template <class F>
void ForEachTag(std::string_view stored, F&& fn) {
  size_t start = 0;
  while (start < stored.size()) {
    size_t comma = stored.find(',', start);
    if (comma == std::string_view::npos) comma = stored.size();
    if (comma > start) fn(stored.substr(start, comma - start));
    start = comma + 1;
  }
}

std::vector<std::string> DecodeTags(std::string_view stored) {
  std::vector<std::string> out;
  ForEachTag(stored, [&](std::string_view t) { out.emplace_back(t); });
  return out;
}

json::array TagsJson(std::string_view stored, const json::storage_ptr& sp) {
  json::array a(sp);
  ForEachTag(stored, [&](std::string_view t) { a.emplace_back(t); });
  return a;
}

json::value OrNull(std::string_view s, const json::storage_ptr& sp) {
  if (s.empty()) return json::value(nullptr, sp);
  return json::value(s, sp);
}

// The text of a NOT NULL text column, without copying it.
std::string_view TextOf(const Row& r, size_t i) {
  return r[i].TextRef();
}

// Formatting a time is the costliest part of a row; rows of one page often share their times
// (created_at equals updated_at until the first edit; an import stamps many rows alike).
std::string Timestamp(int64_t millis) {
  thread_local int64_t last = INT64_MIN;
  thread_local std::string text;
  if (millis != last) {
    text = FormatBeijing(millis);
    last = millis;
  }
  return text;
}

// Rows live on grids, so the last path segment is the grid's code ("/330784/…/<grid>/").
std::string_view LastSegment(std::string_view path) {
  if (path.size() < 2) return {};
  const auto end = path.size() - 1;
  const auto slash = path.rfind('/', end - 1);
  return path.substr(slash + 1, end - slash - 1);
}

// ---- serialisers: masked columns only ----

constexpr std::string_view kPersonColumns =
    "p.id, p.household_id, p.name, p.gender, p.birth_date, p.id_mask, p.phone_mask, "
    "p.address_mask, p.tags, p.relation, p.region_path, p.created_at, p.updated_at, p.version";
constexpr size_t kPersonColumnCount = 14;

json::object PersonJson(const Row& r, const json::storage_ptr& sp = {}) {
  const std::string_view path = TextOf(r, 10);
  const std::string created = Timestamp(r.Int(11));
  const std::string updated = r.Int(12) == r.Int(11) ? created : Timestamp(r.Int(12));
  return json::object({{"id", r.Int(0)},
                       {"household_id", r.Int(1)},
                       {"name", TextOf(r, 2)},
                       {"gender", TextOf(r, 3)},
                       {"birth_date", TextOf(r, 4)},
                       {"id_number", OrNull(TextOf(r, 5), sp)},
                       {"phone", OrNull(TextOf(r, 6), sp)},
                       {"address_detail", OrNull(TextOf(r, 7), sp)},
                       {"tags", TagsJson(TextOf(r, 8), sp)},
                       {"relation", TextOf(r, 9)},
                       {"region_code", LastSegment(path)},
                       {"region_path", path},
                       {"created_at", created},
                       {"updated_at", updated},
                       {"version", r.Int(13)}},
                      sp);
}

constexpr std::string_view kHouseholdColumns =
    "h.id, h.grid_code, COALESCE(r.name, ''), h.region_path, h.address_mask, h.head_name, "
    "h.members_count, h.tags, h.created_at, h.updated_at, h.version";
constexpr size_t kHouseholdColumnCount = 11;
constexpr std::string_view kHouseholdFrom =
    " FROM households h LEFT JOIN regions r ON r.code = h.grid_code";
// A page names its grid(s) with one lookup per distinct grid instead of a join per row.
constexpr std::string_view kHouseholdPageColumns =
    "h.id, h.grid_code, '', h.region_path, h.address_mask, h.head_name, h.members_count, "
    "h.tags, h.created_at, h.updated_at, h.version";

json::object HouseholdJson(const Row& r, const json::storage_ptr& sp = {},
                           std::optional<std::string_view> grid_name = std::nullopt) {
  const std::string created = Timestamp(r.Int(8));
  const std::string updated = r.Int(9) == r.Int(8) ? created : Timestamp(r.Int(9));
  return json::object({{"id", r.Int(0)},
                       {"grid_code", TextOf(r, 1)},
                       {"grid_name", grid_name ? *grid_name : TextOf(r, 2)},
                       {"region_path", TextOf(r, 3)},
                       {"address_detail", OrNull(TextOf(r, 4), sp)},
                       {"head_name", TextOf(r, 5)},
                       {"members_count", r.Int(6)},
                       {"tags", TagsJson(TextOf(r, 7), sp)},
                       {"created_at", created},
                       {"updated_at", updated},
                       {"version", r.Int(10)}},
                      sp);
}

// ---- lists ----

// The name of a grid for a household page: a page of search results spans many grids, and a
// lookup each would cost more than the rest of the row. A renamed grid shows within seconds.
std::string GridName(Connection& c, const std::string& code) {
  static ListCache<std::string> names{8192};  // a city has a few thousand grids
  const uint64_t generation = ListGeneration();
  if (auto hit = names.Get(code, generation)) return *hit;
  auto row = c.QueryOne("SELECT name FROM regions WHERE code = ?", {code});
  std::string name = row ? row->Text(0) : std::string();
  names.Put(code, name, generation);
  return name;
}

}  // namespace

std::string PhoneIndex(const security::FieldCipher& cipher, std::string_view normalized_phone) {
  return cipher.BlindIndex("phone", normalized_phone);
}

std::string IdNumberIndex(const security::FieldCipher& cipher, std::string_view normalized_id) {
  return cipher.BlindIndex("id_number", normalized_id);
}

ListResult ListPeople(Connection& c, const ScopeFilter& scope, const PersonFilter& filter,
                      PersonSort sort, const PageSpec& page, const json::storage_ptr& sp) {
  ListQuery q{.table = "people", .alias = "p", .columns = kPersonColumns};
  if (!filter.name_contains.empty()) {
    q.where += " AND p.name LIKE ? ESCAPE '\\'";
    q.params.emplace_back(LikeContains(filter.name_contains));
  }
  if (!filter.phone_bidx.empty()) {
    q.where += " AND p.phone_bidx = ?";
    q.params.emplace_back(filter.phone_bidx);
  }
  if (!filter.id_bidx.empty()) {
    q.where += " AND p.id_bidx = ?";
    q.params.emplace_back(filter.id_bidx);
  }
  if (!filter.tag.empty()) {
    q.where += " AND p.tags LIKE ?";
    q.params.emplace_back("%," + filter.tag + ",%");
  }
  if (!filter.gender.empty()) {
    q.where += " AND p.gender = ?";
    q.params.emplace_back(filter.gender);
  }
  switch (sort) {
    case PersonSort::kId:
      q.order = ListOrder(q, "id", page.descending);
      break;
    case PersonSort::kName:
      q.order = ListOrder(q, "name", page.descending);
      break;
    case PersonSort::kBirthDate:
      q.order = ListOrder(q, "birth_date", page.descending);
      break;
    case PersonSort::kCreatedAt:
      q.order = ListOrder(q, "created_at", page.descending);
      break;
  }
  // An exact phone or ID search goes by its blind index; the level index would only compete.
  q.by_level_index = sort == PersonSort::kId && filter.phone_bidx.empty() && filter.id_bidx.empty();
  ListResult out{json::array(sp), 0};
  out.total = RunScopedList(c, scope, q, page,
                            [&](const Row& r) { out.items.push_back(PersonJson(r, sp)); });
  return out;
}

ListResult ListHouseholds(Connection& c, const ScopeFilter& scope, const HouseholdFilter& filter,
                          HouseholdSort sort, const PageSpec& page, const json::storage_ptr& sp) {
  ListQuery q{.table = "households", .alias = "h", .columns = kHouseholdPageColumns};
  if (!filter.head_name_contains.empty()) {
    q.where += " AND h.head_name LIKE ? ESCAPE '\\'";
    q.params.emplace_back(LikeContains(filter.head_name_contains));
  }
  if (!filter.tag.empty()) {
    q.where += " AND h.tags LIKE ?";
    q.params.emplace_back("%," + filter.tag + ",%");
  }
  switch (sort) {
    case HouseholdSort::kId:
      q.order = ListOrder(q, "id", page.descending);
      break;
    case HouseholdSort::kCreatedAt:
      q.order = ListOrder(q, "created_at", page.descending);
      break;
    case HouseholdSort::kHeadName:
      q.order = ListOrder(q, "head_name", page.descending);
      break;
  }
  q.by_level_index = sort == HouseholdSort::kId;
  ListResult out{json::array(sp), 0};
  out.total = RunScopedList(c, scope, q, page, [&](const Row& r) {
    const std::string grid_name = GridName(c, r[1].TextRef());
    out.items.push_back(HouseholdJson(r, sp, grid_name));
  });
  return out;
}

std::optional<json::object> FindPersonJson(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT " + std::string(kPersonColumns) + " FROM people p WHERE p.id = ?" +
                            scope.Sql("p.region_path"),
                        params);
  if (!row) return std::nullopt;
  return PersonJson(*row);
}

std::optional<json::object> FindHouseholdJson(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT " + std::string(kHouseholdColumns) + std::string(kHouseholdFrom) +
                            " WHERE h.id = ?" + scope.Sql("h.region_path"),
                        params);
  if (!row) return std::nullopt;
  json::object out = HouseholdJson(*row);
  // Members share the household's path, so the scope test is the household's; it stays in the
  // query anyway so that no path can list a person outside the caller's scope.
  json::array members;
  for (const auto& r :
       c.Query("SELECT " + std::string(kPersonColumns) + " FROM people p WHERE p.household_id = ?" +
                   scope.Sql("p.region_path") + " ORDER BY p.id LIMIT 500",
               params))
    members.push_back(PersonJson(r));
  out["members"] = std::move(members);
  return out;
}

std::optional<PersonRecord> LoadPerson(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT " + std::string(kPersonColumns) +
                            ", p.id_enc, COALESCE(p.id_bidx, ''), p.phone_enc, "
                            "COALESCE(p.phone_bidx, ''), p.address_enc"
                            " FROM people p WHERE p.id = ?" +
                            scope.Sql("p.region_path"),
                        params);
  if (!row) return std::nullopt;
  PersonRecord rec;
  rec.id = row->Int(0);
  rec.household_id = row->Int(1);
  rec.plain.name = row->Text(2);
  rec.plain.gender = row->Text(3);
  rec.plain.birth_date = row->Text(4);
  rec.plain.tags = DecodeTags(row->Text(8));
  rec.plain.relation = row->Text(9);
  rec.region_path = row->Text(10);
  rec.version = row->Int(13);
  const size_t k = kPersonColumnCount;
  rec.id_enc = row->Text(k);
  rec.id_bidx = row->Text(k + 1);
  rec.phone_enc = row->Text(k + 2);
  rec.phone_bidx = row->Text(k + 3);
  rec.address_enc = row->Text(k + 4);
  rec.masked = PersonJson(*row);
  return rec;
}

std::optional<HouseholdRecord> LoadHousehold(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row =
      c.QueryOne("SELECT " + std::string(kHouseholdColumns) + ", h.address_enc" +
                     std::string(kHouseholdFrom) + " WHERE h.id = ?" + scope.Sql("h.region_path"),
                 params);
  if (!row) return std::nullopt;
  HouseholdRecord rec;
  rec.id = row->Int(0);
  rec.grid_code = row->Text(1);
  rec.region_path = row->Text(3);
  rec.head_name = row->Text(5);
  rec.tags = DecodeTags(row->Text(7));
  rec.version = row->Int(10);
  rec.address_enc = row->Text(kHouseholdColumnCount);
  rec.masked = HouseholdJson(*row);
  return rec;
}

std::optional<RegionInfo> FindRegion(Connection& c, const std::string& code) {
  auto row = c.QueryOne("SELECT path, level, retired FROM regions WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return RegionInfo{row->Text(0), row->Text(1), row->Int(2) != 0};
}

int64_t InsertHousehold(Connection& c, const security::FieldCipher& cipher,
                        const std::string& grid_code, const std::string& region_path,
                        const domain::HouseholdFields& h, int64_t now) {
  auto row = c.QueryOne(
      "INSERT INTO households (grid_code, region_path, address_mask, head_name, tags, "
      "members_count, created_at, updated_at, version) VALUES (?,?,?,?,?,0,?,?,1) RETURNING id",
      {grid_code, region_path, security::MaskAddress(h.address_detail), h.head_name,
       EncodeTags(h.tags), now, now});
  if (!row) throw DbError("household insert returned no id");
  const int64_t id = row->Int(0);
  // The row id is part of the associated data, so the ciphertext can only be made now.
  if (!h.address_detail.empty())
    c.Execute("UPDATE households SET address_enc = ? WHERE id = ?",
              {cipher.Encrypt(h.address_detail, HouseholdAddressAd(id)), id});
  return id;
}

bool UpdateHousehold(Connection& c, const security::FieldCipher& cipher, int64_t id,
                     int64_t expected_version, const HouseholdChange& change, int64_t now) {
  std::string sql =
      "UPDATE households SET head_name = ?, tags = ?, updated_at = ?, version = version + 1";
  Params params{change.head_name, EncodeTags(change.tags), now};
  if (change.address_detail) {
    sql += ", address_enc = ?, address_mask = ?";
    params.emplace_back(cipher.Encrypt(*change.address_detail, HouseholdAddressAd(id)));
    params.emplace_back(security::MaskAddress(*change.address_detail));
  }
  sql += " WHERE id = ? AND version = ?";
  params.emplace_back(id);
  params.emplace_back(expected_version);
  return c.Execute(sql, params) == 1;
}

void AdjustMembers(Connection& c, int64_t household_id, int delta) {
  c.Execute("UPDATE households SET members_count = members_count + ? WHERE id = ?",
            {delta, household_id});
}

int64_t InsertPerson(Connection& c, const security::FieldCipher& cipher, int64_t household_id,
                     const std::string& region_path, const domain::PersonFields& p, int64_t now) {
  // The ciphertexts are bound to the row id (associated data): the id first, then one INSERT.
  const int64_t id = NextId(c, "people");
  Params params{id,
                household_id,
                region_path,
                p.name,
                p.gender,
                p.birth_date,
                cipher.Encrypt(p.id_number, IdNumberAd(id)),
                security::MaskIdNumber(p.id_number),
                NullIfEmpty(IdNumberIndex(cipher, p.id_number)),
                cipher.Encrypt(p.phone, PhoneAd(id)),
                security::MaskPhone(p.phone),
                NullIfEmpty(PhoneIndex(cipher, p.phone)),
                cipher.Encrypt(p.address_detail, PersonAddressAd(id)),
                security::MaskAddress(p.address_detail),
                EncodeTags(p.tags),
                p.relation,
                now,
                now};
  c.Execute(
      "INSERT INTO people (id, household_id, region_path, name, gender, birth_date, id_enc, "
      "id_mask, id_bidx, phone_enc, phone_mask, phone_bidx, address_enc, address_mask, tags, "
      "relation, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
      params);
  return id;
}

bool UpdatePerson(Connection& c, const security::FieldCipher& cipher, int64_t id,
                  int64_t expected_version, const PersonChange& change, int64_t now) {
  const auto& p = change.plain;
  std::string sql =
      "UPDATE people SET household_id = ?, region_path = ?, name = ?, gender = ?, "
      "birth_date = ?, tags = ?, relation = ?, updated_at = ?, version = version + 1";
  Params params{change.household_id, change.region_path, p.name,     p.gender,
                p.birth_date,        EncodeTags(p.tags), p.relation, now};
  if (change.id_number) {
    sql += ", id_enc = ?, id_mask = ?, id_bidx = ?";
    params.emplace_back(cipher.Encrypt(*change.id_number, IdNumberAd(id)));
    params.emplace_back(security::MaskIdNumber(*change.id_number));
    params.emplace_back(NullIfEmpty(IdNumberIndex(cipher, *change.id_number)));
  }
  if (change.phone) {
    sql += ", phone_enc = ?, phone_mask = ?, phone_bidx = ?";
    params.emplace_back(cipher.Encrypt(*change.phone, PhoneAd(id)));
    params.emplace_back(security::MaskPhone(*change.phone));
    params.emplace_back(NullIfEmpty(PhoneIndex(cipher, *change.phone)));
  }
  if (change.address_detail) {
    sql += ", address_enc = ?, address_mask = ?";
    params.emplace_back(cipher.Encrypt(*change.address_detail, PersonAddressAd(id)));
    params.emplace_back(security::MaskAddress(*change.address_detail));
  }
  sql += " WHERE id = ? AND version = ?";
  params.emplace_back(id);
  params.emplace_back(expected_version);
  return c.Execute(sql, params) == 1;
}

std::vector<DuplicateMatch> FindPossibleDuplicates(Connection& c, const domain::IdentityKey& key,
                                                   int64_t exclude_id) {
  const std::string select = "SELECT " + std::string(kPersonColumns) +
                             ", COALESCE(p.id_bidx, ''), COALESCE(p.phone_bidx, '') FROM people p";
  std::vector<Row> rows;
  if (!key.id_number.empty())
    for (auto& r : c.Query(select + " WHERE p.id_bidx = ? LIMIT 20", {key.id_number}))
      rows.push_back(std::move(r));
  if (!key.phone.empty())
    for (auto& r : c.Query(select + " WHERE p.phone_bidx = ? AND p.name = ? AND p.birth_date = ? "
                                    "LIMIT 20",
                           {key.phone, key.name, key.birth_date}))
      rows.push_back(std::move(r));
  std::vector<DuplicateMatch> out;
  std::vector<int64_t> seen;
  for (const auto& r : rows) {
    const int64_t id = r.Int(0);
    if (id == exclude_id || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    const domain::IdentityKey stored{r.Text(kPersonColumnCount), r.Text(2), r.Text(4),
                                     r.Text(kPersonColumnCount + 1)};
    if (!domain::PossibleDuplicate(key, stored)) continue;
    seen.push_back(id);
    out.push_back(DuplicateMatch{r.Text(10), PersonJson(r)});
  }
  return out;
}

SecretsLookup RevealPerson(Connection& c, const security::FieldCipher& cipher,
                           const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT p.id_enc, p.phone_enc, p.address_enc FROM people p WHERE p.id = ?" +
                            scope.Sql("p.region_path"),
                        params);
  SecretsLookup out;
  if (!row) return out;
  out.found = true;
  auto id_number = cipher.Decrypt(row->Text(0), IdNumberAd(id));
  auto phone = cipher.Decrypt(row->Text(1), PhoneAd(id));
  auto address = cipher.Decrypt(row->Text(2), PersonAddressAd(id));
  if (!id_number || !phone || !address) return out;
  out.secrets = PersonSecrets{std::move(*id_number), std::move(*phone), std::move(*address)};
  return out;
}

std::optional<std::string> DecryptIdNumber(const security::FieldCipher& cipher, int64_t id,
                                           const std::string& id_enc) {
  return cipher.Decrypt(id_enc, IdNumberAd(id));
}

}  // namespace hejia::store
