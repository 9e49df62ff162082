// The public portal (维权微家) without an account: what the portal shows, the proof-of-work
// challenge, help requests and online consultations, and following them with a tracking code.
// Every route is rate-limited per client address (PublicGuard) and every field is length-limited;
// submissions pay with a solved challenge. Nothing a citizen wrote reaches a log or the audit
// trail.
#include <boost/asio/use_awaitable.hpp>
#include <mutex>

#include "api/case_common.hpp"
#include "api/case_stream.hpp"
#include "api/public_follow.hpp"
#include "api/public_guard.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "api/urgent_request.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/categories.hpp"
#include "domain/consultation.hpp"
#include "domain/party.hpp"
#include "domain/phone.hpp"
#include "http/json_body.hpp"
#include "security/tokens.hpp"
#include "store/case_people_repo.hpp"
#include "store/case_repo.hpp"
#include "store/region_repo.hpp"
#include "store/sealed_text.hpp"
#include "store/spent_challenges.hpp"
#include "store/tracking_code.hpp"

namespace hejia::api {

namespace {

// A citizen's submission is audited without her network address: next to her case it would say
// where she wrote from. The rate limiter keeps addresses for minutes, in memory only.
const store::Actor kPortal = store::Actor::Portal({});

constexpr size_t kMaxFacts = 2000;
constexpr size_t kMaxWish = 500;
// The applicant's name and address follow the one party rule (domain/party.hpp).
constexpr size_t kMaxAddress = domain::kMaxPartyAddress;
constexpr size_t kMaxName = domain::kMaxPartyName;
constexpr size_t kMaxSafeContact = 200;
constexpr size_t kMaxQuestion = 1000;
constexpr size_t kMaxContact = 100;
constexpr int64_t kInfoCacheMs = 30'000;
// Looked up in place of a malformed code, so a malformed, an unknown and a wrong-digits lookup do
// the same work (a code is 12 characters of the alphabet; this one is only a probe).
constexpr std::string_view kProbeCode = "222222222222";
constexpr std::string_view kAnonymousApplicant = "匿名求助人";

// One answer for every failed consultation lookup, byte for byte.
ApiError ConsultationNotFound() {
  return NotFound("未找到，请核对查询码 / not found: check the code");
}

std::string Required(const http::JsonBody& body, std::string_view field, size_t max_chars) {
  auto v = body.OptString(field, max_chars);
  if (!v || v->empty()) throw Invalid(std::string(field), "必填 / required");
  return *v;
}

std::string Optional(const http::JsonBody& body, std::string_view field, size_t max_chars) {
  return body.OptString(field, max_chars).value_or("");
}

std::string CategoryOf(const http::JsonBody& body, bool required) {
  auto category = body.OptString("category", 40).value_or("");
  if (category.empty() && !required) return "other";
  if (!domain::IsCategory(category)) throw Invalid("category", "未知的纠纷类型 / unknown category");
  return category;
}

/// The answer to a challenge as sent: {token, nonce}.
struct ChallengeAnswer {
  std::string token;
  std::string nonce;
};

ChallengeAnswer ReadChallenge(const http::JsonBody& body) {
  const auto* v = body.object().if_contains("challenge");
  if (!v || v->is_null()) throw Invalid("challenge", "必填 / required");
  if (!v->is_object())
    throw Invalid("challenge", "应为 {token, nonce} / must be an object {token, nonce}");
  const auto& o = v->as_object();
  for (const auto& kv : o)
    if (kv.key() != "token" && kv.key() != "nonce")
      throw ApiError(ErrorKind::kBadRequest, "unknown_field",
                     "未知字段 / unknown field: challenge." + std::string(kv.key()),
                     "challenge." + std::string(kv.key()));
  auto text = [&](std::string_view key, size_t max) {
    const auto* x = o.if_contains(key);
    if (!x || !x->is_string() || x->as_string().empty() || x->as_string().size() > max)
      throw Invalid("challenge", "验证信息不完整 / token and nonce are required");
    return std::string(x->as_string());
  };
  return ChallengeAnswer{text("token", 128), text("nonce", 20)};
}

/// The challenge was spent on another node sharing the database (inside the submission's write).
void SpendOnEveryNode(Services& s, store::Connection& c, const ChallengeAnswer& a, int64_t now) {
  const int64_t expires = now + s.public_guard->challenges().lifetime_ms();
  if (!store::SpendChallenge(c, security::HashToken(a.token), expires, now))
    throw Invalid("challenge", "验证已使用，请重新提交 / challenge already used, get a new one");
}

/// Spends the challenge or throws: 400 field `challenge` (the portal then fetches a new one).
void Redeem(Services& s, const ChallengeAnswer& a, int64_t now) {
  using V = security::ChallengeVerdict;
  switch (s.public_guard->challenges().Redeem(a.token, a.nonce, now)) {
    case V::kOk:
      return;
    case V::kExpired:
      throw Invalid("challenge", "验证已过期，请重新提交 / challenge expired, get a new one");
    case V::kReused:
      throw Invalid("challenge", "验证已使用，请重新提交 / challenge already used, get a new one");
    case V::kBusy:
      throw ApiError(ErrorKind::kTooManyRequests, "rate_limited",
                     "系统繁忙，请稍后再试 / busy, try again later")
          .WithRetryAfter(60)
          .WithDetails(json::object{{"retry_after_seconds", 60}});
    case V::kMalformed:
    case V::kForged:
    case V::kTooWeak:
      break;
  }
  throw Invalid("challenge", "验证未通过，请重新提交 / challenge not solved, get a new one");
}

/// An active town, and when given an active village of that town; 400 naming the field.
struct Place {
  store::RegionRow town;
  std::optional<store::RegionRow> village;
};

Place ActivePlace(store::Connection& c, const std::string& town_code,
                  const std::string& village_code) {
  Place p;
  auto town = store::FindRegion(c, std::string_view(town_code));
  if (!town || town->retired || town->level != domain::RegionLevel::kTown)
    throw Invalid("town_code", "请选择所在镇街 / no such town");
  p.town = *town;
  if (!village_code.empty()) {
    auto village = store::FindRegion(c, std::string_view(village_code));
    if (!village || village->retired || village->level != domain::RegionLevel::kVillage ||
        village->parent_code != town->code)
      throw Invalid("village_code", "所选村社不属于该镇街 / no such village in this town");
    p.village = *village;
  }
  return p;
}

/// Runs a public submission: reserves a submit slot. A request refused as invalid (400, nothing
/// written) before its challenge was spent gives the slot back; one refused after that (by the
/// database checks) keeps the slot taken but gives the challenge back, so the corrected request
/// may use it while a script cannot make the writer check bad requests without limit.
template <class F>
asio::awaitable<std::string> Submit(Services& s, http::Request& req, F& job) {
  auto& guard = *s.public_guard;
  co_await guard.Admit(PublicAction::kSubmit, req.client_ip, s.clock.NowMillis());
  std::exception_ptr failure;
  bool refused = false;
  ChallengeAnswer spent;
  std::string out;
  try {
    out = co_await job(spent);
  } catch (const ApiError& e) {
    refused = e.kind() == ErrorKind::kBadRequest;
    failure = std::current_exception();
  }
  if (failure) {
    if (refused && spent.token.empty())
      co_await guard.SubmitRefused(req.client_ip, s.clock.NowMillis());
    if (refused && !spent.token.empty()) guard.challenges().Release(spent.token);
    std::rethrow_exception(failure);
  }
  co_return out;
}

// ---- info ----

json::object BuildInfo(store::Connection& c) {
  json::array categories;
  for (const auto& cat : domain::AllCategories())
    categories.push_back(
        json::object{{"code", cat.code}, {"label", cat.label}, {"label_en", cat.label_en}});
  json::array towns;
  std::map<std::string, size_t> town_index;
  const auto regions = c.Query(
      "SELECT code, name, level, parent_code FROM regions WHERE retired = 0 AND level IN "
      "('town', 'village') ORDER BY code");
  for (const auto& r : regions) {
    if (domain::ParseRegionLevel(r.Text(2)) != domain::RegionLevel::kTown) continue;
    town_index[r.Text(0)] = towns.size();
    towns.push_back(
        json::object{{"code", r.Text(0)}, {"name", r.Text(1)}, {"villages", json::array()}});
  }
  for (const auto& r : regions) {
    if (domain::ParseRegionLevel(r.Text(2)) != domain::RegionLevel::kVillage) continue;
    auto it = town_index.find(r.Text(3));
    if (it == town_index.end()) continue;
    towns[it->second].as_object()["villages"].as_array().push_back(
        json::object{{"code", r.Text(0)}, {"name", r.Text(1)}});
  }
  json::array rooms;
  for (const auto& r :
       c.Query("SELECT m.name, m.level, g.name, m.address, m.hours, m.phone, m.demonstration FROM "
               "mediation_rooms m JOIN regions g ON g.code = m.region_code WHERE m.retired = 0 "
               "ORDER BY m.region_path, m.id"))
    rooms.push_back(json::object{{"name", r.Text(0)},
                                 {"level", r.Text(1)},
                                 {"region_name", r.Text(2)},
                                 {"address", r.Text(3)},
                                 {"hours", r.Text(4)},
                                 {"phone", r.Text(5)},
                                 {"demonstration", r.Int(6) != 0}});
  return json::object{{"hotline", "12338"},
                      {"categories", std::move(categories)},
                      {"towns", std::move(towns)},
                      {"rooms", std::move(rooms)}};
}

/// The info answer changes rarely and anyone may ask for it: it is rebuilt at most every 30 s.
struct InfoCache {
  std::mutex mu;
  std::string body;
  int64_t built_at = 0;
  bool built = false;
};

asio::awaitable<http::Response> PublicInfo(Services& s, InfoCache& cache, http::Request&) {
  const int64_t now = s.clock.NowMillis();
  std::string body;
  {
    std::lock_guard lock(cache.mu);
    if (cache.built && now >= cache.built_at && now - cache.built_at < kInfoCacheMs)
      body = cache.body;
  }
  if (body.empty()) {
    body = co_await s.db.Read([&](store::Connection& c) { return json::serialize(BuildInfo(c)); });
    std::lock_guard lock(cache.mu);
    cache.body = body;
    cache.built_at = now;
    cache.built = true;
  }
  http::Response res = http::JsonResponse(200, nullptr);
  res.body() = std::move(body);
  res.prepare_payload();
  res.set(http::bhttp::field::cache_control, "public, max-age=300");
  co_return res;
}

// ---- challenge ----

asio::awaitable<http::Response> NewChallenge(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  co_await s.public_guard->Admit(PublicAction::kChallenge, req.client_ip, now);
  if (req.raw.body().find_first_not_of(" \t\r\n") != std::string::npos)
    http::JsonBody::Parse(req.raw.body(), {});
  const int difficulty = s.public_guard->ChallengeDifficulty(s.settings.public_pow_difficulty, now);
  const std::string token = s.public_guard->challenges().Issue(now, difficulty);
  co_return http::JsonResponse(200, json::object{{"token", token}, {"difficulty", difficulty}});
}

// ---- help requests ----

asio::awaitable<http::Response> SubmitHelpRequest(Services& s, http::Request& req) {
  auto job = [&](ChallengeAnswer& spent) -> asio::awaitable<std::string> {
    auto body = http::JsonBody::Parse(
        req.raw.body(), {"category", "facts", "wish", "town_code", "village_code", "address",
                         "name", "phone", "safe_contact", "disclose_identity", "challenge",
                         "contact_sms_only", "contact_call_from", "contact_call_to", "safe_now"});
    store::CaseIntake in;
    in.channel = domain::CaseChannel::kPortal;
    in.category = CategoryOf(body, true);
    in.facts = Required(body, "facts", kMaxFacts);
    in.wish = Optional(body, "wish", kMaxWish);
    const std::string town_code = Required(body, "town_code", 20);
    const std::string village_code = Optional(body, "village_code", 20);
    const std::string address = Optional(body, "address", kMaxAddress);
    const std::string name = Optional(body, "name", kMaxName);
    const auto phone = domain::NormalizePhone(Required(body, "phone", 32));
    if (!phone || phone->size() != 11 || (*phone)[0] != '1')
      throw Invalid("phone", "请填写 11 位手机号 / an 11-digit mobile number is required");
    in.safe_contact = Optional(body, "safe_contact", kMaxSafeContact);
    in.disclose_identity = body.OptBool("disclose_identity").value_or(false);
    // "您现在安全吗？" (asked on a domestic-violence request): "no" makes the request urgent.
    const std::string safe_now = Optional(body, "safe_now", 8);
    if (!safe_now.empty() && safe_now != "yes" && safe_now != "no" && safe_now != "unsure")
      throw Invalid("safe_now", "应为 yes、no 或 unsure / must be yes, no or unsure");
    if (safe_now == "no") {
      in.urgent = true;
      in.severity = domain::CaseSeverity::kCritical;
    }
    in.contact = cases::ReadContactWishes(body).Over({});
    const auto* label = domain::FindCode(domain::AllCategories(), in.category);
    in.title = "网上求助 · " + std::string(label->label);
    // The portal's own fields are the applicant's: a problem the party rule finds names them.
    domain::PartyFields entered;
    entered.role = domain::ToString(domain::PartyRole::kApplicant);
    entered.name = name.empty() ? std::string(kAnonymousApplicant) : name;
    entered.phone = *phone;
    entered.address = address;
    auto applicant = domain::CheckParty(entered);
    if (applicant.problem) throw Invalid(applicant.problem->field, applicant.problem->message);
    in.parties.push_back(store::PartyInput{std::move(applicant.party), {}, {}});
    const ChallengeAnswer answer = ReadChallenge(body);
    const int64_t now = s.clock.NowMillis();
    Redeem(s, answer, now);
    spent = answer;  // given back if the write below refuses the request
    UrgentAlert urgent;
    auto created = co_await s.db.Write([&](store::Connection& c) -> store::CreatedCase {
      SpendOnEveryNode(s, c, answer, now);
      const Place place = ActivePlace(c, town_code, village_code);
      in.home_code = place.village ? place.village->code : place.town.code;
      const auto settings = store::LoadCaseSettings(c);
      auto made = store::CreateCase(c, s.cipher, settings, in, now);
      s.Audit(c, kPortal, "case", std::to_string(made.id), "create", "ok",
              in.urgent ? "channel=portal;urgent" : "channel=portal");
      if (in.urgent) urgent = RaiseUrgent(c, s, made, in.category, now);
      return made;
    });
    // The night clinic's on-duty person hears of it at once (after the commit); an urgent request
    // reaches the handling unit too, day and night.
    if (in.urgent)
      PublishUrgent(s, urgent);
    else
      PublishIntakeAssignment(s.case_stream.get(), created.id, created.case_no, in.category,
                              created.night_clinic, created.assignee_id, now);
    co_return created.tracking_code;
  };
  const std::string tracking = co_await Submit(s, req, job);
  co_return http::JsonResponse(201, json::object{{"tracking_code", tracking}});
}

// ---- consultations ----

std::string ConsultationQuestionAd(int64_t id) {
  return "consultations/question/" + std::to_string(id);
}
std::string ConsultationContactAd(int64_t id) {
  return "consultations/contact/" + std::to_string(id);
}

asio::awaitable<http::Response> SubmitConsultation(Services& s, http::Request& req) {
  auto job = [&](ChallengeAnswer& spent) -> asio::awaitable<std::string> {
    auto body = http::JsonBody::Parse(
        req.raw.body(), {"category", "question", "contact", "town_code", "challenge"});
    const std::string category = CategoryOf(body, false);
    const std::string question = Required(body, "question", kMaxQuestion);
    const std::string contact = Optional(body, "contact", kMaxContact);
    const std::string town_code = Optional(body, "town_code", 20);
    const ChallengeAnswer answer = ReadChallenge(body);
    const int64_t now = s.clock.NowMillis();
    Redeem(s, answer, now);
    spent = answer;  // given back if the write below refuses the request
    std::optional<int64_t> on_duty;
    int64_t made = 0;
    const std::string tracking = store::NewTrackingCode();
    const std::string bidx =
        s.cipher.BlindIndex("tracking", *store::NormaliseTrackingCode(tracking));
    co_await s.db.Write([&](store::Connection& c) {
      SpendOnEveryNode(s, c, answer, now);
      std::string region_code, region_path;
      if (!town_code.empty()) {
        const Place place = ActivePlace(c, town_code, "");
        region_code = place.town.code;
        region_path = place.town.path;
      } else {
        auto city = c.QueryOne(
            "SELECT code, path FROM regions WHERE level = 'city' AND retired = 0 ORDER BY code");
        if (!city) throw std::runtime_error("no active city region");
        region_code = city->Text(0);
        region_path = city->Text(1);
      }
      // The answer's limit; a question about violence at night goes to whoever is on duty.
      const auto limit = domain::ConsultationAnswerDue(store::LoadCaseSettings(c), category, now);
      if (limit.urgent) on_duty = store::OnDutyUser(c, region_path, now);
      const int64_t id =
          c.QueryOne(
               "INSERT INTO consultations (tracking_bidx, category, question_enc, contact_enc, "
               "anonymous, region_code, region_path, status, created_at, version, answer_due_at, "
               "urgent, assignee_id) VALUES (?,?,'','',?,?,?,'open',?,1,?,?,?) RETURNING id",
               {bidx, category, contact.empty(), region_code, region_path, now, limit.due_at,
                limit.urgent, store::Value(on_duty)})
              ->Int(0);
      made = id;
      c.Execute("UPDATE consultations SET question_enc = ?, contact_enc = ? WHERE id = ?",
                {s.cipher.Encrypt(question, ConsultationQuestionAd(id)),
                 s.cipher.Encrypt(contact, ConsultationContactAd(id)), id});
      s.Audit(c, kPortal, "consultation", std::to_string(id), "create", "ok",
              on_duty ? "channel=portal;routed=on_duty" : "channel=portal");
    });
    if (on_duty && s.case_stream)
      s.case_stream->Publish(
          *on_duty, "consultation",
          CaseAlertJson(domain::CaseAlert{.kind = domain::CaseAlertKind::kConsultation,
                                          .case_id = made,
                                          .category = category,
                                          .night_clinic = true,
                                          .at_ms = now}));
    co_return tracking;
  };
  const std::string tracking = co_await Submit(s, req, job);
  co_return http::JsonResponse(201, json::object{{"tracking_code", tracking}});
}

/// What the citizen reads of her consultation.
struct PublicConsultation {
  std::string status, question, answer;
  std::optional<int64_t> answered_at;
  int64_t created_at = 0;
};

asio::awaitable<http::Response> FollowConsultation(Services& s, http::Request& req) {
  co_await s.public_guard->Admit(PublicAction::kLookup, req.client_ip, s.clock.NowMillis());
  const auto body = http::JsonBody::Parse(req.raw.body(), {"tracking_code"});
  const auto code = store::NormaliseTrackingCode(LookupText(body, "tracking_code"));
  const std::string bidx =
      s.cipher.BlindIndex("tracking", code ? std::string_view(*code) : kProbeCode);
  auto found = co_await s.db.Read([&](store::Connection& c) -> std::optional<PublicConsultation> {
    auto r = c.QueryOne(
        "SELECT id, status, question_enc, answer, answered_at, created_at, answer_enc FROM "
        "consultations "
        "WHERE tracking_bidx = ?",
        {bidx});
    if (!r) return std::nullopt;
    PublicConsultation out;
    out.status = r->Text(1);
    out.question = s.cipher.Decrypt(r->Text(2), ConsultationQuestionAd(r->Int(0))).value_or("");
    out.answer =
        store::OpenConsultationAnswer(s.cipher, r->Int(0), r->Text(6), r->Text(3)).value_or("");
    if (!r->IsNull(4)) out.answered_at = r->Int(4);
    out.created_at = r->Int(5);
    return out;
  });
  if (!code || !found) throw ConsultationNotFound();
  co_await s.public_guard->LookupFound(req.client_ip, s.clock.NowMillis());
  // A consultation turned into a help request is, for the citizen, answered: staff will contact
  // her through the request.
  const bool converted = found->status == "converted";
  const bool answered = found->status == "answered" || converted;
  json::object out{{"status", answered ? "answered" : "open"},
                   {"question", found->question},
                   {"created_at", FormatBeijing(found->created_at)}};
  if (answered) {
    out["answer"] = !found->answer.empty()
                        ? found->answer
                        : std::string(
                              "您的咨询已转为求助事项，工作人员会与您联系。 / Your question "
                              "became a help request; staff will contact you.");
    if (found->answered_at) out["answered_at"] = FormatBeijing(*found->answered_at);
  }
  co_return http::JsonResponse(200, out);
}

json::value ChallengeSchema() {
  return schema::Shape("token:string nonce:string", "token nonce");
}

}  // namespace

namespace {

/// Adds maxLength (characters) to string properties of a body schema: the limits the handlers
/// enforce, published so that the portal's forms read them instead of copying them.
void MaxLengths(json::value& body,
                std::initializer_list<std::pair<std::string_view, size_t>> limits) {
  auto& props = body.as_object()["properties"].as_object();
  for (const auto& [name, max] : limits) props[name].as_object()["maxLength"] = max;
}

}  // namespace

void AddPublicRoutes(http::Router& router, Services& s) {
  const std::string pub(http::kPublic);
  auto cache = std::make_shared<InfoCache>();
  AreaRoutes area(router, s, "/api/v1/public", "public");
  area.Add(verb::get, "/info", pub,
           "What the public portal shows: hotline, categories, towns and villages, "
           "mediation rooms",
           [cache](Services& s, http::Request& r) { return PublicInfo(s, *cache, r); },
           {.response_schema =
                schema::Shape("hotline:string categories:object[] towns:object[] rooms:object[]")});
  area.Add(verb::post, "/challenge", pub, "A proof-of-work challenge to solve before submitting",
           NewChallenge, {.response_schema = schema::Shape("token:string difficulty:integer")});
  json::value help_body = schema::Shape(
      "category:string facts:string wish:string town_code:string village_code:string "
      "address:string name:string phone:string safe_contact:string disclose_identity:boolean "
      "safe_now:string challenge:object",
      "category facts town_code phone challenge");
  help_body.as_object()["properties"].as_object()["challenge"] = ChallengeSchema();
  // "您现在安全吗？": "no" marks the request urgent (api/urgent_request.hpp).
  help_body.as_object()["properties"].as_object()["safe_now"] =
      cases::EnumOf({"yes", "no", "unsure"});
  help_body.as_object()["properties"].as_object()["category"] =
      cases::EnumOf(cases::CategoryCodes());
  cases::AddContactWishProperties(help_body);
  MaxLengths(help_body, {{"facts", kMaxFacts},
                         {"wish", kMaxWish},
                         {"address", kMaxAddress},
                         {"name", kMaxName},
                         {"safe_contact", kMaxSafeContact}});
  area.Add(verb::post, "/help-requests", pub,
           "Ask for help (no account); answers the tracking code once", SubmitHelpRequest,
           {.body_schema = std::move(help_body),
            .response_schema = schema::Shape("tracking_code:string"),
            .success_status = 201});
  AddHelpRequestFollowRoutes(area);
  json::value consult_body = schema::Shape(
      "category:string question:string contact:string town_code:string challenge:object",
      "question challenge");
  MaxLengths(consult_body, {{"question", kMaxQuestion}, {"contact", kMaxContact}});
  consult_body.as_object()["properties"].as_object()["challenge"] = ChallengeSchema();
  area.Add(verb::post, "/consultations", pub,
           "Ask a question online (no account); answers the tracking code once", SubmitConsultation,
           {.body_schema = std::move(consult_body),
            .response_schema = schema::Shape("tracking_code:string"),
            .success_status = 201});
  area.Add(
      verb::post, "/consultations/lookup", pub,
      "Read my consultation and its answer with the tracking code (in the body)",
      FollowConsultation,
      {.body_schema = schema::Shape("tracking_code:string", "tracking_code"),
       .response_schema = schema::Shape(
           "status:string question:string answer:string answered_at:string created_at:string")});
}

}  // namespace hejia::api
