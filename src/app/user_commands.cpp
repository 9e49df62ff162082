// `hejia user add`: the operator's way to create accounts on the server, including the three
// administrators the API never grants. Validates exactly as POST /api/v1/users does. And
// `hejia partner add`: a partner's server (the police) and its signing key.
#include <stdexcept>

#include "app/commands.hpp"
#include "domain/account.hpp"
#include "domain/partner.hpp"
#include "domain/password_policy.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "security/field_cipher.hpp"
#include "security/password_hash.hpp"
#include "security/tokens.hpp"
#include "store/audit.hpp"
#include "store/partner_repo.hpp"
#include "store/region_repo.hpp"
#include "store/user_repo.hpp"

namespace hejia::app {

void AddUser(store::Database& db, const security::KeyRing& keys, const Clock& clock,
             const std::string& login, const std::string& display_name, const std::string& role,
             const std::string& region_code, const std::string& password) {
  if (auto problem = domain::CheckLogin(login)) throw std::runtime_error(*problem);
  const std::string name = http::TrimSpaces(display_name.empty() ? login : display_name);
  if (name.empty() || http::Utf8Length(name) > domain::kDisplayNameMaxChars)
    throw std::runtime_error("显示名应为 1–30 个字 / display name must be 1–30 characters");
  for (unsigned char c : name)
    if (c < 0x20) throw std::runtime_error("显示名含有控制字符 / control characters in the name");
  const auto parsed_role = domain::ParseRole(role);
  if (!parsed_role) {
    std::string known;
    for (const auto& r : domain::AllRoles())
      known += (known.empty() ? "" : ", ") + std::string(r.code);
    throw std::runtime_error("no such role: " + role + " (one of: " + known + ")");
  }
  if (auto problem = domain::CheckPasswordPolicy(login, password))
    throw std::runtime_error(domain::PasswordPolicyMessage(*problem));
  // Hashed here on the command's own thread, never on the database writer.
  const std::string hash = security::HashPassword(password);
  const int64_t now = clock.NowMillis();
  db.WriteSync([&](store::Connection& c) {
    auto region = store::FindRegion(c, std::string_view(region_code));
    if (!region) throw std::runtime_error("no such region: " + region_code);
    if (region->retired) throw std::runtime_error("the region is retired: " + region_code);
    if (store::LoginTaken(c, login)) throw std::runtime_error("the login is taken: " + login);
    const int64_t id = store::InsertUser(c, {login, name, *parsed_role, region_code, hash}, now);
    store::Audit(c, keys, now, store::Actor::CommandLine(), "user", std::to_string(id), "create",
                 "ok", "role=" + role + ",region=" + region_code);
  });
}

std::string AddPartner(store::Database& db, const security::KeyRing& keys, const Clock& clock,
                       const std::string& code, const std::string& name,
                       const std::string& callback_url, const std::string& kind) {
  if (auto problem = domain::PartnerCodeProblem(code)) throw std::runtime_error(*problem);
  if (kind != "police" && kind != "odr_platform")
    throw std::runtime_error("the kind is police or odr_platform");
  if (name.empty()) throw std::runtime_error("the name is required");
  if (auto problem = domain::CallbackUrlProblem(callback_url)) throw std::runtime_error(*problem);
  const std::string key = security::RandomToken(32);
  auto ring = std::make_shared<const security::KeyRing>(keys);
  security::FieldCipher cipher(ring);
  const int64_t now = clock.NowMillis();
  db.WriteSync([&](store::Connection& c) {
    if (store::FindPartner(c, code)) throw std::runtime_error("the code is in use: " + code);
    store::Partner p;
    p.code = code;
    p.name = name;
    p.kind = kind;
    p.callback_url = callback_url;
    const int64_t id = store::CreatePartner(c, cipher, p, key, now);
    store::Audit(c, keys, now, store::Actor::CommandLine(), "partner", std::to_string(id), "create",
                 "ok", "fields=code,name,kind,callback_url");
  });
  return key;
}

}  // namespace hejia::app
