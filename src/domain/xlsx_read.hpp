// A small reader for uploaded Excel workbooks (.xlsx): the first sheet's cells as text, row by row,
// for imports such as a batch of police incidents. Bytes in, values out (no I/O); written for
// hostile files: every offset is checked, nothing is unpacked past a budget, the XML may carry no
// DTD, and rows, columns and the text handed back are all bounded.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hejia::domain {

/// One row of the sheet that holds at least one non-empty cell.
struct XlsxRow {
  /// 1-based row number in the spreadsheet (empty rows are skipped but still counted).
  size_t line = 0;
  /// The cells from column A, placed by their column letters: a gap is an empty string and
  /// trailing empty cells are dropped. Numbers are the text of the file ("13800000000",
  /// "1.38E10", "45000.5"), booleans "0"/"1", errors as written ("#N/A"), formulas their result.
  std::vector<std::string> cells;
  /// Parallel to `cells`: true for a number shown with a date or time format, whose text is an
  /// Excel serial in the 1900 date system (a 1904 workbook's serials are moved into it) for
  /// ExcelSerialToUnixSeconds.
  std::vector<bool> is_date;
};

/// Why a workbook could not be read.
enum class XlsxProblem {
  kNotXlsx,         ///< not an .xlsx workbook (another file, or an old .xls)
  kTooLarge,        ///< more than `max_uncompressed` bytes once unpacked, or as cell text
  kTooManyRows,     ///< more than `max_rows` non-empty rows
  kTooManyColumns,  ///< a non-empty cell past `max_columns`
  kEncrypted,       ///< password-protected
  kMalformed,       ///< damaged, truncated, or a form not read here (ZIP64, a DTD, bad UTF-8)
};

/// What a workbook may cost.
struct XlsxLimits {
  /// The parts read, unpacked, together; and separately the text of all cells returned.
  size_t max_uncompressed = 20 << 20;
  /// Non-empty rows (a header row counts).
  size_t max_rows = 5000;
  /// Columns that may hold a value: A.. (64 is A..BL); empty cells further right are ignored.
  size_t max_columns = 64;
};

/// The non-empty rows of the workbook's first sheet (the first tab, hidden or not).
std::variant<std::vector<XlsxRow>, XlsxProblem> ReadFirstSheet(std::string_view bytes,
                                                               const XlsxLimits& limits = {});

/// "中文 / English" text of a problem, for the importer's answer.
std::string_view XlsxProblemMessage(XlsxProblem problem);

/// The decimal integer a number's text stands for when it is an exact integer, worked out on
/// the digits (no floating point): "1.3800000001E10" and "13800000001" → "13800000001", "-0.0"
/// → "0"; "1.38000000001E10" (13800000000.1), "1.5", "", "abc" and integers of more than 30
/// digits → nullopt.
std::optional<std::string> XlsxIntegerText(std::string_view number);

/// An Excel serial date-time of the 1900 date system ("45000.5": 2023-03-15 12:00) read as wall
/// time at `utc_offset_seconds` east of UTC (28800 for Beijing), as Unix seconds rounded to the
/// second. Serial 25569 is 1970-01-01; the day Excel calls 1900-02-29 (serial 60) never was and,
/// like times without a date (below 1), serials after 9999-12-31 and anything not a number,
/// gives nullopt.
std::optional<int64_t> ExcelSerialToUnixSeconds(std::string_view serial, int utc_offset_seconds);

}  // namespace hejia::domain
