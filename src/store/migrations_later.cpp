// Schema versions from 9 on (1 to 8: migrations.cpp). `{{id}}` is the dialect's auto-increment
// primary key.
#include "store/migrations.hpp"

namespace hejia::store {

const std::vector<std::string_view>& LaterMigrations() {
  static const std::vector<std::string_view> kLater = {
      // 9: signing in (store/sign_in_guard.hpp): failed attempts counted per (login, client)
      // under keyed hashes, the devices an account signed in from, the expiry of an
      // administrator-issued one-time secret, and the security settings (no row: the defaults).
      // The portal's spent proof-of-work tokens (store/spent_challenges.hpp), shared by every
      // node.
      R"SQL(
CREATE TABLE sign_in_throttle (
  login_key TEXT NOT NULL,
  client_key TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  blocked_until BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (login_key, client_key)
);
CREATE INDEX sign_in_throttle_updated ON sign_in_throttle(updated_at);
CREATE TABLE known_devices (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  UNIQUE (user_id, token_hash)
);
ALTER TABLE users ADD COLUMN secret_expires_at BIGINT NOT NULL DEFAULT 0;
CREATE TABLE spent_challenges (
  token_hash TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX spent_challenges_expiry ON spent_challenges(expires_at);
CREATE TABLE security_settings (
  id INTEGER PRIMARY KEY,
  staff_totp_required INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);
)SQL",
      // 10: what several nodes sharing one PostgreSQL must count together: the sliding windows
      // per client (store/rate_windows.hpp: the public portal's limits and the sign-in attempts
      // per address; clients as keyed hashes) and the open live streams (store/live_streams.hpp:
      // the cap per user, oldest by `id`: the nodes' clocks may differ a little). SQLite
      // deployments are one node and leave them empty.
      R"SQL(
CREATE TABLE rate_windows (
  name TEXT NOT NULL,
  client_key TEXT NOT NULL,
  times TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (name, client_key)
);
CREATE INDEX rate_windows_idle ON rate_windows(name, updated_at);
CREATE TABLE live_streams (
  id {{id}},
  stream_id TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL,
  opened_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL
);
CREATE INDEX live_streams_user ON live_streams(user_id, id);
CREATE INDEX live_streams_seen ON live_streams(seen_at);
)SQL",
      // 11: the people who use it every day (issue 10). A help request whose applicant said she
      // is not safe now is urgent; the applicant's contact wishes (domain/contact_wishes.hpp) as
      // values the console's call button can follow; the handling unit's public phone, which the
      // portal's follow page offers (else 12338).
      R"SQL(
ALTER TABLE cases ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN contact_sms_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN contact_call_from TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN contact_call_to TEXT NOT NULL DEFAULT '';
ALTER TABLE regions ADD COLUMN phone TEXT NOT NULL DEFAULT '';
)SQL",
      // 12: police incidents (issue 11, domain/incident.hpp). The partners whose servers sign
      // their requests (security/partner_signature.hpp; the key encrypted, the nonces spent once
      // and kept as long as the time window); the incidents (the kit's columns, store/
      // incidents_table.hpp, plus the links the store keeps: partner, household, the earlier
      // incident it repeats, the mediation case made of it); their parties (names and phones
      // encrypted, blind-indexed to find a repeat); the three pushes, each with its due times and
      // steps (notes encrypted); the feedback callbacks to the police, retried; the settings (no
      // row: the defaults). Households get a blind index of their address detail, so an
      // incident's address finds its household and grid without decrypting anything.
      R"SQL(
CREATE TABLE partners (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'police',
  key_enc TEXT NOT NULL,
  callback_url TEXT NOT NULL DEFAULT '',
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE partner_nonces (
  partner_id BIGINT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (partner_id, nonce)
);
CREATE INDEX partner_nonces_expiry ON partner_nonces(expires_at);
CREATE TABLE police_incidents (
  id {{id}},
  incident_no TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  partner_id BIGINT REFERENCES partners(id),
  station TEXT NOT NULL DEFAULT '',
  officer TEXT NOT NULL DEFAULT '',
  reported_at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  address_enc TEXT,
  address_mask TEXT,
  address_bidx TEXT,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  needs_placement INTEGER NOT NULL DEFAULT 0,
  injury INTEGER NOT NULL DEFAULT 0,
  weapon INTEGER NOT NULL DEFAULT 0,
  alcohol INTEGER NOT NULL DEFAULT 0,
  threats INTEGER NOT NULL DEFAULT 0,
  minors_present INTEGER NOT NULL DEFAULT 0,
  disposition TEXT NOT NULL DEFAULT '',
  warning_letter_no TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT 'pushed',
  mark TEXT NOT NULL DEFAULT 'none',
  repeated INTEGER NOT NULL DEFAULT 0,
  household_id BIGINT REFERENCES households(id),
  repeat_of BIGINT REFERENCES police_incidents(id),
  case_id BIGINT REFERENCES cases(id),
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX police_incidents_scope ON police_incidents(region_path, id);
CREATE INDEX police_incidents_household ON police_incidents(household_id, reported_at);
CREATE INDEX police_incidents_partner ON police_incidents(partner_id, incident_no);
CREATE TABLE incident_parties (
  id {{id}},
  incident_id BIGINT NOT NULL REFERENCES police_incidents(id),
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT '',
  name_enc TEXT NOT NULL,
  name_mask TEXT NOT NULL,
  name_bidx TEXT NOT NULL,
  phone_enc TEXT,
  phone_mask TEXT,
  phone_bidx TEXT
);
CREATE INDEX incident_parties_incident ON incident_parties(incident_id, seq);
CREATE INDEX incident_parties_phone ON incident_parties(phone_bidx);
CREATE INDEX incident_parties_name ON incident_parties(name_bidx, role);
CREATE TABLE incident_pushes (
  id {{id}},
  incident_id BIGINT NOT NULL REFERENCES police_incidents(id),
  recipient TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  assignee_id BIGINT REFERENCES users(id),
  night INTEGER NOT NULL DEFAULT 0,
  pushed_at BIGINT NOT NULL,
  ack_due BIGINT NOT NULL,
  contact_due BIGINT NOT NULL,
  visit_due BIGINT NOT NULL,
  feedback_due BIGINT NOT NULL,
  acknowledged_at BIGINT,
  acknowledged_by BIGINT REFERENCES users(id),
  contacted_at BIGINT,
  contacted_by BIGINT REFERENCES users(id),
  contact_note_enc TEXT,
  visited_at BIGINT,
  visited_by BIGINT REFERENCES users(id),
  visit_note_enc TEXT,
  fed_back_at BIGINT,
  fed_back_by BIGINT REFERENCES users(id),
  feedback_enc TEXT,
  mark TEXT NOT NULL DEFAULT 'none',
  marked_at BIGINT,
  reminded_at BIGINT,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (incident_id, recipient)
);
CREATE INDEX incident_pushes_scope ON incident_pushes(region_path, id);
CREATE INDEX incident_pushes_open ON incident_pushes(fed_back_at, pushed_at);
CREATE INDEX incident_pushes_assignee ON incident_pushes(assignee_id, fed_back_at);
CREATE TABLE partner_callbacks (
  id {{id}},
  partner_id BIGINT NOT NULL REFERENCES partners(id),
  incident_id BIGINT NOT NULL REFERENCES police_incidents(id),
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX partner_callbacks_due ON partner_callbacks(status, next_attempt_at);
CREATE TABLE incident_settings (
  id INTEGER PRIMARY KEY,
  ack_hours INTEGER NOT NULL,
  ack_night_hours INTEGER NOT NULL,
  contact_hours INTEGER NOT NULL,
  contact_urgent_hours INTEGER NOT NULL,
  visit_hours INTEGER NOT NULL,
  feedback_days INTEGER NOT NULL,
  recipients TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL
);
ALTER TABLE households ADD COLUMN address_bidx TEXT;
CREATE INDEX households_address ON households(address_bidx);
)SQL",
      // Key families (三色预警, docs/design/key_families.md): a household listed with a colour,
      // kept at the household's grid, with the follow-up it is due and the step down waiting for
      // approval (store/key_families_table.hpp; one active listing per household); its risk
      // assessments (the answers one letter per factor, domain::EncodeAnswers; the reason for
      // another colour than the suggestion and the notes sealed, associated data
      // "<table>/<column>/<id>"); every change of colour, asked for, approved, refused or
      // effective at once, with the levels told of an upgrade; and its contacts and visits. The
      // colours' rules and the scoring are the domain's defaults for now (no settings table).
      R"SQL(
CREATE TABLE key_families (
  id {{id}},
  household_id BIGINT NOT NULL REFERENCES households(id),
  name TEXT NOT NULL DEFAULT '',
  colour TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id BIGINT,
  listed_at BIGINT NOT NULL,
  colour_since BIGINT NOT NULL,
  assessed_at BIGINT,
  last_contact_at BIGINT,
  next_contact_due BIGINT NOT NULL,
  last_city_visit_at BIGINT,
  next_city_visit_due BIGINT,
  last_incident_at BIGINT,
  last_finding_at BIGINT,
  reassess INTEGER NOT NULL DEFAULT 0,
  reassess_reason TEXT NOT NULL DEFAULT '',
  pending_change TEXT NOT NULL DEFAULT '',
  pending_colour TEXT NOT NULL DEFAULT '',
  pending_at BIGINT,
  plan_due_at BIGINT,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX key_families_household ON key_families(household_id) WHERE retired = 0;
CREATE INDEX key_families_scope ON key_families(region_path, id);
CREATE INDEX key_families_due ON key_families(region_path, colour, next_contact_due);
CREATE TABLE risk_assessments (
  id {{id}},
  family_id BIGINT NOT NULL REFERENCES key_families(id),
  answers TEXT NOT NULL,
  score INTEGER NOT NULL,
  suggested TEXT NOT NULL,
  chosen TEXT NOT NULL,
  occasion TEXT NOT NULL,
  reason_enc TEXT NOT NULL DEFAULT '',
  notes_enc TEXT NOT NULL DEFAULT '',
  assessed_by BIGINT NOT NULL REFERENCES users(id),
  assessed_at BIGINT NOT NULL
);
CREATE INDEX risk_assessments_family ON risk_assessments(family_id, id);
CREATE TABLE family_colour_history (
  id {{id}},
  family_id BIGINT NOT NULL REFERENCES key_families(id),
  kind TEXT NOT NULL,
  from_colour TEXT NOT NULL DEFAULT '',
  to_colour TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL,
  assessment_id BIGINT REFERENCES risk_assessments(id),
  requested_by BIGINT NOT NULL REFERENCES users(id),
  requested_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT,
  told TEXT NOT NULL DEFAULT '',
  reason_enc TEXT NOT NULL DEFAULT '',
  note_enc TEXT NOT NULL DEFAULT ''
);
CREATE INDEX family_colour_history_family ON family_colour_history(family_id, id);
CREATE UNIQUE INDEX family_colour_history_pending ON family_colour_history(family_id)
  WHERE outcome = 'pending';
CREATE TABLE family_contacts (
  id {{id}},
  family_id BIGINT NOT NULL REFERENCES key_families(id),
  kind TEXT NOT NULL,
  contacted_at BIGINT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  finding INTEGER NOT NULL DEFAULT 0,
  note_enc TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX family_contacts_family ON family_contacts(family_id, contacted_at);
)SQL",
      // 14: household plans (一户一策, docs/design/key_families.md): one row per version of a
      // family's plan with its status, the colour it was written for, its author and her level,
      // the countersign, the return and the review; focus, risks, goals, the reason of a return
      // and the safety plan sealed ("household_plans/<column>/<id>"; the safety plan's column is
      // `safety`). Its measures one row each (detail and result sealed), indexed for a person's
      // to-do. A family's supervision mark (督办) and the latest due time its watch has told.
      R"SQL(
CREATE TABLE household_plans (
  id {{id}},
  family_id BIGINT NOT NULL REFERENCES key_families(id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  colour TEXT NOT NULL,
  focus_enc TEXT NOT NULL DEFAULT '',
  risks_enc TEXT NOT NULL DEFAULT '',
  goals_enc TEXT NOT NULL DEFAULT '',
  safety TEXT NOT NULL DEFAULT '',
  has_safety INTEGER NOT NULL DEFAULT 0,
  author_id BIGINT NOT NULL REFERENCES users(id),
  author_level TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  countersigned_by BIGINT REFERENCES users(id),
  countersigned_at BIGINT,
  returned_reason_enc TEXT NOT NULL DEFAULT '',
  activated_at BIGINT,
  last_review_at BIGINT,
  review_due BIGINT,
  review_reason TEXT NOT NULL DEFAULT '',
  row_version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX household_plans_version ON household_plans(family_id, version);
CREATE UNIQUE INDEX household_plans_active ON household_plans(family_id) WHERE status = 'active';
CREATE UNIQUE INDEX household_plans_open ON household_plans(family_id)
  WHERE status IN ('draft', 'awaiting_countersign');
CREATE INDEX household_plans_status ON household_plans(status, family_id);
CREATE TABLE plan_measures (
  id {{id}},
  plan_id BIGINT NOT NULL REFERENCES household_plans(id),
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  unit TEXT NOT NULL,
  person TEXT NOT NULL DEFAULT '',
  person_user_id BIGINT REFERENCES users(id),
  due_at BIGINT,
  status TEXT NOT NULL,
  detail_enc TEXT NOT NULL DEFAULT '',
  result_enc TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX plan_measures_plan ON plan_measures(plan_id, idx);
CREATE INDEX plan_measures_person ON plan_measures(person_user_id, status, due_at);
ALTER TABLE key_families ADD COLUMN supervision TEXT NOT NULL DEFAULT 'none';
ALTER TABLE key_families ADD COLUMN overdue_told_at BIGINT NOT NULL DEFAULT 0;
)SQL",
      // 15: the regions' generation (store/region_names.hpp): bumped with every change to the
      // regions, so that each node knows when the names it keeps for placing incidents are old.
      R"SQL(
CREATE TABLE region_generation (
  id INTEGER PRIMARY KEY,
  n BIGINT NOT NULL
);
INSERT INTO region_generation (id, n) VALUES (1, 0);
)SQL",
      // 16: the repeat check's party indexes carry the incident (store::LookForRepeat): a
      // victim's name leads to the actor's by one probe, a phone to its incident without reading
      // the party's row.
      R"SQL(
DROP INDEX incident_parties_phone;
DROP INDEX incident_parties_name;
CREATE INDEX incident_parties_phone ON incident_parties(phone_bidx, incident_id);
CREATE INDEX incident_parties_name ON incident_parties(name_bidx, role, incident_id);
)SQL",
      // 17: volunteers of the three-level teams and a grid sister's grids (domain/volunteer.hpp,
      // store/volunteers_table.hpp, store/coverage_repo.hpp), their service records, the
      // replacement tasks of grids a leaving sister uncovers, and settings by key.
      R"SQL(
CREATE TABLE volunteers (
  id {{id}},
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  phone_enc TEXT,
  phone_mask TEXT,
  phone_bidx TEXT,
  id_number_enc TEXT,
  id_number_mask TEXT,
  id_number_bidx TEXT,
  member_type TEXT NOT NULL,
  team_id BIGINT REFERENCES volunteer_teams(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  grid_sister INTEGER NOT NULL DEFAULT 0,
  user_id BIGINT REFERENCES users(id),
  joined_at BIGINT NOT NULL,
  left_at BIGINT,
  skills TEXT NOT NULL DEFAULT '',
  external_no TEXT NOT NULL DEFAULT '',
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX volunteers_scope ON volunteers(region_path, id);
CREATE INDEX volunteers_phone ON volunteers(phone_bidx);
CREATE INDEX volunteers_id_number ON volunteers(id_number_bidx);
CREATE INDEX volunteers_team ON volunteers(team_id);
CREATE INDEX volunteers_user ON volunteers(user_id);
CREATE TABLE volunteer_grids (
  volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
  grid_code TEXT NOT NULL REFERENCES regions(code),
  grid_path TEXT NOT NULL,
  PRIMARY KEY (volunteer_id, grid_code)
);
CREATE INDEX volunteer_grids_grid ON volunteer_grids(grid_path, volunteer_id);
CREATE TABLE volunteer_services (
  id {{id}},
  volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  served_at BIGINT NOT NULL,
  minutes BIGINT NOT NULL,
  activity TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id BIGINT NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX volunteer_services_scope ON volunteer_services(region_path, id);
CREATE INDEX volunteer_services_volunteer ON volunteer_services(volunteer_id, served_at);
CREATE UNIQUE INDEX volunteer_services_source ON volunteer_services(source, source_id, volunteer_id)
  WHERE source <> 'hand';
CREATE TABLE coverage_tasks (
  id {{id}},
  grid_code TEXT NOT NULL REFERENCES regions(code),
  grid_path TEXT NOT NULL,
  left_volunteer_id BIGINT REFERENCES volunteers(id),
  opened_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  closed_at BIGINT,
  closed_by_volunteer_id BIGINT REFERENCES volunteers(id)
);
CREATE UNIQUE INDEX coverage_tasks_open ON coverage_tasks(grid_code) WHERE closed_at IS NULL;
CREATE INDEX coverage_tasks_scope ON coverage_tasks(grid_path, id);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
)SQL",
      // 18: the coverage page counts and groups only the grid sisters of an area, not every
      // volunteer there (api/coverage_api.cpp).
      R"SQL(
CREATE INDEX volunteers_grid_sisters ON volunteers(region_path, id)
  WHERE grid_sister = 1 AND retired = 0;
)SQL",
      // 19: visits (domain/visit.hpp, store/visits_table.hpp): every kind in one table on its
      // household's grid, findings and the problem sealed; who went (accounts and volunteers);
      // a phone's client id finds a retried upload.
      R"SQL(
CREATE TABLE visits (
  id {{id}},
  household_id BIGINT NOT NULL REFERENCES households(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  visited_at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  situations TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL,
  people_met TEXT NOT NULL DEFAULT '',
  findings_enc TEXT,
  findings_mask TEXT,
  problem_found INTEGER NOT NULL DEFAULT 0,
  problem_enc TEXT,
  problem_mask TEXT,
  action TEXT NOT NULL,
  referral_to TEXT NOT NULL DEFAULT '',
  referral_due_at BIGINT,
  referral_answered_at BIGINT,
  case_id BIGINT REFERENCES cases(id),
  recorded_by BIGINT REFERENCES users(id),
  client_id TEXT NOT NULL DEFAULT '',
  late INTEGER NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX visits_scope ON visits(region_path, id);
CREATE INDEX visits_household ON visits(household_id, visited_at);
CREATE INDEX visits_time ON visits(visited_at, household_id);
CREATE INDEX visits_case ON visits(case_id);
CREATE UNIQUE INDEX visits_client ON visits(recorded_by, client_id) WHERE client_id <> '';
CREATE TABLE visit_visitors (
  visit_id BIGINT NOT NULL REFERENCES visits(id),
  user_id BIGINT REFERENCES users(id),
  volunteer_id BIGINT REFERENCES volunteers(id)
);
CREATE INDEX visit_visitors_visit ON visit_visitors(visit_id);
CREATE INDEX visit_visitors_user ON visit_visitors(user_id, visit_id);
CREATE INDEX visit_visitors_volunteer ON visit_visitors(volunteer_id, visit_id);
)SQL",
      // 20: weekend care and trainings (domain/care.hpp, domain/training.hpp): the people a
      // visit met with what they were given and the category they are counted under, a visit's
      // campaign, team and counted level; trainings with their attendance.
      R"SQL(
ALTER TABLE visits ADD COLUMN campaign TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN team_id BIGINT REFERENCES volunteer_teams(id);
ALTER TABLE visits ADD COLUMN visitor_level TEXT NOT NULL DEFAULT 'village';
CREATE INDEX visits_kind_time ON visits(kind, visited_at);
CREATE TABLE visit_people (
  visit_id BIGINT NOT NULL REFERENCES visits(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  tags TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  given TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (visit_id, person_id)
);
CREATE INDEX visit_people_person ON visit_people(person_id, visit_id);
CREATE TABLE trainings (
  id {{id}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  held_at BIGINT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  speakers TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '',
  venue TEXT NOT NULL DEFAULT '',
  attendance BIGINT NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX trainings_scope ON trainings(region_path, id);
CREATE TABLE training_attendance (
  training_id BIGINT NOT NULL REFERENCES trainings(id),
  volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
  PRIMARY KEY (training_id, volunteer_id)
);
CREATE INDEX training_attendance_volunteer ON training_attendance(volunteer_id, training_id);
)SQL",
      // 21: key-family contacts and incident home visits are visits (issue 12, point 2): a
      // visit names the police incident it follows up; family_contacts' rows are moved into
      // visits when the server starts (store::MoveFamilyContactsIntoVisits: their notes are
      // sealed again under the visit's id).
      R"SQL(
ALTER TABLE visits ADD COLUMN incident_id BIGINT REFERENCES police_incidents(id);
CREATE INDEX visits_incident ON visits(incident_id);
)SQL",
  };
  return kLater;
}

}  // namespace hejia::store
