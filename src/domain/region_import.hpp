// Importing regions from a CSV file (code,name,parent_code): the rules, without the database.
// ReadImportRows checks what the file alone can tell; PlanImport then places each row under an
// existing region or an earlier row of the same file. Nothing is imported unless every row holds.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/region.hpp"

namespace hejia::domain {

inline constexpr size_t kMaxImportRows = 5000;
/// An import with thousands of bad rows answers with the first ones only; enough to fix a file.
inline constexpr size_t kMaxReportedImportErrors = 1000;

/// One data row of an import file.
struct ImportRow {
  size_t line = 0;  ///< where the row starts in the file (the header is line 1)
  std::string code, name, parent_code;
  bool ok = true;  ///< false once an error was reported for the row
};

/// One problem of a row: the line, the field (`code`, `name`, `parent_code`, `columns`), a
/// bilingual message and the column's header in the file (the field itself when the file's
/// headers are the field names, or when the import names only the header).
struct ImportError {
  size_t line = 0;
  std::string field;
  std::string message;
  std::string column;
};

/// The errors of an import: every one counted, the first kMaxReportedImportErrors kept.
class ImportErrors {
 public:
  void Add(size_t line, std::string_view field, std::string_view message);
  /// A problem of a spreadsheet's cell: its column's header and the field it fills.
  void AddCell(size_t line, std::string_view column, std::string_view field,
               std::string_view message);
  /// The reported problems in the order of their rows (those of one row as they were found):
  /// for an import that checks the file first and the database after it.
  void SortByLine();
  bool empty() const { return count_ == 0; }
  size_t count() const { return count_; }
  const std::vector<ImportError>& reported() const { return reported_; }

 private:
  std::vector<ImportError> reported_;
  size_t count_ = 0;
};

/// The rows of `text`, after the checks that need no database: the header, the number of
/// columns, required fields, name rules and codes repeated within the file (added to `errors`).
/// Throws ApiError (field `csv`) when the file as a whole is unusable: empty, a wrong header, no
/// data rows or more than kMaxImportRows.
std::vector<ImportRow> ReadImportRows(std::string_view text, ImportErrors& errors);

/// A region already stored, as the import sees it.
struct KnownRegion {
  RegionLevel level = RegionLevel::kGrid;
  std::string path;
  bool retired = false;
};

/// A region the import will create.
struct PlannedRegion {
  std::string code, name, parent_code;
  RegionLevel level = RegionLevel::kGrid;
  std::string path;
};

/// Places the rows: each parent is an existing region the caller sees (`in_scope` of its path)
/// or an earlier valid row; codes must be new and fit their parent. `known` holds the stored
/// regions among the codes and parent codes of `rows`. Adds each problem to `errors`; returns
/// the regions to create, parents first (meaningful only when `errors` stays empty).
std::vector<PlannedRegion> PlanImport(const std::vector<ImportRow>& rows,
                                      const std::map<std::string, KnownRegion, std::less<>>& known,
                                      const std::function<bool(std::string_view path)>& in_scope,
                                      ImportErrors& errors);

}  // namespace hejia::domain
