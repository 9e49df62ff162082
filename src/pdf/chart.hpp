// Small charts drawn straight onto a Cairo page: rectangles for the bars, Pango for the words.
// Used by the cockpit's monthly report (pdf/cockpit_report_pdf.cpp).
#pragma once
#include <pango/pangocairo.h>

#include <optional>
#include <string>
#include <vector>

namespace hejia::pdf {

/// One figure by month: this year's bars beside last year's, one group per month.
struct MonthBars {
  std::string title;                ///< "受理求助（件）"
  std::vector<std::string> months;  ///< the groups' labels: "1月", "2月", …
  std::vector<std::optional<double>> current, previous;       ///< by month; nullopt: no bar
  std::string current_name = "本年", previous_name = "去年";  ///< the legend
};

/// Draws `chart` into the box at (x, y) of `width` × `height` points: the title and the legend
/// on the first line, a value axis from 0 with a few round steps and their grid lines, then the
/// bars, this year's value written above its bar. Nothing is drawn outside the box.
void DrawMonthBars(cairo_t* cr, PangoContext* context, const MonthBars& chart, double x, double y,
                   double width, double height);

/// The top of the value axis and its step for values up to `max`: a round step (1, 2 or 5 times
/// a power of ten, at least 1) so that the axis has at most 5 steps. {5, 1} for nothing.
struct AxisScale {
  double top = 5, step = 1;
};
AxisScale ScaleFor(double max);

}  // namespace hejia::pdf
