#include "domain/region_import.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "common/error.hpp"
#include "domain/csv.hpp"
#include "domain/text.hpp"

namespace hejia::domain {

void ImportErrors::Add(size_t line, std::string_view field, std::string_view message) {
  ++count_;
  if (reported_.size() < kMaxReportedImportErrors)
    reported_.push_back(
        ImportError{line, std::string(field), std::string(message), std::string(field)});
}

void ImportErrors::AddCell(size_t line, std::string_view column, std::string_view field,
                           std::string_view message) {
  ++count_;
  if (reported_.size() < kMaxReportedImportErrors)
    reported_.push_back(
        ImportError{line, std::string(field), std::string(message), std::string(column)});
}

void ImportErrors::SortByLine() {
  std::stable_sort(reported_.begin(), reported_.end(),
                   [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
}

std::vector<ImportRow> ReadImportRows(std::string_view text, ImportErrors& errors) {
  auto records = ParseCsv(text);
  if (records.empty()) throw Invalid("csv", "文件为空 / the file is empty");
  const auto& header = records.front();
  std::vector<std::string> names;
  for (const auto& f : header.fields) names.push_back(TrimSpaces(f));
  if (header.error || names != std::vector<std::string>{"code", "name", "parent_code"})
    throw Invalid("csv",
                  "首行应为 code,name,parent_code / the first line must be code,name,parent_code");
  if (records.size() == 1) throw Invalid("csv", "没有数据行 / no data rows");
  if (records.size() - 1 > kMaxImportRows)
    throw Invalid("csv", "一次最多导入 " + std::to_string(kMaxImportRows) + " 行 / at most " +
                             std::to_string(kMaxImportRows) + " rows per import");

  static constexpr std::string_view kColumns[] = {"code", "name", "parent_code"};
  std::vector<ImportRow> rows;
  std::map<std::string, size_t, std::less<>> first_line_of;
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    ImportRow row;
    row.line = rec.line;
    if (rec.error) {
      errors.Add(rec.line, "columns", *rec.error);
      row.ok = false;
    } else if (rec.fields.size() > 3) {
      errors.Add(rec.line, "columns",
                 "多出 " + std::to_string(rec.fields.size() - 3) +
                     " 列（含逗号的字段请加引号）/ extra columns: a row has code,name,parent_code");
      row.ok = false;
    } else if (rec.fields.size() < 3) {
      errors.Add(rec.line, kColumns[rec.fields.size()], "缺少此列 / missing column");
      row.ok = false;
    }
    if (!row.ok) {
      rows.push_back(std::move(row));
      continue;
    }
    row.code = TrimSpaces(rec.fields[0]);
    row.name = TrimSpaces(rec.fields[1]);
    row.parent_code = TrimSpaces(rec.fields[2]);
    if (row.code.empty()) {
      errors.Add(row.line, "code", "必填 / required");
      row.ok = false;
    } else if (auto [it, fresh] = first_line_of.emplace(row.code, row.line); !fresh) {
      errors.Add(row.line, "code",
                 "与第 " + std::to_string(it->second) + " 行重复 / repeats the code of row " +
                     std::to_string(it->second));
      row.ok = false;
    }
    if (auto problem = RegionNameProblem(row.name)) {
      errors.Add(row.line, "name", *problem);
      row.ok = false;
    }
    if (row.parent_code.empty()) {
      errors.Add(row.line, "parent_code", "必填 / required");
      row.ok = false;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

/// Why the parent of row `r` cannot be found, or nullopt with `parent` set when it can.
std::optional<std::string> FindParent(
    const ImportRow& r, const std::map<std::string, std::pair<RegionLevel, std::string>>& made,
    const std::map<std::string, size_t, std::less<>>& line_of,
    const std::map<std::string, KnownRegion, std::less<>>& known,
    const std::function<bool(std::string_view)>& in_scope,
    std::optional<std::pair<RegionLevel, std::string>>& parent) {
  if (auto m = made.find(r.parent_code); m != made.end()) {
    parent = m->second;
    return std::nullopt;
  }
  if (auto l = line_of.find(r.parent_code); l != line_of.end() && !known.count(r.parent_code)) {
    const std::string n = std::to_string(l->second);
    if (l->second < r.line)
      return "上级所在的第 " + n + " 行有误 / the parent's row " + n + " has errors";
    return "上级须写在下级之前（第 " + n + " 行）/ the parent must come before its children (row " +
           n + ")";
  }
  auto e = known.find(r.parent_code);
  if (e == known.end() || !in_scope(e->second.path))
    return std::string("上级区划不存在 / no such parent region");
  if (e->second.retired) return std::string("上级区划已撤销 / the parent region is retired");
  parent.emplace(e->second.level, e->second.path);
  return std::nullopt;
}

}  // namespace

std::vector<PlannedRegion> PlanImport(const std::vector<ImportRow>& rows,
                                      const std::map<std::string, KnownRegion, std::less<>>& known,
                                      const std::function<bool(std::string_view path)>& in_scope,
                                      ImportErrors& errors) {
  // Regions defined so far by valid rows of the file, by code: their level and path.
  std::map<std::string, std::pair<RegionLevel, std::string>> made;
  std::map<std::string, size_t, std::less<>> line_of;
  for (const auto& r : rows)
    if (!r.code.empty()) line_of.emplace(r.code, r.line);
  std::vector<PlannedRegion> planned;
  for (const auto& r : rows) {
    if (r.code.empty() || r.parent_code.empty()) continue;  // already reported
    bool ok = r.ok;
    if (known.count(r.code) && line_of.at(r.code) == r.line) {
      errors.Add(r.line, "code", "区划代码已存在 / this code is already in use");
      ok = false;
    }
    std::optional<std::pair<RegionLevel, std::string>> parent;
    if (auto problem = FindParent(r, made, line_of, known, in_scope, parent)) {
      errors.Add(r.line, "parent_code", *problem);
      ok = false;
    }
    if (parent) {
      if (!ChildLevel(parent->first)) {
        errors.Add(r.line, "parent_code", "网格下不能再设区划 / a grid has no sub-regions");
        ok = false;
      } else if (auto problem = ChildCodeProblem(r.code, r.parent_code, parent->first)) {
        errors.Add(r.line, "code", *problem);
        ok = false;
      }
    }
    if (!ok || !parent) continue;
    const auto level = *ChildLevel(parent->first);
    std::string path = ChildPath(parent->second, r.code);
    made.emplace(r.code, std::pair{level, path});
    planned.push_back(PlannedRegion{r.code, r.name, r.parent_code, level, std::move(path)});
  }
  return planned;
}

}  // namespace hejia::domain
