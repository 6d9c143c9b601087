// SQL for address books, and nothing else: customers' addresses with their default flags, and
// the address_books row of each customer (the "shipping same as billing" setting and the book's
// version). Everything runs on the caller's connection.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "modules/addresses/model.hpp"

namespace clientele::addresses::store {

// The customer an address book belongs to, as the book needs it.
struct CustomerRef {
  int64_t id = 0;
  std::string public_id, first_name, last_name;
};

struct BookRow {
  bool same_as_billing = false;
  int64_t version = 0;  // 0: the book was never changed
};

Result<std::optional<CustomerRef>> FindCustomer(db::Connection& c, std::string_view public_id);

// Creates the customer's book row or bumps its version, and returns it as it is after that. On
// PostgreSQL the row stays locked until the transaction ends, so changes of one customer's book
// run one after the other (SQLite has a single writer anyway).
Result<BookRow> LockBook(db::Connection& c, int64_t customer_id, int64_t now);
Result<BookRow> ReadBook(db::Connection& c, int64_t customer_id);
Status SetSameAsBilling(db::Connection& c, int64_t customer_id, bool on);

// The customer's addresses, defaults first, then oldest first; flags as stored.
Result<std::vector<Address>> List(db::Connection& c, int64_t customer_id);
Result<std::optional<Address>> Find(db::Connection& c, int64_t customer_id,
                                    std::string_view public_id);
Result<int64_t> Count(db::Connection& c, int64_t customer_id);

// Inserts a new address (public id set; default flags are written by WriteDefaults).
// Returns its internal id.
Result<int64_t> Insert(db::Connection& c, const Address& a);
// Writes the address's own fields if its version is still `expected_version` and bumps the
// version. Returns false when someone else saved first.
Result<bool> Update(db::Connection& c, const Address& a, int64_t expected_version);
Status Delete(db::Connection& c, int64_t id);

// Moves the default flags of the customer's addresses from `from` to `to` (ids as stored;
// same_as_billing is written by SetSameAsBilling).
Status WriteDefaults(db::Connection& c, int64_t customer_id, const Defaults& from,
                     const Defaults& to);

// The addresses of these customers that are a default billing or shipping address (flags as
// stored; customer_public_id left empty), and the customers among them whose book has
// "shipping same as billing" on.
Result<std::vector<Address>> DefaultAddressesOf(db::Connection& c,
                                                const std::vector<int64_t>& customer_ids);
Result<std::vector<int64_t>> SameAsBillingAmong(db::Connection& c,
                                                const std::vector<int64_t>& customer_ids);

// Bulk loads (the demo store): addresses with their flags as given, and book rows with
// "shipping same as billing" on for `same_as_billing` customers.
// PrepareInsert builds the rows, on any thread; InsertMany writes them.
struct InsertBatch {
  std::vector<db::Params> rows;
};
InsertBatch PrepareInsert(const std::vector<Address>& addresses);
Status InsertMany(db::Connection& c, const InsertBatch& batch);
Status InsertBooks(db::Connection& c, const std::vector<int64_t>& same_as_billing, int64_t now);

// Writes the customer's place keys (Service::PlaceKeysOf) when they changed; the customer's
// search entries follow them (SQLite's through triggers).
Status SetPlaceKeys(db::Connection& c, int64_t customer_id, const PlaceKeys& keys);
// The same for many customers in one statement: on SQLite each statement that writes the
// search tables makes them write out what they hold, so one per customer cost an import a
// quarter of its time.
Status SetPlaceKeysMany(db::Connection& c, const std::vector<std::pair<int64_t, PlaceKeys>>& keys);

// Moves every address of `from` to `to`; `to`'s defaults win over the moved ones.
Status MoveAll(db::Connection& c, int64_t from, int64_t to, int64_t now);

// How many addresses the customer has (what a merge moves).
Result<int64_t> CountOf(db::Connection& c, int64_t customer_id);

}  // namespace clientele::addresses::store
