// The cockpit's monthly report (数据月报) as an Excel workbook, the same figures as the PDF
// (pdf/cockpit_report_pdf.hpp): "月报指标" (every figure: 本月, 本年累计, 去年同期, 同比 as
// numbers), "分区域" (the additive flows and stocks by unit, year to date) and "月度趋势" (the
// headline flows by month, this year and last, with a column chart of each). Written by
// libxlsxwriter into a private temporary directory, read back and deleted, like the case export.
#pragma once
#include <string>

#include "pdf/cockpit_report_pdf.hpp"

namespace hejia::api {

/// The workbook's bytes. Throws std::runtime_error when it cannot be written.
std::string RenderMonthlyReportXlsx(const pdf::MonthlyReport& report);

}  // namespace hejia::api
