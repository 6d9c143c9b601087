// The answer to a customer's access request (GDPR art. 15): everything the store holds about one
// customer, read in one go from every module that keeps some of it: the profile, the address
// book, the sign-in account's state (never a credential: no password hash, TOTP secret, recovery
// code or session token), its sessions and consent history, the message log, the orders with
// their transactions, the wallet, the library, downloads and wishlist, and the activity (the
// audit events about the customer). Each section shows the fields the admin API shows, written
// by the same serializers. The document goes out as JSON or as one self-contained HTML page;
// each export is audited (customer.data_exported). Thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::flows {

struct CustomerDataFile {
  std::string customer_id;  // the customer's public id
  std::string extension;    // "json" | "html"
  std::string media_type;   // "application/json" | "text/html; charset=utf-8"
  std::string body;
};

class CustomerData {
 public:
  // At most this many rows of each list (orders, messages, activity…): far more than a
  // customer gathers, and a bound on what one request holds in memory.
  static constexpr int kMaxRows = 100000;

  enum class Format { kJson, kHtml };

  CustomerData(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The customer's data in `format`, exported by `actor` (an admin, or the customer) and audited
  // as customer.data_exported with the format. Errors: kNotFound "customer_not_found".
  Result<CustomerDataFile> Export(const audit::Actor& actor, const std::string& customer_id,
                                  Format format);

 private:
  db::Database& db_;
  const Clock& clock_;
};

// "json" or "html"; absent or empty: JSON. Errors: kInvalidArgument ("format": invalid_format).
Result<CustomerData::Format> ParseCustomerDataFormat(std::string_view text);

// The document as one HTML page: the title "Data held about <name>", the store's name and the
// date under it, then a heading per section; objects become definition lists, lists of objects
// tables. Everything is escaped. Pure.
std::string RenderCustomerDataHtml(const nlohmann::json& document, std::string_view store_name,
                                   std::string_view date);

}  // namespace clientele::flows
