// The address a client is known by. Per-client limits (the portal's, sign-in's) key on it: an
// IPv6 subscriber holds a whole /64 and can rotate through it freely, so IPv6 counts by its /64.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::http {

/// An IP address in its canonical text ("::ffff:10.0.0.1" -> "10.0.0.1"), or nullopt when
/// `text` is not one (a proxy header's value is checked so).
std::optional<std::string> CanonicalAddress(std::string_view text);

/// What per-client limits count by: an IPv4 address as it is, an IPv6 address by its /64 network
/// ("2001:db8:1:2::/64"); any other text as it is.
std::string ClientKey(std::string_view address);

/// Whether `peer` is one of `proxies` (addresses, canonical or not).
bool IsTrustedProxy(std::string_view peer, const std::vector<std::string>& proxies);

}  // namespace hejia::http
