// Schema versions from 22 on (the cloud federation and the cockpit, issue 13; 9 to 21:
// migrations_later.cpp). `{{id}}` is the dialect's auto-increment primary key.
#include "store/migrations.hpp"

namespace hejia::store {

const std::vector<std::string_view>& CloudMigrations() {
  static const std::vector<std::string_view> kCloud = {
      // 22: the 12338 hotline's log (domain/hotline.hpp): every call taken, its sealed caller
      // and summary, its outcome and the help request made of it. Online consultations get
      // their answer limit (domain/consultation.hpp), the person on duty a night question was
      // routed to, and the supervision mark; the rows already there are due a day after they
      // were asked.
      R"SQL(
CREATE TABLE hotline_calls (
  id {{id}},
  received_at BIGINT NOT NULL,
  duration_seconds BIGINT NOT NULL DEFAULT 0,
  line TEXT NOT NULL,
  operator_id BIGINT REFERENCES users(id),
  operator_name TEXT NOT NULL DEFAULT '',
  caller_phone_enc TEXT,
  caller_phone_mask TEXT,
  caller_phone_bidx TEXT,
  caller_name_enc TEXT,
  caller_name_mask TEXT,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  category TEXT NOT NULL,
  summary_enc TEXT,
  summary_mask TEXT,
  outcome TEXT NOT NULL,
  referred_to TEXT NOT NULL DEFAULT '',
  call_back_due BIGINT,
  called_back_at BIGINT,
  case_id BIGINT REFERENCES cases(id),
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX hotline_calls_scope ON hotline_calls(region_path, id);
CREATE INDEX hotline_calls_received ON hotline_calls(received_at);
CREATE INDEX hotline_calls_call_back ON hotline_calls(outcome, called_back_at, call_back_due);
CREATE INDEX hotline_calls_phone ON hotline_calls(caller_phone_bidx);
ALTER TABLE consultations ADD COLUMN answer_due_at BIGINT;
ALTER TABLE consultations ADD COLUMN assignee_id BIGINT REFERENCES users(id);
ALTER TABLE consultations ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN supervision TEXT NOT NULL DEFAULT '';
UPDATE consultations SET answer_due_at = created_at + 86400000 WHERE answer_due_at IS NULL;
CREATE INDEX consultations_due ON consultations(status, answer_due_at);
)SQL",
      // 23: the provincial dispute platform (domain/odr.hpp): each 解纷码 and the case made of
      // it, and the status callbacks to the platform, one row per event with its body.
      R"SQL(
CREATE TABLE odr_cases (
  code TEXT PRIMARY KEY,
  partner_id BIGINT NOT NULL REFERENCES partners(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX odr_cases_case ON odr_cases(case_id);
CREATE TABLE odr_callbacks (
  id {{id}},
  partner_id BIGINT NOT NULL REFERENCES partners(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  code TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX odr_callbacks_due ON odr_callbacks(status, next_attempt_at);
CREATE INDEX odr_callbacks_case ON odr_callbacks(case_id, id);
)SQL",
      // 24: legal education (domain/legal_education.hpp): content items reviewed before the
      // portal shows them (their files in store::MediaStore), campaigns with their targets, one
      // brand per town (a unique index over the towns' brands not retired), and events with
      // their photos (encrypted, in the attachments directory).
      R"SQL(
CREATE TABLE legal_contents (
  id {{id}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  topic TEXT NOT NULL,
  producer TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  duration_seconds BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'draft',
  submitted_by BIGINT REFERENCES users(id),
  reviewed_by BIGINT REFERENCES users(id),
  published_at BIGINT,
  review_note TEXT NOT NULL DEFAULT '',
  media_sha TEXT NOT NULL DEFAULT '',
  media_mime TEXT NOT NULL DEFAULT '',
  media_size BIGINT NOT NULL DEFAULT 0,
  poster_sha TEXT NOT NULL DEFAULT '',
  poster_mime TEXT NOT NULL DEFAULT '',
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX legal_contents_scope ON legal_contents(region_path, id);
CREATE INDEX legal_contents_published ON legal_contents(status, published_at);
CREATE TABLE legal_campaigns (
  id {{id}},
  name TEXT NOT NULL,
  year BIGINT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  target_school_lectures BIGINT NOT NULL DEFAULT 0,
  lectures_held BIGINT NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX legal_campaigns_scope ON legal_campaigns(region_path, id);
CREATE TABLE legal_brands (
  id {{id}},
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX legal_brands_scope ON legal_brands(region_path, id);
CREATE UNIQUE INDEX legal_brands_one_per_town ON legal_brands(region_code) WHERE retired = 0;
CREATE TABLE legal_events (
  id {{id}},
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  campaign_id BIGINT NOT NULL DEFAULT 0,
  brand_id BIGINT NOT NULL DEFAULT 0,
  held_at BIGINT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  level TEXT NOT NULL,
  venue TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL,
  audience_count BIGINT NOT NULL DEFAULT 0,
  speakers TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  photo_count BIGINT NOT NULL DEFAULT 0,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX legal_events_scope ON legal_events(region_path, id);
CREATE INDEX legal_events_held ON legal_events(held_at);
CREATE INDEX legal_events_campaign ON legal_events(campaign_id, kind);
CREATE TABLE legal_event_photos (
  id {{id}},
  event_id BIGINT NOT NULL REFERENCES legal_events(id),
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  uploaded_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX legal_event_photos_event ON legal_event_photos(event_id, id);
)SQL",
      // 25: a hotline call shows the number of the help request made of it, not only its id.
      R"SQL(
ALTER TABLE hotline_calls ADD COLUMN case_no TEXT NOT NULL DEFAULT '';
UPDATE hotline_calls SET case_no = COALESCE((SELECT c.case_no FROM cases c WHERE c.id =
  hotline_calls.case_id), '') WHERE case_id IS NOT NULL;
)SQL",
      // 26: the cockpit's figures (store/cockpit_repo.cpp) read indexes, not tables: must-visits
      // by time with the household, action and finding (the distinct households of a year are an
      // index-only scan; it replaces visits_kind_time, whose prefix it keeps), incidents and
      // consultations by time, lectures by date, volunteers serving at a moment.
      R"SQL(
DROP INDEX visits_kind_time;
CREATE INDEX visits_figures ON visits(kind, visited_at, retired, region_path, household_id, action,
  problem_found);
CREATE INDEX police_incidents_reported ON police_incidents(reported_at, region_path);
CREATE INDEX consultations_created ON consultations(created_at, region_path);
CREATE INDEX trainings_held ON trainings(held_at);
CREATE INDEX volunteers_figures ON volunteers(region_path, member_type, joined_at, left_at)
  WHERE retired = 0;
)SQL",
  };
  return kCloud;
}

}  // namespace hejia::store
