#include "http/client_address.hpp"

#include <boost/asio/ip/address.hpp>

namespace hejia::http {

namespace ip = boost::asio::ip;

std::optional<std::string> CanonicalAddress(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return ip::make_address_v4(ip::v4_mapped, address.to_v6()).to_string();
  return address.to_string();
}

std::string ClientKey(std::string_view address) {
  auto canonical = CanonicalAddress(address);
  if (!canonical) return std::string(address);
  auto parsed = ip::make_address(*canonical);
  if (!parsed.is_v6()) return *canonical;
  auto bytes = parsed.to_v6().to_bytes();
  for (size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return ip::address_v6(bytes).to_string() + "/64";
}

bool IsTrustedProxy(std::string_view peer, const std::vector<std::string>& proxies) {
  const auto canonical = CanonicalAddress(peer);
  if (!canonical) return false;
  for (const auto& proxy : proxies)
    if (CanonicalAddress(proxy) == canonical) return true;
  return false;
}

}  // namespace hejia::http
