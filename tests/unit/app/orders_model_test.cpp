// The money rules of an order: totals from the items, checked against what the sender says,
// and the payment status from what was paid and refunded.
#include <gtest/gtest.h>

#include "modules/orders/model.hpp"

namespace clientele::orders {
namespace {

TEST(OrdersModel, PaymentStatusFollowsPaidAndRefunded) {
  EXPECT_EQ(PaymentStatusOf(1000, 0, 0), PaymentStatus::kPending);
  EXPECT_EQ(PaymentStatusOf(1000, 999, 0), PaymentStatus::kPending);
  EXPECT_EQ(PaymentStatusOf(1000, 1000, 0), PaymentStatus::kPaid);
  EXPECT_EQ(PaymentStatusOf(0, 0, 0), PaymentStatus::kPaid);  // nothing to pay
  EXPECT_EQ(PaymentStatusOf(1000, 1000, 1), PaymentStatus::kPartiallyRefunded);
  EXPECT_EQ(PaymentStatusOf(1000, 1000, 1000), PaymentStatus::kRefunded);
  EXPECT_EQ(PaymentStatusOf(1000, 400, 400), PaymentStatus::kRefunded);
}

TEST(OrdersModel, TotalsAreComputedAndChecked) {
  Order o;
  o.currency = "EUR";
  o.items = {{"a", "A", 3, 250, 0}, {"", "B", 1, 99, 0}};
  OrderInput in;
  in.discount = 100;
  in.shipping = 500;
  in.tax = 50;
  in.total = 1299;
  std::vector<FieldError> errors;
  ComputeTotals(o, in, "", errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(o.items[0].total, 750);
  EXPECT_EQ(o.subtotal, 849);
  EXPECT_EQ(o.total, 1299);
  in.total = 1300;
  in.subtotal = 850;
  ComputeTotals(o, in, "items[4].", errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "items[4].subtotal");
  EXPECT_EQ(errors[1].field, "items[4].total");
  EXPECT_NE(errors[1].message.find("12.99 EUR"), std::string::npos) << errors[1].message;
}

TEST(OrdersModel, AmountsOutOfRangeAreRefusedNotOverflowed) {
  Order o;
  o.currency = "EUR";
  o.items = {{"", "Huge", 1'000'000, INT64_MAX / 2, 0}};
  OrderInput in;
  std::vector<FieldError> errors;
  ComputeTotals(o, in, "", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "items[0].unit_price");
  errors.clear();
  o.items = {{"", "X", 1, 100, 0}};
  in.discount = 101;
  ComputeTotals(o, in, "", errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "discount_too_large");
}

}  // namespace
}  // namespace clientele::orders
