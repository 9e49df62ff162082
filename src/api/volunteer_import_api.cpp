// Volunteers from a spreadsheet and back (issue 12, point 1): the template (GET
// /volunteers/import-template: the columns, one example row, a sheet explaining the choices), the
// import (POST /volunteers/import {xlsx: base64}, ?dry_run=1 to check only): every row is checked
// — the file's own rules (domain/volunteer_import.hpp), then what needs the database
// (store/volunteer_import_repo.hpp) — and any problem stores nothing: 400 with every problem by
// row, column and field, like the incident import. All rows are written in one transaction and
// the import is audited with its count. The export (GET /volunteers/export): the list's filters
// and scope, phone and ID number masked, audited. Literal segments beat /volunteers/{id}.
#include <xlsxwriter.h>

#include <cctype>
#include <map>

#include "api/case_common.hpp"
#include "api/import_errors.hpp"
#include "api/people_common.hpp"
#include "api/private_temp_dir.hpp"
#include "api/record_kit.hpp"
#include "api/rooms_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "domain/id_card.hpp"
#include "domain/volunteer_import.hpp"
#include "security/tokens.hpp"
#include "store/volunteer_import_repo.hpp"
#include "store/volunteers_table.hpp"

namespace hejia::api {

namespace {

namespace json = boost::json;
namespace sk = store::kit;
using domain::Volunteer;

constexpr size_t kMaxWorkbookBytes = 8 << 20;
constexpr int64_t kMaxExportRows = 50000;
constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

void Check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw std::runtime_error(std::string("volunteers xlsx: ") + what + ": " + lxw_strerror(e));
}

/// A workbook written by libxlsxwriter into a private directory, read back when closed; closed
/// (and so freed) whatever happens.
class Book {
 public:
  explicit Book(bool constant_memory) : file_(dir_.path() + "/volunteers.xlsx"), tmp_(dir_.path()) {
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    options.tmpdir = tmp_.data();
    wb_ = workbook_new_opt(file_.c_str(), &options);
    if (!wb_) throw std::runtime_error("volunteers xlsx: cannot create the workbook");
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    text_ = workbook_add_format(wb_);
    format_set_num_format(text_, "@");  // codes, phones and ID numbers stay as typed
  }
  ~Book() {
    if (wb_) workbook_close(wb_);
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;
  lxw_worksheet* Sheet(const char* name) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
    if (!ws) throw std::runtime_error("volunteers xlsx: cannot add a worksheet");
    return ws;
  }
  lxw_format* header() const { return header_; }
  lxw_format* text() const { return text_; }
  std::string Close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    Check(workbook_close(wb), "write");
    return ReadWholeFile(file_);
  }

 private:
  PrivateTempDir dir_;
  std::string file_, tmp_;
  lxw_workbook* wb_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* text_ = nullptr;
};

void Cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text,
          lxw_format* format = nullptr) {
  if (!text.empty()) Check(worksheet_write_string(ws, row, col, text.c_str(), format), "cell");
}

http::Response XlsxResponse(std::string bytes, const std::string& ascii_name,
                            const std::string& name) {
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, kXlsxType);
  res.set(http::bhttp::field::content_disposition, cases::ContentDisposition(ascii_name, name));
  res.set(http::bhttp::field::cache_control, "no-store");
  res.body() = std::move(bytes);
  res.prepare_payload();
  return res;
}

// ---- the template ----

/// What each column takes, for the second sheet.
constexpr const char* kExplained[] = {
    "必填，最多 30 字",
    "必填：女 或 男",
    "选填：手机或固定电话，同一文件内不可重复",
    "选填：18 位居民身份证号（校验位须正确），同一文件内及在册志愿者中不可重复",
    "必填：妇联干部、执委、妇女代表、巾帼志愿者、和姐（或 cadre、executive_member、"
    "womens_representative、volunteer、peace_sister）",
    "必填：服务所在的市、镇街或村社的区划代码，须在您的辖区内",
    "选填：所属区划内已有队伍的名称",
    "选填：是 或 否（空为否）",
    "选填：格姐负责的网格代码，多个用 ；或 ; 分隔，须为所属区划内的网格，每人最多 3 "
    "个（可在设置中调整）",
    "必填：YYYY-MM-DD，如 2026-03-08，不晚于今天",
    "选填：YYYY-MM-DD，不早于加入日期",
    "选填，最多 100 字",
    "选填：浙江志愿服务平台编号，最多 40 字",
};
static_assert(std::size(kExplained) == domain::kVolunteerImportColumns.size());

std::string TemplateWorkbook(const http::Principal& caller, const std::string& today) {
  Book book(false);
  lxw_worksheet* ws = book.Sheet("志愿者");
  const auto& columns = domain::kVolunteerImportColumns;
  for (lxw_col_t c = 0; c < columns.size(); ++c) {
    Cell(ws, 0, c, std::string(columns[c].header), book.header());
    Check(worksheet_set_column(ws, c, c, c == 3 || c == 8 ? 22 : 14, book.text()), "width");
  }
  // One example row of generated data: a valid (made-up) ID number and the caller's own region.
  const std::string example[] = {"李春梅",
                                 "女",
                                 "13800000000",
                                 domain::MakeIdCard("330784", "19850308", 12, true),
                                 "巾帼志愿者",
                                 caller.region_code,
                                 "",
                                 "否",
                                 "",
                                 today,
                                 "",
                                 "心理疏导",
                                 ""};
  for (lxw_col_t c = 0; c < columns.size(); ++c) Cell(ws, 1, c, example[c], book.text());
  worksheet_freeze_panes(ws, 1, 0);

  lxw_worksheet* help = book.Sheet("填写说明");
  Check(worksheet_set_column(help, 0, 0, 16, nullptr), "width");
  Check(worksheet_set_column(help, 1, 1, 90, nullptr), "width");
  Cell(help, 0, 0, "列", book.header());
  Cell(help, 0, 1, "填写要求（带 * 的列必填；第一张表的表头请勿修改，示例行导入前请删除）",
       book.header());
  for (lxw_row_t r = 0; r < columns.size(); ++r) {
    Cell(help, r + 1, 0, std::string(columns[r].header));
    Cell(help, r + 1, 1, kExplained[r]);
  }
  return book.Close();
}

asio::awaitable<http::Response> Template(Services& s, http::Request& req) {
  const std::string today = people::TodayBeijing(s.clock);
  co_return XlsxResponse(TemplateWorkbook(req.Caller(), today), "volunteers-template.xlsx",
                         "志愿者导入模板.xlsx");
}

// ---- the import ----

/// The uploaded workbook: the raw body (Content-Type of .xlsx or application/octet-stream), or
/// JSON {xlsx: base64} like the incident import.
std::string UploadedWorkbook(const http::Request& req) {
  auto it = req.raw.find(http::bhttp::field::content_type);
  std::string type(it == req.raw.end() ? "" : it->value().substr(0, it->value().find(';')));
  for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  type = http::TrimSpaces(type);
  if (type == "application/json") {
    const auto body = http::JsonBody::Parse(req.raw.body(), {"xlsx"});
    const auto bytes = security::Base64Decode(body.RequiredString("xlsx", kMaxWorkbookBytes * 2));
    if (!bytes)
      throw Invalid("xlsx", "应为 base64 编码的 .xlsx 文件 / must be a base64 .xlsx file");
    return *bytes;
  }
  if (type != kXlsxType && type != "application/octet-stream")
    throw Invalid("content_type", std::string("请以 ") + kXlsxType +
                                      " 上传 .xlsx 文件 / send the .xlsx file as " + kXlsxType);
  if (req.raw.body().empty()) throw Invalid("xlsx", "请上传 .xlsx 文件 / send the .xlsx file");
  if (req.raw.body().size() > kMaxWorkbookBytes)
    throw Invalid("xlsx", "文件过大 / the file is too large");
  return req.raw.body();
}

asio::awaitable<http::Response> Import(Services& s, http::Request& req) {
  const bool dry_run = rooms::QueryFlag(req, "dry_run").value_or(false);
  const std::string workbook = UploadedWorkbook(req);
  const auto read = domain::ReadFirstSheet(
      workbook, {.max_uncompressed = 96 << 20, .max_rows = domain::kMaxVolunteerImportRows + 1});
  if (const auto* problem = std::get_if<domain::XlsxProblem>(&read))
    throw Invalid("xlsx", std::string(domain::XlsxProblemMessage(*problem)));
  const auto& sheet = std::get<0>(read);
  const int64_t now = s.clock.NowMillis();
  domain::ImportErrors errors;
  auto rows = domain::ReadVolunteerRows(sheet, errors, now);
  const size_t data_rows = sheet.empty() ? 0 : sheet.size() - 1;
  const auto refuse = [&] {
    errors.SortByLine();
    ThrowImportErrors(errors, "xlsx");
  };
  const auto answer = [&](size_t created) {
    return http::JsonResponse(200, json::object{{"dry_run", dry_run},
                                                {"rows", data_rows},
                                                {"created", created},
                                                {"errors", json::array{}}});
  };
  // A file with problems, or a dry run: the database's checks on a reader, then the answer.
  if (dry_run || !errors.empty()) {
    co_await s.db.Read([&](store::Connection& c) {
      store::PlaceVolunteerImport(c, ScopeOf(req.Caller()), s.cipher, std::move(rows), errors, now);
    });
    if (!errors.empty()) refuse();
    co_return answer(0);
  }
  const size_t created = co_await s.db.Write([&](store::Connection& c) {
    auto placed = store::PlaceVolunteerImport(c, ScopeOf(req.Caller()), s.cipher, std::move(rows),
                                              errors, now);
    // Any problem: the exception rolls every row back.
    if (!errors.empty()) refuse();
    const size_t n = store::WriteVolunteerImport(c, s.cipher, placed, now);
    s.Audit(c, ActorOf(req), "volunteer", "", "import", "ok", "imported=" + std::to_string(n));
    return n;
  });
  store::ListTotalsChanged();  // after the commit: no list shows the old totals
  co_return answer(created);
}

// ---- the export ----

std::string Day(int64_t ms) {
  return ms ? FormatBeijing(ms).substr(0, 10) : std::string();
}

struct ExportColumn {
  const char* header;
  double width;
};
constexpr ExportColumn kExportColumns[] = {{"姓名", 10},
                                           {"性别", 6},
                                           {"手机号（脱敏）", 15},
                                           {"身份证号（脱敏）", 21},
                                           {"人员类型", 11},
                                           {"所属区划", 16},
                                           {"区划代码", 15},
                                           {"队伍", 16},
                                           {"是否格姐", 8},
                                           {"网格代码", 24},
                                           {"加入日期", 11},
                                           {"离开日期", 11},
                                           {"技能特长", 20},
                                           {"志愿者编号", 14},
                                           {"状态", 8}};
constexpr lxw_col_t kExportColumnCount = std::size(kExportColumns);

std::string ExportWorkbook(const store::VolunteerExport& data, const std::string& title,
                           int64_t now) {
  Book book(true);  // rows go to disk as they are written
  lxw_worksheet* ws = book.Sheet("志愿者名册");
  for (lxw_col_t c = 0; c < kExportColumnCount; ++c)
    Check(worksheet_set_column(ws, c, c, kExportColumns[c].width, nullptr), "width");
  Cell(ws, 0, 0, title);
  for (lxw_col_t c = 0; c < kExportColumnCount; ++c)
    Cell(ws, 1, c, kExportColumns[c].header, book.header());
  lxw_row_t row = 2;
  for (const auto& v : data.rows) {
    const auto team = data.team_names.find(v.team_id);
    std::string grids;
    if (const auto found = data.grid_codes.find(v.meta.id); found != data.grid_codes.end())
      for (const auto& code : found->second) grids += (grids.empty() ? "" : "；") + code;
    const std::string status = v.meta.retired           ? "已停用"
                               : domain::Active(v, now) ? "在册"
                                                        : "已离开";
    const std::string cells[] = {v.name,
                                 v.gender == domain::Gender::kMale ? "男" : "女",
                                 v.phone.mask,  // masked as the list shows it
                                 v.id_number.mask,
                                 std::string(domain::Label(v.member_type)),
                                 v.region.name,
                                 v.region.code,
                                 team == data.team_names.end() ? "" : team->second,
                                 v.grid_sister ? "是" : "否",
                                 grids,
                                 Day(v.joined_at),
                                 Day(v.left_at),
                                 v.skills,
                                 v.external_no,
                                 status};
    for (lxw_col_t c = 0; c < kExportColumnCount; ++c) Cell(ws, row, c, cells[c]);
    ++row;
  }
  worksheet_freeze_panes(ws, 2, 0);
  Check(worksheet_autofilter(ws, 1, 0, row > 2 ? row - 1 : 1, kExportColumnCount - 1), "filter");
  return book.Close();
}

/// The list's filters as the audit keeps them: codes and flags as given, text only as "given".
std::string AuditFilters(const std::vector<sk::ListFilter>& filters,
                         const std::optional<std::string>& region, bool include_retired) {
  std::string out;
  for (const auto& f : filters) {
    const bool coded = f.column == "gender" || f.column == "member_type" || f.column == "team_id" ||
                       f.column == "grid_sister";
    out += ";" + f.column + "=" + (coded ? f.value.Text() : std::string("given"));
  }
  if (region) out += ";region=" + *region;
  if (include_retired) out += ";include_retired=1";
  return out;
}

asio::awaitable<http::Response> Export(Services& s, http::Request& req) {
  static const auto sortable = kit::SortableFields<Volunteer>();
  const http::PageRequest page = http::ParsePage(req, sortable, "id", false);
  const auto filters = kit::QueryFilters<Volunteer>(req);
  const bool include_retired = rooms::QueryFlag(req, "include_retired").value_or(false);
  const auto region = http::QueryText(req, "region", 20);
  const int64_t now = s.clock.NowMillis();
  const std::string stamp = FormatBeijing(now);  // 2026-11-28T21:30:00+08:00
  struct Built {
    int64_t total = 0;
    std::string bytes;
  };
  auto built = co_await s.db.Read([&](store::Connection& c) {
    const ScopeFilter scope = people::RequestScope(c, req.Caller(), region);
    const auto data = store::ExportVolunteers(c, scope, filters, include_retired, page.sort,
                                              page.descending, kMaxExportRows);
    Built b{data.total, {}};
    if (b.total > kMaxExportRows) return b;
    const std::string title = "志愿者名册 共 " + std::to_string(b.total) + " 人 · 导出时间 " +
                              stamp.substr(0, 10) + " " + stamp.substr(11, 5) + " · " +
                              req.Caller().display_name;
    b.bytes = ExportWorkbook(data, title, now);
    return b;
  });
  if (built.total > kMaxExportRows) throw TooManyRows(built.total, kMaxExportRows, "志愿者", "人");
  const std::string detail =
      "rows=" + std::to_string(built.total) + AuditFilters(filters, region, include_retired);
  co_await s.db.Write([&](store::Connection& c) {
    s.Audit(c, ActorOf(req), "volunteer", "", "export", "ok", detail);
  });
  std::string digits;
  for (char ch : stamp.substr(0, 16))
    if (ch >= '0' && ch <= '9') digits += ch;
  const std::string date = digits.substr(0, 8), time = digits.substr(8, 4);
  co_return XlsxResponse(std::move(built.bytes), "volunteers-" + date + "-" + time + ".xlsx",
                         "志愿者名册-" + date + "-" + time + ".xlsx");
}

}  // namespace

void AddVolunteerImportRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/volunteers", "volunteer");
  area.Add(verb::get, "/import-template", "volunteer.write",
           "The spreadsheet template for importing volunteers (.xlsx: the columns, an example "
           "row, a sheet explaining the choices)",
           Template);
  area.Add(verb::post, "/import", "volunteer.write",
           "Import volunteers from the template filled in: the .xlsx file as the raw body "
           "(Content-Type " +
               std::string(kXlsxType) +
               ", at most 8 MB; or JSON {xlsx: base64} "
               "like the incident import); dry_run=1 checks only. All rows or none: any problem is "
               "400 validation_failed with every problem as {row, column, field, message} in "
               "details.rows (audited: import with the count)",
           Import,
           {.query = {Flag("dry_run", "check every row, write nothing")},
            .response_schema =
                schema::Shape("dry_run:boolean rows:integer created:integer errors:object[]",
                              "dry_run rows created errors"),
            .body_limit = kMaxWorkbookBytes * 2 + 1024});
  std::vector<http::QueryParam> query{
      kRegionQuery,
      Flag("include_retired", "also retired ones"),
      {"sort", "string", "a sortable field, '-' first: descending"}};
  sk::ForEachField<Volunteer>([&](const auto& f) {
    if constexpr (requires { f.filter; })
      if (f.filter != sk::Filter::kNone)
        query.push_back({std::string(f.name), "string",
                         f.filter == sk::Filter::kContains ? "contains" : "equals"});
  });
  area.Add(verb::get, "/export", "volunteer.read",
           "The volunteers of my area as an Excel workbook (.xlsx; the filters of GET "
           "/volunteers; phone and ID number masked; at most 50,000 rows, else 400 "
           "too_many_rows; audited)",
           Export, {.query = std::move(query)});
}

}  // namespace hejia::api
