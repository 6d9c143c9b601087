// What orders grant and what a rebuild changes: bundle and combo expansion, repeats, items
// that grant nothing, and a rebuild that keeps gifts, manual entries and admin revocations.
#include <gtest/gtest.h>

#include "modules/library/model.hpp"

namespace clientele::library {
namespace {

using catalog::PackageType;
using catalog::Shape;

orders::BoughtItem Item(int64_t order, int64_t product, bool grants = true) {
  orders::BoughtItem b;
  b.customer_id = 7;
  b.order_id = order;
  b.product_id = product;
  b.placed_at = 100;
  b.grants = grants;
  return b;
}

std::map<int64_t, Shape> Catalog() {
  // 1, 2: files; 3: a bundle of 1 and 2 and the mug 5; 4: a combo of 2; 5: a mug.
  return {{1, {true, PackageType::kFile, {}}},
          {2, {true, PackageType::kFile, {}}},
          {3, {true, PackageType::kBundle, {1, 2, 5}}},
          {4, {true, PackageType::kCombo, {2}}},
          {5, {false, PackageType::kNone, {}}}};
}

Entry Purchase(int64_t id, int64_t order, int64_t product, std::optional<int64_t> via,
               Revoked revoked = Revoked::kNone) {
  Entry e;
  e.id = id;
  e.method = Method::kPurchase;
  e.order_id = order;
  e.product_id = product;
  e.via_product_id = via;
  if (revoked != Revoked::kNone) e.revoked_at = 50;
  e.revoked = revoked;
  return e;
}

TEST(LibraryExpand, BundlesAndCombosGiveThemselvesAndTheirDigitalContents) {
  auto grants = Expand({Item(10, 3), Item(11, 4), Item(12, 1)}, Catalog());
  std::vector<std::tuple<int64_t, int64_t, int64_t>> keys;
  for (const auto& g : grants) keys.push_back(g.key());
  EXPECT_EQ(keys, (std::vector<std::tuple<int64_t, int64_t, int64_t>>{
                      {10, 3, 0}, {10, 1, 3}, {10, 2, 3}, {11, 4, 0}, {11, 2, 4}, {12, 1, 0}}));
  EXPECT_EQ(grants[0].customer_id, 7);
}

TEST(LibraryExpand, UnpaidItemsPhysicalProductsAndRepeatsGrantNothingMore) {
  EXPECT_TRUE(Expand({Item(10, 1, false), Item(10, 5), Item(10, 99)}, Catalog()).empty());
  EXPECT_EQ(Expand({Item(10, 1), Item(10, 1)}, Catalog()).size(), 1u);
}

TEST(LibraryRebuild, AddsWhatOrdersGrantAndRevokesWhatTheyNoLongerDo) {
  std::vector<Entry> existing = {Purchase(1, 10, 1, std::nullopt),  // still granted
                                 Purchase(2, 11, 2, std::nullopt),  // order refunded since
                                 Purchase(3, 12, 1, std::nullopt, Revoked::kOrder),
                                 Purchase(4, 13, 1, std::nullopt, Revoked::kAdmin)};
  Entry gift;
  gift.id = 5;
  gift.method = Method::kGift;
  gift.product_id = 2;
  existing.push_back(gift);
  std::vector<Grant> wanted = {{7, 10, 1, std::nullopt, 100},
                               {7, 12, 1, std::nullopt, 100},
                               {7, 13, 1, std::nullopt, 100},
                               {7, 14, 2, std::nullopt, 100}};
  Plan plan = PlanRebuild(wanted, existing);
  ASSERT_EQ(plan.add.size(), 1u);
  EXPECT_EQ(plan.add[0].order_id, 14);
  EXPECT_EQ(plan.restore, std::vector<int64_t>{3});  // revoked by its order, granted again
  EXPECT_EQ(plan.revoke, std::vector<int64_t>{2});
  EXPECT_EQ(plan.unchanged, 2);  // entry 1, and entry 4 which an admin revoked stays revoked
}

TEST(LibraryRebuild, NothingToDoTwice) {
  std::vector<Grant> wanted = {{7, 10, 1, std::nullopt, 100}, {7, 10, 2, 3, 100}};
  Plan plan = PlanRebuild(wanted, {Purchase(1, 10, 1, std::nullopt), Purchase(2, 10, 2, 3)});
  EXPECT_TRUE(plan.empty());
  EXPECT_EQ(plan.unchanged, 2);
  // The same product from the bundle and on its own are two entries.
  EXPECT_EQ(PlanRebuild({{7, 10, 2, std::nullopt, 100}}, {Purchase(2, 10, 2, 3)}).add.size(), 1u);
}

TEST(Wishlist, ConversionRate) {
  EXPECT_DOUBLE_EQ(ConversionRate(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(ConversionRate(4, 1), 0.25);
}

}  // namespace
}  // namespace clientele::library
