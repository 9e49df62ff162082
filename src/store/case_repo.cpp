#include "store/case_repo.hpp"

#include <algorithm>
#include <cstdio>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/utf8.hpp"
#include "domain/categories.hpp"
#include "domain/region.hpp"
#include "security/mask.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_list_repo.hpp"
#include "store/case_parties_repo.hpp"
#include "store/case_people_repo.hpp"
#include "store/people_repo.hpp"
#include "store/row_values.hpp"
#include "store/tracking_code.hpp"

namespace hejia::store {

namespace json = boost::json;

void CheckCaseText(std::string_view text, std::string_view field, int64_t max, bool multiline) {
  if (!IsValidUtf8(text))
    throw Invalid(std::string(field), "文本编码无效 / text is not valid UTF-8");
  if (static_cast<int64_t>(Utf8CodePointCount(text)) > max)
    throw Invalid(std::string(field), "过长（最多 " + std::to_string(max) +
                                          " 字）/ too long (at most " + std::to_string(max) +
                                          " characters)");
  for (unsigned char ch : text) {
    const bool allowed_break = multiline && (ch == '\n' || ch == '\r' || ch == '\t');
    if ((ch < 0x20 || ch == 0x7f) && !allowed_break)
      throw Invalid(std::string(field), "含有控制字符 / contains control characters");
  }
}

std::vector<std::string> OpenStatusCodes() {
  std::vector<std::string> out;
  for (auto s : domain::AllCaseStatuses())
    if (domain::IsOpen(s)) out.emplace_back(domain::ToString(s));
  return out;
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

// ---- case rows ----

const std::string_view kCaseColumns =
    "c.id, c.version, c.case_no, c.channel, c.external_ref, c.category, c.severity, c.status, "
    "c.level, c.region_code, c.region_path, COALESCE(c.home_code, ''), c.title, c.title_enc, "
    "c.facts_enc, "
    "c.wish_enc, c.safe_contact_enc, c.risk_level, c.supervision, c.reason, c.outcome, "
    "c.night_clinic, c.disclose_identity, c.assignee_id, c.mediator_id, c.consultation_id, "
    "c.due_first_contact_at, c.first_contact_at, c.due_decision_at, c.decided_at, "
    "c.due_mediation_at, c.mediation_started_at, c.resolved_at, c.closed_at, c.satisfaction, "
    "c.created_by, c.extensions, c.created_at, c.updated_at, c.urgent, c.contact_sms_only, "
    "c.contact_call_from, c.contact_call_to";

CaseRecord RecordOf(const Row& r) {
  using C = CaseRecord;
  // The coded columns hold what this program wrote; an unknown code reads as the default.
  return ReadColumns<C>(
      r, &C::id, &C::version, &C::case_no,
      Coded(&C::channel, domain::ParseCaseChannel, domain::CaseChannel::kHotline), &C::external_ref,
      &C::category, Coded(&C::severity, domain::ParseCaseSeverity, domain::CaseSeverity::kNormal),
      Coded(&C::status, domain::ParseCaseStatus, domain::CaseStatus::kRegistered),
      Coded(&C::level, domain::ParseCaseLevel, domain::CaseLevel::kVillage), &C::region_code,
      &C::region_path, &C::home_code, &C::title, &C::title_enc, &C::facts_enc, &C::wish_enc,
      &C::safe_contact_enc, Parsed(&C::risk_level, domain::ParseRiskLevel),
      Parsed(&C::supervision, domain::ParseSupervision), &C::reason, &C::outcome, &C::night_clinic,
      &C::disclose_identity, &C::assignee_id, &C::mediator_id, &C::consultation_id,
      &C::due_first_contact_at, &C::first_contact_at, &C::due_decision_at, &C::decided_at,
      &C::due_mediation_at, &C::mediation_started_at, &C::resolved_at, &C::closed_at,
      &C::satisfaction, &C::created_by, &C::extensions, &C::created_at, &C::updated_at, &C::urgent,
      &C::contact_sms_only, &C::contact_call_from, &C::contact_call_to);
}

domain::CaseTimers CaseRecord::Timers() const {
  domain::CaseTimers t;
  t.status = status;
  t.due_first_contact_at = due_first_contact_at;
  t.first_contact_at = first_contact_at;
  t.due_decision_at = due_decision_at;
  t.decided_at = decided_at;
  t.due_mediation_at = due_mediation_at;
  t.supervision = std::string(domain::ToString(supervision));
  return t;
}

namespace {

std::string NewCaseNo(int64_t id, int64_t now_ms) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(id));
  return "HJ" + FormatBeijing(now_ms).substr(0, 4) + "-" + digits;
}

std::string ActorName(Connection& conn, const std::optional<int64_t>& user_id) {
  if (!user_id) return "";
  auto row = conn.QueryOne("SELECT display_name FROM users WHERE id = ?", {*user_id});
  return row ? row->Text(0) : std::string();
}

}  // namespace

// ---- settings ----

StoredCaseSettings LoadStoredCaseSettings(Connection& conn) {
  StoredCaseSettings out;
  auto row = conn.QueryOne("SELECT body, version, updated_at FROM case_settings WHERE id = 1");
  if (!row) return out;
  boost::system::error_code ec;
  auto body = json::parse(row->Text(0), ec);
  // A body written by this program always parses; one that does not falls back to the defaults
  // rather than stopping every intake.
  if (!ec) {
    try {
      out.settings = domain::CaseSettingsFromJson(body);
    } catch (const ApiError&) {
      out.settings = domain::CaseSettings{};
    }
  }
  out.version = row->Int(1);
  out.updated_at = row->Int(2);
  return out;
}

domain::CaseSettings LoadCaseSettings(Connection& conn) {
  return LoadStoredCaseSettings(conn).settings;
}

bool SaveCaseSettings(Connection& conn, const domain::CaseSettings& settings,
                      int64_t expected_version, int64_t now_ms) {
  const std::string body = json::serialize(domain::ToJson(settings));
  if (expected_version == 0) {
    if (conn.QueryOne("SELECT 1 FROM case_settings WHERE id = 1")) return false;
    conn.Execute("INSERT INTO case_settings (id, body, version, updated_at) VALUES (1, ?, 1, ?)",
                 {body, now_ms});
    return true;
  }
  return conn.Execute(
             "UPDATE case_settings SET body = ?, version = version + 1, updated_at = ? "
             "WHERE id = 1 AND version = ?",
             {body, now_ms, expected_version}) == 1;
}

// ---- intake ----

CreatedCase CreateCase(Connection& conn, const security::FieldCipher& cipher,
                       const domain::CaseSettings& settings, const CaseIntake& in, int64_t now_ms) {
  if (!domain::IsCategory(in.category))
    throw Invalid("category", "未知的纠纷类型 / unknown category");
  CheckCaseText(in.title, "title", kMaxCaseTitle, false);
  if (in.facts.empty()) throw Invalid("facts", "请填写事实经过 / facts are required");
  CheckCaseText(in.facts, "facts", kMaxCaseFacts, true);
  CheckCaseText(in.wish, "wish", kMaxCaseWish, true);
  CheckCaseText(in.safe_contact, "safe_contact", kMaxCaseSafeContact, true);
  CheckCaseText(in.external_ref, "external_ref", kMaxExternalRef, false);
  if (in.parties.empty() || in.parties.size() > domain::kMaxParties)
    throw Invalid("parties", "请填写当事人（1–20 人）/ give the parties (1 to 20)");
  // Every party passed domain::CheckParty at its door; a case still needs its applicant.
  std::vector<domain::Party> parties;
  for (const auto& p : in.parties) parties.push_back(p.party);
  if (!domain::HasApplicant(parties))
    throw Invalid("parties", "至少需要一名申请人 / an applicant is required");

  auto home = FindRegion(conn, std::string_view(in.home_code));
  if (!home || home->retired || home->level == domain::RegionLevel::kCity)
    throw Invalid("home_code",
                  "请选择申请人所在的镇街或村社 / choose the applicant's town or village");

  // Routing: the level from the settings, the handling region on the home region's path.
  const domain::CaseLevel routed =
      domain::RouteLevel(settings, in.category, domain::ToString(in.severity));
  const std::string handling = domain::HandlingRegionCodeOnPath(routed, home->path);
  auto region = FindRegion(conn, std::string_view(handling));
  if (!region) throw Invalid("home_code", "找不到受理单位 / no handling region");
  const bool night = domain::IsNightClinic(settings, now_ms);
  std::optional<int64_t> assignee;
  // An urgent request goes to whoever the roster has on duty by day too.
  if (night || in.urgent) assignee = OnDutyUser(conn, region->path, now_ms);
  // The level names the handling region's level (a village-level request with only a town known
  // stays at the town).
  const domain::CaseLevel level =
      domain::ParseCaseLevel(domain::ToString(region->level)).value_or(routed);
  const std::string level_code(domain::ToString(level));

  std::vector<std::string> phones, ids, names;
  for (const auto& p : in.parties) {
    names.push_back(p.party.name);
    if (!p.party.phone.empty()) phones.push_back(PartyPhoneIndex(cipher, p.party.phone));
    if (!p.party.id_number.empty()) ids.push_back(IdNumberIndex(cipher, p.party.id_number));
  }

  CreatedCase out;
  for (const auto& d : FindDuplicateCases(conn, phones, ids))
    out.possible_duplicates.push_back(d.id);
  out.id = NextId(conn, "cases");
  out.case_no = NewCaseNo(out.id, now_ms);
  // A fresh code colliding with a stored one is a 2^-60 event per pair; the UNIQUE index turns
  // it into a failed request rather than a shared code.
  out.tracking_code = NewTrackingCode();
  out.assignee_id = assignee;
  out.night_clinic = night;
  out.level = level;
  out.region_code = region->code;
  out.region_path = region->path;
  const std::string tracking_bidx =
      cipher.BlindIndex("tracking", *NormaliseTrackingCode(out.tracking_code));
  const std::string channel(domain::ToString(in.channel));

  Params params{out.id,
                out.case_no,
                tracking_bidx,
                channel,
                in.external_ref,
                in.category,
                std::string(domain::ToString(in.severity)),
                std::string(domain::ToString(domain::CaseStatus::kRegistered)),
                level_code,
                region->code,
                region->path,
                home->code,
                night,
                assignee,
                in.consultation_id,
                MaskedCaseTitle(in.title, names),
                EncryptCaseText(cipher, out.id, "title", in.title),
                EncryptCaseText(cipher, out.id, "facts", in.facts),
                EncryptCaseText(cipher, out.id, "wish", in.wish),
                EncryptCaseText(cipher, out.id, "safe_contact", in.safe_contact),
                in.disclose_identity,
                domain::FirstContactDue(settings, now_ms),
                domain::DecisionDue(settings, now_ms),
                in.created_by,
                now_ms,
                now_ms,
                in.urgent,
                in.contact.sms_only,
                in.contact.call_from,
                in.contact.call_to};
  conn.Execute(
      "INSERT INTO cases (id, case_no, tracking_bidx, channel, external_ref, category, severity, "
      "status, level, region_code, region_path, home_code, night_clinic, assignee_id, "
      "consultation_id, title, title_enc, facts_enc, wish_enc, safe_contact_enc, "
      "disclose_identity, "
      "due_first_contact_at, due_decision_at, created_by, created_at, updated_at, urgent, "
      "contact_sms_only, contact_call_from, contact_call_to, version) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
      params);
  for (const auto& p : in.parties) InsertParty(conn, cipher, out.id, p, now_ms);

  EventInput registered;
  registered.kind = "registered";
  registered.actor_id = in.created_by;
  registered.actor_name = in.created_by ? ActorName(conn, in.created_by) : "";
  registered.to_status = domain::CaseStatus::kRegistered;
  registered.data = json::object{{"channel", channel},
                                 {"level", level_code},
                                 {"region_code", region->code},
                                 {"night_clinic", night}};
  InsertEvent(conn, cipher, out.id, registered, now_ms);
  if (assignee) {
    EventInput assigned;
    assigned.kind = "assigned";
    assigned.actor_name = ActorName(conn, assignee);
    assigned.data = json::object{{"user_id", *assignee}, {"by", "night_clinic"}};
    InsertEvent(conn, cipher, out.id, assigned, now_ms);
  }
  return out;
}

namespace {

/// The first applicant's phone, decrypted for a last-4 check ("" when she gave none); nullopt when
/// the stored value fails its integrity check.
std::optional<std::string> ApplicantPhone(Connection& conn, const security::FieldCipher& cipher,
                                          int64_t case_id) {
  auto applicant = conn.QueryOne(
      "SELECT id, phone_enc FROM case_parties WHERE case_id = ? AND role = 'applicant' ORDER BY "
      "id LIMIT 1",
      {case_id});
  if (!applicant) return std::string();
  return cipher.Decrypt(applicant->Text(1),
                        AssociatedData("case_parties", "phone", applicant->Int(0)));
}

}  // namespace

std::optional<TrackedCase> FindTrackedCase(Connection& conn, const security::FieldCipher& cipher,
                                           std::string_view tracking_code) {
  auto code = NormaliseTrackingCode(tracking_code);
  if (!code) return std::nullopt;
  auto row = conn.QueryOne("SELECT id, case_no, region_path FROM cases WHERE tracking_bidx = ?",
                           {cipher.BlindIndex("tracking", *code)});
  if (!row) return std::nullopt;
  auto phone = ApplicantPhone(conn, cipher, row->Int(0));
  if (!phone) return std::nullopt;
  return TrackedCase{row->Int(0), row->Text(1), row->Text(2), std::move(*phone)};
}

std::optional<PublicCaseView> FindCaseByTracking(Connection& conn,
                                                 const security::FieldCipher& cipher,
                                                 std::string_view tracking_code) {
  auto code = NormaliseTrackingCode(tracking_code);
  if (!code) return std::nullopt;
  auto row = conn.QueryOne(
      "SELECT c.id, c.status, c.created_at, COALESCE(g.name, ''), COALESCE(g.phone, '') FROM "
      "cases c LEFT JOIN regions g ON g.code = c.region_code WHERE c.tracking_bidx = ?",
      {cipher.BlindIndex("tracking", *code)});
  if (!row) return std::nullopt;
  const int64_t id = row->Int(0);
  PublicCaseView v;
  v.id = id;
  v.tracking_code = code->substr(0, 4) + "-" + code->substr(4, 4) + "-" + code->substr(8, 4);
  v.status = domain::ParseCaseStatus(row->Text(1)).value_or(domain::CaseStatus::kRegistered);
  v.created_at = row->Int(2);
  v.unit_name = row->Text(3);
  v.unit_phone = row->Text(4);
  for (const auto& e :
       conn.Query("SELECT id, at, text_enc, kind FROM case_events WHERE case_id = ? AND kind IN "
                  "('message', ?) AND shared = 1 ORDER BY id",
                  {id, kApplicantReplyKind})) {
    auto text = cipher.Decrypt(e.Text(2), AssociatedData("case_events", "text", e.Int(0)));
    if (!text) return std::nullopt;
    v.messages.push_back(
        PublicMessage{e.Int(1), std::move(*text), e.Text(3) == kApplicantReplyKind});
  }
  auto phone = ApplicantPhone(conn, cipher, id);
  if (!phone) return std::nullopt;
  v.applicant_phone = std::move(*phone);
  return v;
}

// ---- one case ----

std::optional<CaseRecord> LoadCase(Connection& conn, const ScopeFilter& scope, int64_t id) {
  Params params{id};
  scope.BindCase(params);
  auto row = conn.QueryOne(
      "SELECT " + std::string(kCaseColumns) + " FROM cases c WHERE c.id = ?" + scope.CaseSql(),
      params);
  if (!row) return std::nullopt;
  return RecordOf(*row);
}

std::optional<CaseRecord> LoadCaseAnywhere(Connection& conn, int64_t id) {
  auto row =
      conn.QueryOne("SELECT " + std::string(kCaseColumns) + " FROM cases c WHERE c.id = ?", {id});
  if (!row) return std::nullopt;
  return RecordOf(*row);
}

bool UpdateCase(Connection& conn, int64_t id, int64_t expected_version, const CaseUpdate& update,
                int64_t now_ms) {
  return UpdateVersioned(conn, "cases", id, expected_version, update, now_ms);
}

std::optional<RegionRow> MoveCaseToLevel(Connection& conn, const CaseRecord& rec,
                                         domain::CaseLevel level, std::string_view path,
                                         CaseUpdate& update) {
  auto region = FindRegion(conn, std::string_view(domain::HandlingRegionCodeOnPath(level, path)));
  if (!region || region->code == rec.region_code) return std::nullopt;
  update.Set("level", std::string(domain::ToString(level)))
      .Set("region_code", region->code)
      .Set("region_path", region->path);
  return region;
}

std::string EncryptCaseText(const security::FieldCipher& cipher, int64_t case_id,
                            std::string_view column, std::string_view plain) {
  return cipher.Encrypt(plain, AssociatedData("cases", column, case_id));
}

std::optional<CaseTexts> DecryptCaseTexts(const security::FieldCipher& cipher,
                                          const CaseRecord& c) {
  // A title written before titles were sealed is read as stored (SealLegacyText seals it).
  auto title = c.title_enc.empty()
                   ? std::optional<std::string>(c.title)
                   : cipher.Decrypt(c.title_enc, AssociatedData("cases", "title", c.id));
  auto facts = cipher.Decrypt(c.facts_enc, AssociatedData("cases", "facts", c.id));
  auto wish = cipher.Decrypt(c.wish_enc, AssociatedData("cases", "wish", c.id));
  auto safe = cipher.Decrypt(c.safe_contact_enc, AssociatedData("cases", "safe_contact", c.id));
  if (!title || !facts || !wish || !safe) return std::nullopt;
  return CaseTexts{std::move(*title), std::move(*facts), std::move(*wish), std::move(*safe)};
}

std::vector<std::string> PartyNames(Connection& conn, int64_t case_id) {
  std::vector<std::string> names;
  for (const auto& r : conn.Query("SELECT name FROM case_parties WHERE case_id = ?", {case_id}))
    names.push_back(r.Text(0));
  return names;
}

std::string MaskedCaseTitle(std::string_view title, std::vector<std::string> party_names) {
  return security::MaskFreeText(title, std::move(party_names));
}

void RemaskCaseTitle(Connection& conn, const security::FieldCipher& cipher, int64_t case_id) {
  auto row = conn.QueryOne("SELECT title_enc FROM cases WHERE id = ?", {case_id});
  if (!row || row->Text(0).empty()) return;
  auto title = cipher.Decrypt(row->Text(0), AssociatedData("cases", "title", case_id));
  if (!title) return;  // a failed ciphertext keeps its last mask; reads report the failure
  conn.Execute("UPDATE cases SET title = ? WHERE id = ?",
               {MaskedCaseTitle(*title, PartyNames(conn, case_id)), case_id});
}

}  // namespace hejia::store
