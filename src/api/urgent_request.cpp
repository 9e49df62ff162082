#include "api/urgent_request.hpp"

#include <algorithm>

#include "api/case_stream.hpp"
#include "domain/categories.hpp"
#include "store/audit.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_people_repo.hpp"
#include "store/sms_outbox.hpp"
#include "store/user_repo.hpp"

namespace hejia::api {

namespace json = boost::json;

namespace {

constexpr size_t kMaxUrgentRecipients = 5;

// The SMS names the case and its kind only: a staff phone may be seen by others.
std::string UrgentSms(std::string_view case_no, std::string_view category) {
  const auto* found = domain::FindCode(domain::AllCategories(), category);
  const std::string kind = found ? std::string(found->label) : std::string(category);
  return "【和家】紧急求助 " + std::string(case_no) + "（" + kind +
         "）：求助人表示现在不安全，请立即登录处理。";
}

}  // namespace

UrgentAlert RaiseUrgent(store::Connection& c, Services& s, const store::CreatedCase& made,
                        std::string_view category, int64_t now_ms) {
  UrgentAlert out;
  if (made.assignee_id) out.users.push_back(*made.assignee_id);
  for (int64_t id : store::UnitHandlers(c, made.region_path, now_ms, kMaxUrgentRecipients))
    if (out.users.size() < kMaxUrgentRecipients &&
        std::find(out.users.begin(), out.users.end(), id) == out.users.end())
      out.users.push_back(id);
  int texted = 0;
  json::array users;
  for (int64_t id : out.users) {
    users.push_back(id);
    const auto phone = store::StaffPhone(c, s.cipher, id);
    if (!phone || phone->empty()) continue;
    store::EnqueueSms(c, s.cipher, *phone, UrgentSms(made.case_no, category), "urgent_alert",
                      now_ms);
    ++texted;
  }
  store::EventInput event;
  event.kind = "urgent_alert";
  event.actor_name = "system";
  event.data = json::object{{"users", users}, {"sms", texted}};
  store::InsertEvent(c, s.cipher, made.id, event, now_ms);
  s.Audit(c, store::Actor::System(), "case", std::to_string(made.id), "urgent_alert", "ok",
          "users=" + std::to_string(out.users.size()) + ";sms=" + std::to_string(texted));
  out.event = AssignmentEvent(made.id, made.case_no, category, made.night_clinic, now_ms);
  out.event["urgent"] = true;
  out.event["level"] = domain::ToString(made.level);
  return out;
}

void PublishUrgent(Services& s, const UrgentAlert& alert) {
  if (!s.case_stream) return;
  for (int64_t id : alert.users) s.case_stream->Publish(id, "assignment", alert.event);
}

}  // namespace hejia::api
