// One SQLite connection outside the Database pools: for tools (the benchmark) that need the
// server's exact statement handling with pragmas of their own.
#pragma once
#include <sqlite3.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "store/db.hpp"

namespace hejia::store {

/// The pragmas every connection of the server runs (readers add query_only).
extern const char* const kSqliteServerPragmas;

/// Binds `params` to `stmt` (1-based, by type): the one place values meet SQLite.
void BindSqliteParams(sqlite3_stmt* stmt, std::span<const Value> params);

/// Opens (creating) `path` and runs `pragmas` once; statements are prepared once and cached.
std::unique_ptr<Connection> OpenSqliteConnection(const std::string& path, std::string_view pragmas);

}  // namespace hejia::store
