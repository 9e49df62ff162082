// Consistent copies of a live database.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace hejia::store {

/// Copies the SQLite database at `path` to `to` with SQLite's online backup, which sees one
/// consistent snapshot even while the server writes (WAL). Throws DbError on failure.
void BackupSqlite(const std::string& path, const std::string& to);

/// What BackupFiles did.
struct FilesCopied {
  int64_t copied = 0;  ///< files new to the copy
  int64_t kept = 0;    ///< files the copy held already
};

/// Copies the files folder — case attachments (encrypted) and published media under `media/`,
/// each stored under the digest of its content, written once and never changed or removed —
/// into `to`, incrementally: a file the copy holds already with the same size is kept (the same
/// name is the same content); a write under way (".upload-…") is skipped. Each file is copied to
/// a temporary name and renamed, so an interrupted backup leaves no half file under a digest;
/// folders 0700, files 0600. Taken after the database's backup, the copy holds every file the
/// backup's rows name (a file is written before its row). A missing `from` copies nothing.
/// std::runtime_error naming the file the disk refused.
FilesCopied BackupFiles(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace hejia::store
