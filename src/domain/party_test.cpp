#include "domain/party.hpp"

#include <gtest/gtest.h>

namespace hejia::domain {
namespace {

PartyFields Applicant() {
  PartyFields p;
  p.role = "applicant";
  p.name = "王晓丽";
  return p;
}

std::string ProblemField(const PartyFields& p) {
  auto check = CheckParty(p);
  return check.problem ? check.problem->field : "";
}

TEST(PartyRule, AnApplicantWithANameIsEnough) {
  auto check = CheckParty(Applicant());
  EXPECT_EQ(check.problem, std::nullopt);
  EXPECT_EQ(check.party.role, PartyRole::kApplicant);
  EXPECT_EQ(check.party.name, "王晓丽");
}

TEST(PartyRule, RoleAndNameAreRequired) {
  PartyFields p = Applicant();
  p.role = "";
  EXPECT_EQ(ProblemField(p), "role");
  p.role = "witness";
  EXPECT_EQ(ProblemField(p), "role");
  p = Applicant();
  p.name = "";
  EXPECT_EQ(ProblemField(p), "name");
}

TEST(PartyRule, TheNameLimitIsThePeopleRegistrys) {
  EXPECT_EQ(kMaxPartyName, kMaxPersonName);
  PartyFields p = Applicant();
  p.name.clear();
  for (size_t i = 0; i < kMaxPartyName; ++i) p.name += "王";
  EXPECT_EQ(ProblemField(p), "");
  p.name += "王";
  EXPECT_EQ(ProblemField(p), "name");
  p = Applicant();
  p.name = "王\n丽";
  EXPECT_EQ(ProblemField(p), "name");
}

TEST(PartyRule, PhoneAndIdNumberAreNormalised) {
  PartyFields p = Applicant();
  p.phone = "139-1111-0001";
  p.id_number = "11010519491231002x";
  auto check = CheckParty(p);
  ASSERT_EQ(check.problem, std::nullopt);
  EXPECT_EQ(check.party.phone, "13911110001");
  EXPECT_EQ(check.party.id_number, "11010519491231002X");
  p.phone = "12345";
  EXPECT_EQ(ProblemField(p), "phone");
  p.phone = "";
  p.id_number = "33078419900101123";
  EXPECT_EQ(ProblemField(p), "id_number");
}

TEST(PartyRule, GenderAddressAndRelationAreChecked) {
  PartyFields p = Applicant();
  p.gender = "unknown";
  EXPECT_EQ(ProblemField(p), "gender");
  p = Applicant();
  p.address = std::string(kMaxPartyAddress + 1, 'a');
  EXPECT_EQ(ProblemField(p), "address");
  p = Applicant();
  p.relation = std::string(kMaxPartyRelation + 1, 'a');
  EXPECT_EQ(ProblemField(p), "relation");
}

TEST(PartyRule, RolesRoundTripAndACaseNeedsAnApplicant) {
  for (auto role : AllPartyRoles()) EXPECT_EQ(ParsePartyRole(ToString(role)), role);
  EXPECT_FALSE(HasApplicant({}));
  Party respondent;
  respondent.role = PartyRole::kRespondent;
  EXPECT_FALSE(HasApplicant({respondent}));
  EXPECT_TRUE(HasApplicant({respondent, Party{}}));
}

}  // namespace
}  // namespace hejia::domain
