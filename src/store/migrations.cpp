#include "store/migrations.hpp"

#include <string>
#include <vector>

namespace hejia::store {
namespace {

// `{{id}}` is the dialect's auto-increment primary key; nothing else is substituted.
const std::vector<std::string_view> kMigrations = {
    // 1: foundation
    R"SQL(
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level TEXT NOT NULL,
  parent_code TEXT REFERENCES regions(code),
  path TEXT NOT NULL UNIQUE,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code, code);

CREATE TABLE households (
  id {{id}},
  grid_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  address_enc TEXT NOT NULL DEFAULT '',
  address_mask TEXT NOT NULL DEFAULT '',
  head_name TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  members_count INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX households_scope ON households(region_path, id);
CREATE INDEX households_scope_created ON households(region_path, created_at);

CREATE TABLE people (
  id {{id}},
  household_id BIGINT NOT NULL REFERENCES households(id),
  region_path TEXT NOT NULL,
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  id_enc TEXT NOT NULL DEFAULT '',
  id_mask TEXT NOT NULL DEFAULT '',
  id_bidx TEXT,
  phone_enc TEXT NOT NULL DEFAULT '',
  phone_mask TEXT NOT NULL DEFAULT '',
  phone_bidx TEXT,
  address_enc TEXT NOT NULL DEFAULT '',
  address_mask TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  relation TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX people_scope ON people(region_path, id);
CREATE INDEX people_household ON people(household_id);
CREATE INDEX people_id_bidx ON people(id_bidx);
CREATE INDEX people_phone_bidx ON people(phone_bidx);
CREATE INDEX people_name_birth ON people(name, birth_date);

CREATE TABLE users (
  id {{id}},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  region_code TEXT REFERENCES regions(code),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  totp_secret_enc TEXT NOT NULL DEFAULT '',
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  admin_locked INTEGER NOT NULL DEFAULT 0,
  demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_sign_in_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_region ON users(region_code);

CREATE TABLE sessions (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions(user_id, revoked);

CREATE TABLE sign_ins (
  id {{id}},
  user_id BIGINT,
  login TEXT NOT NULL,
  at BIGINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL
);
CREATE INDEX sign_ins_user ON sign_ins(user_id, at);
CREATE INDEX sign_ins_ip ON sign_ins(ip, at);

CREATE TABLE audit_log (
  id {{id}},
  seq BIGINT NOT NULL UNIQUE,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_login TEXT NOT NULL DEFAULT '',
  actor_role TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  result TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_actor ON audit_log(actor_login, at);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  last_hash TEXT NOT NULL,
  checkpoint TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash, checkpoint) VALUES (1, 0, '', '');
)SQL",
    // 2: newest-first pages of households and people in a city, town or village scope. A range
    // on (region_path, id) spans many grids and cannot give id order, so each level gets an
    // index on its path prefix (city 8, town 18, village 31 characters) followed by id; the
    // grid level uses households_scope / people_scope with an equality.
    R"SQL(
CREATE INDEX households_city_id ON households ((substr(region_path, 1, 8)), id);
CREATE INDEX households_town_id ON households ((substr(region_path, 1, 18)), id);
CREATE INDEX households_village_id ON households ((substr(region_path, 1, 31)), id);
CREATE INDEX people_city_id ON people ((substr(region_path, 1, 8)), id);
CREATE INDEX people_town_id ON people ((substr(region_path, 1, 18)), id);
CREATE INDEX people_village_id ON people ((substr(region_path, 1, 31)), id);
)SQL",
};

std::string ForDialect(std::string_view sql, Dialect d) {
  std::string out(sql);
  const std::string id = d == Dialect::kSqlite
                             ? "INTEGER PRIMARY KEY"
                             : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  for (size_t pos; (pos = out.find("{{id}}")) != std::string::npos;) out.replace(pos, 6, id);
  return out;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

int CurrentSchemaVersion(Connection& conn) {
  conn.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  auto row = conn.QueryOne("SELECT MAX(version) FROM schema_version");
  return row && !row->IsNull(0) ? static_cast<int>(row->Int(0)) : 0;
}

int Migrate(Connection& conn) {
  int current = CurrentSchemaVersion(conn);
  if (current > LatestSchemaVersion())
    throw DbError("database schema version " + std::to_string(current) +
                  " is newer than this program (" + std::to_string(LatestSchemaVersion()) +
                  "); upgrade hejia");
  for (int v = current + 1; v <= LatestSchemaVersion(); ++v) {
    conn.ExecuteScript(ForDialect(kMigrations[v - 1], conn.dialect()));
    conn.Execute("INSERT INTO schema_version (version) VALUES (?)", {v});
    current = v;
  }
  return current;
}

}  // namespace hejia::store
