// The customer's data as one HTML page: the title names the customer, sections come in reading
// order with a heading each (and one for a section the page does not know yet), objects become
// definition lists and lists of objects tables with a column per key, and every text is escaped.
#include <gtest/gtest.h>

#include "flows/privacy/customer_data.hpp"

namespace clientele::flows {
namespace {

using nlohmann::json;

size_t At(const std::string& page, const std::string& what) {
  size_t at = page.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  return at;
}

TEST(CustomerDataHtml, SectionsInReadingOrderWithEverythingEscaped) {
  json doc = {
      {"exported_at", "2026-12-03T10:00:00Z"},
      {"profile", {{"full_name", "Ann <b>& Lee"}, {"note", "\"quoted\" 'text'"}, {"ban", nullptr}}},
      {"orders", json::array({{{"number", "1001"}, {"items", json::array({{{"sku", "<MUG>"}}})}},
                              {{"number", "1002"}, {"paid", true}}})},
      {"wishlist", json::array()},
      {"tags", json::array({"vip", "a&b"})},
  };
  const std::string page = RenderCustomerDataHtml(doc, "Corner <Shop>", "2026-12-03");

  EXPECT_NE(page.find("<title>Data held about Ann &lt;b&gt;&amp; Lee</title>"), std::string::npos);
  EXPECT_NE(page.find("<p>Corner &lt;Shop&gt;</p>\n<p>Exported on 2026-12-03</p>"),
            std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(page.find("<MUG>"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);

  // Profile, then orders, then the wishlist, then what the page has no heading for.
  const size_t profile = At(page, "<h2>Profile</h2>");
  const size_t orders = At(page, "<h2>Orders</h2>");
  const size_t wishlist = At(page, "<h2>Wishlist</h2>");
  const size_t tags = At(page, "<h2>Tags</h2>");
  EXPECT_LT(profile, orders);
  EXPECT_LT(orders, wishlist);
  EXPECT_LT(wishlist, tags);
  EXPECT_EQ(page.find("Exported at"), std::string::npos) << "the date is under the title";

  EXPECT_NE(page.find("<dt>Note</dt><dd dir=\"auto\">&quot;quoted&quot; &#39;text&#39;</dd>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<dt>Ban</dt><dd dir=\"auto\">—</dd>"), std::string::npos);
  // A column for every key of any row; a row without one leaves its cell empty.
  EXPECT_NE(page.find("<th scope=\"col\">Items</th><th scope=\"col\">Number</th>"
                      "<th scope=\"col\">Paid</th>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<td dir=\"auto\">&lt;MUG&gt;</td>"), std::string::npos);
  EXPECT_NE(page.find("<td dir=\"auto\"></td><td dir=\"auto\">1002</td><td dir=\"auto\">yes</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<h2>Wishlist</h2>\n<p>None.</p>"), std::string::npos);
  EXPECT_NE(page.find("<p>vip, a&amp;b</p>"), std::string::npos);
}

TEST(CustomerDataHtml, FormatsAreJsonOrHtml) {
  EXPECT_EQ(*ParseCustomerDataFormat(""), CustomerData::Format::kJson);
  EXPECT_EQ(*ParseCustomerDataFormat("json"), CustomerData::Format::kJson);
  EXPECT_EQ(*ParseCustomerDataFormat("html"), CustomerData::Format::kHtml);
  auto bad = ParseCustomerDataFormat("HTML");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "format");
  EXPECT_EQ(bad.error().fields[0].code, "invalid_format");
}

}  // namespace
}  // namespace clientele::flows
