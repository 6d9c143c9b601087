// The segment filter language's SQL: each test of a checked filter as a bound condition on the
// customers row `c`, the same text on SQLite and PostgreSQL. Every condition is true or false,
// never unknown, so NOT of a test on an empty field holds.
#include <string>

#include "db/sql_builder.hpp"
#include "modules/customers/store.hpp"

namespace clientele::customers::store {

namespace {

// A placeholder for an instant used in arithmetic: PostgreSQL infers an untyped parameter's type
// from its neighbours, so it is cast to keep 64 bits.
std::string Instant(db::SqlBuilder& sql, int64_t micros) {
  return "CAST(" + sql.Param(micros) + " AS BIGINT)";
}

std::string Values(db::SqlBuilder& sql, const std::vector<FilterValue>& values) {
  std::string out;
  for (const auto& v : values) {
    out += (out.empty() ? "" : ", ") + (std::holds_alternative<int64_t>(v)
                                            ? sql.Param(std::get<int64_t>(v))
                                            : sql.Param(std::get<std::string>(v)));
  }
  return out;
}

// `expr` compared by the test's operator (not kIsNull).
std::string Compare(const std::string& expr, const FilterNode& t, db::SqlBuilder& sql) {
  switch (t.op) {
    case FilterOp::kEq:
      return expr + " = " + Values(sql, {t.values.at(0)});
    case FilterOp::kLt:
      return expr + " < " + Values(sql, {t.values.at(0)});
    case FilterOp::kLe:
      return expr + " <= " + Values(sql, {t.values.at(0)});
    case FilterOp::kGt:
      return expr + " > " + Values(sql, {t.values.at(0)});
    case FilterOp::kGe:
      return expr + " >= " + Values(sql, {t.values.at(0)});
    case FilterOp::kIn:
      return expr + " IN (" + Values(sql, t.values) + ")";
    case FilterOp::kContains:
      return expr + " LIKE " +
             sql.Param("%" + db::LikeEscape(std::get<std::string>(t.values.at(0))) + "%") +
             " ESCAPE '\\'";
    case FilterOp::kDay:
      return "(" + expr + " >= " + Values(sql, {t.values.at(0)}) + " AND " + expr + " < " +
             Values(sql, {t.values.at(1)}) + ")";
    case FilterOp::kIsNull:
      break;
  }
  return "1 = 0";
}

// A test on a column that may be NULL: false there.
std::string CompareNullable(const std::string& expr, const FilterNode& t, db::SqlBuilder& sql) {
  if (t.op == FilterOp::kIsNull) return expr + " IS NULL";
  return "(" + expr + " IS NOT NULL AND " + Compare(expr, t, sql) + ")";
}

// A test on a text column that holds '' when empty.
std::string CompareText(const std::string& expr, const FilterNode& t, db::SqlBuilder& sql) {
  if (t.op == FilterOp::kIsNull) return expr + " = ''";
  return Compare(expr, t, sql);
}

// A yes/no test: `members` (a subquery of customer ids) or a condition, held or not.
std::string Membership(const std::string& members, const FilterNode& t) {
  const bool wanted = std::get<int64_t>(t.values.at(0)) == 1;
  return std::string("c.id ") + (wanted ? "IN (" : "NOT IN (") + members + ")";
}
std::string Flag(const std::string& column, const FilterNode& t, db::SqlBuilder& sql) {
  return column + " = " + sql.Param(std::get<int64_t>(t.values.at(0)));
}

// A test on a figure kept in a side table for some customers only, the rest holding 0 (store
// credit, spam scores): `rows` selects the customer ids of that table and ends in "WHERE … AND "
// or "WHERE ". The customers with a row that meets the test, plus, when 0 meets it, those with
// no row at all — as sets built once.
bool ZeroMeets(const FilterNode& t) {
  auto v = [&](size_t i) { return std::get<int64_t>(t.values.at(i)); };
  switch (t.op) {
    case FilterOp::kEq:
      return v(0) == 0;
    case FilterOp::kLt:
      return 0 < v(0);
    case FilterOp::kLe:
      return 0 <= v(0);
    case FilterOp::kGt:
      return 0 > v(0);
    case FilterOp::kGe:
      return 0 >= v(0);
    case FilterOp::kIn:
      for (size_t i = 0; i < t.values.size(); ++i) {
        if (v(i) == 0) return true;
      }
      return false;
    default:
      return false;
  }
}
std::string HeldBy(const std::string& rows, const std::string& column, const FilterNode& t,
                   db::SqlBuilder& sql) {
  if (ZeroMeets(t)) {
    // Everyone but those whose row fails the test.
    return "c.id NOT IN (" + rows + "NOT (" + Compare(column, t, sql) + "))";
  }
  return "c.id IN (" + rows + Compare(column, t, sql) + ")";
}

// A default address in effect (the default billing one, or the default shipping one unless the
// book ships to the billing address) that meets `condition` on `a`.
std::string DefaultAddressWhere(const std::string& condition) {
  return "c.id IN (SELECT a.customer_id FROM customer_addresses a WHERE " + condition +
         " AND (a.is_default_billing = 1 OR (a.is_default_shipping = 1 AND NOT EXISTS"
         " (SELECT 1 FROM address_books b WHERE b.customer_id = a.customer_id"
         " AND b.shipping_same_as_billing = 1))))";
}

// A date test on the registration: the internal key is registration order (KeyFor), so the
// primary key answers it.
std::string Registered(const FilterNode& t, db::SqlBuilder& sql) {
  const auto at = [&](size_t i) { return std::get<int64_t>(t.values.at(i)); };
  switch (t.op) {
    case FilterOp::kLt:
      return "c.id < " + sql.Param(FirstKeyAt(at(0)));
    case FilterOp::kLe:
      return "c.id < " + sql.Param(FirstKeyAt(at(0) + 1));
    case FilterOp::kGt:
      return "c.id >= " + sql.Param(FirstKeyAt(at(0) + 1));
    case FilterOp::kGe:
      return "c.id >= " + sql.Param(FirstKeyAt(at(0)));
    case FilterOp::kEq:
      return "(c.id >= " + sql.Param(FirstKeyAt(at(0))) + " AND c.id < " +
             sql.Param(FirstKeyAt(at(0) + 1)) + ")";
    case FilterOp::kDay:
      return "(c.id >= " + sql.Param(FirstKeyAt(at(0))) + " AND c.id < " +
             sql.Param(FirstKeyAt(at(1))) + ")";
    default:
      return "1 = 0";
  }
}

std::string Test(const FilterNode& t, db::SqlBuilder& sql, const FilterSqlContext& context) {
  // A column of the customers_segment_facts index other than its first (see FilterSqlContext):
  // on SQLite a unary + keeps the column's own index out of the plan.
  auto fact = [&](const char* column) {
    return (context.sqlite ? "+c." : "c.") + std::string(column);
  };
  switch (t.field) {
    case FilterField::kStatus:
      return Compare(fact("status"), t, sql);
    case FilterField::kKind:
      return Compare(fact("kind"), t, sql);
    case FilterField::kGroup:
      return Compare(fact("group_id"), t, sql);
    case FilterField::kTag:
      // Membership in a set both engines build once, rather than a lookup per customer.
      if (t.op == FilterOp::kIsNull) {
        return "c.id NOT IN (SELECT ct.customer_id FROM customer_tags ct)";
      }
      return "c.id IN (SELECT ct.customer_id FROM customer_tags ct WHERE ct.tag_id IN (" +
             Values(sql, t.values) + "))";
    case FilterField::kCountry:
      return CompareText(fact("country"), t, sql);
    case FilterField::kLanguage:
      return CompareText(fact("language"), t, sql);
    case FilterField::kAddressCountry:
      if (t.op == FilterOp::kIsNull) return "NOT " + DefaultAddressWhere("1 = 1");
      return DefaultAddressWhere(Compare("a.country", t, sql));
    case FilterField::kCity:
      if (t.op == FilterOp::kIsNull) return "NOT " + DefaultAddressWhere("1 = 1");
      return DefaultAddressWhere(Compare("a.city_key", t, sql));
    case FilterField::kEmail:
      return CompareText("c.email_key", t, sql);
    case FilterField::kName:
      if (t.op == FilterOp::kIsNull) return "(c.first_name = '' AND c.last_name = '')";
      return Compare("c.name_key", t, sql);
    case FilterField::kPhone:
      return CompareText("c.phone", t, sql);
    case FilterField::kRegistered:
      return Registered(t, sql);
    case FilterField::kLastActivity:
      return CompareNullable(fact("last_activity_at"), t, sql);
    case FilterField::kVerified:
      return Membership(
          "SELECT ca.customer_id FROM customer_accounts ca WHERE ca.email_verified_at IS NOT NULL",
          t);
    case FilterField::kDeletionRequested:
      return Membership(
          "SELECT ca.customer_id FROM customer_accounts ca WHERE ca.deletion_requested_at IS NOT "
          "NULL",
          t);
    case FilterField::kOrders:
      return Compare("c.orders_count", t, sql);
    case FilterField::kTotalSpent:
      return Compare(fact("total_spent"), t, sql);
    case FilterField::kFirstOrder:
      return CompareNullable(fact("first_order_at"), t, sql);
    case FilterField::kLastOrder:
      return CompareNullable(fact("last_order_at"), t, sql);
    case FilterField::kBought: {
      // Driven by the products' order lines, so a rare product costs no more than its buyers.
      const std::string products = Values(sql, t.values);
      return "c.id IN (SELECT o.customer_id FROM order_items i JOIN orders o ON o.id = i.order_id"
             " WHERE i.product_id IN (" +
             products + ") AND o.status <> 'cancelled')";
    }
    case FilterField::kBalance:
      return HeldBy("SELECT wb.customer_id FROM wallet_balances wb WHERE wb.currency = " +
                        sql.Param(context.currency) + " AND ",
                    "wb.balance", t, sql);
    case FilterField::kEmailConsent:
      return Flag(fact("consent_email"), t, sql);
    case FilterField::kSmsConsent:
      return Flag(fact("consent_sms"), t, sql);
    case FilterField::kMessengerConsent:
      return Flag(fact("consent_messenger"), t, sql);
    case FilterField::kSpamScore:
      return HeldBy("SELECT s.customer_id FROM spam_scores s WHERE ", "s.score", t, sql);
    case FilterField::kRecency:
      return CompareNullable(fact("rfm_recency"), t, sql);
    case FilterField::kFrequency:
      return CompareNullable(fact("rfm_frequency"), t, sql);
    case FilterField::kMonetary:
      return CompareNullable(fact("rfm_monetary"), t, sql);
    case FilterField::kRfmGroup:
      return CompareNullable(RfmGroupSql(), t, sql);
    case FilterField::kActivity:
      return Compare(ActivityLevelSql(sql, context.now), t, sql);
  }
  return "1 = 0";
}

}  // namespace

std::string RfmGroupSql() {
  // The grid of recency against frequency store owners know, with monetary value telling the
  // big spenders among the long-gone frequent buyers (RfmGroupOf in model.hpp says the same).
  return "(CASE WHEN c.rfm_recency IS NULL THEN NULL"
         " WHEN c.rfm_recency >= 4 AND c.rfm_frequency >= 4 THEN 'champions'"
         " WHEN c.rfm_recency >= 3 AND c.rfm_frequency >= 3 THEN 'loyal'"
         " WHEN c.rfm_recency >= 4 AND c.rfm_frequency = 1 THEN 'new'"
         " WHEN c.rfm_recency >= 3 THEN 'promising'"
         " WHEN c.rfm_frequency >= 4 AND c.rfm_monetary >= 4 THEN 'cant_lose'"
         " WHEN c.rfm_frequency >= 3 THEN 'at_risk'"
         " ELSE 'hibernating' END)";
}

std::string ActivityLevelSql(db::SqlBuilder& sql, int64_t now) {
  // ActivityLevelOf in model.hpp, in SQL: the usual interval between orders is the customer's
  // own (at least kMinOrderInterval), or kFirstOrderInterval after a single order.
  const std::string since = "(" + Instant(sql, now) + " - c.last_order_at)";
  const std::string own = "((c.last_order_at - c.first_order_at) / (c.orders_count - 1))";
  const std::string interval = "(CASE WHEN c.orders_count < 2 THEN " +
                               std::to_string(kFirstOrderInterval) + " WHEN " + own + " < " +
                               std::to_string(kMinOrderInterval) + " THEN " +
                               std::to_string(kMinOrderInterval) + " ELSE " + own + " END)";
  return "(CASE WHEN c.orders_count = 0 OR c.last_order_at IS NULL THEN 'never_purchased'"
         " WHEN c.first_order_at >= " +
         Instant(sql, now - kNewCustomerWindow) + " THEN 'new' WHEN " + since + " <= 2 * " +
         interval + " THEN 'active' WHEN " + since + " > 4 * " + interval +
         " AND COALESCE(c.last_activity_at, 0) < " + Instant(sql, now) + " - 2 * " + interval +
         " THEN 'lapsed' ELSE 'at_risk' END)";
}

std::string FilterCondition(const FilterNode& node, db::SqlBuilder& sql,
                            const FilterSqlContext& context) {
  switch (node.kind) {
    case FilterNode::Kind::kTest:
      return Test(node, sql, context);
    case FilterNode::Kind::kNot:
      return "NOT (" + FilterCondition(node.children.at(0), sql, context) + ")";
    case FilterNode::Kind::kAnd:
    case FilterNode::Kind::kOr: {
      std::string out = "(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i) out += node.kind == FilterNode::Kind::kAnd ? " AND " : " OR ";
        out += FilterCondition(node.children[i], sql, context);
      }
      return out + ")";
    }
  }
  return "1 = 0";
}

}  // namespace clientele::customers::store
