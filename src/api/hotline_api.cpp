// The 12338 hotline's log (issue 13, point 1): the record kit's routes for calls (the worker who
// logs one is stamped on it), one click that turns a call into a help request (channel hotline,
// the caller as applicant, the summary as facts, the case linked both ways), the call backs
// promised and not yet made, and marking one made.
#include "api/case_common.hpp"
#include "api/case_stream.hpp"
#include "api/people_common.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "domain/categories.hpp"
#include "domain/party.hpp"
#include "store/case_repo.hpp"
#include "store/hotline_calls_table.hpp"
#include "store/hotline_repo.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace kit {
/// A call's own rules (domain::CheckHotlineCall); the worker who logs it is stamped on it.
template <>
struct Rules<domain::HotlineCall> {
  static void Stamp(domain::HotlineCall& call, const http::Principal& caller, int64_t now) {
    call.operator_id = caller.user_id;
    call.operator_name = caller.display_name.substr(0, domain::kHotlineOperatorNameMax);
    if (call.received_at == 0) call.received_at = now;
  }
  static void Check(store::Connection&, const domain::HotlineCall& call, int64_t now, bool) {
    if (auto p = domain::CheckHotlineCall(call, now)) throw Invalid(p->field, p->message);
  }
};
}  // namespace kit

namespace {

namespace sk = store::kit;
using domain::HotlineCall;

const kit::RecordRoutes kHotlineRoutes{.path = "/api/v1/hotline-calls",
                                       .tag = "hotline_call",
                                       .read_permission = "hotline.read",
                                       .write_permission = "hotline.write",
                                       .reveal_permission = "hotline.reveal",
                                       .noun = "hotline call",
                                       .not_found = "来电记录不存在 / no such call"};

constexpr std::string_view kDefaultCallerName = "热线来电人";

/// POST /hotline-calls/{id}/case {version, home_code?, severity?, title?}: a help request made of
/// the call. The caller's town is the applicant's home unless a town or village of my area is
/// named; a call the city took without a town must name one.
asio::awaitable<http::Response> MakeCase(Services& s, http::Request& req) {
  const int64_t id = kit::PathId(req);
  const auto body =
      http::JsonBody::Parse(req.raw.body(), {"version", "home_code", "severity", "title"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const std::string home_code = body.OptString("home_code", 20).value_or("");
  const auto severity =
      domain::ParseCaseSeverity(body.OptString("severity", 20).value_or("normal"));
  if (!severity) throw Invalid("severity", "未知的严重程度 / unknown severity");
  const std::string title = body.OptString("title", 100).value_or("");
  const int64_t now = s.clock.NowMillis();
  store::CaseIntake in;
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    auto call = sk::Load<HotlineCall>(c, scope, id);
    if (!call || call->meta.retired) throw NotFound(kHotlineRoutes.not_found);
    if (call->case_id)
      throw ApiError(ErrorKind::kConflict, "case_exists",
                     "该来电已转为求助事项 / a help request was made of this call")
          .WithDetails(json::object{{"case_id", call->case_id}});
    if (call->meta.version != version) throw StaleVersion(kit::ToJson(*call));
    std::string home = home_code;
    if (home.empty()) {
      if (call->region.level == domain::RegionLevel::kCity)
        throw Invalid("home_code",
                      "来电未记录镇街，请选择求助人所在镇街或村社 / the call names no town: "
                      "choose the applicant's town or village");
      home = call->region.code;
    } else {
      auto region = store::FindRegion(c, std::string_view(home));
      if (!region || !scope.Contains(region->path))
        throw people::NotFoundField("home_code", "区划不存在 / no such region");
      if (region->retired || (region->level != domain::RegionLevel::kTown &&
                              region->level != domain::RegionLevel::kVillage))
        throw Invalid("home_code", "应为在用的镇街或村社 / must be an active town or village");
    }
    std::optional<std::string> summary, phone, name;
    sk::ForEachField<HotlineCall>([&](const auto& f) {
      if constexpr (std::is_same_v<std::decay_t<decltype(f)>, sk::SealedField<HotlineCall>>) {
        auto plain = sk::Unseal(s.cipher, *call, f);
        if (!plain) throw ApiError(ErrorKind::kConflict, "integrity", "数据校验失败 / integrity");
        if (f.name == "summary") summary = *plain;
        if (f.name == "caller_phone") phone = *plain;
        if (f.name == "caller_name") name = *plain;
      }
    });
    in.channel = domain::CaseChannel::kHotline;
    in.category = call->category;
    in.severity = *severity;
    in.home_code = home;
    in.created_by = req.Caller().user_id;
    in.external_ref = "热线来电 #" + std::to_string(id);
    in.title = title.empty()
                   ? "热线来电 · " +
                         std::string(domain::FindCode(domain::AllCategories(), in.category)->label)
                   : title;
    in.facts = *summary;
    domain::PartyFields applicant{
        .role = "applicant",
        .name = name && !name->empty() ? *name : std::string(kDefaultCallerName),
        .phone = phone.value_or("")};
    auto checked = domain::CheckParty(applicant);
    if (checked.problem) {  // a name the party rule refuses: the caller stays unnamed
      applicant.name = kDefaultCallerName;
      checked = domain::CheckParty(applicant);
    }
    in.parties.push_back(store::PartyInput{std::move(checked.party), {}, {}});
    const auto created = store::CreateCase(c, s.cipher, store::LoadCaseSettings(c), in, now);
    call->case_id = created.id;
    call->case_no = created.case_no;
    call->outcome = domain::HotlineOutcome::kCaseOpened;
    if (!sk::Update(c, s.cipher, *call, now)) throw StaleVersion(kit::ToJson(*call));
    s.Audit(c, ActorOf(req), "case", std::to_string(created.id), "create", "ok",
            "channel=hotline;hotline_call=" + std::to_string(id));
    s.Audit(c, ActorOf(req), "hotline_call", std::to_string(id), "make_case", "ok",
            "case=" + std::to_string(created.id));
    return created;
  });
  store::ListTotalsChanged();
  PublishIntakeAssignment(s.case_stream.get(), answer.id, answer.case_no, in.category,
                          answer.night_clinic, answer.assignee_id, now);
  co_return http::JsonResponse(201,
                               json::object{{"case_id", answer.id}, {"case_no", answer.case_no}});
}

/// GET /hotline-calls/call-backs: the call backs promised in my area and not yet made.
asio::awaitable<http::Response> CallBacks(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const auto open = store::LoadOpenCallBacks(c, ScopeOf(req.Caller()), now, 100);
    json::array items;
    for (const auto& call : open.first) {
      auto o = kit::ToJson(call);
      o["overdue"] = domain::CallBackOverdue(call, now);
      items.push_back(std::move(o));
    }
    return json::object{
        {"total", open.total}, {"overdue", open.overdue}, {"items", std::move(items)}};
  });
  co_return http::JsonResponse(200, body);
}

/// POST /hotline-calls/{id}/called-back {version}: the promised call back was made now.
asio::awaitable<http::Response> CalledBack(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"version"});
  const int64_t version = body.RequiredInt("version", 1, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  co_return co_await kit::Change<HotlineCall>(
      s, kHotlineRoutes, req, "called_back",
      [&](store::Connection&, const ScopeFilter&, HotlineCall& call) -> std::optional<std::string> {
        if (call.meta.version != version) throw StaleVersion(kit::ToJson(call));
        if (call.outcome != domain::HotlineOutcome::kCallBack)
          throw Invalid("outcome", "该来电未约定回拨 / no call back was promised");
        if (call.called_back_at != 0) return std::nullopt;  // already made: answered as it is
        call.called_back_at = now;
        return std::string("called_back_at");
      });
}

}  // namespace

void AddHotlineRoutes(http::Router& router, Services& s) {
  kit::AddRecordRoutes<HotlineCall>(router, s, kHotlineRoutes);
  AreaRoutes area(router, s, kHotlineRoutes.path, kHotlineRoutes.tag);
  area.Add(verb::post, "/{id}/case", kHotlineRoutes.write_permission,
           "Make a help request of a call (channel hotline, the caller as applicant, the summary "
           "as facts, linked both ways)",
           MakeCase,
           {.body_schema = schema::Shape("version:integer home_code:string severity:string "
                                         "title:string",
                                         "version"),
            .response_schema = schema::Shape("case_id:integer case_no:string", "case_id case_no"),
            .success_status = 201});
  area.Add(verb::get, "/call-backs", kHotlineRoutes.read_permission,
           "The call backs promised in my area and not yet made, the oldest due first", CallBacks,
           {.response_schema = schema::Shape("total:integer overdue:integer items:object[]",
                                             "total overdue items")});
  area.Add(verb::post, "/{id}/called-back", kHotlineRoutes.write_permission,
           "The promised call back was made now", CalledBack,
           {.body_schema = schema::Shape("version:integer", "version"),
            .response_schema = kit::ResponseSchema<HotlineCall>()});
}

}  // namespace hejia::api
