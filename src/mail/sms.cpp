#include "mail/sms.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <ctime>
#include <nlohmann/json.hpp>

namespace clientele::mail {
namespace {

size_t Discard(char* /*data*/, size_t size, size_t n, void* /*out*/) { return size * n; }

}  // namespace

std::string SmsSignature(const std::string& secret, const std::string& timestamp,
                         const std::string& body) {
  const std::string signed_text = timestamp + "." + body;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  // Any key length, as HMAC defines it (libsodium hashes keys longer than a block).
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                signed_text.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string("v1=") + hex;
}

SmsTransport::SmsTransport(SmsConfig config) : config_(std::move(config)) {}

SendOutcome SmsTransport::Send(const OutgoingMail& mail) {
  const std::string body =
      nlohmann::json{{"to", mail.to_address}, {"text", mail.text}, {"message_id", mail.message_id}}
          .dump();
  const std::string timestamp = std::to_string(std::time(nullptr));
  CURL* curl = curl_easy_init();
  if (!curl) return {false, false, "could not start an HTTP request"};
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, ("X-Clientele-Timestamp: " + timestamp).c_str());
  headers = curl_slist_append(
      headers, ("X-Clientele-Signature: " + SmsSignature(config_.secret, timestamp, body)).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(config_.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return {false, false, curl_easy_strerror(rc)};
  if (status >= 200 && status < 300) return {true, false, ""};
  const bool permanent = status >= 400 && status < 500 && status != 408 && status != 429;
  return {false, permanent, "SMS provider answered HTTP " + std::to_string(status)};
}

}  // namespace clientele::mail
