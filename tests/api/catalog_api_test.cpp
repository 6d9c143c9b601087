// The catalog over HTTP against the real binary on SQLite and PostgreSQL: products one by one
// and in batches matched by SKU (all or nothing), digital files with safe paths, bundles that
// contain other products but no bundles, edits with If-Match, and who may change the catalog.
#include <gtest/gtest.h>

#include <set>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

using nlohmann::json;

class CatalogApi : public SharedServerSuite {
 protected:
  static std::set<std::string> Fields(const HttpResult& r) {
    std::set<std::string> out;
    const json errors = r.json()["errors"];
    for (const auto& e : errors) out.insert(e.value("field", ""));
    return out;
  }
};

TEST_P(CatalogApi, ProductsWithFilesAndBundles) {
  auto guide = server().Admin("POST", "/api/admin/products",
                              {{"sku", "cat-guide"},
                               {"name", "Field guide (PDF)"},
                               {"price", 1900},
                               {"currency", "EUR"},
                               {"digital", true},
                               {"files",
                                {{{"name", "guide.pdf"},
                                  {"size_bytes", 2048000},
                                  {"media_type", "application/pdf"},
                                  {"storage_path", "guides/guide.pdf"}}}}});
  ASSERT_EQ(guide.status, 201) << guide.body;
  EXPECT_EQ(guide.json().value("package_type", ""), "file");
  ASSERT_EQ(guide.json()["files"].size(), 1u);
  const std::string file_id = guide.json()["files"][0].value("id", "");
  EXPECT_EQ(file_id.rfind("pfl_", 0), 0u);
  EXPECT_EQ(server()
                .Admin("POST", "/api/admin/products",
                       {{"sku", "cat-guide"}, {"name", "Again"}, {"price", 1}})
                .json()
                .value("code", ""),
            "sku_taken");

  auto mug = server().Admin("POST", "/api/admin/products",
                            {{"sku", "cat-mug"}, {"name", "Mug"}, {"price", 1200}});
  ASSERT_EQ(mug.status, 201) << mug.body;
  EXPECT_EQ(mug.json().value("currency", ""), "USD");  // the store's
  EXPECT_TRUE(mug.json()["package_type"].is_null());

  auto bundle = server().Admin("POST", "/api/admin/products",
                               {{"sku", "cat-bundle"},
                                {"name", "Starter bundle"},
                                {"price", 2500},
                                {"digital", true},
                                {"package_type", "bundle"},
                                {"components", {"cat-guide"}}});
  ASSERT_EQ(bundle.status, 201) << bundle.body;
  EXPECT_EQ(bundle.json()["components"], json({"cat-guide"}));
  // No bundle inside a bundle, no unknown products, nothing inside a plain product.
  auto nested = server().Admin("POST", "/api/admin/products",
                               {{"sku", "cat-mega"},
                                {"name", "Mega"},
                                {"price", 1},
                                {"digital", true},
                                {"package_type", "combo"},
                                {"components", {"cat-bundle", "cat-nope"}}});
  EXPECT_EQ(nested.status, 422);
  EXPECT_NE(nested.body.find("nested_bundle"), std::string::npos) << nested.body;
  EXPECT_NE(nested.body.find("unknown_product"), std::string::npos) << nested.body;
  EXPECT_EQ(server().Admin("GET", "/api/admin/products/cat-mega").status, 404);

  // Bad input names every field.
  auto bad = server().Admin("POST", "/api/admin/products",
                            {{"sku", "has space"},
                             {"price", -1},
                             {"currency", "EURO"},
                             {"image_url", "ftp://x"},
                             {"package_type", "file"},
                             {"files", {{{"name", "x"}, {"storage_path", "../etc/passwd"}}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"sku", "name", "price", "currency", "image_url",
                                                "package_type", "files[0].storage_path", "files"}))
      << bad.body;

  // Edits: If-Match, and a file keeps its id while its path stays.
  const std::string path = "/api/admin/products/" + guide.json().value("id", "");
  auto stale = server().Admin("PATCH", path, {{"price", 2100}}, {"If-Match: \"7\""});
  EXPECT_EQ(stale.status, 412);
  auto edited = server().Admin(
      "PATCH", path,
      {{"price", 2100},
       {"files",
        {{{"name", "guide.pdf"},
          {"size_bytes", 2100000},
          {"media_type", "application/pdf"},
          {"storage_path", "guides/guide.pdf"}},
         {{"name", "map.png"}, {"media_type", "image/png"}, {"storage_path", "guides/map.png"}}}}},
      {"If-Match: \"1\""});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json().value("price", 0), 2100);
  EXPECT_EQ(edited.json()["files"][0].value("id", ""), file_id);
  EXPECT_EQ(edited.json()["files"].size(), 2u);
  EXPECT_EQ(edited.headers["etag"], "\"2\"");
  // A product inside a bundle cannot become a bundle.
  auto turned =
      server().Admin("PATCH", path, {{"package_type", "combo"}, {"files", json::array()}});
  EXPECT_EQ(turned.status, 422) << turned.body;
  auto history = server().Admin("GET", "/api/admin/audit?action=product.");
  EXPECT_NE(history.body.find("product.updated"), std::string::npos);

  auto found = server().Admin("GET", "/api/admin/products?q=GUIDE");
  ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
}

TEST_P(CatalogApi, BatchesAreMatchedBySkuAndAllOrNothing) {
  json items = json::array();
  for (int i = 0; i < 3; ++i) {
    json item = {{"sku", "batch-" + std::to_string(i)},
                 {"name", "Batch item " + std::to_string(i)},
                 {"price", 100 * (i + 1)},
                 {"digital", true}};
    items.push_back(item);
  }
  // A bundle may name products sent later in the same batch.
  json bundle = {{"sku", "batch-bundle"},
                 {"name", "All three"},
                 {"price", 500},
                 {"digital", true},
                 {"package_type", "bundle"},
                 {"components", {"batch-0", "batch-1", "batch-2"}}};
  items.insert(items.begin(), bundle);
  auto first = server().Admin("POST", "/api/admin/products/batch", {{"items", items}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json().value("created", 0), 4);
  EXPECT_EQ(first.json()["items"][0]["components"].size(), 3u);

  // Sent again with one change: one update, the rest unchanged.
  items[2]["price"] = 250;
  auto again = server().Admin("POST", "/api/admin/products/batch", {{"items", items}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().value("created", 0), 0);
  EXPECT_EQ(again.json().value("updated", 0), 1);
  EXPECT_EQ(again.json().value("unchanged", 0), 3);

  // One bad item fails the batch; nothing of it is written.
  json bad = json::array({json{{"sku", "batch-new"}, {"name", "New"}, {"price", 1}},
                          json{{"sku", "batch-0"}, {"name", "Renamed"}, {"price", 100}},
                          json{{"sku", "batch-new"}, {"name", "Twice"}, {"price", 2}},
                          json{{"sku", "batch-x"}, {"price", 3}}});
  auto refused = server().Admin("POST", "/api/admin/products/batch", {{"items", bad}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(Fields(refused), (std::set<std::string>{"items[2].sku", "items[3].name"}))
      << refused.body;
  EXPECT_EQ(server().Admin("GET", "/api/admin/products/batch-new").status, 404);
  EXPECT_EQ(server().Admin("GET", "/api/admin/products/batch-0").json().value("name", ""),
            "Batch item 0");
  EXPECT_EQ(server().Admin("POST", "/api/admin/products/batch", {{"items", json::array()}}).status,
            422);
}

TEST_P(CatalogApi, OnlyCatalogManagersChangeIt) {
  auto support =
      server().Admin("POST", "/api/admin/tokens", {{"name", "cat-desk"}, {"role", "support"}});
  ASSERT_EQ(support.status, 201) << support.body;
  const std::string desk = support.json().value("secret", "");
  EXPECT_EQ(server()
                .WithToken(desk, "POST", "/api/admin/products",
                           {{"sku", "cat-desk"}, {"name", "No"}, {"price", 1}})
                .status,
            403);
  EXPECT_EQ(server().WithToken(desk, "GET", "/api/admin/products").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogApi, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
