// Consistent copies of a live database.
#pragma once
#include <string>

namespace hejia::store {

/// Copies the SQLite database at `path` to `to` with SQLite's online backup, which sees one
/// consistent snapshot even while the server writes (WAL). Throws DbError on failure.
void BackupSqlite(const std::string& path, const std::string& to);

}  // namespace hejia::store
