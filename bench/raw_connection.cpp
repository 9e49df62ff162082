// A plain sqlite3 connection for the generator: same statements as the server's connection, but
// opened with pragmas only a throwaway bulk load may use (no fsync, a large page cache).
#include "bench.hpp"

namespace hejia::bench {

RawConnection::RawConnection(const std::string& path, const std::string& pragmas) : path_(path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw store::DbError("cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  if (!pragmas.empty()) ExecuteScript(pragmas);
}

RawConnection::~RawConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

std::vector<store::Row> RawConnection::Query(std::string_view sql,
                                             std::span<const store::Value> params) {
  sqlite3_stmt* stmt = Prepare(sql, params);
  std::vector<store::Row> rows;
  const int ncol = sqlite3_column_count(stmt);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) Fail(rc);
    std::vector<store::Value> cells;
    cells.reserve(ncol);
    for (int i = 0; i < ncol; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
          cells.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(stmt, i));
          break;
        case SQLITE_NULL:
          cells.emplace_back();
          break;
        default: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
          cells.emplace_back(std::string_view(p ? p : "", sqlite3_column_bytes(stmt, i)));
        }
      }
    }
    rows.emplace_back(std::move(cells));
  }
  sqlite3_reset(stmt);
  return rows;
}

int64_t RawConnection::Execute(std::string_view sql, std::span<const store::Value> params) {
  sqlite3_stmt* stmt = Prepare(sql, params);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) Fail(rc);
  }
  sqlite3_reset(stmt);
  return sqlite3_changes64(db_);
}

void RawConnection::ExecuteScript(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    throw store::DbError("SQLite: " + msg);
  }
}

sqlite3_stmt* RawConnection::Prepare(std::string_view sql, std::span<const store::Value> params) {
  const std::string key(sql);
  if (sink_) sink_->push_back({key, std::vector<store::Value>(params.begin(), params.end())});
  auto it = cache_.find(key);
  sqlite3_stmt* stmt = nullptr;
  if (it == cache_.end()) {
    if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK)
      throw store::DbError(std::string("SQLite prepare: ") + sqlite3_errmsg(db_));
    cache_.emplace(key, stmt);
  } else {
    stmt = it->second;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
    throw store::DbError("SQLite: wrong number of parameters");
  for (size_t i = 0; i < params.size(); ++i) {
    const store::Value& v = params[i];
    const int idx = static_cast<int>(i + 1);
    if (v.IsNull())
      sqlite3_bind_null(stmt, idx);
    else if (v.IsInt())
      sqlite3_bind_int64(stmt, idx, v.Int());
    else if (v.IsReal())
      sqlite3_bind_double(stmt, idx, v.Real());
    else
      sqlite3_bind_text(stmt, idx, v.TextRef().data(), static_cast<int>(v.TextRef().size()),
                        SQLITE_STATIC);
  }
  return stmt;
}

void RawConnection::Fail(int rc) {
  throw store::DbError("SQLite: " + std::string(sqlite3_errmsg(db_)),
                       (rc & 0xff) == SQLITE_CONSTRAINT);
}

}  // namespace hejia::bench
