// The customer's data export (GDPR access request) over HTTP against the real binary on SQLite
// and PostgreSQL: an admin downloads everything the store holds about a customer (profile,
// account, addresses, sessions, consents, messages, orders with their transactions, wallet,
// library, downloads, wishlist, activity) as JSON or as an HTML page, without any credential;
// viewers may not; each download is audited; the shopper downloads the same document.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "tulip garden 42";

// Every key of `v`, at any depth, that is named like a credential.
void CredentialKeys(const json& v, const std::string& at, std::vector<std::string>& found) {
  if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      std::string lower = key;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      for (const char* word : {"password", "secret", "totp", "hash", "token"}) {
        if (lower.find(word) != std::string::npos) found.push_back(at + "." + key);
      }
      CredentialKeys(value, at + "." + key, found);
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      CredentialKeys(v[i], at + "[" + std::to_string(i) + "]", found);
    }
  }
}

std::set<std::string> Actions(const json& events) {
  std::set<std::string> out;
  for (const auto& e : events) out.insert(e.value("action", ""));
  return out;
}

class CustomerDataApi : public SharedServerSuite {
 protected:
  // Keys that are this test's own on the shared server.
  std::string Own(const std::string& name) { return name + "-" + GetParam(); }

  HttpResult Post(const std::string& path, const json& body) {
    return server().Call("POST", path, body.dump(), {"Content-Type: application/json"});
  }

  // Registers and verifies `email` through the customer area; returns the customer's id and
  // the shopper's session. `link` receives the verification link's token.
  std::pair<std::string, BrowserSession> Shopper(const std::string& email,
                                                 const std::string& first_name,
                                                 std::string* link = nullptr) {
    auto reg = Post("/api/store/register", {{"first_name", first_name},
                                            {"last_name", "Lee"},
                                            {"email", email},
                                            {"password", kPassword},
                                            {"consent_email", true}});
    EXPECT_EQ(reg.status, 202) << reg.body;
    const std::string token = server().LinkToken("verification", email);
    if (link) *link = token;
    auto verified = Post("/api/store/verify", {{"token", token}, {"password", kPassword}});
    EXPECT_EQ(verified.status, 200) << verified.body;
    const std::string& cookie = verified.headers["set-cookie"];
    return {verified.json()["customer"].value("id", ""),
            BrowserSession{cookie.substr(0, cookie.find(';')),
                           verified.json().value("csrf_token", "")}};
  }

  // A customer holding something of every kind: an address, a note, a paid order, store
  // credit, a gift in the library, a wish and an e-mail from the store. `tag` keeps the
  // products, the order number and the idempotency key the customer's own.
  void FillUp(const std::string& id, const BrowserSession& shopper, const std::string& tag) {
    const std::string ebook = Own(tag + "-EBOOK"), mug = Own(tag + "-MUG");
    json products =
        json::array({{{"sku", ebook},
                      {"name", "Data Ebook"},
                      {"price", 900},
                      {"currency", "USD"},
                      {"digital", true},
                      {"files", json::array({{{"name", "data.pdf"},
                                              {"media_type", "application/pdf"},
                                              {"storage_path", "ebooks/data.pdf"}}})}},
                     {{"sku", mug}, {"name", "Data Mug"}, {"price", 1200}, {"currency", "USD"}}});
    auto catalog = server().Admin("POST", "/api/admin/products/batch", {{"items", products}});
    ASSERT_EQ(catalog.status, 200) << catalog.body;

    const std::string base = "/api/admin/customers/" + id;
    auto address = server().Admin("POST", base + "/addresses",
                                  {{"line1", "5 Data Lane"},
                                   {"city", "Leeds"},
                                   {"postal_code", "LS1 1AA"},
                                   {"country", "GB"},
                                   {"default_billing", true}});
    ASSERT_EQ(address.status, 201) << address.body;
    auto note = server().Admin("PATCH", base, {{"note", "Prefers parcels left next door"}});
    ASSERT_EQ(note.status, 200) << note.body;

    auto order = server().Admin("POST", "/api/admin/orders",
                                {{"number", Own(tag + "-1001")},
                                 {"customer_id", id},
                                 {"items", json::array({json{{"sku", mug}}})}});
    ASSERT_EQ(order.status, 201) << order.body;
    auto paid = server().Admin(
        "POST", "/api/admin/orders/" + order.json().value("id", "") + "/transactions",
        {{"kind", "payment"}, {"amount", 1200}, {"method", "card"}});
    ASSERT_EQ(paid.status, 201) << paid.body;

    auto credit = server().Admin("POST", base + "/wallet",
                                 {{"currency", "USD"}, {"amount", 750}, {"reason", "Goodwill"}},
                                 {"Idempotency-Key: " + Own(tag + "-credit")});
    ASSERT_EQ(credit.status, 201) << credit.body;
    auto gift = server().Admin("POST", base + "/library",
                               {{"product", ebook}, {"method", "gift"}, {"note", "Birthday"}});
    ASSERT_EQ(gift.status, 201) << gift.body;
    auto wish = server().AsBrowser(shopper, "POST", "/api/store/me/wishlist", {{"product", mug}});
    ASSERT_EQ(wish.status, 201) << wish.body;
    auto mail = server().Admin("POST", base + "/messages",
                               {{"subject", "Your parcel"}, {"body", "It left today."}});
    ASSERT_EQ(mail.status, 201) << mail.body;
  }
};

TEST_P(CustomerDataApi, AnAdminDownloadsEverythingTheStoreHolds) {
  std::string link;
  auto [id, shopper] = Shopper(Own("ann.data") + "@example.com", "Ann <b>&", &link);
  ASSERT_FALSE(id.empty());
  FillUp(id, shopper, "ANN");
  const std::string path = "/api/admin/customers/" + id + "/data-export";

  auto r = server().Admin("GET", path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  EXPECT_EQ(r.headers["content-disposition"],
            "attachment; filename=\"customer-" + id + "-data.json\"");
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  const json doc = r.json();

  const json& profile = doc["profile"];
  EXPECT_EQ(profile.value("id", ""), id);
  EXPECT_EQ(profile.value("first_name", ""), "Ann <b>&");
  EXPECT_EQ(profile.value("email", ""), Own("ann.data") + "@example.com");
  EXPECT_EQ(profile.value("note", ""), "Prefers parcels left next door");
  EXPECT_TRUE(profile.value("email_marketing_consent", false));
  EXPECT_TRUE(profile.value("email_verified", false));

  const json& account = doc["account"];
  EXPECT_TRUE(account.value("email_verified", false));
  EXPECT_EQ(account.value("second_factor", ""), "none");
  EXPECT_EQ(account.value("active_sessions", 0), 1);

  const json& addresses = doc["addresses"];
  ASSERT_EQ(addresses.size(), 1u);
  EXPECT_EQ(addresses[0].value("city", ""), "Leeds");
  EXPECT_TRUE(addresses[0].value("default_billing", false));
  ASSERT_EQ(doc["sessions"].size(), 1u);
  EXPECT_FALSE(doc["sessions"][0].value("device", "").empty());
  ASSERT_GE(doc["consent_history"].size(), 1u);
  EXPECT_EQ(doc["consent_history"][0].value("channel", ""), "email");
  EXPECT_TRUE(doc["consent_history"][0].value("granted", false));

  std::set<std::string> subjects;
  for (const auto& m : doc["messages"]) subjects.insert(m.value("subject", ""));
  EXPECT_TRUE(subjects.count("Your parcel")) << doc["messages"].dump();
  EXPECT_FALSE(doc["messages"][0].contains("body_text"));

  const json& orders = doc["orders"];
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].value("number", ""), Own("ANN-1001"));
  EXPECT_EQ(orders[0].value("total", 0), 1200);
  EXPECT_EQ(orders[0].value("payment_status", ""), "paid");
  EXPECT_EQ(orders[0]["items"][0].value("sku", ""), Own("ANN-MUG"));
  EXPECT_FALSE(orders[0].contains("view_url")) << "the link carries the order's token";
  EXPECT_FALSE(orders[0].contains("payment_url"));
  ASSERT_EQ(orders[0]["transactions"].size(), 1u);
  EXPECT_EQ(orders[0]["transactions"][0].value("kind", ""), "payment");
  EXPECT_EQ(orders[0]["transactions"][0].value("amount", 0), 1200);
  EXPECT_TRUE(doc["transactions_without_order"].empty());

  const json& wallet = doc["wallet"];
  ASSERT_EQ(wallet["balances"].size(), 1u);
  EXPECT_EQ(wallet["balances"][0].value("currency", ""), "USD");
  EXPECT_EQ(wallet["balances"][0].value("available", 0), 750);
  ASSERT_EQ(wallet["history"].size(), 1u);
  EXPECT_EQ(wallet["history"][0].value("reason", ""), "Goodwill");

  ASSERT_EQ(doc["library"].size(), 1u);
  EXPECT_EQ(doc["library"][0]["product"].value("sku", ""), Own("ANN-EBOOK"));
  EXPECT_EQ(doc["library"][0].value("method", ""), "gift");
  EXPECT_TRUE(doc["downloads"].is_array());
  ASSERT_EQ(doc["wishlist"].size(), 1u);
  EXPECT_EQ(doc["wishlist"][0]["product"].value("sku", ""), Own("ANN-MUG"));
  EXPECT_EQ(doc["wishlist"][0].value("state", ""), "open");

  const std::set<std::string> actions = Actions(doc["activity"]);
  for (const char* a : {"customer.registered", "customer.updated", "customer.wallet_credited",
                        "customer.library_entry_added", "customer.wishlist_added"}) {
    EXPECT_TRUE(actions.count(a)) << a << " in " << doc["activity"].dump();
  }
  // Where staff acted from stays the store's; the customer's own actions keep theirs.
  for (const auto& e : doc["activity"]) {
    if (e.value("actor_type", "") != "customer") {
      EXPECT_TRUE(e["ip"].is_null()) << e.dump();
    }
  }

  // No credential: no key named like one, and none of the shopper's secrets as a value.
  std::vector<std::string> credentials;
  CredentialKeys(doc, "", credentials);
  EXPECT_TRUE(credentials.empty()) << ::testing::PrintToString(credentials);
  const std::string session = shopper.cookie.substr(shopper.cookie.find('=') + 1);
  EXPECT_EQ(r.body.find(session), std::string::npos);
  EXPECT_EQ(r.body.find(shopper.csrf), std::string::npos);
  EXPECT_EQ(r.body.find(link), std::string::npos);
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);

  // The same as a page: the name escaped in the title, a heading per section.
  ASSERT_EQ(server().Admin("PATCH", "/api/admin/settings", {{"store_name", "Corner & Co"}}).status,
            200);
  auto html = server().Admin("GET", path + "?format=html");
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(html.headers["content-disposition"],
            "attachment; filename=\"customer-" + id + "-data.html\"");
  EXPECT_EQ(html.headers["cache-control"], "no-store");
  EXPECT_NE(html.body.find("<title>Data held about Ann &lt;b&gt;&amp; Lee</title>"),
            std::string::npos)
      << html.body.substr(0, 2000);
  EXPECT_NE(html.body.find("<h1>Data held about Ann &lt;b&gt;&amp; Lee</h1>"), std::string::npos);
  EXPECT_EQ(html.body.find("<b>&"), std::string::npos) << "nothing unescaped";
  EXPECT_NE(html.body.find("<p>Corner &amp; Co</p>"), std::string::npos);
  EXPECT_NE(html.body.find("<p>Exported on 20"), std::string::npos);
  for (const char* heading :
       {"Profile", "Sign-in account", "Addresses", "Sessions", "Consent history", "Messages",
        "Orders", "Transactions without an order", "Store credit", "Library", "Downloads",
        "Wishlist", "Activity"}) {
    EXPECT_NE(html.body.find(std::string("<h2>") + heading + "</h2>"), std::string::npos)
        << heading;
  }
  EXPECT_NE(html.body.find("<dt>Note</dt><dd dir=\"auto\">Prefers parcels left next door</dd>"),
            std::string::npos);
  EXPECT_NE(html.body.find(">" + Own("ANN-1001") + "<"), std::string::npos);
  EXPECT_EQ(html.body.find("<script"), std::string::npos);

  // Other formats, unknown customers and viewers are refused.
  auto bad = server().Admin("GET", path + "?format=xml");
  EXPECT_EQ(bad.status, 422) << bad.body;
  ASSERT_TRUE(bad.json()["errors"].is_array());
  EXPECT_EQ(bad.json()["errors"][0].value("field", ""), "format");
  EXPECT_EQ(bad.json()["errors"][0].value("code", ""), "invalid_format");
  auto unknown = server().Admin("GET", "/api/admin/customers/cus_nobody/data-export");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.json().value("code", ""), "customer_not_found");
  auto token =
      server().Admin("POST", "/api/admin/tokens", {{"name", Own("viewer")}, {"role", "viewer"}});
  ASSERT_EQ(token.status, 201) << token.body;
  auto viewer = server().WithToken(token.json().value("secret", ""), "GET", path);
  EXPECT_EQ(viewer.status, 403) << viewer.body;

  // Each download is in the audit trail, by whoever downloaded it, with its format.
  auto trail =
      server().Admin("GET", "/api/admin/audit?action=customer.data_exported&customer=" + id);
  ASSERT_EQ(trail.status, 200) << trail.body;
  const json events = trail.json()["items"];
  ASSERT_EQ(events.size(), 2u) << events.dump();
  EXPECT_EQ(events[0].value("actor_type", ""), "api_token");
  EXPECT_EQ(events[0]["changes"].value("format", ""), "html");
  EXPECT_EQ(events[1]["changes"].value("format", ""), "json");
}

TEST_P(CustomerDataApi, TheShopperDownloadsTheSameDocument) {
  auto [id, shopper] = Shopper(Own("bob.data") + "@example.com", "Bob");
  ASSERT_FALSE(id.empty());
  FillUp(id, shopper, "BOB");

  auto mine = server().AsBrowser(shopper, "GET", "/api/store/me/export");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.headers["content-disposition"], "attachment; filename=\"my-data.json\"");
  EXPECT_EQ(mine.headers["cache-control"], "no-store");
  auto theirs = server().Admin("GET", "/api/admin/customers/" + id + "/data-export");
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  const json a = mine.json(), b = theirs.json();
  for (const char* section :
       {"profile", "addresses", "consent_history", "orders", "transactions_without_order", "wallet",
        "library", "downloads", "wishlist"}) {
    EXPECT_EQ(a[section], b[section]) << section;
  }
  // Sessions are seen again and messages sent in between: the same ones, by id.
  EXPECT_EQ(a["sessions"].size(), b["sessions"].size());
  ASSERT_EQ(a["messages"].size(), b["messages"].size());
  for (size_t i = 0; i < a["messages"].size(); ++i) {
    EXPECT_EQ(a["messages"][i].value("id", "a"), b["messages"][i].value("id", "b"));
  }
  // The admin's download came after the shopper's, so it is in the admin's copy only.
  EXPECT_EQ(b["activity"].size(), a["activity"].size() + 1);

  auto page = server().AsBrowser(shopper, "GET", "/api/store/me/export?format=html");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(page.headers["content-disposition"], "attachment; filename=\"my-data.html\"");
  EXPECT_NE(page.body.find("<h1>Data held about Bob Lee</h1>"), std::string::npos);
  EXPECT_EQ(server().AsBrowser(shopper, "GET", "/api/store/me/export?format=pdf").status, 422);

  auto trail =
      server().Admin("GET", "/api/admin/audit?action=customer.data_exported&customer=" + id);
  const json events = trail.json()["items"];
  ASSERT_EQ(events.size(), 3u) << events.dump();
  EXPECT_EQ(events[0].value("actor_type", ""), "customer");
  EXPECT_EQ(events[0]["changes"].value("format", ""), "html");
  EXPECT_EQ(events[2].value("actor_type", ""), "customer");
}

INSTANTIATE_TEST_SUITE_P(Engines, CustomerDataApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
