#include "modules/settings/email.hpp"

#include "core/contact.hpp"
#include "core/text.hpp"
#include "modules/settings/store.hpp"

namespace clientele::settings {
namespace {

constexpr const char* kHost = "email.host";
constexpr const char* kPort = "email.port";
constexpr const char* kTls = "email.tls";
constexpr const char* kUser = "email.user";
constexpr const char* kPassword = "email.password";  // sealed
constexpr const char* kFromAddress = "email.from_address";
constexpr const char* kFromName = "email.from_name";

std::string ValueOf(const std::map<std::string, std::string>& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? std::string() : it->second;
}

EmailSettings FromMap(const std::map<std::string, std::string>& m) {
  EmailSettings s;
  s.host = ValueOf(m, kHost);
  if (std::string port = ValueOf(m, kPort); !port.empty()) s.port = std::stoi(port);
  if (std::string tls = ValueOf(m, kTls); !tls.empty()) s.tls = tls;
  s.user = ValueOf(m, kUser);
  s.password_set = !ValueOf(m, kPassword).empty();
  if (std::string from = ValueOf(m, kFromAddress); !from.empty()) s.from_address = from;
  s.from_name = ValueOf(m, kFromName);
  return s;
}

// A host name or an IP address: letters, digits, dots, hyphens (and colons for IPv6).
bool IsHostName(const std::string& host) {
  if (host.empty() || host.size() > 253) return false;
  for (char ch : host) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == ':' || ch == '[' ||
                    ch == ']';
    if (!ok) return false;
  }
  return true;
}

// A header-safe single line of at most `max` characters.
bool IsLine(const std::string& text, size_t max) {
  return CodePointCount(text) <= max && IsCleanUtf8(text, false);
}

}  // namespace

Result<EmailSettings> EmailSettingsService::Get() {
  ASSIGN_OR_RETURN(auto values, db_.Read([](db::Connection& c) { return store::ReadAll(c); }));
  return FromMap(values);
}

Result<std::optional<mail::SmtpConfig>> EmailSettingsService::SmtpConfig() {
  ASSIGN_OR_RETURN(auto values, db_.Read([](db::Connection& c) { return store::ReadAll(c); }));
  EmailSettings s = FromMap(values);
  if (s.host.empty()) return std::optional<mail::SmtpConfig>();
  mail::SmtpConfig config;
  config.host = s.host;
  config.port = s.port;
  mail::ParseTls(s.tls, &config.tls);
  config.user = s.user;
  if (std::string sealed = ValueOf(values, kPassword); !sealed.empty()) {
    ASSIGN_OR_RETURN(config.password, secrets_.Open(sealed));
  }
  config.from_address = s.from_address;
  config.from_name = s.from_name;
  return std::optional<mail::SmtpConfig>(std::move(config));
}

Result<EmailSettings> EmailSettingsService::Update(const audit::Actor& actor,
                                                   const EmailSettingsChange& change) {
  std::map<std::string, std::string> next;
  std::vector<FieldError> errors;
  const std::string host = Trim(change.host);
  if (!host.empty() && !IsHostName(host)) {
    errors.push_back({"host", "invalid_host",
                      "Use the mail server's host name or IP address, such as smtp.example.com."});
  }
  next[kHost] = host;
  if (change.port < 1 || change.port > 65535) {
    errors.push_back({"port", "out_of_range",
                      "A port is a number from 1 to 65535 (587 for STARTTLS, 465 for TLS)."});
  }
  next[kPort] = std::to_string(change.port);
  mail::Tls tls;
  if (!mail::ParseTls(change.tls, &tls)) {
    errors.push_back({"tls", "invalid_tls", "Use none, starttls or tls."});
  }
  next[kTls] = change.tls;
  const std::string user = Trim(change.user);
  if (!IsLine(user, 320)) {
    errors.push_back(
        {"user", "invalid_user", "A user name is one line of at most 320 characters."});
  }
  next[kUser] = user;
  if (change.password && !change.password->empty() && !IsLine(*change.password, 1024)) {
    errors.push_back(
        {"password", "invalid_password", "A password is one line of at most 1024 characters."});
  }
  auto from = ParseEmail(change.from_address, "from_address");
  if (!from.ok()) {
    errors.push_back({"from_address", "invalid_email",
                      "Use the address customers see the e-mails come from, such as "
                      "shop@example.com."});
  } else {
    next[kFromAddress] = from->display;
  }
  const std::string from_name = Trim(change.from_name);
  if (!IsLine(from_name, 100)) {
    errors.push_back(
        {"from_name", "invalid_name", "A sender name is one line of at most 100 characters."});
  }
  next[kFromName] = from_name;
  if (!errors.empty()) return Error::Invalid("Some e-mail settings are not valid.", errors);
  // The stored password goes only to the server it was entered for: another host, port,
  // encryption or user needs it typed again (or "" to send none).
  if (!change.password) {
    ASSIGN_OR_RETURN(auto stored, db_.Read([](db::Connection& c) { return store::ReadAll(c); }));
    const bool has_password = !ValueOf(stored, kPassword).empty();
    const EmailSettings was = FromMap(stored);
    if (has_password && (was.host != host || was.port != change.port || was.tls != change.tls ||
                         was.user != user)) {
      return Error::Invalid(
          "Enter the password again for the changed server.",
          {{"password", "password_required",
            "Enter the password again: the server or user changed (leave it empty to send "
            "none)."}});
    }
  }

  std::string sealed;
  if (change.password && !change.password->empty()) {
    ASSIGN_OR_RETURN(sealed, secrets_.Seal(*change.password));
  }
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<EmailSettings> {
    ASSIGN_OR_RETURN(auto before, store::ReadAll(tx));
    ASSIGN_OR_RETURN(nlohmann::json changes, store::WriteChanged(tx, before, next));
    if (change.password) {
      const bool had = !before[kPassword].empty();
      // A new password is sealed afresh each time, so a repeat of the same one is recorded too.
      if (had || !sealed.empty()) {
        RETURN_IF_ERROR(store::Write(tx, kPassword, sealed));
        changes[kPassword] = sealed.empty() ? "removed" : (had ? "changed" : "set");
        before[kPassword] = sealed;
      }
    }
    if (!changes.empty()) {
      RETURN_IF_ERROR(
          audit::Record(tx, actor, {"settings.email_updated", "settings", "", changes}, now));
    }
    return FromMap(before);
  });
}

Status EmailSettingsService::RecordTest(const audit::Actor& actor, const std::string& to,
                                        const mail::SendOutcome& outcome) {
  nlohmann::json details = {{"to", to}, {"sent", outcome.sent}};
  if (!outcome.sent) details["error"] = outcome.error;
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    return audit::Record(tx, actor, {"settings.email_tested", "settings", "", details}, now);
  });
}

}  // namespace clientele::settings
