// Live notifications for GET /cases/stream (server-sent events): a case was assigned to me, or
// escalated to my region while I am on duty. The hub lives in Services; writers publish after
// their write job committed, and each open stream of the user is woken at once. Events carry the
// case's id, number and category only, never its content. Several nodes: a relay (set by the app
// on PostgreSQL) passes each event to the other nodes, which hand it to their own streams with
// PublishLocal (the list's `assigned_to_me=1` stays the source of truth), and the cap on a user's
// streams counts the streams open on every node (store/live_streams, see ShareCap).
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "common/clock.hpp"
#include "domain/case_alert.hpp"
#include "http/request.hpp"
#include "store/db.hpp"

namespace hejia::api {

/// Per-user queues of event frames for the open streams.
class CaseStream {
 public:
  /// One open stream: its queued frames and how to wake it.
  class Listener {
   public:
    /// The frames queued since the last call, oldest first.
    std::vector<std::string> Take();
    /// Ended to make room for a newer stream of the same user: the stream should return.
    bool Ended() const { return ended_; }
    /// The stream's name in the table the nodes share (random).
    const std::string& id() const { return id_; }

   private:
    friend class CaseStream;
    std::string id_;
    std::mutex mu_;
    std::deque<std::string> frames_;
    std::function<void()> wake_;
    std::atomic<bool> ended_{false};
  };

  /// `lifetime` bounds one stream: then it ends and EventSource reconnects, passing the sign-in
  /// checks again, so a signed-out or locked session stops hearing events within that time.
  explicit CaseStream(std::chrono::milliseconds heartbeat = std::chrono::seconds(20),
                      std::chrono::milliseconds lifetime = std::chrono::minutes(10),
                      int max_per_user = 5)
      : heartbeat_(heartbeat), lifetime_(lifetime), max_per_user_(max_per_user) {}

  /// Registers a stream of `user_id`; `wake` (any thread) ends its current wait. A user holds at
  /// most max_per_user() streams: the oldest is ended to make room (a closed tab's stream lingers
  /// until its next heartbeat finds the client gone; the newest window always hears).
  std::shared_ptr<Listener> Subscribe(int64_t user_id, std::function<void()> wake);
  void Unsubscribe(int64_t user_id, const std::shared_ptr<Listener>& listener);
  /// Queues `event` with `data` as one frame for every stream of `user_id` on this node, and
  /// passes it to the relay (the other nodes); returns how many streams of this node it reached.
  int Publish(int64_t user_id, std::string_view event, const boost::json::object& data);
  /// The same for this node's streams only: an event another node relayed.
  int PublishLocal(int64_t user_id, std::string_view event, const boost::json::object& data);
  /// What passes each published event on to the other nodes (none: one node). Set before the
  /// server starts.
  using Relay =
      std::function<void(int64_t user_id, std::string_view event, const boost::json::object& data)>;
  void SetRelay(Relay relay) { relay_ = std::move(relay); }
  /// Open streams of a user.
  int Listeners(int64_t user_id) const;

  /// Several nodes: what asks the other nodes to end streams they hold (inside the write that
  /// removed their rows; a NOTIFY, which the commit sends).
  using TellEnd =
      std::function<void(store::Connection& conn, const std::vector<std::string>& stream_ids)>;
  /// Counts every user's streams in `db`, which the nodes share, so the cap holds across them:
  /// a stream opened on this node ends the user's oldest, wherever it is open. Set before the
  /// server starts.
  void ShareCap(store::Database& db, const Clock& clock, TellEnd tell);
  /// Records a stream just subscribed in the shared table and ends the user's streams beyond the
  /// cap (this node's at once, the others' through TellEnd). Nothing without ShareCap.
  boost::asio::awaitable<void> Register(int64_t user_id, const std::shared_ptr<Listener>& listener);
  /// The stream is still open (called at its heartbeats; rows unseen for three expire).
  boost::asio::awaitable<void> Seen(const std::shared_ptr<Listener>& listener);
  /// Ends this node's streams among `stream_ids` (another node opened newer ones).
  void EndStreams(const std::vector<std::string>& stream_ids);
  /// Wakes every stream of `user_id` without a frame: each checks its session again (one of the
  /// user's sessions ended).
  void WakeUser(int64_t user_id);

  std::chrono::milliseconds heartbeat() const { return heartbeat_; }
  std::chrono::milliseconds lifetime() const { return lifetime_; }

 private:
  static constexpr size_t kMaxQueued = 100;  // a stalled client drops its oldest frames
  std::chrono::milliseconds heartbeat_;
  std::chrono::milliseconds lifetime_;
  int max_per_user_;
  Relay relay_;
  store::Database* shared_ = nullptr;
  const Clock* clock_ = nullptr;
  TellEnd tell_;
  mutable std::mutex mu_;
  std::multimap<int64_t, std::shared_ptr<Listener>> listeners_;
};

/// The `assignment` event: {case_id, case_no, category, night_clinic, at}.
/// The data of a live alert's event (escalations add the supervision mark and the new level).
boost::json::object CaseAlertJson(const domain::CaseAlert& alert);

boost::json::object AssignmentEvent(int64_t case_id, std::string_view case_no,
                                    std::string_view category, bool night_clinic, int64_t at_ms);

/// Tells the on-duty person a new case was assigned to them (night clinic). Call after the write
/// job that ran store::CreateCase committed; does nothing when nobody was assigned.
void PublishIntakeAssignment(CaseStream* hub, int64_t case_id, std::string_view case_no,
                             std::string_view category, bool night_clinic,
                             std::optional<int64_t> assignee_id, int64_t at_ms);

/// Tells the case's handler that the applicant replied on the portal (the `reply` event, the data
/// of an assignment). Call after the write committed; does nothing when nobody handles the case.
void PublishApplicantReply(CaseStream* hub, int64_t case_id, std::string_view case_no,
                           std::string_view category, bool night_clinic,
                           std::optional<int64_t> assignee_id, int64_t at_ms);

/// Whether the session a stream runs on is still signed in (not revoked, expired or locked).
using StillSignedIn = std::function<boost::asio::awaitable<bool>()>;

/// The body of one stream of `user_id`: a greeting, then each queued frame as it comes and a
/// comment line every heartbeat, until the client leaves, the server stops, the lifetime ends or
/// `signed_in` says no (asked at every wake and heartbeat: a revoked session hears nothing more).
/// Ends at once when the user has too many streams open.
boost::asio::awaitable<void> RunCaseStream(std::shared_ptr<CaseStream> hub, int64_t user_id,
                                           StillSignedIn signed_in, http::StreamWriter& writer);

}  // namespace hejia::api
