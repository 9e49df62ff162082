// A small RFC 4180 reader for uploads (region import and, later, other imports): comma-separated
// fields, double-quoted fields that may hold commas, quotes ("") and line breaks, CRLF or LF
// line ends. No I/O; every record remembers the line it starts on so errors can point at it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

/// One record of a CSV text, or the reason it could not be read.
struct CsvRecord {
  /// 1-based line of the text where the record starts (the header is line 1).
  size_t line = 0;
  std::vector<std::string> fields;
  /// Set when the record is malformed (stray or unclosed quote); `fields` is then incomplete.
  std::optional<std::string> error;
};

/// Splits `text` into records. A UTF-8 byte-order mark at the start is dropped, and empty lines
/// (nothing between two line ends) are skipped, as spreadsheet exports often end with one. A
/// malformed record is returned with `error` set and reading goes on at the next line; an unclosed
/// quote ends the text.
std::vector<CsvRecord> ParseCsv(std::string_view text);

}  // namespace hejia::domain
