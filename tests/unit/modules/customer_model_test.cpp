#include <gtest/gtest.h>

#include "modules/customers/model.hpp"

namespace clientele::customers {
namespace {

TEST(ApplyPatch, NormalisesEveryField) {
  Customer c;
  Patch p;
  p.first_name = "  Zoë ";
  p.last_name = "Ångström";
  p.email = "Zoe.A@Example.COM";
  p.country = "se";
  p.phone = "070-123 45 67";
  p.language = "sv_se";
  p.commission_reduced_percent = 12.5;
  p.custom_fields = std::map<std::string, std::string>{{"loyalty_id", "L-1"}};
  ASSERT_TRUE(ApplyPatch(p, c).ok());
  EXPECT_EQ(c.first_name, "Zoë");
  EXPECT_EQ(c.email, "Zoe.A@example.com");
  EXPECT_EQ(c.email_key, "zoe.a@example.com");
  EXPECT_EQ(c.country, "SE");
  EXPECT_EQ(c.phone, "+46701234567");
  EXPECT_EQ(c.language, "sv-SE");
  EXPECT_EQ(c.commission_reduced_bp, 1250);
  EXPECT_EQ(SearchText(c), "zoe angstrom zoe.a@example.com");
  EXPECT_EQ(PhoneDigits(c), "46701234567");
  EXPECT_EQ(NameSortKey(c), "angstrom zoe");
}

TEST(ApplyPatch, ReportsEveryBadFieldAndChangesNothing) {
  Customer c;
  c.first_name = "Keep";
  Patch p;
  p.first_name = "Changed";
  p.email = "nope";
  p.country = "XX";
  p.language = "klingon";
  p.commission_reduced_percent = 100.5;
  p.custom_fields = std::map<std::string, std::string>{{"bad key", "x"}};
  auto s = ApplyPatch(p, c);
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"country", "language", "email", "custom_fields.bad key",
                                      "commission_reduced_percent"}));
}

TEST(ApplyPatch, CommissionPrecision) {
  Customer c;
  Patch p;
  p.commission_reduced_percent = 7.25;
  EXPECT_TRUE(ApplyPatch(p, c).ok());
  EXPECT_EQ(c.commission_reduced_bp, 725);
  p.commission_reduced_percent = 7.255;
  EXPECT_FALSE(ApplyPatch(p, c).ok());
}

TEST(ApplyPatch, NationalPhoneNeedsCountry) {
  Customer c;
  Patch p;
  p.phone = "020 7946 0958";
  EXPECT_FALSE(ApplyPatch(p, c).ok());
  p.country = "GB";
  EXPECT_TRUE(ApplyPatch(p, c).ok());
  EXPECT_EQ(c.phone, "+442079460958");
}

TEST(CheckComplete, RegisteredNeedsEmail) {
  Customer c;
  EXPECT_FALSE(CheckComplete(c).ok());
  c.kind = Kind::kGuest;
  c.phone = "+442079460958";
  EXPECT_TRUE(CheckComplete(c).ok());
}

TEST(PlanSearch, Modes) {
  EXPECT_EQ(PlanSearch("").mode, SearchPlan::Mode::kNone);
  EXPECT_EQ(PlanSearch("  ").mode, SearchPlan::Mode::kNone);
  EXPECT_EQ(PlanSearch("jo").mode, SearchPlan::Mode::kPrefix);
  EXPECT_EQ(PlanSearch("山").mode, SearchPlan::Mode::kPrefix);
  EXPECT_EQ(PlanSearch("Mül").mode, SearchPlan::Mode::kSubstring);
  EXPECT_EQ(PlanSearch("Mül").text, "mul");
  auto phone = PlanSearch("+44 20 79");
  EXPECT_EQ(phone.mode, SearchPlan::Mode::kSubstring);
  EXPECT_EQ(phone.digits, "442079");
  EXPECT_EQ(phone.text, "442079");
}

TEST(Keys, RegistrationOrder) {
  EXPECT_LT(KeyFor(1000, 1023), KeyFor(1001, 0));
  EXPECT_EQ(FirstKeyAt(1001), KeyFor(1001, 0));
  EXPECT_EQ(KeyFor(-5, 3), 3);
}

}  // namespace
}  // namespace clientele::customers
