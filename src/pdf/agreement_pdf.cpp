#include "pdf/agreement_pdf.hpp"

#include <memory>
#include <vector>

#include "pdf/pdf_layout.hpp"

namespace hejia::pdf {

namespace json = boost::json;

namespace {

// ---- what the document says ----

enum class Style { kTitle, kNumber, kHeading, kBody, kParagraph, kSignature, kRight };

struct Block {
  Style style;
  std::string text;
};

std::string Str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object* Obj(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->as_object() : nullptr;
}

const json::array* Arr(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

// "2026-05-03T10:00:00+08:00" or "2026-05-03" -> "2026年5月3日"; empty -> the blank form.
std::string ChineseDate(const std::string& iso) {
  if (iso.size() < 10) return "　　　　年　　月　　日";
  const int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)),
            d = std::stoi(iso.substr(8, 2));
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

std::string RoleLabel(const std::string& role) {
  if (role == "applicant") return "申请人";
  if (role == "respondent") return "被申请人";
  return "其他当事人";
}

std::string MethodLabel(const std::string& method) {
  if (method == "otp") return "短信验证码确认";
  if (method == "paper") return "书面签字";
  if (method == "oral") return "口头确认（调解员记录）";
  return "";
}

std::string PartyLine(const json::object& p) {
  std::string line = RoleLabel(Str(p, "role")) + "：" + Str(p, "name");
  const std::string gender = Str(p, "gender");
  if (gender == "female") line += "，女";
  if (gender == "male") line += "，男";
  if (const auto* age = p.if_contains("age"); age && age->is_int64())
    line += "，" + std::to_string(age->as_int64()) + "岁";
  const std::string address = Str(p, "address");
  line += "，住址：" + (address.empty() ? std::string("—") : address);
  return line;
}

std::string ObligationLine(const json::object& o) {
  std::string payer, payee;
  if (const auto* p = Obj(o, "payer")) payer = Str(*p, "name");
  if (const auto* p = Obj(o, "payee")) payee = Str(*p, "name");
  std::string line = payer + "向" + payee + "支付";
  const std::string description = Str(o, "description");
  line += description.empty() ? std::string("款项") : description;
  line += "：";
  const std::string first_due = Str(o, "first_due");
  if (Str(o, "schedule") == "monthly") {
    const int day = first_due.size() >= 10 ? std::stoi(first_due.substr(8, 2)) : 1;
    int64_t count = 1;
    if (const auto* n = o.if_contains("installments"); n && n->is_int64()) count = n->as_int64();
    std::string total;
    if (const auto* st = Obj(o, "standing")) total = Str(*st, "total");
    line += "自" + ChineseDate(first_due) + "起，每月" + std::to_string(day) + "日前支付" +
            Str(o, "amount") + "元，共" + std::to_string(count) + "期，合计" + total + "元。";
  } else {
    line += "于" + ChineseDate(first_due) + "前一次性支付" + Str(o, "amount") + "元。";
  }
  return line;
}

std::vector<Block> Compose(const json::object& a, const json::array& obligations) {
  std::vector<Block> out;
  out.push_back({Style::kTitle, "人民调解协议书"});
  out.push_back({Style::kNumber, "编号：" + Str(a, "number")});

  out.push_back({Style::kHeading, "当事人"});
  if (const auto* parties = Arr(a, "parties"))
    for (const auto& p : *parties)
      if (p.is_object()) out.push_back({Style::kBody, PartyLine(p.as_object())});

  out.push_back({Style::kHeading, "纠纷主要事实"});
  out.push_back({Style::kParagraph, Str(a, "facts")});
  out.push_back({Style::kHeading, "争议事项"});
  out.push_back({Style::kParagraph, Str(a, "disputes")});

  out.push_back({Style::kHeading, "经调解，当事人自愿达成如下协议"});
  int n = 0;
  if (const auto* terms = Arr(a, "terms"))
    for (const auto& t : *terms)
      if (t.is_object())
        out.push_back({Style::kParagraph, std::to_string(++n) + "．" + Str(t.as_object(), "text")});
  if (!obligations.empty()) {
    out.push_back({Style::kHeading, "履行方式和期限"});
    for (const auto& o : obligations)
      if (o.is_object()) out.push_back({Style::kParagraph, ObligationLine(o.as_object())});
  }
  if (Str(a, "form") == "oral")
    out.push_back({Style::kParagraph, "本协议系当事人口头达成，由人民调解员记录在案。"});
  out.push_back({Style::kParagraph,
                 "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"});
  int signatories = 0;
  if (const auto* confirmations = Arr(a, "confirmations")) signatories = confirmations->size();
  out.push_back({Style::kParagraph, "本协议一式" + std::to_string(signatories + 1) +
                                        "份，当事人各执一份，人民调解委员会留存一份。"});

  if (const auto* j = Obj(a, "judicial"); j && !Str(*j, "applied_at").empty()) {
    std::string line = "司法确认：当事人于" + ChineseDate(Str(*j, "applied_at")) + "向" +
                       Str(*j, "court") + "申请司法确认";
    if (!Str(*j, "case_no").empty()) line += "，案号" + Str(*j, "case_no");
    const std::string result = Str(*j, "result");
    if (!result.empty())
      line += "，" + ChineseDate(Str(*j, "decided_at")) +
              (result == "confirmed" ? "裁定确认调解协议有效" : "裁定驳回申请");
    out.push_back({Style::kParagraph, line + "。"});
  }

  out.push_back({Style::kHeading, "当事人签名（确认）"});
  if (const auto* confirmations = Arr(a, "confirmations"))
    for (const auto& c : *confirmations) {
      if (!c.is_object()) continue;
      const auto& k = c.as_object();
      std::string line = RoleLabel(Str(k, "role")) + "：" + Str(k, "name") + "　　";
      const std::string at = Str(k, "confirmed_at");
      if (at.empty())
        line += "（签名）＿＿＿＿＿＿　　日期：　　　　年　　月　　日";
      else
        line += MethodLabel(Str(k, "method")) + "　　" + ChineseDate(at) + " " + at.substr(11, 5);
      out.push_back({Style::kSignature, line});
    }
  std::string mediator = "＿＿＿＿＿＿";
  if (const auto* m = Obj(a, "mediator")) mediator = Str(*m, "name");
  const std::string signed_at = Str(a, "mediator_signed_at");
  out.push_back({Style::kSignature, "人民调解员：" + mediator + "　　" +
                                        (signed_at.empty() ? std::string("（签名）")
                                                           : "已签署　" + ChineseDate(signed_at))});
  out.push_back({Style::kRight, Str(a, "committee") + "（盖章）"});
  out.push_back({Style::kRight, ChineseDate(Str(a, "effective_at"))});
  return out;
}

// ---- drawing ----

constexpr double kMarginX = 72, kMarginTop = 72, kMarginBottom = 80;

class Writer {
 public:
  explicit Writer(std::string& out)
      : canvas_(out, "人民调解协议书"),
        cr_(canvas_.cr()),
        serif_(MakeFont("Noto Serif CJK SC 12")),
        title_(MakeFont("Noto Serif CJK SC Bold 22")),
        heading_(MakeFont("Noto Sans CJK SC Bold 12")),
        footer_(MakeFont("Noto Sans CJK SC 9")) {
    y_ = kMarginTop;
  }

  void Draw(const Block& b) {
    switch (b.style) {
      case Style::kTitle:
        Text(b.text, title_.get(), PANGO_ALIGN_CENTER, 0, 0.5, 18);
        break;
      case Style::kNumber:
        Text(b.text, serif_.get(), PANGO_ALIGN_RIGHT, 0, 0.5, 10);
        break;
      case Style::kHeading:
        Space(8);
        Text(b.text, heading_.get(), PANGO_ALIGN_LEFT, 0, 0.2, 4);
        break;
      case Style::kBody:
        Text(b.text, serif_.get(), PANGO_ALIGN_LEFT, 0, 0.3, 2);
        break;
      case Style::kParagraph:
        Text(b.text, serif_.get(), PANGO_ALIGN_LEFT, 24, 0.3, 4);  // first line indented 2 em
        break;
      case Style::kSignature:
        Space(6);
        Text(b.text, serif_.get(), PANGO_ALIGN_LEFT, 0, 0.3, 6);
        break;
      case Style::kRight:
        Space(10);
        Text(b.text, serif_.get(), PANGO_ALIGN_RIGHT, 0, 0.3, 2);
        break;
    }
  }

  void Finish() {
    Footer();
    canvas_.Finish();
  }

 private:
  void Space(double points) {
    if (y_ > kMarginTop) y_ += points;
  }

  void NewPage() {
    Footer();
    canvas_.ShowPage();
    ++page_;
    y_ = kMarginTop;
  }

  void Footer() {
    Layout layout(pango_layout_new(canvas_.context()));
    pango_layout_set_font_description(layout.get(), footer_.get());
    pango_layout_set_width(layout.get(),
                           static_cast<int>((kPageWidth - 2 * kMarginX) * PANGO_SCALE));
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
    const std::string text = "第 " + std::to_string(page_) + " 页";
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    cairo_move_to(cr_, kMarginX, kPageHeight - kMarginBottom + 30);
    pango_cairo_show_layout(cr_, layout.get());
  }

  // Lays `text` out at the page width and draws it line by line, starting a new page whenever
  // the next line would cross the bottom margin. `line_gap` is extra leading in ems.
  void Text(const std::string& text, const PangoFontDescription* font, PangoAlignment align,
            int indent_points, double line_gap, double space_after) {
    if (text.empty()) return;
    Layout layout(pango_layout_new(canvas_.context()));
    pango_layout_set_font_description(layout.get(), font);
    pango_layout_set_width(layout.get(),
                           static_cast<int>((kPageWidth - 2 * kMarginX) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    pango_layout_set_indent(layout.get(), indent_points * PANGO_SCALE);
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    const double gap = line_gap * pango_font_description_get_size(font) / PANGO_SCALE;
    PangoLayoutIter* it = pango_layout_get_iter(layout.get());
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double height = static_cast<double>(logical.height) / PANGO_SCALE;
      if (y_ + height > kPageHeight - kMarginBottom) NewPage();
      const double baseline =
          static_cast<double>(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
      cairo_move_to(cr_, kMarginX + static_cast<double>(logical.x) / PANGO_SCALE, y_ + baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ += height + gap;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    y_ += space_after;
  }

  PdfCanvas canvas_;
  cairo_t* cr_;
  Font serif_, title_, heading_, footer_;
  double y_ = 0;
  int page_ = 1;
};

}  // namespace

std::vector<std::string> AgreementDocumentLines(const json::object& agreement,
                                                const json::array& obligations) {
  std::vector<std::string> out;
  for (auto& b : Compose(agreement, obligations)) out.push_back(std::move(b.text));
  return out;
}

std::string RenderAgreementPdf(const json::object& agreement, const json::array& obligations) {
  std::string out;
  {
    Writer w(out);
    for (const auto& b : Compose(agreement, obligations)) w.Draw(b);
    w.Finish();
  }
  return out;
}

}  // namespace hejia::pdf
