#include "modules/accounts/model.hpp"

#include <sodium.h>

#include <unordered_set>

#include "core/text.hpp"

extern const char* const kCommonPasswords;

namespace clientele::accounts {
namespace {

const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> out;
    std::string_view all = kCommonPasswords;
    while (!all.empty()) {
      size_t nl = all.find('\n');
      std::string_view line = all.substr(0, nl);
      if (!line.empty()) out.emplace(line);
      if (nl == std::string_view::npos) break;
      all.remove_prefix(nl + 1);
    }
    return out;
  }();
  return set;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  return CommonPasswords().count(LowerAscii(password)) > 0;
}

std::optional<FieldError> PasswordProblem(std::string_view password, std::string_view email,
                                          const std::string& field) {
  if (password.size() > kMaxPasswordBytes) {
    return FieldError{field, "password_too_long", "Use at most 1,024 characters."};
  }
  if (!IsCleanUtf8(password, false) || CodePointCount(password) < kMinPasswordLength) {
    return FieldError{field, "password_too_short", "Use at least 10 characters."};
  }
  if (IsCommonPassword(password)) {
    return FieldError{field, "password_common",
                      "This password is one of the most common ones; choose another."};
  }
  std::string_view local = email.substr(0, email.find('@'));
  if (local.size() >= 3 && Contains(LowerAscii(password), LowerAscii(local))) {
    return FieldError{field, "password_contains_email",
                      "The password must not contain your e-mail address."};
  }
  return std::nullopt;
}

std::string DeviceName(std::string_view ua) {
  auto has = [&](std::string_view s) { return Contains(ua, s); };
  std::string browser = has("Edg/")                         ? "Edge"
                        : has("OPR/")                       ? "Opera"
                        : has("Firefox/") || has("FxiOS/")  ? "Firefox"
                        : has("Chrome/") || has("CriOS/")   ? "Chrome"
                        : has("Safari/") && has("Version/") ? "Safari"
                                                            : "";
  std::string system = has("iPhone")                         ? "iPhone"
                       : has("iPad")                         ? "iPad"
                       : has("Android")                      ? "Android"
                       : has("Windows")                      ? "Windows"
                       : has("Mac OS X") || has("Macintosh") ? "macOS"
                       : has("CrOS")                         ? "ChromeOS"
                       : has("Linux")                        ? "Linux"
                                                             : "";
  if (browser.empty() && system.empty()) return "Unknown device";
  if (browser.empty()) return system;
  if (system.empty()) return browser;
  return browser + " on " + system;
}

std::vector<std::string> NewRecoveryCodes() {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";  // no i l o 0 1
  std::vector<std::string> out;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    std::string code;
    for (int j = 0; j < 10; ++j) {
      if (j == 5) code.push_back('-');
      code.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
    }
    out.push_back(code);
  }
  return out;
}

std::string NormalizeRecoveryCode(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-') continue;
    out.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  }
  return out;
}

Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), 2, 19u << 20) != 0) {
    return Error::Internal("Out of memory while hashing a password.");
  }
  return std::string(hash);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  return !hash.empty() &&
         crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

AccountMode ParseAccountMode(std::string_view s) {
  if (s == "required") return AccountMode::kRequired;
  if (s == "disabled") return AccountMode::kDisabled;
  return AccountMode::kOptional;
}

}  // namespace clientele::accounts
