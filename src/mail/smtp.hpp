// Sending one e-mail over SMTP with libcurl: a multipart/alternative message (plain text and
// HTML, quoted-printable) with the Message-ID the outbox chose, so a receiver can drop a
// duplicate when a retry follows a delivery whose confirmation was lost.
// Thread-safety: a transport may be used by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace clientele::mail {

enum class Tls { kNone, kStartTls, kTls };

struct SmtpConfig {
  std::string host;  // empty: no SMTP server configured
  int port = 587;
  Tls tls = Tls::kStartTls;
  std::string user, password;
  std::string from_address = "shop@localhost";
  std::string from_name;
  int timeout_seconds = 30;

  bool configured() const { return !host.empty(); }
};

// "none", "starttls" or "tls".
bool ParseTls(std::string_view text, Tls* out);
// "smtp.example.com:587 (starttls)", for people.
std::string DescribeServer(const SmtpConfig& config);

struct OutgoingMail {
  std::string to_address, to_name;
  std::string subject, text, html;  // html may be empty
  std::string message_id;           // without angle brackets
  int64_t date_micros = 0;
};

struct SendOutcome {
  bool sent = false;
  bool permanent = false;  // the server refused for good (5xx): retrying will not help
  std::string error;       // what went wrong, for the message log
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual SendOutcome Send(const OutgoingMail& mail) = 0;
  // Whether it can send now; the outbox leaves a channel's messages queued while it cannot.
  virtual bool ready() { return true; }
};

class SmtpTransport : public Transport {
 public:
  explicit SmtpTransport(SmtpConfig config);
  SendOutcome Send(const OutgoingMail& mail) override;

 private:
  SmtpConfig config_;
};

// A header value with non-ASCII text as RFC 2047 encoded words (UTF-8, base64); line breaks
// are dropped so no value can add a header.
std::string EncodeHeaderText(std::string_view text);
// "Name <address>" with the name encoded, or "<address>" alone.
std::string FormatMailbox(std::string_view name, std::string_view address);
// RFC 5322 date, e.g. "Mon, 23 Nov 2026 13:05:00 +0000".
std::string FormatMailDate(int64_t micros);

}  // namespace clientele::mail
