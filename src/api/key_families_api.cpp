// Key families (三色预警, docs/design/key_families.md), issue points 3 and 5: the list and one
// family (the record kit's shape, staff only), listing a household with its first risk
// assessment, reassessing (an upgrade takes effect at once, enters the history and is told to the
// levels above), and the assessments and the history of colours, each read audited as a read of
// sensitive data. Steps down, contacts, the due list and the counts: key_family_changes_api.cpp.
#include <boost/asio/awaitable.hpp>

#include "api/case_stream.hpp"
#include "api/key_family_json.hpp"
#include "api/key_family_routes.hpp"
#include "api/people_common.hpp"
#include "api/people_json.hpp"
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "common/error.hpp"
#include "domain/key_family.hpp"
#include "domain/risk_assessment.hpp"
#include "domain/text.hpp"
#include "store/family_supervision.hpp"
#include "store/key_families_table.hpp"
#include "store/list_cache.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace families {

domain::RegionLevel CallerLevel(store::Connection& c, const http::Principal& caller) {
  auto region = store::FindRegion(c, std::string_view(caller.region_code));
  return region ? region->level : domain::RegionLevel::kGrid;
}

domain::KeyFamily LoadOr404(store::Connection& c, const http::Principal& caller, int64_t id) {
  auto family = store::LoadFamily(c, ScopeOf(caller), id);
  if (!family) throw NotFound(kNotFound);
  return std::move(*family);
}

void Save(Services& s, store::Connection& c, const domain::KeyFamily& family, int64_t now) {
  if (!store::SaveFamily(c, s.cipher, family, now))
    throw Conflict("重点家庭正被修改，请重试 / the family is being changed: retry");
}

void TellUpward(Services& s, const Upgrade& upgrade) {
  if (!s.case_stream) return;
  for (int64_t user : upgrade.recipients)
    s.case_stream->Publish(user, "key_family_upgrade",
                           json::object{{"id", upgrade.family_id}, {"colour", upgrade.colour}});
}

}  // namespace families

namespace {

using families::kNotFound;
namespace sk = store::kit;

std::vector<std::string> LevelCodes(const std::vector<domain::RegionLevel>& levels) {
  std::vector<std::string> out;
  for (auto l : levels) out.emplace_back(domain::ToString(l));
  return out;
}

/// What listing or reassessing did: the answer and whom to tell once it is committed.
struct Assessed {
  json::object answer;
  families::Upgrade upgrade;
};

/// Records the assessment `a` of `family` and applies its colour: the same colour stays, an
/// upgrade takes effect at once (a waiting step down is superseded) and is told upward, a lower
/// colour is recorded and waits for a step down asked for and approved. `listing`: the family
/// was just inserted and takes its first colour.
Assessed Apply(Services& s, store::Connection& c, const http::Request& req,
               domain::KeyFamily& family, const families::AssessmentBody& a,
               const domain::ColourSuggestion& suggestion, std::string_view occasion,
               const std::string& history_reason, int64_t now) {
  const int64_t me = req.Caller().user_id;
  const bool listing = occasion == "listing";
  store::AssessmentRow row{.family_id = family.meta.id,
                           .answers = a.answers,
                           .score = suggestion.score.score,
                           .suggested = suggestion.colour,
                           .chosen = a.colour,
                           .occasion = std::string(occasion),
                           .reason = a.reason,
                           .notes = a.notes,
                           .assessed_by = me,
                           .assessed_at = now};
  row.id = store::InsertAssessment(c, s.cipher, row);
  const domain::ColourChange change{family.colour, a.colour};
  const auto kind = domain::ClassifyColourChange(change);
  std::vector<domain::RegionLevel> told;
  std::string change_code = listing ? "list" : std::string(domain::ToString(kind));
  bool effective = listing || kind == domain::ColourChangeKind::kSame;
  if (listing || kind == domain::ColourChangeKind::kUpgrade) {
    // A listing is told like an upgrade from blue: the town learns of a yellow family, the town
    // and the city of a red one.
    told = domain::LevelsToTell(listing ? domain::ColourChange{domain::RiskColour::kBlue, a.colour}
                                        : change);
    if (auto pending = store::PendingChange(c, s.cipher, family.meta.id)) {
      store::DecideChange(c, s.cipher, pending->id, "superseded", 0, now, "");
      family.pending_change.clear();
      family.pending_colour.clear();
      family.pending_at = 0;
    }
    const std::string from = listing ? "" : std::string(domain::ToString(family.colour));
    domain::TakeColour(family, a.colour, now);
    if (!listing) families::PlanAfterColourChange(s, c, family, now);
    store::InsertColourChange(c, s.cipher,
                              {.family_id = family.meta.id,
                               .kind = listing ? "list" : "upgrade",
                               .from = from,
                               .to = std::string(domain::ToString(a.colour)),
                               .outcome = "effective",
                               .assessment_id = row.id,
                               .requested_by = me,
                               .requested_at = now,
                               .decided_at = now,
                               .told = LevelCodes(told),
                               .reason = history_reason});
    effective = true;
  }
  family.assessed_at = now;
  domain::UpdateReassessment(family);
  families::Save(s, c, family, now);
  store::RefreshSupervision(c, family.meta.id, now);
  const auto reloaded = Reloaded(store::LoadFamily(c, ScopeOf(req.Caller()), family.meta.id));
  families::Upgrade upgrade{family.meta.id, std::string(domain::ToString(a.colour)), {}};
  if (!told.empty()) upgrade.recipients = store::StaffToTell(c, family.region.path, told);
  json::array told_codes;
  for (const auto& t : LevelCodes(told)) told_codes.emplace_back(t);
  auto assessment = store::ListAssessments(c, s.cipher, family.meta.id);
  return {json::object{{"family", families::FamilyJson(reloaded)},
                       {"assessment", families::AssessmentJson(assessment.front())},
                       {"change", change_code},
                       {"effective", effective},
                       {"told", std::move(told_codes)}},
          std::move(upgrade)};
}

/// The suggestion for `a`, and the person's decision checked against it (400 naming `reason`).
domain::ColourSuggestion Decide(const families::AssessmentBody& a,
                                std::optional<domain::RiskColour> at_least) {
  auto suggestion = domain::SuggestColour(a.answers, {}, at_least);
  if (auto problem = domain::CheckColourDecision(suggestion.colour, a.colour, a.reason))
    throw Invalid(problem->field, problem->message);
  return suggestion;
}

std::vector<std::string_view> ListingFields() {
  std::vector<std::string_view> f{"household_id", "source", "source_id", "listing_reason"};
  f.insert(f.end(), std::begin(families::kAssessmentFields), std::end(families::kAssessmentFields));
  return f;
}

asio::awaitable<http::Response> ListFamilies(Services& s, http::Request& req) {
  static const auto sortable = kit::SortableFields<domain::KeyFamily>();
  const http::PageRequest page = http::ParsePage(req, sortable, "id", true);
  store::FamilyListFilter filter{.fields = kit::QueryFilters<domain::KeyFamily>(req)};
  filter.include_retired = http::QueryText(req, "include_retired", 5).value_or("0") == "1";
  const auto overdue = http::QueryText(req, "overdue", 5).value_or("0");
  if (overdue == "1" || overdue == "true") filter.overdue_at = s.clock.NowMillis();
  const auto region = http::QueryText(req, "region", 20);
  co_return co_await people::StreamedRowsPage(
      s, req, region, page,
      [&](store::Connection& c, const ScopeFilter& scope, const auto& each) {
        return store::ListFamilies(c, *s.region_names, scope, filter, page.sort,
                                   people::ToPageSpec(page), each);
      },
      families::WriteFamily);
}

asio::awaitable<http::Response> GetFamily(Services& s, http::Request& req) {
  return ShowOne(
      s, req,
      [](store::Connection& c, const ScopeFilter& scope, int64_t id) {
        return store::LoadFamily(c, scope, id);
      },
      [](const domain::KeyFamily& f) { return http::JsonResponse(200, families::FamilyJson(f)); },
      kNotFound);
}

asio::awaitable<http::Response> ListHousehold(Services& s, http::Request& req) {
  static const auto allowed = ListingFields();
  const auto body = http::JsonBody::Parse(req.raw.body(), allowed);
  const int64_t household_id = body.RequiredInt("household_id", 1, INT64_MAX);
  const auto source = domain::ParseListingSource(body.RequiredString("source", 20));
  if (!source) throw Invalid("source", "应为 incident | case | visit | manual");
  const auto source_id = body.OptInt("source_id", 1, INT64_MAX);
  if (*source == domain::ListingSource::kManual && source_id)
    throw Invalid("source_id", "手工列入没有来源编号 / a listing by hand has no source id");
  if (*source == domain::ListingSource::kCase && !source_id)
    throw Invalid("source_id", "请填写案件编号 / the case's id is required");
  auto listing_reason = domain::CheckLines(
      body.OptString("listing_reason", domain::kColourReasonMax * 4 + 16).value_or(""),
      domain::kColourReasonMax, *source == domain::ListingSource::kManual);
  if (listing_reason.problem)
    throw Invalid("listing_reason",
                  domain::TextProblemMessage(*listing_reason.problem, domain::kColourReasonMax));
  const auto a = families::ReadAssessment(body);
  const auto suggestion = Decide(a, std::nullopt);
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    // A household outside the caller's area is answered exactly like one that does not exist.
    auto household = store::FindListableHousehold(c, scope, household_id);
    if (!household) throw people::NotFoundField("household_id", "户不存在 / no such household");
    if (auto listed = store::ActiveFamilyOfHousehold(c, household_id))
      throw ApiError(ErrorKind::kConflict, "already_listed",
                     "该户已是重点家庭 / the household is already listed", "household_id")
          .WithDetails(json::object{{"id", *listed}});
    if (*source == domain::ListingSource::kCase) {
      store::Params p{*source_id};
      scope.Bind(p);
      if (!c.QueryOne("SELECT 1 FROM cases WHERE id = ?" + scope.Sql("region_path"), p))
        throw people::NotFoundField("source_id", "案件不存在 / no such case");
    }
    domain::KeyFamily family;
    family.name = household->head_name;
    family.region = household->grid;
    family.source = *source;
    family.household_id = household_id;
    family.source_id = source_id.value_or(0);
    family.listed_at = now;
    domain::TakeColour(family, a.colour, now);
    store::InsertFamily(c, s.cipher, family, now);
    std::vector<std::string_view> fields{"household_id", "source"};
    if (source_id) fields.push_back("source_id");
    if (!listing_reason.text.empty()) fields.push_back("listing_reason");
    fields.insert(fields.end(), a.fields.begin(), a.fields.end());
    s.Audit(c, ActorOf(req), "key_family", std::to_string(family.meta.id), "create", "ok",
            people::FieldList(fields));
    const std::string why = listing_reason.text.empty() ? a.reason : listing_reason.text;
    return Apply(s, c, req, family, a, suggestion, "listing", why, now);
  });
  store::ListTotalsChanged();
  families::TellUpward(s, done.upgrade);
  co_return http::JsonResponse(201, done.answer);
}

asio::awaitable<http::Response> Assess(Services& s, http::Request& req) {
  const int64_t id = people::PathId(req);
  const auto body = http::JsonBody::Parse(req.raw.body(), families::kAssessmentFields);
  const auto a = families::ReadAssessment(body);
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) {
    auto family = families::LoadOr404(c, req.Caller(), id);
    if (family.meta.retired) throw Conflict("该户已销号 / the family has been delisted", "id");
    // After a new incident the checklist suggests at least one colour above the current one.
    std::optional<domain::RiskColour> at_least;
    std::string occasion = "review";
    if (family.reassess) occasion = family.reassess_reason;
    if (family.reassess && family.reassess_reason == "new_incident")
      at_least = domain::ColourFloorAfterIncident(family.colour);
    const auto suggestion = Decide(a, at_least);
    auto fields = a.fields;
    const auto kind = domain::ClassifyColourChange({family.colour, a.colour});
    std::string detail = people::FieldList(fields);
    if (kind == domain::ColourChangeKind::kUpgrade) detail += ";change=upgrade";
    s.Audit(c, ActorOf(req), "key_family", std::to_string(id), "assess", "ok", detail);
    return Apply(s, c, req, family, a, suggestion, occasion, a.reason, now);
  });
  store::ListTotalsChanged();
  families::TellUpward(s, done.upgrade);
  co_return http::JsonResponse(201, done.answer);
}

/// What the checklist suggests, written nowhere: the console shows it before a person decides.
/// With `family_id`, a family waiting for reassessment after a new incident (in the caller's
/// area) lifts it to one colour above the current one, as the assessment will.
asio::awaitable<http::Response> Suggest(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"answers", "family_id"});
  const auto answers = families::ReadAnswers(body);
  const auto family_id = body.OptInt("family_id", 1, INT64_MAX);
  std::optional<domain::RiskColour> at_least;
  if (family_id) {
    at_least = co_await s.db.Read([&](store::Connection& c) -> std::optional<domain::RiskColour> {
      auto family = store::LoadFamily(c, ScopeOf(req.Caller()), *family_id);
      if (!family) throw people::NotFoundField("family_id", kNotFound);
      if (!family->reassess || family->reassess_reason != "new_incident") return std::nullopt;
      return domain::ColourFloorAfterIncident(family->colour);
    });
  }
  co_return http::JsonResponse(
      200, families::SuggestionJson(answers, domain::SuggestColour(answers, {}, at_least)));
}

/// A read of a family's sensitive records, audited also when it is refused for a family outside
/// the caller's area (like the kit's reveal).
template <class Show>
asio::awaitable<http::Response> ReadSensitive(Services& s, http::Request& req,
                                              std::string_view what, Show show) {
  const int64_t id = people::PathId(req);
  auto out = co_await s.db.Write([&](store::Connection& c) -> std::optional<json::object> {
    auto family = store::LoadFamily(c, ScopeOf(req.Caller()), id);
    const std::string entity_id = std::to_string(id);
    if (!family) {
      s.Audit(c, ActorOf(req), "key_family", entity_id, "read_sensitive", "denied", "not_found");
      return std::nullopt;
    }
    json::array items = show(c, *family);
    s.Audit(c, ActorOf(req), "key_family", entity_id, "read_sensitive", "ok",
            people::FieldList({what}));
    return json::object{{"items", std::move(items)}};
  });
  if (!out) throw NotFound(kNotFound);
  co_return http::JsonResponse(200, *out);
}

asio::awaitable<http::Response> Assessments(Services& s, http::Request& req) {
  return ReadSensitive(s, req, "assessments", [&](store::Connection& c, const auto& family) {
    json::array items;
    for (const auto& a : store::ListAssessments(c, s.cipher, family.meta.id))
      items.push_back(families::AssessmentJson(a));
    return items;
  });
}

asio::awaitable<http::Response> History(Services& s, http::Request& req) {
  return ReadSensitive(s, req, "history", [&](store::Connection& c, const auto& family) {
    json::array items;
    for (const auto& h : store::ColourHistory(c, s.cipher, family.meta.id))
      items.push_back(families::HistoryJson(h));
    return items;
  });
}

asio::awaitable<http::Response> Contacts(Services& s, http::Request& req) {
  return ReadSensitive(s, req, "contacts", [&](store::Connection& c, const auto& family) {
    json::array items;
    for (const auto& k : store::ListContacts(c, s.cipher, family.meta.id))
      items.push_back(families::ContactJson(k));
    return items;
  });
}

}  // namespace

void AddKeyFamilyRoutes(http::Router& router, Services& s) {
  using families::kFamiliesPath;
  AreaRoutes area(router, s, kFamiliesPath, "key_family");
  std::vector<http::QueryParam> query{kRegionQuery,
                                      kOwnQuery,
                                      {"include_retired", "boolean", "also delisted ones"},
                                      Flag("overdue", "only those whose contact is overdue")};
  sk::ForEachField<domain::KeyFamily>([&](const auto& f) {
    if constexpr (requires { f.filter; })
      if (f.filter != sk::Filter::kNone)
        query.push_back({std::string(f.name), "string",
                         f.filter == sk::Filter::kContains ? "contains" : "equals"});
  });
  area.Crud({.noun = "key family",
             .permissions = {"family.read", "family.assess"},
             .list = {ListFamilies, "The key families of my area (staff)", query},
             .get = {GetFamily, "One key family (staff)"},
             .schema = families::FamilySchema()});
  area.Add(verb::post, "", "family.assess",
           "List a household as a key family with its first risk assessment", ListHousehold,
           {.body_schema = families::ListingBodySchema(),
            .response_schema = families::AssessedSchema(),
            .success_status = 201});
  area.Add(verb::post, "/suggest", "family.assess",
           "The colour a checklist suggests, before a person decides (nothing is written)", Suggest,
           {.body_schema = families::SuggestBodySchema(),
            .response_schema = families::SuggestionSchema()});
  area.Add(verb::post, "/{id}/assessments", "family.assess",
           "Reassess a key family: an upgrade takes effect at once and is told upward", Assess,
           {.body_schema = families::AssessmentBodySchema(),
            .response_schema = families::AssessedSchema(),
            .success_status = 201});
  area.Add(verb::get, "/{id}/assessments", "family.assess",
           "The risk assessments of a key family, newest first (audited)", Assessments,
           {.response_schema = families::ItemsOf(families::AssessmentSchema())});
  area.Add(verb::get, "/{id}/history", "family.assess",
           "The history of colours of a key family, newest first (audited)", History,
           {.response_schema = families::ItemsOf(families::HistorySchema())});
  area.Add(verb::get, "/{id}/contacts", "family.assess",
           "The contacts and visits of a key family with their notes, latest first (audited)",
           Contacts, {.response_schema = families::ItemsOf(families::ContactSchema())});
}

}  // namespace hejia::api
