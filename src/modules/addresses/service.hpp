// Address-book use cases: list, add, edit, delete a customer's addresses and choose the default
// billing and shipping address and "shipping same as billing". Each change runs in one
// transaction with its audit event (recorded on the customer, so it shows in the customer's
// activity) and bumps the book's version; concurrent changes of one customer's book run one after
// the other, so there is never more than one default of each kind.
//
// Deleting a default address never leaves the default dangling: the default moves to the
// address the caller names (`move_defaults_to`), or is cleared, as store platforms commonly do
// when a default address is deleted (the shopper then picks one at the next checkout).
//
// Thread-safe (state lives in the database).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/addresses/model.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::addresses {

// A customer's address book. Items carry their default flags as they take effect.
struct Book {
  std::string customer_public_id;
  std::vector<Address> items;
  std::optional<std::string> default_billing_id, default_shipping_id;  // public ids, in effect
  bool shipping_same_as_billing = false;
  int64_t version = 0;
};

// What a request asks of the book's defaults: public ids; an inner nullopt clears.
struct DefaultsInput {
  std::optional<std::optional<std::string>> billing, shipping;
  std::optional<bool> same_as_billing;
};

// The default addresses of one customer as they take effect, for the customer's own record.
struct CustomerDefaults {
  std::optional<Address> billing, shipping;
  bool shipping_same_as_billing = false;
};

class Service {
 public:
  static constexpr int64_t kMaxAddresses = 100;

  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Errors: kNotFound "customer_not_found".
  Result<Book> List(const std::string& customer_id);
  // The same on the caller's read (the customer's data export).
  static Result<Book> ReadBook(db::Connection& c, const std::string& customer_id);
  // Errors: kNotFound "customer_not_found" or "address_not_found".
  Result<Address> Get(const std::string& customer_id, const std::string& address_id);

  // Adds an address. Without a first and last name it takes the customer's; with
  // default_billing/default_shipping it becomes that default. Errors: kNotFound,
  // kInvalidArgument (field errors), kFailedPrecondition "too_many_addresses".
  Result<Address> Add(const audit::Actor& actor, const std::string& customer_id,
                      const Patch& input);
  // What adding an address the book already holds (the same one-line form) does: add it again,
  // or keep the existing one (a guest's repeated checkouts).
  enum class Repeat { kAdd, kKeepExisting };
  // Whether an add on the caller's transaction keeps the customer's place keys for search
  // itself, or leaves it to the caller's RefreshPlaceKeys: a customer not yet in the search
  // index (created with index_later) must not have its search keys changed before it is.
  enum class PlaceKeysUpdate { kNow, kCallerRefreshes };
  // Add on the caller's transaction; `added` (when given) tells whether it added one or kept
  // the existing. Errors: as Add.
  Result<Address> AddInTransaction(db::Connection& tx, const audit::Actor& actor,
                                   const std::string& customer_id, const Patch& input, int64_t now,
                                   Repeat repeat, bool* added = nullptr,
                                   PlaceKeysUpdate place = PlaceKeysUpdate::kNow);
  // Brings these customers' place keys in step with their books (see PlaceKeysUpdate).
  static Status RefreshPlaceKeys(db::Connection& tx, const std::vector<int64_t>& customer_ids);

  // Changes some fields; with `if_version`, refuses to overwrite a newer save. Errors:
  // kNotFound, kInvalidArgument, kFailedPrecondition "stale_version".
  Result<Address> Update(const audit::Actor& actor, const std::string& customer_id,
                         const std::string& address_id, const Patch& patch,
                         std::optional<int64_t> if_version);

  // Deletes an address. A default it held moves to `move_defaults_to` (another address of the
  // same customer) or is cleared. Errors: kNotFound, kInvalidArgument on "move_defaults_to",
  // kFailedPrecondition "stale_version".
  Status Delete(const audit::Actor& actor, const std::string& customer_id,
                const std::string& address_id, const std::optional<std::string>& move_defaults_to,
                std::optional<int64_t> if_version);

  // Chooses the default billing and shipping address and "shipping same as billing"; with
  // `if_version`, only if the book is still at that version. Choosing a shipping address turns
  // "same as billing" off. Errors: kNotFound, kInvalidArgument (unknown address, conflicting
  // choice), kFailedPrecondition "stale_version".
  Result<Book> SetDefaults(const audit::Actor& actor, const std::string& customer_id,
                           const DefaultsInput& input, std::optional<int64_t> if_version);

  // For the customers module: the defaults of one customer, or of many (customers without any
  // address are absent from the map). Customer ids are internal; the addresses' customer public
  // id is left empty (the caller knows its customers).
  Result<CustomerDefaults> DefaultsOf(int64_t customer_id);
  Result<std::map<int64_t, CustomerDefaults>> DefaultsOfMany(
      const std::vector<int64_t>& customer_ids);
  // The same on the caller's read, so a customer and its defaults come from one snapshot.
  static Result<std::map<int64_t, CustomerDefaults>> ReadDefaults(
      db::Connection& c, const std::vector<int64_t>& customer_ids);

  // Moves every address of one customer to another on the caller's transaction (a guest record
  // that becomes an account takes the addresses the registration added); the receiving book
  // keeps its defaults.
  static Status MoveAll(db::Connection& tx, int64_t from_customer, int64_t to_customer,
                        int64_t now);
  static Result<int64_t> CountOf(db::Connection& c, int64_t customer_id);

  // What customer search matches of a customer's default addresses (see PlaceKeys). Kept on
  // the customer row by every change of an address book.
  static PlaceKeys PlaceKeysOf(const CustomerDefaults& defaults);
  static PlaceKeys PlaceKeysOf(const Address* billing, const Address* shipping);

  // The key the customer list compares a city filter with (see CityKey in model.hpp).
  static std::string CityKeyOf(std::string_view city) { return CityKey(city); }

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::addresses
