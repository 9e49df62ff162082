#include "api/cockpit_report_xlsx.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "common/clock.hpp"
#include "domain/xlsx_read.hpp"
#include "domain/zip_read.hpp"

namespace hejia::api {
namespace {

using domain::FigureCells;
using Cells = std::vector<std::string>;

// Two units, three months (January to March 2026): a flow, a ratio, a median, stocks.
domain::CockpitSnapshot Snapshot() {
  domain::CockpitSnapshot s;
  s.period = {BeijingDateStartMillis("2026-01-01"), BeijingDateStartMillis("2026-04-01")};
  s.compare = {BeijingDateStartMillis("2025-01-01"), BeijingDateStartMillis("2025-04-01")};
  s.units = {{.code = "330784", .name = "永康市本级", .level = "city", .own = true},
             {.code = "330784001", .name = "东城街道", .level = "town"}};
  s.months = {"2026-01", "2026-02", "2026-03"};
  s.figures["requests.received"] = FigureCells{.total = 45,
                                               .last_year = 40,
                                               .units = {{"330784", 5}, {"330784001", 40}},
                                               .months = {10, 12, 23},
                                               .last_year_months = {9, 14, 17}};
  s.figures["requests.accepted"] = FigureCells{.total = 40,
                                               .last_year = 32,
                                               .units = {{"330784", 4}, {"330784001", 36}},
                                               .months = {8, 12, 20},
                                               .last_year_months = {8, 10, 14}};
  s.figures["requests.resolved"] = FigureCells{.total = 30,
                                               .last_year = 28,
                                               .units = {{"330784", 3}, {"330784001", 27}},
                                               .months = {6, 9, 15},
                                               .last_year_months = {7, 9, 12}};
  s.figures["consult.median_hours"] = FigureCells{.total = 5.25,
                                                  .last_year = 6.5,
                                                  .months = {6, std::nullopt, 4.5},
                                                  .last_year_months = {7, 6, 6.5}};
  s.figures["families.total"] =
      FigureCells{.total = 321, .units = {{"330784", 21}, {"330784001", 300}}};
  s.FinishRatios();
  return s;
}

pdf::MonthlyReport Report(const domain::CockpitSnapshot& s) {
  return {.org = "永康市妇联",
          .month = "2026-03",
          .generated_at = BeijingDateStartMillis("2026-04-01") + 9 * 3600 * 1000,
          .year = &s};
}

std::vector<domain::XlsxRow> FirstSheet(const std::string& bytes) {
  auto read = domain::ReadFirstSheet(bytes);
  EXPECT_TRUE(std::holds_alternative<std::vector<domain::XlsxRow>>(read));
  if (!std::holds_alternative<std::vector<domain::XlsxRow>>(read)) return {};
  return std::get<std::vector<domain::XlsxRow>>(std::move(read));
}

bool HasRow(const std::vector<domain::XlsxRow>& rows, const Cells& cells) {
  return std::any_of(rows.begin(), rows.end(),
                     [&](const domain::XlsxRow& r) { return r.cells == cells; });
}

std::string Part(const std::string& bytes, const std::string& name) {
  auto archive = domain::ZipArchive::Open(bytes);
  if (!std::holds_alternative<domain::ZipArchive>(archive)) return "";
  const auto& zip = std::get<domain::ZipArchive>(archive);
  if (!zip.Contains(name)) return "";
  size_t budget = 10 << 20;
  auto part = zip.Extract(name, budget);
  return std::holds_alternative<std::string>(part) ? std::get<std::string>(part) : "";
}

TEST(CockpitReportXlsx, TheFirstSheetHoldsTheLabelsAndTheValues) {
  const auto s = Snapshot();
  const std::string bytes = RenderMonthlyReportXlsx(Report(s));
  ASSERT_EQ(bytes.rfind("PK", 0), 0u);
  const auto rows = FirstSheet(bytes);
  ASSERT_GE(rows.size(), 4u);
  EXPECT_EQ(rows[0].cells, Cells{"永康市妇联 数据月报 2026年3月"});
  EXPECT_NE(rows[1].cells.at(0).find("统计期间：2026-01-01 至 2026-03-31"), std::string::npos);
  EXPECT_NE(rows[1].cells.at(0).find("2026-04-01 09:00"), std::string::npos);
  EXPECT_EQ(rows[2].cells, (Cells{"板块", "指标", "单位", "本月", "本年累计", "去年同期", "同比"}));
  // Numbers as numbers: 本月, the year, last year, and the change as a fraction.
  EXPECT_TRUE(HasRow(rows, {"求助受理", "受理求助", "件", "23", "45", "40", "0.125"}));
  // A ratio: fractions, the change in percentage points.
  EXPECT_TRUE(HasRow(rows, {"求助受理", "化解率", "%", "0.75", "0.75", "0.875", "-12.5"}));
  // A median: March's, the year's, last year's; the change in hours.
  EXPECT_TRUE(
      HasRow(rows, {"咨询与热线", "答复用时中位数", "小时", "4.5", "5.25", "6.5", "-1.25"}));
  // A stock taken now: 本月 is the total; nothing to compare with.
  EXPECT_TRUE(HasRow(rows, {"重点家庭", "重点家庭", "户", "321", "321", "—", "—"}));
  // A figure the snapshot does not hold.
  EXPECT_TRUE(HasRow(rows, {"警情推送", "警情推送", "起", "—", "—", "—", "—"}));
  // Every figure of the catalogue has its row, after the title, the period and the header.
  size_t figures = 0;
  for (const auto& row : rows)
    if (row.cells.size() == 7 && row.line > 3) ++figures;
  EXPECT_EQ(figures, domain::CockpitCatalogue().size());
}

TEST(CockpitReportXlsx, HasTheUnitsAndTheTrendWithItsCharts) {
  const auto s = Snapshot();
  const std::string bytes = RenderMonthlyReportXlsx(Report(s));
  const std::string workbook = Part(bytes, "xl/workbook.xml");
  for (const char* sheet : {"月报指标", "分区域", "月度趋势"})
    EXPECT_NE(workbook.find(sheet), std::string::npos) << sheet;
  const std::string strings = Part(bytes, "xl/sharedStrings.xml");
  for (const char* text : {"永康市本级", "东城街道", "合计", "走访户数（必访，户）", "2026年3月",
                           "受理求助 本年", "受理求助 去年"})
    EXPECT_NE(strings.find(text), std::string::npos) << text;
  // The ratio and the median are not additive over units: no column of their own there.
  EXPECT_EQ(strings.find("化解率"), strings.rfind("化解率"));
  for (const char* chart : {"xl/charts/chart1.xml", "xl/charts/chart4.xml"}) {
    const std::string xml = Part(bytes, chart);
    EXPECT_NE(xml.find("<c:barChart>"), std::string::npos) << chart;
    EXPECT_NE(xml.find("月度趋势"), std::string::npos) << chart;
  }
  EXPECT_TRUE(Part(bytes, "xl/charts/chart5.xml").empty());
}

TEST(CockpitReportXlsx, AnEmptySnapshotStillMakesAWorkbook) {
  const std::string bytes = RenderMonthlyReportXlsx({.org = "永康市妇联", .month = "2026-03"});
  const auto rows = FirstSheet(bytes);
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows[0].cells, Cells{"永康市妇联 数据月报 2026年3月"});
  EXPECT_TRUE(Part(bytes, "xl/charts/chart1.xml").empty());
}

}  // namespace
}  // namespace hejia::api
