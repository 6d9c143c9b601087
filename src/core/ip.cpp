#include "core/ip.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace clientele {

std::optional<IpRange> ParseIpRange(std::string_view text) {
  std::string address(text.substr(0, text.find('/')));
  IpRange out;
  if (inet_pton(AF_INET, address.c_str(), out.bytes.data()) == 1) {
    out.bits = 32;
  } else if (inet_pton(AF_INET6, address.c_str(), out.bytes.data()) == 1) {
    out.v6 = true;
    out.bits = 128;
  } else {
    return std::nullopt;
  }
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    std::string_view len = text.substr(slash + 1);
    int bits = -1;
    auto [ptr, ec] = std::from_chars(len.data(), len.data() + len.size(), bits);
    if (ec != std::errc() || ptr != len.data() + len.size() || bits < 0 || bits > out.bits) {
      return std::nullopt;
    }
    out.bits = bits;
  }
  const int total = out.v6 ? 16 : 4;
  for (int i = 0; i < total; ++i) {
    const int keep = std::max(0, std::min(8, out.bits - i * 8));
    out.bytes[i] &= static_cast<uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
  }
  return out;
}

bool IpRange::Contains(const IpRange& address) const {
  if (v6 != address.v6) return false;
  for (int i = 0; i * 8 < bits; ++i) {
    const int keep = std::min(8, bits - i * 8);
    const uint8_t mask = static_cast<uint8_t>(0xff << (8 - keep));
    if ((bytes[i] & mask) != (address.bytes[i] & mask)) return false;
  }
  return true;
}

std::string IpRange::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf);
  std::string out = buf;
  if (bits != (v6 ? 128 : 32)) out += "/" + std::to_string(bits);
  return out;
}

}  // namespace clientele
