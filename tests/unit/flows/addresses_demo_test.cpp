// The demo store's address books: most customers have one, in their own country, every address
// passes the country's rules unchanged, and the defaults are unique per customer.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "db/database.hpp"
#include "flows/demo/demo.hpp"
#include "modules/addresses/model.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

constexpr int64_t kCustomers = 3000;

TEST(DemoAddresses, MostCustomersHaveValidAddressesInTheirOwnCountry) {
  auto db = clientele::testing::FreshMigratedDatabase("sqlite");
  ASSERT_NE(db, nullptr);
  demo::Options options;
  options.customers = kCustomers;
  options.seed = 11;
  options.now_micros = 1'763'900'000'000'000;
  ASSERT_TRUE(demo::Load(*db, options).ok());

  auto rows = db->Read([](db::Connection& c) {
    return c.Query(
        "SELECT a.customer_id, c.country, a.label, a.first_name, a.last_name, a.company, a.kind,"
        " a.line1, a.line2, a.city, a.region, a.region_code, a.postal_code, a.country, a.phone,"
        " a.is_default_billing, a.is_default_shipping, a.city_key, a.public_id"
        " FROM customer_addresses a JOIN customers c ON c.id = a.customer_id");
  });
  ASSERT_TRUE(rows.ok());
  std::set<int64_t> with_address;
  std::map<int64_t, int> billing, shipping;
  std::set<std::string> countries, public_ids;
  for (const auto& r : *rows) {
    const int64_t customer = r.Int(0);
    with_address.insert(customer);
    EXPECT_EQ(r.Text(13), r.Text(1)) << "an address in the customer's own country";
    countries.insert(r.Text(13));
    EXPECT_TRUE(public_ids.insert(r.Text(18)).second);
    if (r.Bool(15)) ++billing[customer];
    if (r.Bool(16)) ++shipping[customer];

    addresses::Address stored;
    stored.label = r.Text(2);
    stored.first_name = r.Text(3);
    stored.last_name = r.Text(4);
    stored.company = r.Text(5);
    stored.kind = addresses::ParseKind(r.Text(6)).value();
    stored.line1 = r.Text(7);
    stored.line2 = r.Text(8);
    stored.city = r.Text(9);
    stored.region = r.Text(10);
    stored.region_code = r.Text(11);
    stored.postal_code = r.Text(12);
    stored.country = r.Text(13);
    stored.phone = r.Text(14);
    EXPECT_EQ(r.Text(17), addresses::CityKey(stored.city));
    // Checking it again changes nothing: it is valid and already in its written form.
    addresses::Address checked = stored;
    auto s = addresses::ApplyPatch({}, checked);
    ASSERT_TRUE(s.ok()) << stored.country << " " << stored.postal_code << " " << stored.region
                        << ": " << s.error().fields.front().message;
    EXPECT_EQ(checked.postal_code, stored.postal_code);
    EXPECT_EQ(checked.region, stored.region);
    EXPECT_EQ(checked.region_code, stored.region_code);
  }
  EXPECT_GT(with_address.size(), kCustomers * 3 / 4) << "most customers have an address";
  EXPECT_LT(with_address.size(), static_cast<size_t>(kCustomers));
  EXPECT_GE(countries.size(), 30u);
  EXPECT_EQ(billing.size(), with_address.size()) << "every address book has a billing default";
  for (const auto& [customer, n] : billing) EXPECT_EQ(n, 1);
  for (const auto& [customer, n] : shipping) EXPECT_EQ(n, 1);
  auto books = db->Read([](db::Connection& c) {
    return c.Query("SELECT count(*) FROM address_books WHERE shipping_same_as_billing = 1");
  });
  ASSERT_TRUE(books.ok());
  EXPECT_GT(books->at(0).Int(0), 0);
  EXPECT_EQ(static_cast<size_t>(books->at(0).Int(0)) + shipping.size(), with_address.size())
      << "each book ships to its billing address or has a shipping default";
}

}  // namespace
}  // namespace clientele
