// Help requests and mediation cases in the database (docs/design/cases.md): the case record, intake
// with routing and the night clinic, loading and updating one case, its texts and the settings
// row. What a victim wrote and every party's contact details are encrypted with FieldCipher
// (associated data "<table>/<column>/<id>"); lists read only stored masks. The rest of a case is
// in the headers beside this one: lists (case_list_repo.hpp), the timeline (case_events_repo.hpp),
// parties (case_parties_repo.hpp), sessions and protection (case_sessions_repo.hpp) and the
// people around a case (case_people_repo.hpp). The store returns rows; api/case_json.* writes
// the JSON.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "domain/case_settings.hpp"
#include "domain/contact_wishes.hpp"
#include "domain/party.hpp"
#include "security/field_cipher.hpp"
#include "store/case_people_repo.hpp"  // the people around a case come with the record
#include "store/db.hpp"
#include "store/region_repo.hpp"
#include "store/scope.hpp"
#include "store/versioned_row.hpp"

namespace hejia::store {

// ---- intake (shared with the public portal) ----

/// Longest texts of a case, in characters.
inline constexpr int64_t kMaxCaseTitle = 100, kMaxCaseFacts = 5000, kMaxCaseWish = 2000,
                         kMaxCaseSafeContact = 200, kMaxEventText = 2000, kMaxExternalRef = 64;

/// Invalid(field) unless `text` is valid UTF-8 of at most `max` characters without control
/// characters (line breaks and tabs are allowed when `multiline`).
void CheckCaseText(std::string_view text, std::string_view field, int64_t max, bool multiline);

/// One party as taken in: a party the domain rule accepted (domain::CheckParty), plain text; the
/// repository encrypts, masks and indexes. Optionally linked to the people registry.
struct PartyInput {
  domain::Party party;
  std::optional<int64_t> person_id, household_id;
};

/// A new help request, from staff intake, the portal or a converted consultation.
struct CaseIntake {
  domain::CaseChannel channel = domain::CaseChannel::kHotline;
  std::string category;  // domain::IsCategory
  domain::CaseSeverity severity = domain::CaseSeverity::kNormal;
  std::string title, facts, wish, safe_contact, external_ref;
  bool disclose_identity = false;
  bool urgent = false;  // not safe now: see CaseRecord::urgent
  domain::ContactWishes contact;
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
  domain::CaseLevel level = domain::CaseLevel::kVillage;
  std::string region_code, region_path;      // the handling unit
  std::vector<int64_t> possible_duplicates;  // open cases sharing a party's phone or ID number
};

/// Validates the intake (Invalid naming the field: category, home_code, parties (1 to
/// domain::kMaxParties with an applicant), text lengths), routes it (domain::RouteLevel,
/// HandlingRegionCodeOnPath, IsNightClinic, OnDuty over the duty roster), writes the case, its
/// parties and a "registered" timeline event (plus "assigned" when the night clinic's on-duty
/// person takes it), and sets the due times. Does not audit: the caller does, inside the same
/// write job.
CreatedCase CreateCase(Connection& conn, const security::FieldCipher& cipher,
                       const domain::CaseSettings& settings, const CaseIntake& in, int64_t now_ms);

/// The stored settings, or the defaults when no row was saved yet.
domain::CaseSettings LoadCaseSettings(Connection& conn);

/// The kind of timeline event the applicant writes herself from the portal's follow page.
inline constexpr std::string_view kApplicantReplyKind = "applicant_reply";

/// One line of the portal's conversation: a staff message shared with the applicant, or her own
/// reply.
struct PublicMessage {
  int64_t at = 0;
  std::string text;  // decrypted
  bool from_applicant = false;
};

/// What the portal shows a citizen who holds the tracking code.
struct PublicCaseView {
  int64_t id = 0;  // for the server's own use (a reply); never shown
  std::string tracking_code;
  domain::CaseStatus status = domain::CaseStatus::kRegistered;
  int64_t created_at = 0;
  std::vector<PublicMessage> messages;  // oldest first
  /// The handling unit: its name and public office phone ("" when it has none).
  std::string unit_name, unit_phone;
  std::string applicant_phone;  // decrypted, for the last-4 check only
};
/// nullopt when the code is malformed or unknown (or a stored value fails its integrity check).
std::optional<PublicCaseView> FindCaseByTracking(Connection& conn,
                                                 const security::FieldCipher& cipher,
                                                 std::string_view tracking_code);

/// A case found by its tracking code for staff (POST /cases/find): where it is and the applicant's
/// phone, decrypted for the last-4 check only. nullopt when the code is malformed or unknown.
struct TrackedCase {
  int64_t id = 0;
  std::string case_no, region_path, applicant_phone;
};
std::optional<TrackedCase> FindTrackedCase(Connection& conn, const security::FieldCipher& cipher,
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

/// A stored case, every column, the coded ones as domain values. Secrets stay encrypted here.
struct CaseRecord {
  int64_t id = 0;
  int64_t version = 0;
  std::string case_no;
  domain::CaseChannel channel = domain::CaseChannel::kHotline;
  std::string external_ref, category;
  domain::CaseSeverity severity = domain::CaseSeverity::kNormal;
  domain::CaseStatus status = domain::CaseStatus::kRegistered;
  domain::CaseLevel level = domain::CaseLevel::kVillage;
  std::string region_code, region_path, home_code;
  /// The title as lists, exports and the follow-only sight show it (store::MaskedCaseTitle);
  /// the full title is title_enc.
  std::string title;
  std::string title_enc, facts_enc, wish_enc, safe_contact_enc;
  std::optional<domain::RiskLevel> risk_level;     // nullopt: not screened
  std::optional<domain::Supervision> supervision;  // nullopt: no mark
  std::string reason, outcome;
  bool night_clinic = false, disclose_identity = false;
  std::optional<int64_t> assignee_id, mediator_id, consultation_id, due_first_contact_at,
      first_contact_at, due_decision_at, decided_at, due_mediation_at, mediation_started_at,
      resolved_at, closed_at, satisfaction, created_by;
  int extensions = 0;
  int64_t created_at = 0, updated_at = 0;
  /// The applicant said she is not safe now (a domestic-violence request from the portal): the
  /// request is critical, alerted day and night and first on every desk.
  bool urgent = false;
  /// The applicant's wishes for being contacted (domain::ContactWishes).
  bool contact_sms_only = false;
  std::string contact_call_from, contact_call_to;

  domain::CaseStatus Status() const { return status; }
  domain::CaseTimers Timers() const;
};

/// The case when it exists and its region_path lies in `scope`.
std::optional<CaseRecord> LoadCase(Connection& conn, const ScopeFilter& scope, int64_t id);
/// The case wherever it is (jobs).
std::optional<CaseRecord> LoadCaseAnywhere(Connection& conn, int64_t id);

/// Columns to change on a case (store/versioned_row.hpp). Column names are constants of the
/// caller's code, never input.
using CaseUpdate = RowChange;
/// UpdateVersioned on `cases`.
bool UpdateCase(Connection& conn, int64_t id, int64_t expected_version, const CaseUpdate& update,
                int64_t now_ms);

/// Where a case moves when it goes to `level`: the unit of that level on `path` (the applicant's
/// home path, or the case's own). Adds level, region_code and region_path to `update` and returns
/// the new unit; nullopt when there is no such unit or it is the case's own.
std::optional<RegionRow> MoveCaseToLevel(Connection& conn, const CaseRecord& rec,
                                         domain::CaseLevel level, std::string_view path,
                                         CaseUpdate& update);

/// Ciphertexts of a case's own texts: `column` is "title", "facts", "wish" or "safe_contact".
std::string EncryptCaseText(const security::FieldCipher& cipher, int64_t case_id,
                            std::string_view column, std::string_view plain);
/// nullopt when a ciphertext fails authentication.
struct CaseTexts {
  std::string title, facts, wish, safe_contact;
};
std::optional<CaseTexts> DecryptCaseTexts(const security::FieldCipher& cipher, const CaseRecord& c);

/// The columns of a case row (alias `c`) in the order RecordOf reads them, and their count.
extern const std::string_view kCaseColumns;
inline constexpr size_t kCaseColumnCount = 43;
/// The record from a row that starts with kCaseColumns.
CaseRecord RecordOf(const Row& r);

/// The names of a case's parties (for masking its title).
std::vector<std::string> PartyNames(Connection& conn, int64_t case_id);
/// A case title as lists and exports show it: the parties' names and long digit runs masked
/// (security::MaskFreeText).
std::string MaskedCaseTitle(std::string_view title, std::vector<std::string> party_names);
/// Masks the stored title again after the parties changed (a party added): reads title_enc.
void RemaskCaseTitle(Connection& conn, const security::FieldCipher& cipher, int64_t case_id);

/// "?,?,?" for `n` bound values.
std::string Placeholders(size_t n);
/// The codes of the open statuses (domain::IsOpen), to bind.
std::vector<std::string> OpenStatusCodes();

}  // namespace hejia::store
