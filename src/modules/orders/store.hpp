// SQL for orders, their items and the transactions, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/orders/model.hpp"

namespace clientele::orders::store {

// REQUIRES: o.customer_id set. `product_ids` holds, per item, its catalog product or none.
Result<int64_t> InsertOrder(db::Connection& c, const Order& o, const std::string& request_hash);
Status InsertItems(db::Connection& c, int64_t order_id, const std::vector<Item>& items,
                   const std::vector<std::optional<int64_t>>& product_ids);

struct StoredOrder {
  Order order;
  std::string request_hash;
};
// With items.
Result<std::optional<StoredOrder>> FindOrder(db::Connection& c, const std::string& public_id);
Result<std::optional<StoredOrder>> FindByNumber(db::Connection& c, const std::string& number);
// Newest placed first, with items; `limit` + 1 rows tell whether more exist.
Result<std::vector<Order>> ListForCustomer(db::Connection& c, int64_t customer_id,
                                           std::optional<int64_t> before_id, int limit);

// Locks the order's row: its money changes queue up on it.
Status LockOrder(db::Connection& c, int64_t order_id);
Status SetMoney(db::Connection& c, int64_t order_id, int64_t paid, int64_t refunded,
                PaymentStatus status, int64_t now);
// Returns whether the order was still at `expected_version`.
Result<bool> SetStatus(db::Connection& c, int64_t order_id, OrderStatus status,
                       int64_t expected_version, int64_t now);

struct Stats {
  int64_t orders = 0, spent = 0;
  std::optional<int64_t> first_at, last_at;
};
// The customer's orders that count (not cancelled): how many, what they paid net of refunds in
// `currency`, and when the first and last were placed.
Result<Stats> StatsOf(db::Connection& c, int64_t customer_id, const std::string& currency);

Result<int64_t> InsertTransaction(db::Connection& c, const Transaction& t,
                                  std::optional<int64_t> order_id, int64_t customer_id,
                                  const std::string& key, const std::string& request_hash);
struct KeyedTransaction {
  Transaction transaction;
  std::string request_hash;
};
Result<std::optional<KeyedTransaction>> FindTransactionByKey(db::Connection& c,
                                                             const std::string& customer_ref,
                                                             const std::string& key);
// Newest first (at most `limit`), with the order numbers and who made them.
Result<std::vector<Transaction>> ListTransactions(db::Connection& c, int64_t customer_id,
                                                  std::optional<int64_t> order_id, int limit);

// Erasure: the addresses on the customer's orders go; the orders stay for the books.
Status ClearAddresses(db::Connection& c, const std::vector<int64_t>& customer_ids);

// The catalog products on the granting orders of customers first..last (by internal id),
// ordered by customer and order.
Result<std::vector<BoughtItem>> GrantingItems(db::Connection& c, int64_t first_customer,
                                              int64_t last_customer);
// The catalog products on one order, whatever its state.
Result<std::vector<BoughtItem>> ItemsOfOrder(db::Connection& c, int64_t order_id);

// Merge: `from`'s orders and transactions become `to`'s (`to_ref` its public id; an
// idempotency key `to` used already is dropped from the moved transaction).
Status MoveCustomer(db::Connection& c, int64_t from, int64_t to, const std::string& to_ref);
// How many orders and transactions the customer has.
Result<std::pair<int64_t, int64_t>> CountsOf(db::Connection& c, int64_t customer_id);

}  // namespace clientele::orders::store
