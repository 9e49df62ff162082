// Key families in the database (docs/design/key_families.md): the family record through the
// record kit (store/key_families_table.hpp) with its household and source ids beside it, its
// risk assessments, its history of colours (changes effective at once, and steps down asked for,
// approved or refused), its contacts, the due-contact list of a scope and the counts a leader
// sees. Sealed texts (reasons, notes) are encrypted with "<table>/<column>/<id>" as associated
// data and come back as nullopt when they do not decrypt. SQL and rows only.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/key_family_record.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/record_kit.hpp"
#include "store/region_names.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

/// A household a family may be listed on: in the caller's scope, with its grid.
struct ListableHousehold {
  int64_t id = 0;
  std::string head_name;
  domain::Placement grid;
};
std::optional<ListableHousehold> FindListableHousehold(Connection& c, const ScopeFilter& scope,
                                                       int64_t household_id);
/// The family listed on the household now (not delisted), whatever the caller's scope.
std::optional<int64_t> ActiveFamilyOfHousehold(Connection& c, int64_t household_id);

/// Inserts the family (its id, version and times are set here) with its household and source.
int64_t InsertFamily(Connection& c, const security::FieldCipher& cipher, domain::KeyFamily& rec,
                     int64_t now);
/// The family if it lies inside `scope` (delisted ones too); nullopt otherwise.
std::optional<domain::KeyFamily> LoadFamily(Connection& c, const ScopeFilter& scope, int64_t id);
/// Writes the kit's fields if the stored version is still `rec.meta.version`; false otherwise.
bool SaveFamily(Connection& c, const security::FieldCipher& cipher, const domain::KeyFamily& rec,
                int64_t now);

/// A list of families: the kit's field filters, and those whose contact is overdue at a time.
struct FamilyListFilter {
  std::vector<kit::ListFilter> fields;
  std::optional<int64_t> overdue_at;
  bool include_retired = false;
};
int64_t ListFamilies(Connection& c, RegionNames& names, const ScopeFilter& scope,
                     const FamilyListFilter& filter, std::string_view sort_column,
                     const PageSpec& page, std::vector<domain::KeyFamily>& out);
/// The same page streamed: `each` sees every family as it is read (the record passed is reused,
/// valid only during the call). Returns the total.
int64_t ListFamilies(Connection& c, RegionNames& names, const ScopeFilter& scope,
                     const FamilyListFilter& filter, std::string_view sort_column,
                     const PageSpec& page,
                     const std::function<void(const domain::KeyFamily&)>& each);

/// One risk assessment.
struct AssessmentRow {
  int64_t id = 0;
  int64_t family_id = 0;
  domain::RiskChecklist answers;
  int score = 0;
  domain::RiskColour suggested = domain::RiskColour::kBlue;
  domain::RiskColour chosen = domain::RiskColour::kBlue;
  std::string occasion;  ///< "listing", "new_incident", "visit_finding" or "review"
  std::optional<std::string> reason, notes;  ///< plain; nullopt when it does not decrypt
  int64_t assessed_by = 0;
  std::string assessed_by_name;
  int64_t assessed_at = 0;
};
int64_t InsertAssessment(Connection& c, const security::FieldCipher& cipher,
                         const AssessmentRow& row);
/// The family's assessments, newest first.
std::vector<AssessmentRow> ListAssessments(Connection& c, const security::FieldCipher& cipher,
                                           int64_t family_id);

/// One entry of the history of colours.
struct ColourChangeRow {
  int64_t id = 0;
  int64_t family_id = 0;
  std::string kind;     ///< "list", "upgrade", "downgrade" or "delisting"
  std::string from;     ///< "" when listed
  std::string to;       ///< "" when delisted
  std::string outcome;  ///< "effective", "pending", "approved", "rejected" or "superseded"
  int64_t assessment_id = 0;
  int64_t requested_by = 0;
  std::string requested_by_name;
  int64_t requested_at = 0;
  int64_t decided_by = 0;
  std::string decided_by_name;
  int64_t decided_at = 0;
  std::vector<std::string> told;  ///< the levels told of an upgrade
  std::optional<std::string> reason, note;
};
int64_t InsertColourChange(Connection& c, const security::FieldCipher& cipher,
                           const ColourChangeRow& row);
/// The step down waiting for approval, if any.
std::optional<ColourChangeRow> PendingChange(Connection& c, const security::FieldCipher& cipher,
                                             int64_t family_id);
/// Closes the waiting change `id` as `outcome` ("approved", "rejected", "superseded").
void DecideChange(Connection& c, const security::FieldCipher& cipher, int64_t id,
                  std::string_view outcome, int64_t decided_by, int64_t at,
                  const std::string& note);
/// The family's history of colours, newest first.
std::vector<ColourChangeRow> ColourHistory(Connection& c, const security::FieldCipher& cipher,
                                           int64_t family_id);

/// One contact or visit. Since issue 12 it is a visit of kind key_family_contact on the family's
/// household (domain::ContactKindOf; store::InsertWorkVisit), its note the visit's findings and a
/// finding its problem, with the action "assessment requested".
struct ContactInput {
  int64_t household_id = 0;  ///< the listed family's household
  domain::FamilyContactKind kind = domain::FamilyContactKind::kContact;
  int64_t at = 0;
  int64_t by = 0;
  bool finding = false;
  std::string note;
};
int64_t InsertContact(Connection& c, const security::FieldCipher& cipher, const ContactInput& in,
                      int64_t now);
/// One contact as read back: who, when, what kind, and the note (nullopt when it does not
/// decrypt).
struct ContactRow {
  int64_t id = 0;
  domain::FamilyContactKind kind = domain::FamilyContactKind::kContact;
  int64_t at = 0;
  int64_t by = 0;
  std::string by_name;
  bool finding = false;
  std::optional<std::string> note;
};
/// The family's contacts, latest first: the key-family-contact visits to its household, however
/// they were recorded (here, POST /visits or a phone's batch).
std::vector<ContactRow> ListContacts(Connection& c, const security::FieldCipher& cipher,
                                     int64_t family_id);
/// Moves the rows an older version kept in family_contacts into visits (their notes sealed again
/// under the visit's id) and empties it; the number moved. Called when the server starts.
int64_t MoveFamilyContactsIntoVisits(Connection& c, const security::FieldCipher& cipher,
                                     int64_t now);

/// A line of the due-contact list: who to call and by when, nothing of the risk.
struct DueRow {
  int64_t id = 0;
  int64_t household_id = 0;
  std::string name;
  domain::Placement region;
  int64_t last_contact_at = 0;
  int64_t next_contact_due = 0;
};
/// The listed families of `scope`, the earliest due first; with `due_before`, only those whose
/// contact falls due by then (the overdue ones included).
int64_t ListDue(Connection& c, const ScopeFilter& scope, std::optional<int64_t> due_before,
                const PageSpec& page, std::vector<DueRow>& out);

/// The listed families of one town (or street) of the scope, by colour.
struct TownCounts {
  std::string code, name;
  int64_t blue = 0, yellow = 0, red = 0;
};
std::vector<TownCounts> CountByTown(Connection& c, const ScopeFilter& scope);

/// The federation staff to tell of an upgrade: the accounts of the units at `levels` on the
/// family's path (`family_path`), not locked by an administrator.
std::vector<int64_t> StaffToTell(Connection& c, std::string_view family_path,
                                 const std::vector<domain::RegionLevel>& levels);

/// A police incident or a case concerning the household at `at` (for the police incidents and
/// cases to call): the listed family's stable period starts again and a reassessment is asked
/// for. The family's id, or nullopt when the household is not listed.
std::optional<int64_t> NoteIncident(Connection& c, const security::FieldCipher& cipher,
                                    int64_t household_id, int64_t at, int64_t now);

/// A visit to the household at `at` asked for the listed family's reassessment
/// (domain::RecordFinding). The family's id, or nullopt when the household is not listed.
std::optional<int64_t> NoteFinding(Connection& c, const security::FieldCipher& cipher,
                                   int64_t household_id, int64_t at, int64_t now);

/// A key-family contact recorded as a visit to the household at `at` (POST /visits): the listed
/// family's last contact and next due (domain::RecordContact), its supervision refreshed. The
/// family's id, or nullopt when the household is not listed.
std::optional<int64_t> NoteContact(Connection& c, const security::FieldCipher& cipher,
                                   int64_t household_id, domain::FamilyContactKind kind, int64_t at,
                                   bool finding, int64_t now);

/// What a case or a plan takes from the listed family of a household without anyone typing it
/// again: the colour, the risk level a case is screened with and the risks of the last
/// assessment (domain::RisksSummary).
struct FamilyRisk {
  int64_t family_id = 0;
  domain::RiskColour colour = domain::RiskColour::kBlue;
  domain::RiskLevel case_risk_level = domain::RiskLevel::kLow;
  std::string risks;
};
std::optional<FamilyRisk> FamilyRiskOfHousehold(Connection& c, int64_t household_id);

}  // namespace hejia::store
