#include "api/cockpit_report_xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "api/private_temp_dir.hpp"
#include "common/clock.hpp"
#include "domain/reporting_period.hpp"

namespace hejia::api {

namespace {

using domain::FigureCells;
using domain::FigureDef;
using domain::FigureKind;

constexpr lxw_color_t kCurrentColor = 0xCC406B, kPreviousColor = 0xB3BAC7;

void Check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw std::runtime_error(std::string("monthly report: ") + what + ": " + lxw_strerror(e));
}

lxw_format* NumberFormat(lxw_workbook* wb, const char* pattern) {
  lxw_format* f = workbook_add_format(wb);
  format_set_num_format(f, pattern);
  return f;
}

struct Formats {
  lxw_format *title, *note, *header, *text, *missing, *bold;
  lxw_format *count, *ratio, *median;                 ///< a figure's value by its kind
  lxw_format *change, *change_points, *change_hours;  ///< 同比 of counts, ratios, medians
};

Formats AddFormats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.note = workbook_add_format(wb);
  format_set_font_color(f.note, 0x595959);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xF3E8EC);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap(f.header);
  f.text = workbook_add_format(wb);
  f.missing = workbook_add_format(wb);
  format_set_align(f.missing, LXW_ALIGN_RIGHT);
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  f.count = NumberFormat(wb, "0");
  f.ratio = NumberFormat(wb, "0.0%");
  f.median = NumberFormat(wb, "0.0");
  f.change = NumberFormat(wb, "+0.0%;-0.0%;0.0%");
  f.change_points = NumberFormat(wb, "+0.0\"个百分点\";-0.0\"个百分点\";0.0\"个百分点\"");
  f.change_hours = NumberFormat(wb, "+0.0\"小时\";-0.0\"小时\";0.0\"小时\"");
  return f;
}

lxw_format* ValueFormat(const Formats& f, const FigureDef& def) {
  if (def.kind == FigureKind::kRatio) return f.ratio;
  if (def.kind == FigureKind::kMedian) return f.median;
  return f.count;
}

class Sheet {
 public:
  Sheet(lxw_workbook* wb, const char* name, const Formats& formats)
      : ws_(workbook_add_worksheet(wb, name)), f_(formats) {
    if (!ws_) throw std::runtime_error(std::string("monthly report: cannot add sheet ") + name);
  }
  lxw_worksheet* get() const { return ws_; }

  void Text(lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format = nullptr) {
    Check(worksheet_write_string(ws_, row, col, text.c_str(), format), "text");
  }
  /// A number, or "—" for none (left blank when `blank_if_none`: a chart's source).
  void Value(lxw_row_t row, lxw_col_t col, const std::optional<double>& v, lxw_format* format,
             bool blank_if_none = false) {
    if (v) {
      Check(worksheet_write_number(ws_, row, col, *v, format), "number");
      return;
    }
    if (!blank_if_none) Text(row, col, "—", f_.missing);
  }
  void Header(lxw_row_t row, const std::vector<std::string>& names) {
    for (lxw_col_t c = 0; c < names.size(); ++c) Text(row, c, names[c], f_.header);
  }
  void Widths(const std::vector<double>& widths) {
    for (lxw_col_t c = 0; c < widths.size(); ++c)
      Check(worksheet_set_column(ws_, c, c, widths[c], nullptr), "column width");
  }

 private:
  lxw_worksheet* ws_;
  const Formats& f_;
};

// The tiles holding stocks taken now, without history: "网格覆盖、示范调解室、重点家庭".
std::string NowStockTiles() {
  std::string out;
  for (const auto& tile : domain::CockpitTiles()) {
    const auto& all = domain::CockpitCatalogue();
    const bool now = std::any_of(all.begin(), all.end(), [&](const FigureDef& def) {
      return def.tile == tile.code && def.stock_at == domain::StockAt::kNow;
    });
    if (now) out += (out.empty() ? "" : "、") + tile.label_zh;
  }
  return out;
}

// "月报指标": the title, the period, then one row per figure of each tile.
void FiguresSheet(lxw_workbook* wb, const Formats& f, const pdf::MonthlyReport& r,
                  const domain::CockpitSnapshot& s) {
  Sheet sheet(wb, "月报指标", f);
  sheet.Widths({14, 26, 8, 12, 12, 12, 16});
  Check(worksheet_merge_range(sheet.get(), 0, 0, 0, 6, pdf::ReportTitle(r).c_str(), f.title),
        "title");
  const std::string generated = FormatBeijing(r.generated_at);
  const std::string period = "统计期间：" + domain::FirstDay(s.period) + " 至 " +
                             domain::LastDay(s.period) + "　数据截至：" + generated.substr(0, 10) +
                             " " + generated.substr(11, 5) + "（北京时间）";
  Check(worksheet_merge_range(sheet.get(), 1, 0, 1, 6, period.c_str(), f.note), "period");
  sheet.Header(2, {"板块", "指标", "单位", "本月", "本年累计", "去年同期", "同比"});
  lxw_row_t row = 3;
  for (const auto& tile : domain::CockpitTiles())
    for (const auto& def : domain::CockpitCatalogue()) {
      if (def.tile != tile.code) continue;
      const FigureCells& cells = s.Cells(def.code);
      lxw_format* value = ValueFormat(f, def);
      sheet.Text(row, 0, tile.label_zh);
      sheet.Text(row, 1, def.label_zh);
      sheet.Text(row, 2, def.unit_zh);
      sheet.Value(row, 3, pdf::MonthValue(def, cells), value);
      sheet.Value(row, 4, cells.total, value);
      sheet.Value(row, 5, cells.last_year, value);
      std::optional<double> change = pdf::YearOnYear(def, cells);
      lxw_format* change_format = f.change;
      if (def.kind == FigureKind::kRatio) {
        change_format = f.change_points;
        if (change) *change *= 100;  // percentage points
      }
      if (def.kind == FigureKind::kMedian) change_format = f.change_hours;
      sheet.Value(row, 6, change, change_format);
      ++row;
    }
  sheet.Text(row + 1, 0,
             "注：本年累计为统计期间的数，去年同期为去年相同日期的数；同比：数量为增减百分比，"
             "比率为百分点之差，中位数为小时之差。存量指标取期末数，无历史记录的（" +
                 NowStockTiles() + "）为生成时的当前数。",
             f.note);
  worksheet_freeze_panes(sheet.get(), 3, 0);
}

// "分区域": one row per unit and a 合计 row; a column for every additive flow and stock.
void UnitsSheet(lxw_workbook* wb, const Formats& f, const domain::CockpitSnapshot& s) {
  Sheet sheet(wb, "分区域", f);
  std::vector<const FigureDef*> defs;
  std::vector<std::string> header{"区域"};
  std::vector<double> widths{16};
  for (const auto& def : domain::CockpitCatalogue()) {
    const bool flow_or_stock = def.kind == FigureKind::kFlow || def.kind == FigureKind::kStock;
    if (!flow_or_stock || !def.additive_units) continue;
    defs.push_back(&def);
    header.push_back(pdf::LabelWithUnit(def));
    widths.push_back(12);
  }
  sheet.Widths(widths);
  Check(worksheet_set_row(sheet.get(), 0, 45, nullptr), "header height");
  sheet.Header(0, header);
  lxw_row_t row = 1;
  for (const auto& unit : s.units) {
    sheet.Text(row, 0, unit.name);
    for (lxw_col_t c = 0; c < defs.size(); ++c) {
      const auto& units = s.Cells(defs[c]->code).units;
      const auto it = units.find(unit.code);
      sheet.Value(row, c + 1, it == units.end() ? std::nullopt : it->second, f.count);
    }
    ++row;
  }
  sheet.Text(row, 0, "合计", f.bold);
  for (lxw_col_t c = 0; c < defs.size(); ++c)
    sheet.Value(row, c + 1, s.Cells(defs[c]->code).total, f.count);
  worksheet_freeze_panes(sheet.get(), 1, 1);
}

// "月度趋势": one row per month; this year's and last year's column of each headline flow, and
// a column chart of each pair beside the table.
void TrendSheet(lxw_workbook* wb, const Formats& f, const domain::CockpitSnapshot& s) {
  Sheet sheet(wb, "月度趋势", f);
  static const char* kName = "月度趋势";
  std::vector<const FigureDef*> defs;
  std::vector<std::string> header{"月份"};
  std::vector<double> widths{12};
  for (const auto code : pdf::kTrendHeadlines) {
    const FigureDef* def = domain::FindFigure(code);
    if (!def || !def->has_months) continue;
    defs.push_back(def);
    header.push_back(def->label_zh + " 本年");
    header.push_back(def->label_zh + " 去年");
    widths.insert(widths.end(), {14, 14});
  }
  sheet.Widths(widths);
  Check(worksheet_set_row(sheet.get(), 0, 30, nullptr), "header height");
  sheet.Header(0, header);
  const auto at = [](const std::vector<std::optional<double>>& v, size_t i) {
    return i < v.size() ? v[i] : std::nullopt;
  };
  for (size_t m = 0; m < s.months.size(); ++m) {
    const auto row = static_cast<lxw_row_t>(m + 1);
    sheet.Text(row, 0, pdf::ChineseMonth(s.months[m]));
    for (size_t d = 0; d < defs.size(); ++d) {
      const FigureCells& cells = s.Cells(defs[d]->code);
      const auto col = static_cast<lxw_col_t>(1 + 2 * d);
      sheet.Value(row, col, at(cells.months, m), f.count, true);
      sheet.Value(row, col + 1, at(cells.last_year_months, m), f.count, true);
    }
  }
  worksheet_freeze_panes(sheet.get(), 1, 1);
  if (s.months.empty()) return;

  const auto last = static_cast<lxw_row_t>(s.months.size());
  for (size_t d = 0; d < defs.size(); ++d) {
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    if (!chart) throw std::runtime_error("monthly report: cannot add a chart");
    const std::string title = pdf::LabelWithUnit(*defs[d]);
    chart_title_set_name(chart, title.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_TOP);
    const auto col = static_cast<lxw_col_t>(1 + 2 * d);
    for (const auto& [offset, name, color] :
         {std::tuple{0, "本年", kCurrentColor}, std::tuple{1, "去年", kPreviousColor}}) {
      lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(series, kName, 1, 0, last, 0);
      chart_series_set_values(series, kName, 1, col + offset, last, col + offset);
      chart_series_set_name(series, name);
      lxw_chart_fill fill{.color = color, .none = 0, .transparency = 0};
      chart_series_set_fill(series, &fill);
    }
    lxw_chart_options options{};
    options.x_offset = 10;
    options.x_scale = options.y_scale = 1;
    const auto anchor_col = static_cast<lxw_col_t>(header.size() + 1);
    const auto anchor_row = static_cast<lxw_row_t>(1 + 16 * d);
    Check(worksheet_insert_chart_opt(sheet.get(), anchor_row, anchor_col, chart, &options),
          "chart");
  }
}

}  // namespace

std::string RenderMonthlyReportXlsx(const pdf::MonthlyReport& report) {
  static const domain::CockpitSnapshot empty;
  const domain::CockpitSnapshot& s = report.year ? *report.year : empty;
  PrivateTempDir dir;
  const std::string file = dir.path() + "/monthly-report.xlsx";
  std::string tmpdir = dir.path();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (!wb) throw std::runtime_error("monthly report: cannot create the workbook");
  // workbook_close frees the workbook whatever happens; until then this guard owns it.
  struct Owner {
    lxw_workbook* wb;
    ~Owner() {
      if (wb) workbook_close(wb);
    }
  } owner{wb};
  std::string title = pdf::ReportTitle(report), company = report.org;
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.company = company.data();
  Check(workbook_set_properties(wb, &properties), "properties");
  const Formats formats = AddFormats(wb);
  FiguresSheet(wb, formats, report, s);
  UnitsSheet(wb, formats, s);
  TrendSheet(wb, formats, s);
  owner.wb = nullptr;
  Check(workbook_close(wb), "write");
  return ReadWholeFile(file);
}

}  // namespace hejia::api
