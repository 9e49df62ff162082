#include "store/people_repo.hpp"

#include "domain/incident.hpp"
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
#include "store/code_list.hpp"
#include "store/scope.hpp"
#include "store/versioned_row.hpp"

namespace hejia::store {

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

// ---- rows: masked columns only ----

constexpr std::string_view kPersonColumns =
    "p.id, p.household_id, p.name, p.gender, p.birth_date, p.id_mask, p.phone_mask, "
    "p.address_mask, p.tags, p.relation, p.region_path, p.created_at, p.updated_at, p.version";
constexpr size_t kPersonColumnCount = 14;

PersonRow PersonFromRow(const Row& r) {
  using P = PersonRow;
  return ReadColumns<P>(r, &P::id, &P::household_id, &P::name, &P::gender, &P::birth_date,
                        &P::id_mask, &P::phone_mask, &P::address_mask, &P::tags, &P::relation,
                        &P::region_path, &P::created_at, &P::updated_at, &P::version);
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

HouseholdRow HouseholdFromRow(const Row& r) {
  using H = HouseholdRow;
  return ReadColumns<H>(r, &H::id, &H::grid_code, &H::grid_name, &H::region_path, &H::address_mask,
                        &H::head_name, &H::members_count, &H::tags, &H::created_at, &H::updated_at,
                        &H::version);
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

RecordPage<PersonRow> ListPeople(Connection& c, const ScopeFilter& scope,
                                 const PersonFilter& filter, PersonSort sort,
                                 const PageSpec& page) {
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
  RecordPage<PersonRow> out;
  out.items.reserve(static_cast<size_t>(page.limit));
  out.total = RunScopedList(c, scope, q, page,
                            [&](const Row& r) { out.items.push_back(PersonFromRow(r)); });
  return out;
}

RecordPage<HouseholdRow> ListHouseholds(Connection& c, const ScopeFilter& scope,
                                        const HouseholdFilter& filter, HouseholdSort sort,
                                        const PageSpec& page) {
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
  RecordPage<HouseholdRow> out;
  out.items.reserve(static_cast<size_t>(page.limit));
  out.total = RunScopedList(c, scope, q, page, [&](const Row& r) {
    out.items.push_back(HouseholdFromRow(r));
    out.items.back().grid_name = GridName(c, out.items.back().grid_code);
  });
  return out;
}

std::optional<PersonRow> FindPerson(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT " + std::string(kPersonColumns) + " FROM people p WHERE p.id = ?" +
                            scope.Sql("p.region_path"),
                        params);
  if (!row) return std::nullopt;
  return PersonFromRow(*row);
}

std::optional<HouseholdDetail> FindHousehold(Connection& c, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne("SELECT " + std::string(kHouseholdColumns) + std::string(kHouseholdFrom) +
                            " WHERE h.id = ?" + scope.Sql("h.region_path"),
                        params);
  if (!row) return std::nullopt;
  HouseholdDetail out{HouseholdFromRow(*row), {}};
  // Members share the household's path, so the scope test is the household's; it stays in the
  // query anyway so that no path can list a person outside the caller's scope.
  for (const auto& r :
       c.Query("SELECT " + std::string(kPersonColumns) + " FROM people p WHERE p.household_id = ?" +
                   scope.Sql("p.region_path") + " ORDER BY p.id LIMIT 500",
               params))
    out.members.push_back(PersonFromRow(r));
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
  rec.row = PersonFromRow(*row);
  rec.plain.name = rec.row.name;
  rec.plain.gender = rec.row.gender;
  rec.plain.birth_date = rec.row.birth_date;
  rec.plain.tags = rec.row.tags;
  rec.plain.relation = rec.row.relation;
  const size_t k = kPersonColumnCount;
  rec.id_enc = row->Text(k);
  rec.id_bidx = row->Text(k + 1);
  rec.phone_enc = row->Text(k + 2);
  rec.phone_bidx = row->Text(k + 3);
  rec.address_enc = row->Text(k + 4);
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
  return HouseholdRecord{HouseholdFromRow(*row), row->Text(kHouseholdColumnCount)};
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
       EncodeCodes(h.tags), now, now});
  if (!row) throw DbError("household insert returned no id");
  const int64_t id = row->Int(0);
  // The row id is part of the associated data, so the ciphertext can only be made now.
  if (!h.address_detail.empty())
    c.Execute("UPDATE households SET address_enc = ?, address_bidx = ? WHERE id = ?",
              {cipher.Encrypt(h.address_detail, HouseholdAddressAd(id)),
               NullIfEmpty(HouseholdAddressIndex(cipher, h.address_detail)), id});
  return id;
}

std::string HouseholdAddressIndex(const security::FieldCipher& cipher, std::string_view detail) {
  const std::string normal = domain::NormalizeAddressDetail(detail);
  return normal.empty() ? std::string() : cipher.BlindIndex("household_address", normal);
}

bool UpdateHousehold(Connection& c, const security::FieldCipher& cipher, int64_t id,
                     int64_t expected_version, const HouseholdChange& change, int64_t now) {
  RowChange row;
  row.Set("head_name", change.head_name).Set("tags", EncodeCodes(change.tags));
  if (change.address_detail)
    row.Set("address_enc", cipher.Encrypt(*change.address_detail, HouseholdAddressAd(id)))
        .Set("address_mask", security::MaskAddress(*change.address_detail))
        .Set("address_bidx", NullIfEmpty(HouseholdAddressIndex(cipher, *change.address_detail)));
  return UpdateVersioned(c, "households", id, expected_version, row, now);
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
                EncodeCodes(p.tags),
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
  RowChange row;
  row.Set("household_id", change.household_id)
      .Set("region_path", change.region_path)
      .Set("name", p.name)
      .Set("gender", p.gender)
      .Set("birth_date", p.birth_date)
      .Set("tags", EncodeCodes(p.tags))
      .Set("relation", p.relation);
  if (change.id_number)
    row.Set("id_enc", cipher.Encrypt(*change.id_number, IdNumberAd(id)))
        .Set("id_mask", security::MaskIdNumber(*change.id_number))
        .Set("id_bidx", NullIfEmpty(IdNumberIndex(cipher, *change.id_number)));
  if (change.phone)
    row.Set("phone_enc", cipher.Encrypt(*change.phone, PhoneAd(id)))
        .Set("phone_mask", security::MaskPhone(*change.phone))
        .Set("phone_bidx", NullIfEmpty(PhoneIndex(cipher, *change.phone)));
  if (change.address_detail)
    row.Set("address_enc", cipher.Encrypt(*change.address_detail, PersonAddressAd(id)))
        .Set("address_mask", security::MaskAddress(*change.address_detail))
        .Set("address_bidx", NullIfEmpty(HouseholdAddressIndex(cipher, *change.address_detail)));
  return UpdateVersioned(c, "people", id, expected_version, row, now);
}

std::vector<PersonRow> FindPossibleDuplicates(Connection& c, const domain::IdentityKey& key,
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
  std::vector<PersonRow> out;
  std::vector<int64_t> seen;
  for (const auto& r : rows) {
    const int64_t id = r.Int(0);
    if (id == exclude_id || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    const domain::IdentityKey stored{r.Text(kPersonColumnCount), r.Text(2), r.Text(4),
                                     r.Text(kPersonColumnCount + 1)};
    if (!domain::PossibleDuplicate(key, stored)) continue;
    seen.push_back(id);
    out.push_back(PersonFromRow(r));
  }
  return out;
}

SecretsLookup RevealPerson(Connection& c, const security::FieldCipher& cipher,
                           const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.Bind(params);
  auto row = c.QueryOne(
      "SELECT p.id_enc, p.phone_enc, p.address_enc, p.birth_date FROM people p WHERE p.id = ?" +
          scope.Sql("p.region_path"),
      params);
  SecretsLookup out;
  if (!row) return out;
  out.found = true;
  auto id_number = cipher.Decrypt(row->Text(0), IdNumberAd(id));
  auto phone = cipher.Decrypt(row->Text(1), PhoneAd(id));
  auto address = cipher.Decrypt(row->Text(2), PersonAddressAd(id));
  if (!id_number || !phone || !address) return out;
  out.secrets =
      PersonSecrets{std::move(*id_number), std::move(*phone), std::move(*address), row->Text(3)};
  return out;
}

std::optional<std::string> DecryptIdNumber(const security::FieldCipher& cipher, int64_t id,
                                           const std::string& id_enc) {
  return cipher.Decrypt(id_enc, IdNumberAd(id));
}

}  // namespace hejia::store
