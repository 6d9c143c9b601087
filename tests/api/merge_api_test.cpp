// Merging duplicate accounts over HTTP against the real binary on SQLite and PostgreSQL: the
// preview says what moves and what conflicts and changes nothing; the merge moves orders,
// transactions, store credit (the balances add up), the library, downloads and wishlist,
// addresses, tags and notes to the survivor, ends the merged account's sessions, leaves a
// tombstone whose old id leads to the survivor, and cannot be repeated; bad requests are
// refused and change nothing.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class MergeApi : public SharedServerSuite {
 protected:
  std::string Customer(const json& body) {
    auto r = server().Admin("POST", "/api/admin/customers", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  json Get(const std::string& id) {
    return server().Admin("GET", "/api/admin/customers/" + id).json();
  }
  void Credit(const std::string& id, int64_t amount) {
    auto r = server().Admin("POST", "/api/admin/customers/" + id + "/wallet",
                            {{"amount", amount}, {"currency", "EUR"}, {"reason", "merge test"}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // A paid order of the e-book (a digital product); returns the order's number.
  std::string Order(const std::string& id, const std::string& number) {
    json items = json::array({{{"sku", sku_}}});
    auto r = server().Admin("POST", "/api/admin/orders",
                            {{"number", number},
                             {"customer_id", id},
                             {"currency", "EUR"},
                             {"items", items},
                             {"payments", json::array({{{"amount", 700}}})}});
    EXPECT_EQ(r.status, 201) << r.body;
    return number;
  }
  void SetUpCatalog() {
    sku_ = "MERGE-EB-" + GetParam() + "-" + std::to_string(++serial_);
    json p = {{"sku", sku_},
              {"name", "Merge e-book"},
              {"price", 700},
              {"currency", "EUR"},
              {"digital", true}};
    ASSERT_EQ(server().Admin("POST", "/api/admin/products", p).status, 201);
  }
  static inline int serial_ = 0;
  std::string sku_;
};

TEST_P(MergeApi, PreviewThenMergeMovesEverythingToTheSurvivor) {
  SetUpCatalog();
  const std::string tag = "merge-" + GetParam();
  const std::string s = Customer({{"email", "sara.merge." + GetParam() + "@example.com"},
                                  {"first_name", "Sara"},
                                  {"last_name", "Berg"},
                                  {"note", "Prefers e-mail."}});
  const std::string d = Customer({{"email", "s.berg.merge." + GetParam() + "@example.com"},
                                  {"first_name", "Sarah"},
                                  {"last_name", "Berg"},
                                  {"phone", "+4915123456789"},
                                  {"note", "Called about a parcel."},
                                  {"tags", {tag}}});
  Credit(s, 1000);
  Credit(d, 2500);
  Order(d, "M-" + GetParam() + "-1");
  Order(d, "M-" + GetParam() + "-2");
  json address = {{"line1", "Hauptstraße 5"}, {"city", "Berlin"},      {"postal_code", "10115"},
                  {"country", "DE"},          {"first_name", "Sarah"}, {"last_name", "Berg"}};
  ASSERT_EQ(server().Admin("POST", "/api/admin/customers/" + d + "/addresses", address).status,
            201);

  auto preview =
      server().Admin("POST", "/api/admin/customers/" + s + "/merge/preview", {{"merge", {d}}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  json p = preview.json();
  json moves = p["merged"][0]["moves"];
  EXPECT_EQ(moves.value("orders", 0), 2);
  EXPECT_EQ(moves.value("transactions", 0), 2);
  EXPECT_EQ(moves.value("wallet_entries", 0), 1);
  EXPECT_EQ(moves.value("library_entries", 0), 2);
  EXPECT_EQ(moves.value("addresses", 0), 1);
  EXPECT_EQ(moves["tags"], json::array({tag}));
  EXPECT_EQ(p["balances"][0].value("survivor", 0), 1000);
  EXPECT_EQ(p["balances"][0].value("after", 0), 3500);
  std::set<std::string> conflicts, filled;
  for (const auto& c : p["conflicts"]) conflicts.insert(c.value("field", ""));
  for (const auto& f : p["filled"]) filled.insert(f.value("field", ""));
  EXPECT_TRUE(conflicts.count("first_name")) << p.dump();
  EXPECT_TRUE(conflicts.count("email"));
  EXPECT_FALSE(conflicts.count("last_name"));
  EXPECT_TRUE(filled.count("phone"));
  // A preview changes nothing.
  EXPECT_EQ(Get(d).value("id", ""), d);

  auto merged = server().Admin("POST", "/api/admin/customers/" + s + "/merge",
                               {{"merge", {d}}, {"fields", {{"first_name", d}}}});
  ASSERT_EQ(merged.status, 200) << merged.body;
  json after = Get(s);
  EXPECT_EQ(after.value("first_name", ""), "Sarah");
  EXPECT_EQ(after.value("email", ""), "sara.merge." + GetParam() + "@example.com");
  EXPECT_EQ(after.value("phone", ""), "+4915123456789");
  EXPECT_EQ(after.value("note", ""), "Prefers e-mail.\n\nCalled about a parcel.");
  EXPECT_EQ(after["tags"], json::array({tag}));
  EXPECT_EQ(after.value("orders_count", 0), 2);
  EXPECT_EQ(after["balances"][0].value("amount", 0), 3500) << after.dump();
  auto wallet = server().Admin("GET", "/api/admin/customers/" + s + "/wallet").json();
  EXPECT_EQ(wallet["balances"][0].value("available", 0), 3500);
  auto orders = server().Admin("GET", "/api/admin/customers/" + s + "/orders").json();
  ASSERT_EQ(orders["items"].size(), 2u);
  EXPECT_EQ(orders["items"][0].value("customer_id", ""), s);
  auto library = server().Admin("GET", "/api/admin/customers/" + s + "/library").json();
  EXPECT_EQ(library["items"].size(), 2u);
  auto addresses = server().Admin("GET", "/api/admin/customers/" + s + "/addresses").json();
  EXPECT_EQ(addresses["items"].size(), 1u) << addresses.dump();

  // The old id leads to the survivor; a second merge of the pair is refused.
  auto old = server().Admin("GET", "/api/admin/customers/" + d);
  EXPECT_EQ(old.status, 308);
  EXPECT_EQ(old.headers["location"], "/api/admin/customers/" + s);
  EXPECT_EQ(old.json().value("survivor_id", ""), s);
  auto again = server().Admin("POST", "/api/admin/customers/" + s + "/merge", {{"merge", {d}}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json().value("code", ""), "already_merged");

  // Audited on both, with the summary.
  auto audit = server().Admin("GET", "/api/admin/customers/" + s + "/activity").json();
  bool seen = false;
  for (const auto& e : audit["items"]) {
    if (e.value("action", "") != "customer.merged") continue;
    seen = true;
    EXPECT_EQ(e["changes"]["merged"][0].value("id", ""), d) << e.dump();
  }
  EXPECT_TRUE(seen) << audit.dump();

  // Erasing the survivor erases the merged account's history too, and its tombstone.
  auto before = server().Admin("GET", "/api/admin/audit?customer=" + d);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_NE(before.body.find("s.berg.merge"), std::string::npos);
  ASSERT_EQ(server()
                .Admin("POST", "/api/admin/customers/" + s + "/erase",
                       {{"confirm", "sara.merge." + GetParam() + "@example.com"}})
                .status,
            204);
  auto history = server().Admin("GET", "/api/admin/audit?customer=" + d);
  EXPECT_EQ(history.body.find("s.berg.merge"), std::string::npos) << history.body;
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers/" + d).status, 404);
}

TEST_P(MergeApi, ASecondMergeCarriesTheTombstonesAlong) {
  const std::string a = Customer({{"email", "a.chain." + GetParam() + "@example.com"}});
  const std::string b = Customer({{"email", "b.chain." + GetParam() + "@example.com"}});
  const std::string c = Customer({{"email", "c.chain." + GetParam() + "@example.com"}});
  ASSERT_EQ(server().Admin("POST", "/api/admin/customers/" + b + "/merge", {{"merge", {a}}}).status,
            200);
  ASSERT_EQ(server().Admin("POST", "/api/admin/customers/" + c + "/merge", {{"merge", {b}}}).status,
            200);
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers/" + a).headers["location"],
            "/api/admin/customers/" + c);
  auto into_tombstone =
      server().Admin("POST", "/api/admin/customers/" + b + "/merge", {{"merge", {c}}});
  EXPECT_EQ(into_tombstone.status, 409);
  EXPECT_EQ(into_tombstone.json().value("code", ""), "already_merged");
}

TEST_P(MergeApi, BadRequestsAreRefusedAndChangeNothing) {
  const std::string s = Customer({{"email", "bad.survivor." + GetParam() + "@example.com"}});
  const std::string g =
      Customer({{"email", "bad.guest." + GetParam() + "@example.com"}, {"kind", "guest"}});
  auto self = server().Admin("POST", "/api/admin/customers/" + s + "/merge", {{"merge", {s}}});
  EXPECT_EQ(self.status, 422);
  EXPECT_EQ(self.json()["errors"][0].value("code", ""), "survivor");
  auto none =
      server().Admin("POST", "/api/admin/customers/" + s + "/merge", {{"merge", json::array()}});
  EXPECT_EQ(none.status, 422);
  auto unknown = server().Admin("POST", "/api/admin/customers/" + s + "/merge",
                                {{"merge", {"cus_doesnotexist000000"}}});
  EXPECT_EQ(unknown.status, 422);
  auto field = server().Admin("POST", "/api/admin/customers/" + s + "/merge",
                              {{"merge", {g}}, {"fields", {{"password", g}}}});
  EXPECT_EQ(field.status, 422);
  EXPECT_EQ(field.json()["errors"][0].value("field", ""), "fields.password");
  // A registered account never merges into a guest record.
  auto into_guest =
      server().Admin("POST", "/api/admin/customers/" + g + "/merge", {{"merge", {s}}});
  EXPECT_EQ(into_guest.status, 409);
  EXPECT_EQ(into_guest.json().value("code", ""), "survivor_is_guest");
  EXPECT_EQ(Get(s).value("id", ""), s);
  EXPECT_EQ(Get(g).value("id", ""), g);
}

// The survivor would pass the limit of 100 addresses: refused before anything moves.
TEST_P(MergeApi, AMergePastTheAddressLimitIsRefused) {
  const std::string s = Customer({{"email", "many.a." + GetParam() + "@example.com"}});
  const std::string d = Customer({{"email", "many.b." + GetParam() + "@example.com"}});
  for (int i = 0; i < 101; ++i) {
    json address = {{"line1", "Ringstraße " + std::to_string(i + 1)},
                    {"city", "Wien"},
                    {"postal_code", "1010"},
                    {"country", "AT"},
                    {"last_name", "Huber"}};
    auto r =
        server().Admin("POST", "/api/admin/customers/" + (i < 51 ? s : d) + "/addresses", address);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  for (const char* path : {"/merge/preview", "/merge"}) {
    auto r = server().Admin("POST", "/api/admin/customers/" + s + path, {{"merge", {d}}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.json().value("code", ""), "too_many_addresses");
  }
  EXPECT_EQ(Get(d).value("id", ""), d);
  auto left = server().Admin("GET", "/api/admin/customers/" + d + "/addresses");
  EXPECT_EQ(left.json()["items"].size(), 50u) << left.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, MergeApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
