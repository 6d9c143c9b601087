// Digital goods over HTTP against the real binary on SQLite and PostgreSQL: paid orders grant
// bundles and combos with their contents and refunds or cancels revoke them; gifts and manual
// entries survive a rebuild while the purchase entries follow the catalog and the orders;
// signed download links serve the bytes with ranges, log each download and refuse tampering and
// revoked entries; "library all access"; the wishlist's conversion and the most wished list;
// and a rebuild of every library killed in the middle that resumes where it stopped.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

constexpr const char* kBookBytes = "%PDF-1.4 the whole book, from its first byte to its last.";

class LibraryApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    files_ = std::filesystem::temp_directory_path() /
             ("clientele-files-" + std::to_string(::getpid()) + "-" + GetParam());
    std::filesystem::create_directories(files_ / "ebooks");
    std::ofstream(files_ / "ebooks" / "one.pdf", std::ios::binary) << kBookBytes;
    std::ofstream(files_ / "ebooks" / "two.epub", std::ios::binary) << "EPUB two";
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(files_);
  }

  std::vector<std::string> ServeArgs() const {
    return {"--files", files_.string(), "--job-lease-seconds", "1"};
  }
  void StartServer(const std::string& url = "") {
    server_ = std::make_unique<ServerProcess>(url.empty() ? FreshDatabaseUrl(GetParam()) : url,
                                              ServeArgs());
  }

  // EB1 and EB2 are files, BUN a bundle of both and the mug, CMB a combo of EB2, MUG physical.
  void Catalog() {
    json eb1 = {{"sku", "EB1"},
                {"name", "Ebook One"},
                {"price", 1000},
                {"currency", "USD"},
                {"digital", true},
                {"files", json::array({{{"name", "one.pdf"},
                                        {"media_type", "application/pdf"},
                                        {"storage_path", "ebooks/one.pdf"}}})}};
    json eb2 = {{"sku", "EB2"},
                {"name", "Ebook Two"},
                {"price", 500},
                {"currency", "USD"},
                {"digital", true},
                {"files", json::array({{{"name", "two.epub"},
                                        {"media_type", "application/epub+zip"},
                                        {"storage_path", "ebooks/two.epub"}}})}};
    json mug = {{"sku", "MUG"}, {"name", "Mug"}, {"price", 900}, {"currency", "USD"}};
    json bun = {{"sku", "BUN"},
                {"name", "Bundle"},
                {"price", 1200},
                {"currency", "USD"},
                {"digital", true},
                {"package_type", "bundle"},
                {"components", {"EB1", "EB2"}}};
    json cmb = {{"sku", "CMB"},         {"name", "Combo"}, {"price", 400},
                {"currency", "USD"},    {"digital", true}, {"package_type", "combo"},
                {"components", {"EB2"}}};
    json items = json::array({eb1, eb2, mug, bun, cmb});
    auto r = server_->Admin("POST", "/api/admin/products/batch", {{"items", items}});
    ASSERT_EQ(r.status, 200) << r.body;
    const json created = r.json();
    for (const auto& p : created["items"]) {
      if (!p["files"].empty()) files_by_sku_[p.value("sku", "")] = p["files"][0].value("id", "");
    }
  }

  std::string Customer(const std::string& email) {
    auto r = server_->Admin("POST", "/api/admin/customers",
                            {{"email", email}, {"first_name", "Lib"}, {"last_name", "Rary"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }

  // Places an order; paid in full unless told not to. Returns its id.
  std::string Order(const std::string& customer, const std::string& number,
                    const std::vector<std::string>& skus, bool paid = true) {
    json items = json::array();
    for (const auto& s : skus) items.push_back({{"sku", s}});
    json body = {{"number", number}, {"customer_id", customer}, {"items", items}};
    auto r = server_->Admin("POST", "/api/admin/orders", body);
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string id = r.json().value("id", "");
    if (paid) Money(id, "payment", r.json().value("total", 0));
    return id;
  }

  void Money(const std::string& order, const std::string& kind, int64_t amount) {
    auto r = server_->Admin("POST", "/api/admin/orders/" + order + "/transactions",
                            {{"kind", kind}, {"amount", amount}});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  json Library(const std::string& customer) {
    auto r = server_->Admin("GET", "/api/admin/customers/" + customer + "/library");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }

  // "SKU(via)" of the active entries and "SKU(via)!reason" of revoked ones, sorted.
  std::vector<std::string> Summary(const std::string& customer) {
    std::vector<std::string> out;
    json lib = Library(customer);
    for (const auto& e : lib["items"]) {
      std::string s = e["product"].value("sku", "");
      if (!e["via"].is_null()) s += "(" + e["via"].value("sku", "") + ")";
      if (!e.value("active", false)) s += "!" + e.value("revoked_reason", "");
      out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // A shopper registered and verified through the customer area, signed in.
  std::pair<std::string, BrowserSession> Shopper(const std::string& email) {
    auto reg = server_->Call("POST", "/api/store/register",
                             json{{"first_name", "Sam"},
                                  {"last_name", "Shopper"},
                                  {"email", email},
                                  {"password", "tulip garden 42"}}
                                 .dump(),
                             {"Content-Type: application/json"});
    EXPECT_EQ(reg.status, 202) << reg.body;
    auto verified = server_->Call(
        "POST", "/api/store/verify",
        json{{"token", server_->LinkToken("verification", email)}, {"password", "tulip garden 42"}}
            .dump(),
        {"Content-Type: application/json"});
    EXPECT_EQ(verified.status, 200) << verified.body;
    const std::string& cookie = verified.headers.at("set-cookie");
    return {verified.json()["customer"].value("id", ""),
            BrowserSession{cookie.substr(0, cookie.find(';')),
                           verified.json().value("csrf_token", "")}};
  }

  // The path and query of a signed link (the server is reached on its own port).
  static std::string PathOf(const std::string& url) {
    return url.substr(url.find("/api/store/downloads/"));
  }

  std::filesystem::path files_;
  std::map<std::string, std::string> files_by_sku_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(LibraryApi, PaidOrdersGrantBundlesAndCombosAndRefundsRevokeThem) {
  StartServer();
  Catalog();
  const std::string ann = Customer("ann.library@example.com");
  const std::string first = Order(ann, "L-1001", {"BUN", "MUG"}, false);
  EXPECT_TRUE(Summary(ann).empty()) << "nothing before payment";
  auto placed = server_->Admin("GET", "/api/admin/orders/" + first).json();
  Money(first, "payment", placed.value("total", 0) - 100);
  EXPECT_TRUE(Summary(ann).empty()) << "nothing while part is due";
  Money(first, "payment", 100);
  EXPECT_EQ(Summary(ann), (std::vector<std::string>{"BUN", "EB1(BUN)", "EB2(BUN)"}));
  json lib = Library(ann);
  EXPECT_EQ(lib["items"][0].value("method", ""), "purchase");
  EXPECT_EQ(lib["items"][0]["order"].value("number", ""), "L-1001");

  const std::string second = Order(ann, "L-1002", {"CMB"});
  EXPECT_EQ(Summary(ann),
            (std::vector<std::string>{"BUN", "CMB", "EB1(BUN)", "EB2(BUN)", "EB2(CMB)"}));

  // A partial refund keeps what was bought; a full one takes that order's products back.
  Money(first, "refund", 500);
  EXPECT_EQ(Summary(ann).size(), 5u);
  Money(first, "refund", placed.value("total", 0) - 500);
  EXPECT_EQ(Summary(ann), (std::vector<std::string>{"BUN!order", "CMB", "EB1(BUN)!order",
                                                    "EB2(BUN)!order", "EB2(CMB)"}));
  // A cancelled order likewise.
  auto cancel = server_->Admin("PATCH", "/api/admin/orders/" + second, {{"status", "cancelled"}});
  ASSERT_EQ(cancel.status, 200) << cancel.body;
  EXPECT_EQ(Summary(ann), (std::vector<std::string>{"BUN!order", "CMB!order", "EB1(BUN)!order",
                                                    "EB2(BUN)!order", "EB2(CMB)!order"}));
}

TEST_P(LibraryApi, GiftsAndManualEntriesSurviveARebuildThatFollowsTheCatalog) {
  StartServer();
  Catalog();
  const std::string bo = Customer("bo.library@example.com");
  const std::string base = "/api/admin/customers/" + bo + "/library";
  auto gift =
      server_->Admin("POST", base, {{"product", "EB2"}, {"method", "gift"}, {"note", "Birthday"}});
  ASSERT_EQ(gift.status, 201) << gift.body;
  EXPECT_EQ(gift.json()["items"][0]["granted_by"].value("type", ""), "api_token");
  // A bundle by hand brings its contents not held yet (EB2 is held as a gift).
  auto manual = server_->Admin("POST", base, {{"product", "BUN"}, {"method", "manual"}});
  ASSERT_EQ(manual.status, 201) << manual.body;
  EXPECT_EQ(manual.json()["items"].size(), 2u);
  EXPECT_EQ(Summary(bo), (std::vector<std::string>{"BUN", "EB1(BUN)", "EB2"}));

  // Bad input changes nothing.
  auto twice = server_->Admin("POST", base, {{"product", "EB2"}, {"method", "gift"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json().value("code", ""), "already_in_library");
  auto mug = server_->Admin("POST", base, {{"product", "MUG"}, {"method", "gift"}});
  EXPECT_EQ(mug.status, 422);
  EXPECT_EQ(mug.json()["errors"][0].value("code", ""), "not_digital") << mug.body;
  auto purchase = server_->Admin("POST", base, {{"product", "EB1"}, {"method", "purchase"}});
  EXPECT_EQ(purchase.status, 422);
  EXPECT_EQ(purchase.json()["errors"][0].value("field", ""), "method");
  auto unknown = server_->Admin("POST", base, {{"product", "NOPE"}, {"method", "gift"}});
  EXPECT_EQ(unknown.json()["errors"][0].value("code", ""), "unknown_product") << unknown.body;
  EXPECT_EQ(Summary(bo).size(), 3u);

  // Notes are edited with If-Match.
  const std::string gift_id = gift.json()["items"][0].value("id", "");
  auto noted = server_->Admin("PATCH", base + "/" + gift_id, {{"note", "Birthday, from Sam"}},
                              {"If-Match: \"1\""});
  ASSERT_EQ(noted.status, 200) << noted.body;
  EXPECT_EQ(noted.json().value("note", ""), "Birthday, from Sam");
  auto stale = server_->Admin("PATCH", base + "/" + gift_id, {{"note", "x"}}, {"If-Match: \"1\""});
  EXPECT_EQ(stale.status, 412);

  // Purchases come and go with the catalog; gifts and manual entries stay.
  Order(bo, "L-2001", {"BUN"});
  auto rebuild = server_->Admin("POST", base + "/rebuild");
  ASSERT_EQ(rebuild.status, 200) << rebuild.body;
  EXPECT_EQ(
      rebuild.json(),
      (json{{"customers", 1}, {"granted", 0}, {"restored", 0}, {"revoked", 0}, {"unchanged", 3}}));
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/products/BUN", {{"components", {"EB1"}}}).status,
            200);
  rebuild = server_->Admin("POST", base + "/rebuild");
  EXPECT_EQ(rebuild.json().value("revoked", 0), 1) << rebuild.body;
  ASSERT_EQ(
      server_->Admin("PATCH", "/api/admin/products/BUN", {{"components", {"EB1", "EB2"}}}).status,
      200);
  rebuild = server_->Admin("POST", base + "/rebuild");
  EXPECT_EQ(rebuild.json().value("restored", 0), 1) << rebuild.body;

  // An entry an admin revoked stays revoked through a rebuild.
  std::string bought_eb1;
  const json entries = Library(bo);
  for (const auto& e : entries["items"]) {
    if (e.value("method", "") == "purchase" && e["product"].value("sku", "") == "EB1") {
      bought_eb1 = e.value("id", "");
    }
  }
  auto revoked = server_->Admin("POST", base + "/" + bought_eb1 + "/revoke");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json().value("revoked_reason", ""), "admin");
  EXPECT_EQ(server_->Admin("POST", base + "/" + bought_eb1 + "/revoke").status, 409);
  rebuild = server_->Admin("POST", base + "/rebuild");
  EXPECT_EQ(rebuild.json().value("restored", -1), 0) << rebuild.body;
  EXPECT_EQ(Summary(bo), (std::vector<std::string>{"BUN", "BUN", "EB1(BUN)", "EB1(BUN)!admin",
                                                   "EB2", "EB2(BUN)"}));

  // Each change is in the customer's activity.
  auto activity = server_->Admin("GET", "/api/admin/customers/" + bo + "/activity").json();
  std::set<std::string> actions;
  for (const auto& e : activity["items"]) actions.insert(e.value("action", ""));
  for (const char* a : {"customer.library_entry_added", "customer.library_note_changed",
                        "customer.library_rebuilt", "customer.library_entry_revoked"}) {
    EXPECT_TRUE(actions.count(a)) << a;
  }
}

TEST_P(LibraryApi, SignedLinksServeTheFileInRangesAndLogEachDownload) {
  StartServer();
  Catalog();
  auto [cid, shopper] = Shopper("sam.downloads@example.com");
  // Nothing to download yet, and no link for what is not theirs.
  auto empty = server_->AsBrowser(shopper, "GET", "/api/store/me/library");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json()["files"].empty());
  EXPECT_EQ(
      server_
          ->AsBrowser(shopper, "POST", "/api/store/me/downloads/" + files_by_sku_["EB1"] + "/link")
          .status,
      404);

  Order(cid, "L-3001", {"BUN"});
  auto lib = server_->AsBrowser(shopper, "GET", "/api/store/me/library").json();
  EXPECT_EQ(lib["items"].size(), 3u);
  EXPECT_FALSE(lib["items"][0].contains("note"));
  ASSERT_EQ(lib["files"].size(), 2u) << lib.dump();
  auto link = server_->AsBrowser(shopper, "POST",
                                 "/api/store/me/downloads/" + files_by_sku_["EB1"] + "/link");
  ASSERT_EQ(link.status, 200) << link.body;
  const std::string path = PathOf(link.json().value("url", ""));

  auto whole = server_->Call("GET", path, "", {"User-Agent: BookReader/1.0"});
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_EQ(whole.body, kBookBytes);
  EXPECT_EQ(whole.headers["content-type"], "application/pdf");
  EXPECT_EQ(whole.headers["accept-ranges"], "bytes");
  EXPECT_NE(whole.headers["content-disposition"].find("one.pdf"), std::string::npos);
  auto part = server_->Call("GET", path, "", {"Range: bytes=4-7"});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, "-1.4");
  EXPECT_EQ(part.headers["content-range"],
            "bytes 4-7/" + std::to_string(std::string(kBookBytes).size()));
  EXPECT_EQ(server_->Call("GET", path, "", {"Range: bytes=100000-"}).status, 416);

  // Tampering with any part of the link is refused.
  std::string tampered = path;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  auto bad = server_->Call("GET", tampered);
  EXPECT_EQ(bad.status, 403);
  EXPECT_EQ(bad.json().value("code", ""), "link_invalid");
  std::string other_file = path;
  other_file.replace(other_file.find(files_by_sku_["EB1"]), files_by_sku_["EB1"].size(),
                     files_by_sku_["EB2"]);
  EXPECT_EQ(server_->Call("GET", other_file).json().value("code", ""), "link_invalid");

  // The profile's history: each request that served bytes, with IP and user agent.
  auto history = server_->Admin("GET", "/api/admin/customers/" + cid + "/downloads").json();
  ASSERT_EQ(history["items"].size(), 2u) << history.dump();
  EXPECT_EQ(history["items"][0].value("range_start", -1), 4);
  EXPECT_EQ(history["items"][1].value("user_agent", ""), "BookReader/1.0");
  EXPECT_EQ(history["items"][1].value("ip", ""), "127.0.0.1");
  EXPECT_EQ(history["items"][1].value("file_name", ""), "one.pdf");

  // Refunded: the library empties and the link stops working.
  auto order = server_->Admin("GET", "/api/admin/customers/" + cid + "/orders").json()["items"][0];
  Money(order.value("id", ""), "refund", order.value("total", 0));
  auto gone = server_->Call("GET", path);
  EXPECT_EQ(gone.status, 403);
  EXPECT_EQ(gone.json().value("code", ""), "not_entitled");
  EXPECT_TRUE(server_->AsBrowser(shopper, "GET", "/api/store/me/library").json()["files"].empty());

  // All access opens every digital product's files.
  ASSERT_EQ(
      server_->Admin("PATCH", "/api/admin/customers/" + cid, {{"library_all_access", true}}).status,
      200);
  lib = server_->AsBrowser(shopper, "GET", "/api/store/me/library").json();
  EXPECT_TRUE(lib.value("all_access", false));
  EXPECT_EQ(lib["files"].size(), 2u);
  link = server_->AsBrowser(shopper, "POST",
                            "/api/store/me/downloads/" + files_by_sku_["EB2"] + "/link");
  ASSERT_EQ(link.status, 200) << link.body;
  EXPECT_EQ(server_->Call("GET", PathOf(link.json().value("url", ""))).body, "EPUB two");
}

TEST_P(LibraryApi, WishesConvertWhenTheProductIsBoughtLater) {
  StartServer();
  Catalog();
  auto [cid, shopper] = Shopper("wendy.wishes@example.com");
  auto search = server_->AsBrowser(shopper, "GET", "/api/store/products?q=mug");
  ASSERT_EQ(search.status, 200) << search.body;
  ASSERT_EQ(search.json()["items"].size(), 1u);
  const std::string mug = search.json()["items"][0].value("id", "");
  auto wish = server_->AsBrowser(shopper, "POST", "/api/store/me/wishlist", {{"product", mug}});
  ASSERT_EQ(wish.status, 201) << wish.body;
  auto again = server_->AsBrowser(shopper, "POST", "/api/store/me/wishlist", {{"product", "MUG"}});
  EXPECT_EQ(again.json().value("id", ""), wish.json().value("id", ""));
  auto ebook = server_->AsBrowser(shopper, "POST", "/api/store/me/wishlist", {{"product", "EB1"}});
  ASSERT_EQ(ebook.status, 201);
  auto combo = server_->AsBrowser(shopper, "POST", "/api/store/me/wishlist", {{"product", "EB2"}});
  ASSERT_EQ(combo.status, 201);
  EXPECT_EQ(
      server_->AsBrowser(shopper, "POST", "/api/store/me/wishlist", {{"product", "NOPE"}}).status,
      422);

  // An order placed before the wish does not convert it; one placed after does (a combo's
  // contents too), and a cancelled one gives it back.
  json early = {{"number", "L-4000"},
                {"customer_id", cid},
                {"placed_at", "2020-01-01T00:00:00Z"},
                {"items", json::array({{{"sku", "MUG"}}})}};
  ASSERT_EQ(server_->Admin("POST", "/api/admin/orders", early).status, 201);
  Order(cid, "L-4001", {"MUG"}, false);
  const std::string combo_order = Order(cid, "L-4002", {"CMB"}, false);
  auto mine = server_->AsBrowser(shopper, "GET", "/api/store/me/wishlist").json();
  std::map<std::string, std::string> states;
  for (const auto& i : mine["items"]) states[i["product"].value("sku", "")] = i.value("state", "");
  EXPECT_EQ(states, (std::map<std::string, std::string>{
                        {"EB1", "open"}, {"EB2", "purchased"}, {"MUG", "purchased"}}));
  ASSERT_EQ(
      server_->Admin("PATCH", "/api/admin/orders/" + combo_order, {{"status", "cancelled"}}).status,
      200);
  auto removed = server_->AsBrowser(shopper, "DELETE",
                                    "/api/store/me/wishlist/" + ebook.json().value("id", ""));
  EXPECT_EQ(removed.status, 204);
  EXPECT_EQ(
      server_
          ->AsBrowser(shopper, "DELETE", "/api/store/me/wishlist/" + ebook.json().value("id", ""))
          .status,
      404);

  auto admin = server_->Admin("GET", "/api/admin/customers/" + cid + "/wishlist").json();
  EXPECT_EQ(admin.value("wished", 0), 3);
  EXPECT_EQ(admin.value("purchased", 0), 1);
  EXPECT_EQ(admin.value("removed", 0), 1);
  EXPECT_EQ(admin.value("open", 0), 1);
  EXPECT_NEAR(admin.value("conversion_rate", 0.0), 1.0 / 3, 1e-9);
  for (const auto& i : admin["items"]) {
    if (i["product"].value("sku", "") == "MUG") {
      EXPECT_EQ(i["order"].value("number", ""), "L-4001");
    }
    if (i["product"].value("sku", "") == "EB2") {
      EXPECT_EQ(i.value("state", ""), "open");
    }
  }
  auto most = server_->Admin("GET", "/api/admin/wishlist/products").json();
  ASSERT_EQ(most["items"].size(), 3u) << most.dump();
  EXPECT_EQ(most["items"][0]["product"].value("sku", ""), "EB2");  // wished now, then by count
  bool mug_seen = false;
  for (const auto& p : most["items"]) {
    if (p["product"].value("sku", "") != "MUG") continue;
    mug_seen = true;
    EXPECT_EQ(p.value("purchased", 0), 1);
    EXPECT_DOUBLE_EQ(p.value("conversion_rate", 0.0), 1.0);
  }
  EXPECT_TRUE(mug_seen);
}

TEST_P(LibraryApi, RebuildingEveryLibraryResumesAfterTheServerIsKilled) {
  const std::string url = FreshDatabaseUrl(GetParam());
  std::string out;
  ASSERT_EQ(
      RunCli({"demo", "--db", url, "--customers", "1100", "--seed", "3", "--log-level", "warn"}, "",
             &out),
      0)
      << out;
  // The runner stops after its first chunk (500 customers) as if the machine hung.
  ::setenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST", "1", 1);
  StartServer(url);
  ::unsetenv("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST");
  Catalog();
  auto list = [&](const std::string& sort) {
    return server_->Admin("GET", "/api/admin/customers?limit=1&sort=" + sort)
        .json()["items"][0]
        .value("id", "");
  };
  const std::string oldest = list("registered"), newest = list("-registered");
  ASSERT_NE(oldest, newest);
  Order(oldest, "L-5001", {"BUN"});
  Order(newest, "L-5002", {"BUN"});
  // The bundle grows after the sale: a rebuild gives both buyers the new content.
  ASSERT_EQ(
      server_->Admin("PATCH", "/api/admin/products/BUN", {{"components", {"EB1", "EB2", "CMB"}}})
          .status,
      422)
      << "a bundle cannot hold a combo";
  ASSERT_EQ(server_->Admin("PATCH", "/api/admin/products/BUN", {{"components", {"EB1"}}}).status,
            200);

  auto started = server_->Admin("POST", "/api/admin/library/rebuild");
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string job = started.json().value("id", "");
  EXPECT_EQ(started.headers["location"], "/api/admin/jobs/" + job);
  auto again = server_->Admin("POST", "/api/admin/library/rebuild");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json().value("code", ""), "job_running");

  auto wait_for = [&](const std::function<bool(const json&)>& done) {
    return WaitForJob(*server_, job, done);
  };
  json halfway = wait_for([](const json& j) { return j.value("done", 0) == 500; });
  EXPECT_EQ(halfway.value("state", ""), "running");
  EXPECT_EQ(halfway.value("total", 0), 1100);
  EXPECT_EQ(halfway["result"].value("revoked", -1), 1) << "the oldest customer's chunk is in";

  server_->Kill();
  server_->Start(ServeArgs());
  json finished = wait_for([](const json& j) { return j.value("state", "") == "succeeded"; });
  EXPECT_TRUE(finished.value("resumed", false));
  EXPECT_EQ(finished.value("done", 0), 1100);
  EXPECT_EQ(finished["result"].value("customers", 0), 1100);
  EXPECT_EQ(finished["result"].value("revoked", 0), 2) << finished.dump();
  EXPECT_EQ(Summary(oldest), (std::vector<std::string>{"BUN", "EB1(BUN)", "EB2(BUN)!rebuild"}));
  EXPECT_EQ(Summary(newest), (std::vector<std::string>{"BUN", "EB1(BUN)", "EB2(BUN)!rebuild"}));
  auto jobs = server_->Admin("GET", "/api/admin/jobs?kind=library_rebuild").json();
  EXPECT_EQ(jobs["items"][0].value("id", ""), job);
  auto cancel = server_->Admin("POST", "/api/admin/jobs/" + job + "/cancel");
  EXPECT_EQ(cancel.status, 409);
  EXPECT_EQ(cancel.json().value("code", ""), "job_finished");
}

INSTANTIATE_TEST_SUITE_P(Engines, LibraryApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
