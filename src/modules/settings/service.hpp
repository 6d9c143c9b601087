// Store settings: the store's name, the default country and language for new customers, the
// time zone the admin UI shows dates in, and how the store takes customer accounts. Kept as
// key/value rows; every change is audited. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::settings {

struct Settings {
  std::string store_name;
  std::string default_country;   // ISO 3166-1 alpha-2 or empty
  std::string default_language;  // BCP 47
  std::string time_zone;         // IANA, e.g. Europe/Berlin
  std::string currency = "USD";  // ISO 4217: totals, and the wallet's default
  // Where a customer pays a pending order: an http(s) URL with placeholders {number}, {id},
  // {token}, {total} (minor units) and {currency}; empty: no payment links.
  std::string payment_url_template = "";
  // Accounts at checkout: "optional" (register or check out as a guest), "required" (no guest
  // records), "disabled" (guests only: the customer area's registration and sign-in close).
  std::string account_mode = "optional";
  bool require_verification = true;  // shoppers verify their e-mail before signing in
  // Login as customer: whether a customer must first allow store staff to sign in as them
  // (a switch in the customer area).
  bool assistance_requires_consent = false;
  // Accounts whose spam score (0-100) reaches this are "suspected spam".
  int spam_threshold = 50;
};

struct SettingsChange {
  std::optional<std::string> store_name, default_country, default_language, time_zone, account_mode,
      currency, payment_url_template;
  std::optional<bool> require_verification, assistance_requires_consent;
  std::optional<int64_t> spam_threshold;
};

class Service {
 public:
  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Settings> Get();
  // For other modules, on their transaction or read.
  static Result<Settings> Read(db::Connection& c);
  // Errors: kInvalidArgument with a field error per bad value; nothing changes then.
  Result<Settings> Update(const audit::Actor& actor, const SettingsChange& change);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::settings
