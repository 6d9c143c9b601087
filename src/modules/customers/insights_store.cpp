// SQL of retention insights: the same text on SQLite and PostgreSQL.
#include "modules/customers/insights_store.hpp"

#include "db/sql_builder.hpp"
#include "modules/customers/store.hpp"

namespace clientele::customers::store {

namespace {

constexpr const char* kDimensions[] = {"recency", "frequency", "monetary"};

// A score of `column` by `bounds` as SQL: 1 + one for each bound reached.
std::string ScoreSql(const std::string& column, const RfmBounds& bounds, db::SqlBuilder& sql) {
  std::string out = "(1";
  for (int64_t b : bounds) {
    if (b == kNoBound) continue;
    out += " + CASE WHEN " + column + " >= " + sql.Param(b) + " THEN 1 ELSE 0 END";
  }
  return out + ")";
}

}  // namespace

Result<std::optional<RfmState>> ReadRfmState(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT dimension, score2, score3, score4, score5,"
                                          " computed_at FROM rfm_bounds"));
  if (rows.size() != 3) return std::optional<RfmState>();
  RfmState state;
  for (const auto& r : rows) {
    const std::string d = r.Text(0);
    RfmBounds& b = d == "recency"     ? state.recency
                   : d == "frequency" ? state.frequency
                                      : state.monetary;
    for (size_t i = 0; i < 4; ++i) b[i] = r.Int(1 + i);
    state.computed_at = r.Int(5);
  }
  return std::optional<RfmState>(state);
}

Status WriteRfmState(db::Connection& c, const RfmState& state) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM rfm_bounds"));
  const RfmBounds* bounds[] = {&state.recency, &state.frequency, &state.monetary};
  for (int i = 0; i < 3; ++i) {
    const RfmBounds& b = *bounds[i];
    RETURN_IF_ERROR(
        c.Execute("INSERT INTO rfm_bounds (dimension, score2, score3, score4, score5,"
                  " computed_at) VALUES ($1, $2, $3, $4, $5, $6)",
                  {std::string(kDimensions[i]), b[0], b[1], b[2], b[3], state.computed_at}));
  }
  return OkStatus();
}

Result<RfmValues> ReadRfmValues(db::Connection& c) {
  RfmValues out;
  int64_t after = INT64_MIN;
  constexpr int64_t kPage = 50'000;
  while (true) {
    ASSIGN_OR_RETURN(db::Rows rows,
                     c.Query("SELECT id, last_order_at, orders_count, total_spent FROM customers"
                             " WHERE id > $1 AND orders_count > 0 AND last_order_at IS NOT NULL"
                             " ORDER BY id LIMIT $2",
                             {after, kPage}));
    for (const auto& r : rows) {
      out.recency.push_back(r.Int(1));
      out.frequency.push_back(r.Int(2));
      out.monetary.push_back(r.Int(3));
    }
    if (static_cast<int64_t>(rows.size()) < kPage) return out;
    after = rows.back().Int(0);
  }
}

Status ScoreRange(db::Connection& c, const RfmState& state, int64_t first, int64_t last) {
  db::SqlBuilder sql;
  const std::string has_orders = "orders_count > 0 AND last_order_at IS NOT NULL";
  const std::string r = ScoreSql("last_order_at", state.recency, sql);
  const std::string f = ScoreSql("orders_count", state.frequency, sql);
  const std::string m = ScoreSql("total_spent", state.monetary, sql);
  auto score = [&](const std::string& s) {
    return "CASE WHEN " + has_orders + " THEN " + s + " ELSE NULL END";
  };
  const std::string from = sql.Param(first), to = sql.Param(last);
  sql.text = "UPDATE customers SET rfm_recency = " + score(r) + ", rfm_frequency = " + score(f) +
             ", rfm_monetary = " + score(m) + " WHERE id >= " + from + " AND id <= " + to +
             " AND (rfm_recency IS DISTINCT FROM " + score(r) +
             " OR rfm_frequency IS DISTINCT FROM " + score(f) +
             " OR rfm_monetary IS DISTINCT FROM " + score(m) + ")";
  RETURN_IF_ERROR(c.Execute(sql.text, sql.params));
  return OkStatus();
}

Result<bool> AnyOrders(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT 1 FROM customers WHERE orders_count > 0 LIMIT 1"));
  return !rows.empty();
}

Result<std::vector<InsightCell>> CountInsightCells(db::Connection& c, int64_t now,
                                                   const std::vector<int64_t>& month_starts) {
  db::SqlBuilder sql;
  // The month of the first order: the index of the start it follows; -1 outside the months.
  std::string month = "CASE WHEN c.first_order_at IS NULL OR c.first_order_at < " +
                      sql.Param(month_starts.front()) + " THEN -1";
  for (size_t i = 0; i + 1 < month_starts.size(); ++i) {
    month +=
        " WHEN c.first_order_at < " + sql.Param(month_starts[i + 1]) + " THEN " + std::to_string(i);
  }
  month += " ELSE -1 END";
  const std::string activity = ActivityLevelSql(sql, now);
  sql.text = "SELECT " + activity + ", COALESCE(" + RfmGroupSql() + ", ''), " + month +
             ", CASE WHEN c.orders_count > 0 THEN 1 ELSE 0 END, COUNT(*) FROM customers c"
             " GROUP BY 1, 2, 3, 4";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<InsightCell> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), static_cast<int>(r.Int(2)), r.Int(3) == 1, r.Int(4)});
  }
  return out;
}

Result<int64_t> CountRegistered(db::Connection& c, int64_t from, int64_t to) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT COUNT(*) FROM customers WHERE id >= $1 AND id < $2",
                           {FirstKeyAt(from), FirstKeyAt(to)}));
  return rows.at(0).Int(0);
}

Result<std::vector<CohortOrder>> CohortOrders(db::Connection& c, int64_t since) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT o.customer_id, c.first_order_at, o.placed_at FROM customers c"
                           " JOIN orders o ON o.customer_id = c.id WHERE c.first_order_at >= $1"
                           " AND o.status <> 'cancelled'",
                           {since}));
  std::vector<CohortOrder> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1), r.Int(2)});
  return out;
}

Result<std::vector<std::string>> TopAtRisk(db::Connection& c, int64_t now, int limit) {
  // Walks the customers by what they spent (an index), most first, until enough are at risk.
  db::SqlBuilder sql;
  const std::string level = ActivityLevelSql(sql, now);
  sql.text = "SELECT c.public_id FROM customers c WHERE c.orders_count > 0 AND " + level +
             " = 'at_risk' ORDER BY c.total_spent DESC, c.id DESC LIMIT " +
             sql.Param(int64_t{limit});
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

}  // namespace clientele::customers::store
