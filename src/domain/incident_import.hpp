// Police incidents from a spreadsheet (for stations without the interface): the template's
// columns, and the rows read into incidents with every problem named by row and column, before
// anything is stored. All or nothing: the caller stores none when any row has a problem.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/incident.hpp"
#include "domain/region_import.hpp"
#include "domain/xlsx_read.hpp"

namespace hejia::domain {

/// The template's header, in its order (Chinese, as the stations' staff read it).
inline constexpr std::array<std::string_view, 20> kIncidentImportColumns{
    "警情编号",     "报警时间",   "派出所",     "处警民警",   "警情类型",
    "地址",         "受伤",       "持械",       "酒后",       "威胁",
    "未成年人在场", "处置情况",   "告诫书编号", "受害人姓名", "受害人性别",
    "受害人电话",   "施暴人姓名", "施暴人性别", "施暴人电话", "未成年人姓名"};

/// Most rows one file may hold.
inline constexpr size_t kMaxIncidentImportRows = 2000;

/// One incident a row gave: its fields, its plain address and its parties.
struct ImportedIncident {
  size_t line = 0;
  PoliceIncident incident;
  std::string address;
  std::vector<IncidentParty> parties;
};

/// Reads the rows after the header (which must be the template's), adding each problem to
/// `errors` under its row and column name (and a number repeated within the file). `utc_offset`
/// is the zone of times typed as text or dates (Beijing: 8 hours).
std::vector<ImportedIncident> ReadIncidentRows(const std::vector<XlsxRow>& rows,
                                               ImportErrors& errors, int utc_offset_seconds);

/// The kind a cell names: its code or its Chinese label (家庭纠纷, 家庭暴力, 恋爱暴力,
/// 赡养抚养, 其他).
std::optional<IncidentKind> ParseIncidentKindCell(std::string_view cell);
/// 是/否, Y/N, 1/0, true/false, or empty (no).
std::optional<bool> ParseYesNoCell(std::string_view cell);
/// "2026-11-03 22:10[:ss]" (also with '/' or 'T'), at `utc_offset`; or an Excel date cell.
std::optional<int64_t> ParseTimeCell(std::string_view cell, bool is_date, int utc_offset_seconds);

}  // namespace hejia::domain
