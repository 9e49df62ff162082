#include "domain/xlsx_read.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "common/utf8.hpp"
#include "domain/xml_read.hpp"
#include "domain/zip_read.hpp"

namespace hejia::domain {

namespace {

constexpr size_t kExcelMaxRows = 1048576;
constexpr size_t kExcelMaxColumns = 16384;
/// A 1904-system serial plus this is the same moment's serial in the 1900 system.
constexpr double kDays1904 = 1462;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
/// An OLE compound file: an old .xls, or an .xlsx that Excel encrypted with a password.
constexpr std::string_view kCompoundFileMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kWorkbookPart = "xl/workbook.xml";

std::optional<size_t> ParseUnsigned(std::string_view text) {
  size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseDouble(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

/// The 0-based column of a cell reference ("B3" → 1), or nullopt if it is not one.
std::optional<size_t> ColumnOf(std::string_view ref) {
  size_t column = 0;
  size_t letters = 0;
  while (letters < ref.size() && ref[letters] >= 'A' && ref[letters] <= 'Z' && letters < 3)
    column = column * 26 + static_cast<size_t>(ref[letters++] - 'A' + 1);
  if (letters == 0 || !ParseUnsigned(ref.substr(letters))) return std::nullopt;
  return column - 1;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

/// A string of the file as a cell's text: OOXML's `_xHHHH_` escapes (Excel writes a carriage
/// return as `_x000D_`) decoded, a leading byte-order mark dropped; nullopt if not UTF-8.
std::optional<std::string> CellText(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  size_t at = 0;
  while (at < raw.size()) {
    const size_t escape = raw.find("_x", at);
    if (escape == std::string_view::npos || raw.size() - escape < 7) break;
    out.append(raw.substr(at, escape - at));
    const std::string_view hex = raw.substr(escape + 2, 4);
    unsigned code = 0;
    const auto [end, ec] = std::from_chars(hex.data(), hex.data() + 4, code, 16);
    // U+0000 and lone surrogates are no text: such an escape stays as it was written.
    if (ec == std::errc() && end == hex.data() + 4 && raw[escape + 6] == '_' && code != 0 &&
        (code < 0xD800 || code > 0xDFFF)) {
      AppendUtf8(out, code);
      at = escape + 7;
    } else {
      out.append("_x");
      at = escape + 2;
    }
  }
  if (at < raw.size()) out.append(raw.substr(at));
  if (std::string_view(out).starts_with(kBom)) out.erase(0, kBom.size());
  if (!IsValidUtf8(out)) return std::nullopt;
  return out;
}

/// An XML part of the workbook; a handler that meets something it refuses says why.
class PartReader : public XmlReader {
 public:
  /// The problem that ended the part's parse, if any.
  std::optional<XlsxProblem> Read(std::string_view xml) {
    if (Parse(xml)) return std::nullopt;
    return problem_.value_or(XlsxProblem::kMalformed);
  }

 protected:
  void Fail(XlsxProblem problem) {
    problem_ = problem;
    Stop();
  }

 private:
  std::optional<XlsxProblem> problem_;
};

/// xl/workbook.xml: the relationship of the first sheet, and the date system.
class WorkbookReader final : public PartReader {
 public:
  std::string first_sheet_id;
  bool date1904 = false;

 private:
  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "workbookPr") {
      const auto value = attributes.Get("date1904");
      date1904 = value == "1" || value == "true";
    } else if (name == "sheet" && !seen_sheet_) {
      seen_sheet_ = true;
      first_sheet_id = attributes.Get("id", true).value_or("");
    }
  }

  bool seen_sheet_ = false;
};

/// xl/_rels/workbook.xml.rels: where the first sheet, the shared strings and the styles are.
class RelationsReader final : public PartReader {
 public:
  explicit RelationsReader(std::string sheet_id) : sheet_id_(std::move(sheet_id)) {}

  std::string sheet, shared_strings, styles;

 private:
  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship" || attributes.Get("TargetMode") == "External") return;
    const std::string target(attributes.Get("Target").value_or(""));
    const std::string_view type = attributes.Get("Type").value_or("");
    if (!sheet_id_.empty() && attributes.Get("Id") == sheet_id_) sheet = target;
    if (type.ends_with("/sharedStrings")) shared_strings = target;
    if (type.ends_with("/styles")) styles = target;
  }

  std::string sheet_id_;
};

/// A relationship's target as a name in the archive: relative to xl/, or absolute from the root
/// when it starts with '/'; "" if it climbs out of the archive.
std::string PartName(std::string_view target) {
  std::vector<std::string_view> parts;
  if (target.starts_with('/')) {
    target.remove_prefix(1);
  } else {
    parts.push_back("xl");
  }
  while (!target.empty()) {
    const size_t slash = target.find('/');
    const std::string_view part = target.substr(0, slash);
    target.remove_prefix(slash == std::string_view::npos ? target.size() : slash + 1);
    if (part.empty() || part == ".") continue;
    if (part != "..") {
      parts.push_back(part);
    } else if (parts.empty()) {
      return "";
    } else {
      parts.pop_back();
    }
  }
  std::string name;
  for (const auto part : parts) name.append(name.empty() ? "" : "/").append(part);
  return name;
}

/// xl/sharedStrings.xml: each `<si>`'s text, its rich-text runs joined, phonetic guides left out.
class SharedStringsReader final : public PartReader {
 public:
  std::vector<std::string> strings;

 private:
  void Start(std::string_view name, const XmlAttributes&) override {
    if (name == "si") {
      in_item_ = true;
      text_.clear();
    } else if (name == "t") {
      in_text_ = in_item_ && phonetic_depth_ == 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    }
  }
  void End(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "si") {
      in_item_ = false;
      auto text = CellText(text_);
      if (!text) return Fail(XlsxProblem::kMalformed);
      strings.push_back(std::move(*text));
    }
  }
  void Text(std::string_view text) override {
    if (in_text_) text_.append(text);
  }

  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
  std::string text_;
};

/// Excel's built-in date and time formats (14–22, 45–47), and those of its Chinese, Japanese and
/// Korean versions (27–36, 50–58), which a file names by number alone.
bool IsBuiltInDateFormat(size_t id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/// A custom format code shows a date or time when, outside quoted text, escaped and padding
/// characters and [colour]/[$-locale] brackets, it uses y, m, d, h or s; [h] [mm] [ss] count.
bool IsDateFormatCode(std::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos)
        return true;
      i = close;
    } else if (std::string_view("yYmMdDhHsS").find(c) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

/// xl/styles.xml: for each cell format (`<cellXfs>`'s `<xf>`, a cell's `s`), whether it shows a
/// date or time.
class StylesReader final : public PartReader {
 public:
  std::vector<bool> DateStyles() const {
    std::vector<bool> out;
    out.reserve(cell_formats_.size());
    for (const size_t id : cell_formats_) {
      const auto custom = custom_date_.find(id);
      out.push_back(custom != custom_date_.end() ? custom->second : IsBuiltInDateFormat(id));
    }
    return out;
  }

 private:
  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmt") {
      const auto id = ParseUnsigned(attributes.Get("numFmtId").value_or(""));
      if (id) custom_date_[*id] = IsDateFormatCode(attributes.Get("formatCode").value_or(""));
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      cell_formats_.push_back(ParseUnsigned(attributes.Get("numFmtId").value_or("0")).value_or(0));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }

  std::map<size_t, bool> custom_date_;
  std::vector<size_t> cell_formats_;
  bool in_cell_formats_ = false;
};

/// A number of a 1904 workbook's date cell as the same moment's 1900-system serial.
std::string SerialFrom1904(const std::string& serial) {
  const auto value = ParseDouble(serial);
  if (!value) return serial;
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *value + kDays1904);
  return ec == std::errc() ? std::string(buffer, end) : serial;
}

/// The worksheet: `<sheetData>`'s rows and cells, into XlsxRow values within the limits.
class SheetReader final : public PartReader {
 public:
  SheetReader(const XlsxLimits& limits, const std::vector<std::string>& shared_strings,
              const std::vector<bool>& date_styles, bool date1904)
      : limits_(limits),
        shared_strings_(shared_strings),
        date_styles_(date_styles),
        date1904_(date1904) {}

  std::vector<XlsxRow> rows;

 private:
  enum class CellType { kNumber, kShared, kInline, kText };

  void Start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      StartRow(attributes);
    } else if (name == "c") {
      StartCell(attributes);
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      in_value_ = type_ != CellType::kInline;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "t") {
      in_text_ = in_inline_ && type_ == CellType::kInline && phonetic_depth_ == 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    }
  }

  void End(std::string_view name) override {
    if (name == "sheetData") {
      in_data_ = false;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      EndRow();
    } else if (name == "c") {
      EndCell();
    } else if (name == "v") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    }
  }

  void Text(std::string_view text) override {
    if (in_value_ || in_text_) value_.append(text);
  }

  // Rows and cells may leave out `r`; they then follow the one before.
  void StartRow(const XmlAttributes& attributes) {
    size_t number = last_row_ + 1;
    if (const auto r = attributes.Get("r")) number = ParseUnsigned(*r).value_or(0);
    if (number == 0 || number > kExcelMaxRows || in_row_) return Fail(XlsxProblem::kMalformed);
    last_row_ = number;
    row_ = XlsxRow();
    row_.line = number;
    next_column_ = 0;
    in_row_ = true;
  }

  void StartCell(const XmlAttributes& attributes) {
    if (!in_row_ || in_cell_) return Fail(XlsxProblem::kMalformed);
    column_ = next_column_;
    if (const auto r = attributes.Get("r")) column_ = ColumnOf(*r).value_or(kExcelMaxColumns);
    if (column_ >= kExcelMaxColumns) return Fail(XlsxProblem::kMalformed);
    next_column_ = column_ + 1;
    const std::string_view t = attributes.Get("t").value_or("n");
    if (t == "n") {
      type_ = CellType::kNumber;
    } else if (t == "s") {
      type_ = CellType::kShared;
    } else if (t == "inlineStr") {
      type_ = CellType::kInline;
    } else if (t == "str" || t == "b" || t == "e" || t == "d") {
      type_ = CellType::kText;
    } else {
      return Fail(XlsxProblem::kMalformed);
    }
    style_ = ParseUnsigned(attributes.Get("s").value_or("0")).value_or(0);
    value_.clear();
    in_cell_ = true;
  }

  void EndCell() {
    in_cell_ = in_value_ = in_inline_ = in_text_ = false;
    phonetic_depth_ = 0;
    std::string text;
    bool is_date = false;
    if (type_ == CellType::kShared) {
      const auto index = ParseUnsigned(value_);
      if (!index || *index >= shared_strings_.size()) return Fail(XlsxProblem::kMalformed);
      text = shared_strings_[*index];
    } else if (type_ == CellType::kNumber) {
      if (!IsValidUtf8(value_)) return Fail(XlsxProblem::kMalformed);
      is_date = !value_.empty() && style_ < date_styles_.size() && date_styles_[style_];
      text = is_date && date1904_ ? SerialFrom1904(value_) : std::move(value_);
    } else {
      auto decoded = CellText(value_);
      if (!decoded) return Fail(XlsxProblem::kMalformed);
      text = std::move(*decoded);
    }
    if (text.empty()) return;
    if (column_ >= limits_.max_columns) return Fail(XlsxProblem::kTooManyColumns);
    // Shared strings are copied into every cell that names them: the copies are bounded too.
    text_bytes_ += text.size();
    if (text_bytes_ > limits_.max_uncompressed) return Fail(XlsxProblem::kTooLarge);
    if (row_.cells.size() <= column_) {
      row_.cells.resize(column_ + 1);
      row_.is_date.resize(column_ + 1);
    }
    row_.cells[column_] = std::move(text);
    row_.is_date[column_] = is_date;
  }

  void EndRow() {
    in_row_ = false;
    if (row_.cells.empty()) return;
    if (rows.size() >= limits_.max_rows) return Fail(XlsxProblem::kTooManyRows);
    rows.push_back(std::move(row_));
  }

  const XlsxLimits& limits_;
  const std::vector<std::string>& shared_strings_;
  const std::vector<bool>& date_styles_;
  const bool date1904_;

  bool in_data_ = false, in_row_ = false, in_cell_ = false;
  bool in_value_ = false, in_inline_ = false, in_text_ = false;
  int phonetic_depth_ = 0;
  size_t last_row_ = 0, next_column_ = 0, column_ = 0, style_ = 0, text_bytes_ = 0;
  CellType type_ = CellType::kNumber;
  std::string value_;
  XlsxRow row_;
};

XlsxProblem FromZip(ZipProblem problem) {
  switch (problem) {
    case ZipProblem::kNotZip:
      return XlsxProblem::kNotXlsx;
    case ZipProblem::kEncrypted:
      return XlsxProblem::kEncrypted;
    case ZipProblem::kTooLarge:
      return XlsxProblem::kTooLarge;
    case ZipProblem::kMalformed:
      break;
  }
  return XlsxProblem::kMalformed;
}

/// Unpacks part `name` (taking its size from `budget`) and gives it to `reader`; the part's bytes
/// are freed before the next one is unpacked.
std::optional<XlsxProblem> ReadPart(const ZipArchive& zip, const std::string& name, size_t& budget,
                                    PartReader& reader) {
  auto part = zip.Extract(name, budget);
  if (const auto* problem = std::get_if<ZipProblem>(&part)) return FromZip(*problem);
  return reader.Read(std::get<std::string>(part));
}

/// The archive's name of a related part, or `fallback` when the relationship is missing or
/// names no part of the archive.
std::string RelatedPart(const ZipArchive& zip, std::string_view target, std::string fallback) {
  std::string name = target.empty() ? "" : PartName(target);
  return !name.empty() && zip.Contains(name) ? name : fallback;
}

}  // namespace

std::variant<std::vector<XlsxRow>, XlsxProblem> ReadFirstSheet(std::string_view bytes,
                                                               const XlsxLimits& limits) {
  if (bytes.starts_with(kCompoundFileMagic)) {
    // Excel's password protection wraps the whole .xlsx in a compound file with this stream.
    constexpr std::string_view kEncryptedPackage{"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0",
                                                 32};
    return bytes.find(kEncryptedPackage) != std::string_view::npos ? XlsxProblem::kEncrypted
                                                                   : XlsxProblem::kNotXlsx;
  }
  auto opened = ZipArchive::Open(bytes);
  if (const auto* problem = std::get_if<ZipProblem>(&opened)) return FromZip(*problem);
  const ZipArchive& zip = std::get<ZipArchive>(opened);
  if (!zip.Contains(kWorkbookPart)) return XlsxProblem::kNotXlsx;
  size_t budget = limits.max_uncompressed;

  WorkbookReader workbook;
  if (auto problem = ReadPart(zip, std::string(kWorkbookPart), budget, workbook)) return *problem;
  RelationsReader relations(workbook.first_sheet_id);
  const std::string relations_part = "xl/_rels/workbook.xml.rels";
  if (zip.Contains(relations_part)) {
    if (auto problem = ReadPart(zip, relations_part, budget, relations)) return *problem;
  }
  const std::string sheet_part = RelatedPart(zip, relations.sheet, "xl/worksheets/sheet1.xml");
  if (!zip.Contains(sheet_part)) return XlsxProblem::kMalformed;

  SharedStringsReader shared;
  const std::string shared_part =
      RelatedPart(zip, relations.shared_strings, "xl/sharedStrings.xml");
  if (zip.Contains(shared_part)) {
    if (auto problem = ReadPart(zip, shared_part, budget, shared)) return *problem;
  }
  StylesReader styles;
  const std::string styles_part = RelatedPart(zip, relations.styles, "xl/styles.xml");
  if (zip.Contains(styles_part)) {
    if (auto problem = ReadPart(zip, styles_part, budget, styles)) return *problem;
  }
  const std::vector<bool> date_styles = styles.DateStyles();
  SheetReader sheet(limits, shared.strings, date_styles, workbook.date1904);
  if (auto problem = ReadPart(zip, sheet_part, budget, sheet)) return *problem;
  return std::move(sheet.rows);
}

std::string_view XlsxProblemMessage(XlsxProblem problem) {
  switch (problem) {
    case XlsxProblem::kNotXlsx:
      return "不是 Excel 工作簿（.xlsx），旧版 .xls 请在 Excel 中另存为 .xlsx / "
             "not an Excel workbook (.xlsx); save an old .xls as .xlsx in Excel first";
    case XlsxProblem::kTooLarge:
      return "工作簿内容过大 / the workbook holds too much data";
    case XlsxProblem::kTooManyRows:
      return "工作表行数超过上限 / the sheet has too many rows";
    case XlsxProblem::kTooManyColumns:
      return "工作表列数超过上限 / the sheet has too many columns";
    case XlsxProblem::kEncrypted:
      return "工作簿设有密码，请取消密码后再上传 / "
             "the workbook is password-protected; remove the password and upload it again";
    case XlsxProblem::kMalformed:
      break;
  }
  return "文件已损坏或格式无法读取 / the file is damaged or in a form that cannot be read";
}

}  // namespace hejia::domain
