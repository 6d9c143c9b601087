// Spam signals: random-looking and linked names (without flagging real names in any script),
// first name equal to last, disposable domains (shipped, subdomains, the owner's changes),
// bursts from one network, never verified, no activity; the score and its cap.
#include <gtest/gtest.h>

#include "modules/moderation/spam.hpp"

namespace clientele::moderation {
namespace {

constexpr int64_t kDay = int64_t{86400} * 1000000;

std::vector<std::string> Codes(const std::vector<SpamSignal>& signals) {
  std::vector<std::string> out;
  for (const auto& s : signals) out.push_back(s.code);
  return out;
}

const DisposableDomains& Shipped() {
  static const DisposableDomains domains(DisposableDomains::Shipped(), {});
  return domains;
}

SpamInput Active(const std::string& first, const std::string& last) {
  SpamInput in;
  in.first_name = first;
  in.last_name = last;
  in.active = true;
  return in;
}

TEST(SpamModel, RandomLookingNames) {
  for (const char* name : {"xkqzpt", "jKdLqWe", "a8f3k2", "bcdfghjk", "QwrtzPkvlxm"}) {
    EXPECT_TRUE(LooksRandom(name)) << name;
  }
  for (const char* name : {"Ann", "Mkrtchyan", "Schwarzkopf", "McDonald", "O'Brien", "Jean-Luc",
                           "Nguyen", "Łukasz", "Żółć", "山田", "Дмитрий", "Ng", "Lee",
                           "van der Berg", "Strzelczyk", "Brzęczyszczykiewicz"}) {
    EXPECT_FALSE(LooksRandom(name)) << name;
  }
}

TEST(SpamModel, AddressesInNames) {
  for (const char* text :
       {"Visit cheap-pills.ru", "http://x.example", "WWW.WIN.BIZ now", "bonus.casino.top/free"}) {
    EXPECT_TRUE(HasUrl(text)) << text;
  }
  for (const char* text : {"J.R. Smith", "St. John", "Anne-Marie", "Ann Lee"}) {
    EXPECT_FALSE(HasUrl(text)) << text;
  }
}

TEST(SpamModel, SubnetsOfAddresses) {
  EXPECT_EQ(SubnetOf("203.0.113.77"), "203.0.113.0/24");
  EXPECT_EQ(SubnetOf("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(SubnetOf("not an ip"), "");
  EXPECT_EQ(SubnetOf(""), "");
}

TEST(SpamModel, DisposableDomainsWithTheOwnersChanges) {
  EXPECT_GT(Shipped().size(), 1000u);
  EXPECT_TRUE(Shipped().Contains("mailinator.com"));
  EXPECT_TRUE(Shipped().Contains("eu.mailinator.com")) << "a subdomain of a listed domain";
  EXPECT_FALSE(Shipped().Contains("gmail.com"));
  EXPECT_FALSE(Shipped().Contains("com"));
  const DisposableDomains changed(DisposableDomains::Shipped(),
                                  {{"mailinator.com", false}, {"throwaway.example", true}});
  EXPECT_FALSE(changed.Contains("mailinator.com"));
  EXPECT_TRUE(changed.Contains("throwaway.example"));
}

TEST(SpamModel, SignalsAndScore) {
  const int64_t now = 100 * kDay;
  EXPECT_TRUE(SpamSignals(Active("Ann", "Lee"), Shipped(), now).empty());

  SpamInput bot = Active("Xkqzpt", "Xkqzpt");
  bot.email_domain = "mailinator.com";
  bot.active = false;
  bot.registered = true;
  bot.registered_at = now - 2 * kDay;
  bot.subnet = "203.0.113.0/24";
  bot.subnet_registrations = kBurstRegistrations;
  auto signals = SpamSignals(bot, Shipped(), now);
  EXPECT_EQ(Codes(signals),
            (std::vector<std::string>{"disposable_email", "ip_burst", "random_name",
                                      "same_first_last", "never_verified", "no_activity"}));
  EXPECT_EQ(SpamScore(signals), 100) << "capped";
  EXPECT_NE(signals[1].detail.find("203.0.113.0/24"), std::string::npos);

  // A day to verify; fewer registrations than a burst; a linked name alone passes 50.
  SpamInput fresh = Active("Visit", "cheap-pills.ru");
  fresh.registered = true;
  fresh.registered_at = now - kDay / 2;
  fresh.subnet_registrations = kBurstRegistrations - 1;
  signals = SpamSignals(fresh, Shipped(), now);
  EXPECT_EQ(Codes(signals), (std::vector<std::string>{"url_in_name"}));
  EXPECT_EQ(SpamScore(signals), 60);

  SpamInput quiet = Active("Ann", "Lee");
  quiet.active = false;
  EXPECT_EQ(Codes(SpamSignals(quiet, Shipped(), now)), (std::vector<std::string>{"no_activity"}));
  EXPECT_EQ(SpamScore(SpamSignals(quiet, Shipped(), now)), 10);
}

}  // namespace
}  // namespace clientele::moderation
