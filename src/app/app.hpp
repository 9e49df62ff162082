// Wiring: configuration -> database, keys, services, routes, server.
#pragma once
#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/auth.hpp"
#include "api/services.hpp"
#include "http/server.hpp"
#include "jobs/case_deadlines.hpp"
#include "jobs/consultation_watch.hpp"
#include "jobs/drain_loop.hpp"
#include "jobs/family_watch.hpp"
#include "jobs/incident_watch.hpp"
#include "jobs/maintenance.hpp"
#include "jobs/night_alerts.hpp"
#include "jobs/odr_callbacks.hpp"
#include "jobs/partner_callbacks.hpp"
#include "jobs/payment_reminders.hpp"
#include "jobs/sms_sender.hpp"
#include "store/audit_anchor.hpp"
#include "store/notify_channel.hpp"

namespace hejia::app {

/// Everything `hejia serve` is told.
struct AppConfig {
  std::string db_url = "sqlite:data/hejia.db";
  std::string listen = "127.0.0.1:8080";
  std::string key_file;  // empty: HEJIA_KEY_FILE, HEJIA_KEYS, or beside a SQLite database
  std::string static_root = "web/dist";
  // Text messages go to this HTTP(S) gateway (empty: HEJIA_SMS_GATEWAY_URL; unset: they are only
  // recorded in the outbox). Its bearer token comes from HEJIA_SMS_GATEWAY_TOKEN.
  std::string sms_gateway_url;
  bool cookie_secure = false;
  bool trust_proxy = false;
  std::vector<std::string> trusted_proxies;
  int threads = 2;
  int db_readers = 2;
  /// What one client address may submit on the public portal in 10 minutes (help requests and
  /// consultations together): api::PublicLimits's 5 unless raised for browser tests, which post
  /// from one address.
  int portal_submits = 5;
  /// Case attachments (encrypted); empty: "files" beside a SQLite database, "data/files" with
  /// PostgreSQL (several server nodes must share one directory).
  std::string files_dir;
  /// The audit chain's anchor file (store/audit_anchor.hpp); empty: see AuditAnchorPath.
  std::string audit_anchor;
};

/// The anchor file: `explicit_path` when given, else "PATH.audit-anchor" beside a SQLite
/// database, "data/hejia.audit-anchor" with PostgreSQL.
std::string AuditAnchorPath(const std::string& db_url, const std::string& explicit_path);

/// The attachments directory `config` asks for (see AppConfig::files_dir).
std::string FilesDir(const AppConfig& config);

/// Loads the key ring per the rules in the README; throws std::runtime_error with the reason.
/// The folder the key file shares with an SQLite database (the embedded default, or a key file
/// put there), for a warning at start; nullopt when they are apart or the database is PostgreSQL.
std::optional<std::string> KeyFileBesideDatabase(const std::string& db_url,
                                                 const std::string& key_file);

std::shared_ptr<const security::KeyRing> LoadKeys(const std::string& db_url,
                                                  const std::string& key_file);

/// A running server with its own I/O threads. Used by `hejia serve` and the API tests.
class App {
 public:
  App(AppConfig config, const Clock& clock);
  ~App();
  /// Checks the schema, binds and starts the I/O threads.
  void Start();
  /// Graceful stop: in-flight requests finish.
  void Stop();
  /// Blocks until the I/O threads end (after Stop or a signal).
  void Wait();
  unsigned short port() const { return server_->port(); }
  store::Database& db() { return *db_; }
  api::Services& services() { return *services_; }
  const http::Router& router() const { return router_; }
  /// The request pipeline the server runs; the route fuzzer calls it without a socket.
  http::Dispatcher& dispatcher() { return *dispatcher_; }
  /// The case jobs' passes at a chosen time, blocking (tests move the clock themselves).
  int RunCaseDeadlines(int64_t now_ms);
  /// One pass of the police incidents' watch (night SMS, supervision marks) at `now_ms`.
  int RunIncidentWatch(int64_t now_ms);
  /// One pass of the key families' watch (jobs/family_watch.hpp) at `now_ms`.
  int RunFamilyWatch(int64_t now_ms);
  /// One pass of the police's feedback callbacks at `now_ms` (2-second timeout per call).
  int RunPartnerCallbacks(int64_t now_ms);
  /// The feedback body of an incident, as the police read it (api::incidents::FeedbackJson).
  jobs::FeedbackBody FeedbackBodies();
  int RunPaymentReminders(int64_t now_ms);
  /// One pass of the night clinic's watch at `now_ms` (tests).
  int RunNightAlerts(int64_t now_ms);
  /// One pass of the consultations' limits at `now_ms` (jobs/consultation_watch.hpp).
  int RunConsultationWatch(int64_t now_ms);
  /// One pass of the dispute platform's status callbacks at `now_ms` (2-second timeout per call).
  int RunOdrCallbacks(int64_t now_ms);

 private:
  AppConfig config_;
  const Clock& clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<api::Services> services_;
  http::Router router_;
  std::unique_ptr<api::SessionGatekeeper> gate_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
  boost::asio::io_context ioc_;
  std::unique_ptr<http::HttpServer> server_;
  /// The jobs' live alerts, told through the API's case stream.
  std::unique_ptr<jobs::Notifier> notifier_;
  std::vector<std::unique_ptr<jobs::PeriodicJob>> periodic_;
  std::unique_ptr<jobs::SmsDispatcher> sms_;
  std::unique_ptr<jobs::DrainLoop> callbacks_;
  std::unique_ptr<jobs::DrainLoop> odr_callbacks_;
  std::vector<std::thread> threads_;
  /// Anchors the audit chain's head after commits; stopped (a last anchor) before the database.
  std::unique_ptr<store::AuditAnchorer> anchorer_;
  /// Several nodes on one PostgreSQL: live alerts published on the other nodes (none on SQLite).
  std::unique_ptr<store::NotifyListener> live_listener_;
  bool stopped_ = false;
};

/// Splits "HOST:PORT"; throws std::invalid_argument.
std::pair<std::string, unsigned short> ParseListen(const std::string& listen);

}  // namespace hejia::app
