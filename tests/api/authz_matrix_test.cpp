// The authorisation matrix: every operation of the OpenAPI document, for every role and for an
// anonymous caller, with data inside and outside the caller's jurisdiction. A role without the
// route's permission is refused (403); a role with it is never refused; an object outside the
// caller's region answers 404 exactly like a missing one. Lists: authz_lists_test.cpp.
#include <boost/json.hpp>
#include <set>

#include "domain/roles.hpp"
#include "harness.hpp"
#include "openapi_operations.hpp"
#include "security/password_hash.hpp"
#include "store/attachment_store.hpp"
#include "store/case_repo.hpp"
#include "store/hotline_calls_table.hpp"
#include "store/incident_intake.hpp"
#include "store/legal_repo.hpp"
#include "store/legal_tables.hpp"
#include "store/region_repo.hpp"
#include "store/teams_table.hpp"
#include "store/trainings_table.hpp"
#include "store/visits_table.hpp"
#include "store/volunteers_table.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;

/// Ids of demo objects: one inside 东城街道's first grid, one in 西城街道.
struct Fixtures {
  std::string person_in, person_out, household_in, household_out, user_in, user_out;
  std::string consultation_in, consultation_out;
  // Rooms and mediators: one in 东城街道's first village (a room there serves the grid sister's
  // grid, which lies below it), one in 西城街道.
  std::string room_in, room_out, mediator_in, mediator_out;
  // Cases and their first parties: one handled by 东城街道's first village (taken in for the grid
  // sister's grid), one by a village of 西城街道.
  std::string case_in, case_out, party_in, party_out;
  // A file attached to each of those cases.
  std::string attachment_in, attachment_out;
  // An agreement (a draft) with one obligation on each of those cases.
  std::string obligation_in, obligation_out;
  // Volunteer teams (the record kit's example): one in 东城街道's first village, one in 西城街道.
  // Teams are formed at a village at least, so like cases none lies on the grid sister's grid.
  std::string team_in, team_out;
  // Volunteers and a service record of each, placed like teams (a village at least).
  std::string volunteer_in, volunteer_out, service_in, service_out;
  // Visits: one to a household of the grid sister's grid, one in 西城街道.
  std::string visit_in, visit_out;
  // Trainings: one held by 东城街道's first village, one by 西城街道.
  std::string training_in, training_out;
  // Hotline calls: one logged for 东城街道, one for 西城街道 (calls belong to a town or the city).
  std::string hotline_in, hotline_out;
  // Legal education: an item (with its file and poster) and an event (with a photo) of
  // 东城街道's first village, one of 西城街道; the demo's campaign of the city is seen by all, a
  // campaign made for each town; the demo's brand of each town.
  std::string legal_in, legal_out, event_in, event_out, photo_in, photo_out;
  std::string campaign_in, campaign_out, brand_in, brand_out;
  // Key families: one on a household of the grid sister's grid, one in 西城街道.
  std::string family_in, family_out;
  std::string plan_in, plan_out;  // a draft household plan of each family
  // Police incidents: one on the grid sister's grid, one in 西城街道.
  std::string incident_in, incident_out;
  std::string region_in = "330784001001001", region_out = "330784002";
  std::string grid_path;
};

const Fixtures& Fix() {
  static const Fixtures f = [] {
    Fixtures f;
    auto& db = TestServer::Get().app().db();
    db.ReadSync([&](store::Connection& c) {
      auto path = [&](const std::string& code) {
        return c.QueryOne("SELECT path FROM regions WHERE code = ?", {code})->Text(0);
      };
      f.grid_path = path("330784001001001");
      const std::string west = path("330784002");
      auto first = [&](const char* table, const std::string& p) {
        auto r = c.QueryOne(std::string("SELECT MIN(id) FROM ") + table +
                                " WHERE region_path >= ? AND region_path < ?",
                            {p, p.substr(0, p.size() - 1) + "0"});
        return r->Text(0);
      };
      f.person_in = first("people", f.grid_path);
      f.person_out = first("people", west);
      f.household_in = first("households", f.grid_path);
      f.household_out = first("households", west);
      f.user_in = c.QueryOne("SELECT id FROM users WHERE login = 'gridsister'")->Text(0);
      f.user_out = c.QueryOne("SELECT id FROM users WHERE login = 'town2'")->Text(0);
      const std::string village = path("330784001001");
      f.room_in = first("mediation_rooms", village);
      f.room_out = first("mediation_rooms", west);
      f.mediator_in = first("mediators", village);
      f.mediator_out = first("mediators", west);
    });
    // Consultations: one inside 东城街道 (on the grid every tested caller's area contains), one
    // in 西城街道.
    db.WriteSync([&](store::Connection& c) {
      auto add = [&](const std::string& bidx, const std::string& code, const std::string& p) {
        return c
            .QueryOne(
                "INSERT INTO consultations (tracking_bidx, question_enc, region_code, region_path, "
                "created_at) VALUES (?, '', ?, ?, 0) RETURNING id",
                {bidx, code, p})
            ->Text(0);
      };
      f.consultation_in = add("authz-matrix-in", "330784001001001", f.grid_path);
      f.consultation_out =
          add("authz-matrix-out", "330784002",
              c.QueryOne("SELECT path FROM regions WHERE code = '330784002'")->Text(0));
    });
    db.WriteSync([&](store::Connection& c) {
      auto& services = TestServer::Get().app().services();
      const auto settings = store::LoadCaseSettings(c);
      auto add = [&](const std::string& home, std::string& case_id, std::string& party_id) {
        store::CaseIntake in;
        in.channel = domain::CaseChannel::kHotline;
        in.category = "neighbours";
        in.facts = "授权矩阵测试";
        in.home_code = home;
        in.parties.push_back(store::PartyInput{
            .party = {.role = domain::PartyRole::kApplicant, .name = "矩阵测试"}});
        const auto made = store::CreateCase(c, services.cipher, settings, in,
                                            TestServer::Get().clock().NowMillis());
        case_id = std::to_string(made.id);
        party_id =
            c.QueryOne("SELECT MIN(id) FROM case_parties WHERE case_id = ?", {made.id})->Text(0);
      };
      add("330784001001001", f.case_in, f.party_in);
      add("330784002001", f.case_out, f.party_out);
    });
    db.WriteSync([&](store::Connection& c) {
      auto& services = TestServer::Get().app().services();
      auto attach = [&](const std::string& case_id) {
        const std::string pdf = "%PDF-1.4\n% authz matrix " + case_id + "\n";
        const auto stored = services.attachments->Put(services.cipher, pdf);
        const int64_t id =
            c.QueryOne(
                 "INSERT INTO attachments (case_id, sha256, mime, size, name, created_at) VALUES "
                 "(?, ?, 'application/pdf', ?, '', 0) RETURNING id",
                 {std::stoll(case_id), stored.sha256, static_cast<int64_t>(pdf.size())})
                ->Int(0);
        c.Execute(
            "UPDATE attachments SET name = ? WHERE id = ?",
            {services.cipher.Encrypt("矩阵.pdf", "attachments/name/" + std::to_string(id)), id});
        return std::to_string(id);
      };
      f.attachment_in = attach(f.case_in);
      f.attachment_out = attach(f.case_out);
    });
    db.WriteSync([&](store::Connection& c) {
      auto agree = [&](const std::string& case_id, const std::string& party_id) {
        const int64_t agreement =
            c.QueryOne(
                 "INSERT INTO agreements (case_id, created_at, updated_at) VALUES (?, 0, 0) "
                 "RETURNING id",
                 {std::stoll(case_id)})
                ->Int(0);
        return c
            .QueryOne(
                "INSERT INTO obligations (case_id, agreement_id, payer_party_id, payee_party_id, "
                "amount_fen, first_due, created_at) VALUES (?, ?, ?, ?, 100, '2099-01-01', 0) "
                "RETURNING id",
                {std::stoll(case_id), agreement, std::stoll(party_id), std::stoll(party_id)})
            ->Text(0);
      };
      f.obligation_in = agree(f.case_in, f.party_in);
      f.obligation_out = agree(f.case_out, f.party_out);
    });
    db.WriteSync([&](store::Connection& c) {
      auto team = [&](const std::string& code) {
        domain::VolunteerTeam t;
        t.name = "矩阵测试队";
        const auto region = store::FindRegion(c, std::string_view(code));
        t.region = {region->code, region->path, region->level, ""};
        t.leader_phone = {"13900001111", true};
        const int64_t now = TestServer::Get().clock().NowMillis();
        return std::to_string(
            store::kit::Insert(c, TestServer::Get().app().services().cipher, t, now));
      };
      f.team_in = team("330784001001");
      f.team_out = team("330784002");
      auto volunteer = [&](const std::string& code, std::string& service) {
        const auto& cipher = TestServer::Get().app().services().cipher;
        const int64_t now = TestServer::Get().clock().NowMillis();
        const auto region = store::FindRegion(c, std::string_view(code));
        domain::Volunteer v;
        v.name = "矩阵测试志愿者";
        v.region = {region->code, region->path, region->level, ""};
        v.phone = {"13900002222", true};
        v.joined_at = now;
        const int64_t id = store::kit::Insert(c, cipher, v, now);
        domain::ServiceRecord r;
        r.volunteer_id = id;
        r.region = v.region;
        r.served_at = now;
        r.minutes = 60;
        r.activity = "矩阵测试服务";
        service = std::to_string(store::kit::Insert(c, cipher, r, now));
        return std::to_string(id);
      };
      f.volunteer_in = volunteer("330784001001", f.service_in);
      f.volunteer_out = volunteer("330784002", f.service_out);
      auto visit = [&](const std::string& household) {
        auto row = c.QueryOne("SELECT grid_code, region_path FROM households WHERE id = ?",
                              {std::stoll(household)});
        domain::Visit v;
        v.household_id = std::stoll(household);
        v.region = {row->Text(0), row->Text(1), domain::RegionLevel::kGrid, ""};
        v.visited_at = TestServer::Get().clock().NowMillis();
        v.situations = ",hardship,";
        v.action = domain::VisitAction::kReferral;
        v.problem_found = true;
        v.problem = {"矩阵测试问题", true};
        v.referral_to = "民政办";
        return std::to_string(
            store::kit::Insert(c, TestServer::Get().app().services().cipher, v, v.visited_at));
      };
      f.visit_in = visit(f.household_in);
      f.visit_out = visit(f.household_out);
      auto training = [&](const std::string& code) {
        const auto region = store::FindRegion(c, std::string_view(code));
        domain::Training t;
        t.title = "矩阵测试培训";
        t.region = {region->code, region->path, region->level, ""};
        t.held_at = TestServer::Get().clock().NowMillis();
        return std::to_string(
            store::kit::Insert(c, TestServer::Get().app().services().cipher, t, t.held_at));
      };
      f.training_in = training("330784001001");
      f.training_out = training("330784002");
      auto hotline = [&](const std::string& code) {
        const auto region = store::FindRegion(c, std::string_view(code));
        domain::HotlineCall call;
        call.received_at = TestServer::Get().clock().NowMillis();
        call.region = {region->code, region->path, region->level, ""};
        call.category = "domestic_violence";
        call.outcome = domain::HotlineOutcome::kCallBack;
        call.call_back_due = call.received_at + 3'600'000;
        call.summary = {"矩阵测试来电", true};
        return std::to_string(store::kit::Insert(c, TestServer::Get().app().services().cipher, call,
                                                 call.received_at));
      };
      f.hotline_in = hotline("330784001");
      f.hotline_out = hotline("330784002");
    });
    db.WriteSync([&](store::Connection& c) {
      auto& services = TestServer::Get().app().services();
      const int64_t now = TestServer::Get().clock().NowMillis();
      const store::MediaStore media(services.attachments->root() / "media");
      auto placed = [&](const std::string& code) {
        const auto region = store::FindRegion(c, std::string_view(code));
        return domain::Placement{region->code, region->path, region->level, ""};
      };
      auto item = [&](const std::string& code) {
        domain::LegalContent l;
        l.title = "矩阵测试普法";
        l.region = placed(code);
        l.media_sha = media.Put(std::string("\0\0\0\x18"
                                            "ftypisom",
                                            12) +
                                code);
        l.media_mime = "video/mp4";
        l.poster_sha = media.Put(std::string("\x89PNG\r\n\x1A\n", 8) + code);
        l.poster_mime = "image/png";
        return std::to_string(store::kit::Insert(c, services.cipher, l, now));
      };
      f.legal_in = item("330784001001");
      f.legal_out = item("330784002");
      auto event = [&](const std::string& code, std::string& photo) {
        domain::LegalEvent e;
        e.title = "矩阵测试活动";
        e.held_at = now;
        e.region = placed(code);
        const int64_t id = store::kit::Insert(c, services.cipher, e, now);
        const auto stored =
            services.attachments->Put(services.cipher, "\xFF\xD8\xFF\xE0matrix" + code);
        photo =
            std::to_string(store::InsertEventPhoto(c, id, stored.sha256, "image/jpeg", 10, 0, now));
        return std::to_string(id);
      };
      f.event_in = event("330784001001", f.photo_in);
      f.event_out = event("330784002", f.photo_out);
      auto campaign = [&](const std::string& code) {
        domain::LegalCampaign k;
        k.name = "矩阵测试行动";
        k.year = 2026;
        k.region = placed(code);
        return std::to_string(store::kit::Insert(c, services.cipher, k, now));
      };
      f.campaign_in = campaign("330784001");
      f.campaign_out = campaign("330784002");
      auto brand = [&](const std::string& code) {
        return c
            .QueryOne("SELECT id FROM legal_brands WHERE region_code = ? AND retired = 0", {code})
            ->Text(0);
      };
      f.brand_in = brand("330784001");
      f.brand_out = brand("330784002");
    });
    {
      auto city = TestServer::Get().As("city");
      auto family = [&](const std::string& grid) {
        auto household =
            city.Post("/api/v1/households", json::object{{"grid_code", grid},
                                                         {"address_detail", "矩阵测试地址 1 号"},
                                                         {"head_name", "矩阵测试户"}});
        auto listed = city.Post("/api/v1/key-families",
                                json::object{{"household_id", household.json.at("id").as_int64()},
                                             {"source", "manual"},
                                             {"listing_reason", "授权矩阵测试"},
                                             {"answers", json::object{{"escalation", "yes"}}},
                                             {"colour", "blue"}});
        return std::to_string(listed.json.at("family").at("id").as_int64());
      };
      f.family_in = family("330784001001001");
      f.family_out = family(TestServer::Get().app().db().ReadSync([](store::Connection& c) {
        return c
            .QueryOne(
                "SELECT MIN(code) FROM regions WHERE level = 'grid' AND code LIKE '330784002%'")
            ->Text(0);
      }));
      auto plan = [&](const std::string& family_id) {
        auto made = city.Post("/api/v1/key-families/" + family_id + "/plans",
                              json::object{{"focus", "授权矩阵测试"}});
        if (made.status != 201) throw std::runtime_error("a plan for the matrix: " + made.body);
        return std::to_string(made.json.at("id").as_int64());
      };
      f.plan_in = plan(f.family_in);
      f.plan_out = plan(f.family_out);
    }
    db.WriteSync([&](store::Connection& c) {
      auto incident = [&](const std::string& code, const std::string& number) {
        store::IncidentIntake in;
        in.incident.incident_no = number;
        in.incident.station = "矩阵派出所";
        in.incident.reported_at = TestServer::Get().clock().NowMillis();
        in.address = "矩阵测试地址";
        in.parties.push_back({domain::IncidentPartyRole::kVictim, "矩阵测试", "female", ""});
        const auto region = store::FindRegion(c, std::string_view(code));
        in.placed = domain::Placement{region->code, region->path, region->level, region->name};
        return std::to_string(
            store::TakeInIncident(c, TestServer::Get().app().services().cipher,
                                  *TestServer::Get().app().services().region_names, in,
                                  TestServer::Get().clock().NowMillis())
                .id);
      };
      f.incident_in = incident("330784001001001", "MATRIX-IN");
      f.incident_out = incident("330784002", "MATRIX-OUT");
    });
    return f;
  }();
  return f;
}

enum class Target { kInside, kOutside, kMissing };

std::string Fill(const Operation& op, Target t) {
  const auto& f = Fix();
  std::string p = op.path;
  auto replace = [&](const std::string& name, const std::string& in, const std::string& out,
                     const std::string& missing) {
    const auto pos = p.find("{" + name + "}");
    if (pos == std::string::npos) return;
    p.replace(pos, name.size() + 2,
              t == Target::kInside    ? in
              : t == Target::kOutside ? out
                                      : missing);
  };
  if (p.find("/people/") != std::string::npos)
    replace("id", f.person_in, f.person_out, "999999999");
  else if (p.find("/households/") != std::string::npos)
    replace("id", f.household_in, f.household_out, "999999999");
  else if (p.find("/users/") != std::string::npos)
    replace("id", f.user_in, f.user_out, "999999999");
  else if (p.find("/consultations/") != std::string::npos)
    replace("id", f.consultation_in, f.consultation_out, "999999999");
  else if (p.find("/rooms/") != std::string::npos)
    replace("id", f.room_in, f.room_out, "999999999");
  else if (p.find("/teams/") != std::string::npos)
    replace("id", f.team_in, f.team_out, "999999999");
  else if (p.find("/volunteers/") != std::string::npos)
    replace("id", f.volunteer_in, f.volunteer_out, "999999999");
  else if (p.find("/volunteer-services/") != std::string::npos)
    replace("id", f.service_in, f.service_out, "999999999");
  else if (p.find("/visits/") != std::string::npos)
    replace("id", f.visit_in, f.visit_out, "999999999");
  else if (p.find("/trainings/") != std::string::npos)
    replace("id", f.training_in, f.training_out, "999999999");
  else if (p.find("/hotline-calls/") != std::string::npos)
    replace("id", f.hotline_in, f.hotline_out, "999999999");
  else if (p.find("/legal-contents/") != std::string::npos)
    replace("id", f.legal_in, f.legal_out, "999999999");
  else if (p.find("/legal-events/") != std::string::npos) {
    replace("id", f.event_in, f.event_out, "999999999");
    replace("pid", f.photo_in, f.photo_out, "999999999");
  } else if (p.find("/legal-campaigns/") != std::string::npos)
    replace("id", f.campaign_in, f.campaign_out, "999999999");
  else if (p.find("/legal-brands/") != std::string::npos)
    replace("id", f.brand_in, f.brand_out, "999999999");
  else if (p.find("/key-families/") != std::string::npos) {
    replace("id", f.family_in, f.family_out, "999999999");
    replace("plan_id", f.plan_in, f.plan_out, "999999999");
    replace("index", "0", "0", "0");
  } else if (p.find("/incidents/") != std::string::npos) {
    replace("id", f.incident_in, f.incident_out, "999999999");
    replace("pid", "999999999", "999999999", "999999999");
    replace("number", "MATRIX-IN", "MATRIX-OUT", "MISSING");
  } else if (p.find("/mediators/") != std::string::npos)
    replace("id", f.mediator_in, f.mediator_out, "999999999");
  else if (p.find("/cases/") != std::string::npos) {
    replace("id", f.case_in, f.case_out, "999999999");
    replace("pid", f.party_in, f.party_out, "999999999");
    replace("sid", "999999999", "999999999", "999999999");  // sessions are only changed
    replace("aid", f.attachment_in, f.attachment_out, "999999999");
    replace("oid", f.obligation_in, f.obligation_out, "999999999");
    replace("fid", "999999999", "999999999", "999999999");  // follow-ups are only changed
  } else
    replace("id", "999999999", "999999999", "999999999");
  replace("code", f.region_in, f.region_out, "330784999");
  return p;
}

bool IsMutation(const Operation& op) {
  return op.method != "GET";
}

const std::vector<std::string>& Logins() {
  static const std::vector<std::string> logins = {"admin",  "secadmin", "auditor",    "city",
                                                  "town",   "village",  "gridsister", "mediator",
                                                  "leader", "police",   "screen"};
  return logins;
}

// The event stream never ends, so the matrix cannot read it whole; its permission is checked
// here (403 comes before the stream) and cases_test.cpp reads it.
bool IsEventStream(const Operation& op) {
  return op.path == "/api/v1/cases/stream";
}

// Sign-in and sign-out change the caller's own session; they have tests of their own.
bool SkipForRoles(const Operation& op) {
  return (op.method == "POST" && op.path == "/api/v1/session") ||
         (op.method == "DELETE" && op.path == "/api/v1/session");
}

TEST(AuthorisationMatrix, TheDocumentListsEveryRouteOnceWithItsPermission) {
  const auto ops = DocumentedOperations();
  EXPECT_EQ(ops.size(), TestServer::Get().app().router().routes().size());
  std::set<std::string> seen;
  for (const auto& op : ops) {
    EXPECT_TRUE(seen.insert(op.method + " " + op.path).second) << op.path;
    EXPECT_FALSE(op.permission.empty()) << op.path;
    if (op.permission != "public" && op.permission != "session.self" &&
        op.permission != "partner") {
      bool known = false;
      for (auto p : domain::AllPermissions()) known = known || p == op.permission;
      EXPECT_TRUE(known) << op.method << " " << op.path << " declares unknown " << op.permission;
    }
  }
  // Every route of the router appears in the document, and nothing else does.
  for (const auto& r : TestServer::Get().app().router().routes()) {
    std::string method(boost::beast::http::to_string(r.method));
    EXPECT_TRUE(seen.count(method + " " + r.pattern)) << method << " " << r.pattern;
  }
}

// A partner's routes (the police interface) take no session: a signed request or 401, tested in
// police_incidents_test.cpp.
TEST(AuthorisationMatrix, AnonymousCallersReachOnlyPublicOperations) {
  for (const auto& op : DocumentedOperations()) {
    if (op.permission == "public" || op.permission == "partner") continue;
    Client anonymous(TestServer::Get().port());
    auto r = anonymous.Request(op.method, Fill(op, Target::kInside), IsMutation(op) ? "{}" : "");
    EXPECT_EQ(r.status, 401) << op.method << " " << op.path;
    EXPECT_EQ(r.ErrorCode(), "unauthenticated") << op.method << " " << op.path;
  }
}

TEST(AuthorisationMatrix, EachRoleIsAllowedExactlyWhatItsPermissionsSay) {
  for (const auto& login : Logins()) {
    const std::string role = RoleOf(login);
    for (const auto& op : DocumentedOperations()) {
      if (op.permission == "public" || op.permission == "partner" || SkipForRoles(op)) continue;
      Client c = TestServer::Get().As(login);
      const bool allowed = domain::RoleHas(domain::ParseRole(role).value(), op.permission);
      if (allowed && IsEventStream(op)) continue;
      // Mutations aim at a missing object (or send an empty body) so nothing changes.
      const Target t = IsMutation(op) ? Target::kMissing : Target::kInside;
      auto r = c.Request(op.method, Fill(op, t), IsMutation(op) ? "{}" : "");
      const std::string where = login + " (" + role + ") " + op.method + " " + op.path + " -> " +
                                std::to_string(r.status) + " " + r.body.substr(0, 160);
      if (!allowed) {
        EXPECT_EQ(r.status, 403) << where;
        EXPECT_EQ(r.ErrorCode(), "forbidden") << where;
        continue;
      }
      EXPECT_NE(r.status, 401) << where;
      EXPECT_NE(r.status, 403) << where;
      EXPECT_LT(r.status, 500) << where;
    }
  }
}

TEST(AuthorisationMatrix, ObjectsOutsideTheJurisdictionAnswer404LikeMissingOnes) {
  for (const std::string login : {"town", "village", "gridsister", "mediator"}) {
    const std::string role = RoleOf(login);
    for (const auto& op : DocumentedOperations()) {
      if (op.method != "GET" || op.path.find('{') == std::string::npos) continue;
      if (!domain::RoleHas(domain::ParseRole(role).value(), op.permission)) continue;
      if (op.path.find("/session/") != std::string::npos) continue;
      Client c = TestServer::Get().As(login);
      auto outside = c.Get(Fill(op, Target::kOutside));
      auto missing = c.Get(Fill(op, Target::kMissing));
      EXPECT_EQ(outside.status, 404)
          << login << " " << op.path << " " << outside.body.substr(0, 200);
      EXPECT_EQ(missing.status, 404) << login << " " << op.path;
      EXPECT_EQ(outside.ErrorCode(), missing.ErrorCode()) << login << " " << op.path;
      auto inside = c.Get(Fill(op, Target::kInside));
      // A grid sister's grid is inside every one of these callers' jurisdictions. Cases are the
      // exception: they live at their handling unit (a village at least), never on a grid, so a
      // grid sister reads none but those she reported (followed: CaseSight tests). Volunteer teams
      // likewise. A mediator reads only the cases it mediates and no consultations.
      const bool case_of_village =
          (login == "gridsister" && (op.path.find("/cases/") != std::string::npos ||
                                     op.path.find("/teams/") != std::string::npos ||
                                     op.path.find("/volunteer") != std::string::npos)) ||
          (login == "mediator" && (op.path.find("/cases/") != std::string::npos ||
                                   op.path.find("/consultations/") != std::string::npos)) ||
          // A campaign or brand belongs to a town (or the city): a village cadre reads those of
          // her village only, and none is there.
          (login == "village" && (op.path.find("/legal-campaigns/") != std::string::npos ||
                                  op.path.find("/legal-brands/") != std::string::npos));
      EXPECT_EQ(inside.status, case_of_village ? 404 : 200)
          << login << " " << op.path << " " << inside.body.substr(0, 200);
    }
  }
}

TEST(AuthorisationMatrix, AnUndeclaredRouteIsDeniedNotServed) {
  Client c = TestServer::Get().As("city");
  for (const char* path : {"/api/v1/people/1/delete", "/api/v1/admin", "/api/v1/people/1/2/3"}) {
    auto r = c.Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.ErrorCode(), "not_found");
  }
  auto r = c.Request("PUT", "/api/v1/people", "{}");
  EXPECT_EQ(r.status, 405);
}

}  // namespace
}  // namespace hejia::testing

namespace hejia::testing {
namespace {

TEST(Jurisdiction, AUserWithNoRegionSeesNothing) {
  auto& db = TestServer::Get().app().db();
  const std::string hash = security::HashPassword(kDemoPassword);
  const int64_t now = TestServer::Get().clock().NowMillis();
  db.WriteSync([&](store::Connection& c) {
    if (!c.QueryOne("SELECT 1 FROM users WHERE login = 'noregion'"))
      c.Execute(
          "INSERT INTO users (login, display_name, role, region_code, password_hash, "
          "must_change_password, demo, created_at, updated_at) VALUES "
          "('noregion', 'No Region', 'city_staff', NULL, ?, 0, 1, ?, ?)",
          {hash, now, now});
  });
  Client c(TestServer::Get().port());
  ASSERT_EQ(c.SignIn("noregion").status, 200);
  for (const char* path : {"/api/v1/people", "/api/v1/households", "/api/v1/regions?root=1"}) {
    auto r = c.Get(path);
    ASSERT_EQ(r.status, 200) << path << " " << r.body;
    EXPECT_EQ(r.json.at("total").as_int64(), 0) << path;
    EXPECT_TRUE(r.json.at("items").as_array().empty()) << path;
  }
  EXPECT_EQ(c.Get("/api/v1/people/" + Fix().person_in).status, 404);
}

}  // namespace
}  // namespace hejia::testing
