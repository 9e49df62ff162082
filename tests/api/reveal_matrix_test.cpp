// Who sees full values (issue 9, point 21): for each demo role and each record type with sealed
// values — a person, a case's party, a consultation's contact — the full value is shown exactly to
// the roles with that record type's reveal permission, and always with an audit row. The records
// lie inside every role's area, so a leak would show.
#include "accounts.hpp"
#include "case_helpers.hpp"
#include "domain/roles.hpp"
#include "people_helpers.hpp"
#include "security/tokens.hpp"
#include "test_kit.hpp"

namespace hejia::testing {
namespace {

namespace json = boost::json;
using cases::Intake;
using cases::kGrid;
using cases::kVillage;
using cases::NewCase;

struct Login {
  const char* login;
  domain::Role role;
};
constexpr Login kLogins[] = {
    {"city", domain::Role::kCityStaff},       {"town", domain::Role::kTownStaff},
    {"village", domain::Role::kVillageCadre}, {"gridsister", domain::Role::kGridSister},
    {"mediator", domain::Role::kMediator},    {"leader", domain::Role::kLeader},
    {"police", domain::Role::kIntegration},
};

std::string AskWithContact(const std::string& question, const std::string& contact) {
  Client citizen(TestServer::Get().port());
  auto ch = citizen.Post("/api/v1/public/challenge", json::object{});
  const std::string token(ch.json.at("token").as_string());
  auto r = citizen.Post(
      "/api/v1/public/consultations",
      json::object{
          {"question", question},
          {"contact", contact},
          {"town_code", cases::kTown},
          {"challenge",
           json::object{
               {"token", token},
               {"nonce", Solve(token, static_cast<int>(ch.json.at("difficulty").as_int64()))}}}});
  EXPECT_EQ(r.status, 201) << r.body;
  return QueryText("SELECT MAX(id) FROM consultations");
}

TEST(RevealMatrix, FullValuesGoExactlyToTheRolesThatMayRevealThem) {
  TimePasses();
  // A person of the grid sister's grid, a case of her village with the applicant's phone, and a
  // consultation of 东城街道 with a phone to call back.
  Client town = TestServer::Get().As("town");
  const std::string person_phone = people_tests::UniquePhone(), party_phone = cases::UniquePhone(),
                    contact = "13655550303";
  const int64_t hid = people_tests::NewHousehold(town, kGrid);
  auto person = town.Post("/api/v1/people",
                          people_tests::Woman(hid, people_tests::UniqueName("揭示"), person_phone));
  ASSERT_EQ(person.status, 201) << person.body;
  const std::string person_id = std::to_string(person.json.at("id").as_int64());
  const auto c = NewCase("town", Intake(kVillage, "child_support", party_phone));
  const std::string case_id = std::to_string(c.at("id").as_int64());
  const std::string party_id =
      QueryText("SELECT MIN(id) FROM case_parties WHERE case_id = ?", {c.at("id").as_int64()});
  const std::string consultation_id = AskWithContact("揭示矩阵测试的问题", contact);

  int shown = 0;
  for (const auto& [login, role] : kLogins) {
    Client as = TestServer::Get().As(login);
    // A person: the masked record never holds the full phone; the reveal needs person.reveal.
    auto masked = as.Get("/api/v1/people/" + person_id);
    EXPECT_EQ(masked.body.find(person_phone), std::string::npos) << login;
    auto full = as.Get("/api/v1/people/" + person_id + "/sensitive");
    const bool may_person = domain::RoleHas(role, "person.reveal");
    EXPECT_EQ(full.status == 200, may_person) << login << " " << full.status;
    if (full.status == 200) EXPECT_EQ(full.json.at("phone").as_string(), person_phone) << login;

    // A case's party: the case page shows it masked; the reveal needs case.reveal and the case
    // in the role's jurisdiction (a grid sister follows her village's cases, never reveals).
    auto page = as.Get("/api/v1/cases/" + case_id);
    EXPECT_EQ(page.body.find(party_phone), std::string::npos) << login;
    auto party = as.Get("/api/v1/cases/" + case_id + "/parties/" + party_id + "/sensitive");
    const bool may_party =
        domain::RoleHas(role, "case.reveal") && role != domain::Role::kMediator;  // not its case
    EXPECT_EQ(party.status == 200, may_party) << login << " " << party.status;
    if (party.status == 200) EXPECT_EQ(party.json.at("phone").as_string(), party_phone) << login;

    // A consultation: listed masked to whoever reads it; whole only to case.reveal, audited.
    auto consultation = as.Get("/api/v1/consultations/" + consultation_id);
    if (consultation.status == 200) {
      const bool may = domain::RoleHas(role, "case.reveal");
      EXPECT_EQ(consultation.json.at("contact").as_string() == contact, may) << login;
      EXPECT_EQ(consultation.body.find(contact) != std::string::npos, may) << login;
    }
    shown += (full.status == 200) + (party.status == 200) + (consultation.status == 200);
  }
  EXPECT_GE(shown, 6) << "the matrix had full values to show";
  // Every full value left with its audit row.
  EXPECT_GE(AuditCount("person", person_id, "read_sensitive"), 1);
  EXPECT_GE(AuditCount("case_party", party_id, "read_sensitive"), 1);
  EXPECT_GE(QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'consultation' AND "
                     "entity_id = ? AND action = 'read' AND detail = 'contact=full'",
                     {consultation_id}),
            1);
}

}  // namespace
}  // namespace hejia::testing
