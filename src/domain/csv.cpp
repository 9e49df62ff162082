#include "domain/csv.hpp"

namespace hejia::domain {

namespace {

/// Reads records one at a time; `pos_` and `line_` always point at the next unread byte.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }

  /// Consumes one line end (CRLF, LF or a lone CR) if there is one at the cursor.
  bool ConsumeLineEnd() {
    if (AtEnd()) return false;
    if (text_[pos_] == '\n') {
      ++pos_;
    } else if (text_[pos_] == '\r') {
      ++pos_;
      if (!AtEnd() && text_[pos_] == '\n') ++pos_;
    } else {
      return false;
    }
    ++line_;
    return true;
  }

  /// Skips to just past the next line end: how a malformed record is left behind.
  void SkipRestOfLine() {
    while (!AtEnd() && !ConsumeLineEnd()) ++pos_;
  }

  std::optional<CsvRecord> Next() {
    while (ConsumeLineEnd()) {
    }
    if (AtEnd()) return std::nullopt;
    CsvRecord rec;
    rec.line = line_;
    for (;;) {
      std::string field;
      if (text_[pos_] == '"') {
        if (!ReadQuoted(field, rec)) return rec;
      } else if (!ReadPlain(field, rec)) {
        return rec;
      }
      rec.fields.push_back(std::move(field));
      if (AtEnd()) return rec;
      if (text_[pos_] == ',') {
        ++pos_;
        // A trailing comma at the end of a line or the text means one more, empty, field.
        if (AtEnd() || text_[pos_] == '\n' || text_[pos_] == '\r') {
          rec.fields.emplace_back();
          ConsumeLineEnd();
          return rec;
        }
        continue;
      }
      ConsumeLineEnd();
      return rec;
    }
  }

 private:
  // Both readers stop at ',' or a line end (not consumed), or at the end of the text. They return
  // false after marking the record malformed and skipping the rest of its line.
  bool ReadPlain(std::string& field, CsvRecord& rec) {
    while (!AtEnd()) {
      const char c = text_[pos_];
      if (c == ',' || c == '\n' || c == '\r') return true;
      if (c == '"') {
        rec.error =
            "未加引号的字段中出现引号（字段内的引号须写成两个 \"\" 并用引号括起整个字段）/ "
            "quote inside an unquoted field";
        SkipRestOfLine();
        return false;
      }
      field.push_back(c);
      ++pos_;
    }
    return true;
  }

  bool ReadQuoted(std::string& field, CsvRecord& rec) {
    ++pos_;  // the opening quote
    for (;;) {
      if (AtEnd()) {
        rec.error = "引号未闭合 / unclosed quote";
        return false;
      }
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;  // the closing quote
        break;
      }
      // Line breaks inside quotes belong to the field; they still count as lines of the text.
      if (c == '\n' || (c == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n')))
        ++line_;
      field.push_back(c);
      ++pos_;
    }
    if (AtEnd() || text_[pos_] == ',' || text_[pos_] == '\n' || text_[pos_] == '\r') return true;
    rec.error = "引号后还有多余字符 / text after a closing quote";
    SkipRestOfLine();
    return false;
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

}  // namespace

std::vector<CsvRecord> ParseCsv(std::string_view text) {
  std::vector<CsvRecord> out;
  CsvReader reader(text);
  while (auto rec = reader.Next()) out.push_back(std::move(*rec));
  return out;
}

}  // namespace hejia::domain
