#include "store/case_repo.hpp"
#include "store/row_values.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/utf8.hpp"
#include "domain/categories.hpp"
#include "domain/id_card.hpp"
#include "domain/phone.hpp"
#include "domain/region.hpp"
#include "security/field_cipher.hpp"
#include "security/mask.hpp"
#include "store/region_repo.hpp"
#include "store/rooms_repo.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"
#include "store/tracking_code.hpp"

namespace hejia::store {

namespace json = boost::json;

namespace {

constexpr int64_t kMaxExternalRef = 64, kMaxPartyName = 30, kMaxAddress = 200, kMaxRelation = 20,
                  kMaxParties = 20;

// Associated data binds each ciphertext to its table, column and row.
std::string Ad(std::string_view table, std::string_view column, int64_t id) {
  std::string out(table);
  out += '/';
  out += column;
  out += '/';
  out += std::to_string(id);
  return out;
}

// The id of a new row, taken first because the ciphertexts are bound to it: in SQLite the single
// writer owns the table, so MAX(id) + 1 is free; PostgreSQL hands it out from the identity
// sequence. `table` is a constant of this file.
}  // namespace

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

namespace {

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

constexpr std::string_view kCaseColumns =
    "c.id, c.version, c.case_no, c.channel, c.external_ref, c.category, c.severity, c.status, "
    "c.level, c.region_code, c.region_path, COALESCE(c.home_code, ''), c.title, c.facts_enc, "
    "c.wish_enc, c.safe_contact_enc, c.risk_level, c.supervision, c.reason, c.outcome, "
    "c.night_clinic, c.disclose_identity, c.assignee_id, c.mediator_id, c.consultation_id, "
    "c.due_first_contact_at, c.first_contact_at, c.due_decision_at, c.decided_at, "
    "c.due_mediation_at, c.mediation_started_at, c.resolved_at, c.closed_at, c.satisfaction, "
    "c.created_by, c.extensions, c.created_at, c.updated_at";
constexpr size_t kCaseColumnCount = 38;

// What a list item adds: names of the region, the assignee and the mediator, and the
// applicant's name (masked by the serialiser).
constexpr std::string_view kItemExtra =
    ", COALESCE(r.name, ''), COALESCE(u.display_name, ''), COALESCE(m.name, ''), "
    "(SELECT p.name FROM case_parties p WHERE p.case_id = c.id AND p.role = 'applicant' "
    "ORDER BY p.id LIMIT 1)";
constexpr std::string_view kItemFrom =
    " FROM cases c LEFT JOIN regions r ON r.code = c.region_code LEFT JOIN users u ON u.id = "
    "c.assignee_id LEFT JOIN mediators m ON m.id = c.mediator_id";

CaseRecord RecordOf(const Row& r) {
  CaseRecord c;
  c.id = r.Int(0);
  c.version = r.Int(1);
  c.case_no = r.Text(2);
  c.channel = r.Text(3);
  c.external_ref = r.Text(4);
  c.category = r.Text(5);
  c.severity = r.Text(6);
  c.status = r.Text(7);
  c.level = r.Text(8);
  c.region_code = r.Text(9);
  c.region_path = r.Text(10);
  c.home_code = r.Text(11);
  c.title = r.Text(12);
  c.facts_enc = r.Text(13);
  c.wish_enc = r.Text(14);
  c.safe_contact_enc = r.Text(15);
  c.risk_level = r.Text(16);
  c.supervision = r.Text(17);
  c.reason = r.Text(18);
  c.outcome = r.Text(19);
  c.night_clinic = r.Int(20) != 0;
  c.disclose_identity = r.Int(21) != 0;
  c.assignee_id = OptInt(r, 22);
  c.mediator_id = OptInt(r, 23);
  c.consultation_id = OptInt(r, 24);
  c.due_first_contact_at = OptInt(r, 25);
  c.first_contact_at = OptInt(r, 26);
  c.due_decision_at = OptInt(r, 27);
  c.decided_at = OptInt(r, 28);
  c.due_mediation_at = OptInt(r, 29);
  c.mediation_started_at = OptInt(r, 30);
  c.resolved_at = OptInt(r, 31);
  c.closed_at = OptInt(r, 32);
  c.satisfaction = OptInt(r, 33);
  c.created_by = OptInt(r, 34);
  c.extensions = static_cast<int>(r.Int(35));
  c.created_at = r.Int(36);
  c.updated_at = r.Int(37);
  return c;
}

json::object ItemJson(const Row& r, int64_t now_ms) {
  const CaseRecord c = RecordOf(r);
  const size_t k = kCaseColumnCount;
  json::value assignee = nullptr, mediator = nullptr;
  if (c.assignee_id)
    assignee = json::object{{"id", *c.assignee_id}, {"display_name", r.Text(k + 1)}};
  if (c.mediator_id) mediator = json::object{{"id", *c.mediator_id}, {"name", r.Text(k + 2)}};
  const std::string applicant = r.IsNull(k + 3) ? std::string() : r.Text(k + 3);
  return json::object{
      {"id", c.id},
      {"case_no", c.case_no},
      {"channel", c.channel},
      {"category", c.category},
      {"severity", c.severity},
      {"status", c.status},
      {"level", c.level},
      {"region_code", c.region_code},
      {"region_name", r.Text(k)},
      {"night_clinic", c.night_clinic},
      {"supervision", OrNull(c.supervision)},
      {"assignee", std::move(assignee)},
      {"mediator", std::move(mediator)},
      {"title", c.title},
      {"applicant_name",
       applicant.empty() ? json::value(nullptr) : json::value(security::MaskName(applicant))},
      {"due_first_contact_at", TimeOrNull(c.due_first_contact_at)},
      {"overdue", domain::FirstMissed(c.Timers(), now_ms) != domain::MissedLimit::kNone},
      {"created_at", FormatBeijing(c.created_at)},
      {"updated_at", FormatBeijing(c.updated_at)},
      {"version", c.version}};
}

// ---- parties ----

constexpr std::string_view kPartyColumns =
    "p.id, p.role, p.name, p.gender, p.phone_mask, p.id_mask, p.address_mask, p.relation, "
    "p.person_id, p.household_id";

json::object PartyJson(const Row& r) {
  json::value person = nullptr, household = nullptr;
  if (!r.IsNull(8)) person = r.Int(8);
  if (!r.IsNull(9)) household = r.Int(9);
  return json::object{{"id", r.Int(0)},
                      {"role", r.Text(1)},
                      {"name", r.Text(2)},
                      {"gender", OrNull(r.Text(3))},
                      {"phone", OrNull(r.Text(4))},
                      {"id_number", OrNull(r.Text(5))},
                      {"address", OrNull(r.Text(6))},
                      {"relation", r.Text(7)},
                      {"person_id", person},
                      {"household_id", household}};
}

std::string PartyPhoneIndex(const security::FieldCipher& cipher, std::string_view phone) {
  return PhoneIndex(cipher, phone);  // the people table's index space: a party matches a person
}

// ---- sessions ----

constexpr std::string_view kSessionColumns =
    "s.id, s.case_id, s.room_id, COALESCE(r.name, ''), s.online, s.starts_at, s.ends_at, "
    "s.mediator_id, COALESCE(m.name, ''), s.status, s.summary_enc, s.version";
constexpr std::string_view kSessionFrom =
    " FROM mediation_sessions s LEFT JOIN mediation_rooms r ON r.id = s.room_id LEFT JOIN "
    "mediators m ON m.id = s.mediator_id";

std::optional<json::object> SessionRowJson(const Row& r, const security::FieldCipher& cipher,
                                           bool with_summary) {
  json::value room = nullptr, mediator = nullptr;
  if (!r.IsNull(2)) room = json::object{{"id", r.Int(2)}, {"name", r.Text(3)}};
  if (!r.IsNull(7)) mediator = json::object{{"id", r.Int(7)}, {"name", r.Text(8)}};
  json::object o{{"id", r.Int(0)},
                 {"case_id", r.Int(1)},
                 {"room", std::move(room)},
                 {"online", r.Int(4) != 0},
                 {"starts_at", FormatBeijing(r.Int(5))},
                 {"ends_at", FormatBeijing(r.Int(6))},
                 {"mediator", std::move(mediator)},
                 {"status", r.Text(9)},
                 {"has_summary", !r.Text(10).empty()},
                 {"version", r.Int(11)}};
  if (with_summary) {
    auto summary = cipher.Decrypt(r.Text(10), Ad("mediation_sessions", "summary", r.Int(0)));
    if (!summary) return std::nullopt;
    o["summary"] = OrNull(*summary);
  }
  return o;
}

constexpr std::string_view kEventColumns =
    "id, at, actor_id, actor_name, kind, from_status, to_status, text_enc, shared, data";

json::object EventJson(const Row& r, const security::FieldCipher& cipher) {
  const int64_t id = r.Int(0);
  // The actor of a system event (an escalation) has a name and no account.
  json::value actor = nullptr;
  if (!r.IsNull(2) || !r.Text(3).empty())
    actor = json::object{{"id", r.IsNull(2) ? json::value(nullptr) : json::value(r.Int(2))},
                         {"name", r.Text(3)}};
  json::object o{{"id", id},
                 {"at", FormatBeijing(r.Int(1))},
                 {"actor", std::move(actor)},
                 {"kind", r.Text(4)},
                 {"from_status", OrNull(r.Text(5))},
                 {"to_status", OrNull(r.Text(6))},
                 {"shared", r.Int(8) != 0}};
  auto text = cipher.Decrypt(r.Text(7), Ad("case_events", "text", id));
  if (text) {
    o["text"] = OrNull(*text);
  } else {
    o["text"] = nullptr;
    o["integrity_failed"] = true;
  }
  boost::system::error_code ec;
  auto data = json::parse(r.Text(9), ec);
  o["data"] = !ec && data.is_object() ? data : json::value(nullptr);
  return o;
}

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

// ---- CaseRecord ----

domain::CaseStatus CaseRecord::Status() const {
  return domain::ParseCaseStatus(status).value_or(domain::CaseStatus::kRegistered);
}

domain::CaseTimers CaseRecord::Timers() const {
  domain::CaseTimers t;
  t.status = Status();
  t.due_first_contact_at = due_first_contact_at;
  t.first_contact_at = first_contact_at;
  t.due_decision_at = due_decision_at;
  t.decided_at = decided_at;
  t.due_mediation_at = due_mediation_at;
  t.supervision = supervision;
  return t;
}

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

void NormaliseParty(PartyInput& p, const std::string& prefix) {
  if (p.role != "applicant" && p.role != "respondent" && p.role != "other")
    throw Invalid(prefix + "role",
                  "应为 applicant、respondent 或 other / must be applicant, respondent or other");
  if (p.name.empty()) throw Invalid(prefix + "name", "请填写姓名 / name is required");
  CheckCaseText(p.name, prefix + "name", kMaxPartyName, false);
  if (!p.gender.empty() && p.gender != "female" && p.gender != "male")
    throw Invalid(prefix + "gender", "应为 female 或 male / must be female or male");
  if (!p.phone.empty()) {
    auto phone = domain::NormalizePhone(p.phone);
    if (!phone) throw Invalid(prefix + "phone", "不是有效的电话号码 / not a valid phone number");
    p.phone = *phone;
  }
  if (!p.id_number.empty()) {
    auto id = domain::ParseIdCard(p.id_number);
    if (!id) throw Invalid(prefix + "id_number", "身份证号码格式或校验位错误 / invalid ID number");
    p.id_number = id->normalized;
  }
  CheckCaseText(p.address, prefix + "address", kMaxAddress, false);
  CheckCaseText(p.relation, prefix + "relation", kMaxRelation, false);
}

std::vector<DuplicateCase> FindDuplicateCases(Connection& conn,
                                              const std::vector<std::string>& phone_bidx,
                                              const std::vector<std::string>& id_bidx,
                                              int64_t exclude_case_id) {
  std::vector<DuplicateCase> out;
  auto collect = [&](std::string_view column, const std::vector<std::string>& values) {
    for (const auto& v : values) {
      if (v.empty()) continue;
      const auto open = OpenStatusCodes();
      Params params{v, exclude_case_id};
      for (const auto& s : open) params.emplace_back(s);
      // `column` is one of the two constants below.
      const std::string sql =
          "SELECT DISTINCT c.id, c.case_no, c.status, c.region_path FROM case_parties p JOIN "
          "cases c ON c.id = p.case_id WHERE p." +
          std::string(column) + " = ? AND c.id <> ? AND c.status IN (" + Placeholders(open.size()) +
          ") ORDER BY c.id LIMIT 20";
      for (const auto& r : conn.Query(sql, params)) {
        const int64_t id = r.Int(0);
        if (std::any_of(out.begin(), out.end(), [&](const auto& d) { return d.id == id; }))
          continue;
        out.push_back(DuplicateCase{id, r.Text(1), r.Text(2), r.Text(3)});
      }
    }
  };
  collect("phone_bidx", phone_bidx);
  collect("id_bidx", id_bidx);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

int64_t InsertParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const PartyInput& p, int64_t now_ms) {
  const int64_t id = NextId(conn, "case_parties");
  std::optional<int64_t> household = p.household_id;
  if (!household && p.person_id) {
    auto row = conn.QueryOne("SELECT household_id FROM people WHERE id = ?", {*p.person_id});
    if (row) household = row->Int(0);
  }
  Params params{id,
                case_id,
                p.role,
                p.person_id,
                household,
                p.name,
                p.gender,
                cipher.Encrypt(p.phone, Ad("case_parties", "phone", id)),
                p.phone.empty() ? std::string() : security::MaskPhone(p.phone),
                NullIfEmpty(p.phone.empty() ? std::string() : PartyPhoneIndex(cipher, p.phone)),
                cipher.Encrypt(p.id_number, Ad("case_parties", "id_number", id)),
                p.id_number.empty() ? std::string() : security::MaskIdNumber(p.id_number),
                NullIfEmpty(IdNumberIndex(cipher, p.id_number)),
                cipher.Encrypt(p.address, Ad("case_parties", "address", id)),
                p.address.empty() ? std::string() : security::MaskAddress(p.address),
                p.relation,
                now_ms};
  conn.Execute(
      "INSERT INTO case_parties (id, case_id, role, person_id, household_id, name, gender, "
      "phone_enc, phone_mask, phone_bidx, id_enc, id_mask, id_bidx, address_enc, address_mask, "
      "relation, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      params);
  return id;
}

CreatedCase CreateCase(Connection& conn, const security::FieldCipher& cipher,
                       const domain::CaseSettings& settings, const CaseIntake& input,
                       int64_t now_ms) {
  CaseIntake in = input;
  if (!domain::IsChannel(in.channel)) throw Invalid("channel", "未知的来源渠道 / unknown channel");
  if (!domain::IsCategory(in.category))
    throw Invalid("category", "未知的纠纷类型 / unknown category");
  if (in.severity.empty()) in.severity = "normal";
  if (!domain::IsSeverity(in.severity))
    throw Invalid("severity", "应为 normal、serious 或 critical / unknown severity");
  CheckCaseText(in.title, "title", kMaxCaseTitle, false);
  if (in.facts.empty()) throw Invalid("facts", "请填写事实经过 / facts are required");
  CheckCaseText(in.facts, "facts", kMaxCaseFacts, true);
  CheckCaseText(in.wish, "wish", kMaxCaseWish, true);
  CheckCaseText(in.safe_contact, "safe_contact", kMaxCaseSafeContact, true);
  CheckCaseText(in.external_ref, "external_ref", kMaxExternalRef, false);
  if (in.parties.empty() || static_cast<int64_t>(in.parties.size()) > kMaxParties)
    throw Invalid("parties", "请填写当事人（1–20 人）/ give the parties (1 to 20)");
  bool has_applicant = false;
  for (size_t i = 0; i < in.parties.size(); ++i) {
    NormaliseParty(in.parties[i], "parties[" + std::to_string(i) + "].");
    has_applicant = has_applicant || in.parties[i].role == "applicant";
  }
  if (!has_applicant) throw Invalid("parties", "至少需要一名申请人 / an applicant is required");

  auto home = FindRegion(conn, std::string_view(in.home_code));
  if (!home || home->retired || home->level == domain::RegionLevel::kCity)
    throw Invalid("home_code",
                  "请选择申请人所在的镇街或村社 / choose the applicant's town or village");

  // Routing: the level from the settings, the handling region on the home region's path.
  const domain::CaseLevel level = domain::RouteLevel(settings, in.category, in.severity);
  const std::string handling = domain::HandlingRegionCodeOnPath(level, home->path);
  auto region = FindRegion(conn, std::string_view(handling));
  if (!region) throw Invalid("home_code", "找不到受理单位 / no handling region");
  const bool night = domain::IsNightClinic(settings, now_ms);
  std::optional<int64_t> assignee;
  if (night) assignee = OnDutyUser(conn, region->path, now_ms);
  // A case taken in at the clinic's hours is at least level-consistent: the level names the
  // handling region's level (a village-level request with only a town known stays at the town).
  std::string level_code(domain::ToString(level));
  if (domain::ToString(region->level) != level_code) level_code = domain::ToString(region->level);

  std::vector<std::string> phones, ids;
  for (const auto& p : in.parties) {
    if (!p.phone.empty()) phones.push_back(PartyPhoneIndex(cipher, p.phone));
    if (!p.id_number.empty()) ids.push_back(IdNumberIndex(cipher, p.id_number));
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
  out.level = level_code;
  out.region_code = region->code;
  const std::string tracking_bidx =
      cipher.BlindIndex("tracking", *NormaliseTrackingCode(out.tracking_code));

  Params params{out.id,
                out.case_no,
                tracking_bidx,
                in.channel,
                in.external_ref,
                in.category,
                in.severity,
                std::string(domain::ToString(domain::CaseStatus::kRegistered)),
                level_code,
                region->code,
                region->path,
                home->code,
                night,
                assignee,
                in.consultation_id,
                in.title,
                EncryptCaseText(cipher, out.id, "facts", in.facts),
                EncryptCaseText(cipher, out.id, "wish", in.wish),
                EncryptCaseText(cipher, out.id, "safe_contact", in.safe_contact),
                in.disclose_identity,
                domain::FirstContactDue(settings, now_ms),
                domain::DecisionDue(settings, now_ms),
                in.created_by,
                now_ms,
                now_ms};
  conn.Execute(
      "INSERT INTO cases (id, case_no, tracking_bidx, channel, external_ref, category, severity, "
      "status, level, region_code, region_path, home_code, night_clinic, assignee_id, "
      "consultation_id, title, facts_enc, wish_enc, safe_contact_enc, disclose_identity, "
      "due_first_contact_at, due_decision_at, created_by, created_at, updated_at, version) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
      params);
  for (const auto& p : in.parties) InsertParty(conn, cipher, out.id, p, now_ms);

  EventInput registered;
  registered.kind = "registered";
  registered.actor_id = in.created_by;
  registered.actor_name = in.created_by ? ActorName(conn, in.created_by) : "";
  registered.to_status = "registered";
  registered.data = json::object{{"channel", in.channel},
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

std::optional<PublicCaseView> FindCaseByTracking(Connection& conn,
                                                 const security::FieldCipher& cipher,
                                                 std::string_view tracking_code) {
  auto code = NormaliseTrackingCode(tracking_code);
  if (!code) return std::nullopt;
  auto row = conn.QueryOne("SELECT id, status, created_at FROM cases WHERE tracking_bidx = ?",
                           {cipher.BlindIndex("tracking", *code)});
  if (!row) return std::nullopt;
  const int64_t id = row->Int(0);
  PublicCaseView v;
  v.tracking_code = code->substr(0, 4) + "-" + code->substr(4, 4) + "-" + code->substr(8, 4);
  v.status = row->Text(1);
  v.created_at = row->Int(2);
  for (const auto& e : conn.Query(
           "SELECT id, at, text_enc FROM case_events WHERE case_id = ? AND kind = 'message' AND "
           "shared = 1 ORDER BY id",
           {id})) {
    auto text = cipher.Decrypt(e.Text(2), Ad("case_events", "text", e.Int(0)));
    if (!text) return std::nullopt;
    v.messages.emplace_back(e.Int(1), std::move(*text));
  }
  auto applicant = conn.QueryOne(
      "SELECT id, phone_enc FROM case_parties WHERE case_id = ? AND role = 'applicant' ORDER BY "
      "id LIMIT 1",
      {id});
  if (applicant) {
    auto phone = cipher.Decrypt(applicant->Text(1), Ad("case_parties", "phone", applicant->Int(0)));
    if (!phone) return std::nullopt;
    v.applicant_phone = std::move(*phone);
  }
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
  return UpdateVersionedRow(conn, "cases", id, expected_version, update, now_ms);
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

bool UpdateVersionedRow(Connection& conn, std::string_view table, int64_t id,
                        int64_t expected_version, const CaseUpdate& update, int64_t now_ms) {
  std::string sql = "UPDATE " + std::string(table) + " SET updated_at = ?, version = version + 1";
  Params params{now_ms};
  for (const auto& [column, value] : update.sets()) {
    sql += ", ";
    sql += column;
    sql += " = ?";
    params.push_back(value);
  }
  sql += " WHERE id = ? AND version = ?";
  params.emplace_back(id);
  params.emplace_back(expected_version);
  return conn.Execute(sql, params) == 1;
}

std::string EncryptCaseText(const security::FieldCipher& cipher, int64_t case_id,
                            std::string_view column, std::string_view plain) {
  return cipher.Encrypt(plain, Ad("cases", column, case_id));
}

std::optional<CaseTexts> DecryptCaseTexts(const security::FieldCipher& cipher,
                                          const CaseRecord& c) {
  auto facts = cipher.Decrypt(c.facts_enc, Ad("cases", "facts", c.id));
  auto wish = cipher.Decrypt(c.wish_enc, Ad("cases", "wish", c.id));
  auto safe = cipher.Decrypt(c.safe_contact_enc, Ad("cases", "safe_contact", c.id));
  if (!facts || !wish || !safe) return std::nullopt;
  return CaseTexts{std::move(*facts), std::move(*wish), std::move(*safe)};
}

std::optional<json::object> CaseDetailJson(Connection& conn, const security::FieldCipher& cipher,
                                           const CaseRecord& c, int64_t now_ms) {
  auto texts = DecryptCaseTexts(cipher, c);
  if (!texts) return std::nullopt;
  auto row = conn.QueryOne("SELECT " + std::string(kCaseColumns) + std::string(kItemExtra) +
                               std::string(kItemFrom) + " WHERE c.id = ?",
                           {c.id});
  if (!row) return std::nullopt;
  json::object o = ItemJson(*row, now_ms);
  o["external_ref"] = c.external_ref;
  o["home_code"] = OrNull(c.home_code);
  o["risk_level"] = OrNull(c.risk_level);
  o["reason"] = c.reason;
  o["outcome"] = c.outcome;
  o["satisfaction"] = c.satisfaction ? json::value(*c.satisfaction) : json::value(nullptr);
  o["disclose_identity"] = c.disclose_identity;
  o["consultation_id"] = c.consultation_id ? json::value(*c.consultation_id) : nullptr;
  o["region_path"] = c.region_path;
  o["facts"] = texts->facts;
  o["wish"] = texts->wish;
  o["safe_contact"] = texts->safe_contact;
  json::array parties;
  for (const auto& r : conn.Query("SELECT " + std::string(kPartyColumns) +
                                      " FROM case_parties p WHERE p.case_id = ? ORDER BY p.id",
                                  {c.id}))
    parties.push_back(PartyJson(r));
  o["parties"] = std::move(parties);
  auto protection = ProtectionJson(conn, c.id);
  o["protection"] = protection ? json::value(std::move(*protection)) : json::value(nullptr);
  json::array actions;
  for (auto a : domain::AllowedActions(c.Status())) actions.emplace_back(domain::ToString(a));
  o["allowed_actions"] = std::move(actions);
  const auto missed = domain::FirstMissed(c.Timers(), now_ms);
  o["timers"] = json::object{
      {"due_first_contact_at", TimeOrNull(c.due_first_contact_at)},
      {"first_contact_at", TimeOrNull(c.first_contact_at)},
      {"due_decision_at", TimeOrNull(c.due_decision_at)},
      {"decided_at", TimeOrNull(c.decided_at)},
      {"mediation_started_at", TimeOrNull(c.mediation_started_at)},
      {"due_mediation_at", TimeOrNull(c.due_mediation_at)},
      {"extensions", c.extensions},
      {"resolved_at", TimeOrNull(c.resolved_at)},
      {"closed_at", TimeOrNull(c.closed_at)},
      {"missed", missed == domain::MissedLimit::kNone ? json::value(nullptr)
                                                      : json::value(domain::ToString(missed))}};
  json::array sessions;
  for (const auto& r :
       conn.Query("SELECT " + std::string(kSessionColumns) + std::string(kSessionFrom) +
                      " WHERE s.case_id = ? ORDER BY s.starts_at, s.id",
                  {c.id}))
    sessions.push_back(*SessionRowJson(r, cipher, false));
  o["sessions"] = std::move(sessions);
  return o;
}

// ---- lists ----

ListResult ListCases(Connection& conn, const ScopeFilter& scope, const CaseFilter& f, CaseSort sort,
                     const PageSpec& page, int64_t now_ms) {
  std::string where = " WHERE 1 = 1" + scope.CaseSql();
  Params params;
  scope.BindCase(params);
  if (!f.statuses.empty()) {
    where += " AND c.status IN (" + Placeholders(f.statuses.size()) + ")";
    for (const auto& s : f.statuses) params.emplace_back(s);
  }
  if (!f.category.empty()) {
    where += " AND c.category = ?";
    params.emplace_back(f.category);
  }
  if (!f.level.empty()) {
    where += " AND c.level = ?";
    params.emplace_back(f.level);
  }
  if (f.night_clinic) where += " AND c.night_clinic = 1";
  if (f.supervision == "any") {
    where += " AND c.supervision <> ''";
  } else if (!f.supervision.empty()) {
    where += " AND c.supervision = ?";
    params.emplace_back(f.supervision);
  }
  if (f.assigned_to) {
    where +=
        " AND (c.assignee_id = ? OR c.mediator_id IN (SELECT id FROM mediators WHERE user_id = "
        "?))";
    params.emplace_back(*f.assigned_to);
    params.emplace_back(*f.assigned_to);
  }
  if (!f.text.empty()) {
    where += " AND (c.case_no LIKE ? ESCAPE '\\' OR c.title LIKE ? ESCAPE '\\')";
    params.emplace_back(LikeContains(f.text));
    params.emplace_back(LikeContains(f.text));
  }
  if (f.overdue) {
    // The SQL form of domain::FirstMissed: a due time passed and the limit still counts.
    const auto open = OpenStatusCodes();
    where += " AND ((c.first_contact_at IS NULL AND c.due_first_contact_at < ? AND c.status IN (" +
             Placeholders(open.size()) +
             ")) OR (c.status = 'registered' AND c.due_decision_at < ?) OR (c.status IN "
             "('assigned', 'mediating') AND c.due_mediation_at < ?))";
    params.emplace_back(now_ms);
    for (const auto& s : open) params.emplace_back(s);
    params.emplace_back(now_ms);
    params.emplace_back(now_ms);
  }
  ListResult out;
  out.total = conn.QueryOne("SELECT COUNT(*) FROM cases c" + where, params)->Int(0);
  const char* dir = page.descending ? " DESC" : " ASC";
  const std::string order = sort == CaseSort::kUpdatedAt
                                ? std::string(" ORDER BY c.updated_at") + dir + ", c.id" + dir
                                : std::string(" ORDER BY c.created_at") + dir + ", c.id" + dir;
  Params page_params = params;
  page_params.emplace_back(page.limit);
  page_params.emplace_back(page.offset);
  for (const auto& r : conn.Query("SELECT " + std::string(kCaseColumns) + std::string(kItemExtra) +
                                      std::string(kItemFrom) + where + order + " LIMIT ? OFFSET ?",
                                  page_params))
    out.items.push_back(ItemJson(r, now_ms));
  return out;
}

// ---- timeline ----

int64_t InsertEvent(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const EventInput& e, int64_t now_ms) {
  const int64_t id = NextId(conn, "case_events");
  conn.Execute(
      "INSERT INTO case_events (id, case_id, at, actor_id, actor_name, kind, from_status, "
      "to_status, text_enc, shared, data) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {id, case_id, now_ms, e.actor_id, e.actor_name, e.kind, e.from_status, e.to_status,
       cipher.Encrypt(e.text, Ad("case_events", "text", id)), e.shared,
       e.data.empty() ? std::string() : json::serialize(e.data)});
  return id;
}

ListResult ListEvents(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                      const PageSpec& page) {
  ListResult out;
  out.total =
      conn.QueryOne("SELECT COUNT(*) FROM case_events WHERE case_id = ?", {case_id})->Int(0);
  for (const auto& r : conn.Query("SELECT " + std::string(kEventColumns) +
                                      " FROM case_events WHERE case_id = ? ORDER BY id LIMIT ? "
                                      "OFFSET ?",
                                  {case_id, page.limit, page.offset}))
    out.items.push_back(EventJson(r, cipher));
  return out;
}

std::optional<json::object> FindEventJson(Connection& conn, const security::FieldCipher& cipher,
                                          int64_t case_id, int64_t event_id) {
  auto r = conn.QueryOne(
      "SELECT " + std::string(kEventColumns) + " FROM case_events WHERE id = ? AND case_id = ?",
      {event_id, case_id});
  if (!r) return std::nullopt;
  return EventJson(*r, cipher);
}

std::vector<json::object> EscalationData(Connection& conn, int64_t case_id) {
  std::vector<json::object> out;
  for (const auto& r : conn.Query(
           "SELECT data FROM case_events WHERE case_id = ? AND kind = 'escalation' ORDER BY id",
           {case_id})) {
    boost::system::error_code ec;
    auto v = json::parse(r.Text(0), ec);
    if (!ec && v.is_object()) out.push_back(v.as_object());
  }
  return out;
}

CaseRecord ApplyCaseAction(Connection& conn, const security::FieldCipher& cipher,
                           const CaseRecord& rec, domain::CaseAction action, EventInput event,
                           int64_t now_ms) {
  const auto from = rec.Status();
  domain::CheckTransition(from, action);
  const auto to = *domain::NextStatus(from, action);
  CaseUpdate update;
  update.Set("status", std::string(domain::ToString(to)));
  // The action's own timestamps, as the staff transition handler sets them.
  switch (action) {
    case domain::CaseAction::kAccept:
    case domain::CaseAction::kReject:
      update.Set("decided_at", now_ms);
      break;
    case domain::CaseAction::kStart:
      update.Set("mediation_started_at", now_ms)
          .Set("due_mediation_at",
               domain::MediationDue(LoadCaseSettings(conn), now_ms, rec.extensions));
      break;
    case domain::CaseAction::kAgree:
      update.Set("resolved_at", now_ms);
      break;
    case domain::CaseAction::kClose:
      update.Set("closed_at", now_ms);
      break;
    default:
      break;
  }
  if (!UpdateCase(conn, rec.id, rec.version, update, now_ms))
    throw Conflict("案件正被修改，请重试 / the case is being changed: retry", "version");
  event.kind = "status";
  event.from_status = rec.status;
  event.to_status = std::string(domain::ToString(to));
  event.data["action"] = domain::ToString(action);
  InsertEvent(conn, cipher, rec.id, event, now_ms);
  return *LoadCaseAnywhere(conn, rec.id);
}

// ---- parties ----

std::optional<json::object> FindPartyJson(Connection& conn, int64_t case_id, int64_t party_id) {
  auto row = conn.QueryOne("SELECT " + std::string(kPartyColumns) +
                               " FROM case_parties p WHERE p.id = ? AND p.case_id = ?",
                           {party_id, case_id});
  if (!row) return std::nullopt;
  return PartyJson(*row);
}

PartyLookup RevealParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                        int64_t party_id) {
  PartyLookup out;
  auto row = conn.QueryOne(
      "SELECT phone_enc, id_enc, address_enc FROM case_parties WHERE id = ? AND case_id = ?",
      {party_id, case_id});
  if (!row) return out;
  out.found = true;
  auto phone = cipher.Decrypt(row->Text(0), Ad("case_parties", "phone", party_id));
  auto id_number = cipher.Decrypt(row->Text(1), Ad("case_parties", "id_number", party_id));
  auto address = cipher.Decrypt(row->Text(2), Ad("case_parties", "address", party_id));
  if (!phone || !id_number || !address) return out;
  out.secrets = PartySecrets{std::move(*phone), std::move(*id_number), std::move(*address)};
  return out;
}

std::vector<domain::RecusalParty> RecusalParties(Connection& conn, int64_t case_id) {
  std::vector<domain::RecusalParty> out;
  for (const auto& r : conn.Query(
           "SELECT p.person_id, COALESCE(p.household_id, pe.household_id), p.name, "
           "COALESCE(p.id_bidx, pe.id_bidx, '') FROM case_parties p LEFT JOIN people pe ON pe.id "
           "= p.person_id WHERE p.case_id = ? ORDER BY p.id",
           {case_id}))
    out.push_back(domain::RecusalParty{OptInt(r, 0), OptInt(r, 1), r.Text(2), r.Text(3)});
  return out;
}

// ---- protection ----

void SaveProtection(Connection& conn, int64_t case_id, const Protection& p, int64_t now_ms) {
  Params values{p.police_reported_at,
                p.police_ref,
                p.warning_letter_no,
                p.order_applied_at,
                p.order_urgent,
                p.order_due_at,
                p.order_court,
                p.order_decided_at,
                p.order_result,
                p.order_valid_until,
                now_ms,
                case_id};
  const int64_t changed = conn.Execute(
      "UPDATE case_protection SET police_reported_at = ?, police_ref = ?, warning_letter_no = ?, "
      "order_applied_at = ?, order_urgent = ?, order_due_at = ?, order_court = ?, "
      "order_decided_at = ?, order_result = ?, order_valid_until = ?, updated_at = ? WHERE "
      "case_id = ?",
      values);
  if (changed == 1) return;
  conn.Execute(
      "INSERT INTO case_protection (police_reported_at, police_ref, warning_letter_no, "
      "order_applied_at, order_urgent, order_due_at, order_court, order_decided_at, "
      "order_result, order_valid_until, updated_at, case_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
      values);
}

std::optional<json::object> ProtectionJson(Connection& conn, int64_t case_id) {
  auto r = conn.QueryOne(
      "SELECT police_reported_at, police_ref, warning_letter_no, order_applied_at, order_urgent, "
      "order_due_at, order_court, order_decided_at, order_result, order_valid_until, updated_at "
      "FROM case_protection WHERE case_id = ?",
      {case_id});
  if (!r) return std::nullopt;
  return json::object{{"police_reported_at", TimeOrNull(OptInt(*r, 0))},
                      {"police_ref", r->Text(1)},
                      {"warning_letter_no", r->Text(2)},
                      {"order_applied_at", TimeOrNull(OptInt(*r, 3))},
                      {"order_urgent", r->Int(4) != 0},
                      {"order_due_at", TimeOrNull(OptInt(*r, 5))},
                      {"order_court", r->Text(6)},
                      {"order_decided_at", TimeOrNull(OptInt(*r, 7))},
                      {"order_result", OrNull(r->Text(8))},
                      {"order_valid_until", TimeOrNull(OptInt(*r, 9))},
                      {"updated_at", FormatBeijing(r->Int(10))}};
}

// ---- sessions ----

int64_t InsertSession(Connection& conn, int64_t case_id, const SessionInput& s, int64_t now_ms) {
  const int64_t id = NextId(conn, "mediation_sessions");
  conn.Execute(
      "INSERT INTO mediation_sessions (id, case_id, room_id, online, starts_at, ends_at, "
      "mediator_id, status, created_by, created_at, version) VALUES "
      "(?,?,?,?,?,?,?,'scheduled',?,?,1)",
      {id, case_id, s.room_id, s.online, s.starts_at, s.ends_at, s.mediator_id, s.created_by,
       now_ms});
  return id;
}

std::optional<SessionRecord> LoadSession(Connection& conn, int64_t case_id, int64_t session_id) {
  auto r = conn.QueryOne(
      "SELECT id, case_id, version, starts_at, ends_at, room_id, mediator_id, online, status "
      "FROM mediation_sessions WHERE id = ? AND case_id = ?",
      {session_id, case_id});
  if (!r) return std::nullopt;
  SessionRecord s;
  s.id = r->Int(0);
  s.case_id = r->Int(1);
  s.version = r->Int(2);
  s.starts_at = r->Int(3);
  s.ends_at = r->Int(4);
  s.room_id = OptInt(*r, 5);
  s.mediator_id = OptInt(*r, 6);
  s.online = r->Int(7) != 0;
  s.status = r->Text(8);
  return s;
}

bool UpdateSession(Connection& conn, const security::FieldCipher& cipher, int64_t session_id,
                   int64_t expected_version, const std::string& status,
                   const std::optional<std::string>& summary) {
  if (summary)
    return conn.Execute(
               "UPDATE mediation_sessions SET status = ?, summary_enc = ?, version = version + 1 "
               "WHERE id = ? AND version = ?",
               {status, cipher.Encrypt(*summary, Ad("mediation_sessions", "summary", session_id)),
                session_id, expected_version}) == 1;
  return conn.Execute(
             "UPDATE mediation_sessions SET status = ?, version = version + 1 WHERE id = ? AND "
             "version = ?",
             {status, session_id, expected_version}) == 1;
}

std::optional<json::object> SessionJson(Connection& conn, const security::FieldCipher& cipher,
                                        int64_t session_id, bool with_summary) {
  auto r = conn.QueryOne(
      "SELECT " + std::string(kSessionColumns) + std::string(kSessionFrom) + " WHERE s.id = ?",
      {session_id});
  if (!r) return std::nullopt;
  return SessionRowJson(*r, cipher, with_summary);
}

// ---- people around a case ----

std::optional<MediatorInfo> FindMediator(Connection& conn, int64_t id) {
  auto r = conn.QueryOne(
      "SELECT id, name, region_path, active, user_id, person_id FROM mediators WHERE id = ?", {id});
  if (!r) return std::nullopt;
  return MediatorInfo{r->Int(0),      r->Text(1),    r->Text(2),
                      r->Int(3) != 0, OptInt(*r, 4), OptInt(*r, 5)};
}

domain::RecusalMediator RecusalMediatorOf(Connection& conn, const MediatorInfo& m) {
  domain::RecusalMediator out;
  out.name = m.name;
  out.person_id = m.person_id;
  if (m.person_id) {
    auto r = conn.QueryOne("SELECT household_id, COALESCE(id_bidx, '') FROM people WHERE id = ?",
                           {*m.person_id});
    if (r) {
      out.household_id = r->Int(0);
      out.id_bidx = r->Text(1);
    }
  }
  return out;
}

std::optional<StaffInfo> FindStaff(Connection& conn, int64_t user_id) {
  auto r = conn.QueryOne(
      "SELECT u.id, u.display_name, u.role, COALESCE(r.path, ''), u.admin_locked, "
      "COALESCE(r.retired, 0) FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE "
      "u.id = ?",
      {user_id});
  if (!r) return std::nullopt;
  return StaffInfo{r->Int(0), r->Text(1), r->Text(2), r->Int(5) ? std::string() : r->Text(3),
                   r->Int(4) != 0};
}

std::optional<int64_t> OnDutyUser(Connection& conn, std::string_view region_path, int64_t now_ms) {
  auto chain = domain::CodesOnPath(region_path);
  std::reverse(chain.begin(), chain.end());  // the region first, then up to the city
  if (chain.empty()) return std::nullopt;
  std::vector<domain::Shift> shifts;
  for (const auto& s : ShiftsCovering(conn, chain, now_ms))
    shifts.push_back(domain::Shift{s.id, s.user_id, s.region_code, s.starts_at, s.ends_at});
  auto on_duty = domain::OnDuty(shifts, chain, now_ms);
  if (!on_duty) return std::nullopt;
  return on_duty->user_id;
}

}  // namespace hejia::store
