#include "pdf/cockpit_report_pdf.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "common/clock.hpp"

namespace hejia::pdf {
namespace {

using domain::FigureCells;

// Two units (the city's own row and one town), three months (January to March 2026).
domain::CockpitSnapshot Snapshot() {
  domain::CockpitSnapshot s;
  s.period = {BeijingDateStartMillis("2026-01-01"), BeijingDateStartMillis("2026-04-01")};
  s.compare = {BeijingDateStartMillis("2025-01-01"), BeijingDateStartMillis("2025-04-01")};
  s.region_code = "330784";
  s.region_name = "永康市";
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
  s.figures["consult.median_hours"] = FigureCells{.total = 5.26,
                                                  .last_year = 6.5,
                                                  .n = 12,
                                                  .last_year_n = 10,
                                                  .months = {6.1, std::nullopt, 4.96},
                                                  .last_year_months = {7, 6, 6.5}};
  s.figures["families.total"] =
      FigureCells{.total = 321, .units = {{"330784", 21}, {"330784001", 300}}};
  s.figures["volunteers.serving"] = FigureCells{.total = 88,
                                                .last_year = 80,
                                                .units = {{"330784", 8}, {"330784001", 80}},
                                                .months = {84, 86, 88},
                                                .last_year_months = {78, 79, 80}};
  s.figures["legal.school_lectures"] =
      FigureCells{.total = 7, .last_year = 0, .months = {2, std::nullopt, 5}};
  s.FinishRatios();
  return s;
}

MonthlyReport Report(const domain::CockpitSnapshot& s) {
  return MonthlyReport{.org = "永康市妇联",
                       .month = "2026-03",
                       .generated_at = BeijingDateStartMillis("2026-04-01") + 9 * 3600 * 1000,
                       .year = &s};
}

const domain::FigureDef& Def(std::string_view code) {
  const domain::FigureDef* def = domain::FindFigure(code);
  EXPECT_NE(def, nullptr) << code;
  return *def;
}

bool Has(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

TEST(CockpitReportPdf, TheLinesHoldTheTitleTheFiguresAndTheUnits) {
  const auto s = Snapshot();
  const auto lines = MonthlyReportLines(Report(s));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(), "永康市妇联 数据月报 2026年3月");
  EXPECT_TRUE(Has(lines, "统计期间：2026-01-01 至 2026-03-31"));
  EXPECT_TRUE(Has(lines, "数据截至：2026-04-01 09:00"));
  EXPECT_TRUE(Has(lines, "2025-01-01 至 2025-03-31"));
  EXPECT_TRUE(Has(lines, "指标 | 本月 | 本年累计 | 去年同期 | 同比"));
  // 本月 23, the year 45, last year 40: +12.5%.
  EXPECT_TRUE(Has(lines, "受理求助（件） | 23 | 45 | 40 | +12.5%"));
  // A ratio: March 15/20, the year 30/40, last year 28/32; the change in points.
  EXPECT_TRUE(Has(lines, "化解率 | 75.0% | 75.0% | 87.5% | -12.5个百分点"));
  // A median: March's, the year's; the change in hours.
  EXPECT_TRUE(Has(lines, "答复用时中位数（小时） | 5.0 | 5.3 | 6.5 | -1.2小时"));
  // A stock taken now: marked, no last year.
  EXPECT_TRUE(Has(lines, "重点家庭（户）＊ | 321 | 321 | — | —"));
  // A stock at the period's end: the last month's.
  EXPECT_TRUE(Has(lines, "在册志愿者（人） | 88 | 88 | 80 | +10.0%"));
  // Last year 0: no relative change.
  EXPECT_TRUE(Has(lines, "法治进校园讲座（场） | 5 | 7 | 0 | —"));
  // A figure the snapshot does not hold.
  EXPECT_TRUE(Has(lines, "警情推送（起） | — | — | — | —"));

  EXPECT_TRUE(Has(lines, "分区域（本年累计）"));
  EXPECT_TRUE(Has(lines, "区域 | 受理求助（件） | 化解率 | 走访户数（必访，户）"));
  EXPECT_TRUE(Has(lines, "永康市本级 | 5 | 75.0% | — | — | 8 | 21"));
  EXPECT_TRUE(Has(lines, "东城街道 | 40 | 75.0% | — | — | 80 | 300"));
  EXPECT_TRUE(Has(lines, "合计 | 45 | 75.0% | — | — | 88 | 321"));

  EXPECT_TRUE(Has(lines, "月度趋势"));
  EXPECT_TRUE(Has(lines, "受理求助（件） 按月：本年 10 / 12 / 23；去年 9 / 14 / 17"));
  EXPECT_TRUE(Has(lines, "法治进校园讲座（场） 按月：本年 2 / — / 5；去年 — / — / —"));
  // Every tile has its heading, in the tiles' order.
  const auto at = [&](const std::string& text) {
    return std::find_if(lines.begin(), lines.end(),
                        [&](const std::string& l) { return l.find(text) != std::string::npos; });
  };
  EXPECT_LT(at("一、求助受理"), at("二、志愿队伍"));
  EXPECT_LT(at("十一、咨询与热线"), at("十二、分区域"));
}

TEST(CockpitReportPdf, IsASmallA4PdfRenderedQuickly) {
  const auto s = Snapshot();
  const MonthlyReport report = Report(s);
  RenderMonthlyReportPdf(report);  // the thread's font map is loaded once
  const auto start = std::chrono::steady_clock::now();
  const std::string pdf = RenderMonthlyReportPdf(report);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_GT(pdf.size(), 1024u);
  EXPECT_LT(pdf.size(), 1024u * 1024);
  EXPECT_NE(pdf.find("NotoSansCJK"), std::string::npos);
  EXPECT_NE(pdf.find("595.2"), std::string::npos);  // A4 width in points in the MediaBox
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 1000);
}

TEST(CockpitReportPdf, RendersFromSeveralThreadsAndWithoutASnapshot) {
  const auto s = Snapshot();
  std::vector<std::string> pdfs(3);
  std::vector<std::thread> threads;
  for (auto& pdf : pdfs) threads.emplace_back([&] { pdf = RenderMonthlyReportPdf(Report(s)); });
  for (auto& t : threads) t.join();
  for (const auto& pdf : pdfs) EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);

  const std::string empty = RenderMonthlyReportPdf({.org = "永康市妇联", .month = "2026-03"});
  EXPECT_EQ(empty.rfind("%PDF-", 0), 0u);
}

TEST(CockpitReportPdf, FormatFigure) {
  EXPECT_EQ(FormatFigure(Def("requests.resolution_rate"), 0.9321), "93.2%");
  EXPECT_EQ(FormatFigure(Def("requests.resolution_rate"), 1.0), "100.0%");
  EXPECT_EQ(FormatFigure(Def("consult.median_hours"), 5.26), "5.3");
  EXPECT_EQ(FormatFigure(Def("consult.median_hours"), 0.0), "0.0");
  EXPECT_EQ(FormatFigure(Def("requests.received"), 12345.0), "12345");
  EXPECT_EQ(FormatFigure(Def("families.total"), 7.0), "7");
  EXPECT_EQ(FormatFigure(Def("legal.school_target"), 100.0), "100");
  EXPECT_EQ(FormatFigure(Def("requests.received"), std::nullopt), "—");
  EXPECT_EQ(FormatFigure(Def("requests.resolution_rate"), std::nullopt), "—");
}

TEST(CockpitReportPdf, YearOnYear) {
  const auto& count = Def("requests.received");
  EXPECT_EQ(FormatYearOnYear(count, YearOnYear(count, {.total = 45, .last_year = 40})), "+12.5%");
  EXPECT_EQ(FormatYearOnYear(count, YearOnYear(count, {.total = 97, .last_year = 100})), "-3.0%");
  EXPECT_EQ(FormatYearOnYear(count, YearOnYear(count, {.total = 40, .last_year = 40})), "0.0%");
  EXPECT_EQ(YearOnYear(count, {.total = 4, .last_year = 0}), std::nullopt);
  EXPECT_EQ(YearOnYear(count, {.total = 4}), std::nullopt);
  const auto& rate = Def("requests.resolution_rate");
  EXPECT_EQ(FormatYearOnYear(rate, YearOnYear(rate, {.total = 0.9, .last_year = 0.879})),
            "+2.1个百分点");
  const auto& median = Def("consult.median_hours");
  EXPECT_EQ(FormatYearOnYear(median, YearOnYear(median, {.total = 4, .last_year = 5.5})),
            "-1.5小时");
  EXPECT_EQ(FormatYearOnYear(median, std::nullopt), "—");
}

TEST(CockpitReportPdf, MonthValue) {
  const auto& flow = Def("requests.received");
  ASSERT_TRUE(flow.has_months);
  EXPECT_EQ(MonthValue(flow, {.total = 45, .months = {10, 12, 23}}), 23.0);
  EXPECT_EQ(MonthValue(flow, {.total = 45, .months = {10, 12, std::nullopt}}), std::nullopt);
  EXPECT_EQ(MonthValue(flow, {.total = 45}), std::nullopt);
  const auto& now = Def("families.total");
  ASSERT_FALSE(now.has_months);
  EXPECT_EQ(MonthValue(now, {.total = 321}), 321.0);
  EXPECT_EQ(MonthValue(now, {}), std::nullopt);
}

TEST(CockpitReportPdf, ChineseMonth) {
  EXPECT_EQ(ChineseMonth("2026-11"), "2026年11月");
  EXPECT_EQ(ChineseMonth("2026-03", false), "3月");
  EXPECT_EQ(ChineseMonth("soon"), "soon");
}

}  // namespace
}  // namespace hejia::pdf
