// GET /cases/export: the case list as an Excel workbook. It reads the very filters of GET /cases
// (cases::ParseListQuery) and runs the very query (store::ListCases), so the rows, their scope
// and their masking are exactly the list's; at most kMaxExportRows rows. The workbook is written
// by libxlsxwriter into a private temporary directory, read back and deleted. Every export is
// audited with the filter's codes and the row count, never a personal value.
#include <stdlib.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/case_common.hpp"
#include "api/people_common.hpp"
#include "api/private_temp_dir.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "domain/categories.hpp"
#include "http/paging.hpp"
#include "security/mask.hpp"
#include "store/region_repo.hpp"

namespace hejia::api {

namespace {

constexpr int64_t kMaxExportRows = 10000;

std::string LabelOf(const std::vector<domain::CodeLabel>& vocabulary, std::string_view code) {
  const auto* found = domain::FindCode(vocabulary, code);
  return found ? std::string(found->label) : std::string(code);
}

std::string StatusLabel(domain::CaseStatus s) {
  return std::string(domain::Label(s));
}

std::string LevelLabel(domain::CaseLevel level) {
  return std::string(domain::Label(level));
}

std::string SupervisionLabel(const std::optional<domain::Supervision>& s) {
  if (!s) return "";
  return *s == domain::Supervision::kYellow ? "黄牌" : "红牌";
}

std::string SupervisionLabel(const store::CaseFilter& f) {
  return f.any_supervision ? "有督办" : SupervisionLabel(f.supervision);
}

// The filter's `supervision` as it was asked for ("" when not filtered).
std::string SupervisionCode(const store::CaseFilter& f) {
  return f.any_supervision ? std::string(cases::kAnySupervision)
                           : std::string(domain::ToString(f.supervision));
}

// A time as the console shows it: "2026-11-28 21:30" (Beijing).
std::string ShortTime(const std::optional<int64_t>& ms) {
  if (!ms) return "";
  std::string t = FormatBeijing(*ms);
  if (t.size() < 16) return t;
  t = t.substr(0, 16);
  t[10] = ' ';
  return t;
}

/// The filters in words for the title row (Chinese, as the staff read them).
std::string DescribeFilter(const store::CaseFilter& f, const std::string& region_name) {
  std::vector<std::string> parts;
  if (!f.statuses.empty()) {
    std::string s = "状态：";
    for (size_t i = 0; i < f.statuses.size(); ++i)
      s += (i ? "、" : "") + StatusLabel(f.statuses[i]);
    parts.push_back(s);
  }
  if (!f.category.empty())
    parts.push_back("纠纷类型：" + LabelOf(domain::AllCategories(), f.category));
  if (f.level) parts.push_back("层级：" + LevelLabel(*f.level));
  if (!region_name.empty()) parts.push_back("区划：" + region_name);
  if (f.overdue) parts.push_back("已超期");
  if (!SupervisionCode(f).empty()) parts.push_back("督办：" + SupervisionLabel(f));
  if (f.night_clinic) parts.push_back("夜间门诊");
  if (f.urgent) parts.push_back("紧急");
  if (f.attention) parts.push_back("超期或督办");
  if (f.assigned_to) parts.push_back("我经办的");
  if (!f.text.empty()) parts.push_back("关键词：" + f.text);
  if (parts.empty()) return "全部案件";
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "；" : "") + parts[i];
  return out;
}

/// The filters as codes for the audit trail: never a personal value (the search text may hold a
/// name, so only its presence is recorded).
std::string AuditFilter(const store::CaseFilter& f, const std::optional<std::string>& region) {
  std::string out;
  auto add = [&](std::string_view k, const std::string& v) {
    out += ";";
    out += k;
    out += "=";
    out += v;
  };
  if (!f.statuses.empty()) {
    std::string s;
    for (size_t i = 0; i < f.statuses.size(); ++i)
      s += (i ? "," : "") + std::string(domain::ToString(f.statuses[i]));
    add("status", s);
  }
  if (!f.category.empty()) add("category", f.category);
  if (f.level) add("level", std::string(domain::ToString(*f.level)));
  if (region) add("region", *region);
  if (f.overdue) add("overdue", "1");
  if (!SupervisionCode(f).empty()) add("supervision", SupervisionCode(f));
  if (f.night_clinic) add("night_clinic", "1");
  if (f.urgent) add("urgent", "1");
  if (f.attention) add("attention", "1");
  if (f.assigned_to) add("assigned_to_me", "1");
  if (!f.text.empty()) add("q", "given");
  return out;
}

struct Column {
  const char* header;
  double width;
};
constexpr Column kColumns[] = {
    {"案件编号", 16},     {"登记时间", 17}, {"渠道", 12},    {"纠纷类型", 16}, {"严重程度", 9},
    {"标题", 30},         {"申请人", 10},   {"状态", 10},    {"层级", 7},      {"承办单位", 18},
    {"承办人", 12},       {"调解员", 12},   {"夜间门诊", 9}, {"督办", 7},      {"超期", 7},
    {"首次联系时限", 17}, {"更新时间", 17}};
constexpr lxw_col_t kColumnCount = sizeof(kColumns) / sizeof(kColumns[0]);

std::vector<std::string> RowCells(const store::CaseListRow& row, int64_t now_ms) {
  const store::CaseRecord& c = row.rec;
  const bool overdue = domain::FirstMissed(c.Timers(), now_ms) != domain::MissedLimit::kNone;
  return {c.case_no, ShortTime(c.created_at),
          LabelOf(domain::AllChannels(), domain::ToString(c.channel)),
          LabelOf(domain::AllCategories(), c.category),
          LabelOf(domain::AllSeverities(), domain::ToString(c.severity)), c.title,
          // masked as the list masks it ("王**")
          row.applicant_name.empty() ? std::string() : security::MaskName(row.applicant_name),
          StatusLabel(c.status), LevelLabel(c.level), row.region_name,
          c.assignee_id ? row.assignee_name : std::string(),
          c.mediator_id ? row.mediator_name : std::string(), c.night_clinic ? "是" : "",
          SupervisionLabel(c.supervision), overdue ? "是" : "", ShortTime(c.due_first_contact_at),
          ShortTime(c.updated_at)};
}

void Check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw std::runtime_error(std::string("export: ") + what + ": " + lxw_strerror(e));
}

/// The workbook's bytes: a title row (the filters and the export time), the Chinese header
/// (frozen, with a filter), one row per case.
std::string BuildWorkbook(const std::vector<store::CaseListRow>& items, const std::string& title,
                          int64_t now_ms) {
  PrivateTempDir dir;
  const std::string file = dir.path() + "/cases.xlsx";
  std::string tmpdir = dir.path();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as they are written
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (!wb) throw std::runtime_error("export: cannot create the workbook");
  // workbook_close frees the workbook whatever happens; until then this guard owns it.
  struct Owner {
    lxw_workbook* wb;
    ~Owner() {
      if (wb) workbook_close(wb);
    }
  } owner{wb};
  lxw_worksheet* ws = workbook_add_worksheet(wb, "案件清单");
  if (!ws) throw std::runtime_error("export: cannot add the worksheet");
  lxw_format* title_format = workbook_add_format(wb);
  format_set_bold(title_format);
  format_set_font_size(title_format, 12);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_align(header, LXW_ALIGN_CENTER);

  for (lxw_col_t c = 0; c < kColumnCount; ++c)
    Check(worksheet_set_column(ws, c, c, kColumns[c].width, nullptr), "column width");
  Check(worksheet_merge_range(ws, 0, 0, 0, kColumnCount - 1, title.c_str(), title_format), "title");
  for (lxw_col_t c = 0; c < kColumnCount; ++c)
    Check(worksheet_write_string(ws, 1, c, kColumns[c].header, header), "header");
  lxw_row_t row = 2;
  for (const auto& item : items) {
    const auto cells = RowCells(item, now_ms);
    for (lxw_col_t c = 0; c < kColumnCount; ++c)
      if (!cells[c].empty())
        Check(worksheet_write_string(ws, row, c, cells[c].c_str(), nullptr), "cell");
    ++row;
  }
  worksheet_freeze_panes(ws, 2, 0);
  Check(worksheet_autofilter(ws, 1, 0, row > 2 ? row - 1 : 1, kColumnCount - 1), "filter");
  owner.wb = nullptr;
  Check(workbook_close(wb), "write");

  return ReadWholeFile(file);
}

asio::awaitable<http::Response> ExportRoute(Services& s, http::Request& req) {
  const auto page = http::ParsePage(req, {"created_at", "updated_at"}, "created_at", true);
  const store::CaseSort sort =
      page.sort == "updated_at" ? store::CaseSort::kUpdatedAt : store::CaseSort::kCreatedAt;
  const cases::ListQuery query = cases::ParseListQuery(req);
  const int64_t now = s.clock.NowMillis();
  const std::string stamp = FormatBeijing(now);  // 2026-11-28T21:30:00+08:00
  struct Built {
    int64_t total = 0;
    std::string bytes;
  };
  auto built = co_await s.db.Read([&](store::Connection& c) {
    Built b;
    const ScopeFilter scope = people::ListScope(c, req.Caller(), query.region, query.own);
    // The count first: a request above the limit builds nothing.
    b.total = store::ListCases(c, scope, query.filter, sort, {0, 0, page.descending}, now).total;
    if (b.total > kMaxExportRows) return b;
    auto result =
        store::ListCases(c, scope, query.filter, sort, {kMaxExportRows, 0, page.descending}, now);
    std::string region_name;
    if (query.region)
      if (auto r = store::FindRegion(c, std::string_view(*query.region))) region_name = r->name;
    const std::string title = "案件清单（" + DescribeFilter(query.filter, region_name) + "） 共 " +
                              std::to_string(result.items.size()) + " 件 · 导出时间 " +
                              stamp.substr(0, 10) + " " + stamp.substr(11, 5) + " · " +
                              req.Caller().display_name;
    b.bytes = BuildWorkbook(result.items, title, now);
    b.total = static_cast<int64_t>(result.items.size());
    return b;
  });
  if (built.total > kMaxExportRows) throw TooManyRows(built.total, kMaxExportRows, "案件", "件");
  const std::string detail =
      "rows=" + std::to_string(built.total) + AuditFilter(query.filter, query.region);
  co_await s.db.Write(
      [&](store::Connection& c) { s.Audit(c, ActorOf(req), "case", "", "export", "ok", detail); });

  std::string digits;
  for (char ch : stamp.substr(0, 16))
    if (ch >= '0' && ch <= '9') digits += ch;
  const std::string date = digits.substr(0, 8), time = digits.substr(8, 4);
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.set(http::bhttp::field::content_disposition,
          cases::ContentDisposition("cases-" + date + "-" + time + ".xlsx",
                                    "案件清单-" + date + "-" + time + ".xlsx"));
  res.set(http::bhttp::field::cache_control, "no-store");
  res.body() = std::move(built.bytes);
  res.prepare_payload();
  co_return res;
}

}  // namespace

namespace cases {

std::string ContentDisposition(std::string_view ascii_fallback, std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "attachment; filename=\"";
  for (unsigned char c : ascii_fallback)
    out += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
  out += "\"; filename*=UTF-8''";
  for (unsigned char c : name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace cases

void AddCaseExportRoutes(http::Router& router, Services& s) {
  auto query = cases::ListQueryParams();
  query.push_back({"sort", "string", "created_at | -created_at | updated_at | -updated_at"});
  AreaRoutes area(router, s, "/api/v1/cases", "cases");
  area.Add(verb::get, "/export", "case.export",
           "The filtered case list as an Excel workbook (.xlsx; the filters of GET "
           "/cases; at most 10,000 rows, else 400 too_many_rows; audited)",
           ExportRoute, {.query = std::move(query)});
}

}  // namespace hejia::api
