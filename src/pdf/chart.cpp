#include "pdf/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pdf/pdf_layout.hpp"

namespace hejia::pdf {

namespace {

struct Rgb {
  double r, g, b;
};
constexpr Rgb kCurrent{0.80, 0.25, 0.42}, kPrevious{0.70, 0.73, 0.78}, kGrid{0.88, 0.88, 0.88},
    kAxis{0.45, 0.45, 0.45}, kText{0.15, 0.15, 0.15}, kMuted{0.40, 0.40, 0.40};

void SetColor(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

std::string Number(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

enum class Anchor { kLeft, kCenter, kRight };

/// Draws `text` with its top at `top`, its left edge, centre or right edge at `x`; its width.
double Label(cairo_t* cr, PangoContext* context, const PangoFontDescription* font,
             const std::string& text, double x, double top, Anchor anchor, Rgb color) {
  const Layout layout = MakeLayout(context, font, text, 0);
  const double w = LayoutWidth(layout.get());
  if (anchor == Anchor::kCenter) x -= w / 2;
  if (anchor == Anchor::kRight) x -= w;
  SetColor(cr, color);
  cairo_move_to(cr, x, top);
  pango_cairo_show_layout(cr, layout.get());
  return w;
}

double TextHeight(PangoContext* context, const PangoFontDescription* font) {
  const Layout layout = MakeLayout(context, font, "0月", 0);
  return LayoutHeight(layout.get());
}

/// The legend at the right end of the title line: a swatch and a name for each series.
void Legend(cairo_t* cr, PangoContext* context, const PangoFontDescription* font,
            const MonthBars& chart, double right, double top, double line_height) {
  const double swatch = 7, gap = 3, between = 10;
  const Layout cur = MakeLayout(context, font, chart.current_name, 0);
  const Layout prev = MakeLayout(context, font, chart.previous_name, 0);
  double x = right - (swatch + gap + LayoutWidth(cur.get()) + between + swatch + gap +
                      LayoutWidth(prev.get()));
  const double swatch_top = top + (line_height - swatch) / 2;
  for (const auto& [name, color] :
       {std::pair{&chart.current_name, kCurrent}, std::pair{&chart.previous_name, kPrevious}}) {
    SetColor(cr, color);
    cairo_rectangle(cr, x, swatch_top, swatch, swatch);
    cairo_fill(cr);
    x += swatch + gap;
    x += Label(cr, context, font, *name, x, top, Anchor::kLeft, kText) + between;
  }
}

}  // namespace

AxisScale ScaleFor(double max) {
  if (!(max > 0)) return {};
  const double raw = max / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * magnitude;
  for (const double m : {1.0, 2.0, 5.0})
    if (m * magnitude >= raw - 1e-9) {
      step = m * magnitude;
      break;
    }
  step = std::max(step, 1.0);
  return {std::ceil(max / step - 1e-9) * step, step};
}

void DrawMonthBars(cairo_t* cr, PangoContext* context, const MonthBars& chart, double x, double y,
                   double width, double height) {
  const Font title_font = MakeFont("Noto Sans CJK SC Bold 9.5");
  const Font small = MakeFont("Noto Sans CJK SC 7.5");
  const Font tiny = MakeFont("Noto Sans CJK SC 6.5");
  cairo_save(cr);
  cairo_rectangle(cr, x, y, width, height);
  cairo_clip(cr);

  const double title_height = TextHeight(context, title_font.get());
  Label(cr, context, title_font.get(), chart.title, x, y, Anchor::kLeft, kText);
  Legend(cr, context, small.get(), chart, x + width, y, title_height);

  const size_t n = chart.months.size();
  const double small_height = TextHeight(context, small.get());
  const double tiny_height = TextHeight(context, tiny.get());
  double max = 0;
  for (const auto* series : {&chart.current, &chart.previous})
    for (const auto& v : *series)
      if (v) max = std::max(max, *v);
  const AxisScale scale = ScaleFor(max);

  // The plot: below the title and room for the labels above the highest bar, above the months,
  // right of the axis labels.
  const double axis_width =
      LayoutWidth(MakeLayout(context, small.get(), Number(scale.top), 0).get());
  const double left = x + axis_width + 5, right = x + width - 2;
  const double top = y + title_height + 4 + tiny_height, bottom = y + height - small_height - 3;
  if (n == 0 || bottom <= top) {
    Label(cr, context, small.get(), "无数据", x + width / 2, y + height / 2, Anchor::kCenter,
          kMuted);
    cairo_restore(cr);
    return;
  }
  auto y_of = [&](double v) { return bottom - (bottom - top) * std::max(v, 0.0) / scale.top; };

  cairo_set_line_width(cr, 0.5);
  for (double v = 0; v <= scale.top + 1e-9; v += scale.step) {
    const double gy = y_of(v);
    SetColor(cr, v == 0 ? kAxis : kGrid);
    cairo_move_to(cr, left, gy);
    cairo_line_to(cr, right, gy);
    cairo_stroke(cr);
    Label(cr, context, small.get(), Number(v), left - 4, gy - small_height / 2, Anchor::kRight,
          kMuted);
  }

  const double group = (right - left) / static_cast<double>(n);
  const double bar = std::min(group * 0.34, 18.0), gap = std::min(group * 0.04, 2.0);
  for (size_t i = 0; i < n; ++i) {
    const double centre = left + group * (static_cast<double>(i) + 0.5);
    const auto at = [&](const std::vector<std::optional<double>>& v) {
      return i < v.size() ? v[i] : std::nullopt;
    };
    const std::optional<double> cur = at(chart.current), prev = at(chart.previous);
    if (prev) {
      SetColor(cr, kPrevious);
      cairo_rectangle(cr, centre + gap / 2, y_of(*prev), bar, bottom - y_of(*prev));
      cairo_fill(cr);
    }
    if (cur) {
      SetColor(cr, kCurrent);
      cairo_rectangle(cr, centre - gap / 2 - bar, y_of(*cur), bar, bottom - y_of(*cur));
      cairo_fill(cr);
      Label(cr, context, tiny.get(), Number(*cur), centre - gap / 2 - bar / 2,
            y_of(*cur) - tiny_height, Anchor::kCenter, kText);
    }
    Label(cr, context, small.get(), chart.months[i], centre, bottom + 2, Anchor::kCenter, kText);
  }
  cairo_restore(cr);
}

}  // namespace hejia::pdf
