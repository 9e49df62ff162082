#include "api/case_stream.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "common/clock.hpp"
#include "security/tokens.hpp"
#include "store/live_streams.hpp"

namespace hejia::api {

std::vector<std::string> CaseStream::Listener::Take() {
  std::lock_guard lock(mu_);
  std::vector<std::string> out(std::make_move_iterator(frames_.begin()),
                               std::make_move_iterator(frames_.end()));
  frames_.clear();
  return out;
}

std::shared_ptr<CaseStream::Listener> CaseStream::Subscribe(int64_t user_id,
                                                            std::function<void()> wake) {
  auto listener = std::make_shared<Listener>();
  listener->wake_ = std::move(wake);
  listener->id_ = security::RandomToken(12);
  std::lock_guard lock(mu_);
  // Streams of one user keep their order in the multimap: the first is the oldest.
  while (static_cast<int>(listeners_.count(user_id)) >= max_per_user_) {
    auto oldest = listeners_.find(user_id);
    oldest->second->ended_ = true;
    if (oldest->second->wake_) oldest->second->wake_();
    listeners_.erase(oldest);
  }
  listeners_.emplace(user_id, listener);
  return listener;
}

void CaseStream::Unsubscribe(int64_t user_id, const std::shared_ptr<Listener>& listener) {
  // The row goes after the stream (a lost write: the row expires unseen).
  if (shared_)
    shared_->SubmitWrite(
        [id = listener->id_](store::Connection& c) { store::CloseLiveStream(c, id); },
        [](std::exception_ptr) {});
  std::lock_guard lock(mu_);
  auto [first, last] = listeners_.equal_range(user_id);
  for (auto it = first; it != last; ++it)
    if (it->second == listener) {
      listeners_.erase(it);
      return;
    }
}

int CaseStream::Publish(int64_t user_id, std::string_view event, const boost::json::object& data) {
  const int reached = PublishLocal(user_id, event, data);
  if (relay_) relay_(user_id, event, data);
  return reached;
}

int CaseStream::PublishLocal(int64_t user_id, std::string_view event,
                             const boost::json::object& data) {
  std::string frame = "event: ";
  frame += event;
  frame += "\ndata: ";
  frame += boost::json::serialize(data);
  frame += "\n\n";
  std::lock_guard lock(mu_);
  int reached = 0;
  auto [first, last] = listeners_.equal_range(user_id);
  for (auto it = first; it != last; ++it) {
    auto& l = *it->second;
    {
      std::lock_guard queue_lock(l.mu_);
      if (l.frames_.size() >= kMaxQueued) l.frames_.pop_front();
      l.frames_.push_back(frame);
    }
    if (l.wake_) l.wake_();
    ++reached;
  }
  return reached;
}

void CaseStream::WakeUser(int64_t user_id) {
  std::lock_guard lock(mu_);
  auto [first, last] = listeners_.equal_range(user_id);
  for (auto it = first; it != last; ++it)
    if (it->second->wake_) it->second->wake_();
}

int CaseStream::Listeners(int64_t user_id) const {
  std::lock_guard lock(mu_);
  return static_cast<int>(listeners_.count(user_id));
}

void CaseStream::ShareCap(store::Database& db, const Clock& clock, TellEnd tell) {
  shared_ = &db;
  clock_ = &clock;
  tell_ = std::move(tell);
}

boost::asio::awaitable<void> CaseStream::Register(int64_t user_id,
                                                  const std::shared_ptr<Listener>& listener) {
  if (!shared_) co_return;
  const int64_t now = clock_->NowMillis();
  const int64_t stale_before = now - 3 * heartbeat_.count();
  auto ended = co_await shared_->Write([&](store::Connection& c) {
    auto ids = store::OpenLiveStream(c, listener->id_, user_id, max_per_user_, now, stale_before);
    if (!ids.empty() && tell_) tell_(c, ids);
    return ids;
  });
  EndStreams(ended);
}

boost::asio::awaitable<void> CaseStream::Seen(const std::shared_ptr<Listener>& listener) {
  if (!shared_) co_return;
  const int64_t now = clock_->NowMillis();
  co_await shared_->Write(
      [&](store::Connection& c) { store::SeeLiveStream(c, listener->id_, now); });
}

void CaseStream::EndStreams(const std::vector<std::string>& stream_ids) {
  std::lock_guard lock(mu_);
  for (const auto& id : stream_ids)
    for (auto it = listeners_.begin(); it != listeners_.end(); ++it)
      if (it->second->id_ == id) {
        it->second->ended_ = true;
        if (it->second->wake_) it->second->wake_();
        listeners_.erase(it);
        break;
      }
}

boost::json::object AssignmentEvent(int64_t case_id, std::string_view case_no,
                                    std::string_view category, bool night_clinic, int64_t at_ms) {
  return boost::json::object{{"case_id", case_id},
                             {"case_no", case_no},
                             {"category", category},
                             {"night_clinic", night_clinic},
                             {"at", FormatBeijing(at_ms)}};
}

boost::json::object CaseAlertJson(const domain::CaseAlert& alert) {
  if (alert.kind == domain::CaseAlertKind::kConsultation)
    return boost::json::object{{"consultation_id", alert.case_id},
                               {"category", alert.category},
                               {"night", alert.night_clinic},
                               {"mark", alert.supervision},
                               {"at", FormatBeijing(alert.at_ms)}};
  if (alert.kind == domain::CaseAlertKind::kFamilyTodo)
    return boost::json::object{{"family_id", alert.case_id}};
  if (alert.kind == domain::CaseAlertKind::kIncident)
    return boost::json::object{{"incident_id", alert.case_id},    {"incident_no", alert.case_no},
                               {"kind", alert.category},          {"recipient", alert.level},
                               {"mark", alert.supervision},       {"night", alert.night_clinic},
                               {"at", FormatBeijing(alert.at_ms)}};
  auto data = AssignmentEvent(alert.case_id, alert.case_no, alert.category, alert.night_clinic,
                              alert.at_ms);
  if (alert.kind == domain::CaseAlertKind::kEscalation) {
    data["supervision"] = alert.supervision;
    data["level"] = alert.level;
  }
  return data;
}

namespace {

void PublishToAssignee(CaseStream* hub, std::string_view event, int64_t case_id,
                       std::string_view case_no, std::string_view category, bool night_clinic,
                       std::optional<int64_t> assignee_id, int64_t at_ms) {
  if (!hub || !assignee_id) return;
  hub->Publish(*assignee_id, event,
               AssignmentEvent(case_id, case_no, category, night_clinic, at_ms));
}

}  // namespace

void PublishIntakeAssignment(CaseStream* hub, int64_t case_id, std::string_view case_no,
                             std::string_view category, bool night_clinic,
                             std::optional<int64_t> assignee_id, int64_t at_ms) {
  PublishToAssignee(hub, "assignment", case_id, case_no, category, night_clinic, assignee_id,
                    at_ms);
}

void PublishApplicantReply(CaseStream* hub, int64_t case_id, std::string_view case_no,
                           std::string_view category, bool night_clinic,
                           std::optional<int64_t> assignee_id, int64_t at_ms) {
  PublishToAssignee(hub, "reply", case_id, case_no, category, night_clinic, assignee_id, at_ms);
}

namespace {

// Leaves the hub however the stream ends (client gone, server stopping, an exception).
struct Subscription {
  std::shared_ptr<CaseStream> hub;
  int64_t user_id;
  std::shared_ptr<CaseStream::Listener> listener;
  ~Subscription() { hub->Unsubscribe(user_id, listener); }
};

}  // namespace

boost::asio::awaitable<void> RunCaseStream(std::shared_ptr<CaseStream> hub, int64_t user_id,
                                           StillSignedIn signed_in, http::StreamWriter& writer) {
  Subscription sub{hub, user_id, hub->Subscribe(user_id, writer.Waker())};
  // Counted with the streams of the other nodes; should the shared table fail, the cap holds on
  // this node alone.
  try {
    co_await hub->Register(user_id, sub.listener);
  } catch (const std::exception&) {
  }
  // `retry` tells EventSource how soon to reconnect; the comment confirms the subscription.
  const std::string hello = "retry: 5000\n: connected\n\n";
  const std::string heartbeat = ": heartbeat\n\n";
  const auto ends = std::chrono::steady_clock::now() + hub->lifetime();
  auto seen = std::chrono::steady_clock::now();
  bool ok = co_await writer.Write(hello);
  while (ok) {
    auto frames = sub.listener->Take();
    if (sub.listener->Ended() || !co_await signed_in()) break;
    for (const auto& frame : frames) {
      ok = co_await writer.Write(frame);
      if (!ok) break;
    }
    if (!ok) break;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        ends - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    const auto wake = co_await writer.Wait(std::min(hub->heartbeat(), left));
    if (wake == http::StreamWriter::Wake::kStopped) break;
    if (wake == http::StreamWriter::Wake::kTimeout) ok = co_await writer.Write(heartbeat);
    if (ok && std::chrono::steady_clock::now() - seen >= hub->heartbeat()) {
      seen = std::chrono::steady_clock::now();
      try {
        co_await hub->Seen(sub.listener);
      } catch (const std::exception&) {
      }
    }
  }
}

}  // namespace hejia::api
