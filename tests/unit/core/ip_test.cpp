// IP addresses and CIDR ranges for the blacklist.
#include "core/ip.hpp"

#include <gtest/gtest.h>

namespace clientele {
namespace {

TEST(IpRanges, ParseNormaliseAndContain) {
  struct Case {
    const char* range;
    const char* normal;  // nullptr: refused
    const char* inside;
    const char* outside;
  } cases[] = {
      {"203.0.113.7", "203.0.113.7", "203.0.113.7", "203.0.113.8"},
      {"203.0.113.7/24", "203.0.113.0/24", "203.0.113.200", "203.0.114.1"},
      {"10.0.0.0/8", "10.0.0.0/8", "10.255.1.2", "11.0.0.1"},
      {"0.0.0.0/0", "0.0.0.0/0", "198.51.100.1", "2001:db8::1"},
      {"2001:db8::/32", "2001:db8::/32", "2001:db8:ffff::1", "2001:db9::1"},
      {"2001:DB8::1", "2001:db8::1", "2001:db8::1", "2001:db8::2"},
      {"2001:db8::/33", "2001:db8::/33", "2001:db8:7fff::1", "2001:db8:8000::1"},
      {"203.0.113.0/33", nullptr, "", ""},
      {"203.0.113", nullptr, "", ""},
      {"example.com", nullptr, "", ""},
      {"10.0.0.0/x", nullptr, "", ""},
  };
  for (const auto& c : cases) {
    auto range = ParseIpRange(c.range);
    if (!c.normal) {
      EXPECT_FALSE(range) << c.range;
      continue;
    }
    ASSERT_TRUE(range) << c.range;
    EXPECT_EQ(range->ToString(), c.normal) << c.range;
    EXPECT_TRUE(range->Contains(*ParseIpRange(c.inside))) << c.range << " " << c.inside;
    EXPECT_FALSE(range->Contains(*ParseIpRange(c.outside))) << c.range << " " << c.outside;
  }
}

}  // namespace
}  // namespace clientele
