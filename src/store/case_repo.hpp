// Help requests and mediation cases in the database (docs/design/cases.md): intake with routing
// and the night clinic, scoped reads, the row -> JSON serialisers, timeline events, parties,
// the protection track, mediation sessions and the settings row. What a victim wrote and every
// party's contact details are encrypted with FieldCipher (associated data "<table>/<column>/<id>");
// lists read only stored masks.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/case_routing.hpp"
#include "domain/case_settings.hpp"
#include "domain/recusal.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/people_repo.hpp"
#include "store/region_repo.hpp"
#include "store/scope.hpp"

namespace hejia::store {

// ---- intake (shared with the public portal) ----

/// Longest texts of a case, in characters.
inline constexpr int64_t kMaxCaseTitle = 100, kMaxCaseFacts = 5000, kMaxCaseWish = 2000,
                         kMaxCaseSafeContact = 200, kMaxEventText = 2000;

/// Invalid(field) unless `text` is valid UTF-8 of at most `max` characters without control
/// characters (line breaks and tabs are allowed when `multiline`).
void CheckCaseText(std::string_view text, std::string_view field, int64_t max, bool multiline);

/// One party as taken in. Plain text in; the repository encrypts, masks and indexes.
struct PartyInput {
  std::string role;  // "applicant" | "respondent" | "other"
  std::string name, gender, phone, id_number, address, relation;
  std::optional<int64_t> person_id, household_id;
};

/// A new help request, from staff intake or the portal.
struct CaseIntake {
  std::string channel;   // domain::IsChannel
  std::string category;  // domain::IsCategory
  std::string severity = "normal";
  std::string title, facts, wish, safe_contact, external_ref;
  bool disclose_identity = false;
  std::string home_code;  // the applicant's village (12 digits) or town (9) code; a grid is fine
  std::optional<int64_t> consultation_id;
  std::vector<PartyInput> parties;    // at least the applicant
  std::optional<int64_t> created_by;  // user id; nullopt for the portal
};

/// What CreateCase made.
struct CreatedCase {
  int64_t id = 0;
  std::string case_no;                 // "HJ2026-000123"
  std::string tracking_code;           // shown once; only its blind index is stored
  std::optional<int64_t> assignee_id;  // the on-duty person when the night clinic took it
  bool night_clinic = false;
  std::string level, region_code;
  std::vector<int64_t> possible_duplicates;  // open cases sharing a party's phone or ID number
};

/// Validates the intake (Invalid naming the field: channel, category, severity, home_code,
/// parties[i].role/name/phone/id_number, text lengths), routes it (domain::RouteLevel,
/// HandlingRegionCodeOnPath, IsNightClinic, OnDuty over the duty roster), writes the case, its
/// parties and a "registered" timeline event (plus "assigned" when the night clinic's on-duty
/// person takes it), and sets the due times. Does not audit: the caller does, inside the same
/// write job.
CreatedCase CreateCase(Connection& conn, const security::FieldCipher& cipher,
                       const domain::CaseSettings& settings, const CaseIntake& in, int64_t now_ms);

/// The stored settings, or the defaults when no row was saved yet.
domain::CaseSettings LoadCaseSettings(Connection& conn);

/// What the portal shows a citizen who holds the tracking code.
struct PublicCaseView {
  std::string tracking_code, status;
  int64_t created_at = 0;
  std::vector<std::pair<int64_t, std::string>>
      messages;                 // shared messages, decrypted, oldest first
  std::string applicant_phone;  // decrypted, for the last-4 check only
};
/// nullopt when the code is malformed or unknown (or a stored value fails its integrity check).
std::optional<PublicCaseView> FindCaseByTracking(Connection& conn,
                                                 const security::FieldCipher& cipher,
                                                 std::string_view tracking_code);

// ---- settings ----

struct StoredCaseSettings {
  domain::CaseSettings settings;
  int64_t version = 0;  // 0: never saved (defaults)
  int64_t updated_at = 0;
};
StoredCaseSettings LoadStoredCaseSettings(Connection& conn);
/// Saves when the stored version is still `expected_version`; false otherwise.
bool SaveCaseSettings(Connection& conn, const domain::CaseSettings& settings,
                      int64_t expected_version, int64_t now_ms);

// ---- one case ----

/// A stored case, every column. Secrets stay encrypted here.
struct CaseRecord {
  int64_t id = 0;
  int64_t version = 0;
  std::string case_no, channel, external_ref, category, severity, status, level, region_code,
      region_path, home_code, title, facts_enc, wish_enc, safe_contact_enc, risk_level, supervision,
      reason, outcome;
  bool night_clinic = false, disclose_identity = false;
  std::optional<int64_t> assignee_id, mediator_id, consultation_id, due_first_contact_at,
      first_contact_at, due_decision_at, decided_at, due_mediation_at, mediation_started_at,
      resolved_at, closed_at, satisfaction, created_by;
  int extensions = 0;
  int64_t created_at = 0, updated_at = 0;

  domain::CaseStatus Status() const;
  domain::CaseTimers Timers() const;
};

/// The case when it exists and its region_path lies in `scope`.
std::optional<CaseRecord> LoadCase(Connection& conn, const ScopeFilter& scope, int64_t id);
/// The case wherever it is (jobs).
std::optional<CaseRecord> LoadCaseAnywhere(Connection& conn, int64_t id);

/// Columns to change on a case. Column names are constants of the caller's code, never input.
class CaseUpdate {
 public:
  CaseUpdate& Set(std::string_view column, Value value) {
    sets_.emplace_back(column, std::move(value));
    return *this;
  }
  bool empty() const { return sets_.empty(); }
  const std::vector<std::pair<std::string_view, Value>>& sets() const { return sets_; }

 private:
  std::vector<std::pair<std::string_view, Value>> sets_;
};
/// Applies `update` (plus updated_at and version + 1) to row `id` of `table` (a constant of the
/// caller's code with those columns) if it is still at `expected_version`; false otherwise.
bool UpdateVersionedRow(Connection& conn, std::string_view table, int64_t id,
                        int64_t expected_version, const CaseUpdate& update, int64_t now_ms);
/// UpdateVersionedRow on `cases`.
bool UpdateCase(Connection& conn, int64_t id, int64_t expected_version, const CaseUpdate& update,
                int64_t now_ms);

/// Where a case moves when it goes to `level`: the unit of that level on `path` (the applicant's
/// home path, or the case's own). Adds level, region_code and region_path to `update` and returns
/// the new unit; nullopt when there is no such unit or it is the case's own.
std::optional<RegionRow> MoveCaseToLevel(Connection& conn, const CaseRecord& rec,
                                         domain::CaseLevel level, std::string_view path,
                                         CaseUpdate& update);

/// Ciphertexts of a case's own texts: `column` is "facts", "wish" or "safe_contact".
std::string EncryptCaseText(const security::FieldCipher& cipher, int64_t case_id,
                            std::string_view column, std::string_view plain);
/// nullopt when a ciphertext fails authentication.
struct CaseTexts {
  std::string facts, wish, safe_contact;
};
std::optional<CaseTexts> DecryptCaseTexts(const security::FieldCipher& cipher, const CaseRecord& c);

/// Everything GET /cases/{id} shows: the list fields, the decrypted texts, masked parties,
/// protection, allowed actions, timers and sessions. nullopt when a ciphertext fails.
std::optional<boost::json::object> CaseDetailJson(Connection& conn,
                                                  const security::FieldCipher& cipher,
                                                  const CaseRecord& c, int64_t now_ms);

// ---- lists ----

enum class CaseSort { kCreatedAt, kUpdatedAt };

/// Filters of GET /cases. Empty = not filtered.
struct CaseFilter {
  std::vector<std::string> statuses;
  std::string category;
  std::string level;
  bool overdue = false;
  std::string supervision;  // "yellow" | "red" | "any"
  bool night_clinic = false;
  std::optional<int64_t> assigned_to;  // assignee, or the user of the assigned mediator
  std::string text;                    // case_no or title contains
};

ListResult ListCases(Connection& conn, const ScopeFilter& scope, const CaseFilter& filter,
                     CaseSort sort, const PageSpec& page, int64_t now_ms);

/// Open cases (other than `exclude_case_id`) with a party whose phone or ID-number blind index
/// is one of these.
struct DuplicateCase {
  int64_t id = 0;
  std::string case_no, status, region_path;
};
std::vector<DuplicateCase> FindDuplicateCases(Connection& conn,
                                              const std::vector<std::string>& phone_bidx,
                                              const std::vector<std::string>& id_bidx,
                                              int64_t exclude_case_id = 0);

// ---- timeline ----

/// One case_events row to write. `text` is encrypted (case_events/text/<id>); `data` is a
/// small JSON object of codes and ids, never personal data.
struct EventInput {
  std::string kind;  // registered, assigned, status, contact, note, message, escalation, ...
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::string from_status, to_status;
  std::string text;
  bool shared = false;
  boost::json::object data;
};
int64_t InsertEvent(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const EventInput& e, int64_t now_ms);
/// A page of the timeline, oldest first; texts decrypted (an unreadable one shows as null with
/// "integrity_failed": true).
ListResult ListEvents(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                      const PageSpec& page);
/// One event of the case as JSON (text decrypted), or nullopt.
std::optional<boost::json::object> FindEventJson(Connection& conn,
                                                 const security::FieldCipher& cipher,
                                                 int64_t case_id, int64_t event_id);
/// The data of the case's escalation events (the limits already counted).
std::vector<boost::json::object> EscalationData(Connection& conn, int64_t case_id);

/// A workflow action the system applies by itself inside a request's write job (added for the
/// agreements area, api/agreements_api.cpp: an agreement taking effect applies `agree`, the first
/// obligation `perform`, the last payment `resume`/`fulfil`). Checks it with
/// domain::CheckTransition (409 illegal_transition), sets the status and the action's timestamp
/// (`agree` sets resolved_at) with UpdateCase at `rec.version` (409 conflict when the case changed
/// since), and writes the "status" event: `event` gives the actor, text and data (kind, from and
/// to are filled in, data gets "action"). The caller audits. Returns the case as it now is.
/// Staff transitions (POST /cases/{id}/transitions) keep their own handler, which also validates
/// the action's input.
CaseRecord ApplyCaseAction(Connection& conn, const security::FieldCipher& cipher,
                           const CaseRecord& rec, domain::CaseAction action, EventInput event,
                           int64_t now_ms);

// ---- parties ----

/// Validates and normalises a party in place (phone digits, ID number upper case); Invalid
/// naming `field_prefix` + field.
void NormaliseParty(PartyInput& p, const std::string& field_prefix);
/// Inserts a normalised party; returns its id.
int64_t InsertParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                    const PartyInput& p, int64_t now_ms);
/// The masked party JSON of a case, or nullopt.
std::optional<boost::json::object> FindPartyJson(Connection& conn, int64_t case_id,
                                                 int64_t party_id);
/// The full contact details of a party. found=false: no such party of this case; secrets
/// nullopt: a ciphertext failed authentication.
struct PartySecrets {
  std::string phone, id_number, address;
};
struct PartyLookup {
  bool found = false;
  std::optional<PartySecrets> secrets;
};
PartyLookup RevealParty(Connection& conn, const security::FieldCipher& cipher, int64_t case_id,
                        int64_t party_id);
/// The parties of a case as the recusal rule needs them (household filled from people).
std::vector<domain::RecusalParty> RecusalParties(Connection& conn, int64_t case_id);

// ---- protection ----

/// The protection-track row (times in ms; empty strings for unset texts).
struct Protection {
  std::optional<int64_t> police_reported_at;
  std::string police_ref, warning_letter_no;
  std::optional<int64_t> order_applied_at;
  bool order_urgent = false;
  std::optional<int64_t> order_due_at;
  std::string order_court;
  std::optional<int64_t> order_decided_at;
  std::string order_result;  // "" | granted | refused
  std::optional<int64_t> order_valid_until;
};
void SaveProtection(Connection& conn, int64_t case_id, const Protection& p, int64_t now_ms);
std::optional<boost::json::object> ProtectionJson(Connection& conn, int64_t case_id);

// ---- sessions ----

struct SessionInput {
  std::optional<int64_t> room_id;
  bool online = false;
  int64_t starts_at = 0, ends_at = 0;
  std::optional<int64_t> mediator_id;
  std::optional<int64_t> created_by;
};
int64_t InsertSession(Connection& conn, int64_t case_id, const SessionInput& s, int64_t now_ms);
struct SessionRecord {
  int64_t id = 0, case_id = 0, version = 0, starts_at = 0, ends_at = 0;
  std::optional<int64_t> room_id, mediator_id;
  bool online = false;
  std::string status;
};
std::optional<SessionRecord> LoadSession(Connection& conn, int64_t case_id, int64_t session_id);
/// Sets the status (and an encrypted summary when given) if still at `expected_version`.
bool UpdateSession(Connection& conn, const security::FieldCipher& cipher, int64_t session_id,
                   int64_t expected_version, const std::string& status,
                   const std::optional<std::string>& summary);
/// One session as JSON (summary decrypted when `with_summary`).
std::optional<boost::json::object> SessionJson(Connection& conn,
                                               const security::FieldCipher& cipher,
                                               int64_t session_id, bool with_summary);

// ---- people around a case ----

/// A mediator as assignment needs it.
struct MediatorInfo {
  int64_t id = 0;
  std::string name, region_path;
  bool active = false;
  std::optional<int64_t> user_id, person_id;
};
std::optional<MediatorInfo> FindMediator(Connection& conn, int64_t id);
/// The recusal view of a mediator (own person, household and ID-number index when linked).
domain::RecusalMediator RecusalMediatorOf(Connection& conn, const MediatorInfo& m);

/// A staff account as assignment needs it.
struct StaffInfo {
  int64_t id = 0;
  std::string display_name, role, region_path;
  bool locked = false;
};
std::optional<StaffInfo> FindStaff(Connection& conn, int64_t user_id);

/// Who is on duty now for a region: its chain of codes (the region first, then its ancestors)
/// through the duty roster and domain::OnDuty.
std::optional<int64_t> OnDutyUser(Connection& conn, std::string_view region_path, int64_t now_ms);

}  // namespace hejia::store
