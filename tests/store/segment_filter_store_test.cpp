// Segment filters against real databases (SQLite and PostgreSQL): for a table of filters over a
// small store with every kind of fact (groups, tags, default addresses, accounts, orders and
// products, store credit, spam scores, RFM scores, sign-ins), the customers the list returns are
// exactly the expected ones, and exactly those a full scan finds by evaluating the checked
// filter in C++ over facts read one by one.
#include <gtest/gtest.h>

#include <set>

#include "db/database.hpp"
#include "modules/addresses/service.hpp"
#include "modules/catalog/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/customers/store.hpp"
#include "modules/groups/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/orders/service.hpp"
#include "modules/wallet/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using customers::FilterField;
using customers::FilterNode;
using customers::FilterOp;
using customers::ListParams;

constexpr int64_t kDay = 86'400'000'000LL;

struct Person {
  const char* email;
  const char* first;
  const char* last;
  const char* country;
  const char* language;
  const char* phone;
  bool guest;
};

const Person kPeople[] = {
    {"ana@example.com", "Ana", "López", "ES", "es", "+34 612 345 678", false},
    {"ben@example.de", "Ben", "Müller", "DE", "de", "+49 176 12345678", false},
    {"cleo@example.at", "Cleo", "Wagner", "AT", "de-AT", "", false},
    {"dan@example.com", "Dan", "O'Brien", "GB", "en", "+44 7401 223233", false},
    {"eve@example.fr", "Eve", "Martin", "FR", "fr", "", true},
    {"fay@example.com", "Fay", "", "", "", "", false},
    {"gus@shop.example", "Gus", "Smith", "DE", "en", "", false},
    {"hal@example.com", "Hal", "Jordan", "US", "en", "+1 202 555 0143", false},
};

// A customer's facts as a full scan reads them, one query each.
struct Facts {
  customers::Customer c;
  std::set<int64_t> tags, bought;
  std::string address_country, address_city;  // of a default address in effect; "" without
  bool verified = false, deletion_requested = false;
  int64_t balance = 0, spam = 0;
};

bool Holds(const FilterNode& n, const Facts& f, int64_t now);

template <typename T>
bool CompareTo(const T& x, const FilterNode& t) {
  auto v = [&](size_t i) { return std::get<T>(t.values.at(i)); };
  switch (t.op) {
    case FilterOp::kEq:
      return x == v(0);
    case FilterOp::kLt:
      return x < v(0);
    case FilterOp::kLe:
      return x <= v(0);
    case FilterOp::kGt:
      return x > v(0);
    case FilterOp::kGe:
      return x >= v(0);
    case FilterOp::kIn:
      for (size_t i = 0; i < t.values.size(); ++i) {
        if (x == v(i)) return true;
      }
      return false;
    case FilterOp::kDay:
      return x >= v(0) && x < v(1);
    case FilterOp::kContains:
    case FilterOp::kIsNull:
      break;
  }
  ADD_FAILURE() << "operator not for this type";
  return false;
}

bool Text(const std::string& x, const FilterNode& t) {
  if (t.op == FilterOp::kIsNull) return x.empty();
  if (t.op == FilterOp::kContains) {
    return !x.empty() && x.find(std::get<std::string>(t.values.at(0))) != std::string::npos;
  }
  return !x.empty() && CompareTo<std::string>(x, t);
}

bool Number(const std::optional<int64_t>& x, const FilterNode& t) {
  if (t.op == FilterOp::kIsNull) return !x;
  return x && CompareTo<int64_t>(*x, t);
}

bool InSet(const std::set<int64_t>& have, const FilterNode& t) {
  if (t.op == FilterOp::kIsNull) return have.empty();
  for (const auto& v : t.values) {
    if (have.count(std::get<int64_t>(v))) return true;
  }
  return false;
}

bool Flag(bool x, const FilterNode& t) { return x == (std::get<int64_t>(t.values.at(0)) == 1); }

bool Test(const FilterNode& t, const Facts& f, int64_t now) {
  const customers::Customer& c = f.c;
  switch (t.field) {
    case FilterField::kStatus:
      return Text(std::string(customers::ToString(c.status)), t);
    case FilterField::kKind:
      return Text(std::string(customers::ToString(c.kind)), t);
    case FilterField::kGroup:
      return CompareTo<int64_t>(c.group_id, t);
    case FilterField::kTag:
      return InSet(f.tags, t);
    case FilterField::kCountry:
      return Text(c.country, t);
    case FilterField::kLanguage:
      return Text(c.language, t);
    case FilterField::kAddressCountry:
      return Text(f.address_country, t);
    case FilterField::kCity:
      return Text(f.address_city, t);
    case FilterField::kEmail:
      return Text(c.email_key, t);
    case FilterField::kName:
      if (t.op == FilterOp::kIsNull) return c.first_name.empty() && c.last_name.empty();
      return Text(customers::NameSortKey(c), t);
    case FilterField::kPhone:
      return Text(c.phone, t);
    case FilterField::kRegistered:
      return Number(c.registered_at, t);
    case FilterField::kLastActivity:
      return Number(c.last_activity_at, t);
    case FilterField::kVerified:
      return Flag(f.verified, t);
    case FilterField::kDeletionRequested:
      return Flag(f.deletion_requested, t);
    case FilterField::kOrders:
      return Number(c.orders_count, t);
    case FilterField::kTotalSpent:
      return Number(c.total_spent, t);
    case FilterField::kFirstOrder:
      return Number(c.first_order_at, t);
    case FilterField::kLastOrder:
      return Number(c.last_order_at, t);
    case FilterField::kBought:
      return InSet(f.bought, t);
    case FilterField::kBalance:
      return Number(f.balance, t);
    case FilterField::kEmailConsent:
      return Flag(c.consent_email, t);
    case FilterField::kSmsConsent:
      return Flag(c.consent_sms, t);
    case FilterField::kMessengerConsent:
      return Flag(c.consent_messenger, t);
    case FilterField::kSpamScore:
      return Number(f.spam, t);
    case FilterField::kRecency:
      return Number(c.rfm_recency, t);
    case FilterField::kFrequency:
      return Number(c.rfm_frequency, t);
    case FilterField::kMonetary:
      return Number(c.rfm_monetary, t);
    case FilterField::kRfmGroup:
      return Text(customers::RfmGroupOf(c), t);
    case FilterField::kActivity:
      return Text(customers::ActivityLevelOf(c, now), t);
  }
  return false;
}

bool Holds(const FilterNode& n, const Facts& f, int64_t now) {
  switch (n.kind) {
    case FilterNode::Kind::kTest:
      return Test(n, f, now);
    case FilterNode::Kind::kNot:
      return !Holds(n.children.at(0), f, now);
    case FilterNode::Kind::kAnd:
      for (const auto& child : n.children) {
        if (!Holds(child, f, now)) return false;
      }
      return true;
    case FilterNode::Kind::kOr:
      for (const auto& child : n.children) {
        if (Holds(child, f, now)) return true;
      }
      return false;
  }
  return false;
}

struct Case {
  const char* filter;
  std::set<std::string> emails;  // exactly these (by the part before @)
};

const Case kCases[] = {
    {"orders >= 2", {"ana", "dan"}},
    {"orders >= 2 AND last_order < -90d", {"dan"}},
    {"orders = 0", {"cleo", "fay", "gus", "hal"}},
    {"orders IN (1, 3)", {"ana", "ben", "eve"}},
    {"total_spent > 100", {"ana", "dan"}},
    {"total_spent > 500 AND NOT email_consent", {"dan"}},
    {"tag = 'vip'", {"ana", "dan"}},
    {"tag = 'VIP' AND tag = 'Newsletter'", {"dan"}},
    {"tag IN ('vip', 'newsletter')", {"ana", "ben", "dan"}},
    {"tag IS NULL", {"cleo", "eve", "fay", "gus", "hal"}},
    {"NOT tag = 'vip'", {"ben", "cleo", "eve", "fay", "gus", "hal"}},
    {"group = 'Wholesale'", {"ana", "gus"}},
    {"group != 'Wholesale' AND kind = registered", {"ben", "cleo", "dan", "fay", "hal"}},
    {"country IN ('DE', 'AT')", {"ben", "cleo", "gus"}},
    {"country NOT IN ('de', 'at')", {"ana", "dan", "eve", "fay", "hal"}},
    {"country != 'DE'", {"ana", "cleo", "dan", "eve", "fay", "hal"}},
    {"country IS NULL", {"fay"}},
    {"language = 'de-AT' OR language = 'fr'", {"cleo", "eve"}},
    {"language IS NOT NULL AND language IN ('en')", {"dan", "gus", "hal"}},
    {"address_country = 'DE'", {"ben"}},
    {"address_country IS NULL", {"cleo", "eve", "fay", "gus", "hal"}},
    {"city = 'madrid' OR city = 'LONDON'", {"ana", "dan"}},
    {"city CONTAINS 'erl'", {"ben"}},
    {"email CONTAINS '@example.com'", {"ana", "dan", "fay", "hal"}},
    {"email = 'GUS@shop.example'", {"gus"}},
    {"email IS NULL", {}},
    {"name CONTAINS 'muller'", {"ben"}},
    {"name CONTAINS 'obrien' OR name CONTAINS 'o''brien'", {"dan"}},
    {"phone CONTAINS '7401'", {"dan"}},
    {"phone IS NULL", {"cleo", "eve", "fay", "gus"}},
    {"status = banned", {"cleo"}},
    {"status IN (inactive, banned)", {"cleo", "fay"}},
    {"kind = guest", {"eve"}},
    {"verified", {"ana", "ben"}},
    {"NOT verified AND kind = registered", {"cleo", "dan", "fay", "gus", "hal"}},
    {"deletion_requested", {"dan"}},
    {"bought = 'SKU-A'", {"ana"}},
    {"bought IN ('SKU-A', 'SKU-B')", {"ana", "ben", "dan"}},
    {"NOT bought = 'SKU-B'", {"ana", "cleo", "eve", "fay", "gus", "hal"}},
    {"balance > 10", {"ana"}},
    {"balance > 0 AND balance <= 10", {"gus"}},
    {"balance = 0", {"ben", "cleo", "dan", "eve", "fay", "hal"}},
    {"email_consent", {"ana", "fay"}},
    {"sms_consent = true", {"cleo"}},
    {"messenger_consent = false AND orders > 0", {"ana", "ben", "dan", "eve"}},
    {"spam_score >= 50", {"ben"}},
    {"spam_score = 0", {"ana", "cleo", "dan", "eve", "fay", "gus", "hal"}},
    {"recency >= 4", {"ana", "fay"}},
    {"recency IS NULL", {"ben", "cleo", "eve", "gus", "hal"}},
    {"frequency = 4 AND monetary = 5", {"dan"}},
    {"rfm_group = champions", {"fay"}},
    {"rfm_group = cant_lose", {"dan"}},
    {"rfm_group IN (loyal, new)", {"ana"}},
    {"rfm_group IS NULL", {"ben", "cleo", "eve", "gus", "hal"}},
    {"activity = never_purchased", {"cleo", "fay", "gus", "hal"}},
    {"activity = new", {"eve"}},
    {"activity = active", {"ana", "ben"}},
    {"activity = lapsed", {"dan"}},
    {"first_order IS NULL", {"cleo", "fay", "gus", "hal"}},
    {"first_order < -300d", {"ana", "dan"}},
    {"last_order > -30d", {"ana", "eve"}},
    {"last_activity > -7d", {"fay"}},
    {"last_activity IS NULL", {"ana", "ben", "cleo", "dan", "eve", "gus", "hal"}},
    {"registered > -1d", {}},
    {"registered < -1d", {"ana", "ben", "cleo", "dan", "eve", "fay", "gus", "hal"}},
    {"(orders > 0 OR balance > 0) AND NOT (status = banned OR kind = guest)",
     {"ana", "ben", "dan", "gus"}},
    {"NOT (country = 'DE' OR NOT email_consent)", {"ana", "fay"}},
};

class SegmentFilter : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    groups_ = std::make_unique<groups::Service>(*db_, clock_);
    book_ = std::make_unique<addresses::Service>(*db_, clock_);
    catalog_ = std::make_unique<catalog::Service>(*db_, clock_);
    messages_ = std::make_unique<messages::Service>(*db_, clock_, "example.com");
    wallet_ = std::make_unique<wallet::Service>(*db_, clock_, *messages_);
    orders_ = std::make_unique<orders::Service>(*db_, clock_, secrets_);

    auto wholesale = groups_->CreateGroup(actor_, "Wholesale");
    ASSERT_TRUE(wholesale.ok());
    for (const char* sku : {"SKU-A", "SKU-B", "SKU-C"}) {
      catalog::ProductInput p;
      p.sku = sku;
      p.name = std::string("Product ") + sku;
      p.price = 5000;
      ASSERT_TRUE(catalog_->Create(actor_, p).ok()) << sku;
    }
    for (const Person& p : kPeople) {
      customers::NewCustomer n;
      n.kind = p.guest ? customers::Kind::kGuest : customers::Kind::kRegistered;
      n.fields.email = p.email;
      n.fields.first_name = p.first;
      n.fields.last_name = p.last;
      n.fields.country = p.country;
      n.fields.language = p.language;
      if (*p.phone) n.fields.phone = p.phone;
      auto c = customers_->Create(actor_, n);
      ASSERT_TRUE(c.ok()) << p.email << ": " << c.error().message;
      ids_[std::string(p.email).substr(0, std::string(p.email).find('@'))] = c->public_id;
    }
    Edit("ana", [&](customers::Patch& p) {
      p.tags = std::vector<std::string>{"VIP"};
      p.group_id = wholesale->public_id;
      p.consent_email = true;
    });
    Edit("ben", [](customers::Patch& p) { p.tags = std::vector<std::string>{"newsletter"}; });
    Edit("cleo", [](customers::Patch& p) { p.consent_sms = true; });
    Edit("dan", [](customers::Patch& p) {
      p.tags = std::vector<std::string>{"vip", "newsletter"};
    });
    Edit("fay", [](customers::Patch& p) { p.consent_email = true; });
    Edit("gus", [&](customers::Patch& p) { p.group_id = wholesale->public_id; });

    Address("ana", "Madrid", "28001", "ES", /*billing=*/true);
    Address("ben", "Berlin", "10115", "DE", true);
    Address("dan", "London", "SW1A 1AA", "GB", false);  // the default shipping address only

    // Orders: the clock is moved far ahead so orders can lie in the past.
    clock_.Advance(500 * kDay);
    const int64_t now = clock_.NowMicros();
    Order("ana", "A-1", "SKU-A", 10000, now - 320 * kDay);
    Order("ana", "A-2", "SKU-C", 10000, now - 160 * kDay);
    Order("ana", "A-3", "SKU-C", 5000, now - 10 * kDay);
    Order("ben", "B-1", "SKU-B", 4000, now - 60 * kDay);
    Order("dan", "D-1", "SKU-B", 60000, now - 420 * kDay);
    Order("dan", "D-2", "SKU-C", 60000, now - 400 * kDay);
    Order("eve", "E-1", "SKU-C", 3000, now - 5 * kDay);

    Credit("ana", 2000);
    Credit("gus", 500);

    Sql("UPDATE customers SET status = 'banned' WHERE public_id = $1", ids_["cleo"]);
    Sql("UPDATE customers SET status = 'inactive' WHERE public_id = $1", ids_["fay"]);
    Sql("UPDATE customers SET last_activity_at = " + std::to_string(now - 2 * kDay) +
            " WHERE public_id = $1",
        ids_["fay"]);
    Sql("INSERT INTO customer_accounts (customer_id, email_verified_at, created_at, updated_at)"
        " SELECT id, 1, 1, 1 FROM customers"
        " WHERE public_id IN ($1, $2)",
        ids_["ana"], ids_["ben"]);
    Sql("INSERT INTO customer_accounts (customer_id, deletion_requested_at, created_at, updated_at)"
        " SELECT id, 1, 1, 1 FROM "
        "customers WHERE public_id = $1",
        ids_["dan"]);
    Sql("INSERT INTO spam_scores (customer_id, score, scanned_at) SELECT id, 70, 1 FROM customers"
        " WHERE public_id = $1",
        ids_["ben"]);
    // RFM: ana loyal (3, 3, 3 → loyal), dan can't lose, fay a champion.
    Sql("UPDATE customers SET rfm_recency = 4, rfm_frequency = 3, rfm_monetary = 3 WHERE "
        "public_id = $1",
        ids_["ana"]);
    Sql("UPDATE customers SET rfm_recency = 1, rfm_frequency = 4, rfm_monetary = 5 WHERE "
        "public_id = $1",
        ids_["dan"]);
    Sql("UPDATE customers SET rfm_recency = 5, rfm_frequency = 5, rfm_monetary = 5 WHERE "
        "public_id = $1",
        ids_["fay"]);
  }

  void Edit(const std::string& who, const std::function<void(customers::Patch&)>& fill) {
    auto current = customers_->Get(ids_[who]);
    ASSERT_TRUE(current.ok());
    customers::Patch p;
    fill(p);
    auto saved = customers_->Update(actor_, ids_[who], p, current->version);
    ASSERT_TRUE(saved.ok()) << who << ": " << saved.error().message;
  }

  void Address(const std::string& who, const char* city, const char* postal, const char* country,
               bool billing) {
    addresses::Patch a;
    a.line1 = "1 Main Street";
    a.city = city;
    a.postal_code = postal;
    a.country = country;
    auto added = book_->Add(actor_, ids_[who], a);
    ASSERT_TRUE(added.ok()) << who << ": " << added.error().message;
    if (!billing) {
      // The first address becomes both defaults; keep it as the shipping one only.
      Sql("UPDATE customer_addresses SET is_default_billing = 0 WHERE customer_id = (SELECT id "
          "FROM customers WHERE public_id = $1)",
          ids_[who]);
    }
  }

  void Order(const std::string& who, const char* number, const char* sku, int64_t price,
             int64_t placed_at) {
    orders::OrderInput in;
    in.number = number;
    in.customer_id = ids_[who];
    orders::ItemInput item;
    item.sku = sku;
    item.unit_price = price;
    in.items.push_back(item);
    in.placed_at = placed_at;
    in.payments.push_back({price, "card", ""});
    auto placed = orders_->Place(actor_, in);
    ASSERT_TRUE(placed.ok()) << number << ": " << placed.error().message;
  }

  void Credit(const std::string& who, int64_t amount) {
    wallet::Change change;
    change.amount = amount;
    change.reason = "goodwill";
    auto applied = wallet_->Apply(actor_, ids_[who], change);
    ASSERT_TRUE(applied.ok()) << who << ": " << applied.error().message;
  }

  template <typename... Args>
  void Sql(const std::string& statement, const Args&... args) {
    db::Params params;
    (params.emplace_back(args), ...);
    auto done = db_->Transaction([&](db::Connection& c) { return c.Execute(statement, params); });
    ASSERT_TRUE(done.ok()) << statement << ": " << done.error().message;
  }

  std::set<std::string> Listed(const std::string& filter) {
    auto page = customers_->List(ListParams{{{"filter", filter}, {"limit", "200"}}});
    EXPECT_TRUE(page.ok()) << filter << ": "
                           << (page.ok()                     ? ""
                               : page.error().fields.empty() ? page.error().message
                                                             : page.error().fields[0].message);
    std::set<std::string> out;
    if (page.ok()) {
      for (const auto& c : page->items) out.insert(Who(c.email));
    }
    auto count = customers_->CountExact(ListParams{{{"filter", filter}}});
    EXPECT_TRUE(count.ok()) << filter;
    if (count.ok()) {
      EXPECT_EQ(*count, static_cast<int64_t>(out.size())) << filter;
    }
    return out;
  }

  static std::string Who(const std::string& email) { return email.substr(0, email.find('@')); }

  // Every customer whose facts meet the checked filter, evaluated in C++.
  std::set<std::string> Scanned(const std::string& filter) {
    const int64_t now = clock_.NowMicros();
    auto compiled = db_->Read([&](db::Connection& c) {
      return customers::Service::CompileFilter(c, filter, "filter", now);
    });
    EXPECT_TRUE(compiled.ok()) << filter;
    std::set<std::string> out;
    if (!compiled.ok()) return out;
    for (const auto& [who, id] : ids_) {
      const Facts f = FactsOf(id);
      if (Holds(*compiled, f, now)) out.insert(who);
    }
    return out;
  }

  Facts FactsOf(const std::string& public_id) {
    Facts f;
    auto c = customers_->Get(public_id);
    EXPECT_TRUE(c.ok());
    if (!c.ok()) return f;
    f.c = *c;
    const db::Params id{c->id};
    auto read = db_->Read([&](db::Connection& conn) -> Status {
      ASSIGN_OR_RETURN(auto tags,
                       conn.Query("SELECT tag_id FROM customer_tags WHERE customer_id = $1", id));
      for (const auto& r : tags) f.tags.insert(r.Int(0));
      ASSIGN_OR_RETURN(auto bought, conn.Query("SELECT i.product_id FROM order_items i JOIN orders"
                                               " o ON o.id = i.order_id WHERE o.customer_id = $1"
                                               " AND o.status <> 'cancelled'"
                                               " AND i.product_id IS NOT NULL",
                                               id));
      for (const auto& r : bought) f.bought.insert(r.Int(0));
      ASSIGN_OR_RETURN(auto addresses,
                       conn.Query("SELECT a.country, a.city_key, a.is_default_billing,"
                                  " a.is_default_shipping FROM customer_addresses a"
                                  " WHERE a.customer_id = $1",
                                  id));
      ASSIGN_OR_RETURN(auto books, conn.Query("SELECT shipping_same_as_billing FROM address_books"
                                              " WHERE customer_id = $1",
                                              id));
      const bool same = !books.empty() && books[0].Int(0) == 1;
      for (const auto& r : addresses) {
        if (r.Int(2) == 1 || (r.Int(3) == 1 && !same)) {
          f.address_country = r.Text(0);
          f.address_city = r.Text(1);
        }
      }
      ASSIGN_OR_RETURN(auto account,
                       conn.Query("SELECT email_verified_at IS NOT NULL, deletion_requested_at IS "
                                  "NOT NULL FROM customer_accounts WHERE customer_id = $1",
                                  id));
      if (!account.empty()) {
        f.verified = account[0].Int(0) == 1;
        f.deletion_requested = account[0].Int(1) == 1;
      }
      ASSIGN_OR_RETURN(auto spam,
                       conn.Query("SELECT score FROM spam_scores WHERE customer_id = $1", id));
      if (!spam.empty()) f.spam = spam[0].Int(0);
      return OkStatus();
    });
    EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
    // One currency in this store: the store's (credits were given without one).
    for (const auto& [currency, amount] : c->balances) f.balance = amount;
    return f;
  }

  clientele::testing::StepClock clock_;
  crypto::SecretBox secrets_{crypto::SecretBox::FixedKey{std::string(32, 'k')}};
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<groups::Service> groups_;
  std::unique_ptr<addresses::Service> book_;
  std::unique_ptr<catalog::Service> catalog_;
  std::unique_ptr<messages::Service> messages_;
  std::unique_ptr<wallet::Service> wallet_;
  std::unique_ptr<orders::Service> orders_;
  std::map<std::string, std::string> ids_;  // by the part of the e-mail before @
};

TEST_P(SegmentFilter, FindsExactlyWhatAFullScanFinds) {
  for (const Case& c : kCases) {
    const std::set<std::string> listed = Listed(c.filter);
    EXPECT_EQ(listed, c.emails) << "filter: " << c.filter;
    EXPECT_EQ(listed, Scanned(c.filter)) << "filter (full scan): " << c.filter;
  }
}

TEST_P(SegmentFilter, PagesOfAFilterFollowTheSortAndCombineWithOtherFilters) {
  auto first =
      customers_->List(ListParams{{{"filter", "orders = 0"}, {"sort", "email"}, {"limit", "2"}}});
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].email, "cleo@example.at");
  EXPECT_EQ(first->items[1].email, "fay@example.com");
  ASSERT_TRUE(first->next_cursor);
  auto second = customers_->List(ListParams{{{"filter", "orders = 0"},
                                             {"sort", "email"},
                                             {"limit", "2"},
                                             {"cursor", *first->next_cursor}}});
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_EQ(second->items.size(), 2u);
  EXPECT_EQ(second->items[0].email, "gus@shop.example");
  EXPECT_EQ(second->items[1].email, "hal@example.com");
  // With the list's own filters and search.
  auto both = customers_->List(ListParams{{{"filter", "orders = 0"}, {"country", "DE"}}});
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->items.size(), 1u);
  EXPECT_EQ(both->items[0].email, "gus@shop.example");
  auto searched = customers_->List(ListParams{{{"filter", "tag = 'vip'"}, {"q", "lopez"}}});
  ASSERT_TRUE(searched.ok());
  ASSERT_EQ(searched->items.size(), 1u);
  EXPECT_EQ(searched->items[0].email, "ana@example.com");
}

TEST_P(SegmentFilter, PagesInRegistrationOrderAreTheSameWhateverThePlan) {
  // A window of 2 rows makes every page past it be picked from all the matches.
  for (const char* filter : {"orders = 0", "kind = registered", "NOT tag = 'vip'", "orders > 5"}) {
    for (bool descending : {true, false}) {
      auto pages = [&](int64_t window) {
        std::vector<std::string> out;
        int64_t after = 0;
        bool first = true;
        for (int guard = 0; guard < 20; ++guard) {
          auto rows = db_->Read([&](db::Connection& c) -> Result<std::vector<customers::Customer>> {
            customers::ListQuery q;
            q.now = clock_.NowMicros();
            ASSIGN_OR_RETURN(FilterNode f,
                             customers::Service::CompileFilter(c, filter, "filter", q.now));
            q.filters.push_back(f);
            q.descending = descending;
            q.limit = 3;
            q.filter_window = window;
            if (!first) {
              q.after_key = after;
              q.after_id = after;
            }
            return customers::store::List(c, q);
          });
          EXPECT_TRUE(rows.ok()) << filter;
          if (!rows.ok() || rows->empty()) break;
          for (const auto& c : *rows) out.push_back(c.email);
          after = rows->back().id;
          first = false;
        }
        return out;
      };
      const auto all = pages(1'000'000), picked = pages(2);
      EXPECT_EQ(picked, all) << filter << (descending ? " newest first" : " oldest first");
      EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size()) << filter;
      EXPECT_EQ(all.size(), Listed(filter).size()) << filter;
    }
  }
}

TEST_P(SegmentFilter, NamesThatTheStoreDoesNotHaveAreMistakesWithSuggestions) {
  auto check = [&](const std::string& filter) {
    auto page = customers_->List(ListParams{{{"filter", filter}}});
    EXPECT_FALSE(page.ok()) << filter;
    if (page.ok() || page.error().fields.empty()) return FieldError{};
    EXPECT_EQ(page.error().fields[0].field, "filter");
    return page.error().fields[0];
  };
  const FieldError tag = check("tag = 'vipp'");
  EXPECT_EQ(tag.message, "unknown tag 'vipp' at 7: did you mean 'VIP'?");
  EXPECT_EQ(tag.position, 7);
  EXPECT_NE(check("group = 'Wholsale'").message.find("did you mean 'Wholesale'?"),
            std::string::npos);
  EXPECT_NE(check("bought = 'SKU-Z'").message.find("no product has the SKU 'SKU-Z'"),
            std::string::npos);
  EXPECT_NE(check("country = 'XX'").message.find("unknown country code 'XX'"), std::string::npos);
  EXPECT_NE(check("language = 'zz-!!'").message.find("unknown language"), std::string::npos);
  EXPECT_NE(check("phone CONTAINS 'abc'").message.find("expected digits"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, SegmentFilter,
                         ::testing::ValuesIn(clientele::testing::Engines()));

}  // namespace
}  // namespace clientele
