#include "domain/hotline.hpp"

#include "domain/categories.hpp"

namespace hejia::domain {

std::optional<FieldProblem> CheckHotlineCall(const HotlineCall& call, int64_t now_ms) {
  if (!IsCategory(call.category))
    return FieldProblem{"category", "未知的纠纷类型 / unknown category"};
  if (call.summary.dirty && call.summary.plain.empty())
    return FieldProblem{"summary", "必填 / required"};
  if (!call.summary.dirty && call.summary.enc.empty())
    return FieldProblem{"summary", "必填 / required"};
  if (call.received_at == 0) return FieldProblem{"received_at", "必填 / required"};
  if (call.received_at > now_ms + kHotlineClockSlackMs)
    return FieldProblem{"received_at",
                        "来电时间不能晚于现在 / a call cannot be received later than now"};
  if (call.outcome == HotlineOutcome::kReferred && call.referred_to.empty())
    return FieldProblem{"referred_to", "转介须写明转至何处 / a referral names to whom"};
  if (call.outcome == HotlineOutcome::kCallBack) {
    if (call.call_back_due == 0)
      return FieldProblem{"call_back_due", "约定回拨须有回拨时限 / a call back needs its due time"};
    if (call.call_back_due <= call.received_at ||
        call.call_back_due > call.received_at + kHotlineCallBackMaxMs)
      return FieldProblem{"call_back_due",
                          "回拨时限应在来电之后 30 天内 / due within 30 days after the call"};
  }
  if (call.called_back_at != 0 && (call.called_back_at < call.received_at ||
                                   call.called_back_at > now_ms + kHotlineClockSlackMs))
    return FieldProblem{"called_back_at",
                        "回拨时间应在来电之后、现在之前 / between the call and now"};
  if (call.outcome == HotlineOutcome::kCaseOpened && call.case_id == 0)
    return FieldProblem{"outcome",
                        "立案请用“转为求助” / a case is opened with the call's 转为求助"};
  if (call.outcome != HotlineOutcome::kCaseOpened && call.case_id != 0)
    return FieldProblem{"outcome",
                        "已转为求助事项的来电不能改为其他结果 / a call a case was made of keeps "
                        "that outcome"};
  return std::nullopt;
}

bool CallBackOverdue(const HotlineCall& call, int64_t now_ms) {
  return call.outcome == HotlineOutcome::kCallBack && call.called_back_at == 0 &&
         call.call_back_due != 0 && call.call_back_due < now_ms;
}

}  // namespace hejia::domain
