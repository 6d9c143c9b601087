// SecretBox encrypts small secrets that the server must read back (TOTP seeds) with one store
// key kept outside the database: XChaCha20-Poly1305 (libsodium), a random nonce per value. A
// database copy without the key file reveals none of them. The key file holds 32 random bytes
// in hex; it is created (mode 0600) on first use when missing, so every node of one store must
// be given the same file. Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.hpp"

namespace clientele::crypto {

class SecretBox {
 public:
  // The key is read from `key_file` on first use (and created there when the file is missing).
  explicit SecretBox(std::string key_file);
  // A box with a fixed key (tests). REQUIRES: key.size() == 32.
  struct FixedKey {
    std::string key;
  };
  explicit SecretBox(FixedKey fixed) : key_(std::move(fixed.key)) {}

  // "sb1:" + base64(nonce || ciphertext). Errors: kUnavailable "secret_key_unavailable".
  Result<std::string> Seal(std::string_view plain);
  // Reverses Seal. Errors: kUnavailable "secret_key_unavailable", kInternal "secret_unreadable"
  // (tampered, or sealed with another key).
  Result<std::string> Open(std::string_view sealed);
  // An unguessable token for `message` that only this store can make again: HMAC-SHA256 with
  // a key derived from the store key for `purpose` ("order-view"), URL-safe base64 (43
  // characters). Errors: kUnavailable "secret_key_unavailable".
  Result<std::string> Mac(std::string_view purpose, std::string_view message);
  // Whether `value` came from Seal (rather than being a value stored before encryption).
  static bool IsSealed(std::string_view value);

  const std::string& key_file() const { return key_file_; }

 private:
  Status LoadKey();  // REQUIRES: mutex_ held

  std::string key_file_;
  std::mutex mutex_;
  std::optional<std::string> key_;
};

}  // namespace clientele::crypto
