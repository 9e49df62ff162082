#include "store/backup.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <stdexcept>
#include <system_error>

#include "store/db.hpp"

namespace hejia::store {

void BackupSqlite(const std::string& path, const std::string& to) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close_all = [&] {
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
  };
  if (sqlite3_open_v2(path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    close_all();
    throw DbError("cannot open " + path);
  }
  sqlite3_busy_timeout(src, 10000);
  if (sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    close_all();
    throw DbError("cannot create " + to);
  }
  chmod(to.c_str(), 0600);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dst);
    close_all();
    throw DbError("backup failed: " + msg);
  }
  // One step copies every page inside one read transaction: a consistent snapshot.
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    close_all();
    throw DbError("backup failed: " + std::string(sqlite3_errstr(rc)));
  }
  sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  close_all();
}

FilesCopied BackupFiles(const std::filesystem::path& from, const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  FilesCopied out;
  std::error_code ec;
  if (!fs::is_directory(from, ec)) return out;
  auto fail = [](const std::string& what, const fs::path& path, const std::error_code& e) {
    throw std::runtime_error("cannot " + what + " " + path.string() + ": " + e.message());
  };
  auto make_dir = [&](const fs::path& dir) {
    if (!fs::create_directories(dir, ec) && ec) fail("create", dir, ec);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  };
  make_dir(to);
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const fs::path rel = fs::relative(it->path(), from, ec);
    if (ec) fail("read", it->path(), ec);
    const fs::path target = to / rel;
    if (it->is_directory()) {
      make_dir(target);
      continue;
    }
    if (!it->is_regular_file() || rel.filename().string().starts_with(".upload-")) continue;
    const auto size = it->file_size(ec);
    if (ec) fail("read", it->path(), ec);
    std::error_code exists;
    if (fs::is_regular_file(target, exists) && fs::file_size(target, exists) == size && !exists) {
      ++out.kept;
      continue;
    }
    const fs::path partial = target.string() + ".partial";
    if (!fs::copy_file(it->path(), partial, fs::copy_options::overwrite_existing, ec))
      fail("copy", it->path(), ec);
    fs::permissions(partial, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace, ec);
    fs::rename(partial, target, ec);
    if (ec) fail("write", target, ec);
    ++out.copied;
  }
  if (ec) fail("read", from, ec);
  return out;
}

}  // namespace hejia::store
