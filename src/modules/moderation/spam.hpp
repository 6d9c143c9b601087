// Spam scoring of customer accounts: the signals a bot-made registration leaves, each named with
// its points and what it saw, and the score they add up to (0-100). The store compares the score
// with its threshold (a setting), so the threshold can move without a new scan. Also the list of
// disposable e-mail domains: the one shipped with the project (from the npm package
// disposable-email-domains, refreshed by scripts/update-disposable-domains.sh) with the owner's
// additions and removals on top. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace clientele::moderation {

struct SpamSignal {
  // url_in_name, random_name, same_first_last, disposable_email, ip_burst, never_verified,
  // no_activity
  std::string code;
  int points = 0;
  std::string detail;  // what was seen, for the admin: "example.xyz", "14 from 203.0.113.0/24"
};

// What the scan knows of one account.
struct SpamInput {
  std::string first_name, last_name;
  std::string email_domain;  // lower case; empty without an address
  bool registered = false;   // has a sign-in account (registered in the customer area)
  bool verified = false;     // the account proved its e-mail address
  bool active = false;       // orders, library, wishlist or a customer-area sign-in
  int64_t registered_at = 0;
  // Registrations from the account's subnet in its hour and the hours either side (itself
  // included), and the subnet ("203.0.113.0/24"); 0 and empty without a known IP.
  int64_t subnet_registrations = 0;
  std::string subnet;
};

// From this many registrations in about three hours, one subnet is a burst.
inline constexpr int64_t kBurstRegistrations = 10;
// An account is "never verified" once it has had a day to do it.
inline constexpr int64_t kVerifyGraceMicros = int64_t{24} * 3600 * 1000000;

class DisposableDomains;

// The signals of one account at `now`, strongest first.
std::vector<SpamSignal> SpamSignals(const SpamInput& in, const DisposableDomains& domains,
                                    int64_t now);
// The points of the signals, at most 100.
int SpamScore(const std::vector<SpamSignal>& signals);

// True for a name part that looks typed by a machine: "xkqzpt", "jKdLqWe", "a8f3k2".
bool LooksRandom(std::string_view name);
// True when the text holds a web address: "http://", "www.", or a word ending in a common
// top-level domain ("cheap-pills.ru").
bool HasUrl(std::string_view text);
// The network a registration came from: "203.0.113.0/24" for IPv4, "2001:db8:1:2::/64" for
// IPv6; empty when `ip` is not an address.
std::string SubnetOf(std::string_view ip);
// The same network as a number, for counting registrations per network without writing it out:
// the 3 leading bytes of an IPv4 address, the 8 leading bytes of an IPv6 one (an IPv6 prefix
// that small is reserved space, so the two do not meet in practice); nullopt when not an address.
std::optional<uint64_t> SubnetKeyOf(std::string_view ip);

class DisposableDomains {
 public:
  // The shipped list (one domain per line) and the owner's changes: domain -> listed.
  DisposableDomains(std::string_view shipped, const std::map<std::string, bool>& changes);
  // The list compiled into the binary.
  static std::string_view Shipped();

  // True when `domain` or a domain above it is listed ("x.mailinator.com" by "mailinator.com").
  bool Contains(std::string_view domain) const;
  size_t size() const { return domains_.size(); }

 private:
  std::unordered_set<std::string> domains_;
};

}  // namespace clientele::moderation
