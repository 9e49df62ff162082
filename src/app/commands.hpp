// The `hejia` subcommands other than serve.
#pragma once
#include <filesystem>
#include <iosfwd>
#include <string>

#include "api/services.hpp"
#include "store/db.hpp"

namespace hejia::app {

/// The demo city at the article's size (30,000 households, a year of visits), or small: a dozen
/// households a grid and no visits, the fixture the API tests build on.
enum class DemoSize { kFull, kSmall };

/// Loads the demo city of Yongkang and writes `login<TAB>role<TAB>region-code` lines to `out`.
/// Migrates first. Idempotent: a second run adds nothing and prints the same accounts. The
/// legal-education demo media are stored under `media_root` (none when empty: the videos then
/// have no file).
void LoadDemoData(store::Database& db, const security::KeyRing& keys, const Clock& clock,
                  const std::string& password, std::ostream& out, DemoSize size = DemoSize::kFull,
                  const std::filesystem::path& media_root = {});

/// Creates a user (the password must pass the policy); throws std::runtime_error.
void AddUser(store::Database& db, const security::KeyRing& keys, const Clock& clock,
             const std::string& login, const std::string& display_name, const std::string& role,
             const std::string& region_code, const std::string& password);

/// Adds a partner (the police 110 system) and returns its new signing key; throws
/// std::runtime_error for a code in use or not of [A-Za-z0-9_-], or a callback that is not an
/// http(s) address.
std::string AddPartner(store::Database& db, const security::KeyRing& keys, const Clock& clock,
                       const std::string& code, const std::string& name,
                       const std::string& callback_url, const std::string& kind = "police");

}  // namespace hejia::app
