// SQL of retention insights (insights_store.cpp): RFM bounds and scores, and the figures of the
// Insights page, on the caller's connection.
#pragma once

#include <optional>
#include <vector>

#include "db/database.hpp"
#include "modules/customers/insights.hpp"

namespace clientele::customers::store {

// The bounds of the last recomputation; nullopt before the first.
Result<std::optional<RfmState>> ReadRfmState(db::Connection& c);
Status WriteRfmState(db::Connection& c, const RfmState& state);
// last_order_at, orders_count and total_spent of every customer with orders.
struct RfmValues {
  std::vector<int64_t> recency, frequency, monetary;
};
Result<RfmValues> ReadRfmValues(db::Connection& c);
// Scores the customers with ids in [first, last] by `state` (none without orders), writing only
// rows whose scores change.
Status ScoreRange(db::Connection& c, const RfmState& state, int64_t first, int64_t last);
// Whether any customer has orders.
Result<bool> AnyOrders(db::Connection& c);

// Customers by activity level and RFM group, and by the month of their first order (index into
// `month_starts`, -1 before the first), in one pass.
struct InsightCell {
  std::string activity, rfm_group;  // rfm_group "" without scores
  int month = -1;
  bool has_orders = false;
  int64_t customers = 0;
};
Result<std::vector<InsightCell>> CountInsightCells(db::Connection& c, int64_t now,
                                                   const std::vector<int64_t>& month_starts);
// Customers registered in [from, to).
Result<int64_t> CountRegistered(db::Connection& c, int64_t from, int64_t to);
// (customer id, first order, order placed) of every order that counts of the customers whose
// first order is at or after `since`.
struct CohortOrder {
  int64_t customer_id = 0, first_order_at = 0, placed_at = 0;
};
Result<std::vector<CohortOrder>> CohortOrders(db::Connection& c, int64_t since);
// The public ids of the customers at risk who spent most, most first.
Result<std::vector<std::string>> TopAtRisk(db::Connection& c, int64_t now, int limit);

}  // namespace clientele::customers::store
