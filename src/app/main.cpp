// The `hejia` command.
#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/app.hpp"
#include "app/commands.hpp"
#include "common/clock.hpp"
#include "domain/password_policy.hpp"
#include "domain/roles.hpp"
#include "http/client_address.hpp"
#include "jobs/sms_sender.hpp"
#include "security/keys.hpp"
#include "security/password_hash.hpp"
#include "security/sodium_init.hpp"
#include "store/audit.hpp"
#include "store/audit_anchor.hpp"
#include "store/backup.hpp"
#include "store/migrations.hpp"

using namespace hejia;

namespace {

std::string ReadPasswordFromStdin() {
  std::string line;
  if (!std::getline(std::cin, line)) throw std::runtime_error("no password on standard input");
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

std::unique_ptr<store::Database> Open(const std::string& url) {
  store::OpenOptions o;
  o.readers = 1;
  return store::OpenDatabase(url, o);
}

/// The system clock, or one that starts at `clock_start` (an ISO 8601 time; demos and tests).
std::unique_ptr<Clock> ClockFrom(const std::string& clock_start) {
  if (clock_start.empty()) return std::make_unique<SystemClock>();
  const auto start = ParseIsoTime(clock_start);
  if (!start) throw std::runtime_error("--clock-start: not an ISO 8601 time with offset");
  spdlog::warn("the clock starts at {} (--clock-start): for demos and tests only",
               FormatBeijing(*start));
  return std::make_unique<OffsetClock>(*start);
}

int Serve(const app::AppConfig& config, const std::string& clock_start) {
  const auto clock = ClockFrom(clock_start);
  app::App application(config, *clock);
  application.Start();
  const bool demo = application.db().ReadSync([](store::Connection& c) {
    return c.QueryOne("SELECT COUNT(*) FROM users WHERE demo = 1")->Int(0) > 0;
  });
  if (demo)
    spdlog::warn(
        "demo accounts exist in this database (no second factor, no forced password change): "
        "never use it for real data");
  else if (const auto dir = app::KeyFileBesideDatabase(config.db_url, config.key_file))
    spdlog::warn(
        "the key file lies in the database's folder ({}): a copy of that folder holds both the "
        "ciphertexts and their key. Keep the key elsewhere (--keys or HEJIA_KEY_FILE)",
        *dir);
  spdlog::info("HeJia listening on http://{} (database {}, attachments in {})", config.listen,
               store::RedactUrl(config.db_url), app::FilesDir(config));
  // SIGTERM/SIGINT: stop accepting, finish in-flight requests, exit 0.
  boost::asio::io_context signals_ioc;
  boost::asio::signal_set signals(signals_ioc, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: shutting down", sig);
    application.Stop();
  });
  std::thread signal_thread([&] { signals_ioc.run(); });
  application.Wait();
  signals_ioc.stop();
  signal_thread.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Every file this program makes (the database with its WAL and shared-memory files, keys,
  // attachments, backups, exports) is readable by its own account only.
  umask(0077);
  security::EnsureSodium();
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  CLI::App cli{"HeJia (和家): family-safety platform of the Women's Federation"};
  cli.require_subcommand(1);

  app::AppConfig config;
  auto* serve = cli.add_subcommand("serve", "Run the HTTP server");
  serve->add_option("--db", config.db_url, "sqlite:PATH or postgres://...")->capture_default_str();
  serve->add_option("--listen", config.listen, "HOST:PORT")->capture_default_str();
  serve->add_option("--keys", config.key_file, "key file (else HEJIA_KEY_FILE / HEJIA_KEYS)");
  std::string clock_start;
  serve->add_option("--clock-start", clock_start,
                    "demos and browser tests only: the clock starts at this ISO 8601 time "
                    "(e.g. 2026-12-01T21:30:00+08:00) and runs on");
  serve->add_option("--web", config.static_root, "built web UI folder")->capture_default_str();
  serve->add_option("--files", config.files_dir,
                    "case attachments folder (encrypted; default: files/ beside a SQLite "
                    "database, data/files with PostgreSQL)");
  serve->add_option("--threads", config.threads, "I/O threads")->capture_default_str();
  serve
      ->add_option("--portal-submits", config.portal_submits,
                   "help requests and consultations one address may submit on the portal in 10 "
                   "minutes (browser tests, which post from one address, raise it)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  serve->add_option("--db-readers", config.db_readers, "database reader threads")
      ->capture_default_str();
  serve->add_flag("--secure-cookies", config.cookie_secure, "mark cookies Secure (behind TLS)");
  serve->add_option("--sms-gateway", config.sms_gateway_url,
                    "HTTP(S) URL text messages are POSTed to (else HEJIA_SMS_GATEWAY_URL; none: "
                    "they stay in the outbox); token in HEJIA_SMS_GATEWAY_TOKEN");
  serve->add_option("--audit-anchor", config.audit_anchor,
                    "append-only file of the audit chain's signed heads (default: DB.audit-anchor "
                    "beside a SQLite database, data/hejia.audit-anchor with PostgreSQL)");
  serve->add_flag("--trust-proxy", config.trust_proxy,
                  "take the client address from X-Real-IP set by a proxy on loopback");
  serve
      ->add_option("--trusted-proxy", config.trusted_proxies,
                   "the address of a proxy on another host whose X-Real-IP is taken (repeat for "
                   "several)")
      ->check([](const std::string& v) {
        return http::CanonicalAddress(v) ? std::string() : "not an IP address: " + v;
      });

  std::string db_url = "sqlite:data/hejia.db";
  std::string key_file;
  std::string audit_anchor;
  const char* const anchor_help = "the audit chain's anchor file (default: as `serve`)";
  auto* migrate = cli.add_subcommand("migrate", "Create or upgrade the schema (idempotent)");
  migrate->add_option("--db", db_url, "database URL")->capture_default_str();

  std::string demo_password;
  auto* demo = cli.add_subcommand("demo-data", "Load the demo city of Yongkang");
  demo->add_option("--db", db_url, "database URL")->capture_default_str();
  demo->add_option("--keys", key_file, "key file");
  demo->add_option("--password", demo_password, "password of every demo account")->required();
  std::string demo_clock_start;
  demo->add_option("--clock-start", demo_clock_start,
                   "load as if it were this ISO 8601 time (tests: the demo holds on any day)");
  demo->add_option("--audit-anchor", audit_anchor, anchor_help);
  std::string demo_files;
  demo->add_option("--files", demo_files,
                   "the server's files folder, where the demo's legal-education media go "
                   "(default as for serve)");

  auto* keygen = cli.add_subcommand("keygen", "Print a new key file (save with mode 0600)");

  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  std::string login, display_name, role, region;
  auto* user_add = user->add_subcommand("add", "Create an account; password on stdin");
  user_add->add_option("login", login)->required();
  user_add->add_option("--name", display_name, "display name");
  user_add->add_option("--role", role, "role")->required();
  user_add->add_option("--region", region, "home region code")->required();
  auto* user_reset =
      user->add_subcommand("reset-password", "Set a new password (stdin); forces a change");
  user_reset->add_option("login", login)->required();
  auto* user_lock = user->add_subcommand("lock", "Lock an account");
  user_lock->add_option("login", login)->required();
  auto* user_unlock = user->add_subcommand("unlock", "Unlock an account");
  user_unlock->add_option("login", login)->required();
  for (auto* sc : {user_add, user_reset, user_lock, user_unlock}) {
    sc->add_option("--db", db_url, "database URL")->capture_default_str();
    sc->add_option("--keys", key_file, "key file");
    sc->add_option("--audit-anchor", audit_anchor, anchor_help);
  }

  int sms_last = 10;
  auto* sms = cli.add_subcommand("sms", "Text messages (SMS outbox)");
  sms->require_subcommand(1);
  auto* sms_outbox =
      sms->add_subcommand("outbox", "Print the latest messages, decrypted (operators; audited)");
  sms_outbox->add_option("--db", db_url, "database URL")->capture_default_str();
  sms_outbox->add_option("--keys", key_file, "key file");
  sms_outbox->add_option("--audit-anchor", audit_anchor, anchor_help);
  sms_outbox->add_option("--last", sms_last, "how many")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));

  auto* audit = cli.add_subcommand("audit", "Audit trail tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "Check the audit chain, and that it still reaches every head in the anchor file");
  verify->add_option("--db", db_url, "database URL")->capture_default_str();
  verify->add_option("--keys", key_file, "key file");
  verify->add_option("--audit-anchor", audit_anchor, anchor_help);

  std::string backup_to;
  auto* partner = cli.add_subcommand(
      "partner", "Partners whose servers call us (the police, the provincial dispute platform)");
  partner->require_subcommand(1);
  std::string partner_code, partner_name, partner_callback, partner_kind = "police";
  auto* partner_add =
      partner->add_subcommand("add", "Add a partner and print its signing key (shown this once)");
  partner_add->add_option("code", partner_code, "its code (X-HeJia-Partner)")->required();
  partner_add->add_option("--name", partner_name, "its name")->required();
  partner_add->add_option("--callback", partner_callback, "its feedback callback URL");
  partner_add
      ->add_option("--kind", partner_kind,
                   "police (the 110 system) or odr_platform (the provincial dispute platform)")
      ->capture_default_str();
  partner_add->add_option("--db", db_url, "database URL")->capture_default_str();
  partner_add->add_option("--keys", key_file, "key file");
  partner_add->add_option("--audit-anchor", audit_anchor, anchor_help);

  auto* backup = cli.add_subcommand("backup", "Consistent copy while the server runs");
  backup->add_option("--db", db_url, "database URL")->capture_default_str();
  backup->add_option("--to", backup_to, "output file")->required();
  std::string backup_files, backup_files_to;
  backup->add_option("--files", backup_files,
                     "the server's files folder (default: as `serve` finds it for --db)");
  backup->add_option("--files-to", backup_files_to,
                     "where the files go (default: the output file's name + .files); an earlier "
                     "copy there is brought up to date");

  CLI11_PARSE(cli, argc, argv);

  // The commands that write audit entries anchor the chain's head afterwards, as the server does.
  // Their change has committed by then: a file that cannot be written is a warning, not a failure.
  auto anchor = [&](store::Database& db, const security::KeyRing& keys) {
    const std::string path = app::AuditAnchorPath(db_url, audit_anchor);
    try {
      if (const auto dir = std::filesystem::path(path).parent_path(); !dir.empty())
        std::filesystem::create_directories(dir);
      store::AnchorAuditHead(db, keys, path, SystemClock().NowMillis());
    } catch (const std::exception& e) {
      std::cerr << "hejia: warning: the audit chain's head was not anchored: " << e.what() << "\n";
    }
  };

  try {
    if (serve->parsed()) return Serve(config, clock_start);
    if (keygen->parsed()) {
      std::cout << security::GenerateKeyFileText();
      return 0;
    }
    if (migrate->parsed()) {
      auto db = Open(db_url);
      const int v = db->WriteSync([](store::Connection& c) { return store::Migrate(c); });
      std::cout << "schema at version " << v << "\n";
      db->Stop();
      return 0;
    }
    if (demo->parsed()) {
      auto keys = app::LoadKeys(db_url, key_file);
      auto db = Open(db_url);
      const auto clock = ClockFrom(demo_clock_start);
      app::AppConfig files;
      files.db_url = db_url;
      files.files_dir = demo_files;
      app::LoadDemoData(*db, *keys, *clock, demo_password, std::cout, app::DemoSize::kFull,
                        std::filesystem::path(app::FilesDir(files)) / "media");
      anchor(*db, *keys);
      db->Stop();
      return 0;
    }
    if (partner_add->parsed()) {
      auto keys = app::LoadKeys(db_url, key_file);
      auto db = Open(db_url);
      const std::string key = app::AddPartner(*db, *keys, SystemClock(), partner_code, partner_name,
                                              partner_callback, partner_kind);
      anchor(*db, *keys);
      std::cout << "partner " << partner_code << " key: " << key << "\n";
      db->Stop();
      return 0;
    }
    if (user->parsed()) {
      auto keys = app::LoadKeys(db_url, key_file);
      auto db = Open(db_url);
      SystemClock clock;
      const int64_t now = clock.NowMillis();
      std::string action;
      if (user_add->parsed()) {
        if (display_name.empty()) display_name = login;
        app::AddUser(*db, *keys, clock, login, display_name, role, region, ReadPasswordFromStdin());
        std::cout << "created " << login << "\n";
      } else if (user_reset->parsed()) {
        const std::string pw = ReadPasswordFromStdin();
        if (auto p = domain::CheckPasswordPolicy(login, pw))
          throw std::runtime_error(domain::PasswordPolicyMessage(*p));
        const std::string hash = security::HashPassword(pw);
        action = "reset_password";
        const bool ok = db->WriteSync([&](store::Connection& c) {
          if (c.Execute(
                  "UPDATE users SET password_hash = ?, must_change_password = 1, failed_count = 0, "
                  "locked_until = 0, updated_at = ? WHERE login = ?",
                  {hash, now, login}) == 0)
            return false;
          c.Execute(
              "UPDATE sessions SET revoked = 1 WHERE user_id = (SELECT id FROM users WHERE login = "
              "?)",
              {login});
          store::Audit(c, *keys, now, store::Actor::CommandLine(), "user", login, action);
          return true;
        });
        if (!ok) throw std::runtime_error("no such account: " + login);
        std::cout << "password reset for " << login << "; it must be changed at next sign-in\n";
      } else {
        const bool lock = user_lock->parsed();
        action = lock ? "lock" : "unlock";
        const bool ok = db->WriteSync([&](store::Connection& c) {
          if (c.Execute("UPDATE users SET admin_locked = ?, failed_count = 0, locked_until = 0, "
                        "updated_at = ? WHERE login = ?",
                        {lock, now, login}) == 0)
            return false;
          if (lock)
            c.Execute(
                "UPDATE sessions SET revoked = 1 WHERE user_id = (SELECT id FROM users WHERE login "
                "= ?)",
                {login});
          store::Audit(c, *keys, now, store::Actor::CommandLine(), "user", login, action);
          return true;
        });
        if (!ok) throw std::runtime_error("no such account: " + login);
        std::cout << (lock ? "locked " : "unlocked ") << login << "\n";
      }
      anchor(*db, *keys);
      db->Stop();
      return 0;
    }
    if (sms_outbox->parsed()) {
      auto keys = app::LoadKeys(db_url, key_file);
      auto db = Open(db_url);
      jobs::PrintSmsOutbox(*db, *keys, sms_last, std::cout);
      anchor(*db, *keys);
      db->Stop();
      return 0;
    }
    if (verify->parsed()) {
      auto keys = app::LoadKeys(db_url, key_file);
      // The anchors first: each was written after its entries committed, so the snapshot read
      // next holds them all unless the chain was cut.
      const std::string anchor_path = app::AuditAnchorPath(db_url, audit_anchor);
      const auto anchors = store::ReadAnchorFile(anchor_path, *keys);
      if (!anchors.problem.empty()) {
        std::cout << "AUDIT ANCHOR FILE BROKEN: " << anchors.problem << "\n";
        return 3;
      }
      auto db = Open(db_url);
      auto v = db->ReadSync([&](store::Connection& c) {
        return store::VerifyAuditSnapshot(c, *keys, anchors.anchors);
      });
      db->Stop();
      if (v.ok) {
        std::cout << "audit chain intact: " << v.checked << " entries";
        if (anchors.exists)
          std::cout << "; anchored up to entry " << v.anchored_seq << " (" << anchor_path << ")\n";
        else
          std::cout << "\nwarning: no anchor file at " << anchor_path
                    << ": entries cut from the end together with the head cannot be ruled out\n";
        return 0;
      }
      std::cout << "AUDIT CHAIN BROKEN"
                << (v.first_bad_seq ? " at entry " + std::to_string(*v.first_bad_seq) : "") << ": "
                << v.problem << "\n";
      return 3;
    }
    if (backup->parsed()) {
      if (db_url.rfind("sqlite:", 0) == 0) {
        store::BackupSqlite(db_url.substr(7), backup_to);
      } else {
        // PostgreSQL: pg_dump takes a consistent snapshot in one transaction.
        const std::string file_arg = "--file=" + backup_to, db_arg = "--dbname=" + db_url;
        const pid_t child = fork();
        if (child == 0) {
          execlp("pg_dump", "pg_dump", "--format=custom", file_arg.c_str(), db_arg.c_str(),
                 static_cast<char*>(nullptr));
          _exit(127);
        }
        int status = 0;
        if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
          throw std::runtime_error("pg_dump failed (is it installed, and the database reachable?)");
      }
      std::cout << "backup written to " << backup_to << "\n";
      // The files after the database: every file its rows name is there by now.
      app::AppConfig files;
      files.db_url = db_url;
      files.files_dir = backup_files;
      const std::string files_to = backup_files_to.empty() ? backup_to + ".files" : backup_files_to;
      const auto copied = store::BackupFiles(app::FilesDir(files), files_to);
      std::cout << "files copied to " << files_to << ": " << copied.copied << " new, "
                << copied.kept << " already there\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "hejia: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
