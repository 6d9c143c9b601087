#include "crypto/secret_box.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace clientele::crypto {
namespace {

constexpr std::string_view kPrefix = "sb1:";
constexpr size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

Error KeyUnavailable(const std::string& file, const std::string& why) {
  return {ErrorCode::kUnavailable,
          "secret_key_unavailable",
          "The store's secret key file " + file + " cannot be used: " + why,
          {}};
}

std::string Hex(const std::string& raw) {
  std::string out(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  out.pop_back();
  return out;
}

// Writes a new random key to `file`, readable by the owner only: whole into a temporary file
// first, then linked into place, so no process ever reads a half-written key. When another
// process made one first, that one stays (link fails with EEXIST) and the caller reads it.
Status CreateKeyFile(const std::string& file) {
  std::filesystem::path path(file);
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  std::string temp = file + ".new-XXXXXX";
  int fd = ::mkstemp(temp.data());  // mode 0600
  if (fd < 0) return KeyUnavailable(file, std::strerror(errno));
  std::string raw(kKeyBytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string text = Hex(raw);
  text.push_back('\n');
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (ok && ::link(temp.c_str(), file.c_str()) != 0 && errno != EEXIST) ok = false;
  ::unlink(temp.c_str());
  if (!ok) return KeyUnavailable(file, "writing it failed");
  return OkStatus();
}

}  // namespace

SecretBox::SecretBox(std::string key_file) : key_file_(std::move(key_file)) {}

Status SecretBox::LoadKey() {
  if (key_) return OkStatus();
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  if (key_file_.empty()) return KeyUnavailable("(none)", "no key file is configured");
  if (!std::filesystem::exists(key_file_)) RETURN_IF_ERROR(CreateKeyFile(key_file_));
  std::ifstream in(key_file_);
  if (!in) return KeyUnavailable(key_file_, "it cannot be read");
  std::string hex;
  in >> hex;
  std::string raw(kKeyBytes, '\0');
  size_t len = 0;
  if (hex.size() != kKeyBytes * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(),
                     hex.size(), nullptr, &len, nullptr) != 0 ||
      len != kKeyBytes) {
    return KeyUnavailable(key_file_, "it must hold 64 hexadecimal digits");
  }
  key_ = std::move(raw);
  return OkStatus();
}

Result<std::string> SecretBox::Seal(std::string_view plain) {
  std::string key;
  {
    std::lock_guard lock(mutex_);
    RETURN_IF_ERROR(LoadKey());
    key = *key_;
  }
  std::string box(kNonceBytes + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, kNonceBytes);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out + kNonceBytes, &cipher_len, reinterpret_cast<const unsigned char*>(plain.data()),
      plain.size(), nullptr, 0, nullptr, out, reinterpret_cast<const unsigned char*>(key.data()));
  box.resize(kNonceBytes + cipher_len);
  const size_t b64_len =
      sodium_base64_encoded_len(box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string encoded(b64_len, '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), out, box.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.pop_back();  // the terminating NUL
  return std::string(kPrefix) + encoded;
}

Result<std::string> SecretBox::Mac(std::string_view purpose, std::string_view message) {
  std::string key;
  {
    std::lock_guard lock(mutex_);
    RETURN_IF_ERROR(LoadKey());
    key = *key_;
  }
  unsigned char subkey[crypto_auth_hmacsha256_KEYBYTES];
  crypto_generichash(subkey, sizeof subkey, reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), reinterpret_cast<const unsigned char*>(key.data()),
                     key.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), subkey);
  sodium_memzero(subkey, sizeof subkey);
  std::string encoded(
      sodium_base64_encoded_len(sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), mac, sizeof mac,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.pop_back();  // the terminating NUL
  return encoded;
}

Result<std::string> SecretBox::Open(std::string_view sealed) {
  const Error unreadable{ErrorCode::kInternal,
                         "secret_unreadable",
                         "A stored secret cannot be decrypted with this store's key.",
                         {}};
  if (!IsSealed(sealed)) return unreadable;
  std::string key;
  {
    std::lock_guard lock(mutex_);
    RETURN_IF_ERROR(LoadKey());
    key = *key_;
  }
  sealed.remove_prefix(kPrefix.size());
  std::string box(sealed.size(), '\0');
  size_t box_len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(),
                        sealed.size(), nullptr, &box_len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      box_len < kNonceBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return unreadable;
  }
  const auto* in = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(box_len - kNonceBytes - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr, in + kNonceBytes,
          box_len - kNonceBytes, nullptr, 0, in,
          reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return unreadable;
  }
  plain.resize(plain_len);
  return plain;
}

bool SecretBox::IsSealed(std::string_view value) { return value.rfind(kPrefix, 0) == 0; }

}  // namespace clientele::crypto
