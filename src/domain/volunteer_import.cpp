#include "domain/volunteer_import.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "common/clock.hpp"
#include "domain/id_card.hpp"
#include "domain/incident_import.hpp"
#include "domain/phone.hpp"
#include "domain/team.hpp"
#include "domain/text.hpp"

namespace hejia::domain {

namespace {

enum Column {
  kName,
  kGender,
  kPhone,
  kIdNumber,
  kMemberType,
  kRegion,
  kTeam,
  kGridSister,
  kGrids,
  kJoined,
  kLeft,
  kSkills,
  kExternalNo,
};

constexpr int64_t kDayMs = 86'400'000, kBeijingMs = 8 * 3'600'000;
constexpr size_t kRegionCodeMax = 20;

/// The integer a number cell stands for ("1.38E10" → "13800000000"); other text as it is.
std::string DigitsOf(const std::string& cell) {
  return XlsxIntegerText(cell).value_or(cell);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/// The header the file must start with, "姓名*、性别*、…", for the message of a wrong one.
std::string Headers() {
  std::string out;
  for (const auto& c : kVolunteerImportColumns)
    out += (out.empty() ? "" : "、") + std::string(c.header);
  return out;
}

}  // namespace

std::string_view Label(MemberType t) {
  for (const auto& [type, label] : kMemberTypeLabels)
    if (type == t) return label;
  return ToString(t);
}

std::optional<MemberType> ParseMemberTypeCell(std::string_view cell) {
  for (const auto& [type, label] : kMemberTypeLabels)
    if (cell == label || cell == ToString(type)) return type;
  return std::nullopt;
}

std::optional<Gender> ParseGenderCell(std::string_view cell) {
  if (cell == "女" || cell == "female") return Gender::kFemale;
  if (cell == "男" || cell == "male") return Gender::kMale;
  return std::nullopt;
}

std::optional<int64_t> ParseDateCell(std::string_view cell, bool is_date) {
  if (is_date) {
    auto s = ExcelSerialToUnixSeconds(cell, 8 * 3600);
    if (!s) return std::nullopt;
    const int64_t ms = *s * 1000;
    return ms - (((ms + kBeijingMs) % kDayMs) + kDayMs) % kDayMs;  // that day's midnight
  }
  int year = 0, month = 0, day = 0;
  if (cell.size() == 8 && AllDigits(cell)) {  // 20260308
    year = std::stoi(std::string(cell.substr(0, 4)));
    month = std::stoi(std::string(cell.substr(4, 2)));
    day = std::stoi(std::string(cell.substr(6, 2)));
  } else {
    // 2026-03-08, 2026/3/8, 2026.03.08: three groups of digits split by one separator kind.
    int* parts[] = {&year, &month, &day};
    size_t part = 0, digits = 0;
    char separator = 0;
    for (char c : cell) {
      if (c >= '0' && c <= '9') {
        if (++digits > (part == 0 ? 4u : 2u)) return std::nullopt;
        *parts[part] = *parts[part] * 10 + (c - '0');
      } else if ((c == '-' || c == '/' || c == '.') && digits > 0 && part < 2 &&
                 (separator == 0 || separator == c)) {
        separator = c;
        ++part;
        digits = 0;
      } else {
        return std::nullopt;
      }
    }
    if (part != 2 || digits == 0) return std::nullopt;
  }
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  char iso[40];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT00:00:00+08:00", year, month, day);
  auto ms = ParseIsoTime(iso);
  if (!ms) return std::nullopt;
  // ParseIsoTime may roll 02-30 into March: the day must come back as written.
  const std::string back = FormatBeijing(*ms);
  if (back.substr(0, 10) != std::string(iso, 10)) return std::nullopt;
  return ms;
}

std::vector<std::string> SplitGridCodes(std::string_view cell) {
  std::vector<std::string> out;
  std::string current;
  const auto flush = [&] {
    if (!current.empty() && std::find(out.begin(), out.end(), current) == out.end())
      out.push_back(current);
    current.clear();
  };
  // ；(U+FF1B), ，(U+FF0C) and the ideographic space (U+3000), as UTF-8: bytes of a wide separator.
  const auto wide_at = [&](size_t i) -> size_t {
    for (std::string_view wide : {"\xEF\xBC\x9B", "\xEF\xBC\x8C", "\xE3\x80\x80"})
      if (cell.substr(i, wide.size()) == wide) return wide.size();
    return 0;
  };
  for (size_t i = 0; i < cell.size();) {
    if (const size_t wide = wide_at(i)) {
      flush();
      i += wide;
      continue;
    }
    const char c = cell[i++];
    if (c == ';' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
      flush();
    else
      current += c;
  }
  flush();
  return out;
}

std::vector<ImportedVolunteer> ReadVolunteerRows(const std::vector<XlsxRow>& rows,
                                                 ImportErrors& errors, int64_t now_ms) {
  std::vector<ImportedVolunteer> out;
  if (rows.empty()) {
    errors.Add(1, "columns", "文件为空 / the file is empty");
    return out;
  }
  const auto& header = rows.front().cells;
  for (size_t i = 0; i < kVolunteerImportColumns.size(); ++i)
    if (i >= header.size() || TrimSpaces(header[i]) != kVolunteerImportColumns[i].header) {
      errors.Add(rows.front().line, "columns",
                 "表头应与模板一致：" + Headers() + " / the header must be the template's");
      return out;
    }
  if (rows.size() == 1) {
    errors.Add(rows.front().line, "columns", "没有数据行 / no data rows");
    return out;
  }
  if (rows.size() - 1 > kMaxVolunteerImportRows) {
    errors.Add(rows.front().line, "columns",
               "一次最多导入 " + std::to_string(kMaxVolunteerImportRows) + " 行 / at most " +
                   std::to_string(kMaxVolunteerImportRows) + " rows at once");
    return out;
  }
  std::map<std::string, size_t, std::less<>> id_numbers, phones;  // → the row that gave it
  out.reserve(rows.size() - 1);
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const auto cell = [&](Column c) {
      return static_cast<size_t>(c) < row.cells.size() ? TrimSpaces(row.cells[c]) : std::string();
    };
    const auto is_date = [&](Column c) {
      return static_cast<size_t>(c) < row.is_date.size() && row.is_date[c];
    };
    const size_t before = errors.count();
    const auto fail = [&](Column c, std::string_view message) {
      const auto& col = kVolunteerImportColumns[c];
      errors.AddCell(row.line, col.header, col.field, message);
    };
    ImportedVolunteer in;
    in.line = row.line;
    Volunteer& v = in.volunteer;
    const auto text = [&](Column c, size_t max, bool required, std::string& into) {
      auto checked = CheckText(cell(c), max, required);
      if (checked.problem)
        fail(c, TextProblemMessage(*checked.problem, max));
      else
        into = std::move(checked.text);
    };
    const auto repeated = [&](Column c, auto& seen, const std::string& value,
                              std::string_view what) {
      const auto [at, fresh] = seen.emplace(value, row.line);
      if (!fresh)
        fail(c, "与第 " + std::to_string(at->second) + " 行的" + std::string(what) +
                    "重复 / the same as row " + std::to_string(at->second));
    };

    text(kName, kVolunteerNameMax, true, v.name);
    const std::string gender = cell(kGender);
    if (auto g = ParseGenderCell(gender))
      v.gender = *g;
    else
      fail(kGender, gender.empty() ? "必填 / required" : "应为 女 或 男 / female or male");

    if (const std::string phone = DigitsOf(cell(kPhone)); !phone.empty()) {
      if (auto normal = NormalizePhone(phone)) {
        v.phone.plain = *normal;
        v.phone.dirty = true;
        repeated(kPhone, phones, *normal, "手机号");
      } else {
        fail(kPhone, "不是有效的电话号码 / not a valid phone number");
      }
    }
    if (const std::string id = cell(kIdNumber); !id.empty()) {
      if (auto card = ParseIdCard(id)) {
        v.id_number.plain = card->normalized;
        v.id_number.dirty = true;
        repeated(kIdNumber, id_numbers, card->normalized, "身份证号");
        if (ParseGenderCell(gender) && card->female != (v.gender == Gender::kFemale))
          fail(kGender, "与身份证号的性别不符 / does not match the ID number");
      } else {
        fail(kIdNumber, "不是有效的身份证号 / not a valid resident ID number");
      }
    }

    const std::string type = cell(kMemberType);
    if (auto t = ParseMemberTypeCell(type))
      v.member_type = *t;
    else
      fail(kMemberType, type.empty() ? "必填 / required"
                                     : "应为 妇联干部、执委、妇女代表、巾帼志愿者 或 和姐 / "
                                       "unknown member type");

    const std::string region = DigitsOf(cell(kRegion));
    if (region.empty())
      fail(kRegion, "必填 / required");
    else if (region.size() > kRegionCodeMax || !AllDigits(region))
      fail(kRegion, "区划代码应为数字 / a region code is digits");
    else
      in.region_code = region;

    text(kTeam, kTeamNameMax, false, in.team_name);

    if (auto yes = ParseYesNoCell(cell(kGridSister)))
      v.grid_sister = *yes;
    else
      fail(kGridSister, "应为 是 或 否 / yes or no");
    const std::string grids = cell(kGrids);
    for (const auto& code : SplitGridCodes(grids)) {
      const std::string digits = DigitsOf(code);
      if (digits.size() > kRegionCodeMax || !AllDigits(digits)) {
        fail(kGrids, "网格代码应为数字，多个用 ；分隔 / grid codes are digits separated by ;");
        in.grid_codes.clear();
        break;
      }
      in.grid_codes.push_back(digits);
    }
    if (!in.grid_codes.empty() && !v.grid_sister)
      fail(kGrids, "只有格姐才分配网格（是否格姐填 是） / only a grid sister covers grids");
    if (in.grid_codes.size() > static_cast<size_t>(kMaxGridsPerSisterLimit))
      fail(kGrids, "网格过多 / too many grids");

    const std::string joined = cell(kJoined);
    if (auto at = ParseDateCell(joined, is_date(kJoined))) {
      v.joined_at = *at;
      if (*at > now_ms) fail(kJoined, "不能晚于今天 / must not be in the future");
    } else {
      fail(kJoined,
           joined.empty() ? "必填 / required" : "日期应为 2026-03-08 / a date such as 2026-03-08");
    }
    if (const std::string left = cell(kLeft); !left.empty()) {
      if (auto at = ParseDateCell(left, is_date(kLeft))) {
        v.left_at = *at;
        if (v.joined_at && *at < v.joined_at)
          fail(kLeft, "不能早于加入日期 / must not be before the joining date");
      } else {
        fail(kLeft, "日期应为 2026-03-08 / a date such as 2026-03-08");
      }
    }
    text(kSkills, kSkillsMax, false, v.skills);
    text(kExternalNo, kExternalNoMax, false, v.external_no);
    if (errors.count() == before) out.push_back(std::move(in));
  }
  return out;
}

}  // namespace hejia::domain
