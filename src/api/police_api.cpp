// The police 110 system's door (issue 11, 一警情三推送): its server sends family-conflict
// incidents and reads what became of them, each request signed with its key
// (security/partner_signature.hpp). A missing, stale, replayed or wrong signature is 401 and
// nothing is stored; the same incident number again is the same incident (200). Only the
// partner's own incidents' feedback is readable. docs/api.md, "Police incidents".
#include <spdlog/spdlog.h>

#include "api/incident_common.hpp"
#include "api/partner_door.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "store/incident_push_repo.hpp"
#include "store/incidents_table.hpp"

namespace hejia::api {

namespace {

namespace json = boost::json;
using Incident = domain::PoliceIncident;

asio::awaitable<http::Response> ReceiveIncident(Services& s, http::Request& req) {
  static const auto allowed = incidents::IncidentBodyFields(false);
  const int64_t now = s.clock.NowMillis();
  struct Answer {
    json::object body;
    bool created = false;
    std::vector<store::PushAlert> alerts;
    Incident incident;
    bool night = false;
  };
  // What only reads runs on a reader — the signature, the body, where the address puts it, who
  // gets its pushes, which earlier incident it repeats — so that the one writer spends the nonce
  // and writes, and looks only at the incidents written since (store::FinishRepeat).
  struct Checked {
    store::Partner partner;
    store::IncidentIntake in;
  };
  auto read = co_await s.db.Read([&](store::Connection& c) {
    Checked r{CheckPartner(c, s, req, now, kPoliceKind), {}};
    const auto body = http::JsonBody::Parse(req.raw.body(), allowed);
    r.in = incidents::ReadIncident(body, c);
    r.in.incident.source = domain::IncidentSource::kInterface;
    r.in.partner_id = r.partner.id;
    store::PlaceByAddress(c, s.cipher, *s.region_names, r.in);
    r.in.pushes = store::PlanPushes(c, r.in.placed->path, now);
    r.in.repeat = store::LookForRepeat(c, s.cipher, r.in);
    return r;
  });
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    const auto& partner = read.partner;
    SpendNonce(c, partner, req, now);
    auto& in = read.in;
    const auto taken = store::TakeInIncident(c, s.cipher, *s.region_names, in, now);
    if (!taken.created && taken.partner_id != partner.id)
      throw ApiError(ErrorKind::kConflict, "incident_no_taken",
                     "该警情编号已由其他来源登记 / another source entered this incident number",
                     "incident_no");
    Answer a;
    a.created = taken.created;
    a.alerts = taken.alerts;
    a.night = taken.night;
    a.incident = in.incident;
    a.incident.meta.id = taken.id;
    // A new incident's answer is what the intake just wrote; a known one's is read back.
    size_t pushes = taken.pushes;
    bool placed = !taken.needs_placement;
    if (taken.created) {
      s.Audit(c, PartnerActor(partner, req), "incident", std::to_string(taken.id), "create", "ok",
              "source=interface;pushes=" + std::to_string(pushes));
    } else {
      pushes = store::IncidentPushes(c, taken.id).size();
      placed = !store::kit::Load<Incident>(c, store::ScopeFilter::Within("/"), taken.id)
                    ->needs_placement;
    }
    a.body = json::object{{"incident_no", in.incident.incident_no},
                          {"received", true},
                          {"new", taken.created},
                          {"placed", placed},
                          {"pushes", pushes}};
    return a;
  });
  if (answer.created) {
    store::ListTotalsChanged();
    incidents::PublishPushAlerts(s, answer.alerts, answer.incident, answer.night, now);
  }
  co_return http::JsonResponse(answer.created ? 201 : 200, answer.body);
}

asio::awaitable<http::Response> IncidentFeedback(Services& s, http::Request& req) {
  const std::string number = req.Param("number");
  const int64_t now = s.clock.NowMillis();
  auto body = co_await s.db.Write([&](store::Connection& c) {
    const auto partner = VerifyPartner(c, s, req, now, kPoliceKind);
    const auto known = store::FindIncidentByNo(c, number);
    // Another partner's incident is answered exactly like one that does not exist.
    if (!known || known->links.partner_id != partner.id)
      throw NotFound("警情不存在 / no such incident");
    auto body = incidents::FeedbackJson(c, s.cipher, known->id);
    if (!body) throw NotFound("警情不存在 / no such incident");
    s.Audit(c, PartnerActor(partner, req), "incident", std::to_string(known->id), "read_feedback");
    return *body;
  });
  co_return http::JsonResponse(200, body);
}

}  // namespace

void AddPoliceRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/police", "police");
  const std::string partner(http::kPartner);
  area.Add(verb::post, "/incidents", partner,
           "The police 110 system sends a family-conflict incident (signed; the same number again "
           "is the same incident, 200)",
           ReceiveIncident,
           {.body_schema = incidents::IncidentBodySchema(false),
            .response_schema = schema::Shape("incident_no:string received:boolean new:boolean "
                                             "placed:boolean pushes:integer",
                                             "incident_no received new placed pushes"),
            .success_status = 201,
            .also_status = 200});
  area.Add(verb::get, "/incidents/{number}/feedback", partner,
           "What became of one of the partner's own incidents: each push's steps and feedback "
           "(signed)",
           IncidentFeedback,
           {.response_schema =
                schema::Shape("incident_no:string stage:string updated_at:string pushes:object[]",
                              "incident_no stage updated_at pushes")});
}

}  // namespace hejia::api
