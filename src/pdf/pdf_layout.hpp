// What the PDF documents share: an A4 Cairo PDF surface written into a string, its Pango context
// laid out in points, and owners for Pango's objects. Each document builds its pages on these
// (pdf/agreement_pdf.cpp, pdf/cockpit_report_pdf.cpp). A canvas is used by one thread: Pango's
// default font map, which the context takes, is per thread.
#pragma once
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace hejia::pdf {

constexpr double kPageWidth = 595.28, kPageHeight = 841.89;  // A4 in points

struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;

/// A font by its Pango description ("Noto Sans CJK SC Bold 12").
inline Font MakeFont(const char* description) {
  return Font(pango_font_description_from_string(description));
}

struct ObjectDeleter {
  void operator()(void* o) const { g_object_unref(o); }
};
using Layout = std::unique_ptr<PangoLayout, ObjectDeleter>;

/// `text` laid out in `font`, wrapped at `width` points (0: not wrapped), aligned by `align`.
Layout MakeLayout(PangoContext* context, const PangoFontDescription* font, const std::string& text,
                  double width, PangoAlignment align = PANGO_ALIGN_LEFT);

/// The size of a layout in points: its logical width and height.
double LayoutWidth(PangoLayout* layout);
double LayoutHeight(PangoLayout* layout);

/// An A4 PDF whose bytes are appended to `out` as Cairo writes them.
class PdfCanvas {
 public:
  /// `title` is the document's metadata title; the creator is "HeJia 和家".
  PdfCanvas(std::string& out, const char* title);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_t* cr() const { return cr_; }
  PangoContext* context() const { return context_.get(); }

  /// Ends the current page; the next drawing goes onto a new one.
  void ShowPage() { cairo_show_page(cr_); }
  /// Ends the last page and writes the document out. Throws std::runtime_error when Cairo fails.
  void Finish();

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
  std::unique_ptr<PangoContext, ObjectDeleter> context_;
};

}  // namespace hejia::pdf
