#include "pdf/cockpit_report_pdf.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/clock.hpp"
#include "domain/reporting_period.hpp"
#include "pdf/chart.hpp"
#include "pdf/pdf_layout.hpp"

namespace hejia::pdf {

namespace {

using domain::FigureCells;
using domain::FigureDef;
using domain::FigureKind;

// ---- what the report says ----

enum class Kind { kTitle, kSubtitle, kNote, kHeading, kTable, kChart };

struct Table {
  std::vector<double> widths;  ///< shares of the text width, summing to 1
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  bool last_row_bold = false;  ///< a 合计 row
};

struct Block {
  Kind kind = Kind::kNote;
  std::string text;
  Table table;
  MonthBars chart;
};

Block Line(Kind kind, std::string text) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}

Block TableBlock(Table table) {
  Block b;
  b.kind = Kind::kTable;
  b.table = std::move(table);
  return b;
}

Block ChartBlock(MonthBars chart) {
  Block b;
  b.kind = Kind::kChart;
  b.text = chart.title;
  b.chart = std::move(chart);
  return b;
}

const domain::CockpitSnapshot& Snap(const MonthlyReport& r) {
  static const domain::CockpitSnapshot empty;
  return r.year ? *r.year : empty;
}

std::string Fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// 1..99 as Chinese numerals, for the sections' numbers.
std::string Numeral(int n) {
  static const char* digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return digits[n];
  return std::string(n >= 20 ? digits[n / 10] : "") + "十" + digits[n % 10];
}

// "2026-12-01T09:30:00+08:00" → "2026-12-01 09:30".
std::string Minute(int64_t unix_ms) {
  const std::string t = FormatBeijing(unix_ms);
  return t.substr(0, 10) + " " + t.substr(11, 5);
}

std::string Range(const domain::DayRange& r) {
  return domain::FirstDay(r) + " 至 " + domain::LastDay(r);
}

std::string RowLabel(const FigureDef& def) {
  std::string label = LabelWithUnit(def);
  if (def.kind == FigureKind::kStock && def.stock_at == domain::StockAt::kNow) label += "＊";
  return label;
}

Table TileTable(const domain::CockpitSnapshot& s, const std::string& tile) {
  Table t;
  t.widths = {0.40, 0.13, 0.15, 0.15, 0.17};
  t.header = {"指标", "本月", "本年累计", "去年同期", "同比"};
  for (const auto& def : domain::CockpitCatalogue()) {
    if (def.tile != tile) continue;
    const FigureCells& cells = s.Cells(def.code);
    t.rows.push_back({RowLabel(def), FormatFigure(def, MonthValue(def, cells)),
                      FormatFigure(def, cells.total), FormatFigure(def, cells.last_year),
                      FormatYearOnYear(def, YearOnYear(def, cells))});
  }
  return t;
}

Table UnitTable(const domain::CockpitSnapshot& s) {
  Table t;
  t.widths = {0.22};
  t.header = {"区域"};
  t.last_row_bold = true;
  std::vector<const FigureDef*> defs;
  for (const auto code : kUnitHeadlines)
    if (const FigureDef* def = domain::FindFigure(code)) defs.push_back(def);
  for (const FigureDef* def : defs) {
    t.widths.push_back(0.78 / static_cast<double>(defs.size()));
    t.header.push_back(LabelWithUnit(*def));
  }
  auto row = [&](const std::string& name, auto value_of) {
    std::vector<std::string> cells{name};
    for (const FigureDef* def : defs) cells.push_back(FormatFigure(*def, value_of(*def)));
    t.rows.push_back(std::move(cells));
  };
  for (const auto& unit : s.units)
    row(unit.name, [&](const FigureDef& def) -> std::optional<double> {
      const auto& units = s.Cells(def.code).units;
      const auto it = units.find(unit.code);
      return it == units.end() ? std::nullopt : it->second;
    });
  row("合计", [&](const FigureDef& def) { return s.Cells(def.code).total; });
  return t;
}

MonthBars TrendChart(const domain::CockpitSnapshot& s, const FigureDef& def) {
  const FigureCells& cells = s.Cells(def.code);
  MonthBars chart;
  chart.title = LabelWithUnit(def);
  chart.current = cells.months;
  chart.previous = cells.last_year_months;
  for (const auto& m : s.months) chart.months.push_back(ChineseMonth(m, false));
  chart.current.resize(s.months.size());
  chart.previous.resize(s.months.size());
  return chart;
}

std::vector<Block> Compose(const MonthlyReport& r) {
  const domain::CockpitSnapshot& s = Snap(r);
  std::vector<Block> out;
  out.push_back(Line(Kind::kTitle, ReportTitle(r)));
  out.push_back(Line(Kind::kSubtitle, "统计期间：" + Range(s.period) + "　本月：" +
                                          ChineseMonth(r.month) + "　数据截至：" +
                                          Minute(r.generated_at) + "（北京时间）"));
  std::string compare = s.compare.to > s.compare.from ? "（" + Range(s.compare) + "）" : "";
  out.push_back(Line(Kind::kNote, "本年累计为统计期间的数，去年同期为去年相同日期" + compare +
                                      "的数；同比：数量为增减百分比，比率为百分点之差，中位数为"
                                      "小时之差。存量指标取期末数，标＊者为生成时的当前数（无历史"
                                      "记录）。"));
  int section = 0;
  for (const auto& tile : domain::CockpitTiles()) {
    out.push_back(Line(Kind::kHeading, Numeral(++section) + "、" + tile.label_zh));
    out.push_back(TableBlock(TileTable(s, tile.code)));
  }
  out.push_back(Line(Kind::kHeading, Numeral(++section) + "、分区域（本年累计）"));
  out.push_back(TableBlock(UnitTable(s)));

  std::vector<MonthBars> charts;
  for (const auto code : kTrendHeadlines)
    if (const FigureDef* def = domain::FindFigure(code);
        def && def->has_months && !s.months.empty())
      charts.push_back(TrendChart(s, *def));
  if (charts.empty()) return out;
  out.push_back(Line(Kind::kHeading, Numeral(++section) + "、月度趋势（本年与去年同期）"));
  for (auto& c : charts) out.push_back(ChartBlock(std::move(c)));
  return out;
}

std::string Joined(const std::vector<std::string>& cells, const char* separator) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? separator : "") + cells[i];
  return line;
}

std::string SeriesText(const std::vector<std::optional<double>>& values) {
  std::vector<std::string> cells;
  for (const auto& v : values)
    cells.push_back(v ? Fixed(*v, std::fabs(*v - std::round(*v)) < 1e-9 ? 0 : 1) : "—");
  return Joined(cells, " / ");
}

// ---- drawing ----

constexpr double kMarginX = 48, kMarginTop = 56, kMarginBottom = 56;
constexpr double kTextWidth = kPageWidth - 2 * kMarginX;
constexpr double kChartHeight = 158, kChartGap = 12, kCellPadX = 4, kCellPadY = 3;
constexpr double kRowHeight = 18;  // about: a one-line row of a table

/// The room what follows a heading at `i` needs on the heading's page: a table of up to a dozen
/// rows whole, the charts together while they fit on one page.
double KeepWithHeading(const std::vector<Block>& blocks, size_t i) {
  if (i + 1 >= blocks.size()) return 0;
  const Block& next = blocks[i + 1];
  if (next.kind == Kind::kTable)
    return static_cast<double>(std::min<size_t>(next.table.rows.size() + 1, 13)) * kRowHeight;
  double charts = 0;
  for (size_t j = i + 1; j < blocks.size() && blocks[j].kind == Kind::kChart; ++j)
    charts += kChartHeight + kChartGap;
  const double body = kPageHeight - kMarginTop - kMarginBottom - 2 * kRowHeight;
  return charts > body ? kChartHeight : charts;
}

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.12, 0.12, 0.12}, kMuted{0.42, 0.42, 0.42}, kAccent{0.62, 0.13, 0.30},
    kHeaderFill{0.95, 0.91, 0.93}, kStripe{0.975, 0.975, 0.975}, kRule{0.80, 0.80, 0.80};

class Writer {
 public:
  Writer(std::string& out, std::string footer)
      : canvas_(out, "数据月报"),
        cr_(canvas_.cr()),
        footer_text_(std::move(footer)),
        title_(MakeFont("Noto Sans CJK SC Bold 17")),
        subtitle_(MakeFont("Noto Sans CJK SC 9")),
        note_(MakeFont("Noto Sans CJK SC 7.5")),
        heading_(MakeFont("Noto Sans CJK SC Bold 11.5")),
        cell_(MakeFont("Noto Sans CJK SC 8.5")),
        cell_bold_(MakeFont("Noto Sans CJK SC Bold 8.5")),
        footer_(MakeFont("Noto Sans CJK SC 7.5")) {}

  /// Draws `b`; a heading goes onto a new page unless `keep` points more fit under it.
  void Draw(const Block& b, double keep) {
    switch (b.kind) {
      case Kind::kTitle:
        Text(b.text, title_.get(), PANGO_ALIGN_CENTER, kAccent, 8);
        break;
      case Kind::kSubtitle:
        Text(b.text, subtitle_.get(), PANGO_ALIGN_CENTER, kInk, 4);
        break;
      case Kind::kNote:
        Text(b.text, note_.get(), PANGO_ALIGN_LEFT, kMuted, 6);
        break;
      case Kind::kHeading: {
        const Layout layout = MakeLayout(canvas_.context(), heading_.get(), b.text, kTextWidth);
        if (y_ + 8 + LayoutHeight(layout.get()) + keep > kPageHeight - kMarginBottom) NewPage();
        if (y_ > kMarginTop) y_ += 8;
        Text(b.text, heading_.get(), PANGO_ALIGN_LEFT, kAccent, 4);
        break;
      }
      case Kind::kTable:
        DrawTable(b.table);
        break;
      case Kind::kChart:
        if (y_ + kChartHeight > kPageHeight - kMarginBottom) NewPage();
        DrawMonthBars(cr_, canvas_.context(), b.chart, kMarginX, y_, kTextWidth, kChartHeight);
        y_ += kChartHeight + kChartGap;
        break;
    }
  }

  void Finish() {
    Footer();
    canvas_.Finish();
  }

 private:
  void SetColor(Rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

  void NewPage() {
    Footer();
    canvas_.ShowPage();
    ++page_;
    y_ = kMarginTop;
  }

  void Footer() {
    const Layout layout = MakeLayout(canvas_.context(), footer_.get(),
                                     footer_text_ + "　第 " + std::to_string(page_) + " 页",
                                     kTextWidth, PANGO_ALIGN_CENTER);
    SetColor(kMuted);
    cairo_move_to(cr_, kMarginX, kPageHeight - kMarginBottom + 24);
    pango_cairo_show_layout(cr_, layout.get());
  }

  // A block of text at the text width, moved to a new page as a whole when it does not fit.
  void Text(const std::string& text, const PangoFontDescription* font, PangoAlignment align,
            Rgb color, double space_after) {
    const Layout layout = MakeLayout(canvas_.context(), font, text, kTextWidth, align);
    const double height = LayoutHeight(layout.get());
    if (y_ + height > kPageHeight - kMarginBottom) NewPage();
    SetColor(color);
    cairo_move_to(cr_, kMarginX, y_);
    pango_cairo_show_layout(cr_, layout.get());
    y_ += height + space_after;
  }

  std::vector<Layout> Cells(const Table& t, const std::vector<std::string>& cells, bool bold,
                            double& height) {
    std::vector<Layout> out;
    height = 0;
    for (size_t c = 0; c < cells.size() && c < t.widths.size(); ++c) {
      const PangoAlignment align = c == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
      out.push_back(MakeLayout(canvas_.context(), bold ? cell_bold_.get() : cell_.get(), cells[c],
                               t.widths[c] * kTextWidth - 2 * kCellPadX, align));
      height = std::max(height, LayoutHeight(out.back().get()));
    }
    height += 2 * kCellPadY;
    return out;
  }

  void Row(const Table& t, const std::vector<Layout>& cells, double height, const Rgb* fill) {
    if (fill) {
      SetColor(*fill);
      cairo_rectangle(cr_, kMarginX, y_, kTextWidth, height);
      cairo_fill(cr_);
    }
    double x = kMarginX;
    SetColor(kInk);
    for (size_t c = 0; c < cells.size(); ++c) {
      cairo_move_to(cr_, x + kCellPadX, y_ + kCellPadY);
      pango_cairo_show_layout(cr_, cells[c].get());
      x += t.widths[c] * kTextWidth;
    }
    SetColor(kRule);
    cairo_set_line_width(cr_, 0.4);
    cairo_move_to(cr_, kMarginX, y_ + height);
    cairo_line_to(cr_, kMarginX + kTextWidth, y_ + height);
    cairo_stroke(cr_);
    y_ += height;
  }

  // The header, then the rows; a row that does not fit starts a new page, the header repeated.
  void DrawTable(const Table& t) {
    double header_height = 0;
    const std::vector<Layout> header = Cells(t, t.header, true, header_height);
    if (y_ + header_height > kPageHeight - kMarginBottom) NewPage();
    Row(t, header, header_height, &kHeaderFill);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const bool bold = t.last_row_bold && r + 1 == t.rows.size();
      double height = 0;
      const std::vector<Layout> cells = Cells(t, t.rows[r], bold, height);
      if (y_ + height > kPageHeight - kMarginBottom) {
        NewPage();
        Row(t, header, header_height, &kHeaderFill);
      }
      Row(t, cells, height, r % 2 ? &kStripe : nullptr);
    }
    y_ += 6;
  }

  PdfCanvas canvas_;
  cairo_t* cr_;
  std::string footer_text_;
  Font title_, subtitle_, note_, heading_, cell_, cell_bold_, footer_;
  double y_ = kMarginTop;
  int page_ = 1;
};

}  // namespace

std::string ChineseMonth(std::string_view yyyy_mm, bool with_year) {
  int year = 0, month = 0;
  char tail = 0;
  const std::string text(yyyy_mm);
  if (std::sscanf(text.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2 || month < 1 || month > 12)
    return text;
  return (with_year ? std::to_string(year) + "年" : "") + std::to_string(month) + "月";
}

std::string ReportTitle(const MonthlyReport& report) {
  return report.org + " 数据月报 " + ChineseMonth(report.month);
}

std::optional<double> MonthValue(const FigureDef& def, const FigureCells& cells) {
  if (!def.has_months) return cells.total;
  if (cells.months.empty()) return std::nullopt;
  return cells.months.back();
}

std::string FormatFigure(const FigureDef& def, const std::optional<double>& value) {
  if (!value) return "—";
  switch (def.kind) {
    case FigureKind::kRatio:
      return Fixed(*value * 100, 1) + "%";
    case FigureKind::kMedian:
      return Fixed(*value, 1);
    default:
      return Fixed(std::round(*value), 0);
  }
}

std::optional<double> YearOnYear(const FigureDef& def, const FigureCells& cells) {
  if (!cells.total || !cells.last_year) return std::nullopt;
  if (def.kind == FigureKind::kRatio || def.kind == FigureKind::kMedian)
    return *cells.total - *cells.last_year;
  if (*cells.last_year == 0) return std::nullopt;
  return (*cells.total - *cells.last_year) / *cells.last_year;
}

std::string FormatYearOnYear(const FigureDef& def, const std::optional<double>& change) {
  if (!change) return "—";
  const bool hours = def.kind == FigureKind::kMedian;
  const double shown = std::round(*change * (hours ? 10 : 1000)) / 10;  // one decimal
  const std::string unit = hours ? "小时" : def.kind == FigureKind::kRatio ? "个百分点" : "%";
  if (shown == 0) return Fixed(0, 1) + unit;
  return (shown > 0 ? "+" : "") + Fixed(shown, 1) + unit;
}

std::string LabelWithUnit(const FigureDef& def) {
  if (def.kind == FigureKind::kRatio || def.unit_zh.empty()) return def.label_zh;
  static const std::string close = "）";
  const std::string& label = def.label_zh;
  if (label.size() > close.size() && label.ends_with(close))  // "走访户数（必访，户）"
    return label.substr(0, label.size() - close.size()) + "，" + def.unit_zh + close;
  return label + "（" + def.unit_zh + "）";
}

std::vector<std::string> MonthlyReportLines(const MonthlyReport& report) {
  std::vector<std::string> out;
  for (const auto& b : Compose(report)) {
    switch (b.kind) {
      case Kind::kTable:
        out.push_back(Joined(b.table.header, " | "));
        for (const auto& row : b.table.rows) out.push_back(Joined(row, " | "));
        break;
      case Kind::kChart:
        out.push_back(b.chart.title + " 按月：" + b.chart.current_name + " " +
                      SeriesText(b.chart.current) + "；" + b.chart.previous_name + " " +
                      SeriesText(b.chart.previous));
        break;
      default:
        out.push_back(b.text);
    }
  }
  return out;
}

std::string RenderMonthlyReportPdf(const MonthlyReport& report) {
  const std::vector<Block> blocks = Compose(report);
  std::string out;
  {
    Writer w(out, ReportTitle(report));
    for (size_t i = 0; i < blocks.size(); ++i) w.Draw(blocks[i], KeepWithHeading(blocks, i));
    w.Finish();
  }
  return out;
}

}  // namespace hejia::pdf
