// Key families, what follows the listing (docs/design/key_families.md): asking for a step down or
// a delisting (销号) once the colour's stable period has passed, its approval or refusal by the
// owning level (never by the person who asked), contacts and visits (a finding asks for
// reassessment; the next contact falls due again), the due-contact list — a grid sister's phone
// list: names and dates, nothing of the risk — and the counts a leader sees.
#include <boost/asio/awaitable.hpp>
#include <stdexcept>

#include "api/key_family_json.hpp"
#include "api/key_family_routes.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "common/error.hpp"
#include "domain/key_family.hpp"
#include "domain/text.hpp"
#include "store/family_supervision.hpp"
#include "store/list_cache.hpp"

namespace hejia::api {

namespace {

using families::kNotFound;

constexpr int kDueWithinMax = 92;

domain::KeyFamily LoadListed(store::Connection& c, const http::Request& req, int64_t id) {
  auto family = families::LoadOr404(c, req.Caller(), id);
  if (family.meta.retired) throw Conflict("该户已销号 / the family has been delisted", "id");
  return family;
}

std::string ReadNote(const http::JsonBody& body, std::string_view field, std::size_t max,
                     bool required) {
  auto checked =
      domain::CheckLines(body.OptString(field, max * 4 + 16).value_or(""), max, required);
  if (checked.problem)
    throw Invalid(std::string(field), domain::TextProblemMessage(*checked.problem, max));
  return std::move(checked.text);
}

asio::awaitable<http::Response> RequestChange(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"to", "reason"});
  const std::string to = body.RequiredString("to", 10);
  std::optional<domain::RiskColour> colour;
  if (to != "delisted") {
    colour = domain::ParseRiskColour(to);
    if (!colour)
      throw Invalid("to", "应为 yellow | blue | delisted / must be yellow, blue or delisted");
  }
  const std::string reason = ReadNote(body, "reason", domain::kColourReasonMax, true);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    auto family = LoadListed(c, req, id);
    const domain::ColourChange change{family.colour, colour};
    if (!domain::NeedsApproval(change))
      throw Invalid("to",
                    "升级请提交新的风险评估 / a higher colour is set by a new risk assessment");
    if (store::PendingChange(c, s.cipher, id))
      throw Conflict("已有待审批的调整 / a step down is already waiting for approval", "to");
    const int days = domain::StableDays(
        family.last_incident_at ? std::optional(family.last_incident_at) : std::nullopt,
        family.listed_at, now);
    if (auto problem = domain::CheckChangeAllowed(change, days))
      throw ApiError(ErrorKind::kConflict, "not_stable", problem->message, "to")
          .WithDetails(json::object{{"required_days", domain::RequiredStableDays(change)},
                                    {"stable_days", days}});
    const auto kind = domain::ClassifyColourChange(change);
    store::InsertColourChange(c, s.cipher,
                              {.family_id = id,
                               .kind = std::string(domain::ToString(kind)),
                               .from = std::string(domain::ToString(family.colour)),
                               .to = colour ? std::string(domain::ToString(*colour)) : "",
                               .outcome = "pending",
                               .requested_by = req.Caller().user_id,
                               .requested_at = now,
                               .reason = reason});
    family.pending_change = domain::ToString(kind);
    family.pending_colour = colour ? domain::ToString(*colour) : "";
    family.pending_at = now;
    families::Save(s, c, family, now);
    s.Audit(c, ActorOf(req), "key_family", std::to_string(id), "request_change", "ok",
            "fields=to,reason");
    return families::FamilyJson(Reloaded(store::LoadFamily(c, ScopeOf(req.Caller()), id)));
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(200, answer);
}

/// Approves (`approve`) or refuses the waiting step down, as someone of the owning level or
/// above who did not ask for it (domain::CheckApprover; 403 naming `approver` otherwise).
asio::awaitable<http::Response> Decide(Services& s, http::Request& req, bool approve) {
  const int64_t id = people::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"note"});
  const std::string note = ReadNote(body, "note", domain::kColourReasonMax, false);
  const int64_t now = s.clock.NowMillis();
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    auto family = LoadListed(c, req, id);
    auto pending = store::PendingChange(c, s.cipher, id);
    if (!pending)
      throw Conflict("没有待审批的调整 / no step down is waiting for approval", "pending_change");
    // An empty `to` is a delisting; a colour this program did not write is not taken for one.
    const std::optional<domain::RiskColour> to =
        pending->to.empty() ? std::nullopt : domain::ParseRiskColour(pending->to);
    if (!pending->to.empty() && !to)
      throw std::logic_error("a waiting step down names an unknown colour: " + pending->to);
    const domain::ColourChange change{family.colour, to};
    const int64_t me = req.Caller().user_id;
    if (auto problem = domain::CheckApprover(change, families::CallerLevel(c, req.Caller()),
                                             pending->requested_by, me))
      throw ApiError(ErrorKind::kForbidden, "cannot_approve", problem->message, "approver");
    store::DecideChange(c, s.cipher, pending->id, approve ? "approved" : "rejected", me, now, note);
    family.pending_change.clear();
    family.pending_colour.clear();
    family.pending_at = 0;
    if (approve && to) {
      domain::TakeColour(family, *to, now);
      families::PlanAfterColourChange(s, c, family, now);
    }
    if (approve && !to) {
      family.meta.retired = true;  // delisted (销号): its plans are closed
      families::PlansAfterDelisting(c, id, now);
    }
    families::Save(s, c, family, now);
    store::RefreshSupervision(c, id, now);
    s.Audit(c, ActorOf(req), "key_family", std::to_string(id),
            approve ? "approve_change" : "reject_change", "ok", note.empty() ? "" : "fields=note");
    return families::FamilyJson(Reloaded(store::LoadFamily(c, ScopeOf(req.Caller()), id)));
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(200, answer);
}

asio::awaitable<http::Response> Approve(Services& s, http::Request& req) {
  return Decide(s, req, true);
}

asio::awaitable<http::Response> Reject(Services& s, http::Request& req) {
  return Decide(s, req, false);
}

asio::awaitable<http::Response> AddContact(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), {"kind", "at", "finding", "note"});
  const auto kind = domain::ParseFamilyContactKind(body.RequiredString("kind", 20));
  if (!kind) throw Invalid("kind", "应为 contact | visit | city_visit");
  const int64_t now = s.clock.NowMillis();
  int64_t at = now;
  if (auto text = body.OptString("at", 40); text && !text->empty()) {
    const auto parsed = ParseIsoTime(*text);
    if (!parsed)
      throw Invalid("at",
                    "时间格式应为 ISO 8601（含时区）/ must be an ISO 8601 time with its offset");
    if (*parsed > now) throw Invalid("at", "不能是将来的时间 / cannot lie in the future");
    at = *parsed;
  }
  const bool finding = body.OptBool("finding").value_or(false);
  const std::string note = ReadNote(body, "note", domain::kContactNoteMax, false);
  std::vector<std::string_view> fields{"kind", "at"};
  if (finding) fields.push_back("finding");
  if (!note.empty()) fields.push_back("note");
  auto answer = co_await s.db.Write([&](store::Connection& c) {
    auto family = LoadListed(c, req, id);
    if (!domain::MayRecord(*kind, families::CallerLevel(c, req.Caller())))
      throw Invalid("kind", "市级走访由市妇联记录 / a city visit is recorded by the city");
    // The contact is a visit of kind key_family_contact (issue 12, point 2).
    const int64_t visit = store::InsertContact(c, s.cipher,
                                               {.household_id = family.household_id,
                                                .kind = *kind,
                                                .at = at,
                                                .by = req.Caller().user_id,
                                                .finding = finding,
                                                .note = note},
                                               now);
    domain::RecordContact(family, *kind, at, finding);
    families::Save(s, c, family, now);
    store::RefreshSupervision(c, id, now);
    s.Audit(c, ActorOf(req), "key_family", std::to_string(id), "contact", "ok",
            people::FieldList(fields) + ";visit=" + std::to_string(visit));
    return families::DueJson(
        families::DueOf(Reloaded(store::LoadFamily(c, ScopeOf(req.Caller()), id))), now);
  });
  store::ListTotalsChanged();
  co_return http::JsonResponse(201, answer);
}

asio::awaitable<http::Response> DueList(Services& s, http::Request& req) {
  const http::PageRequest page = http::ParsePage(req, {"next_contact_due"}, "next_contact_due");
  const auto within = http::QueryInt(req, "within", 0, kDueWithinMax);
  const auto region = http::QueryText(req, "region", 20);
  const int64_t now = s.clock.NowMillis();
  std::optional<int64_t> due_before;
  if (within) due_before = now + *within * 24LL * 60 * 60 * 1000;
  auto body = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = people::RequestScope(c, req.Caller(), region);
    std::vector<store::DueRow> rows;
    const int64_t total = store::ListDue(c, scope, due_before, people::ToPageSpec(page), rows);
    json::array items;
    for (const auto& r : rows) items.push_back(families::DueJson(r, now));
    return http::PageBody(std::move(items), page, total);
  });
  co_return http::JsonResponse(200, body);
}

asio::awaitable<http::Response> Counts(Services& s, http::Request& req) {
  const auto region = http::QueryText(req, "region", 20);
  auto body = co_await ReadInScope(s, req, region, [](store::Connection& c, const ScopeFilter& sc) {
    return families::CountsJson(store::CountByTown(c, sc));
  });
  co_return http::JsonResponse(200, body);
}

}  // namespace

void AddKeyFamilyChangeRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, families::kFamiliesPath, "key_family");
  area.Add(
      verb::get, "/due", "family.due",
      "My key families' next contacts, earliest first: names and dates only", DueList,
      {.query = {kRegionQuery, {"within", "integer", "only those due within so many days (0-92)"}},
       .response_schema = families::DueSchema(),
       .paged = true});
  area.Add(verb::get, "/counts", "family.counts",
           "Key families of my area by colour and town: counts only", Counts,
           {.query = {kRegionQuery}, .response_schema = families::CountsSchema()});
  area.Add(
      verb::post, "/{id}/colour-change", "family.assess",
      "Ask for a step down or a delisting after the stable period", RequestChange,
      {.body_schema = families::ChangeBodySchema(), .response_schema = families::FamilySchema()});
  area.Add(
      verb::post, "/{id}/colour-change/approve", "family.approve",
      "Approve the waiting step down (the owning level, not the person who asked)", Approve,
      {.body_schema = families::DecisionBodySchema(), .response_schema = families::FamilySchema()});
  area.Add(
      verb::post, "/{id}/colour-change/reject", "family.approve",
      "Refuse the waiting step down (the owning level, not the person who asked)", Reject,
      {.body_schema = families::DecisionBodySchema(), .response_schema = families::FamilySchema()});
  area.Add(verb::post, "/{id}/contacts", "family.contact",
           "Record a contact or a visit; a finding asks for reassessment", AddContact,
           {.body_schema = families::ContactBodySchema(),
            .response_schema = families::DueSchema(),
            .success_status = 201});
}

}  // namespace hejia::api
