// Time-based one-time passwords (RFC 6238: 30-second steps, 6 digits, HMAC-SHA1) through
// liboath, as authenticator apps expect. Secrets travel and are stored base32-encoded.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clientele {

// A new random 160-bit secret, base32 without padding.
std::string NewTotpSecret();

// The 30-second time step whose code `code` is for `secret` at `now_seconds`, allowing one
// step of clock drift either way; nullopt when it matches none. A caller that accepts a code
// remembers its step and refuses that step and older ones afterwards, so a code works once.
std::optional<int64_t> MatchTotpStep(const std::string& secret, std::string_view code,
                                     int64_t now_seconds);

// The code for `secret` at `now_seconds` (for tests and set-up checks).
std::string TotpCode(const std::string& secret, int64_t now_seconds);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER, for QR codes.
std::string TotpUri(std::string_view issuer, std::string_view account, const std::string& secret);

}  // namespace clientele
