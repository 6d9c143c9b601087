#include "core/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace clientele {
namespace {

void EnsureOath() {
  static std::once_flag once;
  std::call_once(once, [] {
    oath_init();
    if (sodium_init() < 0) std::abort();  // no randomness: nothing safe to do
  });
}

// Raw secret bytes from base32; empty on malformed input.
std::string Decode(const std::string& secret) {
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_decode(secret.data(), secret.size(), &out, &len) != OATH_OK) return "";
  std::string raw(out, len);
  std::free(out);
  return raw;
}

std::string UriEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() {
  EnsureOath();
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  char* out = nullptr;
  size_t len = 0;
  oath_base32_encode(reinterpret_cast<const char*>(raw), sizeof raw, &out, &len);
  std::string secret(out, len);
  std::free(out);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::optional<int64_t> MatchTotpStep(const std::string& secret, std::string_view code,
                                     int64_t now_seconds) {
  EnsureOath();
  if (code.size() != 6) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::string raw = Decode(secret);
  if (raw.empty()) return std::nullopt;
  std::string otp(code);
  int position = 0;
  uint64_t step = 0;
  if (oath_totp_validate3(raw.data(), raw.size(), static_cast<time_t>(now_seconds),
                          OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 1, &position, &step,
                          otp.c_str()) < 0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(step);
}

std::string TotpCode(const std::string& secret, int64_t now_seconds) {
  EnsureOath();
  std::string raw = Decode(secret);
  char otp[10] = {};
  oath_totp_generate(raw.data(), raw.size(), static_cast<time_t>(now_seconds),
                     OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 6, otp);
  return otp;
}

std::string TotpUri(std::string_view issuer, std::string_view account, const std::string& secret) {
  return "otpauth://totp/" + UriEscape(issuer) + ":" + UriEscape(account) + "?secret=" + secret +
         "&issuer=" + UriEscape(issuer);
}

}  // namespace clientele
