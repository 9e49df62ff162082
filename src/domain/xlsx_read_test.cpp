#include "domain/xlsx_read.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

namespace hejia::domain {
namespace {

using Cells = std::vector<std::string>;
using Rows = std::vector<XlsxRow>;

// ---- Workbooks as Excel users make them, written by libxlsxwriter ----

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// A workbook written to a temporary file and read back as the bytes an upload would carry.
class TestWorkbook {
 public:
  explicit TestWorkbook(bool constant_memory = false) {
    static int count = 0;
    path_ = testing::TempDir() + "xlsx_read_test_" + std::to_string(getpid()) + "_" +
            std::to_string(++count) + ".xlsx";
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    workbook_ = workbook_new_opt(path_.c_str(), &options);
  }
  ~TestWorkbook() {
    if (workbook_) workbook_close(workbook_);
    std::filesystem::remove(path_);
  }

  lxw_worksheet* AddSheet(const char* name) { return workbook_add_worksheet(workbook_, name); }
  lxw_format* AddFormat() { return workbook_add_format(workbook_); }

  std::string Bytes() {
    EXPECT_EQ(workbook_close(workbook_), LXW_NO_ERROR);
    workbook_ = nullptr;
    return ReadFile(path_);
  }

 private:
  std::string path_;
  lxw_workbook* workbook_ = nullptr;
};

Rows RowsOf(std::string_view bytes, const XlsxLimits& limits = {}) {
  auto read = ReadFirstSheet(bytes, limits);
  if (const auto* problem = std::get_if<XlsxProblem>(&read)) {
    ADD_FAILURE() << "expected rows, got " << XlsxProblemMessage(*problem);
    return {};
  }
  return std::get<Rows>(std::move(read));
}

std::optional<XlsxProblem> ProblemOf(std::string_view bytes, const XlsxLimits& limits = {}) {
  auto read = ReadFirstSheet(bytes, limits);
  if (const auto* problem = std::get_if<XlsxProblem>(&read)) return *problem;
  return std::nullopt;
}

/// An incident sheet as staff fill it in: a header, numbers, a phone, a date, a gap, an empty row.
std::string IncidentWorkbook() {
  TestWorkbook wb;
  lxw_worksheet* ws = wb.AddSheet("警情");
  lxw_format* when = wb.AddFormat();
  format_set_num_format(when, "yyyy-mm-dd hh:mm");
  const char* header[] = {"序号", "报警人", "电话", "发生时间", "地址"};
  for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
  worksheet_write_number(ws, 1, 0, 1, nullptr);
  worksheet_write_string(ws, 1, 1, "王芳", nullptr);
  worksheet_write_number(ws, 1, 2, 13800000000, nullptr);
  lxw_datetime at{2026, 11, 3, 22, 10, 0};
  worksheet_write_datetime(ws, 1, 3, &at, when);
  // Row 3 is left empty; row 4 has its first and last cells only, and a text in the date style.
  worksheet_write_number(ws, 3, 0, 2, nullptr);
  worksheet_write_string(ws, 3, 3, "2026-11-04 08:30", when);
  worksheet_write_blank(ws, 3, 5, when);  // formatted but empty: no cell for the reader
  lxw_worksheet* second = wb.AddSheet("说明");
  worksheet_write_string(second, 0, 0, "只读第一张表", nullptr);
  return wb.Bytes();
}

TEST(XlsxRead, TheFirstSheetComesBackAsRowsOfText) {
  const Rows rows = RowsOf(IncidentWorkbook());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[0].cells, (Cells{"序号", "报警人", "电话", "发生时间", "地址"}));
  EXPECT_EQ(rows[0].is_date, std::vector<bool>(5, false));

  EXPECT_EQ(rows[1].line, 2u);
  ASSERT_EQ(rows[1].cells.size(), 4u);  // the empty address is trimmed
  EXPECT_EQ(rows[1].cells[0], "1");
  EXPECT_EQ(rows[1].cells[1], "王芳");
  EXPECT_EQ(XlsxIntegerText(rows[1].cells[2]), "13800000000");
  EXPECT_EQ(rows[1].is_date, (std::vector<bool>{false, false, false, true}));
  // 2026-11-03 22:10 in Beijing.
  EXPECT_EQ(ExcelSerialToUnixSeconds(rows[1].cells[3], 8 * 3600), 1793715000);
}

TEST(XlsxRead, AnEmptyRowIsSkippedButTheNextKeepsItsNumberAndItsGaps) {
  const Rows rows = RowsOf(IncidentWorkbook());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].line, 4u);
  EXPECT_EQ(rows[2].cells, (Cells{"2", "", "", "2026-11-04 08:30"}));
  // Text in a date-formatted cell is text: only numbers are serials.
  EXPECT_EQ(rows[2].is_date, (std::vector<bool>{false, false, false, false}));
}

TEST(XlsxRead, ABuiltInDateFormatMarksTheCellAsADate) {
  TestWorkbook wb;
  lxw_worksheet* ws = wb.AddSheet("Sheet1");
  lxw_format* date = wb.AddFormat();
  format_set_num_format_index(date, 14);  // m/d/yyyy, shown by the reader's locale
  worksheet_write_number(ws, 0, 0, 45000.5, date);
  worksheet_write_number(ws, 0, 1, 45000.5, nullptr);
  const Rows rows = RowsOf(wb.Bytes());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{"45000.5", "45000.5"}));
  EXPECT_EQ(rows[0].is_date, (std::vector<bool>{true, false}));
}

TEST(XlsxRead, InlineStringsRichTextBooleansAndFormulaResultsAreText) {
  for (const bool constant_memory : {false, true}) {  // constant memory writes inline strings
    TestWorkbook wb(constant_memory);
    lxw_worksheet* ws = wb.AddSheet("Sheet1");
    lxw_format* bold = wb.AddFormat();
    format_set_bold(bold);
    lxw_rich_string_tuple plain{nullptr, const_cast<char*>("家暴")};
    lxw_rich_string_tuple strong{bold, const_cast<char*>("报警")};
    lxw_rich_string_tuple* rich[] = {&plain, &strong, nullptr};
    worksheet_write_string(ws, 0, 0, "东城派出所", nullptr);
    worksheet_write_rich_string(ws, 0, 1, rich, nullptr);
    worksheet_write_boolean(ws, 0, 2, 1, nullptr);
    worksheet_write_formula_num(ws, 0, 3, "=1+2", nullptr, 3);
    worksheet_write_formula_str(ws, 0, 4, "=\"A\"&\"B\"", nullptr, "AB");
    const Rows rows = RowsOf(wb.Bytes());
    ASSERT_EQ(rows.size(), 1u) << constant_memory;
    EXPECT_EQ(rows[0].cells, (Cells{"东城派出所", "家暴报警", "1", "3", "AB"})) << constant_memory;
  }
}

TEST(XlsxRead, AnEmptyWorkbookHasNoRows) {
  TestWorkbook wb;
  wb.AddSheet("Sheet1");
  EXPECT_TRUE(RowsOf(wb.Bytes()).empty());
}

TEST(XlsxRead, RowsPastTheLimitAreRefused) {
  TestWorkbook wb;
  lxw_worksheet* ws = wb.AddSheet("Sheet1");
  for (lxw_row_t r = 0; r < 11; ++r) worksheet_write_number(ws, r * 2, 0, r, nullptr);
  const std::string bytes = wb.Bytes();
  EXPECT_EQ(ProblemOf(bytes, {.max_rows = 10}), XlsxProblem::kTooManyRows);
  EXPECT_EQ(RowsOf(bytes, {.max_rows = 11}).size(), 11u);
}

TEST(XlsxRead, AValuePastTheLastColumnIsRefusedAnEmptyFormattedCellIsNot) {
  TestWorkbook wb;
  lxw_worksheet* ws = wb.AddSheet("Sheet1");
  lxw_format* fill = wb.AddFormat();
  format_set_bg_color(fill, 0xFFFF00);
  worksheet_write_string(ws, 0, 0, "a", nullptr);
  worksheet_write_blank(ws, 0, 200, fill);
  worksheet_write_string(ws, 1, 4, "e", nullptr);
  const std::string bytes = wb.Bytes();
  EXPECT_EQ(ProblemOf(bytes, {.max_columns = 4}), XlsxProblem::kTooManyColumns);
  const Rows rows = RowsOf(bytes, {.max_columns = 5});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{"a"}));
  EXPECT_EQ(rows[1].cells, (Cells{"", "", "", "", "e"}));
}

TEST(XlsxRead, AWorkbookLargerThanTheBudgetIsRefused) {
  EXPECT_EQ(ProblemOf(IncidentWorkbook(), {.max_uncompressed = 1000}), XlsxProblem::kTooLarge);
}

TEST(XlsxRead, OneLongSharedStringRepeatedInEveryCellCountsAgainstTheBudget) {
  TestWorkbook wb;
  lxw_worksheet* ws = wb.AddSheet("Sheet1");
  const std::string long_text(10000, 'x');
  for (lxw_row_t r = 0; r < 100; ++r) worksheet_write_string(ws, r, 0, long_text.c_str(), nullptr);
  const std::string bytes = wb.Bytes();
  // The parts unpack to some 15 KB; their cells' text is 1 MB.
  EXPECT_EQ(ProblemOf(bytes, {.max_uncompressed = 200'000}), XlsxProblem::kTooLarge);
  EXPECT_EQ(RowsOf(bytes, {.max_uncompressed = 2'000'000}).size(), 100u);
}

TEST(XlsxRead, ATruncatedOrDamagedWorkbookIsMalformed) {
  const std::string bytes = IncidentWorkbook();
  EXPECT_EQ(ProblemOf(bytes.substr(0, bytes.size() / 2)), XlsxProblem::kMalformed);
  EXPECT_EQ(ProblemOf(bytes.substr(0, bytes.size() - 10)), XlsxProblem::kMalformed);
  // One byte changed inside the sheet's compressed data: inflate or the CRC-32 notices.
  const std::string sheet = "xl/worksheets/sheet1.xml";
  const size_t name_at = bytes.find(sheet);
  ASSERT_NE(name_at, std::string::npos);
  std::string damaged = bytes;
  damaged[name_at + sheet.size() + 20] ^= 0x55;
  EXPECT_EQ(ProblemOf(damaged), XlsxProblem::kMalformed);
}

TEST(XlsxRead, ChangedBytesAnywhereNeverCrashTheReader) {
  const std::string bytes = IncidentWorkbook();
  std::mt19937 random(20261103);
  for (int round = 0; round < 300; ++round) {
    std::string changed = bytes;
    for (int k = 0; k < 1 + round % 4; ++k)
      changed[random() % changed.size()] = static_cast<char>(random() % 256);
    (void)ReadFirstSheet(changed);  // any answer will do, as long as there is one
  }
}

// ---- Archives built byte by byte, for what Excel does not write and what attackers do ----

/// One entry of a hand-made archive: its bytes as they lie in it and what its headers declare.
struct Part {
  std::string name;
  std::string data;
  uint16_t method = 0;
  uint16_t flags = 0;
  uint32_t crc = 0;
  uint32_t size = 0;
  std::optional<uint32_t> local_offset;  // where the directory says its header is
};

uint32_t Crc(std::string_view data) {
  return static_cast<uint32_t>(
      crc32_z(0, reinterpret_cast<const Bytef*>(data.data()), data.size()));
}

Part Stored(std::string name, const std::string& content) {
  return {std::move(name), content, 0, 0, Crc(content), static_cast<uint32_t>(content.size()),
          std::nullopt};
}

/// `content` repeated `times`, deflated raw as ZIP does, a piece at a time (a bomb's 50 MB of
/// zeros are never held in memory).
Part Deflated(std::string name, std::string_view content, size_t times = 1) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out;
  uint32_t crc = 0;
  char buffer[1 << 16];
  for (size_t i = 0; i < times; ++i) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
    zs.avail_in = static_cast<uInt>(content.size());
    crc = static_cast<uint32_t>(
        crc32_z(crc, reinterpret_cast<const Bytef*>(content.data()), content.size()));
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buffer);
      zs.avail_out = sizeof buffer;
      deflate(&zs, i + 1 == times ? Z_FINISH : Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - zs.avail_out);
    } while (zs.avail_out == 0);
  }
  deflateEnd(&zs);
  return {std::move(name), out, 8, 0, crc, static_cast<uint32_t>(content.size() * times),
          std::nullopt};
}

std::string Le(uint64_t value, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(value >> (8 * i)));
  return out;
}

std::string Zip(const std::vector<Part>& parts, uint16_t disk = 0) {
  std::string out;
  std::string directory;
  for (const Part& p : parts) {
    const std::string common = Le(p.flags, 2) + Le(p.method, 2) + Le(0, 4) + Le(p.crc, 4) +
                               Le(static_cast<uint32_t>(p.data.size()), 4) + Le(p.size, 4) +
                               Le(static_cast<uint32_t>(p.name.size()), 2) + Le(0, 2);
    directory += Le(0x02014b50, 4) + Le(20, 2) + Le(20, 2) + common + Le(0, 6) + Le(0, 4) +
                 Le(p.local_offset.value_or(static_cast<uint32_t>(out.size())), 4) + p.name;
    out += Le(0x04034b50, 4) + Le(20, 2) + common + p.name + p.data;
  }
  const uint32_t count = static_cast<uint32_t>(parts.size());
  return out + directory + Le(0x06054b50, 4) + Le(disk, 2) + Le(disk, 2) + Le(count, 2) +
         Le(count, 2) + Le(static_cast<uint32_t>(directory.size()), 4) +
         Le(static_cast<uint32_t>(out.size()), 4) + Le(0, 2);
}

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelations =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string WorkbookXml(std::string_view inside = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"" +
         std::string(kMain) + "\" xmlns:r=\"" + std::string(kRelations) + "\">" +
         std::string(inside) +
         "<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
}

std::string RelationsXml(std::string_view sheet_target = "worksheets/sheet1.xml") {
  return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"" +
         std::string(kRelations) + "/worksheet\" Target=\"" + std::string(sheet_target) +
         "\"/></Relationships>";
}

std::string SheetXml(std::string_view rows) {
  return "<worksheet xmlns=\"" + std::string(kMain) + "\"><sheetData>" + std::string(rows) +
         "</sheetData></worksheet>";
}

/// A minimal workbook: its workbook part, relationships and one sheet, plus `more` parts.
std::vector<Part> MinimalParts(std::string_view rows, std::vector<Part> more = {}) {
  std::vector<Part> parts{Stored("xl/workbook.xml", WorkbookXml()),
                          Stored("xl/_rels/workbook.xml.rels", RelationsXml()),
                          Stored("xl/worksheets/sheet1.xml", SheetXml(rows))};
  for (Part& p : more) parts.push_back(std::move(p));
  return parts;
}

TEST(XlsxRead, PrefixedElementsCellsWithoutReferencesAndEscapesAreRead) {
  // The OpenXML SDK's style: every element prefixed, `r` left out, text escaped.
  const std::string sheet =
      "<x:worksheet xmlns:x=\"" + std::string(kMain) +
      "\"><x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>一行_x000D_\n两行</x:t></x:is>"
      "</x:c><x:c t=\"inlineStr\"><x:is><x:r><x:t>东</x:t></x:r><x:r><x:t>城</x:t></x:r>"
      "<x:rPh sb=\"0\" eb=\"1\"><x:t>dong</x:t></x:rPh></x:is></x:c><x:c t=\"e\"><x:v>#N/A</x:v>"
      "</x:c><x:c t=\"str\"><x:f>A1</x:f><x:v>\xEF\xBB\xBF带 BOM</x:v></x:c></x:row>"
      "<x:row><x:c><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>";
  const Rows rows = RowsOf(
      Zip({Stored("xl/workbook.xml", WorkbookXml()), Stored("xl/worksheets/sheet1.xml", sheet)}));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, (Cells{"一行\r\n两行", "东城", "#N/A", "带 BOM"}));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[1].cells, (Cells{"7"}));
}

TEST(XlsxRead, SharedStringsJoinTheirRunsAndLeavePhoneticGuidesOut) {
  const Part shared = Deflated("xl/sharedStrings.xml",
                               "<sst xmlns=\"" + std::string(kMain) +
                                   "\"><si><t xml:space=\"preserve\"> 张 </t></si><si><r><t>江"
                                   "</t></r><r><rPr><b/></rPr><t>北区</t></r><rPh><t>jiang</t>"
                                   "</rPh></si></sst>");
  const Rows rows =
      RowsOf(Zip(MinimalParts("<row r=\"2\"><c r=\"C2\" t=\"s\"><v>1</v></c><c r=\"D2\" "
                              "t=\"s\"><v>0</v></c></row>",
                              {shared})));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[0].cells, (Cells{"", "", "江北区", " 张 "}));
}

TEST(XlsxRead, CustomFormatsAreDatesWhenTheyShowADayOrAnHour) {
  const Part styles = Stored(
      "xl/styles.xml",
      "<styleSheet xmlns=\"" + std::string(kMain) +
          "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d"
          "&quot;日&quot;\"/><numFmt numFmtId=\"165\" formatCode=\"[Red]0.00\"/><numFmt "
          "numFmtId=\"166\" formatCode=\"[h]:mm\"/><numFmt numFmtId=\"167\" formatCode=\"0&quot;"
          "天&quot;\\d\"/></numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>"
          "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
          "<xf numFmtId=\"167\"/><xf numFmtId=\"31\"/></cellXfs></styleSheet>");
  std::string cells;
  for (int s = 0; s <= 6; ++s)  // style 6 does not exist: not a date
    cells += "<c s=\"" + std::to_string(s) + "\"><v>45000</v></c>";
  const Rows rows = RowsOf(Zip(MinimalParts("<row>" + cells + "</row>", {styles})));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].is_date, (std::vector<bool>{false, true, false, true, false, true, false}));
}

TEST(XlsxRead, ADateOfA1904WorkbookIsGivenAsA1900Serial) {
  std::vector<Part> parts = MinimalParts("<row><c s=\"1\"><v>0.5</v></c><c><v>0.5</v></c></row>");
  parts[0] = Stored("xl/workbook.xml", WorkbookXml("<workbookPr date1904=\"1\"/>"));
  parts.push_back(Stored("xl/styles.xml", "<styleSheet xmlns=\"" + std::string(kMain) +
                                              "\"><cellXfs><xf/><xf numFmtId=\"22\"/></cellXfs>"
                                              "</styleSheet>"));
  const Rows rows = RowsOf(Zip(parts));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].cells, (Cells{"1462.5", "0.5"}));
  // 1904-01-01 12:00 UTC.
  EXPECT_EQ(ExcelSerialToUnixSeconds(rows[0].cells[0], 0), -2082801600);
}

TEST(XlsxRead, TheFirstSheetIsFoundThroughTheWorkbooksRelationships) {
  std::vector<Part> parts = MinimalParts("<row><c><v>1</v></c></row>");
  parts[1] = Stored("xl/_rels/workbook.xml.rels", RelationsXml("/xl/worksheets/incidents.xml"));
  parts.push_back(Stored("xl/worksheets/incidents.xml", SheetXml("<row><c><v>2</v></c></row>")));
  EXPECT_EQ(RowsOf(Zip(parts)).at(0).cells, (Cells{"2"}));
  // A target that names no part: the usual place is read instead.
  parts[1] = Stored("xl/_rels/workbook.xml.rels", RelationsXml("../../etc/passwd"));
  EXPECT_EQ(RowsOf(Zip(parts)).at(0).cells, (Cells{"1"}));
}

TEST(XlsxRead, ADtdBadTextOrABadReferenceIsMalformed) {
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>" +
      SheetXml("<row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>");
  std::vector<Part> parts = MinimalParts("");
  parts[2] = Stored("xl/worksheets/sheet1.xml", bomb);
  EXPECT_EQ(ProblemOf(Zip(parts)), XlsxProblem::kMalformed);
  EXPECT_EQ(
      ProblemOf(Zip(MinimalParts("<row><c t=\"inlineStr\"><is><t>\xC3\x28</t></is></c></row>"))),
      XlsxProblem::kMalformed);
  EXPECT_EQ(ProblemOf(Zip(MinimalParts("<row><c t=\"s\"><v>0</v></c></row>"))),
            XlsxProblem::kMalformed);  // no shared strings at all
  EXPECT_EQ(ProblemOf(Zip(MinimalParts("<row><c r=\"1A\"><v>1</v></c></row>"))),
            XlsxProblem::kMalformed);
  EXPECT_EQ(ProblemOf(Zip(MinimalParts("<row r=\"1048577\"><c><v>1</v></c></row>"))),
            XlsxProblem::kMalformed);
  EXPECT_EQ(ProblemOf(Zip(MinimalParts("<row><c><v>1</v></c>"))), XlsxProblem::kMalformed);
}

TEST(XlsxRead, WhatIsNoWorkbookSaysSo) {
  EXPECT_EQ(ProblemOf(""), XlsxProblem::kNotXlsx);
  EXPECT_EQ(ProblemOf("序号,姓名\n1,王芳\n"), XlsxProblem::kNotXlsx);
  EXPECT_EQ(ProblemOf(Zip({Stored("word/document.xml", "<w/>")})), XlsxProblem::kNotXlsx);
  std::mt19937 random(7);
  for (int round = 0; round < 50; ++round) {
    std::string noise(random() % 5000, '\0');
    for (char& c : noise) c = static_cast<char>(random() % 256);
    EXPECT_EQ(ProblemOf(noise), XlsxProblem::kNotXlsx);
  }
  const std::string old_xls = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "Workbook";
  EXPECT_EQ(ProblemOf(old_xls), XlsxProblem::kNotXlsx);
}

TEST(XlsxRead, APasswordProtectedWorkbookIsEncrypted) {
  // What Excel saves with a password: a compound file holding the encrypted package.
  const std::string excel = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                            std::string(100, '\0') +
                            std::string("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
  EXPECT_EQ(ProblemOf(excel), XlsxProblem::kEncrypted);
  std::vector<Part> parts = MinimalParts("<row><c><v>1</v></c></row>");
  parts[0].flags = 1;  // a ZIP password
  EXPECT_EQ(ProblemOf(Zip(parts)), XlsxProblem::kEncrypted);
}

TEST(XlsxRead, AZipBombIsRefusedBeforeItIsInflated) {
  // 50 MB of zeros deflate to some 50 KB; the header says so and nothing is inflated.
  std::vector<Part> parts = MinimalParts("");
  parts[2] = Deflated("xl/worksheets/sheet1.xml", std::string(1 << 20, '\0'), 50);
  ASSERT_LT(parts[2].data.size(), 100'000u);
  EXPECT_EQ(ProblemOf(Zip(parts)), XlsxProblem::kTooLarge);
  // The same bomb claiming 1000 bytes is stopped after 1001 and is a lie, so malformed.
  parts[2].size = 1000;
  EXPECT_EQ(ProblemOf(Zip(parts)), XlsxProblem::kMalformed);
  // A claim of 4 GB with ten bytes of data is refused on the claim alone.
  parts[2] = Stored("xl/worksheets/sheet1.xml", "0123456789");
  parts[2].size = 0xFFFFFFF0;
  EXPECT_EQ(ProblemOf(Zip(parts)), XlsxProblem::kTooLarge);
}

TEST(XlsxRead, PartsThatFitAloneButNotTogetherAreTooLarge) {
  const std::string padding(6000, ' ');
  std::vector<Part> parts = MinimalParts(padding);
  parts[0] = Stored("xl/workbook.xml", WorkbookXml(padding));
  EXPECT_EQ(ProblemOf(Zip(parts), {.max_uncompressed = 10000}), XlsxProblem::kTooLarge);
  EXPECT_EQ(RowsOf(Zip(parts), {.max_uncompressed = 20000}).size(), 0u);
}

TEST(XlsxRead, ArchivesWithOffsetsOrFormsWeDoNotTrustAreMalformed) {
  const std::vector<Part> good = MinimalParts("<row><c><v>1</v></c></row>");
  ASSERT_EQ(RowsOf(Zip(good)).size(), 1u);
  auto problem_with = [&](auto change) {
    std::vector<Part> parts = good;
    change(parts);
    return ProblemOf(Zip(parts));
  };
  // A header past the directory, and one shared by two entries (an overlap).
  EXPECT_EQ(problem_with([](auto& p) { p[2].local_offset = 0x7FFFFFF0; }), XlsxProblem::kMalformed);
  EXPECT_EQ(problem_with([](auto& p) { p[2].local_offset = 0; }), XlsxProblem::kMalformed);
  // ZIP64 sizes, a method other than stored or deflated, two entries of one name.
  EXPECT_EQ(problem_with([](auto& p) { p[2].size = 0xFFFFFFFF; }), XlsxProblem::kMalformed);
  EXPECT_EQ(problem_with([](auto& p) { p[2].method = 12; }), XlsxProblem::kMalformed);
  EXPECT_EQ(problem_with([](auto& p) { p.push_back(p[2]); }), XlsxProblem::kMalformed);
  // A stored entry whose data are shorter than its size, or whose CRC-32 is wrong.
  EXPECT_EQ(problem_with([](auto& p) { p[2].size += 1; }), XlsxProblem::kMalformed);
  EXPECT_EQ(problem_with([](auto& p) { p[2].crc ^= 1; }), XlsxProblem::kMalformed);
  EXPECT_EQ(ProblemOf(Zip(good, 1)), XlsxProblem::kMalformed);  // one disk of several
  // The directory's offset pointing past the end of the file.
  std::string bytes = Zip(good);
  bytes.replace(bytes.size() - 6, 4, Le(0x00FFFFFF, 4));
  EXPECT_EQ(ProblemOf(bytes), XlsxProblem::kMalformed);
}

TEST(XlsxRead, EveryProblemHasAChineseAndEnglishMessage) {
  for (const auto problem :
       {XlsxProblem::kNotXlsx, XlsxProblem::kTooLarge, XlsxProblem::kTooManyRows,
        XlsxProblem::kTooManyColumns, XlsxProblem::kEncrypted, XlsxProblem::kMalformed})
    EXPECT_NE(XlsxProblemMessage(problem).find(" / "), std::string_view::npos);
}

// ---- The number helpers ----

TEST(XlsxValues, IntegerTextIsTheExactIntegerANumberStandsFor) {
  EXPECT_EQ(XlsxIntegerText("13800000001"), "13800000001");
  EXPECT_EQ(XlsxIntegerText("1.3800000001E10"), "13800000001");
  EXPECT_EQ(XlsxIntegerText("1.38E+10"), "13800000000");
  EXPECT_EQ(XlsxIntegerText("13800000001.000"), "13800000001");
  EXPECT_EQ(XlsxIntegerText("1380000000100E-2"), "13800000001");
  EXPECT_EQ(XlsxIntegerText("-42"), "-42");
  EXPECT_EQ(XlsxIntegerText("-0.0"), "0");
  EXPECT_EQ(XlsxIntegerText("007"), "7");
  EXPECT_EQ(XlsxIntegerText("0E-99999999999"), "0");
  for (const std::string_view no :
       {"", "1.5", "1.38000000001E10", "abc", "1e", ".", "-", " 1", "1 ", "1E400", "0x10", "1,000"})
    EXPECT_EQ(XlsxIntegerText(no), std::nullopt) << no;
}

TEST(XlsxValues, SerialsAreReadInThe1900DateSystemAtTheGivenOffset) {
  // 45000.5 is 2023-03-15 12:00: in Beijing, 04:00 UTC.
  EXPECT_EQ(ExcelSerialToUnixSeconds("45000.5", 8 * 3600), 1678852800);
  EXPECT_EQ(ExcelSerialToUnixSeconds("45000.5", 0), 1678852800 + 8 * 3600);
  EXPECT_EQ(ExcelSerialToUnixSeconds("25569", 0), 0);
  EXPECT_EQ(ExcelSerialToUnixSeconds("4.50005E4", 0), 1678881600);
  // 22:10 is not a whole number of seconds as a fraction of a day; it is rounded to one.
  EXPECT_EQ(ExcelSerialToUnixSeconds("46329.92361111111", 8 * 3600), 1793715000);
  // Either side of the day Excel invented, 1900-02-29.
  EXPECT_EQ(ExcelSerialToUnixSeconds("1", 0), -2208988800);   // 1900-01-01
  EXPECT_EQ(ExcelSerialToUnixSeconds("59", 0), -2203977600);  // 1900-02-28
  EXPECT_EQ(ExcelSerialToUnixSeconds("60", 0), std::nullopt);
  EXPECT_EQ(ExcelSerialToUnixSeconds("60.5", 0), std::nullopt);
  EXPECT_EQ(ExcelSerialToUnixSeconds("61", 0), -2203891200);                 // 1900-03-01
  EXPECT_EQ(ExcelSerialToUnixSeconds("2958465.99998843", 0), 253402300799);  // 9999-12-31 23:59:59
  for (const std::string_view no :
       {"0.5", "0", "-1", "2958466", "", "abc", "nan", "inf", "45000 ", "2026-11-03 22:10"})
    EXPECT_EQ(ExcelSerialToUnixSeconds(no, 0), std::nullopt) << no;
}

}  // namespace
}  // namespace hejia::domain
