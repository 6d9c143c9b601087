// Sending one SMS through the store's SMS provider: an HTTP POST of JSON
// {"to": "+4917…", "text": "…", "message_id": "…"} to the configured URL, signed with an
// HMAC-SHA256 of the store's secret so the provider (or the store's relay) can tell the request
// is the store's: headers X-Clientele-Timestamp (Unix seconds) and X-Clientele-Signature
// ("v1=" + hex HMAC of "<timestamp>.<body>"). The message id lets the receiver drop a duplicate
// when a retry follows a delivery whose answer was lost. A 2xx answer is delivered; 4xx (but
// 408 and 429) is refused for good; anything else is retried.
// Thread-safety: a transport may be used by one thread at a time.
#pragma once

#include <string>

#include "mail/smtp.hpp"

namespace clientele::mail {

struct SmsConfig {
  std::string url;     // empty: no SMS provider configured
  std::string secret;  // the HMAC key shared with the provider
  int timeout_seconds = 15;

  bool configured() const { return !url.empty(); }
};

// The signature header value for `body` sent at `timestamp`.
std::string SmsSignature(const std::string& secret, const std::string& timestamp,
                         const std::string& body);

class SmsTransport : public Transport {
 public:
  explicit SmsTransport(SmsConfig config);
  // Sends `mail.text` to `mail.to_address` (a phone number).
  SendOutcome Send(const OutgoingMail& mail) override;

 private:
  SmsConfig config_;
};

}  // namespace clientele::mail
