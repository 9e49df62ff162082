#include "domain/incident_import.hpp"

#include <gtest/gtest.h>

#include "common/clock.hpp"

namespace hejia::domain {
namespace {

XlsxRow Header() {
  XlsxRow r;
  r.line = 1;
  for (auto c : kIncidentImportColumns) r.cells.emplace_back(c);
  return r;
}

XlsxRow Row(size_t line, std::vector<std::string> cells) {
  XlsxRow r;
  r.line = line;
  r.cells = std::move(cells);
  return r;
}

std::vector<std::string> Good(const std::string& number) {
  return {number,       "2026-11-03 22:10",
          "东城派出所", "王警官",
          "家庭暴力",   "东城街道某路 1 号",
          "是",         "否",
          "",           "1",
          "N",          "调解",
          "",           "测试甲",
          "女",         "13800001234",
          "测试乙",     "男",
          "",           "小明"};
}

constexpr int kBeijing = 8 * 3600;

TEST(IncidentImport, AGoodRowGivesAnIncidentWithItsParties) {
  ImportErrors errors;
  const auto out = ReadIncidentRows({Header(), Row(2, Good("J1"))}, errors, kBeijing);
  ASSERT_TRUE(errors.empty()) << errors.reported()[0].field << errors.reported()[0].message;
  ASSERT_EQ(out.size(), 1u);
  const auto& i = out[0].incident;
  EXPECT_EQ(i.incident_no, "J1");
  EXPECT_EQ(i.kind, IncidentKind::kDomesticViolence);
  EXPECT_TRUE(i.injury);
  EXPECT_TRUE(i.threats);
  EXPECT_FALSE(i.weapon);
  EXPECT_EQ(i.source, IncidentSource::kImport);
  EXPECT_EQ(i.reported_at, hejia::ParseIsoTime("2026-11-03T22:10:00+08:00"));
  ASSERT_EQ(out[0].parties.size(), 3u);
  EXPECT_EQ(out[0].parties[0].gender, "female");
  EXPECT_EQ(out[0].parties[2].role, IncidentPartyRole::kMinor);
}

TEST(IncidentImport, EveryProblemIsNamedByRowAndColumn) {
  auto bad = Good("J1");
  bad[1] = "昨天";
  bad[4] = "盗窃";
  bad[6] = "也许";
  bad[15] = "12";
  ImportErrors errors;
  const auto out = ReadIncidentRows({Header(), Row(2, Good("J1")), Row(3, bad), Row(4, Good("J2"))},
                                    errors, kBeijing);
  ASSERT_EQ(errors.count(), 5u);  // four in row 3, and its number repeats row 2's
  std::vector<std::string> fields;
  for (const auto& e : errors.reported()) {
    EXPECT_EQ(e.line, 3u);
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields,
            (std::vector<std::string>{"警情编号", "报警时间", "警情类型", "受伤", "受害人电话"}));
  EXPECT_EQ(out.size(), 2u);
}

TEST(IncidentImport, AnotherHeaderOrNoRowsIsRefused) {
  ImportErrors errors;
  auto header = Header();
  header.cells[2] = "单位";
  ReadIncidentRows({header, Row(2, Good("J1"))}, errors, kBeijing);
  EXPECT_EQ(errors.reported()[0].field, "columns");
  ImportErrors none;
  ReadIncidentRows({Header()}, none, kBeijing);
  EXPECT_EQ(none.count(), 1u);
}

TEST(IncidentImport, ADateCellAndAPhoneWrittenAsANumberAreRead) {
  auto cells = Good("J3");
  cells[1] = "46329.9236111111";  // 2026-11-03 22:10 as an Excel serial
  cells[15] = "1.3800001234E10";
  auto row = Row(2, cells);
  row.is_date.assign(cells.size(), false);
  row.is_date[1] = true;
  ImportErrors errors;
  const auto out = ReadIncidentRows({Header(), row}, errors, kBeijing);
  ASSERT_TRUE(errors.empty()) << errors.reported()[0].field;
  EXPECT_EQ(out[0].incident.reported_at / 60000,
            *hejia::ParseIsoTime("2026-11-03T22:10:00+08:00") / 60000);
  EXPECT_EQ(out[0].parties[0].phone, "13800001234");
}

}  // namespace
}  // namespace hejia::domain
