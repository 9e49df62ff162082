// The mediation agreement (人民调解协议书) as an A4 PDF, laid out with Pango and drawn with Cairo:
// the same contents as the console's print view (web/src/views/AgreementPrintView.vue). Fonts come
// through fontconfig ("Noto Serif CJK SC", "Noto Sans CJK SC" of Debian's fonts-noto-cjk); Cairo
// embeds only the glyphs used, so a one-page agreement stays well under 1 MB.
#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace hejia::pdf {

/// Renders `agreement` (the JSON of GET /cases/{id}/agreement) with its `obligations` (the items
/// of GET /cases/{id}/obligations) into PDF bytes. Long texts flow onto further pages line by
/// line. Throws std::runtime_error when Cairo fails. Safe to call from several threads (each
/// thread uses its own Pango font map).
std::string RenderAgreementPdf(const boost::json::object& agreement,
                               const boost::json::array& obligations);

/// The lines the document consists of, in order, as plain text (for tests and the print view's
/// parity check): the title, the number, the parties, facts, disputes, the terms with how and
/// when they are performed, the effect statement, the signatures, the mediator, the committee's
/// seal line and the date.
std::vector<std::string> AgreementDocumentLines(const boost::json::object& agreement,
                                                const boost::json::array& obligations);

}  // namespace hejia::pdf
