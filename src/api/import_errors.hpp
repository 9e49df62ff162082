// The one answer of an import that found problems (regions from CSV, incidents and volunteers
// from a spreadsheet): 400 validation_failed naming `field` (the upload), with every problem in
// details.rows as {row, column (the file's header), field, message} (the first
// kMaxReportedImportErrors), error_count, and truncated when more were found. Nothing was
// imported.
#pragma once
#include <string>

#include "domain/region_import.hpp"

namespace hejia::api {

[[noreturn]] void ThrowImportErrors(const domain::ImportErrors& errors, const std::string& field);

}  // namespace hejia::api
