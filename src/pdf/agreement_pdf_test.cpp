#include "pdf/agreement_pdf.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hejia::pdf {
namespace {

namespace json = boost::json;

json::object Agreement(const std::string& facts) {
  return json::object{
      {"number", "HJ2026-000123"},
      {"committee", "东城街道人民调解委员会"},
      {"form", "written"},
      {"status", "effective"},
      {"facts", facts},
      {"disputes", "抚养费的数额与支付方式。"},
      {"terms", json::array{json::object{{"text", "胡某某每月 5 日前支付抚养费 500 元。"},
                                         {"kind", "money"}},
                            json::object{{"text", "双方互不干涉对方生活。"}, {"kind", "other"}}}},
      {"parties", json::array{json::object{{"role", "applicant"},
                                           {"name", "王晓丽"},
                                           {"gender", "female"},
                                           {"age", 35},
                                           {"address", "永康市东城****"}},
                              json::object{{"role", "respondent"},
                                           {"name", "胡某某"},
                                           {"gender", "male"},
                                           {"age", nullptr},
                                           {"address", nullptr}}}},
      {"confirmations", json::array{json::object{{"role", "applicant"},
                                                 {"name", "王晓丽"},
                                                 {"method", "otp"},
                                                 {"confirmed_at", "2026-05-03T10:15:00+08:00"}},
                                    json::object{{"role", "respondent"},
                                                 {"name", "胡某某"},
                                                 {"method", nullptr},
                                                 {"confirmed_at", nullptr}}}},
      {"mediator", json::object{{"id", 1}, {"name", "李调解"}}},
      {"mediator_signed_at", "2026-05-03T10:20:00+08:00"},
      {"effective_at", "2026-05-03T10:20:00+08:00"},
      {"judicial", json::object{{"applied_at", nullptr}}}};
}

json::array Obligations() {
  return json::array{json::object{{"payer", json::object{{"name", "胡某某"}}},
                                  {"payee", json::object{{"name", "王晓丽"}}},
                                  {"description", "抚养费"},
                                  {"amount", "500.00"},
                                  {"schedule", "monthly"},
                                  {"first_due", "2026-06-05"},
                                  {"installments", 12},
                                  {"standing", json::object{{"total", "6000.00"}}}}};
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

TEST(AgreementPdf, TheDocumentHasTheStatutoryContents) {
  const auto lines = AgreementDocumentLines(Agreement("事实。"), Obligations());
  auto has = [&](const std::string& text) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(text) != std::string::npos; });
  };
  EXPECT_EQ(lines.front(), "人民调解协议书");
  EXPECT_TRUE(has("编号：HJ2026-000123"));
  EXPECT_TRUE(has("申请人：王晓丽，女，35岁，住址：永康市东城****"));
  EXPECT_TRUE(has("被申请人：胡某某，男，住址：—"));
  EXPECT_TRUE(has("纠纷主要事实"));
  EXPECT_TRUE(has("争议事项"));
  EXPECT_TRUE(has("1．胡某某每月 5 日前支付抚养费 500 元。"));
  EXPECT_TRUE(
      has("胡某某向王晓丽支付抚养费：自2026年6月5日起，每月5日前支付500.00元，共12期，"
          "合计6000.00元。"));
  EXPECT_TRUE(has("经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"));
  EXPECT_TRUE(has("短信验证码确认"));
  EXPECT_TRUE(has("（签名）"));  // the respondent has not confirmed: a line to sign on
  EXPECT_TRUE(has("人民调解员：李调解"));
  EXPECT_TRUE(has("东城街道人民调解委员会（盖章）"));
  EXPECT_EQ(lines.back(), "2026年5月3日");
}

TEST(AgreementPdf, IsAnA4PdfWithAnEmbeddedCjkSubsetAndBreaksLongTextsAcrossPages) {
  std::string facts;
  for (int i = 0; i < 120; ++i)
    facts += "双方于二〇二〇年协议离婚，婚生子随母亲生活，父亲自二〇二六年起未按约定支付抚养费。";
  const std::string pdf = RenderAgreementPdf(Agreement(facts), Obligations());
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_GT(pdf.size(), 1024u);
  EXPECT_LT(pdf.size(), 2u * 1024 * 1024);
  EXPECT_TRUE(pdf.find("NotoSerifCJK") != std::string::npos);
  EXPECT_TRUE(pdf.find("NotoSansCJK") != std::string::npos);
  const size_t pages = Count(pdf, "/Type /Page") - Count(pdf, "/Type /Pages");
  EXPECT_GE(pages, 2u);
  EXPECT_NE(pdf.find("595.2"), std::string::npos);  // A4 width in points in the MediaBox

  const std::string short_pdf = RenderAgreementPdf(Agreement("事实。"), json::array{});
  EXPECT_EQ(Count(short_pdf, "/Type /Page") - Count(short_pdf, "/Type /Pages"), 1u);
}

}  // namespace
}  // namespace hejia::pdf
