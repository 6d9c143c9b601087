// The store's e-mail sending settings: the SMTP server (host, port, encryption, user, password)
// and the sender. Kept as key/value rows beside the other settings; the password sealed with the
// store key (never returned, only whether one is stored). Every change is audited, without the
// password. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/time.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "mail/smtp.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::settings {

struct EmailSettings {
  std::string host;  // empty: no mail server set up
  int port = 587;
  std::string tls = "starttls";  // "none", "starttls" or "tls"
  std::string user;
  bool password_set = false;
  std::string from_address;  // empty until saved: no default that a save would refuse
  std::string from_name;
};

// A whole new set (the form is saved as one); `password` nullopt keeps the stored one (only for
// the same host, port, encryption and user: else it must be given again), "" removes it.
struct EmailSettingsChange {
  std::string host;
  int64_t port = 587;
  std::string tls = "starttls";
  std::string user;
  std::optional<std::string> password;
  std::string from_address;
  std::string from_name;
};

class EmailSettingsService {
 public:
  EmailSettingsService(db::Database& db, const Clock& clock, crypto::SecretBox& secrets)
      : db_(db), clock_(clock), secrets_(secrets) {}

  Result<EmailSettings> Get();
  // Errors: kInvalidArgument with a field error per bad value; nothing changes then.
  Result<EmailSettings> Update(const audit::Actor& actor, const EmailSettingsChange& change);
  // What to send with (the password opened); nullopt when no mail server is set up.
  Result<std::optional<mail::SmtpConfig>> SmtpConfig();
  // Audits a test e-mail sent to `to` and what became of it.
  Status RecordTest(const audit::Actor& actor, const std::string& to,
                    const mail::SendOutcome& outcome);

 private:
  db::Database& db_;
  const Clock& clock_;
  crypto::SecretBox& secrets_;
};

}  // namespace clientele::settings
