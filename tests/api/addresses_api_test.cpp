// The address-book API over HTTP against the real binary, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class AddressesApi : public SharedServerSuite {
 protected:
  // A new customer of its own for each test; returns the path of its address book.
  std::string NewCustomer(const std::string& first = "Mia", const std::string& last = "Klein") {
    static std::atomic<int> n{0};
    auto r = server().Admin("POST", "/api/admin/customers",
                            {{"first_name", first},
                             {"last_name", last},
                             {"email", "addr." + std::to_string(++n) + "." +
                                           std::to_string(getpid()) + "@example.com"}});
    EXPECT_EQ(r.status, 201) << r.body;
    customer_ = r.json();
    return "/api/admin/customers/" + customer_["id"].get<std::string>() + "/addresses";
  }

  json Add(const std::string& book, const json& body) {
    auto r = server().Admin("POST", book, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  static json Berlin(const std::string& label) {
    return {{"label", label},
            {"line1", "Hauptstraße 5"},
            {"city", "Berlin"},
            {"postal_code", "10115"},
            {"country", "DE"}};
  }

  static std::vector<std::string> FieldErrors(const HttpResult& r) {
    std::vector<std::string> out;
    for (const auto& e : r.json().value("errors", json::array())) {
      out.push_back(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
    }
    return out;
  }

  json customer_;
};

TEST_P(AddressesApi, AddReadEditDeleteWithETags) {
  const std::string book = NewCustomer();
  auto created = server().Admin("POST", book, Berlin("Home"));
  ASSERT_EQ(created.status, 201) << created.body;
  json a = created.json();
  EXPECT_EQ(a["first_name"], "Mia") << "the customer's name by default";
  EXPECT_EQ(a["kind"], "residential");
  EXPECT_EQ(a["default_billing"], true);
  EXPECT_EQ(a["default_shipping"], true);
  EXPECT_EQ(a["formatted"], json({"Mia Klein", "Hauptstraße 5", "10115 Berlin", "Germany"}));
  EXPECT_EQ(a["summary"], "Hauptstraße 5, 10115 Berlin, Germany");
  const std::string path = created.headers["location"];
  EXPECT_EQ(path, book + "/" + a["id"].get<std::string>());
  EXPECT_EQ(created.headers["etag"], "\"1\"");

  auto read = server().Admin("GET", path);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json()["line1"], "Hauptstraße 5");

  auto edited = server().Admin("PATCH", path,
                               {{"country", "US"},
                                {"line1", "1600 Amphitheatre Pkwy"},
                                {"city", "Mountain View"},
                                {"region", "california"},
                                {"postal_code", "94043"},
                                {"kind", "business"},
                                {"company", "Example Inc."}},
                               {"If-Match: \"1\""});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.headers["etag"], "\"2\"");
  EXPECT_EQ(edited.json()["region_code"], "CA");
  EXPECT_EQ(edited.json()["formatted"][3], "Mountain View, CA 94043");
  auto stale = server().Admin("PATCH", path, {{"label", "Old"}}, {"If-Match: \"1\""});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.json()["code"], "stale_version");
  auto read_only = server().Admin("PATCH", path, {{"summary", "x"}, {"version", 3}});
  EXPECT_EQ(read_only.status, 422);

  auto listed = server().Admin("GET", book);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["default_billing_address_id"], a["id"]);
  EXPECT_FALSE(listed.headers["etag"].empty());

  EXPECT_EQ(server().Admin("DELETE", path).status, 204);
  EXPECT_EQ(server().Admin("GET", path).status, 404);
  EXPECT_EQ(server().Admin("GET", book).json()["default_billing_address_id"], nullptr);
  auto activity = server().Admin(
      "GET", "/api/admin/customers/" + customer_["id"].get<std::string>() + "/activity");
  const json events = activity.json();  // must outlive the loop over its items
  std::set<std::string> actions;
  for (const auto& e : events["items"]) actions.insert(e["action"].get<std::string>());
  for (const char* action : {"address.created", "address.updated", "address.deleted"}) {
    EXPECT_TRUE(actions.count(action)) << action;
  }
  // A change of defaults says which addresses, by id and as the address a person reads.
  for (const auto& e : events["items"]) {
    if (e["action"] != "address.deleted") continue;
    ASSERT_TRUE(e["changes"].contains("default_billing_address")) << e.dump();
    EXPECT_EQ(e["changes"]["default_billing_address"]["to"], nullptr);
    EXPECT_TRUE(e["changes"]["default_billing_address"]["from"].is_string()) << e.dump();
    EXPECT_TRUE(e["changes"]["default_billing_address_id"]["from"].is_string()) << e.dump();
  }
}

// Every country the issue names: a valid address is accepted in its written form; a badly
// shaped or missing postal code and a missing region are field errors.
struct CountryCase {
  const char* country;
  const char* region;       // needed by the country, or ""
  const char* postal_code;  // as typed
  const char* written;
  const char* bad_postal;
};

const CountryCase kCountries[] = {
    {"US", "NY", "10001", "10001", "1000"},
    {"CA", "QC", "h2x1y4", "H2X 1Y4", "H2X1Y"},
    {"GB", "", "ec1a1bb", "EC1A 1BB", "EC1A1B"},
    {"DE", "", "80331", "80331", "8033"},
    {"FR", "", "75008", "75008", "7500"},
    {"NL", "", "1012 JS", "1012 JS", "1012J"},
    {"JP", "大阪府", "530-0001", "530-0001", "53000"},
    {"CN", "GD", "518000", "518000", "51800"},
    {"IN", "Maharashtra", "400001", "400001", "40001"},
    {"BR", "RJ", "22041001", "22041-001", "2204100"},
    {"AU", "VIC", "3000", "3000", "30000"},
    {"KW", "", "13001", "13001", "1300"},
    {"SA", "", "12271-1234", "12271-1234", "122711"},
    {"AE", "Dubai", "", "", "00000"},
    {"JO", "", "11181", "11181", "111"},
};

TEST_P(AddressesApi, ValidationPerCountry) {
  const std::string book = NewCustomer();
  for (const auto& c : kCountries) {
    SCOPED_TRACE(c.country);
    json body = {{"line1", "Street 1"},
                 {"city", "Town"},
                 {"country", c.country},
                 {"region", c.region},
                 {"postal_code", c.postal_code}};
    auto ok = server().Admin("POST", book, body);
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json()["postal_code"], c.written);

    body["postal_code"] = c.bad_postal;
    auto bad = server().Admin("POST", book, body);
    EXPECT_EQ(bad.status, 422);
    const std::string code = std::string(c.country) == "AE" ? "not_used" : "invalid_postal_code";
    EXPECT_EQ(FieldErrors(bad), std::vector<std::string>{"postal_code:" + code});
    EXPECT_FALSE(bad.json()["errors"][0]["message"].get<std::string>().empty());

    if (std::string(c.country) != "AE") {
      body["postal_code"] = "";
      EXPECT_EQ(FieldErrors(server().Admin("POST", book, body)),
                std::vector<std::string>{"postal_code:required"});
    }
    if (*c.region) {
      body["postal_code"] = c.postal_code;
      body["region"] = "";
      EXPECT_EQ(FieldErrors(server().Admin("POST", book, body)),
                std::vector<std::string>{"region:required"});
    }
  }
  EXPECT_EQ(server().Admin("GET", book).json()["items"].size(), std::size(kCountries));
}

TEST_P(AddressesApi, DeletingADefaultClearsItUnlessItIsMoved) {
  const std::string book = NewCustomer();
  json home = Add(book, Berlin("Home"));
  json office = Add(book, Berlin("Office"));
  json parents = Add(book, Berlin("Parents"));
  // Move the defaults to the office while deleting home.
  auto moved = server().Admin("DELETE", book + "/" + home["id"].get<std::string>() +
                                            "?move_defaults_to=" + office["id"].get<std::string>());
  ASSERT_EQ(moved.status, 204) << moved.body;
  json state = server().Admin("GET", book).json();
  EXPECT_EQ(state["default_billing_address_id"], office["id"]);
  EXPECT_EQ(state["default_shipping_address_id"], office["id"]);
  // Without a target the default is cleared, not left pointing at nothing.
  ASSERT_EQ(server().Admin("DELETE", book + "/" + office["id"].get<std::string>()).status, 204);
  state = server().Admin("GET", book).json();
  EXPECT_EQ(state["default_billing_address_id"], nullptr);
  EXPECT_EQ(state["default_shipping_address_id"], nullptr);
  auto customer =
      server().Admin("GET", "/api/admin/customers/" + customer_["id"].get<std::string>()).json();
  EXPECT_EQ(customer["default_billing_address"], nullptr);
  EXPECT_EQ(customer["billing_address_summary"], nullptr);
  // A target that is not in this book is a field error and deletes nothing.
  auto wrong = server().Admin("DELETE", book + "/" + parents["id"].get<std::string>() +
                                            "?move_defaults_to=adr_aaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(FieldErrors(wrong), std::vector<std::string>{"move_defaults_to:unknown_address"});
  EXPECT_EQ(server().Admin("GET", book).json()["items"].size(), 1u);
}

TEST_P(AddressesApi, DefaultsAndShippingSameAsBillingShowOnTheCustomer) {
  const std::string book = NewCustomer();
  json home = Add(book, Berlin("Home"));
  json gb = Add(book, {{"label", "Work"},
                       {"line1", "10 Downing Street"},
                       {"city", "London"},
                       {"postal_code", "sw1a2aa"},
                       {"country", "GB"},
                       {"default_shipping", true}});
  EXPECT_EQ(gb["default_shipping"], true);
  const std::string customer_path = "/api/admin/customers/" + customer_["id"].get<std::string>();
  json c = server().Admin("GET", customer_path).json();
  EXPECT_EQ(c["default_billing_address"]["id"], home["id"]);
  EXPECT_EQ(c["default_shipping_address"]["id"], gb["id"]);
  EXPECT_EQ(c["shipping_address_summary"], "10 Downing Street, LONDON, SW1A 2AA, United Kingdom");
  EXPECT_EQ(c["shipping_same_as_billing"], false);

  auto etag = server().Admin("GET", book).headers["etag"];
  auto same =
      server().Admin("PATCH", book, {{"shipping_same_as_billing", true}}, {"If-Match: " + etag});
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json()["default_shipping_address_id"], home["id"]);
  EXPECT_EQ(server()
                .Admin("PATCH", book, {{"shipping_same_as_billing", false}}, {"If-Match: " + etag})
                .status,
            412);
  c = server().Admin("GET", customer_path).json();
  EXPECT_EQ(c["default_shipping_address"]["id"], home["id"]);
  EXPECT_EQ(c["shipping_same_as_billing"], true);
  // Both at once is a contradiction.
  auto both = server().Admin(
      "PATCH", book,
      {{"default_shipping_address_id", gb["id"]}, {"shipping_same_as_billing", true}});
  EXPECT_EQ(both.status, 422);
  // The list shows one line per default and filters by the default address's place.
  auto list =
      server().Admin("GET", "/api/admin/customers?address_country=DE&address_city=berlin&q=" +
                                customer_["email"].get<std::string>());
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["items"].size(), 1u);
  json item = list.json()["items"][0];
  EXPECT_EQ(item["billing_address_summary"], "Hauptstraße 5, 10115 Berlin, Germany");
  EXPECT_EQ(item["shipping_address_summary"], item["billing_address_summary"]);
  EXPECT_FALSE(item.contains("default_billing_address")) << "lists carry summaries only";
  auto none = server().Admin(
      "GET", "/api/admin/customers?address_city=London&q=" + customer_["email"].get<std::string>());
  EXPECT_EQ(none.json()["items"].size(), 0u) << "shipping goes to the billing address now";
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers?address_country=XX").status, 422);
}

TEST_P(AddressesApi, DefaultsStayUniqueUnderConcurrentEdits) {
  const std::string book = NewCustomer();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(Add(book, Berlin(std::string("A").append(std::to_string(i))))["id"]);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) {
        const std::string& id = ids[(t + i) % ids.size()];
        auto a = server().Admin("PATCH", book + "/" + id,
                                {{"default_billing", true}, {"default_shipping", i % 2 == 0}});
        if (a.status != 200) ++errors;
        auto b = server().Admin("PATCH", book,
                                {{"default_shipping_address_id", ids[(t * 2 + i) % ids.size()]}});
        if (b.status != 200) ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  json state = server().Admin("GET", book).json();
  int billing = 0, shipping = 0;
  for (const auto& a : state["items"]) {
    billing += a["default_billing"].get<bool>();
    shipping += a["default_shipping"].get<bool>();
  }
  EXPECT_EQ(billing, 1);
  EXPECT_EQ(shipping, 1);
  EXPECT_NE(state["default_billing_address_id"], nullptr);
}

TEST_P(AddressesApi, UnknownCustomersAddressesAndGarbage) {
  EXPECT_EQ(server().Admin("GET", "/api/admin/customers/cus_nope/addresses").status, 404);
  const std::string book = NewCustomer();
  EXPECT_EQ(server().Admin("GET", book + "/adr_nope").status, 404);
  EXPECT_EQ(server().Admin("PATCH", book + "/adr_nope", {{"label", "x"}}).status, 404);
  EXPECT_EQ(server().Admin("DELETE", book + "/adr_nope").status, 404);
  auto malformed = server().Call(
      "POST", book, "{nope",
      {"Authorization: Bearer " + server().token(), "Content-Type: application/json"});
  EXPECT_EQ(malformed.status, 400);
  auto types = server().Admin("POST", book, {{"line1", 5}, {"default_billing", "yes"}, {"x", 1}});
  EXPECT_EQ(types.status, 422);
  EXPECT_EQ(FieldErrors(types),
            (std::vector<std::string>{"line1:invalid_type", "default_billing:invalid_type",
                                      "x:unknown_field"}));
  EXPECT_EQ(server().Admin("GET", book).json()["items"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Engines, AddressesApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
