// The address-book service against real databases: every case runs on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/database.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using addresses::Address;
using addresses::Book;
using addresses::DefaultsInput;
using addresses::Patch;

using clientele::testing::StepClock;

class AddressesStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    service_ = std::make_unique<addresses::Service>(*db_, clock_);
    customers::NewCustomer n;
    n.fields.first_name = "Hana";
    n.fields.last_name = "Sato";
    n.fields.email = "hana." + std::to_string(++counter_) + "@example.com";
    auto c = customers_->Create(actor_, n);
    ASSERT_TRUE(c.ok());
    customer_ = *c;
  }

  static Patch Berlin(const std::string& label) {
    Patch p;
    p.label = label;
    p.line1 = "Hauptstraße 5";
    p.city = "Berlin";
    p.postal_code = "10115";
    p.country = "de";
    return p;
  }

  Address Add(const Patch& p) {
    auto a = service_->Add(actor_, customer_.public_id, p);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
    return a.ok() ? *a : Address{};
  }

  Book List() {
    auto b = service_->List(customer_.public_id);
    EXPECT_TRUE(b.ok());
    return b.ok() ? *b : Book{};
  }

  int64_t AuditCount(const std::string& action) {
    auto rows = db_->Read([&](db::Connection& c) {
      return c.Query("SELECT count(*) FROM audit_events WHERE action = $1 AND target_id = $2",
                     {action, customer_.public_id});
    });
    return rows.ok() ? rows->at(0).Int(0) : -1;
  }

  static inline std::atomic<int> counter_{0};
  StepClock clock_;
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<addresses::Service> service_;
  customers::Customer customer_;
};

TEST_P(AddressesStore, AddReadsBackNormalisedWithTheCustomersName) {
  Address a = Add(Berlin("Home"));
  EXPECT_TRUE(a.public_id.rfind("adr_", 0) == 0);
  EXPECT_EQ(a.first_name, "Hana");
  EXPECT_EQ(a.last_name, "Sato");
  EXPECT_EQ(a.country, "DE");
  EXPECT_EQ(a.customer_public_id, customer_.public_id);
  // The first address is the default billing and shipping address.
  EXPECT_TRUE(a.default_billing);
  EXPECT_TRUE(a.default_shipping);
  auto read = service_->Get(customer_.public_id, a.public_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->line1, "Hauptstraße 5");
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(AuditCount("address.created"), 1);
  // A second address is not a default unless asked.
  Address b = Add(Berlin("Office"));
  EXPECT_FALSE(b.default_billing);
  EXPECT_FALSE(b.default_shipping);
  EXPECT_EQ(List().items.size(), 2u);
}

TEST_P(AddressesStore, UnknownCustomerOrAddressIsNotFound) {
  EXPECT_EQ(service_->List("cus_aaaaaaaaaaaaaaaaaaaa").error().slug, "customer_not_found");
  EXPECT_EQ(service_->Get(customer_.public_id, "adr_aaaaaaaaaaaaaaaaaaaa").error().slug,
            "address_not_found");
  Address a = Add(Berlin("Home"));
  // Another customer's address is not reachable through this one.
  customers::NewCustomer n;
  n.fields.email = "other." + std::to_string(++counter_) + "@example.com";
  auto other = customers_->Create(actor_, n);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(service_->Get(other->public_id, a.public_id).error().code, ErrorCode::kNotFound);
}

TEST_P(AddressesStore, EditWithIfMatchAndACountryChange) {
  Address a = Add(Berlin("Home"));
  Patch to_japan;
  to_japan.country = "JP";
  auto invalid = service_->Update(actor_, customer_.public_id, a.public_id, to_japan, 1);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, ErrorCode::kInvalidArgument);
  to_japan.postal_code = "100-0005";
  to_japan.region = "Tokyo";
  to_japan.city = "Chiyoda-ku";
  to_japan.line1 = "1-1 Marunouchi";
  auto moved = service_->Update(actor_, customer_.public_id, a.public_id, to_japan, 1);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->version, 2);
  EXPECT_EQ(moved->region_code, "13");
  EXPECT_TRUE(moved->default_billing) << "an edit keeps the defaults";
  auto stale = service_->Update(actor_, customer_.public_id, a.public_id, Berlin("x"), 1);
  EXPECT_EQ(stale.error().slug, "stale_version");
  EXPECT_EQ(AuditCount("address.updated"), 1);
  // An edit that changes nothing writes nothing.
  auto same = service_->Update(actor_, customer_.public_id, a.public_id, Patch{}, std::nullopt);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, 2);
  EXPECT_EQ(AuditCount("address.updated"), 1);
}

TEST_P(AddressesStore, DefaultsAndShippingSameAsBilling) {
  Address home = Add(Berlin("Home"));
  Address office = Add(Berlin("Office"));
  DefaultsInput in;
  in.shipping = std::optional<std::string>(office.public_id);
  auto book = service_->SetDefaults(actor_, customer_.public_id, in, std::nullopt);
  ASSERT_TRUE(book.ok()) << book.error().message;
  EXPECT_EQ(book->default_billing_id, home.public_id);
  EXPECT_EQ(book->default_shipping_id, office.public_id);

  DefaultsInput same;
  same.same_as_billing = true;
  book = service_->SetDefaults(actor_, customer_.public_id, same, book->version);
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(book->default_shipping_id, home.public_id);
  for (const auto& a : book->items) {
    EXPECT_EQ(a.default_shipping, a.public_id == home.public_id) << a.label;
  }
  auto defaults = service_->DefaultsOf(customer_.id);
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->shipping_same_as_billing);
  ASSERT_TRUE(defaults->shipping);
  EXPECT_EQ(defaults->shipping->public_id, home.public_id);

  // Turning it off brings back the shipping address chosen before.
  DefaultsInput off;
  off.same_as_billing = false;
  book = service_->SetDefaults(actor_, customer_.public_id, off, std::nullopt);
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(book->default_shipping_id, office.public_id);

  // A stale book version is refused; unknown addresses are field errors.
  EXPECT_EQ(service_->SetDefaults(actor_, customer_.public_id, off, 1).error().slug,
            "stale_version");
  DefaultsInput unknown;
  unknown.billing = std::optional<std::string>("adr_aaaaaaaaaaaaaaaaaaaa");
  auto bad = service_->SetDefaults(actor_, customer_.public_id, unknown, std::nullopt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "default_billing_address_id");
  EXPECT_EQ(AuditCount("address.defaults_changed"), 3);
}

TEST_P(AddressesStore, DeletingADefaultClearsItOrMovesIt) {
  Address home = Add(Berlin("Home"));
  Address office = Add(Berlin("Office"));
  Address parents = Add(Berlin("Parents"));
  // Moved to another address of the book.
  ASSERT_TRUE(
      service_->Delete(actor_, customer_.public_id, home.public_id, office.public_id, 1).ok());
  Book book = List();
  EXPECT_EQ(book.items.size(), 2u);
  EXPECT_EQ(book.default_billing_id, office.public_id);
  EXPECT_EQ(book.default_shipping_id, office.public_id);
  // Cleared.
  ASSERT_TRUE(
      service_->Delete(actor_, customer_.public_id, office.public_id, std::nullopt, std::nullopt)
          .ok());
  book = List();
  EXPECT_EQ(book.items.size(), 1u);
  EXPECT_FALSE(book.default_billing_id);
  EXPECT_FALSE(book.default_shipping_id);
  auto defaults = service_->DefaultsOf(customer_.id);
  ASSERT_TRUE(defaults.ok());
  EXPECT_FALSE(defaults->billing);
  // Moving to the address being deleted, or to one that does not exist, is refused.
  auto self = service_->Delete(actor_, customer_.public_id, parents.public_id, parents.public_id,
                               std::nullopt);
  EXPECT_EQ(self.error().fields.at(0).field, "move_defaults_to");
  auto stale = service_->Delete(actor_, customer_.public_id, parents.public_id, std::nullopt, 9);
  EXPECT_EQ(stale.error().slug, "stale_version");
  EXPECT_EQ(AuditCount("address.deleted"), 2);
}

TEST_P(AddressesStore, ConcurrentDefaultChoicesLeaveOneDefaultOfEach) {
  std::vector<Address> items;
  for (int i = 0; i < 6; ++i) items.push_back(Add(Berlin("A" + std::to_string(i))));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const Address& a = items[(t * 3 + i) % items.size()];
        Patch flags;
        flags.default_billing = true;
        flags.default_shipping = i % 2 == 0;
        if (!service_->Update(actor_, customer_.public_id, a.public_id, flags, std::nullopt).ok()) {
          ++failures;
        }
        DefaultsInput in;
        in.shipping = std::optional<std::string>(items[(t + i) % items.size()].public_id);
        if (!service_->SetDefaults(actor_, customer_.public_id, in, std::nullopt).ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto flags = db_->Read([&](db::Connection& c) {
    return c.Query(
        "SELECT sum(is_default_billing), sum(is_default_shipping) FROM customer_addresses"
        " WHERE customer_id = $1",
        {customer_.id});
  });
  ASSERT_TRUE(flags.ok());
  EXPECT_EQ(flags->at(0).Int(0), 1);
  EXPECT_EQ(flags->at(0).Int(1), 1);
}

TEST_P(AddressesStore, CustomerListFiltersByTheDefaultAddressPlace) {
  Address home = Add(Berlin("Home"));
  Patch munich = Berlin("Office");
  munich.city = "München";
  munich.postal_code = "80331";
  Address office = Add(munich);
  auto emails = [&](std::map<std::string, std::string> q) {
    std::vector<std::string> out;
    auto page = customers_->List({std::move(q)});
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    if (page.ok()) {
      for (const auto& c : page->items) out.push_back(c.email);
    }
    return out;
  };
  const std::vector<std::string> me = {customer_.email};
  EXPECT_EQ(emails({{"address_country", "de"}}), me);
  EXPECT_EQ(emails({{"address_city", "BERLIN"}}), me);
  EXPECT_TRUE(emails({{"address_city", "München"}}).empty()) << "not a default address";
  DefaultsInput in;
  in.shipping = std::optional<std::string>(office.public_id);
  ASSERT_TRUE(service_->SetDefaults(actor_, customer_.public_id, in, std::nullopt).ok());
  EXPECT_EQ(emails({{"address_city", "munchen"}}), me);
  // With shipping same as billing, the shipping choice does not count.
  in = {};
  in.same_as_billing = true;
  ASSERT_TRUE(service_->SetDefaults(actor_, customer_.public_id, in, std::nullopt).ok());
  EXPECT_TRUE(emails({{"address_city", "munchen"}}).empty());
  EXPECT_TRUE(emails({{"address_country", "FR"}}).empty());
  auto bad = customers_->List({{{"address_country", "XX"}}});
  EXPECT_FALSE(bad.ok());
  (void)home;
}

TEST_P(AddressesStore, DefaultsOfManyCustomers) {
  Add(Berlin("Home"));
  customers::NewCustomer n;
  n.fields.email = "none." + std::to_string(++counter_) + "@example.com";
  auto other = customers_->Create(actor_, n);
  ASSERT_TRUE(other.ok());
  auto many = service_->DefaultsOfMany({customer_.id, other->id});
  ASSERT_TRUE(many.ok());
  EXPECT_EQ(many->size(), 1u);
  ASSERT_TRUE(many->at(customer_.id).billing);
  EXPECT_EQ(many->at(customer_.id).billing->city, "Berlin");
}

INSTANTIATE_TEST_SUITE_P(Engines, AddressesStore,
                         ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
