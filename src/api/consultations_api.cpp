// Online consultations (在线咨询), the staff side: list and read the questions citizens asked on
// the portal, answer them (the citizen reads the answer with her tracking code), or turn one into a
// help request. Scoped by the consultation's region_path (its town, or the city when the citizen
// named none).
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/case_common.hpp"
#include "api/case_stream.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/categories.hpp"
#include "domain/party.hpp"
#include "domain/phone.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "security/mask.hpp"
#include "store/case_repo.hpp"
#include "store/region_repo.hpp"
#include "store/sealed_text.hpp"

namespace hejia::api {

namespace {

constexpr size_t kMaxAnswer = 2000;
constexpr size_t kMaxParties = 10;

std::string QuestionAd(int64_t id) {
  return "consultations/question/" + std::to_string(id);
}
std::string ContactAd(int64_t id) {
  return "consultations/contact/" + std::to_string(id);
}

bool IsConsultationStatus(std::string_view s) {
  return s == "open" || s == "answered" || s == "converted";
}

/// A contact as staff see it in lists: a phone masked the usual way, anything else (a WeChat id,
/// "call after 8 pm") reduced to its first character.
std::string MaskContact(std::string_view contact) {
  if (contact.empty()) return "";
  if (auto phone = domain::NormalizePhone(contact)) return security::MaskPhone(*phone);
  return security::MaskName(contact);
}

constexpr std::string_view kColumns =
    "SELECT c.id, c.category, c.question_enc, c.contact_enc, c.anonymous, c.region_code, "
    "g.name, c.region_path, c.status, c.answer, c.answered_by, u.display_name, c.answered_at, "
    "c.case_id, c.created_at, c.version, c.answer_enc, c.answer_due_at, c.urgent, c.assignee_id, "
    "a.display_name, c.supervision FROM consultations c LEFT JOIN regions g ON g.code = "
    "c.region_code LEFT JOIN users u ON u.id = c.answered_by LEFT JOIN users a ON a.id = "
    "c.assignee_id WHERE 1 = 1";

/// How much of a consultation a caller is shown.
enum class ConsultationView {
  kListed,   ///< a list row: a short masked excerpt of the question, no answer, contact masked
  kRead,     ///< the audited single read: the question and answer, contact masked
  kRevealed  ///< the audited single read by someone who may see contact details (case.reveal)
};

constexpr size_t kExcerptChars = 30;

/// One consultation as staff see it in `view`.
json::object ConsultationJson(const store::Row& r, const security::FieldCipher& cipher,
                              ConsultationView view, int64_t now) {
  const int64_t id = r.Int(0);
  json::object o;
  o["id"] = id;
  o["category"] = r.Text(1);
  const auto* label = domain::FindCode(domain::AllCategories(), r.Text(1));
  o["category_label"] = label ? std::string(label->label) : r.Text(1);
  const bool listed = view == ConsultationView::kListed;
  auto question = cipher.Decrypt(r.Text(2), QuestionAd(id));
  if (!question)
    o[listed ? "excerpt" : "question"] = nullptr;
  else if (listed)
    o["excerpt"] = security::MaskedExcerpt(*question, kExcerptChars);
  else
    o["question"] = *question;
  auto contact = cipher.Decrypt(r.Text(3), ContactAd(id));
  if (!contact || contact->empty())
    o["contact"] = nullptr;
  else
    o["contact"] = view == ConsultationView::kRevealed ? *contact : MaskContact(*contact);
  o["anonymous"] = r.Int(4) != 0;
  o["region_code"] = r.Text(5);
  o["region_name"] = r.Text(6);
  o["region_path"] = r.Text(7);
  o["status"] = r.Text(8);
  if (!listed) {
    auto answer = store::OpenConsultationAnswer(cipher, id, r.Text(16), r.Text(9));
    o["answer"] = answer ? json::value(*answer) : json::value(nullptr);
  }
  if (r.IsNull(10))
    o["answered_by"] = nullptr;
  else
    o["answered_by"] = r.Int(10);
  o["answered_by_name"] = r.Text(11);
  if (r.IsNull(12))
    o["answered_at"] = nullptr;
  else
    o["answered_at"] = FormatBeijing(r.Int(12));
  if (r.IsNull(13))
    o["case_id"] = nullptr;
  else
    o["case_id"] = r.Int(13);
  o["created_at"] = FormatBeijing(r.Int(14));
  o["version"] = r.Int(15);
  // The answer's limit (domain/consultation.hpp) and where a night question was routed.
  o["answer_due_at"] = r.IsNull(17) ? json::value(nullptr) : json::value(FormatBeijing(r.Int(17)));
  o["overdue"] = r.Text(8) == "open" && !r.IsNull(17) && r.Int(17) < now;
  o["urgent"] = r.Int(18) != 0;
  o["assignee_id"] = r.IsNull(19) ? json::value(nullptr) : json::value(r.Int(19));
  o["assignee_name"] = r.Text(20);
  o["supervision"] = r.Text(21).empty() ? json::value(nullptr) : json::value(r.Text(21));
  return o;
}

// A citizen's question is for the federation's staff: a mediator (an outside lawyer, police
// officer or counsellor) sees no consultations.
ScopeFilter ConsultationScope(const http::Principal& caller, ScopeFilter scope) {
  if (caller.role == domain::Role::kMediator) return ScopeFilter{};
  return scope;
}

std::optional<store::Row> LoadConsultation(store::Connection& c, const ScopeFilter& scope,
                                           int64_t id) {
  std::string sql(kColumns);
  sql += " AND c.id = ?";
  sql += scope.Sql("c.region_path");
  std::vector<store::Value> params{id};
  scope.Bind(params);
  return c.QueryOne(sql, params);
}

ApiError AlreadyConverted(int64_t case_id) {
  return ApiError(ErrorKind::kConflict, "conflict",
                  "该咨询已转为求助事项 / already turned into a help request", "status")
      .WithDetails(json::object{{"case_id", case_id}});
}

asio::awaitable<http::Response> ListConsultations(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {"created_at", "answer_due_at"}, "created_at", true);
  const auto status = http::QueryText(req, "status", 20);
  if (status && !IsConsultationStatus(*status))
    throw Invalid("status",
                  "应为 open、answered 或 converted / must be open, answered or converted");
  const auto category = http::QueryText(req, "category", 40);
  if (category && !domain::IsCategory(*category))
    throw Invalid("category", "未知的纠纷类型 / unknown category");
  const auto region = http::QueryText(req, "region", 20);
  const bool overdue = http::QueryText(req, "overdue", 5).value_or("0") == "1";
  const bool mine = http::QueryText(req, "mine", 5).value_or("0") == "1";
  const bool urgent = http::QueryText(req, "urgent", 5).value_or("0") == "1";
  const auto supervision = http::QueryText(req, "supervision", 10);
  if (supervision && !domain::ParseSupervision(*supervision))
    throw Invalid("supervision", "应为 yellow 或 red / must be yellow or red");
  const bool own = people::OwnQuery(req);
  const auto period = ParseOptionalPeriod(req);
  const bool answered = http::QueryText(req, "answered", 5).value_or("0") == "1";
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope =
        ConsultationScope(req.Caller(), people::ListScope(c, req.Caller(), region, own));
    std::string where = scope.Sql("c.region_path");
    std::vector<store::Value> params;
    scope.Bind(params);
    if (status) {
      where += " AND c.status = ?";
      params.emplace_back(*status);
    }
    if (category) {
      where += " AND c.category = ?";
      params.emplace_back(*category);
    }
    if (overdue) {
      where += " AND c.status = 'open' AND c.answer_due_at < ?";
      params.emplace_back(now);
    }
    if (mine) {
      where += " AND c.assignee_id = ?";
      params.emplace_back(req.Caller().user_id);
    }
    if (urgent) where += " AND c.urgent = 1";
    if (period.from) {
      where += " AND c.created_at >= ?";
      params.emplace_back(*period.from);
    }
    if (period.to) {
      where += " AND c.created_at < ?";
      params.emplace_back(*period.to);
    }
    // Answered, whatever happened next (one turned into a request after its answer counts).
    if (answered) where += " AND c.answered_at IS NOT NULL";
    if (supervision) {
      where += " AND c.supervision = ?";
      params.emplace_back(*supervision);
    }
    const auto total =
        c.QueryOne("SELECT COUNT(*) FROM consultations c WHERE 1 = 1" + where, params)->Int(0);
    const std::string direction = page.descending ? " DESC" : " ASC";
    std::string sql =
        std::string(kColumns) + where + " ORDER BY " +
        (page.sort == "answer_due_at" ? "COALESCE(c.answer_due_at, c.created_at)" + direction + ", "
                                      : "") +
        "c.id" + direction + " LIMIT ? OFFSET ?";
    params.emplace_back(page.page_size);
    params.emplace_back(page.Offset());
    json::array items;
    for (const auto& r : c.Query(sql, params))
      items.push_back(ConsultationJson(r, s.cipher, ConsultationView::kListed, now));
    return http::PageBody(std::move(items), page, total);
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> GetConsultation(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const ScopeFilter scope = ConsultationScope(req.Caller(), ScopeOf(req.Caller()));
  const bool reveal = domain::RoleHas(req.Caller().role, "case.reveal");
  const int64_t now = s.clock.NowMillis();
  auto found = co_await s.db.Write([&](store::Connection& c) -> std::optional<json::object> {
    auto row = LoadConsultation(c, scope, id);
    if (!row) return std::nullopt;
    s.Audit(c, ActorOf(req), "consultation", std::to_string(id), "read", "ok",
            reveal ? "contact=full" : "");
    return ConsultationJson(*row, s.cipher,
                            reveal ? ConsultationView::kRevealed : ConsultationView::kRead, now);
  });
  if (!found) throw NotFound("咨询不存在 / no such consultation");
  co_return http::JsonResponse(200, *found);
}

asio::awaitable<http::Response> AnswerConsultation(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto body = http::JsonBody::Parse(req.raw.body(), {"answer", "version"});
  const std::string answer = body.OptString("answer", kMaxAnswer).value_or("");
  if (answer.empty()) throw Invalid("answer", "必填 / required");
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const ScopeFilter scope = ConsultationScope(req.Caller(), ScopeOf(req.Caller()));
  const int64_t now = s.clock.NowMillis();
  const int64_t me = req.Caller().user_id;
  auto updated = co_await s.db.Write([&](store::Connection& c) -> json::object {
    auto row = LoadConsultation(c, scope, id);
    if (!row) throw NotFound("咨询不存在 / no such consultation");
    if (row->Text(8) == "converted") throw AlreadyConverted(row->Int(13));
    if (row->Int(15) != version)
      throw StaleVersion(ConsultationJson(*row, s.cipher, ConsultationView::kRead, now));
    c.Execute(
        "UPDATE consultations SET status = 'answered', answer = '', answer_enc = ?, "
        "answered_by = ?, answered_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        {store::SealConsultationAnswer(s.cipher, id, answer), me, now, id, version});
    s.Audit(c, ActorOf(req), "consultation", std::to_string(id), "answer", "ok",
            row->Text(8) == "answered" ? "reanswered" : "");
    return ConsultationJson(Reloaded(LoadConsultation(c, scope, id)), s.cipher,
                            ConsultationView::kRead, now);
  });
  co_return http::JsonResponse(200, updated);
}

// ---- convert ----

std::string PartyText(const json::object& o, std::string_view key, const std::string& field,
                      size_t max_chars) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return "";
  if (!v->is_string()) throw Invalid(field, "应为文本 / must be a string");
  std::string s = http::TrimSpaces(std::string_view(v->as_string()));
  if (http::Utf8Length(s) > max_chars)
    throw Invalid(field, "过长，最多 " + std::to_string(max_chars) + " 字 / too long, at most " +
                             std::to_string(max_chars) + " characters");
  for (unsigned char ch : s)
    if (ch < 0x20) throw Invalid(field, "含有控制字符 / contains control characters");
  return s;
}

std::vector<store::PartyInput> ReadParties(const http::JsonBody& body) {
  const auto* v = body.object().if_contains("parties");
  if (!v || !v->is_array() || v->as_array().empty())
    throw Invalid("parties", "至少需要申请人 / the applicant is required");
  const auto& items = v->as_array();
  if (items.size() > kMaxParties)
    throw Invalid("parties", "最多 " + std::to_string(kMaxParties) + " 人 / too many parties");
  std::vector<store::PartyInput> parties;
  std::vector<domain::Party> checked;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = "parties[" + std::to_string(i) + "]";
    if (!items[i].is_object()) throw Invalid(at, "应为对象 / must be an object");
    const auto& o = items[i].as_object();
    for (const auto& kv : o) {
      const std::string_view k = kv.key();
      if (k != "role" && k != "name" && k != "gender" && k != "phone" && k != "id_number" &&
          k != "address" && k != "relation")
        throw ApiError(ErrorKind::kBadRequest, "unknown_field",
                       "未知字段 / unknown field: " + at + "." + std::string(k),
                       at + "." + std::string(k));
    }
    domain::PartyFields entered;
    entered.role = PartyText(o, "role", at + ".role", 20);
    entered.name = PartyText(o, "name", at + ".name", domain::kMaxPartyName);
    entered.gender = PartyText(o, "gender", at + ".gender", 10);
    entered.phone = PartyText(o, "phone", at + ".phone", 32);
    entered.id_number = PartyText(o, "id_number", at + ".id_number", 32);
    entered.address = PartyText(o, "address", at + ".address", domain::kMaxPartyAddress);
    entered.relation = PartyText(o, "relation", at + ".relation", domain::kMaxPartyRelation);
    auto check = domain::CheckParty(entered);
    if (check.problem) throw Invalid(at + "." + check.problem->field, check.problem->message);
    checked.push_back(check.party);
    parties.push_back(store::PartyInput{std::move(check.party), {}, {}});
  }
  if (!domain::HasApplicant(checked))
    throw Invalid("parties", "至少需要申请人 / the applicant is required");
  return parties;
}

asio::awaitable<http::Response> ConvertConsultation(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"category", "severity", "home_code", "parties", "title", "version"});
  store::CaseIntake in;
  in.channel = domain::CaseChannel::kConsultation;
  in.category = body.OptString("category", 40).value_or("");
  if (!domain::IsCategory(in.category))
    throw Invalid("category", "未知的纠纷类型 / unknown category");
  const auto severity =
      domain::ParseCaseSeverity(body.OptString("severity", 20).value_or("normal"));
  if (!severity) throw Invalid("severity", "未知的严重程度 / unknown severity");
  in.severity = *severity;
  const std::string home_code = body.OptString("home_code", 20).value_or("");
  if (home_code.empty()) throw Invalid("home_code", "必填 / required");
  in.title = body.OptString("title", 100).value_or("");
  if (in.title.empty())
    in.title =
        "在线咨询 · " + std::string(domain::FindCode(domain::AllCategories(), in.category)->label);
  const auto version = body.OptInt("version", 1, INT64_MAX);
  in.parties = ReadParties(body);
  in.consultation_id = id;
  in.created_by = req.Caller().user_id;
  const ScopeFilter scope = ConsultationScope(req.Caller(), ScopeOf(req.Caller()));
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) -> store::CreatedCase {
    auto row = LoadConsultation(c, scope, id);
    if (!row) throw NotFound("咨询不存在 / no such consultation");
    if (row->Text(8) == "converted") throw AlreadyConverted(row->Int(13));
    if (version && row->Int(15) != *version)
      throw StaleVersion(ConsultationJson(*row, s.cipher, ConsultationView::kRead, now));
    auto home = store::FindRegion(c, std::string_view(home_code));
    if (!home || !scope.Contains(home->path))
      throw people::NotFoundField("home_code", "区划不存在 / no such region");
    if (home->retired ||
        (home->level != domain::RegionLevel::kTown && home->level != domain::RegionLevel::kVillage))
      throw Invalid("home_code", "应为在用的镇街或村社 / must be an active town or village");
    in.home_code = home->code;
    auto question = s.cipher.Decrypt(row->Text(2), QuestionAd(id));
    if (!question)
      throw ApiError(ErrorKind::kUnprocessable, "integrity_failed",
                     "加密数据校验失败，已记录，请联系安全管理员 / stored data failed its "
                     "integrity check; contact the security administrator");
    in.facts = *question;
    const auto settings = store::LoadCaseSettings(c);
    auto made = store::CreateCase(c, s.cipher, settings, in, now);
    if (c.Execute("UPDATE consultations SET status = 'converted', case_id = ?, version = "
                  "version + 1 WHERE id = ? AND status <> 'converted'",
                  {made.id, id}) != 1)
      throw AlreadyConverted(made.id);
    s.Audit(c, ActorOf(req), "case", std::to_string(made.id), "create", "ok",
            "channel=consultation;consultation=" + std::to_string(id));
    s.Audit(c, ActorOf(req), "consultation", std::to_string(id), "convert", "ok",
            "case=" + std::to_string(made.id));
    return made;
  });
  PublishIntakeAssignment(s.case_stream.get(), created.id, created.case_no, in.category,
                          created.night_clinic, created.assignee_id, now);
  co_return http::JsonResponse(201,
                               json::object{{"case_id", created.id}, {"case_no", created.case_no}});
}

// The fields of a consultation around its texts: a list row has a masked excerpt of the
// question; the single read has the question and the answer.
constexpr std::string_view kConsultationFields =
    "id:integer category:string category_label:string contact:string? anonymous:boolean "
    "region_code:string region_name:string region_path:string status:string "
    "answered_by:integer? answered_by_name:string answered_at:string? case_id:integer? "
    "created_at:string version:integer answer_due_at:string? overdue:boolean urgent:boolean "
    "assignee_id:integer? assignee_name:string supervision:string? ";

json::value ConsultationSchema() {
  return schema::Shape(std::string(kConsultationFields) + "question:string? answer:string?");
}

json::value ConsultationListSchema() {
  return schema::Shape(std::string(kConsultationFields) + "excerpt:string?");
}

}  // namespace

void AddConsultationRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/consultations", "consultations");
  area.Add(
      verb::get, "", "case.read",
      "Online consultations in my area: a short masked excerpt of each question (the whole "
      "question is a read of one, audited); sort=answer_due_at for the nearest limit first, the "
      "oldest unanswered on top",
      ListConsultations,
      {.query = {OneOf("status", {"open", "answered", "converted"}, "the answer's state"),
                 OneOf("category", cases::CategoryCodes(), "a dispute category"),
                 kRegionQuery,
                 Flag("overdue", "open and past the answer's limit"),
                 Flag("mine", "routed to me (a night question about violence)"),
                 Flag("urgent", "questions about violence asked at night"),
                 OneOf("supervision", {"yellow", "red"}, "the supervision mark"),
                 kOwnQuery,
                 {"from", "string", "YYYY-MM-DD: asked on or after this day"},
                 {"to", "string", "YYYY-MM-DD: asked on or before this day"},
                 Flag("answered", "answered (also those turned into a request afterwards)")},
       .response_schema = ConsultationListSchema(),
       .paged = true});
  area.Add(verb::get, "/{id}", "case.read",
           "One consultation (audited; the contact in full with case.reveal)", GetConsultation,
           {.response_schema = ConsultationSchema()});
  area.Add(verb::post, "/{id}/answer", "case.write",
           "Answer a consultation; the citizen reads it with her tracking code", AnswerConsultation,
           {.body_schema = schema::Shape("answer:string version:integer", "answer version"),
            .response_schema = ConsultationSchema()});
  area.Add(verb::post, "/{id}/convert", "case.write", "Turn a consultation into a help request",
           ConvertConsultation,
           {.body_schema = schema::Shape("category:string severity:string home_code:string "
                                         "parties:object[] title:string version:integer",
                                         "category home_code parties"),
            .response_schema = schema::Shape("case_id:integer case_no:string"),
            .success_status = 201});
}

}  // namespace hejia::api
