// The leaders' cockpit's monthly report (数据月报) as an A4 PDF: the figures of a reporting year
// up to the end of a month, tile by tile (本月, 本年累计, 去年同期, 同比), the headline figures by
// region, and bar charts of the headline flows by month against last year. A pure function of a
// `domain::CockpitSnapshot`, laid out with Pango in "Noto Sans CJK SC" and drawn with Cairo like
// the agreement (pdf/agreement_pdf.hpp). The workbook of the same report is
// api/cockpit_report_xlsx.hpp.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/cockpit.hpp"

namespace hejia::pdf {

struct MonthlyReport {
  std::string org;           ///< "永康市妇联" (the caller gives region_name + "妇联")
  std::string month;         ///< "2026-11"
  int64_t generated_at = 0;  ///< unix ms: the time the figures are of (数据截至), in Beijing time
  /// The year to the end of `month`: period = [1 January, end of month), `months` ends with
  /// `month`. Must outlive the call; nullptr reads as an empty snapshot.
  const domain::CockpitSnapshot* year = nullptr;
};

/// The figures shown by region (分区域) and the flows charted by month (月度趋势), in order.
inline constexpr std::array<std::string_view, 6> kUnitHeadlines{
    "requests.received",  "requests.resolution_rate", "visits.households",
    "care.person_visits", "volunteers.serving",       "families.total"};
inline constexpr std::array<std::string_view, 4> kTrendHeadlines{
    "requests.received", "visits.households", "care.person_visits", "legal.school_lectures"};

/// The report as PDF bytes; further pages as needed. Throws std::runtime_error when Cairo fails.
/// Safe to call from several threads (each thread uses its own Pango font map).
std::string RenderMonthlyReportPdf(const MonthlyReport& report);

/// The text lines of the report in order, for tests: the title, the period line, the notes, each
/// section's heading, each table's header and rows as cells joined by " | ", and each chart's
/// title with its values ("受理求助（件） 按月：本年 3 / 5 / 4；去年 2 / — / 6").
std::vector<std::string> MonthlyReportLines(const MonthlyReport& report);

/// "<org> 数据月报 2026年11月".
std::string ReportTitle(const MonthlyReport& report);
/// "2026-11" → "2026年11月"; "11月" with `with_year` false; the text itself when not a month.
std::string ChineseMonth(std::string_view yyyy_mm, bool with_year = true);

/// 本月 value of a figure: months.back() when def.has_months, else total (stocks taken now).
/// nullopt if none.
std::optional<double> MonthValue(const domain::FigureDef& def, const domain::FigureCells& cells);

/// Text of a value: ratios as "93.2%", medians "5.3" (one decimal), counts as integers with no
/// separators; "—" for nullopt.
std::string FormatFigure(const domain::FigureDef& def, const std::optional<double>& value);

/// 同比 of the year to date (total against last_year): for counts the relative change (0.125 for
/// +12.5%), nullopt when last year is missing or 0; for ratios the difference of the two ratios
/// (0.021: 2.1 percentage points); for medians the difference in hours. nullopt when either side
/// is missing.
std::optional<double> YearOnYear(const domain::FigureDef& def, const domain::FigureCells& cells);

/// Text of a YearOnYear: "+12.5%" / "-3.0%" for counts, "+2.1个百分点" for ratios, "-1.5小时" for
/// medians, one decimal, no sign when it rounds to zero; "—" for nullopt.
std::string FormatYearOnYear(const domain::FigureDef& def, const std::optional<double>& change);

/// A figure's label with its unit for a column or row head: "受理求助（件）"; ratios as the
/// label alone (their values carry "%").
std::string LabelWithUnit(const domain::FigureDef& def);

}  // namespace hejia::pdf
