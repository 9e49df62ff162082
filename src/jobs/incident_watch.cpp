#include "jobs/incident_watch.hpp"

#include <algorithm>

#include "domain/case_routing.hpp"
#include "domain/region.hpp"
#include "store/audit.hpp"
#include "store/case_people_repo.hpp"
#include "store/case_repo.hpp"
#include "store/incident_push_repo.hpp"
#include "store/sms_outbox.hpp"
#include "store/user_repo.hpp"

namespace hejia::jobs {

namespace {

constexpr int64_t kMinute = 60LL * 1000;
constexpr int64_t kWatchedDays = 30;

std::string KindLabel(std::string_view kind) {
  if (kind == "domestic_violence") return "家暴";
  if (kind == "dating_violence") return "恋爱暴力";
  if (kind == "support_maintenance") return "赡养抚养";
  if (kind == "family_dispute") return "家庭纠纷";
  return "家庭类";
}

bool Text(store::Connection& conn, const security::FieldCipher& cipher, int64_t user_id,
          const std::string& body, int64_t now_ms) {
  const auto phone = store::StaffPhone(conn, cipher, user_id);
  if (!phone || phone->empty()) return false;
  store::EnqueueSms(conn, cipher, *phone, body, "incident_alert", now_ms);
  return true;
}

struct IncidentHead {
  std::string no, kind;
};
IncidentHead HeadOf(store::Connection& conn, int64_t incident_id) {
  auto row =
      conn.QueryOne("SELECT incident_no, kind FROM police_incidents WHERE id = ?", {incident_id});
  if (!row) return {};
  return {row->Text(0), row->Text(1)};
}

void Tell(Notifier* notifier, const std::vector<PushWatchStep>& steps, int64_t now_ms) {
  if (!notifier) return;
  for (const auto& s : steps)
    for (int64_t user : s.notify)
      notifier->Notify(
          user,
          domain::CaseAlert{domain::CaseAlertKind::kIncident, s.incident_id, s.incident_no,
                            s.incident_kind, s.night, now_ms,
                            s.kind == PushWatchStep::Kind::kMarked ? s.mark : "none", s.recipient});
}

}  // namespace

std::vector<PushWatchStep> WatchIncidentPushes(store::Connection& conn,
                                               const security::FieldCipher& cipher,
                                               const security::KeyRing& keys, int64_t now_ms) {
  const auto case_settings = store::LoadCaseSettings(conn);
  const int64_t night_wait = case_settings.night_ack_minutes * kMinute;
  const bool night_now = domain::IsNightClinic(case_settings, now_ms);
  std::vector<PushWatchStep> steps;
  for (const auto& push :
       store::OpenPushes(conn, now_ms - kWatchedDays * 24 * 60 * kMinute, 5000)) {
    const auto head = HeadOf(conn, push.incident_id);
    const std::string recipient(domain::ToString(push.recipient));
    // At night: the holder has not acknowledged within the night clinic's minutes.
    if (push.night && push.assignee_id && !push.progress.acknowledged_at && !push.reminded_at &&
        now_ms >= push.progress.pushed_at + night_wait) {
      store::SetPushReminded(conn, push.id, now_ms);
      const bool sms = Text(conn, cipher, *push.assignee_id,
                            "【和家】" + KindLabel(head.kind) + "警情 " + head.no +
                                " 已推送给您，尚未签收，请尽快登录处理。",
                            now_ms);
      store::Audit(conn, keys, now_ms, store::Actor::System(), "incident",
                   std::to_string(push.incident_id), "push_reminder", "ok",
                   "recipient=" + recipient + ";sms=" + (sms ? "1" : "0"));
      steps.push_back({PushWatchStep::Kind::kReminded,
                       push.incident_id,
                       head.no,
                       head.kind,
                       recipient,
                       "",
                       true,
                       {*push.assignee_id}});
    }
    const auto mark = domain::MarkAt(push.progress, now_ms);
    if (mark <= push.mark) continue;
    store::SetPushMark(conn, push.id, mark, now_ms);
    store::RefreshIncidentSummary(conn, push.incident_id, now_ms);
    // The level above the push's unit hears of it: on duty at night, its staff by day.
    const auto above = domain::PathsAbove(push.region_path);
    std::vector<int64_t> notify;
    if (!above.empty()) {
      if (night_now) {
        if (auto user = store::OnDutyUser(conn, above.back(), now_ms)) notify.push_back(*user);
      } else {
        notify = store::UnitHandlers(conn, above.back(), now_ms, 3);
      }
    }
    if (push.assignee_id &&
        std::find(notify.begin(), notify.end(), *push.assignee_id) == notify.end())
      notify.push_back(*push.assignee_id);
    bool sms = false;
    if (mark == domain::PushMark::kRed)
      for (int64_t user : notify)
        if (!push.assignee_id || user != *push.assignee_id)
          sms = Text(conn, cipher, user,
                     "【和家】" + KindLabel(head.kind) + "警情 " + head.no +
                         " 的推送已严重超时（红色督办），请督促办理。",
                     now_ms) ||
                sms;
    store::Audit(conn, keys, now_ms, store::Actor::System(), "incident",
                 std::to_string(push.incident_id), "supervise", "ok",
                 "recipient=" + recipient + ";mark=" + std::string(domain::ToString(mark)) +
                     ";told=" + std::to_string(notify.size()) + ";sms=" + (sms ? "1" : "0"));
    steps.push_back({PushWatchStep::Kind::kMarked, push.incident_id, head.no, head.kind, recipient,
                     std::string(domain::ToString(mark)), night_now, std::move(notify)});
  }
  return steps;
}

const CasePass<PushWatchStep> kIncidentWatch{WatchIncidentPushes, Tell};

}  // namespace hejia::jobs
