// The provincial online dispute-resolution platform's door (issue 13, point 4): the platform's
// server sends a dispute registered there with its 解纷码, signed with its key
// (api/partner_door.hpp). The same code again is the same case (200), whatever number of times
// it comes; a new one is taken in like any intake — routed, and assigned at once to whoever is on
// duty during the night clinic. What becomes of it goes back by signed callbacks
// (store/odr_repo.hpp, jobs/odr_callbacks.hpp); the platform may also ask. docs/api.md.
#include "api/case_common.hpp"
#include "api/case_stream.hpp"
#include "api/partner_door.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "domain/odr.hpp"
#include "store/case_repo.hpp"
#include "store/odr_repo.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace {

namespace json = boost::json;

/// What the platform reads of a case of its own: where it stands, never a party's data.
json::object StandingJson(store::Connection& c, const store::OdrLink& link) {
  auto rec = store::LoadCaseAnywhere(c, link.case_id);
  auto unit = c.QueryOne("SELECT name FROM regions WHERE code = ?", {rec->region_code});
  return json::object{{"code", link.code},
                      {"case_no", rec->case_no},
                      {"status", domain::ToString(rec->status)},
                      {"unit", unit ? unit->Text(0) : std::string()},
                      {"updated_at", FormatBeijing(rec->updated_at)}};
}

struct Received {
  json::object body;
  bool created = false;
  store::CreatedCase made;
};

ApiError CodeTaken() {
  return ApiError(ErrorKind::kConflict, "code_taken",
                  "该解纷码已由其他来源登记 / another source entered this code", "code");
}

asio::awaitable<http::Response> ReceiveCase(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(
      req.raw.body(),
      {"code", "category", "severity", "title", "facts", "wish", "home_code", "parties"});
  const int64_t now = s.clock.NowMillis();
  store::CaseIntake in;
  in.channel = domain::CaseChannel::kOdrPlatform;
  in.external_ref = body.RequiredString("code", domain::kOdrCodeMax);
  if (auto problem = domain::OdrCodeProblem(in.external_ref)) throw Invalid("code", *problem);
  in.category = body.RequiredString("category", 40);
  if (const auto severity = body.OptString("severity", 20)) {
    const auto parsed = domain::ParseCaseSeverity(*severity);
    if (!parsed) throw Invalid("severity", "应为 normal、serious 或 critical / unknown severity");
    in.severity = *parsed;
  }
  in.title = body.OptString("title", store::kMaxCaseTitle).value_or("");
  in.facts = body.RequiredString("facts", store::kMaxCaseFacts);
  in.wish = body.OptString("wish", store::kMaxCaseWish).value_or("");
  const std::string home_code = body.RequiredString("home_code", 20);
  const auto* parties = body.object().if_contains("parties");
  if (!parties || !parties->is_array() || parties->as_array().empty())
    throw Invalid("parties", "请填写当事人 / give the parties");
  if (parties->as_array().size() > domain::kMaxParties)
    throw Invalid("parties", "当事人最多 20 人 / at most 20 parties");
  for (size_t i = 0; i < parties->as_array().size(); ++i)
    in.parties.push_back(
        cases::ReadParty(parties->as_array()[i], "parties[" + std::to_string(i) + "]"));
  for (const auto& p : in.parties)
    if (p.person_id) throw Invalid("parties", "平台不能指定人口库人员 / no person_id here");

  int64_t partner_id = 0;
  auto take = [&](store::Connection& c) -> Received {
    const auto partner = VerifyPartner(c, s, req, now, kOdrKind);
    partner_id = partner.id;
    if (auto known = store::FindOdrByCode(c, in.external_ref)) {
      if (known->partner_id != partner.id) throw CodeTaken();
      auto o = StandingJson(c, *known);
      o["new"] = false;
      return {std::move(o), false, {}};
    }
    auto home = store::FindRegion(c, std::string_view(home_code));
    if (!home || home->retired || home->level == domain::RegionLevel::kCity)
      throw Invalid("home_code",
                    "应为在用的镇街、村社或网格代码 / an active town, village or grid code");
    in.home_code = home->code;
    Received r;
    r.made = store::CreateCase(c, s.cipher, store::LoadCaseSettings(c), in, now);
    r.created = true;
    const store::OdrLink link{in.external_ref, partner.id, r.made.id};
    store::LinkOdrCase(c, link, now);
    s.Audit(c, PartnerActor(partner, req), "case", std::to_string(r.made.id), "create", "ok",
            "channel=odr_platform;parties=" + std::to_string(in.parties.size()) +
                (r.made.night_clinic ? ";night_clinic" : ""));
    r.body = StandingJson(c, link);
    r.body["new"] = true;
    return r;
  };
  Received got;
  bool raced = false;
  try {
    got = co_await s.db.Write(take);
  } catch (const DbError& e) {
    // Two sends of one new code at once (PostgreSQL): the second finds the first's case.
    if (!e.constraint()) throw;
    raced = true;
  }
  if (raced)
    got = co_await s.db.Write([&](store::Connection& c) -> Received {
      const auto known = store::FindOdrByCode(c, in.external_ref);
      if (!known) throw DbError("a dispute-platform case vanished after a clash", true);
      if (known->partner_id != partner_id) throw CodeTaken();
      auto o = StandingJson(c, *known);
      o["new"] = false;
      return {std::move(o), false, {}};
    });
  if (got.created) {
    store::ListTotalsChanged();
    PublishIntakeAssignment(s.case_stream.get(), got.made.id, got.made.case_no, in.category,
                            got.made.night_clinic, got.made.assignee_id, now);
  }
  co_return http::JsonResponse(got.created ? 201 : 200, got.body);
}

asio::awaitable<http::Response> CaseStanding(Services& s, http::Request& req) {
  const std::string code = req.Param("code");
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Write([&](store::Connection& c) {
    const auto partner = VerifyPartner(c, s, req, now, kOdrKind);
    const auto known = store::FindOdrByCode(c, code);
    // Another partner's code is answered exactly like one that does not exist.
    if (!known || known->partner_id != partner.id) throw NotFound("解纷码不存在 / no such code");
    s.Audit(c, PartnerActor(partner, req), "case", std::to_string(known->case_id), "read_standing");
    return StandingJson(c, *known);
  });
  co_return http::JsonResponse(200, body);
}

}  // namespace

void AddOdrRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/odr", "odr");
  const std::string partner(http::kPartner);
  const auto standing =
      schema::Shape("code:string case_no:string status:string unit:string updated_at:string",
                    "code case_no status unit updated_at");
  auto received = standing;
  received.as_object()["properties"].as_object()["new"] = json::object{{"type", "boolean"}};
  area.Add(verb::post, "/cases", partner,
           "The provincial dispute platform sends a dispute with its 解纷码 (signed; the same code "
           "again is the same case, 200)",
           ReceiveCase,
           {.body_schema = schema::Shape("code:string category:string severity:string "
                                         "title:string facts:string wish:string home_code:string "
                                         "parties:object[]",
                                         "code category facts home_code parties"),
            .response_schema = received,
            .success_status = 201,
            .also_status = 200});
  area.Add(verb::get, "/cases/{code}", partner,
           "Where one of the platform's own cases stands (signed)", CaseStanding,
           {.response_schema = standing});
}

}  // namespace hejia::api
