#include "domain/person.hpp"

#include <gtest/gtest.h>

#include "domain/id_card.hpp"

namespace hejia::domain {
namespace {

constexpr std::string_view kToday = "2026-11-28";

PersonFields Woman() {
  PersonFields p;
  p.name = "王小红";
  p.gender = "female";
  p.birth_date = "1990-03-15";
  return p;
}

std::string ProblemField(PersonFields p) {
  auto problem = NormalizePerson(p, kToday);
  return problem ? problem->field : "";
}

TEST(PersonRules, AWomanWithNameGenderAndBirthDateIsEnough) {
  PersonFields p = Woman();
  EXPECT_EQ(NormalizePerson(p, kToday), std::nullopt);
}

TEST(PersonRules, NameIsRequiredAndAtMostThirtyCharacters) {
  PersonFields p = Woman();
  p.name = "";
  EXPECT_EQ(ProblemField(p), "name");
  p.name.clear();
  for (int i = 0; i < 30; ++i) p.name += "王";
  EXPECT_EQ(ProblemField(p), "");
  p.name += "王";
  EXPECT_EQ(ProblemField(p), "name");
}

TEST(PersonRules, GenderIsFemaleOrMale) {
  PersonFields p = Woman();
  p.gender = "F";
  EXPECT_EQ(ProblemField(p), "gender");
  p.gender = "male";
  EXPECT_EQ(ProblemField(p), "");
}

TEST(PersonRules, BirthDateIsARealPastDateFrom1900) {
  PersonFields p = Woman();
  for (const char* bad : {"1990-02-30", "1990/03/15", "90-03-15", "1899-12-31", "2026-11-29", ""}) {
    p.birth_date = bad;
    EXPECT_EQ(ProblemField(p), "birth_date") << bad;
  }
  for (const char* good : {"1900-01-01", "2000-02-29", "2026-11-28"}) {
    p.birth_date = good;
    EXPECT_EQ(ProblemField(p), "") << good;
  }
}

TEST(PersonRules, IdNumberWithAWrongCheckDigitIsRefused) {
  PersonFields p = Woman();
  std::string id = MakeIdCard("330784", "19900315", 122, true);
  id.back() = id.back() == '0' ? '1' : '0';
  p.id_number = id;
  EXPECT_EQ(ProblemField(p), "id_number");
}

TEST(PersonRules, IdNumberMustAgreeWithBirthDateAndGender) {
  PersonFields p = Woman();
  p.id_number = MakeIdCard("330784", "19900316", 122, true);
  EXPECT_EQ(ProblemField(p), "id_number");  // born a day later
  p.id_number = MakeIdCard("330784", "19900315", 123, false);
  EXPECT_EQ(ProblemField(p), "id_number");  // a man's number
  p.id_number = MakeIdCard("330784", "19900315", 122, true);
  EXPECT_EQ(ProblemField(p), "");
}

TEST(PersonRules, IdNumberIsStoredUpperCase) {
  // Find a number whose check character is X, then enter it with a lower-case x.
  std::string id;
  for (int seq = 0; seq < 1000 && (id.empty() || id.back() != 'X'); seq += 2)
    id = MakeIdCard("330784", "19900315", seq, true);
  ASSERT_EQ(id.back(), 'X');
  PersonFields p = Woman();
  p.id_number = id.substr(0, 17) + "x";
  ASSERT_EQ(NormalizePerson(p, kToday), std::nullopt);
  EXPECT_EQ(p.id_number, id);
}

TEST(PersonRules, PhoneIsStoredAsDigits) {
  PersonFields p = Woman();
  p.phone = "+86 138-1234-5678";
  ASSERT_EQ(NormalizePerson(p, kToday), std::nullopt);
  EXPECT_EQ(p.phone, "13812345678");
  p.phone = "12345";
  EXPECT_EQ(ProblemField(p), "phone");
}

TEST(PersonRules, TagsComeFromTheDifficultyListInCanonicalOrder) {
  PersonFields p = Woman();
  p.tags = {"low_income", "single_parent", "low_income"};
  ASSERT_EQ(NormalizePerson(p, kToday), std::nullopt);
  EXPECT_EQ(p.tags, (std::vector<std::string>{"single_parent", "low_income"}));
  p.tags = {"rich"};
  EXPECT_EQ(ProblemField(p), "tags");
}

TEST(PersonRules, RelationIsAtMostTwentyCharacters) {
  PersonFields p = Woman();
  p.relation = std::string(20, 'a');
  EXPECT_EQ(ProblemField(p), "");
  p.relation += 'a';
  EXPECT_EQ(ProblemField(p), "relation");
}

TEST(HouseholdRules, AddressIsRequiredAndTagsAreChecked) {
  HouseholdFields h;
  EXPECT_EQ(NormalizeHousehold(h)->field, "address_detail");
  h.address_detail = "永康市东城街道金城路 8 号";
  EXPECT_EQ(NormalizeHousehold(h), std::nullopt);
  h.tags = {"nope"};
  EXPECT_EQ(NormalizeHousehold(h)->field, "tags");
  h.tags = {};
  h.head_name = std::string(31, 'a');
  EXPECT_EQ(NormalizeHousehold(h)->field, "head_name");
}

TEST(DuplicateRule, SameIdNumberIsTheSamePerson) {
  IdentityKey a{"ID1", "王小红", "1990-03-15", ""};
  IdentityKey b{"ID1", "王晓红", "1991-01-01", "13800000000"};
  EXPECT_TRUE(PossibleDuplicate(a, b));
}

TEST(DuplicateRule, SameNameBirthDateAndPhoneIsTheSamePerson) {
  IdentityKey a{"", "王小红", "1990-03-15", "13812345678"};
  IdentityKey b{"ID2", "王小红", "1990-03-15", "13812345678"};
  EXPECT_TRUE(PossibleDuplicate(a, b));
  b.phone = "13812345679";
  EXPECT_FALSE(PossibleDuplicate(a, b));
}

TEST(DuplicateRule, NamesakesBornTheSameDayWithoutPhonesAreDifferentPeople) {
  IdentityKey a{"", "王小红", "1990-03-15", ""};
  IdentityKey b{"", "王小红", "1990-03-15", ""};
  EXPECT_FALSE(PossibleDuplicate(a, b));
}

TEST(Age, WholeYearsOnTheDay) {
  EXPECT_EQ(AgeOn("1990-06-15", "2026-06-14"), 35);
  EXPECT_EQ(AgeOn("1990-06-15", "2026-06-15"), 36);
  EXPECT_EQ(AgeOn("2026-06-15", "2026-06-15"), 0);
  EXPECT_FALSE(AgeOn("2026-06-16", "2026-06-15"));
  EXPECT_FALSE(AgeOn("1990-13-01", "2026-06-15"));
  EXPECT_FALSE(AgeOn("", "2026-06-15"));
}

}  // namespace
}  // namespace hejia::domain
