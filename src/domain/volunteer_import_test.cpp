#include "domain/volunteer_import.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "domain/id_card.hpp"

namespace hejia::domain {
namespace {

XlsxRow Header() {
  XlsxRow r;
  r.line = 1;
  for (const auto& c : kVolunteerImportColumns) r.cells.emplace_back(c.header);
  return r;
}

XlsxRow Row(size_t line, std::vector<std::string> cells) {
  XlsxRow r;
  r.line = line;
  r.cells = std::move(cells);
  return r;
}

const std::string kId = MakeIdCard("330784", "19850308", 12, true);

std::vector<std::string> Good() {
  return {"王小花",     "女",   "138 0000 1234",
          kId,          "和姐", "330784001001",
          "和姐队",     "是",   "330784001001001；330784001001002",
          "2026-03-08", "",     "调解",
          "ZJ-1"};
}

const int64_t kNow = *ParseIsoTime("2026-11-01T12:00:00+08:00");

std::vector<ImportedVolunteer> Read(std::vector<XlsxRow> rows, ImportErrors& errors) {
  rows.insert(rows.begin(), Header());
  return ReadVolunteerRows(rows, errors, kNow);
}

TEST(VolunteerImport, AGoodRowGivesAVolunteerWithHerGridsAndTeam) {
  ImportErrors errors;
  auto out = Read({Row(2, Good())}, errors);
  ASSERT_TRUE(errors.empty()) << errors.reported()[0].message;
  ASSERT_EQ(out.size(), 1u);
  const auto& v = out[0].volunteer;
  EXPECT_EQ(out[0].line, 2u);
  EXPECT_EQ(v.name, "王小花");
  EXPECT_EQ(v.gender, Gender::kFemale);
  EXPECT_EQ(v.phone.plain, "13800001234");
  EXPECT_TRUE(v.phone.dirty);
  EXPECT_EQ(v.id_number.plain, kId);
  EXPECT_EQ(v.member_type, MemberType::kPeaceSister);
  EXPECT_TRUE(v.grid_sister);
  EXPECT_EQ(v.joined_at, *ParseIsoTime("2026-03-08T00:00:00+08:00"));
  EXPECT_EQ(v.left_at, 0);
  EXPECT_EQ(out[0].region_code, "330784001001");
  EXPECT_EQ(out[0].team_name, "和姐队");
  EXPECT_EQ(out[0].grid_codes, (std::vector<std::string>{"330784001001001", "330784001001002"}));
}

TEST(VolunteerImport, CodesAreAcceptedBesideTheChineseLabels) {
  for (const auto& [type, label] : kMemberTypeLabels) {
    EXPECT_EQ(ParseMemberTypeCell(label), type);
    EXPECT_EQ(ParseMemberTypeCell(ToString(type)), type);
  }
  EXPECT_EQ(ParseMemberTypeCell("队长"), std::nullopt);
  EXPECT_EQ(ParseGenderCell("male"), Gender::kMale);
  EXPECT_EQ(ParseGenderCell("男"), Gender::kMale);
  EXPECT_EQ(ParseGenderCell("F"), std::nullopt);
}

TEST(VolunteerImport, DatesAreDaysInBeijing) {
  const int64_t day = *ParseIsoTime("2026-03-08T00:00:00+08:00");
  EXPECT_EQ(ParseDateCell("2026-03-08", false), day);
  EXPECT_EQ(ParseDateCell("2026/3/8", false), day);
  EXPECT_EQ(ParseDateCell("2026.03.08", false), day);
  EXPECT_EQ(ParseDateCell("20260308", false), day);
  EXPECT_EQ(ParseDateCell("46089", true), day);     // Excel's serial of 2026-03-08
  EXPECT_EQ(ParseDateCell("46089.75", true), day);  // a time of that day: the day
  EXPECT_EQ(ParseDateCell("2026-02-30", false), std::nullopt);
  EXPECT_EQ(ParseDateCell("2026-03/08", false), std::nullopt);
  EXPECT_EQ(ParseDateCell("2026-3", false), std::nullopt);
  EXPECT_EQ(ParseDateCell("下周一", false), std::nullopt);
}

TEST(VolunteerImport, GridCodesSplitOnEitherSemicolon) {
  EXPECT_EQ(SplitGridCodes("1；2;3， 4,,2"), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_TRUE(SplitGridCodes("").empty());
}

TEST(VolunteerImport, EveryProblemNamesItsRowColumnAndField) {
  ImportErrors errors;
  auto bad_id = Good();
  bad_id[3] = kId.substr(0, 17) + (kId[17] == '1' ? "2" : "1");
  auto missing = Good();
  missing[0] = "";
  missing[4] = "";
  missing[9] = "";
  auto wrong = Good();
  wrong[1] = "男";  // the ID number says female
  wrong[2] = "12345";
  auto not_sister = Good();
  not_sister[7] = "否";
  auto out = Read({Row(2, bad_id), Row(3, missing), Row(5, wrong), Row(6, not_sister)}, errors);
  EXPECT_TRUE(out.empty());
  std::vector<std::tuple<size_t, std::string, std::string>> got;
  for (const auto& e : errors.reported()) got.emplace_back(e.line, e.column, e.field);
  const std::vector<std::tuple<size_t, std::string, std::string>> want{
      {2, "身份证号", "id_number"},  {3, "姓名*", "name"},   {3, "人员类型*", "member_type"},
      {3, "加入日期*", "joined_at"}, {5, "性别*", "gender"}, {5, "手机号", "phone"},
      {6, "网格代码", "grid_codes"}};
  // Rows 3 and 6 also repeat row 2's phone and ID number (the rows are otherwise alike).
  for (const auto& w : want)
    EXPECT_NE(std::find(got.begin(), got.end(), w), got.end())
        << std::get<0>(w) << " " << std::get<1>(w);
}

TEST(VolunteerImport, AnIdNumberOrPhoneRepeatedInTheFileNamesTheEarlierRow) {
  ImportErrors errors;
  auto second = Good();
  second[3] = MakeIdCard("330784", "19900101", 20, true);  // another ID, the same phone
  auto third = Good();
  third[2] = "13900009999";  // another phone, the same ID
  auto out = Read({Row(2, Good()), Row(3, second), Row(4, third)}, errors);
  ASSERT_EQ(errors.count(), 2u);
  EXPECT_EQ(out.size(), 1u);
  EXPECT_EQ(errors.reported()[0].line, 3u);
  EXPECT_EQ(errors.reported()[0].field, "phone");
  EXPECT_NE(errors.reported()[0].message.find("第 2 行"), std::string::npos);
  EXPECT_EQ(errors.reported()[1].line, 4u);
  EXPECT_EQ(errors.reported()[1].field, "id_number");
}

TEST(VolunteerImport, TheFileAsAWholeMustBeTheTemplate) {
  ImportErrors errors;
  ReadVolunteerRows({}, errors, kNow);
  EXPECT_EQ(errors.reported().at(0).field, "columns");
  ImportErrors header_only;
  ReadVolunteerRows({Header()}, header_only, kNow);
  EXPECT_EQ(header_only.count(), 1u);
  ImportErrors wrong;
  auto h = Header();
  h.cells[0] = "名字";
  ReadVolunteerRows({h, Row(2, Good())}, wrong, kNow);
  EXPECT_EQ(wrong.reported().at(0).field, "columns");
}

TEST(VolunteerImport, AJoiningDateInTheFutureOrALeavingOneBeforeItIsRefused) {
  ImportErrors errors;
  auto future = Good();
  future[9] = "2027-01-01";
  auto left = Good();
  left[2] = "";
  left[3] = "";
  left[10] = "2026-01-01";
  Read({Row(2, future), Row(3, left)}, errors);
  ASSERT_EQ(errors.count(), 2u);
  EXPECT_EQ(errors.reported()[0].field, "joined_at");
  EXPECT_EQ(errors.reported()[1].field, "left_at");
}

}  // namespace
}  // namespace hejia::domain
