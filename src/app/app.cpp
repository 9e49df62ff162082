#include "app/app.hpp"

#include <boost/asio/post.hpp>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>

#include <spdlog/spdlog.h>

#include "api/case_stream.hpp"
#include "api/incident_common.hpp"
#include "api/public_guard.hpp"
#include "api/routes.hpp"
#include "security/sodium_init.hpp"
#include "security/tokens.hpp"
#include "store/attachment_store.hpp"
#include "store/key_family_repo.hpp"
#include "store/migrations.hpp"
#include "store/region_names.hpp"
#include "store/sealed_text.hpp"

namespace hejia::app {
namespace {

/// The jobs' notifier: the API's live case stream.
class StreamNotifier final : public jobs::Notifier {
 public:
  explicit StreamNotifier(std::shared_ptr<api::CaseStream> stream) : stream_(std::move(stream)) {}
  void Notify(int64_t user_id, const domain::CaseAlert& alert) override {
    if (stream_) stream_->Publish(user_id, domain::ToString(alert.kind), api::CaseAlertJson(alert));
  }

 private:
  std::shared_ptr<api::CaseStream> stream_;
};

/// The portal's limits per client address, with the submissions `config` allows.
api::PublicLimits PortalLimits(const AppConfig& config) {
  api::PublicLimits limits;
  limits.submits = config.portal_submits;
  return limits;
}

/// The channel on which the nodes sharing one PostgreSQL pass their live alerts to each other.
constexpr std::string_view kLiveChannel = "hejia_live";

/// Passes every alert published on this node to the others (NOTIFY, queued on the writer, sent at
/// its commit), and hands those the others publish to this node's streams; counts each user's
/// streams in the shared table and ends those another node's newer streams pushed out. Each node
/// tells its own messages apart by a random name.
std::unique_ptr<store::NotifyListener> ShareLiveAlerts(store::Database& db, const std::string& url,
                                                       const Clock& clock,
                                                       std::shared_ptr<api::CaseStream> hub) {
  const std::string node = security::RandomToken(9);
  hub->ShareCap(db, clock, [node](store::Connection& c, const std::vector<std::string>& ids) {
    boost::json::array end(ids.begin(), ids.end());
    store::Notify(c, kLiveChannel,
                  boost::json::serialize(boost::json::object{{"node", node}, {"end", end}}));
  });
  hub->SetRelay(
      [&db, node](int64_t user_id, std::string_view event, const boost::json::object& data) {
        std::string payload = boost::json::serialize(boost::json::object{
            {"node", node}, {"user", user_id}, {"event", event}, {"data", data}});
        db.SubmitWrite([payload = std::move(payload)](
                           store::Connection& c) { store::Notify(c, kLiveChannel, payload); },
                       [](std::exception_ptr e) {
                         if (!e) return;
                         try {
                           std::rethrow_exception(e);
                         } catch (const std::exception& ex) {
                           spdlog::warn("live alert not passed to the other nodes: {}", ex.what());
                         }
                       });
      });
  return std::make_unique<store::NotifyListener>(
      url, std::string(kLiveChannel), [hub, node](std::string_view payload) {
        boost::system::error_code ec;
        const auto v = boost::json::parse(payload, ec);
        if (ec || !v.is_object()) return;
        const auto& o = v.as_object();
        const auto* from = o.if_contains("node");
        const auto* user = o.if_contains("user");
        const auto* event = o.if_contains("event");
        const auto* data = o.if_contains("data");
        if (!from || !from->is_string() || from->as_string() == node) return;  // our own
        if (const auto* end = o.if_contains("end"); end && end->is_array()) {
          std::vector<std::string> ids;
          for (const auto& id : end->as_array())
            if (id.is_string()) ids.emplace_back(id.as_string());
          hub->EndStreams(ids);
          return;
        }
        if (!user || !user->is_int64() || !event || !event->is_string() || !data ||
            !data->is_object())
          return;
        hub->PublishLocal(user->as_int64(), std::string_view(event->as_string()),
                          data->as_object());
      });
}

}  // namespace

std::optional<std::string> KeyFileBesideDatabase(const std::string& db_url,
                                                 const std::string& key_file) {
  if (db_url.rfind("sqlite:", 0) != 0) return std::nullopt;
  std::string file = key_file;
  if (file.empty())
    if (const char* env = std::getenv("HEJIA_KEY_FILE"); env && *env) file = env;
  if (file.empty() && std::getenv("HEJIA_KEYS") && *std::getenv("HEJIA_KEYS")) return std::nullopt;
  const std::string db_path = db_url.substr(7);
  if (file.empty()) file = db_path + ".keys";
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto db_dir = fs::weakly_canonical(fs::absolute(db_path).parent_path(), ec);
  const auto key_dir = fs::weakly_canonical(fs::absolute(file).parent_path(), ec);
  if (ec || db_dir != key_dir) return std::nullopt;
  return db_dir.string();
}

std::shared_ptr<const security::KeyRing> LoadKeys(const std::string& db_url,
                                                  const std::string& key_file) {
  std::variant<security::KeyRing, std::string> loaded;
  std::string file = key_file;
  if (file.empty())
    if (const char* env = std::getenv("HEJIA_KEY_FILE"); env && *env) file = env;
  if (!file.empty()) {
    loaded = security::LoadKeyFile(file);
  } else if (const char* text = std::getenv("HEJIA_KEYS"); text && *text) {
    loaded = security::ParseKeyFile(text);
  } else if (db_url.rfind("sqlite:", 0) == 0) {
    // Embedded default: a key file beside the database, created on first use with mode 0600.
    const std::string path = db_url.substr(7);
    const auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
    loaded = security::LoadOrCreateKeyFile(path + ".keys");
  } else {
    throw std::runtime_error(
        "no data-encryption key: set HEJIA_KEY_FILE (a file made by `hejia keygen`, mode 0600) "
        "or HEJIA_KEYS; PostgreSQL deployments never create keys implicitly");
  }
  if (auto* err = std::get_if<std::string>(&loaded))
    throw std::runtime_error("cannot load keys: " + *err);
  return std::make_shared<const security::KeyRing>(std::move(std::get<security::KeyRing>(loaded)));
}

std::pair<std::string, unsigned short> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const int port = std::atoi(listen.c_str() + colon + 1);
  if (port < 0 || port > 65535) throw std::invalid_argument("port out of range");
  return {host, static_cast<unsigned short>(port)};
}

std::string AuditAnchorPath(const std::string& db_url, const std::string& explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7) + ".audit-anchor";
  return "data/hejia.audit-anchor";
}

std::string FilesDir(const AppConfig& config) {
  if (!config.files_dir.empty()) return config.files_dir;
  if (config.db_url.rfind("sqlite:", 0) == 0) {
    const auto dir = std::filesystem::path(config.db_url.substr(7)).parent_path();
    return (dir / "files").string();
  }
  return "data/files";
}

App::App(AppConfig config, const Clock& clock) : config_(std::move(config)), clock_(clock) {
  security::EnsureSodium();
  if (config_.db_url.rfind("sqlite:", 0) == 0) {
    const auto dir = std::filesystem::path(config_.db_url.substr(7)).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
  }
  auto keys = LoadKeys(config_.db_url, config_.key_file);
  store::OpenOptions options;
  options.readers = config_.db_readers;
  // Every committed write wakes the anchorer, which anchors the audit chain's head off the
  // writer's path (at most one line per 2 s; see store/audit_anchor.hpp).
  db_ = std::make_unique<store::CommitNotifyingDatabase>(
      store::OpenDatabase(config_.db_url, options), [this] {
        if (anchorer_) anchorer_->Notify();
      });
  const std::string anchor_path = AuditAnchorPath(config_.db_url, config_.audit_anchor);
  if (const auto dir = std::filesystem::path(anchor_path).parent_path(); !dir.empty())
    std::filesystem::create_directories(dir);
  anchorer_ = std::make_unique<store::AuditAnchorer>(*db_, keys, anchor_path, clock_,
                                                     store::AuditAnchorer::Options{});
  api::ApiSettings settings;
  settings.cookie_secure = config_.cookie_secure;
  settings.audit_anchor = anchor_path;
  // Braces, not make_unique's parentheses: clang 14 (the fuzz build) has no parenthesised
  // aggregate initialisation.
  services_ = std::make_unique<api::Services>(api::Services{
      *db_, clock_, keys, security::FieldCipher(keys), settings,
      std::make_shared<api::SessionCache>(),
      std::make_shared<api::PublicGuard>(keys, PortalLimits(config_), api::SharedAcrossNodes(*db_)),
      std::make_shared<api::CaseStream>(),
      std::make_shared<const store::AttachmentStore>(FilesDir(config_)),
      std::make_shared<store::RegionNames>()});
  notifier_ = std::make_unique<StreamNotifier>(services_->case_stream);
  // A session that ends (signed out, revoked, its account locked or moved) wakes the user's live
  // streams, which then check their own session and end.
  services_->sessions->OnEnded(
      [hub = services_->case_stream](int64_t user_id) { hub->WakeUser(user_id); });
  // Several `hejia serve` nodes may share one PostgreSQL: an alert raised on one reaches the
  // streams open on every other, and a user's cap on streams counts them all.
  if (db_->dialect() == store::Dialect::kPostgres)
    live_listener_ = ShareLiveAlerts(*db_, config_.db_url, clock_, services_->case_stream);
  api::AddAllRoutes(router_, *services_);
  gate_ = std::make_unique<api::SessionGatekeeper>(*services_);
  http::ServerOptions sopt;
  sopt.static_root = config_.static_root;
  sopt.trust_proxy = config_.trust_proxy;
  sopt.trusted_proxies = config_.trusted_proxies;
  dispatcher_ = std::make_unique<http::Dispatcher>(router_, *gate_, sopt);
  server_ = std::make_unique<http::HttpServer>(ioc_, *dispatcher_, sopt);
}

App::~App() {
  Stop();
  Wait();
  live_listener_.reset();
  if (anchorer_) anchorer_->Stop();
  if (db_) db_->Stop();
}

void App::Start() {
  int version = 0;
  try {
    version = db_->ReadSync([](store::Connection& c) {
      auto row = c.QueryOne("SELECT MAX(version) FROM schema_version");
      return row && !row->IsNull(0) ? static_cast<int>(row->Int(0)) : 0;
    });
  } catch (const store::DbError&) {
    version = 0;  // no schema_version table: an empty database
  }
  if (version > store::LatestSchemaVersion())
    throw std::runtime_error("the database schema (version " + std::to_string(version) +
                             ") is newer than this program (" +
                             std::to_string(store::LatestSchemaVersion()) + "): upgrade hejia");
  if (version < store::LatestSchemaVersion())
    throw std::runtime_error("the database schema is out of date: run `hejia migrate --db URL`");
  anchorer_->Start();  // refuses to start when the anchor file cannot be written
  // Free text an older version kept in clear is sealed before the first request.
  const auto sealed = db_->WriteSync(
      [this](store::Connection& c) { return store::SealLegacyText(c, services_->cipher); });
  if (sealed > 0) spdlog::info("sealed {} rows of free text stored in clear", sealed);
  // Key-family contacts an older version kept apart become visits (issue 12, point 2).
  const auto moved = db_->WriteSync([this](store::Connection& c) {
    return store::MoveFamilyContactsIntoVisits(c, services_->cipher, clock_.NowMillis());
  });
  if (moved > 0) spdlog::info("moved {} key-family contacts into visits", moved);
  const auto [host, port] = ParseListen(config_.listen);
  server_->Listen(host, port);
  const jobs::CaseJobContext ctx{*db_, services_->cipher, *services_->keys, notifier_.get()};
  periodic_.push_back(jobs::MakeMaintenance(ioc_, *db_, clock_));
  periodic_.push_back(jobs::MakeCasePass(ioc_, ctx, clock_, "case deadlines",
                                         std::chrono::minutes(1), jobs::kCaseDeadlines));
  periodic_.push_back(jobs::MakePaymentReminders(ioc_, ctx, clock_));
  periodic_.push_back(jobs::MakeCasePass(ioc_, ctx, clock_, "night alerts",
                                         std::chrono::seconds(30), jobs::kNightWatch));
  periodic_.push_back(jobs::MakeCasePass(ioc_, ctx, clock_, "incident watch",
                                         std::chrono::seconds(30), jobs::kIncidentWatch));
  periodic_.push_back(jobs::MakeCasePass(ioc_, ctx, clock_, "family watch",
                                         std::chrono::seconds(60), jobs::kFamilyWatch));
  periodic_.push_back(jobs::MakeCasePass(ioc_, ctx, clock_, "consultation watch",
                                         std::chrono::seconds(60), jobs::kConsultationWatch));
  for (auto& job : periodic_) job->Start();
  sms_ = std::make_unique<jobs::SmsDispatcher>(*db_, services_->cipher, clock_,
                                               jobs::MakeSmsSender(config_.sms_gateway_url));
  sms_->Start();
  // The police's feedback callbacks (jobs/partner_callbacks.hpp), every 5 seconds.
  callbacks_ = std::make_unique<jobs::DrainLoop>(
      "feedback callbacks", clock_, std::chrono::seconds(5), 20, [this](int64_t now) {
        return jobs::DrainPartnerCallbacks(*db_, services_->cipher, FeedbackBodies(), now);
      });
  callbacks_->Start();
  // The provincial dispute platform's status callbacks (jobs/odr_callbacks.hpp), every 5 seconds.
  odr_callbacks_ = std::make_unique<jobs::DrainLoop>(
      "dispute platform callbacks", clock_, std::chrono::seconds(5), 20,
      [this](int64_t now) { return jobs::DrainOdrCallbacks(*db_, services_->cipher, now); });
  odr_callbacks_->Start();
  for (int i = 0; i < std::max(1, config_.threads); ++i)
    threads_.emplace_back([this] { ioc_.run(); });
}

void App::Stop() {
  if (stopped_ || !server_) return;
  stopped_ = true;
  for (auto& job : periodic_) boost::asio::post(ioc_, [j = job.get()] { j->Stop(); });
  if (sms_) sms_->Stop();  // joins its thread: a send in progress ends first
  if (callbacks_) callbacks_->Stop();
  if (odr_callbacks_) odr_callbacks_->Stop();
  server_->Shutdown();
}

int App::RunCaseDeadlines(int64_t now_ms) {
  return jobs::RunCasePass({*db_, services_->cipher, *services_->keys, notifier_.get()},
                           jobs::kCaseDeadlines, now_ms);
}

int App::RunNightAlerts(int64_t now_ms) {
  return jobs::RunCasePass({*db_, services_->cipher, *services_->keys, notifier_.get()},
                           jobs::kNightWatch, now_ms);
}

int App::RunOdrCallbacks(int64_t now_ms) {
  return jobs::DrainOdrCallbacks(*db_, services_->cipher, now_ms, 20, std::chrono::seconds(2));
}

int App::RunConsultationWatch(int64_t now_ms) {
  return jobs::RunCasePass({*db_, services_->cipher, *services_->keys, notifier_.get()},
                           jobs::kConsultationWatch, now_ms);
}

jobs::FeedbackBody App::FeedbackBodies() {
  return [this](store::Connection& c, int64_t incident_id) -> std::optional<std::string> {
    auto body = api::incidents::FeedbackJson(c, services_->cipher, incident_id);
    if (!body) return std::nullopt;
    return boost::json::serialize(*body);
  };
}

int App::RunPartnerCallbacks(int64_t now_ms) {
  return jobs::DrainPartnerCallbacks(*db_, services_->cipher, FeedbackBodies(), now_ms, 20,
                                     std::chrono::seconds(2));
}

int App::RunIncidentWatch(int64_t now_ms) {
  return jobs::RunCasePass({*db_, services_->cipher, *services_->keys, notifier_.get()},
                           jobs::kIncidentWatch, now_ms);
}

int App::RunFamilyWatch(int64_t now_ms) {
  return jobs::RunCasePass({*db_, services_->cipher, *services_->keys, notifier_.get()},
                           jobs::kFamilyWatch, now_ms);
}

int App::RunPaymentReminders(int64_t now_ms) {
  return jobs::RunPaymentReminders({*db_, services_->cipher, *services_->keys, notifier_.get()},
                                   now_ms);
}

void App::Wait() {
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

}  // namespace hejia::app
