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
// `month_starts`, -1 outside them).
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
// Customers by the month of their first order and a month they ordered in (indexes into
// `month_starts`; orders that count, first orders at or after the first start).
struct CohortCell {
  int first_month = -1, order_month = -1;
  int64_t customers = 0;
};
Result<std::vector<CohortCell>> CountCohorts(db::Connection& c,
                                             const std::vector<int64_t>& month_starts);
// The public ids of the customers at risk who spent most, most first.
Result<std::vector<std::string>> TopAtRisk(db::Connection& c, int64_t now, int limit);

}  // namespace clientele::customers::store
