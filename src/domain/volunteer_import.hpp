// Volunteers from a spreadsheet (issue 12): the template's columns, and the rows read into
// volunteers with every problem named by row and column before anything is stored — what the file
// alone can tell (required cells, choices given as codes or Chinese labels, resident ID numbers,
// phones, dates, an ID number or phone repeated within the file). What needs the database (the
// region, the team, the grids, an ID number already registered) is checked by
// store/volunteer_import_repo.hpp. All or nothing: the caller stores none when any row has a
// problem.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/region_import.hpp"
#include "domain/volunteer.hpp"
#include "domain/xlsx_read.hpp"

namespace hejia::domain {

/// The template's columns, in its order: the header as written in the file (a required one ends
/// with '*') and the field of the API it fills.
struct VolunteerImportColumn {
  std::string_view header;
  std::string_view field;
};

inline constexpr std::array<VolunteerImportColumn, 13> kVolunteerImportColumns{{
    {"姓名*", "name"},
    {"性别*", "gender"},
    {"手机号", "phone"},
    {"身份证号", "id_number"},
    {"人员类型*", "member_type"},
    {"所属区划代码*", "region_code"},
    {"队伍", "team"},
    {"是否格姐", "grid_sister"},
    {"网格代码", "grid_codes"},
    {"加入日期*", "joined_at"},
    {"离开日期", "left_at"},
    {"技能特长", "skills"},
    {"志愿者编号", "external_no"},
}};

/// Most data rows one file may hold (a city's whole roster).
inline constexpr size_t kMaxVolunteerImportRows = 20000;

/// The Chinese labels the template offers for the member types (the codes are accepted too).
inline constexpr std::array<std::pair<MemberType, std::string_view>, 5> kMemberTypeLabels{{
    {MemberType::kCadre, "妇联干部"},
    {MemberType::kExecutiveMember, "执委"},
    {MemberType::kWomensRepresentative, "妇女代表"},
    {MemberType::kVolunteer, "巾帼志愿者"},
    {MemberType::kPeaceSister, "和姐"},
}};

std::string_view Label(MemberType t);

/// One volunteer a row gave: her fields (phone and ID number as plain text, to be sealed), the
/// region's code, the grids she covers and her team's name, still to be looked up.
struct ImportedVolunteer {
  size_t line = 0;
  Volunteer volunteer;
  std::string region_code;
  std::vector<std::string> grid_codes;
  std::string team_name;
};

/// Reads the rows after the header (which must be the template's), adding each problem to
/// `errors` under its row, column header and field. `now_ms` bounds the dates (a joining date may
/// not lie in the future); dates are days in Beijing.
std::vector<ImportedVolunteer> ReadVolunteerRows(const std::vector<XlsxRow>& rows,
                                                 ImportErrors& errors, int64_t now_ms);

/// A member type from its code or Chinese label.
std::optional<MemberType> ParseMemberTypeCell(std::string_view cell);
/// 女/男 or female/male.
std::optional<Gender> ParseGenderCell(std::string_view cell);
/// "2026-03-08" (also with '/' or '.', and a single-digit month or day) or an Excel date cell:
/// midnight of that day in Beijing, Unix ms.
std::optional<int64_t> ParseDateCell(std::string_view cell, bool is_date);
/// The grid codes of a cell, separated by ；;，, or spaces, each once, in order.
std::vector<std::string> SplitGridCodes(std::string_view cell);

}  // namespace hejia::domain
