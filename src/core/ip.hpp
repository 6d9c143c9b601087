// IP addresses and CIDR ranges (IPv4 and IPv6), for blacklists. Pure.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clientele {

// An address or a range: `bits` leading bits of `bytes` (4 used for IPv4, 16 for IPv6).
struct IpRange {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
  int bits = 0;

  bool Contains(const IpRange& address) const;
  // "192.0.2.0/24", "2001:db8::/32"; a single address without the prefix length.
  std::string ToString() const;
};

// Parses "192.0.2.7", "192.0.2.0/24", "2001:db8::1", "2001:db8::/32". Host bits below the
// prefix are cleared ("192.0.2.7/24" is 192.0.2.0/24). nullopt when not an address or range.
std::optional<IpRange> ParseIpRange(std::string_view text);

}  // namespace clientele
