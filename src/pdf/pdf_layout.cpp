#include "pdf/pdf_layout.hpp"

#include <stdexcept>

namespace hejia::pdf {

namespace {

cairo_status_t AppendTo(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Layout MakeLayout(PangoContext* context, const PangoFontDescription* font, const std::string& text,
                  double width, PangoAlignment align) {
  Layout layout(pango_layout_new(context));
  pango_layout_set_font_description(layout.get(), font);
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  return layout;
}

double LayoutWidth(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

double LayoutHeight(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return static_cast<double>(logical.height) / PANGO_SCALE;
}

PdfCanvas::PdfCanvas(std::string& out, const char* title)
    : surface_(cairo_pdf_surface_create_for_stream(AppendTo, &out, kPageWidth, kPageHeight)),
      cr_(cairo_create(surface_)),
      context_(pango_cairo_create_context(cr_)) {
  // Points are the PDF's unit: lay out at 72 dpi so that "12" is a 12 pt font.
  pango_cairo_context_set_resolution(context_.get(), 72);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "HeJia 和家");
}

PdfCanvas::~PdfCanvas() {
  context_.reset();
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

void PdfCanvas::Finish() {
  cairo_show_page(cr_);
  cairo_surface_finish(surface_);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") +
                             cairo_status_to_string(cairo_surface_status(surface_)));
}

}  // namespace hejia::pdf
