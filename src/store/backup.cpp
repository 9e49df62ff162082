#include "store/backup.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

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

}  // namespace hejia::store
