#include "jobs/night_alerts.hpp"

#include "domain/categories.hpp"
#include "domain/region.hpp"
#include "store/audit.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_people_repo.hpp"
#include "store/case_repo.hpp"
#include "store/night_watch.hpp"
#include "store/sms_outbox.hpp"
#include "store/user_repo.hpp"

namespace hejia::jobs {

namespace json = boost::json;

namespace {

constexpr int64_t kMinute = 60'000;

std::string CategoryLabel(const std::string& code) {
  const auto* found = domain::FindCode(domain::AllCategories(), code);
  return found ? std::string(found->label) : code;
}

// The SMS names the case and its kind only: the phone of the person on duty may be seen by others.
std::string SmsText(const store::UnopenedNightCase& c, bool escalated, int minutes) {
  const std::string head =
      "【和家】夜间求助 " + c.case_no + "（" + CategoryLabel(c.category) + "）";
  if (!escalated)
    return head + "已分派给您，" + std::to_string(minutes) + " 分钟内尚未查看，请尽快登录处理。";
  return head + "值班人员 " + std::to_string(2 * minutes) + " 分钟内尚未查看，请您协助处理。";
}

// Queues the SMS when the person has a phone; says whether one went.
bool Text(store::Connection& conn, const security::FieldCipher& cipher, int64_t user_id,
          const std::string& body, int64_t now_ms) {
  const auto phone = store::StaffPhone(conn, cipher, user_id);
  if (!phone || phone->empty()) return false;
  store::EnqueueSms(conn, cipher, *phone, body, "night_alert", now_ms);
  return true;
}

void Record(store::Connection& conn, const security::FieldCipher& cipher,
            const security::KeyRing& keys, int64_t case_id, const std::string& kind,
            std::optional<int64_t> user_id, bool sms, int64_t now_ms) {
  store::EventInput event;
  event.kind = kind;
  event.actor_name = "system";
  event.data = json::object{{"user_id", user_id ? json::value(*user_id) : json::value(nullptr)},
                            {"sms", sms}};
  store::InsertEvent(conn, cipher, case_id, event, now_ms);
  store::Audit(conn, keys, now_ms, store::Actor::System(), "case", std::to_string(case_id), kind,
               "ok",
               std::string("sms=") + (sms ? "1" : "0") +
                   (user_id ? ";user=" + std::to_string(*user_id) : ";user=none"));
}

void Alert(Notifier* notifier, const std::vector<NightStep>& steps, int64_t now_ms) {
  if (!notifier) return;
  for (const auto& s : steps) {
    if (!s.notify_user) continue;
    const bool escalated = s.kind == NightStep::Kind::kEscalated;
    domain::CaseAlert alert{
        escalated ? domain::CaseAlertKind::kEscalation : domain::CaseAlertKind::kAssignment,
        s.case_id,
        s.case_no,
        s.category,
        true,
        now_ms,
        "",
        s.level};
    notifier->Notify(*s.notify_user, alert);
  }
}

}  // namespace

std::vector<NightStep> ChaseUnopenedNightCases(store::Connection& conn,
                                               const security::FieldCipher& cipher,
                                               const security::KeyRing& keys, int64_t now_ms) {
  const int minutes = store::LoadCaseSettings(conn).night_ack_minutes;
  const int64_t wait = minutes * kMinute;
  std::vector<NightStep> steps;
  // Tonight's requests only: one left unopened for longer is the time limits' business
  // (jobs/case_deadlines escalates it with a supervision mark), and an upgrade does not text
  // everyone about old cases.
  const int64_t tonight = now_ms - 12 * 60 * kMinute;
  for (const auto& c : store::UnopenedNightCases(conn, tonight, now_ms - wait, now_ms - wait)) {
    NightStep step;
    step.case_id = c.id;
    step.case_no = c.case_no;
    step.category = c.category;
    if (!c.reminded_at) {
      if (!store::MarkNightReminded(conn, c.id, now_ms)) continue;
      const bool sms = Text(conn, cipher, c.assignee_id, SmsText(c, false, minutes), now_ms);
      Record(conn, cipher, keys, c.id, "night_reminder", c.assignee_id, sms, now_ms);
      step.notify_user = c.assignee_id;
    } else {
      if (!store::MarkNightEscalated(conn, c.id, now_ms)) continue;
      step.kind = NightStep::Kind::kEscalated;
      // Whoever is on duty above the handling unit (the nearest level that has someone).
      const auto above = domain::PathsAbove(c.region_path);
      std::optional<int64_t> user;
      if (!above.empty()) user = store::OnDutyUser(conn, above.back(), now_ms);
      if (user == c.assignee_id) user.reset();
      const bool sms = user && Text(conn, cipher, *user, SmsText(c, true, minutes), now_ms);
      Record(conn, cipher, keys, c.id, "night_escalated", user, sms, now_ms);
      step.notify_user = user;
      if (!above.empty())
        step.level = domain::ToString(
            static_cast<domain::RegionLevel>(domain::CodesOnPath(above.back()).size() - 1));
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

const CasePass<NightStep> kNightWatch{ChaseUnopenedNightCases, Alert};

}  // namespace hejia::jobs
