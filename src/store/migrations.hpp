// Schema versions. `hejia migrate` applies what is missing; the server refuses a newer schema.
#pragma once
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace hejia::store {

/// The schema version this build knows.
int LatestSchemaVersion();
/// The database's version (0 = empty).
int CurrentSchemaVersion(Connection& conn);
/// Applies every missing migration inside the caller's transaction; returns the new version.
/// Throws DbError when the database is newer than this build.
int Migrate(Connection& conn);
/// The SQL of the versions after 8, in order (migrations_later.cpp: migrations.cpp is full).
const std::vector<std::string_view>& LaterMigrations();
/// The SQL of the versions after 21 (migrations_cloud.cpp).
const std::vector<std::string_view>& CloudMigrations();

}  // namespace hejia::store
