// The life of a help request / mediation case (docs/design/cases.md, "Case statuses"): which
// action may be applied in which status, where it leads, and what each action must carry.
// No I/O: the handler loads the case, calls CheckTransition and ValidateTransitionInput, then
// writes the new status, a case_events row and an audit entry.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

/// Where a case stands. Codes (ToString) are the `cases.status` values.
enum class CaseStatus {
  kRegistered,  ///< "registered": received, not decided
  kAccepted,    ///< "accepted": accepted for handling
  kScreened,    ///< "screened": safety screening done
  kAssigned,    ///< "assigned": a mediator has it
  kMediating,   ///< "mediating": sessions and contacts
  kAgreed,      ///< "agreed": agreement in force
  kPerforming,  ///< "performing": payments being monitored
  kBreached,    ///< "breached": obligations not met
  kFulfilled,   ///< "fulfilled": all done, awaiting closure
  kTerminated,  ///< "terminated": ended without agreement, awaiting closure
  kRejected,    ///< "rejected": final
  kWithdrawn,   ///< "withdrawn": final
  kReferred,    ///< "referred": final (police, court, enforcement, another body)
  kClosed,      ///< "closed": final, archived
};

/// What staff do to a case. Codes (ToString) are the `action` of POST /cases/{id}/transitions.
enum class CaseAction {
  kAccept,     ///< "accept"
  kReject,     ///< "reject" (reason)
  kWithdraw,   ///< "withdraw" (reason)
  kScreen,     ///< "screen" (risk_level none/low/medium)
  kRefer,      ///< "refer" (reason)
  kAssign,     ///< "assign" (mediator; recusal is the handler's check, see recusal.hpp)
  kStart,      ///< "start"
  kAgree,      ///< "agree"
  kTerminate,  ///< "terminate" (reason)
  kExtend,     ///< "extend" (consent_recorded)
  kPerform,    ///< "perform"
  kFulfil,     ///< "fulfil"
  kBreach,     ///< "breach"
  kResume,     ///< "resume"
  kClose,      ///< "close" (outcome, satisfaction)
};

/// Every status and every action, in declaration order (for loops and lists).
const std::vector<CaseStatus>& AllCaseStatuses();
const std::vector<CaseAction>& AllCaseActions();

std::string_view ToString(CaseStatus status);
std::optional<CaseStatus> ParseCaseStatus(std::string_view code);
/// Chinese label of a status, e.g. "调解中".
std::string_view Label(CaseStatus status);

std::string_view ToString(CaseAction action);
std::optional<CaseAction> ParseCaseAction(std::string_view code);
/// Chinese label of an action, e.g. "开始调解".
std::string_view Label(CaseAction action);

/// The status `action` leads to from `status`, or nullopt when the action is not allowed there.
std::optional<CaseStatus> NextStatus(CaseStatus status, CaseAction action);
/// The actions allowed in `status`, in the order of the design table (the usual next step
/// first, withdraw last); empty for a final status.
std::vector<CaseAction> AllowedActions(CaseStatus status);

/// rejected, withdrawn, referred and closed: nothing more can happen.
bool IsFinal(CaseStatus status);
/// Not final (terminated and fulfilled are open: they still have to be closed).
bool IsOpen(CaseStatus status);
/// A case counts as resolved (调解成功) once it reached `agreed`. From the status alone that is
/// agreed, performing, breached or fulfilled; a closed or referred case needs its history.
bool IsResolved(CaseStatus status);
/// IsResolved, completed with the history: a closed case, or one referred after a breach, counts
/// as resolved when it `had_agreement` (an agreement took effect).
bool CountsAsResolved(CaseStatus status, bool had_agreement);

/// Throws ApiError 409 `illegal_transition` when `action` is not allowed in `status`. The message
/// names the status and the allowed actions (Chinese / English); details carry
/// {status, action, allowed:[codes]}.
void CheckTransition(CaseStatus status, CaseAction action);

/// The other routes a terminated mediation tells the parties of (`advised_routes`).
inline constexpr std::string_view kAdvisedRoutes[] = {"arbitration", "administrative", "court"};

/// How much an action wants a field.
enum class Need { kNone, kOptional, kRequired };
std::string_view ToString(Need need);

/// What each action carries besides `action` and `version`: the one table the transition rule
/// (ValidateTransitionInput, the handler) and the console's action dialog both follow; the API
/// publishes it as `x-needs` on the transition body's `action` (web/scripts/gen-api.mjs).
struct ActionNeeds {
  Need reason = Need::kNone;
  /// The risk levels it records (screen: none/low/medium; refer: any); empty: none.
  std::vector<std::string_view> risk_levels;
  bool mediator = false;        ///< mediator_id (assign)
  bool advised_routes = false;  ///< advised_routes, at least one (terminate)
  bool consent = false;         ///< consent_recorded must be true (extend)
  bool outcome = false;         ///< outcome, and satisfaction unless closing a terminated case
  bool weighty = false;         ///< changes much or cannot be undone: the dialog says so
};
ActionNeeds NeedsOf(CaseAction action);

/// Longest reason and outcome, in characters.
inline constexpr size_t kMaxTransitionReason = 500;
inline constexpr size_t kMaxTransitionOutcome = 500;

/// What a transition request may carry besides the action. Strings already trimmed.
struct TransitionInput {
  std::string reason;
  std::string risk_level;
  std::optional<int> satisfaction;
  std::string outcome;
  bool consent_recorded = false;
};

/// Checks what `action` needs, throwing Invalid(field, message):
/// - reject, refer, terminate, withdraw: `reason` required;
/// - screen: `risk_level` one of none/low/medium; "high" is refused with a hint to use `refer`
///   (high risk is not suitable for mediation);
/// - extend: `consent_recorded` must be true;
/// - close: `outcome` required; `satisfaction` 1..5 required when closing a fulfilled case, and
///   optional (but 1..5 when given) when closing a terminated one — parties whose mediation failed
///   often decline to rate it. `from` is the current status; without it the strict rule applies.
/// Any action: `reason` and `outcome` at most 500 characters, valid UTF-8, no control characters
/// other than line breaks and tabs; a given `satisfaction` must be 1..5.
void ValidateTransitionInput(CaseAction action, const TransitionInput& input,
                             std::optional<CaseStatus> from = std::nullopt);

}  // namespace hejia::domain
