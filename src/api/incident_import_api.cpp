// Police incidents from a spreadsheet, for stations without the interface (issue 11): the
// template (GET …/import/template) and the import (POST …/import {xlsx: base64}): every row is
// checked first (domain/incident_import.hpp), then each is taken in like any incident — placed,
// repeats linked, three pushes — inside one transaction. Any problem, in the file or in the
// database (a number already entered, a place outside the caller's area), and nothing is stored:
// 400 with every problem by row and column.
#include <xlsxwriter.h>

#include "api/case_common.hpp"
#include "api/import_errors.hpp"
#include "api/incident_common.hpp"
#include "api/private_temp_dir.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "domain/incident_import.hpp"
#include "security/tokens.hpp"
#include "store/incidents_table.hpp"

namespace hejia::api {

namespace {

namespace json = boost::json;

constexpr int kBeijing = 8 * 3600;
constexpr size_t kMaxWorkbookBytes = 8 << 20;

std::string TemplateWorkbook() {
  PrivateTempDir dir;
  const std::string file = dir.path() + "/incidents.xlsx";
  lxw_workbook* wb = workbook_new(file.c_str());
  if (!wb) throw std::runtime_error("template: cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "警情");
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");  // numbers and times stay as typed
  for (size_t c = 0; c < domain::kIncidentImportColumns.size(); ++c) {
    const std::string name(domain::kIncidentImportColumns[c]);
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), name.c_str(), header);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                         c == 5 || c == 11 ? 30 : 14, text);
  }
  const char* example[] = {"J3307842026110300001",
                           "2026-11-03 22:10",
                           "东城派出所",
                           "张警官",
                           "家庭暴力",
                           "永康市东城街道新华社区幸福路 1 号",
                           "否",
                           "否",
                           "是",
                           "否",
                           "否",
                           "现场劝解，双方情绪平稳",
                           "",
                           "示例甲",
                           "女",
                           "13800000000",
                           "示例乙",
                           "男",
                           "",
                           ""};
  for (size_t c = 0; c < domain::kIncidentImportColumns.size(); ++c)
    if (*example[c]) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), example[c], text);
  worksheet_freeze_panes(ws, 1, 0);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("template: cannot write");
  return ReadWholeFile(file);
}

asio::awaitable<http::Response> Template(Services&, http::Request&) {
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.set(http::bhttp::field::content_disposition,
          cases::ContentDisposition("incidents-template.xlsx", "警情导入模板.xlsx"));
  res.set(http::bhttp::field::cache_control, "no-store");
  res.body() = TemplateWorkbook();
  res.prepare_payload();
  co_return res;
}

asio::awaitable<http::Response> Import(Services& s, http::Request& req) {
  const auto body = http::JsonBody::Parse(req.raw.body(), {"xlsx"});
  const std::string encoded = body.RequiredString("xlsx", kMaxWorkbookBytes * 2);
  const auto bytes = security::Base64Decode(encoded);
  if (!bytes) throw Invalid("xlsx", "应为 base64 编码的 .xlsx 文件 / must be a base64 .xlsx file");
  const auto read = domain::ReadFirstSheet(*bytes);
  if (const auto* problem = std::get_if<domain::XlsxProblem>(&read))
    throw Invalid("xlsx", std::string(domain::XlsxProblemMessage(*problem)));
  domain::ImportErrors errors;
  auto rows = domain::ReadIncidentRows(std::get<0>(read), errors, kBeijing);
  if (!errors.empty()) ThrowImportErrors(errors, "xlsx");
  const int64_t now = s.clock.NowMillis();
  struct Taken {
    domain::PoliceIncident incident;
    std::vector<store::PushAlert> alerts;
    bool night = false;
  };
  auto taken = co_await s.db.Write([&](store::Connection& c) {
    const ScopeFilter scope = ScopeOf(req.Caller());
    std::vector<Taken> out;
    for (auto& row : rows) {
      if (store::FindIncidentByNo(c, row.incident.incident_no)) {
        errors.Add(row.line, "警情编号", "该警情已登记 / this incident number is already entered");
        continue;
      }
      store::IncidentIntake in{row.incident, row.address, row.parties, std::nullopt, std::nullopt};
      auto made = store::TakeInIncident(c, s.cipher, *s.region_names, in, now);
      if (!scope.Contains(made.region_path)) {
        errors.Add(row.line, "地址", "地址不在您的辖区 / the address lies outside your area");
        continue;
      }
      Taken t{in.incident, std::move(made.alerts), made.night};
      t.incident.meta.id = made.id;
      out.push_back(std::move(t));
    }
    // Any problem: the exception rolls every row back.
    if (!errors.empty()) ThrowImportErrors(errors, "xlsx");
    s.Audit(c, ActorOf(req), "incident", "", "import", "ok",
            "imported=" + std::to_string(out.size()));
    return out;
  });
  store::ListTotalsChanged();
  for (const auto& t : taken) incidents::PublishPushAlerts(s, t.alerts, t.incident, t.night, now);
  co_return http::JsonResponse(200, json::object{{"imported", taken.size()}});
}

}  // namespace

void AddIncidentImportRoutes(AreaRoutes& area) {
  area.Add(verb::get, "/import/template", "incident.write",
           "The spreadsheet template for importing incidents (.xlsx)", Template);
  area.Add(verb::post, "/import", "incident.write",
           "Import incidents from the template filled in ({xlsx: base64}); all rows or none, every "
           "problem by row and column",
           Import,
           {.body_schema = schema::Shape("xlsx:string", "xlsx"),
            .response_schema = schema::Shape("imported:integer", "imported"),
            .body_limit = kMaxWorkbookBytes * 2 + 1024});
}

}  // namespace hejia::api
