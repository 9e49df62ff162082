// Aggregates of help requests and mediation cases (GET /stats/cases, docs/api.md "Statistics,
// export, attachments, saved filters"). Counts are summed in SQL over the cases created in a
// period inside a scope (index cases_created); the medians are taken in C++ from the list of
// durations. Codes, counts and durations only: no personal data ever leaves this file.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

/// How GET /stats/cases splits its numbers.
enum class StatsGroup { kNone, kCategory, kRegion, kMonth, kLevel };
/// "category", "region", "month", "level"; nullopt for anything else.
std::optional<StatsGroup> ParseStatsGroup(std::string_view code);

/// The numbers of one set of cases. Definitions (docs/api.md):
/// - received: cases created in the period;
/// - accepted: of those, the ones decided accepted — any status but registered and rejected, and
///   withdrawn only when the withdrawal came after the decision (decided_at set);
/// - resolved: of those, the ones that reached an agreement — domain::CountsAsResolved of the
///   status, "had an agreement" being resolved_at set by `agree`, an agreement with effective_at
///   or a timeline event to `agreed`;
/// - resolved_village / resolved_town: resolved and handled at that level;
/// - night_clinic: received by the legal night clinic.
struct CaseTally {
  int64_t received = 0, accepted = 0, resolved = 0;
  int64_t resolved_village = 0, resolved_town = 0, night_clinic = 0;
  /// Days from creation to the agreement, one per resolved case whose time is known.
  std::vector<double> days_to_resolve;

  void Add(const CaseTally& other);
};

/// One group of the answer: `key` is a code (category, level, region code) or "YYYY-MM".
struct CaseStatsGroup {
  std::string key, label;
  CaseTally tally;
};

struct CaseStats {
  CaseTally totals;
  std::vector<CaseStatsGroup> groups;  // empty for StatsGroup::kNone
};

/// The numbers of the cases created in [from_ms, to_ms) whose region_path lies in `scope`.
/// Groups: every category (portal order), every level (village, town, city), every month of the
/// period, or the regions one level below the scope's region (its own cases as the first group,
/// labelled "<name>（本级）"; a village's grids hold no cases and are not listed). Groups without
/// cases are listed with zeros so charts keep their axes.
CaseStats ComputeCaseStats(Connection& conn, const ScopeFilter& scope, int64_t from_ms,
                           int64_t to_ms, StatsGroup group);

/// The counts of ComputeCaseStats (no durations) by region and by month at once, from one
/// statement grouped by both (the cockpit): the same numbers as the two groupings apart.
struct CaseTallies {
  CaseStats by_region, by_month;
};
CaseTallies ComputeCaseTallies(Connection& conn, const ScopeFilter& scope, int64_t from_ms,
                               int64_t to_ms);

/// The SQL conditions of `accepted` and `resolved` above over `cases c`, so that a list
/// (GET /cases?counted=) counts exactly what the figures count; each appends its bound values
/// to `p` in the order of its text. `agreement_effective` is the SQL of the case's agreement's
/// effective_at ("a.effective_at" under a join of agreements a, or a subquery).
std::string AcceptedSql(Params& p);
std::string ResolvedSql(Params& p, std::string_view agreement_effective);
inline constexpr std::string_view kAgreementEffectiveSubquery =
    "(SELECT ag.effective_at FROM agreements ag WHERE ag.case_id = c.id)";

/// The median (mean of the two middle values for an even count); nullopt when empty.
std::optional<double> Median(std::vector<double> values);

/// "YYYY-MM" of every Beijing month that [from_ms, to_ms) touches, in order.
std::vector<std::string> BeijingMonths(int64_t from_ms, int64_t to_ms);

/// "YYYY-MM" of a Beijing day (days since 1970-01-01 in Beijing time).
std::string BeijingMonthOfDay(int64_t beijing_day);

}  // namespace hejia::store
