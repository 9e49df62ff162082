#include "store/incident_repo.hpp"

#include <limits>

#include "domain/region.hpp"
#include "security/mask.hpp"
#include "store/code_list.hpp"
#include "store/row_values.hpp"

namespace hejia::store {

namespace {

std::string PartyAd(std::string_view column, int64_t id) {
  return AssociatedData("incident_parties", column, id);
}

}  // namespace

std::optional<KnownIncident> FindIncidentByNo(Connection& c, std::string_view incident_no) {
  auto row = c.QueryOne(
      "SELECT id, region_path, partner_id, household_id, repeat_of, case_id FROM police_incidents "
      "WHERE incident_no = ?",
      {incident_no});
  if (!row) return std::nullopt;
  return KnownIncident{
      row->Int(0), row->Text(1),
      IncidentLinks{OptInt(*row, 2), OptInt(*row, 3), OptInt(*row, 4), OptInt(*row, 5)}};
}

std::optional<IncidentLinks> LoadIncidentLinks(Connection& c, int64_t id) {
  auto row = c.QueryOne(
      "SELECT partner_id, household_id, repeat_of, case_id FROM police_incidents WHERE id = ?",
      {id});
  if (!row) return std::nullopt;
  return IncidentLinks{OptInt(*row, 0), OptInt(*row, 1), OptInt(*row, 2), OptInt(*row, 3)};
}

void SetIncidentLinks(Connection& c, int64_t id, const IncidentLinks& l) {
  c.Execute(
      "UPDATE police_incidents SET partner_id = ?, household_id = ?, repeat_of = ?, case_id = ?, "
      "repeated = ? WHERE id = ?",
      Params{Value(l.partner_id), Value(l.household_id), Value(l.repeat_of), Value(l.case_id),
             l.repeat_of.has_value(), id});
}

void InsertIncidentParties(Connection& c, const security::FieldCipher& cipher, int64_t incident_id,
                           const std::vector<domain::IncidentParty>& parties) {
  int seq = 0;
  for (const auto& p : parties) {
    const int64_t id = NextId(c, "incident_parties");
    const bool phone = !p.phone.empty();
    c.Execute(
        "INSERT INTO incident_parties (id, incident_id, seq, role, gender, name_enc, name_mask, "
        "name_bidx, phone_enc, phone_mask, phone_bidx) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        Params{id, incident_id, ++seq, std::string(ToString(p.role)), p.gender,
               cipher.Encrypt(p.name, PartyAd("name", id)), security::MaskName(p.name),
               cipher.BlindIndex("name", p.name),
               phone ? Value(cipher.Encrypt(p.phone, PartyAd("phone", id))) : Value(),
               phone ? Value(security::MaskPhone(p.phone)) : Value(),
               phone ? Value(cipher.BlindIndex("phone", p.phone)) : Value()});
  }
}

std::vector<IncidentPartyRow> IncidentParties(Connection& c, int64_t incident_id) {
  std::vector<IncidentPartyRow> out;
  for (const auto& r :
       c.Query("SELECT id, seq, role, gender, name_mask, phone_mask, name_enc, phone_enc FROM "
               "incident_parties WHERE incident_id = ? ORDER BY seq",
               Params{incident_id})) {
    IncidentPartyRow p;
    p.id = r.Int(0);
    p.seq = static_cast<int>(r.Int(1));
    p.role = domain::ParseIncidentPartyRole(r.Text(2)).value_or(domain::IncidentPartyRole::kVictim);
    p.gender = r.Text(3);
    p.name_mask = r.Text(4);
    p.phone_mask = r.OptText(5).value_or("");
    p.name_enc = r.Text(6);
    p.phone_enc = r.OptText(7).value_or("");
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<domain::IncidentParty> UnsealParty(const security::FieldCipher& cipher,
                                                 const IncidentPartyRow& row) {
  auto name = cipher.Decrypt(row.name_enc, PartyAd("name", row.id));
  if (!name) return std::nullopt;
  std::optional<std::string> phone = std::string();
  if (!row.phone_enc.empty()) phone = cipher.Decrypt(row.phone_enc, PartyAd("phone", row.id));
  if (!phone) return std::nullopt;
  return domain::IncidentParty{row.role, *name, row.gender, *phone};
}

RepeatKeys RepeatKeysOf(const security::FieldCipher& cipher,
                        const std::vector<domain::IncidentParty>& parties,
                        std::optional<int64_t> household_id) {
  RepeatKeys k;
  k.household_id = household_id;
  for (const auto& p : parties) {
    if (!p.phone.empty()) k.phone_indexes.push_back(cipher.BlindIndex("phone", p.phone));
    if (p.role == domain::IncidentPartyRole::kVictim && k.victim_name_index.empty())
      k.victim_name_index = cipher.BlindIndex("name", p.name);
    if (p.role == domain::IncidentPartyRole::kActor && k.actor_name_index.empty())
      k.actor_name_index = cipher.BlindIndex("name", p.name);
  }
  return k;
}

namespace {

using Match = std::optional<std::pair<int64_t, int64_t>>;  // (reported_at, id)

// The most recent incident with an id in (after, up_to] that the keys match, by the three rules.
// The reader asks up to what it saw; the writer, after it (the party indexes carry the incident,
// so the newest ids are a short range of each).
Match BestRepeat(Connection& c, const RepeatKeys& k, int64_t since_ms, int64_t after,
                 int64_t up_to) {
  Match best;
  const auto consider = [&](const std::optional<Row>& row) {
    if (!row) return;
    const std::pair<int64_t, int64_t> found{row->Int(0), row->Int(1)};
    if (!best || found > *best) best = found;
  };
  if (k.household_id)
    consider(c.QueryOne(
        "SELECT reported_at, id FROM police_incidents WHERE household_id = ? AND id > ? AND "
        "id <= ? AND reported_at >= ? AND retired = 0 ORDER BY reported_at DESC, id DESC LIMIT 1",
        {*k.household_id, after, up_to, since_ms}));
  for (const auto& phone : k.phone_indexes)
    consider(c.QueryOne(
        "SELECT i.reported_at, i.id FROM incident_parties p JOIN police_incidents i ON i.id = "
        "p.incident_id WHERE p.phone_bidx = ? AND i.id > ? AND i.id <= ? AND i.reported_at >= ? "
        "AND i.retired = 0 ORDER BY i.reported_at DESC, i.id DESC LIMIT 1",
        {phone, after, up_to, since_ms}));
  if (!k.victim_name_index.empty() && !k.actor_name_index.empty())
    consider(c.QueryOne(
        "SELECT i.reported_at, i.id FROM incident_parties v JOIN incident_parties a ON "
        "a.incident_id = v.incident_id JOIN police_incidents i ON i.id = v.incident_id WHERE "
        "v.name_bidx = ? AND v.role = 'victim' AND a.name_bidx = ? AND a.role = 'actor' AND i.id "
        "> ? AND i.id <= ? AND i.reported_at >= ? AND i.retired = 0 ORDER BY i.reported_at DESC, "
        "i.id DESC LIMIT 1",
        {k.victim_name_index, k.actor_name_index, after, up_to, since_ms}));
  return best;
}

}  // namespace

RepeatLook LookForRepeat(Connection& c, RepeatKeys keys, int64_t since_ms) {
  RepeatLook look{std::move(keys), since_ms, std::nullopt, 0};
  // Read first: an incident written after this read has a higher id and is FinishRepeat's.
  look.seen_up_to = c.QueryOne("SELECT COALESCE(MAX(id), 0) FROM police_incidents")->Int(0);
  look.best = BestRepeat(c, look.keys, since_ms, 0, look.seen_up_to);
  return look;
}

std::optional<int64_t> FinishRepeat(Connection& c, const RepeatLook& look) {
  Match best = look.best;
  const Match newer =
      BestRepeat(c, look.keys, look.since_ms, look.seen_up_to, std::numeric_limits<int64_t>::max());
  if (newer && (!best || *newer > *best)) best = newer;
  if (!best) return std::nullopt;
  return best->second;
}

std::vector<int64_t> RepeatsOf(Connection& c, int64_t id) {
  std::vector<int64_t> out;
  for (const auto& r :
       c.Query("SELECT id FROM police_incidents WHERE repeat_of = ? ORDER BY reported_at DESC, id "
               "DESC LIMIT 20",
               Params{id}))
    out.push_back(r.Int(0));
  return out;
}

std::optional<HouseholdPlace> FindHouseholdByAddress(Connection& c, std::string_view village_path,
                                                     const std::string& whole,
                                                     const std::string& rest) {
  if (whole.empty() && rest.empty()) return std::nullopt;
  const std::string& first = whole.empty() ? rest : whole;
  const std::string& second = rest.empty() ? first : rest;
  // One statement for both: the whole address's match before that of what follows the name.
  // A range, not LIKE: SQLite prepares a statement again for every new LIKE pattern bound.
  auto row = c.QueryOne(
      "SELECT id, grid_code FROM households WHERE address_bidx IN (?, ?) AND region_path >= ? AND "
      "region_path < ? ORDER BY CASE WHEN address_bidx = ? THEN 0 ELSE 1 END, id LIMIT 1",
      {first, second, std::string(village_path), domain::PathUpperBound(village_path), first});
  if (!row) return std::nullopt;
  return HouseholdPlace{row->Int(0), row->Text(1)};
}

StoredIncidentSettings LoadStoredIncidentSettings(Connection& c) {
  StoredIncidentSettings out;
  auto row = c.QueryOne(
      "SELECT ack_hours, ack_night_hours, contact_hours, contact_urgent_hours, visit_hours, "
      "feedback_days, recipients, version, updated_at FROM incident_settings WHERE id = 1");
  if (!row) return out;
  auto& s = out.settings;
  s.ack_hours = static_cast<int>(row->Int(0));
  s.ack_night_hours = static_cast<int>(row->Int(1));
  s.contact_hours = static_cast<int>(row->Int(2));
  s.contact_urgent_hours = static_cast<int>(row->Int(3));
  s.visit_hours = static_cast<int>(row->Int(4));
  s.feedback_days = static_cast<int>(row->Int(5));
  s.recipients.clear();
  for (const auto& code : DecodeCodes(row->Text(6)))
    if (auto r = domain::ParsePushRecipient(code)) s.recipients.push_back(*r);
  out.version = row->Int(7);
  out.updated_at = row->Int(8);
  return out;
}

domain::IncidentSettings LoadIncidentSettings(Connection& c) {
  return LoadStoredIncidentSettings(c).settings;
}

bool SaveIncidentSettings(Connection& c, const domain::IncidentSettings& s, int64_t version,
                          int64_t now_ms) {
  std::vector<std::string> codes;
  for (auto r : s.recipients) codes.emplace_back(ToString(r));
  const std::string recipients = EncodeCodes(codes);
  if (version == 0)
    return c.Execute(
               "INSERT INTO incident_settings (id, ack_hours, ack_night_hours, contact_hours, "
               "contact_urgent_hours, visit_hours, feedback_days, recipients, version, "
               "updated_at) VALUES (1,?,?,?,?,?,?,?,1,?) ON CONFLICT (id) DO NOTHING",
               Params{s.ack_hours, s.ack_night_hours, s.contact_hours, s.contact_urgent_hours,
                      s.visit_hours, s.feedback_days, recipients, now_ms}) == 1;
  return c.Execute(
             "UPDATE incident_settings SET ack_hours = ?, ack_night_hours = ?, contact_hours = ?, "
             "contact_urgent_hours = ?, visit_hours = ?, feedback_days = ?, recipients = ?, "
             "version = version + 1, updated_at = ? WHERE id = 1 AND version = ?",
             Params{s.ack_hours, s.ack_night_hours, s.contact_hours, s.contact_urgent_hours,
                    s.visit_hours, s.feedback_days, recipients, now_ms, version}) == 1;
}

}  // namespace hejia::store
