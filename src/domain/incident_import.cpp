#include "domain/incident_import.hpp"

#include <set>

#include "common/clock.hpp"
#include "domain/text.hpp"

namespace hejia::domain {

namespace {

enum Column {
  kNo,
  kReportedAt,
  kStation,
  kOfficer,
  kKind,
  kAddress,
  kInjury,
  kWeapon,
  kAlcohol,
  kThreats,
  kMinors,
  kDisposition,
  kWarningLetter,
  kVictimName,
  kVictimGender,
  kVictimPhone,
  kActorName,
  kActorGender,
  kActorPhone,
  kMinorName,
};

std::string Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string GenderCode(std::string_view cell) {
  if (cell == "女" || cell == "female") return "female";
  if (cell == "男" || cell == "male") return "male";
  return std::string(cell);
}

}  // namespace

std::optional<IncidentKind> ParseIncidentKindCell(std::string_view cell) {
  static constexpr std::array<std::pair<std::string_view, IncidentKind>, 5> kLabels{
      {{"家庭纠纷", IncidentKind::kFamilyDispute},
       {"家庭暴力", IncidentKind::kDomesticViolence},
       {"恋爱暴力", IncidentKind::kDating},
       {"赡养抚养", IncidentKind::kSupport},
       {"其他", IncidentKind::kOther}}};
  for (const auto& [label, kind] : kLabels)
    if (cell == label || cell == ToString(kind)) return kind;
  return std::nullopt;
}

std::optional<bool> ParseYesNoCell(std::string_view cell) {
  if (cell.empty() || cell == "否" || cell == "N" || cell == "n" || cell == "0" || cell == "false")
    return false;
  if (cell == "是" || cell == "Y" || cell == "y" || cell == "1" || cell == "true") return true;
  return std::nullopt;
}

std::optional<int64_t> ParseTimeCell(std::string_view cell, bool is_date, int utc_offset_seconds) {
  if (is_date) {
    auto s = ExcelSerialToUnixSeconds(cell, utc_offset_seconds);
    if (!s) return std::nullopt;
    return *s * 1000;
  }
  std::string text(cell);
  if (text.size() < 16) return std::nullopt;
  for (char& c : text)
    if (c == '/') c = '-';
  if (text[10] == ' ') text[10] = 'T';
  const int h = utc_offset_seconds / 3600, m = (utc_offset_seconds % 3600) / 60;
  char zone[8];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", utc_offset_seconds < 0 ? '-' : '+',
                h < 0 ? -h : h, m < 0 ? -m : m);
  return ParseIsoTime(text + zone);
}

std::vector<ImportedIncident> ReadIncidentRows(const std::vector<XlsxRow>& rows,
                                               ImportErrors& errors, int utc_offset_seconds) {
  std::vector<ImportedIncident> out;
  if (rows.empty()) {
    errors.Add(1, "columns", "文件为空 / the file is empty");
    return out;
  }
  const auto& header = rows.front().cells;
  for (size_t i = 0; i < kIncidentImportColumns.size(); ++i)
    if (i >= header.size() || Trim(header[i]) != kIncidentImportColumns[i]) {
      errors.Add(rows.front().line, "columns",
                 "表头应与模板一致：第 " + std::to_string(i + 1) + " 列应为 " +
                     std::string(kIncidentImportColumns[i]) +
                     " / the header must be the template's");
      return out;
    }
  if (rows.size() == 1) {
    errors.Add(rows.front().line, "columns", "没有数据行 / no data rows");
    return out;
  }
  if (rows.size() - 1 > kMaxIncidentImportRows) {
    errors.Add(rows.front().line, "columns",
               "一次最多导入 " + std::to_string(kMaxIncidentImportRows) + " 行 / at most " +
                   std::to_string(kMaxIncidentImportRows) + " rows at once");
    return out;
  }
  std::set<std::string> numbers;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const auto cell = [&](Column c) {
      return static_cast<size_t>(c) < row.cells.size() ? Trim(row.cells[c]) : std::string();
    };
    const auto name_of = [](Column c) { return std::string(kIncidentImportColumns[c]); };
    const size_t before = errors.count();
    const auto fail = [&](Column c, std::string message) {
      errors.Add(row.line, name_of(c), message);
    };
    ImportedIncident in;
    in.line = row.line;
    auto& rec = in.incident;
    rec.source = IncidentSource::kImport;
    const auto text = [&](Column c, std::size_t max, bool required, std::string& into) {
      auto checked = CheckText(cell(c), max, required);
      if (checked.problem)
        fail(c, TextProblemMessage(*checked.problem, max));
      else
        into = std::move(checked.text);
    };
    text(kNo, kIncidentNoMax, true, rec.incident_no);
    if (!rec.incident_no.empty() && !numbers.insert(rec.incident_no).second)
      fail(kNo, "文件中警情编号重复 / this number is repeated in the file");
    const bool is_date =
        static_cast<size_t>(kReportedAt) < row.is_date.size() && row.is_date[kReportedAt];
    if (auto at = ParseTimeCell(cell(kReportedAt), is_date, utc_offset_seconds))
      rec.reported_at = *at;
    else
      fail(kReportedAt, "时间应为 2026-11-03 22:10 / a time such as 2026-11-03 22:10");
    text(kStation, kStationMax, true, rec.station);
    text(kOfficer, kOfficerMax, false, rec.officer);
    if (auto kind = ParseIncidentKindCell(cell(kKind)))
      rec.kind = *kind;
    else
      fail(kKind, "应为 家庭纠纷、家庭暴力、恋爱暴力、赡养抚养 或 其他 / unknown kind");
    text(kAddress, kIncidentAddressMax, true, in.address);
    for (auto [column, flag] :
         {std::pair{kInjury, &PoliceIncident::injury}, std::pair{kWeapon, &PoliceIncident::weapon},
          std::pair{kAlcohol, &PoliceIncident::alcohol},
          std::pair{kThreats, &PoliceIncident::threats},
          std::pair{kMinors, &PoliceIncident::minors_present}}) {
      if (auto yes = ParseYesNoCell(cell(column)))
        rec.*flag = *yes;
      else
        fail(column, "应为 是 或 否 / yes or no");
    }
    text(kDisposition, kDispositionMax, false, rec.disposition);
    text(kWarningLetter, kWarningLetterMax, false, rec.warning_letter_no);
    const auto party = [&](IncidentPartyRole role, Column name, std::optional<Column> gender,
                           std::optional<Column> phone) {
      if (cell(name).empty()) return;
      IncidentPartyFields f{std::string(ToString(role)), cell(name),
                            gender ? GenderCode(cell(*gender)) : "", phone ? cell(*phone) : ""};
      if (phone) f.phone = XlsxIntegerText(f.phone).value_or(f.phone);
      auto checked = CheckIncidentParty(f);
      if (checked.problem) {
        const Column at = checked.problem->field == "gender" && gender ? *gender
                          : checked.problem->field == "phone" && phone ? *phone
                                                                       : name;
        fail(at, checked.problem->message);
        return;
      }
      in.parties.push_back(std::move(checked.party));
    };
    if (cell(kVictimName).empty()) fail(kVictimName, "必填 / required");
    party(IncidentPartyRole::kVictim, kVictimName, kVictimGender, kVictimPhone);
    party(IncidentPartyRole::kActor, kActorName, kActorGender, kActorPhone);
    party(IncidentPartyRole::kMinor, kMinorName, std::nullopt, std::nullopt);
    if (errors.count() == before) out.push_back(std::move(in));
  }
  return out;
}

}  // namespace hejia::domain
