// Cases as the list and the detail show them: the list row (the case with the names of its region,
// handler and mediator and its applicant's name), the filtered page of GET /cases and its
// export, the detail's rows, and open cases sharing a party's phone or ID number.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/case_routing.hpp"
#include "security/field_cipher.hpp"
#include "store/case_parties_repo.hpp"
#include "store/case_repo.hpp"
#include "store/case_sessions_repo.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

/// A case as a list shows it.
struct CaseListRow {
  CaseRecord rec;
  std::string region_name, assignee_name, mediator_name;
  std::string applicant_name;  // plain ("" when there is none); the serialiser masks it
};

/// A page of cases.
struct CasePage {
  std::vector<CaseListRow> items;
  int64_t total = 0;
};

/// kUrgentFirst: urgent requests first, then the oldest first (the desk's new requests).
enum class CaseSort { kCreatedAt, kUpdatedAt, kUrgentFirst };

/// Filters of GET /cases. Empty = not filtered.
struct CaseFilter {
  std::vector<domain::CaseStatus> statuses;
  std::string category;
  std::optional<domain::CaseLevel> level;
  bool overdue = false;
  bool attention = false;  // past a limit or under any supervision mark (the desk)
  std::optional<domain::Supervision> supervision;  // this mark
  bool any_supervision = false;                    // any mark ("supervision=any")
  bool night_clinic = false;
  bool urgent = false;
  std::optional<int64_t> assigned_to;  // assignee, or the user of the assigned mediator
  std::string text;                    // case_no or title contains
  /// Created in [created_from, created_to) (the cockpit's period).
  std::optional<int64_t> created_from, created_to;
  /// Only the cases the statistics count as accepted or as resolved (store/case_stats.hpp).
  enum class Counted { kAll, kAccepted, kResolved };
  Counted counted = Counted::kAll;
};

CasePage ListCases(Connection& conn, const ScopeFilter& scope, const CaseFilter& filter,
                   CaseSort sort, const PageSpec& page, int64_t now_ms);

/// Everything GET /cases/{id} shows: the list row, the decrypted texts, the masked parties, the
/// protection track and the sessions.
struct CaseDetail {
  CaseRecord rec;
  CaseListRow row;
  CaseTexts texts;
  std::vector<PartyRow> parties;
  std::optional<ProtectionRow> protection;
  std::vector<SessionRow> sessions;
};
/// nullopt when a ciphertext fails (or the case is gone).
std::optional<CaseDetail> LoadCaseDetail(Connection& conn, const security::FieldCipher& cipher,
                                         const CaseRecord& c);

/// Open cases (other than `exclude_case_id`) with a party whose phone or ID-number blind index
/// is one of these.
struct DuplicateCase {
  int64_t id = 0;
  std::string case_no;
  domain::CaseStatus status = domain::CaseStatus::kRegistered;
  std::string region_path;
};
std::vector<DuplicateCase> FindDuplicateCases(Connection& conn,
                                              const std::vector<std::string>& phone_bidx,
                                              const std::vector<std::string>& id_bidx,
                                              int64_t exclude_case_id = 0);

}  // namespace hejia::store
