#include "modules/customers/store.hpp"

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "core/contact.hpp"
#include "core/text.hpp"
#include "db/sql_builder.hpp"

namespace clientele::customers::store {
namespace {

constexpr const char* kColumns =
    "c.id, c.public_id, c.kind, c.status, c.first_name, c.last_name, c.email, c.email_key,"
    " c.phone, c.country, c.language, c.company, c.fax, c.note, c.custom_fields,"
    " c.commission_reduced_bp, c.library_all_access, c.member_directory_access, c.consent_email,"
    " c.consent_sms, c.consent_messenger, c.group_id, g.public_id, g.name, c.registered_at,"
    " c.registration_ip, c.updated_at, c.last_login_at, c.last_login_ip, c.last_activity_at,"
    " c.version, c.orders_count, c.total_spent, c.first_order_at, c.last_order_at,"
    " c.rfm_recency, c.rfm_frequency, c.rfm_monetary, c.consent_email_at, c.consent_sms_at,"
    " c.consent_messenger_at";

constexpr const char* kInsert =
    "INSERT INTO customers (id, public_id, kind, status, first_name, last_name, email, email_key,"
    " phone, country, language, company, fax, note, custom_fields, commission_reduced_bp,"
    " library_all_access, member_directory_access, consent_email, consent_sms,"
    " consent_messenger, group_id, registered_at, registration_ip, updated_at, last_login_at,"
    " last_login_ip, last_activity_at, version, name_key, search_text, phone_digits, email_match,"
    " place_text, place_digits, consent_email_at, consent_sms_at, consent_messenger_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
    " $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36,"
    " $37, $38)";
// A clash on the random low bits of the id is retried by the service with another key.
const std::string kInsertUnlessIdTaken = std::string(kInsert) + " ON CONFLICT (id) DO NOTHING";

constexpr const char* kUpdate =
    "UPDATE customers SET kind = $2, status = $3, first_name = $4, last_name = $5, email = $6,"
    " email_key = $7, phone = $8, country = $9, language = $10, company = $11, fax = $12,"
    " note = $13, custom_fields = $14, commission_reduced_bp = $15, library_all_access = $16,"
    " member_directory_access = $17, consent_email = $18, consent_sms = $19,"
    " consent_messenger = $20, group_id = $21, updated_at = $22, last_login_at = $23,"
    " last_login_ip = $24, last_activity_at = $25, name_key = $26, search_text = $27,"
    " phone_digits = $28, email_match = $30, version = version + 1,"
    // A consent that changes is dated with the change (the right side reads the old values).
    " consent_email_at = CASE WHEN consent_email <> $18 THEN $22 ELSE consent_email_at END,"
    " consent_sms_at = CASE WHEN consent_sms <> $19 THEN $22 ELSE consent_sms_at END,"
    " consent_messenger_at = CASE WHEN consent_messenger <> $20 THEN $22"
    " ELSE consent_messenger_at END"
    " WHERE id = $1 AND version = $29";

std::string CustomFieldsJson(const Customer& c) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : c.custom_fields) j[k] = v;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int64_t B(bool b) { return b ? 1 : 0; }

// When a new record's consent was given: as its record says, else when it was written.
db::Value ConsentDate(bool given, const std::optional<int64_t>& at, int64_t written_at) {
  if (at || !given) return db::Nullable(at);
  return written_at;
}

db::Params InsertParams(const Customer& c) {
  return {c.id,
          c.public_id,
          std::string(ToString(c.kind)),
          std::string(ToString(c.status)),
          c.first_name,
          c.last_name,
          c.email,
          c.email_key,
          c.phone,
          c.country,
          c.language,
          c.company,
          c.fax,
          c.note,
          CustomFieldsJson(c),
          c.commission_reduced_bp,
          B(c.library_all_access),
          B(c.member_directory_access),
          B(c.consent_email),
          B(c.consent_sms),
          B(c.consent_messenger),
          c.group_id,
          c.registered_at,
          c.registration_ip,
          c.updated_at,
          db::Nullable(c.last_login_at),
          c.last_login_ip,
          db::Nullable(c.last_activity_at),
          c.version,
          NameSortKey(c),
          SearchText(c),
          PhoneDigits(c),
          EmailMatchKey(c.email_key),
          c.place_text,
          c.place_digits,
          ConsentDate(c.consent_email, c.consent_email_at, c.updated_at),
          ConsentDate(c.consent_sms, c.consent_sms_at, c.updated_at),
          ConsentDate(c.consent_messenger, c.consent_messenger_at, c.updated_at)};
}

Customer FromRow(const db::Row& r) {
  Customer c;
  c.id = r.Int(0);
  c.public_id = r.Text(1);
  c.kind = ParseKind(r.Text(2)).value_or(Kind::kRegistered);
  c.status = ParseStatus(r.Text(3)).value_or(AccountStatus::kActive);
  c.first_name = r.Text(4);
  c.last_name = r.Text(5);
  c.email = r.Text(6);
  c.email_key = r.Text(7);
  c.phone = r.Text(8);
  c.country = r.Text(9);
  c.language = r.Text(10);
  c.company = r.Text(11);
  c.fax = r.Text(12);
  c.note = r.Text(13);
  auto fields = nlohmann::json::parse(r.Text(14), nullptr, false);
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) {
      if (v.is_string()) c.custom_fields[k] = v.get<std::string>();
    }
  }
  c.commission_reduced_bp = r.Int(15);
  c.library_all_access = r.Bool(16);
  c.member_directory_access = r.Bool(17);
  c.consent_email = r.Bool(18);
  c.consent_sms = r.Bool(19);
  c.consent_messenger = r.Bool(20);
  c.group_id = r.Int(21);
  c.group_public_id = r.Text(22);
  c.group_name = r.Text(23);
  c.registered_at = r.Int(24);
  c.registration_ip = r.Text(25);
  c.updated_at = r.Int(26);
  c.last_login_at = r.OptInt(27);
  c.last_login_ip = r.Text(28);
  c.last_activity_at = r.OptInt(29);
  c.version = r.Int(30);
  c.orders_count = r.Int(31);
  c.total_spent = r.Int(32);
  c.first_order_at = r.OptInt(33);
  c.last_order_at = r.OptInt(34);
  c.rfm_recency = r.OptInt(35);
  c.rfm_frequency = r.OptInt(36);
  c.rfm_monetary = r.OptInt(37);
  c.consent_email_at = r.OptInt(38);
  c.consent_sms_at = r.OptInt(39);
  c.consent_messenger_at = r.OptInt(40);
  return c;
}

// Where each customer sits in `customers`, by internal id: pages of an export hold thousands.
std::unordered_map<int64_t, size_t> IndexById(const std::vector<Customer>& customers) {
  std::unordered_map<int64_t, size_t> out;
  out.reserve(customers.size());
  for (size_t i = 0; i < customers.size(); ++i) out.emplace(customers[i].id, i);
  return out;
}

Status LoadTags(db::Connection& conn, std::vector<Customer>& customers) {
  if (customers.empty()) return OkStatus();
  std::vector<int64_t> ids;
  for (const auto& c : customers) ids.push_back(c.id);
  db::SqlBuilder sql;
  sql.text =
      "SELECT ct.customer_id, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id"
      " WHERE ct.customer_id IN (" +
      sql.List(ids) + ") ORDER BY t.name_key";
  ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql.text, sql.params));
  const auto by_id = IndexById(customers);
  for (const auto& row : rows) {
    if (auto it = by_id.find(row.Int(0)); it != by_id.end()) {
      customers[it->second].tags.push_back(row.Text(1));
    }
  }
  return OkStatus();
}

// The ban details of the banned customers among `customers` (written by the moderation module).
Status LoadBans(db::Connection& conn, std::vector<Customer>& customers) {
  std::vector<int64_t> ids;
  for (const auto& c : customers) {
    if (c.status == AccountStatus::kBanned) ids.push_back(c.id);
  }
  if (ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  sql.text =
      "SELECT b.customer_id, b.reason, b.note, b.actor_type, b.actor_id, b.banned_at,"
      " COALESCE(a.name, '') FROM customer_bans b"
      " LEFT JOIN admins a ON b.actor_type = 'admin' AND a.public_id = b.actor_id"
      " WHERE b.customer_id IN (" +
      sql.List(ids) + ")";
  ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql.text, sql.params));
  for (const auto& row : rows) {
    for (auto& c : customers) {
      if (c.id == row.Int(0)) {
        c.ban = Ban{row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(6), row.Int(5)};
      }
    }
  }
  return OkStatus();
}

// The store credit of `customers` (the wallet module's booked balances).
Status LoadBalances(db::Connection& conn, std::vector<Customer>& customers) {
  if (customers.empty()) return OkStatus();
  std::vector<int64_t> ids;
  for (const auto& c : customers) ids.push_back(c.id);
  db::SqlBuilder sql;
  sql.text =
      "SELECT customer_id, currency, balance FROM wallet_balances WHERE balance <> 0"
      " AND customer_id IN (" +
      sql.List(ids) + ") ORDER BY currency";
  ASSIGN_OR_RETURN(db::Rows rows, conn.Query(sql.text, sql.params));
  const auto by_id = IndexById(customers);
  for (const auto& row : rows) {
    if (auto it = by_id.find(row.Int(0)); it != by_id.end()) {
      customers[it->second].balances.emplace_back(row.Text(1), row.Int(2));
    }
  }
  return OkStatus();
}

std::string FtsString(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

// The column a sort orders by. By e-mail, customers without one come last both ways: ascending
// orders by a key that puts them after every address (index customers_email_sort).
const char* SortExpression(SortField f, bool descending) {
  switch (f) {
    case SortField::kRegistered:
      return "c.id";
    case SortField::kName:
      return "c.name_key";
    case SortField::kEmail:
      return descending ? "c.email_key"
                        : "(CASE WHEN c.email_key = '' THEN '1' ELSE '0' || c.email_key END)";
    case SortField::kLastActivity:
      return "COALESCE(c.last_activity_at, -1)";
    case SortField::kOrders:
      return "c.orders_count";
    case SortField::kTotalSpent:
      return "c.total_spent";
    case SortField::kLastOrder:
      return "COALESCE(c.last_order_at, -1)";
  }
  return "c.id";
}

// A term's spelling as the stored keys hold it: a word start has the word marks before it
// (WithWordMarks), so that one or two letters are a trigram substring too.
std::string StoredForm(const SearchTerm& term, const std::string& spelling) {
  return term.prefix ? "  " + spelling : spelling;
}

// `term`'s spellings as one FTS5 expression of trigram phrases: ("a" OR "b").
std::string FtsAnyOf(const SearchTerm& term) {
  std::string out = "(";
  for (size_t i = 0; i < term.spellings.size(); ++i) {
    if (i) out += " OR ";
    out += FtsString(StoredForm(term, term.spellings[i]));
  }
  return out + ")";
}

// How a PostgreSQL search finds its rows (SQLite searches through its FTS tables). pg_trgm's
// index is quick for rare fragments and slow for common ones ("gmail": a third of the store),
// where walking the newest customers finds a page at once; the planner cannot tell them apart
// reliably, so a page is looked for in a window of the newest rows first (kWindow) and only
// then through the index (kIndex). Counts and other sort orders filter (kFilter).
enum class PgSearch { kFilter, kWindow, kIndex };

// Rows searched by kWindow: a page of 50 found there means the fragment is in at least 0.7% of
// customers; fewer means it is rare enough for the index. About the square root of
// 50 x 1,000,000, where the worst cases of the two plans meet for a million customers.
constexpr int64_t kSearchWindow = 7000;

// SQLite's MATCH expression: every term, AND-ed, over the trigram table of names, e-mail and
// places, or of phone digits. Digits are looked up in phone numbers only, in their own index:
// digit trigrams are common in e-mail addresses too, and their long lists would slow phone
// searches down.
std::string SqliteMatch(const SearchPlan& plan) {
  std::string match;
  for (const SearchTerm& term : plan.terms) {
    match += (match.empty() ? "" : " AND ") + FtsAnyOf(term);
  }
  return match;
}

// PostgreSQL's search condition: each term's spellings as LIKE substrings of the expression the
// trigram index holds (see the migration 018).
std::string PostgresSearch(const SearchPlan& plan, db::SqlBuilder& sql) {
  const char* text =
      plan.phone ? "(c.phone_digits || c.place_digits)" : "(c.search_text || c.place_text)";
  std::string all;
  for (const SearchTerm& term : plan.terms) {
    std::string any;
    for (const std::string& spelling : term.spellings) {
      any += (any.empty() ? "" : " OR ") + std::string(text) + " LIKE " +
             sql.Param("%" + db::LikeEscape(StoredForm(term, spelling)) + "%");
    }
    all += (all.empty() ? "(" : " AND (") + any + ")";
  }
  return all;
}

// FROM and WHERE for a list or count. On SQLite a search drives the query from the FTS table,
// whose rowid order is registration order, so "newest first" stops after one page of hits.
// `joins` follow the group's (kFilter and kIndex plans only).
// The conditions on status, kind and group of `q`, on columns named with `prefix` ("c." in the
// list, none in the counters, which count by exactly these three).
void AddStatusKindGroup(const ListQuery& q, const std::string& prefix, db::SqlBuilder& sql,
                        std::vector<std::string>& where) {
  if (!q.statuses.empty()) {
    std::string in;
    for (auto s : q.statuses) in += (in.empty() ? "" : ", ") + sql.Param(std::string(ToString(s)));
    where.push_back(prefix + "status IN (" + in + ")");
  }
  if (q.kind) where.push_back(prefix + "kind = " + sql.Param(std::string(ToString(*q.kind))));
  if (q.group_id) where.push_back(prefix + "group_id = " + sql.Param(*q.group_id));
}

void BuildFromWhere(db::Dialect dialect, const ListQuery& q, db::SqlBuilder& sql, bool with_group,
                    PgSearch pg_search = PgSearch::kFilter, const std::string& also = "",
                    const std::string& joins = "") {
  const SearchPlan plan = PlanSearch(q.search);
  std::vector<std::string> where;
  if (!also.empty()) where.push_back(also);
  std::string search;  // PostgreSQL's search condition
  std::string from = " FROM customers c";
  if (!plan.empty() && dialect == db::Dialect::kSqlite) {
    const char* table = plan.phone ? "customer_phone_search" : "customer_search";
    from = std::string(" FROM ") + table + " s CROSS JOIN customers c ON c.id = s.rowid";
    where.push_back(std::string("s.") + table + " MATCH " + sql.Param(SqliteMatch(plan)));
  } else if (!plan.empty()) {
    search = PostgresSearch(plan, sql);
  }
  if (search.empty()) pg_search = PgSearch::kFilter;
  if (pg_search == PgSearch::kFilter && !search.empty()) where.push_back(search);
  if (pg_search == PgSearch::kIndex) {
    // A materialised CTE keeps the planner from walking the primary key past every row.
    sql.text.insert(
        0, "WITH hits AS MATERIALIZED (SELECT c.id FROM customers c WHERE " + search + ") ");
    from = " FROM hits h JOIN customers c ON c.id = h.id";
  }

  AddStatusKindGroup(q, "c.", sql, where);
  if (q.tag_id) {
    where.push_back(
        "EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.customer_id = c.id"
        " AND ct.tag_id = " +
        sql.Param(*q.tag_id) + ")");
  }
  if (!q.country.empty()) where.push_back("c.country = " + sql.Param(q.country));
  if (!q.language.empty()) where.push_back("c.language = " + sql.Param(q.language));
  if (!q.address_country.empty() || !q.address_city_key.empty()) {
    // A default address in effect: the default billing one, or the default shipping one unless
    // the book ships to the billing address.
    std::string place;
    if (!q.address_country.empty()) place += " AND a.country = " + sql.Param(q.address_country);
    if (!q.address_city_key.empty()) place += " AND a.city_key = " + sql.Param(q.address_city_key);
    // Driven by the index on the default addresses' places, so a rare town costs no more than
    // its matches (a correlated EXISTS would walk every customer before finding none).
    where.push_back("c.id IN (SELECT a.customer_id FROM customer_addresses a WHERE" +
                    place.substr(4) +
                    " AND (a.is_default_billing = 1 OR (a.is_default_shipping = 1 AND NOT EXISTS"
                    " (SELECT 1 FROM address_books b WHERE b.customer_id = a.customer_id"
                    " AND b.shipping_same_as_billing = 1))))");
  }
  if (q.verified) {
    const char* verified =
        "SELECT ca.customer_id FROM customer_accounts ca WHERE ca.email_verified_at IS NOT NULL";
    where.push_back(*q.verified
                        ? std::string("c.id IN (") + verified + ")"
                        : std::string("c.kind = 'registered' AND c.id NOT IN (") + verified + ")");
  }
  if (q.deletion_requested) {
    where.push_back(
        "c.id IN (SELECT ca.customer_id FROM customer_accounts ca"
        " WHERE ca.deletion_requested_at IS NOT NULL)");
  }
  if (q.orders_min) where.push_back("c.orders_count >= " + sql.Param(*q.orders_min));
  if (q.orders_max) where.push_back("c.orders_count <= " + sql.Param(*q.orders_max));
  if (q.spent_min) where.push_back("c.total_spent >= " + sql.Param(*q.spent_min));
  if (q.spent_max) where.push_back("c.total_spent <= " + sql.Param(*q.spent_max));
  if (q.last_order_from) where.push_back("c.last_order_at >= " + sql.Param(*q.last_order_from));
  if (q.last_order_to) where.push_back("c.last_order_at < " + sql.Param(*q.last_order_to));
  if (q.bought_product_id) {
    // Driven by the product's order lines, so a rare product costs no more than its buyers.
    where.push_back(
        "c.id IN (SELECT o.customer_id FROM order_items i JOIN orders o ON o.id = i.order_id"
        " WHERE i.product_id = " +
        sql.Param(*q.bought_product_id) + " AND o.status <> 'cancelled')");
  }
  if (q.balance_min && *q.balance_min > 0) {
    where.push_back("c.id IN (SELECT wb.customer_id FROM wallet_balances wb WHERE wb.currency = " +
                    sql.Param(q.balance_currency) +
                    " AND wb.balance >= " + sql.Param(*q.balance_min) + ")");
  }
  if (q.balance_max) {
    where.push_back(
        "c.id NOT IN (SELECT wb.customer_id FROM wallet_balances wb WHERE wb.currency = " +
        sql.Param(q.balance_currency) + " AND wb.balance > " + sql.Param(*q.balance_max) + ")");
  }
  if (q.registered_from) where.push_back("c.id >= " + sql.Param(FirstKeyAt(*q.registered_from)));
  if (q.registered_to) where.push_back("c.id < " + sql.Param(FirstKeyAt(*q.registered_to)));
  if (q.active_from) where.push_back("c.last_activity_at >= " + sql.Param(*q.active_from));
  if (q.active_to) where.push_back("c.last_activity_at < " + sql.Param(*q.active_to));

  for (const FilterNode& filter : q.filters) {
    where.push_back(
        FilterCondition(filter, sql, {q.now, q.balance_currency, dialect == db::Dialect::kSqlite}));
  }

  if (q.after_key) {
    const char* cmp = q.descending ? "<" : ">";
    if (q.sort == SortField::kRegistered) {
      where.push_back(std::string("c.id ") + cmp + " " + sql.Param(q.after_id));
    } else {
      const std::string expr = SortExpression(q.sort, q.descending);
      db::Value key = std::holds_alternative<int64_t>(*q.after_key)
                          ? db::Value(std::get<int64_t>(*q.after_key))
                          : db::Value(std::get<std::string>(*q.after_key));
      std::string k = sql.Param(key);
      where.push_back("(" + expr + " " + cmp + " " + k + " OR (" + expr + " = " + k + " AND c.id " +
                      cmp + " " + sql.Param(q.after_id) + "))");
    }
  }
  std::string conditions;
  for (size_t i = 0; i < where.size(); ++i) conditions += (i ? " AND " : " WHERE ") + where[i];
  const std::string group = with_group ? " JOIN customer_groups g ON g.id = c.group_id" : "";
  if (pg_search == PgSearch::kWindow) {
    sql.text += " FROM (SELECT c.* FROM customers c" + conditions + " ORDER BY c.id" +
                (q.descending ? " DESC" : " ASC") + " LIMIT " + sql.Param(kSearchWindow) + ") c" +
                group + " WHERE " + search;
  } else {
    sql.text += from + group + joins + conditions;
  }
}

}  // namespace

// The SQLite search tables (FTS5, external content: the text lives in `customers`) and their
// columns.
struct SearchTable {
  const char* name;
  const char* columns;
};
constexpr std::array<SearchTable, 2> kSearchTables = {{
    {"customer_search", "search_text, place_text"},
    {"customer_phone_search", "phone_digits, place_digits"},
}};

// Adds new customers to the SQLite search tables in one statement per table, so FTS5 writes
// its index once per batch. PostgreSQL's GIN indexes follow the table by themselves.
Status IndexForSearch(db::Connection& c, const std::vector<int64_t>& ids) {
  if (c.dialect() != db::Dialect::kSqlite || ids.empty()) return OkStatus();
  std::string list = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) list += ',';
    list += std::to_string(ids[i]);
  }
  list += "]";
  for (const auto& table : kSearchTables) {
    RETURN_IF_ERROR(c.Execute(std::string("INSERT INTO ") + table.name + " (rowid, " +
                                  table.columns + ") SELECT id, " + table.columns +
                                  " FROM customers WHERE id IN (SELECT value FROM json_each($1))",
                              {list}));
  }
  return OkStatus();
}

Result<bool> Insert(db::Connection& c, const Customer& customer, SearchIndexing indexing) {
  ASSIGN_OR_RETURN(int64_t inserted, c.Execute(kInsertUnlessIdTaken, InsertParams(customer)));
  if (inserted == 1 && indexing == SearchIndexing::kWithRows) {
    RETURN_IF_ERROR(IndexForSearch(c, {customer.id}));
  }
  return inserted == 1;
}

InsertBatch PrepareInsert(const std::vector<Customer>& customers) {
  InsertBatch batch;
  batch.rows.reserve(customers.size());
  batch.ids.reserve(customers.size());
  for (const auto& customer : customers) {
    batch.rows.push_back(InsertParams(customer));
    batch.ids.push_back(customer.id);
  }
  return batch;
}

Status InsertMany(db::Connection& c, const InsertBatch& batch, SearchIndexing indexing) {
  RETURN_IF_ERROR(c.ExecuteMany(kInsert, batch.rows));
  if (indexing == SearchIndexing::kAtEnd) return OkStatus();
  return IndexForSearch(c, batch.ids);
}

// Segments a bulk build lets pile up before merging them. FTS5 allows at most 2,000 segments,
// and a build that let 1,999 pile up failed with "database or disk is full" (tried with a small
// FTS5 hash, which makes as many segments as a load of a few million customers); half that
// works. A million customers make about 550 segments, merged once at the end.
constexpr int64_t kBuildCrisisMerge = 1000;

// FTS5 merges index segments as it fills; for a whole table it is faster to write all segments
// unmerged and merge them once ('optimize'), leaving a single segment that searches read fastest.
// The merge settings go back to FTS5's defaults (automerge 4, crisismerge 16) for later writes.
Status BuildSearchIndex(db::Connection& c) {
  if (c.dialect() != db::Dialect::kSqlite) return OkStatus();
  for (const auto& table : kSearchTables) {
    const std::string command =
        std::string("INSERT INTO ") + table.name + " (" + table.name + ", rank) VALUES ($1, $2)";
    const std::string name = table.name;
    RETURN_IF_ERROR(c.Execute(command, {std::string("automerge"), int64_t{0}}));
    RETURN_IF_ERROR(c.Execute(command, {std::string("crisismerge"), int64_t{kBuildCrisisMerge}}));
    RETURN_IF_ERROR(c.Execute("INSERT INTO " + name + " (" + name + ") VALUES ('rebuild')"));
    RETURN_IF_ERROR(c.Execute("INSERT INTO " + name + " (" + name + ") VALUES ('optimize')"));
    RETURN_IF_ERROR(c.Execute(command, {std::string("automerge"), int64_t{4}}));
    RETURN_IF_ERROR(c.Execute(command, {std::string("crisismerge"), int64_t{16}}));
  }
  return OkStatus();
}

Result<std::optional<Customer>> FindByPublicId(db::Connection& c, std::string_view public_id) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM customers c JOIN customer_groups g ON g.id = c.group_id"
                                 " WHERE c.public_id = $1";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, {std::string(public_id)}));
  if (rows.empty()) return std::optional<Customer>();
  std::vector<Customer> out{FromRow(rows[0])};
  RETURN_IF_ERROR(LoadTags(c, out));
  RETURN_IF_ERROR(LoadBans(c, out));
  RETURN_IF_ERROR(LoadBalances(c, out));
  return std::optional<Customer>(std::move(out[0]));
}

Result<bool> Update(db::Connection& c, const Customer& x, int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t changed, c.Execute(kUpdate, {x.id,
                                                        std::string(ToString(x.kind)),
                                                        std::string(ToString(x.status)),
                                                        x.first_name,
                                                        x.last_name,
                                                        x.email,
                                                        x.email_key,
                                                        x.phone,
                                                        x.country,
                                                        x.language,
                                                        x.company,
                                                        x.fax,
                                                        x.note,
                                                        CustomFieldsJson(x),
                                                        x.commission_reduced_bp,
                                                        B(x.library_all_access),
                                                        B(x.member_directory_access),
                                                        B(x.consent_email),
                                                        B(x.consent_sms),
                                                        B(x.consent_messenger),
                                                        x.group_id,
                                                        x.updated_at,
                                                        db::Nullable(x.last_login_at),
                                                        x.last_login_ip,
                                                        db::Nullable(x.last_activity_at),
                                                        NameSortKey(x),
                                                        SearchText(x),
                                                        PhoneDigits(x),
                                                        expected_version,
                                                        EmailMatchKey(x.email_key)}));
  return changed == 1;
}

Status ReplaceTags(db::Connection& c, int64_t customer_id, const std::vector<int64_t>& tag_ids) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_tags WHERE customer_id = $1", {customer_id}));
  for (int64_t tag_id : tag_ids) {
    RETURN_IF_ERROR(c.Execute(
        "INSERT INTO customer_tags (customer_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        {customer_id, tag_id}));
  }
  return OkStatus();
}

namespace {

// The list's ORDER BY and LIMIT.
std::string OrderAndLimit(db::Dialect dialect, const ListQuery& q, db::SqlBuilder& sql) {
  const char* dir = q.descending ? " DESC" : " ASC";
  std::string out;
  if (q.sort == SortField::kRegistered) {
    // On SQLite with a search, s.rowid lets the FTS table deliver rows already in order.
    const bool fts = dialect == db::Dialect::kSqlite && !PlanSearch(q.search).empty();
    out = std::string(" ORDER BY ") + (fts ? "s.rowid" : "c.id") + dir;
  } else {
    out = std::string(" ORDER BY ") + SortExpression(q.sort, q.descending) + dir + ", c.id" + dir;
  }
  return out + " LIMIT " + sql.Param(int64_t{q.limit});
}

// Pages of segment filters on SQLite, in registration order: rows looked at among the next
// ListQuery::filter_window after the cursor, or a page picked from every match (see List).
enum class FilterPlan { kAll, kWindow, kPick };

Result<std::vector<Customer>> ListPage(db::Connection& c, const ListQuery& q, PgSearch pg_search,
                                       FilterPlan plan = FilterPlan::kAll) {
  db::SqlBuilder sql;
  const char* dir = q.descending ? " DESC" : " ASC";
  std::string also;
  if (plan == FilterPlan::kWindow) {
    // The id filter_window rows on from the cursor (or the last one): the window's far end.
    const std::string after = q.after_key ? std::string(" WHERE w.id ") +
                                                (q.descending ? "< " : "> ") + sql.Param(q.after_id)
                                          : "";
    also = std::string("c.id ") + (q.descending ? ">= " : "<= ") + "COALESCE((SELECT w.id FROM" +
           " customers w" + after + " ORDER BY w.id" + dir + " LIMIT 1 OFFSET " +
           sql.Param(q.filter_window) + "), " + (q.descending ? "-1" : "9223372036854775807") + ")";
  }
  if (plan == FilterPlan::kPick) {
    // The page's ids from every match: + keeps SQLite from walking the table in id order, so
    // the narrowest index that answers the filter (customers_segment_facts) is read instead.
    db::SqlBuilder ids;
    ids.text = "SELECT c.id";
    BuildFromWhere(c.dialect(), q, ids, /*with_group=*/false);
    ids.text += std::string(" ORDER BY +c.id") + dir + " LIMIT " + ids.Param(int64_t{q.limit});
    sql.params = ids.params;
    sql.text = std::string("SELECT ") + kColumns +
               " FROM customers c JOIN customer_groups g ON g.id = c.group_id WHERE c.id IN (" +
               ids.text + ") ORDER BY c.id" + dir;
  } else {
    sql.text = std::string("SELECT ") + kColumns;
    BuildFromWhere(c.dialect(), q, sql, /*with_group=*/true, pg_search, also);
  }
  // A picked page is ordered and limited inside.
  if (plan != FilterPlan::kPick) sql.text += OrderAndLimit(c.dialect(), q, sql);
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<Customer> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(FromRow(row));
  RETURN_IF_ERROR(LoadTags(c, out));
  RETURN_IF_ERROR(LoadBans(c, out));
  RETURN_IF_ERROR(LoadBalances(c, out));
  return out;
}

}  // namespace

Result<std::vector<Customer>> List(db::Connection& c, const ListQuery& q) {
  if (c.dialect() == db::Dialect::kSqlite && !q.filters.empty() && PlanSearch(q.search).empty() &&
      q.sort == SortField::kRegistered) {
    // A common segment fills its page among the next rows; a rare one would have SQLite read
    // every row for it, so its page is picked from the matches in the covering index.
    ASSIGN_OR_RETURN(std::vector<Customer> near,
                     ListPage(c, q, PgSearch::kFilter, FilterPlan::kWindow));
    if (std::cmp_greater_equal(near.size(), q.limit)) return near;
    return ListPage(c, q, PgSearch::kFilter, FilterPlan::kPick);
  }
  const bool pg_search = c.dialect() == db::Dialect::kPostgres && !PlanSearch(q.search).empty() &&
                         q.sort == SortField::kRegistered;
  if (!pg_search) return ListPage(c, q, PgSearch::kFilter);
  ASSIGN_OR_RETURN(std::vector<Customer> recent, ListPage(c, q, PgSearch::kWindow));
  if (std::cmp_greater_equal(recent.size(), q.limit)) return recent;
  return ListPage(c, q, PgSearch::kIndex);
}

Result<int64_t> Count(db::Connection& c, const ListQuery& query, int64_t cap) {
  ListQuery q = query;
  q.after_key.reset();
  db::SqlBuilder sql;
  sql.text = "SELECT 1";
  BuildFromWhere(c.dialect(), q, sql, /*with_group=*/false);
  if (cap > 0) sql.text += " LIMIT " + sql.Param(cap);
  sql.text = "SELECT count(*) FROM (" + sql.text + ") AS matches";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
}

namespace {

// Whether the query filters by nothing but status, kind and group: what the counters count.
// A filter added to ListQuery must be added here too, or its lists would show the wrong total.
bool FiltersOnlyCounted(const ListQuery& q) {
  return q.search.empty() && !q.tag_id && q.country.empty() && q.language.empty() &&
         q.address_country.empty() && q.address_city_key.empty() && !q.registered_from &&
         !q.registered_to && !q.active_from && !q.active_to && !q.verified &&
         !q.deletion_requested && !q.balance_min && !q.balance_max && !q.orders_min &&
         !q.orders_max && !q.spent_min && !q.spent_max && !q.last_order_from && !q.last_order_to &&
         !q.bought_product_id && q.filters.empty();
}

// The counters' rows matching the query's status, kind and group, as " WHERE …" or "".
std::string CounterWhere(const ListQuery& q, db::SqlBuilder& sql) {
  std::vector<std::string> where;
  AddStatusKindGroup(q, "", sql, where);
  std::string out;
  for (const auto& w : where) out += (out.empty() ? " WHERE " : " AND ") + w;
  return out;
}

}  // namespace

Result<std::optional<int64_t>> CountFromCounters(db::Connection& c, const ListQuery& q) {
  if (!FiltersOnlyCounted(q)) return std::optional<int64_t>();
  db::SqlBuilder sql;
  const std::string counted = "SELECT n FROM customer_counts" + CounterWhere(q, sql);
  const std::string pending = "SELECT delta FROM customer_count_deltas" + CounterWhere(q, sql);
  sql.text = "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM (" + counted + " UNION ALL " +
             pending + ") AS counts";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  return std::optional<int64_t>(rows.at(0).Int(0));
}

Status FoldCounters(db::Connection& c) {
  if (c.dialect() != db::Dialect::kPostgres) return OkStatus();
  // The deltas go and their sums land in one statement; the counters are written in key order,
  // so that two folds at once wait on each other instead of deadlocking.
  RETURN_IF_ERROR(c.Execute(
      "WITH moved AS (DELETE FROM customer_count_deltas RETURNING kind, status, group_id, delta)"
      " INSERT INTO customer_counts (kind, status, group_id, n)"
      " SELECT kind, status, group_id, SUM(delta) FROM moved GROUP BY kind, status, group_id"
      " ORDER BY kind, status, group_id"
      " ON CONFLICT (kind, status, group_id) DO UPDATE SET n = customer_counts.n + EXCLUDED.n"));
  return OkStatus();
}

namespace {

// The address fields an export reads of the default addresses `ba` and `sa`, after their id.
constexpr const char* kExportAddressFields[] = {"first_name",  "last_name",   "company", "kind",
                                                "line1",       "line2",       "city",    "region",
                                                "region_code", "postal_code", "country", "phone"};
constexpr size_t kExportAddressWidth = 1 + std::size(kExportAddressFields);

void ReadExportAddress(const db::RowView& r, size_t at, std::optional<addresses::Address>& out) {
  if (r.IsNull(at)) {
    out.reset();
    return;
  }
  if (!out) out.emplace();
  addresses::Address& a = *out;
  a.id = r.Int(at);
  auto text = [&](size_t i) { return r.Text(at + 1 + i); };
  a.first_name.assign(text(0));
  a.last_name.assign(text(1));
  a.company.assign(text(2));
  a.kind = addresses::ParseKind(text(3)).value_or(addresses::Kind::kResidential);
  a.line1.assign(text(4));
  a.line2.assign(text(5));
  a.city.assign(text(6));
  a.region.assign(text(7));
  a.region_code.assign(text(8));
  a.postal_code.assign(text(9));
  a.country.assign(text(10));
  a.phone.assign(text(11));
}

// Splits `joined` at the unit separator into `out`, reusing its strings.
void SplitInto(std::string_view joined, std::vector<std::string>& out) {
  size_t n = 0;
  while (!joined.empty()) {
    const size_t end = std::min(joined.find('\x1f'), joined.size());
    if (n == out.size()) out.emplace_back();
    out[n++].assign(joined.substr(0, end));
    joined.remove_prefix(std::min(end + 1, joined.size()));
  }
  out.resize(n);
}

}  // namespace

Result<ExportEnd> ExportEach(db::Connection& c, const ListQuery& q, const ExportReads& reads,
                             const ExportSink& each) {
  const bool pg = c.dialect() == db::Dialect::kPostgres;
  db::SqlBuilder sql;
  sql.text =
      "SELECT c.id, c.public_id, c.kind, c.status, c.first_name, c.last_name, c.email,"
      " c.email_key, c.phone, c.country, c.language, c.company, c.note, c.consent_email,"
      " c.consent_sms, g.name, c.registered_at, c.last_login_at, c.last_activity_at,"
      " c.orders_count, c.total_spent, c.first_order_at, c.last_order_at";
  // Tags by name and balances by currency, joined with the unit separator (0x1f), which no
  // tag name or currency holds.
  if (!reads.tags) {
    sql.text += ", NULL";
  } else if (pg) {
    sql.text +=
        ", (SELECT string_agg(t.name, chr(31) ORDER BY t.name_key) FROM customer_tags ct"
        " JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id)";
  } else {
    sql.text +=
        ", (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM customer_tags ct"
        " JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = c.id ORDER BY t.name_key))";
  }
  if (!reads.balances) {
    sql.text += ", NULL";
  } else if (pg) {
    sql.text +=
        ", (SELECT string_agg(wb.currency || ':' || wb.balance, chr(31) ORDER BY wb.currency)"
        " FROM wallet_balances wb WHERE wb.customer_id = c.id AND wb.balance <> 0)";
  } else {
    sql.text +=
        ", (SELECT group_concat(x, char(31)) FROM (SELECT wb.currency || ':' || wb.balance AS x"
        " FROM wallet_balances wb WHERE wb.customer_id = c.id AND wb.balance <> 0"
        " ORDER BY wb.currency))";
  }
  std::string joins;
  if (reads.addresses) {
    sql.text += ", ab.shipping_same_as_billing";
    for (const char* alias : {"ba", "sa"}) {
      sql.text += std::string(", ") + alias + ".id";
      for (const char* field : kExportAddressFields)
        sql.text += std::string(", ") + alias + "." + field;
    }
    joins =
        " LEFT JOIN address_books ab ON ab.customer_id = c.id"
        " LEFT JOIN customer_addresses ba ON ba.customer_id = c.id AND ba.is_default_billing = 1"
        " LEFT JOIN customer_addresses sa ON sa.customer_id = c.id AND sa.is_default_shipping = 1";
  }
  BuildFromWhere(c.dialect(), q, sql, /*with_group=*/true, PgSearch::kFilter, "", joins);
  sql.text += OrderAndLimit(c.dialect(), q, sql);

  ExportEnd end;
  Customer& x = end.last;
  addresses::CustomerDefaults defaults;
  RETURN_IF_ERROR(c.QueryEach(sql.text, sql.params, [&](const db::RowView& r) -> Status {
    x.id = r.Int(0);
    x.public_id.assign(r.Text(1));
    x.kind = ParseKind(r.Text(2)).value_or(Kind::kRegistered);
    x.status = ParseStatus(r.Text(3)).value_or(AccountStatus::kActive);
    x.first_name.assign(r.Text(4));
    x.last_name.assign(r.Text(5));
    x.email.assign(r.Text(6));
    x.email_key.assign(r.Text(7));
    x.phone.assign(r.Text(8));
    x.country.assign(r.Text(9));
    x.language.assign(r.Text(10));
    x.company.assign(r.Text(11));
    x.note.assign(r.Text(12));
    x.consent_email = r.Int(13) != 0;
    x.consent_sms = r.Int(14) != 0;
    x.group_name.assign(r.Text(15));
    x.registered_at = r.Int(16);
    x.last_login_at = r.OptInt(17);
    x.last_activity_at = r.OptInt(18);
    x.orders_count = r.Int(19);
    x.total_spent = r.Int(20);
    x.first_order_at = r.OptInt(21);
    x.last_order_at = r.OptInt(22);
    SplitInto(r.Text(23), x.tags);
    x.balances.clear();
    std::vector<std::string> balances;
    SplitInto(r.Text(24), balances);
    for (const std::string& b : balances) {
      const size_t colon = b.find(':');
      if (colon == std::string::npos) continue;
      int64_t amount = 0;
      std::from_chars(b.data() + colon + 1, b.data() + b.size(), amount);
      x.balances.emplace_back(b.substr(0, colon), amount);
    }
    if (reads.addresses) {
      defaults.shipping_same_as_billing = r.Int(25) != 0;
      ReadExportAddress(r, 26, defaults.billing);
      ReadExportAddress(r, 26 + kExportAddressWidth, defaults.shipping);
    }
    ++end.rows;
    return each(x, reads.addresses ? &defaults : nullptr);
  }));
  return end;
}

Result<bool> RegisteredEmailTaken(db::Connection& c, const std::string& email_key,
                                  int64_t except_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT 1 FROM customers WHERE email_key = $1 AND kind = 'registered'"
                           " AND id <> $2",
                           {email_key, except_id}));
  return !rows.empty();
}

Result<std::optional<Customer>> FindByEmailKey(db::Connection& c, const std::string& email_key,
                                               std::optional<Kind> kind) {
  if (email_key.empty()) return std::optional<Customer>();
  // Without a kind, registered first ('registered' sorts after 'guest'), then the newest.
  ASSIGN_OR_RETURN(db::Rows rows,
                   kind ? c.Query("SELECT public_id FROM customers WHERE email_key = $1 AND"
                                  " kind = $2 ORDER BY id DESC LIMIT 1",
                                  {email_key, std::string(ToString(*kind))})
                        : c.Query("SELECT public_id FROM customers WHERE email_key = $1"
                                  " ORDER BY kind DESC, id DESC LIMIT 1",
                                  {email_key}));
  if (rows.empty()) return std::optional<Customer>();
  return FindByPublicId(c, rows.at(0).Text(0));
}

Status RecordSignIn(db::Connection& c, int64_t id, const std::string& ip, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customers SET last_login_at = $2, last_login_ip = $3,"
                " last_activity_at = $2 WHERE id = $1",
                {id, now, ip}));
  return OkStatus();
}

Status Delete(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customers WHERE id = $1", {id}));
  return OkStatus();
}

Status DeleteAll(db::Connection& c, const std::vector<int64_t>& ids) {
  if (ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  RETURN_IF_ERROR(
      c.Execute("DELETE FROM customers WHERE id IN (" + sql.List(ids) + ")", sql.params));
  return OkStatus();
}

Status SetOrderStats(db::Connection& c, int64_t customer_id, int64_t orders, int64_t spent,
                     std::optional<int64_t> first_at, std::optional<int64_t> last_at) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customers SET orders_count = $2, total_spent = $3, first_order_at = $4,"
                " last_order_at = $5 WHERE id = $1",
                {customer_id, orders, spent, db::Nullable(first_at), db::Nullable(last_at)}));
  return OkStatus();
}

Result<std::optional<std::string>> MergedInto(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT s.public_id FROM customer_merges m JOIN customers s"
                           " ON s.id = m.survivor_id WHERE m.merged_public_id = $1",
                           {public_id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status InsertMerge(db::Connection& c, const Customer& merged, int64_t survivor_id,
                   const std::string& summary, const std::string& actor_type,
                   const std::string& actor_id, int64_t now) {
  RETURN_IF_ERROR(c.Execute("UPDATE customer_merges SET survivor_id = $2 WHERE survivor_id = $1",
                            {merged.id, survivor_id}));
  std::string name = merged.first_name;
  if (!merged.last_name.empty()) name += (name.empty() ? "" : " ") + merged.last_name;
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO customer_merges (merged_public_id, survivor_id, merged_name, summary,"
                " actor_type, actor_id, merged_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                {merged.public_id, survivor_id, name, summary, actor_type, actor_id, now}));
  return OkStatus();
}

Result<std::vector<std::string>> MergedIds(db::Connection& c,
                                           const std::vector<int64_t>& survivor_ids) {
  if (survivor_ids.empty()) return std::vector<std::string>();
  db::SqlBuilder sql;
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT merged_public_id FROM customer_merges"
                                          " WHERE survivor_id IN (" +
                                              sql.List(survivor_ids) + ")",
                                          sql.params));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Status MergeTags(db::Connection& c, int64_t from, int64_t to) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO customer_tags (customer_id, tag_id) SELECT $2, tag_id FROM"
                " customer_tags WHERE customer_id = $1 ON CONFLICT DO NOTHING",
                {from, to}));
  return OkStatus();
}

namespace {

const char* SharedColumn(Shared s) {
  switch (s) {
    case Shared::kEmailMatch:
      return "email_match";
    case Shared::kPhone:
      return "phone";
    case Shared::kName:
      return "name_key";
  }
  return "";
}

}  // namespace

Result<std::vector<Customer>> FindSharing(db::Connection& c, Shared shared,
                                          const std::string& value, int64_t exclude, int limit) {
  std::vector<Customer> out;
  if (value.empty()) return out;
  const std::string column = SharedColumn(shared);
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string("SELECT ") + kColumns +
                               " FROM customers c JOIN customer_groups g ON g.id = c.group_id"
                               " WHERE c." +
                               column + " = $1 AND c." + column +
                               " <> '' AND c.id <> $2 ORDER BY c.id DESC LIMIT $3",
                           {value, exclude, int64_t{limit}}));
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<std::vector<int64_t>>> SharingGroups(db::Connection& c, Shared shared,
                                                        int max_group) {
  const std::string column = SharedColumn(shared);
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT c." + column + ", c.id FROM customers c WHERE c." + column + " IN (SELECT " +
                  column + " FROM customers WHERE " + column + " <> '' GROUP BY " + column +
                  " HAVING COUNT(*) BETWEEN 2 AND $1)"
                  " ORDER BY c." +
                  column + ", c.id",
              {int64_t{max_group}}));
  std::vector<std::vector<int64_t>> groups;
  std::string key;
  for (const auto& r : rows) {
    if (groups.empty() || r.Text(0) != key) {
      groups.emplace_back();
      key = r.Text(0);
    }
    groups.back().push_back(r.Int(1));
  }
  return groups;
}

Result<std::vector<Customer>> FindByIds(db::Connection& c, const std::vector<int64_t>& ids) {
  std::vector<Customer> out;
  if (ids.empty()) return out;
  db::SqlBuilder sql;
  sql.text = std::string("SELECT ") + kColumns +
             " FROM customers c JOIN customer_groups g ON g.id = c.group_id WHERE c.id IN (" +
             sql.List(ids) + ") ORDER BY c.id";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

constexpr const char* kCreateStagedKeys =
    "CREATE TEMP TABLE IF NOT EXISTS new_search_keys (id BIGINT PRIMARY KEY,"
    " search_text TEXT NOT NULL, phone_digits TEXT NOT NULL, place_text TEXT NOT NULL,"
    " place_digits TEXT NOT NULL)";

Result<int64_t> SearchKeysVersion(db::Connection& c) {
  const bool postgres = c.dialect() == db::Dialect::kPostgres;
  // On PostgreSQL the row lock makes a second server that starts at once wait, then skip.
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string("SELECT version FROM search_keys") +
                                          (postgres ? " FOR UPDATE" : "")));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
}

Result<std::vector<Customer>> SearchInputsAfter(db::Connection& c, int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT id, first_name, last_name, email_key, company, phone"
                           " FROM customers WHERE id > $1 ORDER BY id LIMIT $2",
                           {after_id, int64_t{limit}}));
  std::vector<Customer> out(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i].id = rows[i].Int(0);
    out[i].first_name = rows[i].Text(1);
    out[i].last_name = rows[i].Text(2);
    out[i].email_key = rows[i].Text(3);
    out[i].company = rows[i].Text(4);
    out[i].phone = rows[i].Text(5);
  }
  return out;
}

Status StageSearchKeys(db::Connection& c, const std::vector<db::Params>& rows) {
  RETURN_IF_ERROR(c.Execute(kCreateStagedKeys));
  return c.ExecuteMany(
      "INSERT INTO new_search_keys (id, search_text, phone_digits, place_text, place_digits)"
      " VALUES ($1, $2, $3, $4, $5)",
      rows);
}

Status WriteSearchKeys(db::Connection& c, int64_t version) {
  RETURN_IF_ERROR(c.Execute(kCreateStagedKeys));
  RETURN_IF_ERROR(c.Execute(
      "UPDATE customers SET search_text = k.search_text, phone_digits = k.phone_digits,"
      " place_text = k.place_text, place_digits = k.place_digits FROM new_search_keys k"
      " WHERE customers.id = k.id AND"
      " (customers.search_text <> k.search_text OR customers.phone_digits <> k.phone_digits"
      " OR customers.place_text <> k.place_text OR customers.place_digits <> k.place_digits)"));
  RETURN_IF_ERROR(c.Execute("DROP TABLE new_search_keys"));
  RETURN_IF_ERROR(c.Execute("UPDATE search_keys SET version = $1", {version}));
  return OkStatus();
}

}  // namespace clientele::customers::store
