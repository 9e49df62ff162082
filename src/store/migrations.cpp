#include "store/migrations.hpp"

#include <string>
#include <vector>

namespace hejia::store {
namespace {

// `{{id}}` is the dialect's auto-increment primary key; nothing else is substituted. Versions 1 to
// 8; later ones in migrations_later.cpp.
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
    // 3: help requests and mediation (docs/design/cases.md). Amounts are in fen (1/100 yuan);
    // times are Unix milliseconds; `*_enc` columns hold FieldCipher ciphertexts, `*_bidx` keyed
    // blind indexes; `region_path` is the handling unit's path (the scope of every case row).
    R"SQL(
CREATE TABLE case_settings (
  id INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);

CREATE TABLE mediation_rooms (
  id {{id}},
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  demonstration INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX mediation_rooms_scope ON mediation_rooms(region_path, id);

CREATE TABLE mediators (
  id {{id}},
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  person_id BIGINT REFERENCES people(id),
  specialities TEXT NOT NULL DEFAULT '',
  phone_enc TEXT NOT NULL DEFAULT '',
  phone_mask TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX mediators_scope ON mediators(region_path, id);
CREATE INDEX mediators_user ON mediators(user_id);

CREATE TABLE duty_shifts (
  id {{id}},
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by BIGINT
);
CREATE INDEX duty_shifts_region_time ON duty_shifts(region_code, starts_at);
CREATE INDEX duty_shifts_scope ON duty_shifts(region_path, starts_at);

CREATE TABLE cases (
  id {{id}},
  case_no TEXT NOT NULL UNIQUE,
  tracking_bidx TEXT UNIQUE,
  channel TEXT NOT NULL,
  external_ref TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  severity TEXT NOT NULL DEFAULT 'normal',
  status TEXT NOT NULL,
  level TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  home_code TEXT REFERENCES regions(code),
  night_clinic INTEGER NOT NULL DEFAULT 0,
  assignee_id BIGINT REFERENCES users(id),
  mediator_id BIGINT REFERENCES mediators(id),
  consultation_id BIGINT,
  title TEXT NOT NULL DEFAULT '',
  facts_enc TEXT NOT NULL DEFAULT '',
  wish_enc TEXT NOT NULL DEFAULT '',
  safe_contact_enc TEXT NOT NULL DEFAULT '',
  disclose_identity INTEGER NOT NULL DEFAULT 0,
  risk_level TEXT NOT NULL DEFAULT '',
  supervision TEXT NOT NULL DEFAULT '',
  due_first_contact_at BIGINT,
  first_contact_at BIGINT,
  due_decision_at BIGINT,
  decided_at BIGINT,
  due_mediation_at BIGINT,
  mediation_started_at BIGINT,
  extensions INTEGER NOT NULL DEFAULT 0,
  resolved_at BIGINT,
  closed_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  satisfaction INTEGER,
  flagged INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_scope ON cases(region_path, id);
CREATE INDEX cases_status ON cases(status, id);
CREATE INDEX cases_assignee ON cases(assignee_id, status);
CREATE INDEX cases_created ON cases(created_at);

CREATE TABLE case_parties (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  role TEXT NOT NULL,
  person_id BIGINT REFERENCES people(id),
  household_id BIGINT REFERENCES households(id),
  name TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT '',
  phone_enc TEXT NOT NULL DEFAULT '',
  phone_mask TEXT NOT NULL DEFAULT '',
  phone_bidx TEXT,
  id_enc TEXT NOT NULL DEFAULT '',
  id_mask TEXT NOT NULL DEFAULT '',
  id_bidx TEXT,
  address_enc TEXT NOT NULL DEFAULT '',
  address_mask TEXT NOT NULL DEFAULT '',
  relation TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX case_parties_case ON case_parties(case_id);
CREATE INDEX case_parties_phone ON case_parties(phone_bidx);
CREATE INDEX case_parties_id ON case_parties(id_bidx);
CREATE INDEX case_parties_person ON case_parties(person_id);

CREATE TABLE case_events (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  text_enc TEXT NOT NULL DEFAULT '',
  shared INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, id);

CREATE TABLE case_protection (
  case_id BIGINT PRIMARY KEY REFERENCES cases(id),
  police_reported_at BIGINT,
  police_ref TEXT NOT NULL DEFAULT '',
  warning_letter_no TEXT NOT NULL DEFAULT '',
  order_applied_at BIGINT,
  order_urgent INTEGER NOT NULL DEFAULT 0,
  order_due_at BIGINT,
  order_court TEXT NOT NULL DEFAULT '',
  order_decided_at BIGINT,
  order_result TEXT NOT NULL DEFAULT '',
  order_valid_until BIGINT,
  updated_at BIGINT NOT NULL
);

CREATE TABLE mediation_sessions (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  room_id BIGINT REFERENCES mediation_rooms(id),
  online INTEGER NOT NULL DEFAULT 0,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  mediator_id BIGINT REFERENCES mediators(id),
  status TEXT NOT NULL DEFAULT 'scheduled',
  summary_enc TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX mediation_sessions_case ON mediation_sessions(case_id, starts_at);
CREATE INDEX mediation_sessions_room ON mediation_sessions(room_id, starts_at);

CREATE TABLE agreements (
  id {{id}},
  case_id BIGINT NOT NULL UNIQUE REFERENCES cases(id),
  form TEXT NOT NULL DEFAULT 'written',
  status TEXT NOT NULL DEFAULT 'draft',
  facts_enc TEXT NOT NULL DEFAULT '',
  disputes_enc TEXT NOT NULL DEFAULT '',
  terms TEXT NOT NULL DEFAULT '[]',
  mediator_signed_at BIGINT,
  effective_at BIGINT,
  judicial_applied_at BIGINT,
  judicial_court TEXT NOT NULL DEFAULT '',
  judicial_case_no TEXT NOT NULL DEFAULT '',
  judicial_result TEXT NOT NULL DEFAULT '',
  judicial_decided_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE agreement_confirmations (
  id {{id}},
  agreement_id BIGINT NOT NULL REFERENCES agreements(id),
  party_id BIGINT NOT NULL REFERENCES case_parties(id),
  method TEXT NOT NULL DEFAULT '',
  code_hash TEXT NOT NULL DEFAULT '',
  code_expires_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  confirmed_at BIGINT,
  recorded_by BIGINT,
  UNIQUE (agreement_id, party_id)
);

CREATE TABLE obligations (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  agreement_id BIGINT NOT NULL REFERENCES agreements(id),
  payer_party_id BIGINT NOT NULL REFERENCES case_parties(id),
  payee_party_id BIGINT NOT NULL REFERENCES case_parties(id),
  description TEXT NOT NULL DEFAULT '',
  amount_fen BIGINT NOT NULL,
  schedule TEXT NOT NULL DEFAULT 'once',
  first_due TEXT NOT NULL,
  installments INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE INDEX obligations_case ON obligations(case_id);

CREATE TABLE payments (
  id {{id}},
  obligation_id BIGINT NOT NULL REFERENCES obligations(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  amount_fen BIGINT NOT NULL,
  paid_on TEXT NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX payments_obligation ON payments(obligation_id, paid_on);

CREATE TABLE reminders (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  obligation_id BIGINT REFERENCES obligations(id),
  kind TEXT NOT NULL,
  due_on TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  UNIQUE (obligation_id, kind, due_on)
);
CREATE INDEX reminders_case ON reminders(case_id);

CREATE TABLE follow_ups (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  due_on TEXT NOT NULL,
  done_at BIGINT,
  note_enc TEXT NOT NULL DEFAULT '',
  done_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX follow_ups_case ON follow_ups(case_id);

CREATE TABLE attachments (
  id {{id}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  name TEXT NOT NULL,
  uploaded_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id);

CREATE TABLE consultations (
  id {{id}},
  tracking_bidx TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL DEFAULT 'other',
  question_enc TEXT NOT NULL,
  contact_enc TEXT NOT NULL DEFAULT '',
  anonymous INTEGER NOT NULL DEFAULT 1,
  region_code TEXT REFERENCES regions(code),
  region_path TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  answer TEXT NOT NULL DEFAULT '',
  answered_by BIGINT,
  answered_at BIGINT,
  case_id BIGINT REFERENCES cases(id),
  created_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consultations_scope ON consultations(region_path, id);

CREATE TABLE sms_outbox (
  id {{id}},
  phone_enc TEXT NOT NULL,
  body_enc TEXT NOT NULL,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  sent_at BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX sms_outbox_due ON sms_outbox(status, next_attempt_at);

CREATE TABLE saved_filters (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (user_id, name)
);

CREATE TABLE public_attempts (
  bucket TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_start BIGINT NOT NULL
);
)SQL",
    // 4: fewer B-trees touched by each new person (every index is one more page written to the
    // WAL and back into the database): "same name, birth date and phone" is looked up through
    // the phone's blind index, and a city's newest-first page walks the table itself, which is in
    // id order (one deployment serves one city).
    R"SQL(
DROP INDEX people_name_birth;
DROP INDEX people_city_id;
DROP INDEX households_city_id;
)SQL",
    // 5: a case stays in sight of whoever took it in or is assigned to it (ScopeFilter::CaseSql).
    R"SQL(
CREATE INDEX cases_created_by ON cases(created_by);
)SQL",
    // 6: volunteer teams (the record kit's first type: domain/team.hpp, store/teams_table.hpp).
    R"SQL(
CREATE TABLE volunteer_teams (
  id {{id}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  leader_name TEXT NOT NULL DEFAULT '',
  leader_phone_enc TEXT,
  leader_phone_mask TEXT,
  leader_phone_bidx TEXT,
  note TEXT NOT NULL DEFAULT '',
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX volunteer_teams_scope ON volunteer_teams(region_path, id);
)SQL",
    // Free text that may name someone is sealed like the other sensitive fields: a case's full
    // title (the `title` column keeps the masked one lists show) and a consultation's answer.
    // Rows written before are sealed by store::SealLegacyText at start.
    R"SQL(
ALTER TABLE cases ADD COLUMN title_enc TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN answer_enc TEXT NOT NULL DEFAULT '';
)SQL",
    // The night clinic's watch (jobs/night_alerts): when the assignee first opened the case, and
    // when she was texted and the level above alerted; a staff account's own phone for the SMS.
    R"SQL(
ALTER TABLE cases ADD COLUMN assignee_seen_at BIGINT;
ALTER TABLE cases ADD COLUMN night_reminded_at BIGINT;
ALTER TABLE cases ADD COLUMN night_escalated_at BIGINT;
ALTER TABLE users ADD COLUMN phone_enc TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN phone_mask TEXT NOT NULL DEFAULT '';
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

int LatestSchemaVersion() {
  return static_cast<int>(kMigrations.size() + LaterMigrations().size() + CloudMigrations().size());
}

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
    const size_t i = static_cast<size_t>(v - 1);
    const size_t later = kMigrations.size() + LaterMigrations().size();
    const auto sql = i < kMigrations.size() ? kMigrations[i]
                     : i < later            ? LaterMigrations()[i - kMigrations.size()]
                                            : CloudMigrations()[i - later];
    conn.ExecuteScript(ForDialect(sql, conn.dialect()));
    conn.Execute("INSERT INTO schema_version (version) VALUES (?)", {v});
    current = v;
  }
  return current;
}

}  // namespace hejia::store
