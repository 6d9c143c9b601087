// Shopper accounts: the rules with no I/O. What a good shopper password is, how a session's
// device is named from its user agent, and how recovery codes look.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace clientele::accounts {

inline constexpr size_t kMinPasswordLength = 10;   // code points
inline constexpr size_t kMaxPasswordBytes = 1024;  // argon2 takes any length; requests do not

// Why `password` is refused for the account of `email`, as a field error on `field`; nullopt
// when it is fine. Codes: "password_too_short", "password_too_long", "password_common" (in
// the list of common passwords shipped with the project, compared case-insensitively),
// "password_contains_email" (holds the e-mail's local part, three characters or more).
std::optional<FieldError> PasswordProblem(std::string_view password, std::string_view email,
                                          const std::string& field = "password");
// Whether the lower-cased `password` is in the common-password list.
bool IsCommonPassword(std::string_view password);

// "Firefox on Windows", "Safari on iPhone", "Chrome on Android"; "Unknown device" otherwise.
std::string DeviceName(std::string_view user_agent);

// Recovery codes: ten groups of "xxxxx-xxxxx" from an alphabet without look-alikes.
inline constexpr int kRecoveryCodeCount = 10;
std::vector<std::string> NewRecoveryCodes();
// A typed code as it is hashed: lower case, without spaces and dashes.
std::string NormalizeRecoveryCode(std::string_view typed);

// argon2id with OWASP's parameters for interactive sign-ins (19 MiB, 2 passes): about 11 ms
// on one core here, so sign-ins at a busy store's rate leave the server's cores to the others.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

// One change of a marketing consent, as the consent history keeps it: where it came from
// (registration, the customer area, an admin…) and the IP it was given from.
struct ConsentEvent {
  std::string channel;  // email | sms
  bool granted = false;
  std::string source, ip;
  int64_t recorded_at = 0;
};

enum class AccountMode { kOptional, kRequired, kDisabled };
AccountMode ParseAccountMode(std::string_view s);  // unknown values read as optional

}  // namespace clientele::accounts
