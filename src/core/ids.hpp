// Public identifiers and secrets. Public ids are random (not guessable, not sequential):
// a short prefix naming the kind ("cus", "grp", "tag", "adm", "tok") and 20 base32 characters
// (100 bits) from libsodium's CSPRNG. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace clientele {

// REQUIRES: prefix is a short lower-case word.
std::string NewPublicId(std::string_view prefix);

// True when `id` has the shape NewPublicId(prefix) produces (cheap check before a lookup).
bool IsPublicId(std::string_view id, std::string_view prefix);

// A new secret of `bytes` random bytes, base32-encoded, with a prefix ("clt_...").
std::string NewSecret(std::string_view prefix, size_t bytes);

// A keyed-free BLAKE2b hash of a high-entropy secret, hex-encoded: what the database stores.
std::string HashSecret(std::string_view secret);

}  // namespace clientele
