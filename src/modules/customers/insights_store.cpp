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

// The index of the month `column` falls in (month_starts[i] <= column < month_starts[i + 1]);
// -1 outside them or when NULL.
std::string MonthBucket(const std::string& column, const std::vector<int64_t>& month_starts,
                        db::SqlBuilder& sql) {
  std::string out = "CASE WHEN " + column + " IS NULL OR " + column + " < " +
                    sql.Param(month_starts.front()) + " THEN -1";
  for (size_t i = 0; i + 1 < month_starts.size(); ++i) {
    out +=
        " WHEN " + column + " < " + sql.Param(month_starts[i + 1]) + " THEN " + std::to_string(i);
  }
  return out + " ELSE -1 END";
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
  // Customers without orders are all "never purchased", unscored and in no month: counted by
  // the index, so the grouping reads the buyers only.
  ASSIGN_OR_RETURN(db::Rows none, c.Query("SELECT COUNT(*) FROM customers WHERE orders_count = 0"));
  std::vector<InsightCell> out;
  if (none.at(0).Int(0) > 0) out.push_back({"never_purchased", "", -1, false, none.at(0).Int(0)});
  db::SqlBuilder sql;
  const std::string month = MonthBucket("c.first_order_at", month_starts, sql);
  const std::string activity = ActivityLevelSql(sql, now);
  sql.text = "SELECT " + activity + ", COALESCE(" + RfmGroupSql() + ", ''), " + month +
             ", COUNT(*) FROM customers c WHERE c.orders_count > 0 GROUP BY 1, 2, 3";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), static_cast<int>(r.Int(2)), true, r.Int(3)});
  }
  return out;
}

Result<int64_t> CountRegistered(db::Connection& c, int64_t from, int64_t to) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT COUNT(*) FROM customers WHERE id >= $1 AND id < $2",
                           {FirstKeyAt(from), FirstKeyAt(to)}));
  return rows.at(0).Int(0);
}

Result<std::vector<CohortCell>> CountCohorts(db::Connection& c,
                                             const std::vector<int64_t>& month_starts) {
  db::SqlBuilder sql;
  const std::string first = MonthBucket("c.first_order_at", month_starts, sql);
  const std::string placed = MonthBucket("o.placed_at", month_starts, sql);
  const std::string since = sql.Param(month_starts.front());
  // From the recent buyers (customers_segment_facts) to their orders: SQLite would otherwise
  // read every order first, and its CROSS JOIN keeps the order of the tables.
  const char* join = c.dialect() == db::Dialect::kSqlite ? " CROSS JOIN " : " JOIN ";
  sql.text =
      "SELECT " + first + ", " + placed + ", COUNT(DISTINCT o.customer_id) FROM customers c" +
      join +
      "orders o ON o.customer_id = c.id WHERE c.orders_count > 0 AND c.first_order_at >= " + since +
      " AND o.status <> 'cancelled' GROUP BY 1, 2";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<CohortCell> out;
  for (const auto& r : rows) {
    out.push_back({static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), r.Int(2)});
  }
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
