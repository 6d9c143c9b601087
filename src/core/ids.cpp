#include "core/ids.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>
#include <vector>

namespace clientele {
namespace {

constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford base32

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

std::string RandomBase32(size_t chars) {
  EnsureSodium();
  std::vector<unsigned char> bytes(chars);
  randombytes_buf(bytes.data(), bytes.size());
  std::string out(chars, '0');
  for (size_t i = 0; i < chars; ++i) out[i] = kAlphabet[bytes[i] & 31];
  return out;
}

}  // namespace

std::string NewPublicId(std::string_view prefix) {
  return std::string(prefix) + "_" + RandomBase32(20);
}

bool IsPublicId(std::string_view id, std::string_view prefix) {
  if (id.size() != prefix.size() + 21 || id.substr(0, prefix.size()) != prefix ||
      id[prefix.size()] != '_') {
    return false;
  }
  for (char c : id.substr(prefix.size() + 1)) {
    if (std::string_view(kAlphabet).find(c) == std::string_view::npos) return false;
  }
  return true;
}

std::string NewSecret(std::string_view prefix, size_t bytes) {
  // 5 bits per character.
  return std::string(prefix) + RandomBase32((bytes * 8 + 4) / 5);
}

std::string HashSecret(std::string_view secret) {
  EnsureSodium();
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

}  // namespace clientele
