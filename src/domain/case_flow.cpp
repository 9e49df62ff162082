#include "domain/case_flow.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "common/code_table.hpp"
#include "common/error.hpp"
#include "common/utf8.hpp"

namespace hejia::domain {

namespace {

struct StatusInfo {
  CaseStatus status;
  std::string_view code;
  std::string_view label;
};

constexpr StatusInfo kStatuses[] = {
    {CaseStatus::kRegistered, "registered", "已登记"},
    {CaseStatus::kAccepted, "accepted", "已受理"},
    {CaseStatus::kScreened, "screened", "已评估"},
    {CaseStatus::kAssigned, "assigned", "已分派"},
    {CaseStatus::kMediating, "mediating", "调解中"},
    {CaseStatus::kAgreed, "agreed", "已达成协议"},
    {CaseStatus::kPerforming, "performing", "履行中"},
    {CaseStatus::kBreached, "breached", "未履行"},
    {CaseStatus::kFulfilled, "fulfilled", "已履行"},
    {CaseStatus::kTerminated, "terminated", "调解终止"},
    {CaseStatus::kRejected, "rejected", "不予受理"},
    {CaseStatus::kWithdrawn, "withdrawn", "已撤回"},
    {CaseStatus::kReferred, "referred", "已转介"},
    {CaseStatus::kClosed, "closed", "已结案"},
};

struct ActionInfo {
  CaseAction action;
  std::string_view code;
  std::string_view label;
};

constexpr ActionInfo kActions[] = {
    {CaseAction::kAccept, "accept", "受理"},
    {CaseAction::kReject, "reject", "不予受理"},
    {CaseAction::kWithdraw, "withdraw", "撤回"},
    {CaseAction::kScreen, "screen", "安全评估"},
    {CaseAction::kRefer, "refer", "转介"},
    {CaseAction::kAssign, "assign", "分派调解员"},
    {CaseAction::kStart, "start", "开始调解"},
    {CaseAction::kAgree, "agree", "达成协议"},
    {CaseAction::kTerminate, "terminate", "终止调解"},
    {CaseAction::kExtend, "extend", "延长调解期限"},
    {CaseAction::kPerform, "perform", "开始履行"},
    {CaseAction::kFulfil, "fulfil", "履行完毕"},
    {CaseAction::kBreach, "breach", "登记未履行"},
    {CaseAction::kResume, "resume", "恢复履行"},
    {CaseAction::kClose, "close", "结案"},
};

struct Edge {
  CaseStatus from;
  CaseAction action;
  CaseStatus to;
};

// The status table of docs/design/cases.md, row by row.
constexpr Edge kEdges[] = {
    {CaseStatus::kRegistered, CaseAction::kAccept, CaseStatus::kAccepted},
    {CaseStatus::kRegistered, CaseAction::kReject, CaseStatus::kRejected},
    {CaseStatus::kRegistered, CaseAction::kWithdraw, CaseStatus::kWithdrawn},
    {CaseStatus::kAccepted, CaseAction::kScreen, CaseStatus::kScreened},
    {CaseStatus::kAccepted, CaseAction::kRefer, CaseStatus::kReferred},
    {CaseStatus::kAccepted, CaseAction::kWithdraw, CaseStatus::kWithdrawn},
    {CaseStatus::kScreened, CaseAction::kAssign, CaseStatus::kAssigned},
    {CaseStatus::kScreened, CaseAction::kRefer, CaseStatus::kReferred},
    {CaseStatus::kScreened, CaseAction::kWithdraw, CaseStatus::kWithdrawn},
    {CaseStatus::kAssigned, CaseAction::kStart, CaseStatus::kMediating},
    {CaseStatus::kAssigned, CaseAction::kAssign, CaseStatus::kAssigned},
    {CaseStatus::kAssigned, CaseAction::kWithdraw, CaseStatus::kWithdrawn},
    {CaseStatus::kMediating, CaseAction::kAgree, CaseStatus::kAgreed},
    {CaseStatus::kMediating, CaseAction::kTerminate, CaseStatus::kTerminated},
    {CaseStatus::kMediating, CaseAction::kExtend, CaseStatus::kMediating},
    {CaseStatus::kMediating, CaseAction::kWithdraw, CaseStatus::kWithdrawn},
    {CaseStatus::kAgreed, CaseAction::kPerform, CaseStatus::kPerforming},
    {CaseStatus::kAgreed, CaseAction::kFulfil, CaseStatus::kFulfilled},
    {CaseStatus::kPerforming, CaseAction::kFulfil, CaseStatus::kFulfilled},
    {CaseStatus::kPerforming, CaseAction::kBreach, CaseStatus::kBreached},
    {CaseStatus::kBreached, CaseAction::kRefer, CaseStatus::kReferred},
    {CaseStatus::kBreached, CaseAction::kResume, CaseStatus::kPerforming},
    {CaseStatus::kFulfilled, CaseAction::kClose, CaseStatus::kClosed},
    {CaseStatus::kTerminated, CaseAction::kClose, CaseStatus::kClosed},
};

// Text a person typed: valid UTF-8, bounded, no control characters but line breaks and tabs.
void CheckText(std::string_view field, std::string_view text, size_t max_chars) {
  if (!IsValidUtf8(text))
    throw Invalid(std::string(field), "不是有效的 UTF-8 文本 / not valid UTF-8");
  if (Utf8CodePointCount(text) > max_chars)
    throw Invalid(std::string(field), "过长，最多 " + std::to_string(max_chars) +
                                          " 字 / too long, at most " + std::to_string(max_chars) +
                                          " characters");
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F)
      throw Invalid(std::string(field), "含有控制字符 / contains control characters");
}

bool Blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

}  // namespace

const std::vector<CaseStatus>& AllCaseStatuses() {
  static const std::vector<CaseStatus> kAll = [] {
    std::vector<CaseStatus> v;
    for (const auto& s : kStatuses) v.push_back(s.status);
    return v;
  }();
  return kAll;
}

const std::vector<CaseAction>& AllCaseActions() {
  static const std::vector<CaseAction> kAll = [] {
    std::vector<CaseAction> v;
    for (const auto& a : kActions) v.push_back(a.action);
    return v;
  }();
  return kAll;
}

std::string_view ToString(CaseStatus status) {
  for (const auto& s : kStatuses)
    if (s.status == status) return s.code;
  return "";
}

std::optional<CaseStatus> ParseCaseStatus(std::string_view code) {
  for (const auto& s : kStatuses)
    if (s.code == code) return s.status;
  return std::nullopt;
}

std::string_view Label(CaseStatus status) {
  for (const auto& s : kStatuses)
    if (s.status == status) return s.label;
  return "";
}

std::string_view ToString(CaseAction action) {
  for (const auto& a : kActions)
    if (a.action == action) return a.code;
  return "";
}

std::optional<CaseAction> ParseCaseAction(std::string_view code) {
  for (const auto& a : kActions)
    if (a.code == code) return a.action;
  return std::nullopt;
}

std::string_view Label(CaseAction action) {
  for (const auto& a : kActions)
    if (a.action == action) return a.label;
  return "";
}

std::optional<CaseStatus> NextStatus(CaseStatus status, CaseAction action) {
  for (const auto& e : kEdges)
    if (e.from == status && e.action == action) return e.to;
  return std::nullopt;
}

std::vector<CaseAction> AllowedActions(CaseStatus status) {
  std::vector<CaseAction> allowed;
  for (const auto& e : kEdges)
    if (e.from == status) allowed.push_back(e.action);
  return allowed;
}

bool IsFinal(CaseStatus status) {
  return status == CaseStatus::kRejected || status == CaseStatus::kWithdrawn ||
         status == CaseStatus::kReferred || status == CaseStatus::kClosed;
}

bool IsOpen(CaseStatus status) {
  return !IsFinal(status);
}

bool IsResolved(CaseStatus status) {
  return status == CaseStatus::kAgreed || status == CaseStatus::kPerforming ||
         status == CaseStatus::kBreached || status == CaseStatus::kFulfilled;
}

bool CountsAsResolved(CaseStatus status, bool had_agreement) {
  if (IsResolved(status)) return true;
  if (status == CaseStatus::kClosed || status == CaseStatus::kReferred) return had_agreement;
  return false;
}

void CheckTransition(CaseStatus status, CaseAction action) {
  if (NextStatus(status, action)) return;
  const auto allowed = AllowedActions(status);
  std::string zh_list, en_list;
  boost::json::array codes;
  for (CaseAction a : allowed) {
    if (!zh_list.empty()) {
      zh_list += "、";
      en_list += ", ";
    }
    zh_list += std::string(Label(a)) + "(" + std::string(ToString(a)) + ")";
    en_list += ToString(a);
    codes.emplace_back(ToString(a));
  }
  std::string message = "案件状态为「" + std::string(Label(status)) + "」(" +
                        std::string(ToString(status)) + ")，不能" + std::string(Label(action)) +
                        "(" + std::string(ToString(action)) + ")；";
  message += allowed.empty() ? "该状态已是终态，不能再变更" : "可执行：" + zh_list;
  message += " / the case is " + std::string(ToString(status)) + "; " +
             std::string(ToString(action)) + " is not allowed; ";
  message += allowed.empty() ? "it is final" : "allowed: " + en_list;
  throw ApiError(ErrorKind::kConflict, "illegal_transition", std::move(message))
      .WithDetails(boost::json::object{{"status", ToString(status)},
                                       {"action", ToString(action)},
                                       {"allowed", std::move(codes)}});
}

constexpr std::pair<Need, std::string_view> kNeedCodes[] = {
    {Need::kNone, "none"}, {Need::kOptional, "optional"}, {Need::kRequired, "required"}};

std::string_view ToString(Need need) {
  return CodeOf(kNeedCodes, need, "none");
}

ActionNeeds NeedsOf(CaseAction action) {
  static const std::vector<std::string_view> kScreenRisks = {"none", "low", "medium"};
  static const std::vector<std::string_view> kAnyRisk = {"none", "low", "medium", "high"};
  ActionNeeds n;
  switch (action) {
    case CaseAction::kReject:
    case CaseAction::kWithdraw:
      n.reason = Need::kRequired;
      n.weighty = true;
      break;
    case CaseAction::kRefer:
      n.reason = Need::kRequired;
      n.risk_levels = kAnyRisk;
      n.weighty = true;
      break;
    case CaseAction::kTerminate:
      n.reason = Need::kRequired;
      n.advised_routes = true;
      n.weighty = true;
      break;
    case CaseAction::kScreen:
      n.risk_levels = kScreenRisks;
      break;
    case CaseAction::kAssign:
      n.mediator = true;
      break;
    case CaseAction::kExtend:
      n.reason = Need::kOptional;
      n.consent = true;
      break;
    case CaseAction::kBreach:
    case CaseAction::kResume:
      n.reason = Need::kOptional;
      break;
    case CaseAction::kClose:
      n.outcome = true;
      n.weighty = true;
      break;
    default:
      break;
  }
  return n;
}

void ValidateTransitionInput(CaseAction action, const TransitionInput& input,
                             std::optional<CaseStatus> from) {
  CheckText("reason", input.reason, kMaxTransitionReason);
  CheckText("outcome", input.outcome, kMaxTransitionOutcome);
  if (input.satisfaction && (*input.satisfaction < 1 || *input.satisfaction > 5))
    throw Invalid("satisfaction", "满意度应为 1–5 / satisfaction must be 1 to 5");

  const ActionNeeds needs = NeedsOf(action);
  if (needs.reason == Need::kRequired && Blank(input.reason))
    throw Invalid("reason",
                  "请填写原因 / a reason is required to " + std::string(ToString(action)));
  if (action == CaseAction::kScreen) {
    if (input.risk_level == "high")
      throw Invalid("risk_level",
                    "高风险不适合调解，请转介（refer）并启动保护措施 / high risk is not suitable "
                    "for mediation: use refer and start protection");
    if (std::find(needs.risk_levels.begin(), needs.risk_levels.end(), input.risk_level) ==
        needs.risk_levels.end())
      throw Invalid("risk_level",
                    "风险等级应为 none、low 或 medium / risk_level must be none, low or medium");
  }
  if (needs.consent && !input.consent_recorded)
    throw Invalid("consent_recorded",
                  "延长调解期限须记录各方当事人同意 / extending needs the parties' consent "
                  "recorded");
  if (needs.outcome) {
    if (Blank(input.outcome))
      throw Invalid("outcome", "请填写结案情况 / an outcome is required to close");
    if (!input.satisfaction && from != CaseStatus::kTerminated)
      throw Invalid("satisfaction", "请填写满意度（1–5） / satisfaction (1 to 5) is required");
  }
}

}  // namespace hejia::domain
