#include "flows/demo/demo.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "flows/demo/demo_addresses.hpp"
#include "flows/demo/demo_names.hpp"
#include "modules/addresses/model.hpp"
#include "modules/addresses/service.hpp"
#include "modules/addresses/store.hpp"
#include "modules/customers/model.hpp"
#include "modules/customers/store.hpp"
#include "modules/groups/service.hpp"
#include "modules/groups/store.hpp"

namespace clientele::demo {
namespace {

using customers::AccountStatus;
using customers::Customer;
using customers::Kind;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr const char* kAnyCustomer = "SELECT 1 FROM customers LIMIT 1";
constexpr const char* kInsertTagLink =
    "INSERT INTO customer_tags (customer_id, tag_id) VALUES ($1, $2)";

// Rows generated and inserted at a time: large enough that handing batches between threads costs
// nothing, small enough that progress moves.
constexpr int64_t kBatchSize = 20'000;
// Registration times are spread at least a second apart on average, so they stay strictly
// increasing (and so do ids) well beyond this.
constexpr int64_t kMaxCustomers = 100'000'000;

constexpr int64_t kMicrosPerMinute = 60'000'000;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;
constexpr int64_t kHistoryDays = 5 * 365 + 1;
constexpr int64_t kHistoryMicros = kHistoryDays * kMicrosPerDay;
// The store grows: registrations per day rise by e^kGrowth over the five years.
constexpr double kGrowth = 1.2;

constexpr char kIdAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // as core/ids.cpp

// ---------------------------------------------------------------------------------------------
// Randomness. Our own generator rather than <random>'s distributions, whose output differs
// between standard libraries: the same seed must give the same store everywhere.

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// SplitMix64's finaliser: a bijection on 64-bit values, so distinct inputs give distinct outputs.
uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256**: fast, small state, good statistical quality.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& word : s_) word = SplitMix64(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) (Lemire's multiply-shift; the bias of at most n / 2^64 does not matter
  // here). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  char Digit() { return static_cast<char>('0' + Below(10)); }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_;
};

// A public id in NewPublicId's format ("cus_" and 20 base32 characters, 100 bits), derived from
// the seed so that loads repeat. The first 64 bits are a bijection of `unique`, so ids of
// distinct `unique` values never collide.
std::string SeededPublicId(std::string_view prefix, uint64_t unique, uint64_t extra) {
  const unsigned __int128 bits =
      (static_cast<unsigned __int128>(Mix64(unique)) << 36) | (extra & ((uint64_t{1} << 36) - 1));
  std::string out(prefix);
  out += '_';
  for (int i = 19; i >= 0; --i) out += kIdAlphabet[static_cast<int>((bits >> (5 * i)) & 31)];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Name pools, prepared once per process: each name with its romanisation and the ASCII letters
// e-mail addresses are made of.

struct PoolName {
  std::string native;  // as written in the country's script
  std::string latin;   // romanised; equal to `native` for Latin-script pools
  std::string ascii;   // lower-case a-z only
};

std::string AsciiLetters(std::string_view text) {
  std::string out;
  for (char ch : NormalizeForSearch(text)) {
    if (ch >= 'a' && ch <= 'z') out += ch;
  }
  return out;
}

std::vector<PoolName> Prepare(std::span<const names::Name> pool) {
  std::vector<PoolName> out;
  out.reserve(pool.size());
  for (const auto& name : pool) {
    std::string latin(name.latin.empty() ? name.text : name.latin);
    out.push_back({std::string(name.text), latin, AsciiLetters(latin)});
  }
  return out;
}

// Numbers are made by filling `random_digits` random digits after `prefix` (E.164, with "+").
struct PhoneTemplate {
  std::string prefix;
  int random_digits = 0;
};

struct Country {
  const names::CountryProfile* profile = nullptr;
  std::string code, language, tld;
  std::vector<PoolName> male, female, last, last_female;
  std::vector<std::string> domains, companies;
  std::vector<PhoneTemplate> mobiles, landlines;
  const places::CountryPlaces* places = nullptr;  // towns and streets; none: no addresses
};

// Whether libphonenumber takes `e164` as a valid number of `region`, formatting it back
// unchanged: what ParsePhone asks, and stricter. Valid for the region keeps, in numbering plans
// that several countries share (+1, +7, +44), a customer's number in their own country.
bool ValidFor(const std::string& e164, const std::string& region) {
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util->Parse(e164, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
  if (!util->IsValidNumberForRegion(number, region)) return false;
  std::string formatted;
  util->Format(number, PhoneNumberUtil::E164, &formatted);
  return formatted == e164;
}

// ValidFor without parsing, about four times faster, for numbers that differ from one ValidFor
// accepted only in trailing digits: parsing (country code, national prefix) depends on the
// leading digits, so what is left to check is the number pattern.
bool ValidNational(const PhoneNumber& base, const std::string& national,
                   const std::string& region) {
  PhoneNumber number = base;
  uint64_t value = 0;
  for (char ch : national) value = value * 10 + static_cast<uint64_t>(ch - '0');
  number.set_national_number(value);
  return PhoneNumberUtil::GetInstance()->IsValidNumberForRegion(number, region);
}

// Whether every way of filling `digits` digits after `prefix` is valid. Checking all 10^digits
// numbers costs seconds per country, so this checks every digit in every position (with random
// digits elsewhere) and 30 random fills. libphonenumber's patterns constrain numbers by leading
// digits followed by runs of \d, so a pattern that restricts a varied position shows up here; the
// unit test validates a whole generated sample on top.
bool TemplateHolds(const std::string& prefix, int digits, size_t national_start,
                   const std::string& region, Rng& rng) {
  std::string number = prefix + std::string(static_cast<size_t>(digits), '0');
  const auto fill = [&] {
    for (size_t i = prefix.size(); i < number.size(); ++i) number[i] = rng.Digit();
  };
  fill();
  PhoneNumber base;
  if (PhoneNumberUtil::GetInstance()->Parse(number, region, &base) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return false;
  }
  for (size_t pos = prefix.size(); pos < number.size(); ++pos) {
    for (char d = '0'; d <= '9'; ++d) {
      fill();
      number[pos] = d;
      if (!ValidNational(base, number.substr(national_start), region)) return false;
    }
  }
  for (int i = 0; i < 30; ++i) {
    fill();
    if (!ValidFor(number, region)) return false;
  }
  return true;
}

// Up to `want` templates of one number type, built from libphonenumber's example number: the
// example itself, then variants with other area codes or operator prefixes.
std::vector<PhoneTemplate> BuildTemplates(const std::string& region,
                                          PhoneNumberUtil::PhoneNumberType type, size_t want,
                                          Rng& rng) {
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber example;
  if (!util->GetExampleNumberForType(region, type, &example)) return {};
  std::string e164;
  util->Format(example, PhoneNumberUtil::E164, &e164);
  const size_t national_start = 1 + std::to_string(example.country_code()).size();
  const size_t national_digits = e164.size() - national_start;
  if (national_digits < 7) return {};

  std::vector<PhoneTemplate> out;
  std::set<std::string> seen;
  for (int attempt = 0; attempt < 60 && out.size() < want; ++attempt) {
    std::string candidate = e164;
    if (attempt > 0) {
      const size_t keep = 1 + rng.Below(3);
      for (size_t i = national_start + keep; i < candidate.size(); ++i) candidate[i] = rng.Digit();
      if (!ValidFor(candidate, region)) continue;
    }
    for (int digits = 6; digits >= 4; --digits) {
      if (national_digits < static_cast<size_t>(digits) + 3) continue;
      std::string prefix = candidate.substr(0, candidate.size() - digits);
      if (seen.count(prefix)) break;
      if (TemplateHolds(prefix, digits, national_start, region, rng)) {
        seen.insert(prefix);
        out.push_back({std::move(prefix), digits});
        break;
      }
    }
  }
  return out;
}

struct Tables {
  std::vector<Country> countries;
  std::vector<int64_t> cumulative_weights;  // over `countries`
};

const Tables& GetTables() {
  static const Tables tables = [] {
    Tables t;
    // Templates do not depend on the load's seed: they are a property of the numbering plans.
    Rng rng(0x5eed0f9b07e5ULL);
    std::map<std::string, std::pair<std::vector<PhoneTemplate>, std::vector<PhoneTemplate>>> phones;
    int64_t total = 0;
    for (const auto& p : names::Countries()) {
      Country c;
      c.profile = &p;
      c.code = std::string(p.country);
      c.language = std::string(p.language);
      c.tld = std::string(p.tld);
      c.male = Prepare(p.male);
      c.female = Prepare(p.female);
      c.last = Prepare(p.last);
      c.last_female = Prepare(p.last_female);
      for (auto d : p.domains) c.domains.emplace_back(d);
      for (auto pattern : p.companies) c.companies.emplace_back(pattern);
      auto it = phones.find(c.code);
      if (it == phones.end()) {
        auto mobiles = BuildTemplates(c.code, PhoneNumberUtil::MOBILE, 4, rng);
        auto landlines = BuildTemplates(c.code, PhoneNumberUtil::FIXED_LINE, 2, rng);
        it = phones.emplace(c.code, std::make_pair(std::move(mobiles), std::move(landlines))).first;
      }
      c.mobiles = it->second.first;
      c.landlines = it->second.second;
      c.places = places::PlacesFor(c.code, c.language);
      total += p.weight;
      t.cumulative_weights.push_back(total);
      t.countries.push_back(std::move(c));
    }
    return t;
  }();
  return tables;
}

// ---------------------------------------------------------------------------------------------
// Groups and tags of the demo store.

enum GroupSlot { kWholesale, kVip, kStaff, kNewsletterOnly, kAffiliates, kGroupSlots };
constexpr std::array<std::string_view, kGroupSlots> kGroupNames = {"Wholesale", "VIP", "Staff",
                                                                   "Newsletter-only", "Affiliates"};

enum TagSlot {
  kTagVip,
  kTagNewsletter,
  kTagWholesale,
  kTagReturning,
  kTagB2b,
  kTagInfluencer,
  kTagFraudCheck,
  kTagFirstOrder,
  kTagHighValue,
  kTagGiftBuyer,
  kTagStudent,
  kTagEarlyAdopter,
  kTagReseller,
  kTagPress,
  kTagDoNotContact,
  kTagSlots
};
constexpr std::array<std::string_view, kTagSlots> kTagNames = {
    "vip",        "newsletter",    "wholesale",   "returning",  "b2b",
    "influencer", "fraud-check",   "first-order", "high-value", "gift-buyer",
    "student",    "early-adopter", "reseller",    "press",      "do-not-contact"};

struct Catalogue {
  std::array<int64_t, kGroupSlots> groups{};
  std::array<int64_t, kTagSlots> tags{};
};

// Finds the demo groups and tags by name, creating the missing ones.
Result<Catalogue> EnsureCatalogue(db::Connection& c, int64_t created_at, Rng& rng) {
  Catalogue out;
  ASSIGN_OR_RETURN(std::vector<groups::Group> existing, groups::store::ListGroups(c));
  for (int slot = 0; slot < kGroupSlots; ++slot) {
    const std::string name(kGroupNames[slot]);
    const std::string key = NormalizeForSearch(name);
    auto found = std::find_if(existing.begin(), existing.end(), [&](const groups::Group& g) {
      return NormalizeForSearch(g.name) == key;
    });
    if (found != existing.end()) {
      out.groups[slot] = found->id;
      continue;
    }
    groups::Group g;
    g.public_id = SeededPublicId("grp", rng.Next(), rng.Next());
    g.name = name;
    g.created_at = g.updated_at = created_at;
    ASSIGN_OR_RETURN(out.groups[slot], groups::store::InsertGroup(c, g, key));
  }
  for (int slot = 0; slot < kTagSlots; ++slot) {
    const std::string name(kTagNames[slot]);
    const std::string key = NormalizeForSearch(name);
    ASSIGN_OR_RETURN(std::optional<groups::Tag> found, groups::store::FindTagByKey(c, key));
    if (found) {
      out.tags[slot] = found->id;
      continue;
    }
    groups::Tag t;
    t.public_id = SeededPublicId("tag", rng.Next(), rng.Next());
    t.name = name;
    t.created_at = created_at;
    ASSIGN_OR_RETURN(out.tags[slot], groups::store::InsertTag(c, t, key));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Customers.

// What one generated batch inserts; the rows are built on the generator's thread.
struct Batch {
  customers::store::InsertBatch customers;
  std::vector<db::Params> tag_links;  // (customer id, tag id)
  addresses::store::InsertBatch addresses;
  std::vector<int64_t> same_as_billing;  // customers whose shipping goes to the billing address
};

// A batch as Generator makes it, before its rows are built.
struct Generated {
  std::vector<Customer> customers;
  std::vector<db::Params> tag_links;
  std::vector<addresses::Address> addresses;
  std::vector<int64_t> same_as_billing;
};

// Share of registrations in each hour of the day (UTC): quiet at night, busiest in the evening.
constexpr std::array<int, 24> kHourWeights = {3, 2, 1, 1, 1, 1, 2, 3,  5,  6, 7, 7,
                                              8, 8, 7, 7, 7, 8, 9, 10, 10, 9, 7, 5};

// Generates customers in registration order. Not thread-safe: one generator is used by one
// thread at a time (Load hands it to its helper thread one batch at a time).
class Generator {
 public:
  Generator(const Options& options, const Tables& tables, const Catalogue& catalogue)
      : tables_(tables),
        catalogue_(catalogue),
        rng_(options.seed ^ 0xc11e47e1eULL),
        total_(std::max<int64_t>(options.customers, 1)),
        now_(options.now_micros),
        start_(options.now_micros - kHistoryMicros),
        id_key_(Mix64(options.seed ^ 0x9b1d5a7ULL)),
        address_rng_(options.seed ^ 0xadd7e55eULL),
        address_key_(Mix64(options.seed ^ 0xadd7e55ULL)),
        spam_per_10k_(static_cast<int64_t>(options.spam_percent * 100)),
        spam_key_(Mix64(options.seed ^ 0x5ba3ULL)),
        spam_rng_(options.seed ^ 0x5ba3f00dULL) {
    // E-mail numbers: a bijection of the customer index on [0, modulus) (7919 is prime and not a
    // factor of a power of ten), so each address is unique without looking like a counter.
    email_modulus_ = 1000;
    while (email_modulus_ < 10 * total_) email_modulus_ *= 10;
    email_offset_ = static_cast<int64_t>(rng_.Below(static_cast<uint64_t>(email_modulus_)));
    int64_t sum = 0;
    for (size_t h = 0; h < kHourWeights.size(); ++h) {
      hour_start_[h] = sum;
      sum += kHourWeights[h];
    }
    hour_total_ = sum;
  }

  Batch Next(int64_t count) {
    Generated g;
    g.customers.reserve(static_cast<size_t>(count));
    g.tag_links.reserve(static_cast<size_t>(count));
    g.addresses.reserve(static_cast<size_t>(count) * 3 / 2);
    for (int64_t i = 0; i < count; ++i) g.customers.push_back(Make(next_index_++, g));
    return {customers::store::PrepareInsert(g.customers), std::move(g.tag_links),
            addresses::store::PrepareInsert(g.addresses), std::move(g.same_as_billing)};
  }

 private:
  const Country& PickCountry() {
    const auto& cumulative = tables_.cumulative_weights;
    const int64_t r = static_cast<int64_t>(rng_.Below(static_cast<uint64_t>(cumulative.back())));
    const size_t i = std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin();
    return tables_.countries[i];
  }

  // Registration time of customer `index`, strictly after the previous one's. Customers are
  // spread over the five years in index order (with jitter inside each slot), denser towards
  // now, then placed inside their day by the hourly profile; both maps are increasing, so the
  // order survives.
  int64_t RegistrationTime(int64_t index) {
    const double u = (static_cast<double>(index) + rng_.Unit()) / static_cast<double>(total_);
    const double share = std::log1p(u * std::expm1(kGrowth)) / kGrowth;
    const double days = share * static_cast<double>(kHistoryDays);
    const double day = std::floor(days);
    const double in_day = TimeOfDay(days - day);
    int64_t t = start_ + static_cast<int64_t>(day) * kMicrosPerDay +
                static_cast<int64_t>(in_day * static_cast<double>(kMicrosPerDay));
    t = std::max(t, last_registered_ + 1);
    last_registered_ = t;
    return t;
  }

  // Maps a uniform fraction of a day onto the hourly profile (increasing, [0,1) onto [0,1)).
  double TimeOfDay(double fraction) const {
    const double v = fraction * static_cast<double>(hour_total_);
    size_t h = 0;
    while (h + 1 < hour_start_.size() && static_cast<double>(hour_start_[h + 1]) <= v) ++h;
    const double within = (v - static_cast<double>(hour_start_[h])) / kHourWeights[h];
    return (static_cast<double>(h) + std::min(within, 0.999999)) / 24.0;
  }

  std::string Ip() {
    char buf[48];
    if (rng_.Chance(0.75)) {
      // Public-looking addresses: no private, shared, loopback, link-local or documentation
      // ranges (whole first octets, which is simpler and good enough here).
      int first;
      do {
        first = 1 + static_cast<int>(rng_.Below(223));
      } while (first == 10 || first == 100 || first == 127 || first == 169 || first == 172 ||
               first == 192 || first == 198 || first == 203);
      std::snprintf(buf, sizeof buf, "%d.%d.%d.%d", first, static_cast<int>(rng_.Below(256)),
                    static_cast<int>(rng_.Below(256)), 1 + static_cast<int>(rng_.Below(254)));
    } else {
      // Global unicast blocks of the regional registries.
      static constexpr std::array<unsigned, 6> kBlocks = {0x2a02, 0x2a01, 0x2600,
                                                          0x2003, 0x2400, 0x2800};
      std::snprintf(buf, sizeof buf, "%x:%x:%x:%x::%x", kBlocks[rng_.Below(kBlocks.size())],
                    static_cast<unsigned>(0x100 + rng_.Below(0xfe00)),
                    static_cast<unsigned>(rng_.Below(0x10000)),
                    static_cast<unsigned>(rng_.Below(0x10000)),
                    static_cast<unsigned>(1 + rng_.Below(0xfffe)));
    }
    return buf;
  }

  std::string Phone(const std::vector<PhoneTemplate>& templates) {
    const PhoneTemplate& t = rng_.Pick(templates);
    std::string out = t.prefix;
    for (int i = 0; i < t.random_digits; ++i) out += rng_.Digit();
    return out;
  }

  std::string EmailLocalPart(const std::string& first, const std::string& last, int64_t index) {
    const int64_t number = (index * 7919 + email_offset_) % email_modulus_;
    const std::string n = std::to_string(number);
    const std::string& f = first.empty() ? kFallbackName : first;
    if (last.empty()) return f + n;
    // Every form ends in the number, after letters or a separator: that trailing run of digits
    // is unique per customer, so the whole address is.
    switch (rng_.Below(10)) {
      case 0:
      case 1:
      case 2:
        return f + "." + last + "." + n;
      case 3:
        return f + last + n;
      case 4:
        return f + "_" + last + n;
      case 5:
        return f.substr(0, 1) + "." + last + n;
      case 6:
        return last + "." + f + n;
      case 7:
        return f + n;
      default: {
        const auto words = names::HandleWords();
        return std::string(rng_.Pick(words)) + (rng_.Chance(0.5) ? "." : "") +
               std::string(rng_.Pick(words)) + n;
      }
    }
  }

  static std::string Fill(std::string_view pattern, std::string_view last) {
    std::string out(pattern);
    const size_t at = out.find("{L}");
    if (at != std::string::npos) out.replace(at, 3, last);
    return out;
  }

  // Spam comes in waves of bot registrations from one network; a wave is spam or not by its
  // number alone, so the other customers stay what they were.
  bool IsSpam(int64_t index) const {
    if (spam_per_10k_ <= 0) return false;
    return static_cast<int64_t>(Mix64(static_cast<uint64_t>(index / kSpamWave) ^ spam_key_) %
                                10000) < spam_per_10k_;
  }

  std::string RandomWord(size_t min, size_t max) {
    static constexpr std::string_view kLetters = "bcdfghjklmnpqrstvwxzaeiou";
    const size_t n = min + spam_rng_.Below(max - min + 1);
    std::string out;
    // Mostly consonants: what a script filling a form with noise types.
    for (size_t i = 0; i < n; ++i)
      out += kLetters[spam_rng_.Below(spam_rng_.Chance(0.85) ? 20 : 25)];
    return out;
  }

  Customer MakeSpam(int64_t index) {
    static constexpr std::array<std::string_view, 8> kDisposable = {
        "mailinator.com",   "yopmail.com",   "guerrillamail.com", "sharklasers.com",
        "10minutemail.com", "trashmail.com", "maildrop.cc",       "dispostable.com"};
    static constexpr std::array<std::string_view, 4> kLinks = {
        "cheap-pills.xyz", "best-casino-bonus.top", "crypto-profit.click", "www.free-followers.ru"};
    Customer c;
    c.registered_at = RegistrationTime(index);
    c.id = customers::KeyFor(c.registered_at, static_cast<int64_t>(spam_rng_.Below(1024)));
    c.public_id = SeededPublicId("cus", static_cast<uint64_t>(index) + id_key_, spam_rng_.Next());
    c.kind = Kind::kRegistered;
    c.status = AccountStatus::kActive;
    std::string word = RandomWord(6, 10);
    word[0] = static_cast<char>(word[0] - 'a' + 'A');
    switch (spam_rng_.Below(3)) {
      case 0:
        c.first_name = word;
        c.last_name = RandomWord(6, 10);
        break;
      case 1:
        c.first_name = "Visit";
        c.last_name = std::string(kLinks[spam_rng_.Below(kLinks.size())]);
        break;
      default:
        c.first_name = c.last_name = word;
        break;
    }
    const std::string domain = spam_rng_.Chance(0.7)
                                   ? std::string(kDisposable[spam_rng_.Below(kDisposable.size())])
                                   : std::string(rng_.Pick(names::GlobalDomains()));
    c.email = c.email_key = RandomWord(5, 8) + std::to_string(index) + "@" + domain;
    const uint64_t wave = static_cast<uint64_t>(index / kSpamWave);
    c.registration_ip = "45." + std::to_string(Mix64(wave) % 200 + 20) + "." +
                        std::to_string(Mix64(wave ^ 0x5eed) % 250) + "." +
                        std::to_string(1 + spam_rng_.Below(254));
    c.updated_at = c.registered_at;
    return c;
  }

  Customer Make(int64_t index, Generated& batch) {
    if (IsSpam(index)) return MakeSpam(index);
    Customer c;
    c.registered_at = RegistrationTime(index);
    c.id = customers::KeyFor(c.registered_at, static_cast<int64_t>(rng_.Below(1024)));
    c.public_id = SeededPublicId("cus", static_cast<uint64_t>(index) + id_key_, rng_.Next());
    c.kind = rng_.Chance(0.85) ? Kind::kRegistered : Kind::kGuest;
    const double status = rng_.Unit();
    c.status = status < 0.92   ? AccountStatus::kActive
               : status < 0.98 ? AccountStatus::kInactive
                               : AccountStatus::kBanned;

    const Country& country = PickCountry();
    const names::CountryProfile& profile = *country.profile;
    c.country = country.code;
    c.language = country.language;
    const bool female = rng_.Chance(0.5);
    const bool latin = profile.latin_percent > 0 && rng_.Chance(profile.latin_percent / 100.0);
    const PoolName& first = rng_.Pick(female ? country.female : country.male);
    const size_t last_index = rng_.Below(country.last.size());
    const PoolName& last = female && !country.last_female.empty() ? country.last_female[last_index]
                                                                  : country.last[last_index];
    c.first_name = latin ? first.latin : first.native;
    c.last_name = latin ? last.latin : last.native;
    if (profile.two_surnames_percent > 0 && rng_.Chance(profile.two_surnames_percent / 100.0)) {
      const PoolName& second = rng_.Pick(country.last);
      if (&second != &last) c.last_name += " " + second.native;
    }

    const bool has_company = rng_.Chance(0.15);
    std::string company_domain;
    if (has_company) {
      const auto& pattern =
          latin ? std::string(rng_.Pick(names::LatinCompanies())) : rng_.Pick(country.companies);
      c.company = Fill(pattern, c.last_name);
      // Always with a suffix, so that no address lands on a bare surname domain someone owns.
      static constexpr std::array<std::string_view, 4> kSuffixes = {"-group", "-trading", "-shop",
                                                                    "-studio"};
      company_domain =
          last.ascii + std::string(kSuffixes[rng_.Below(kSuffixes.size())]) + "." + country.tld;
    }

    const bool has_phone = rng_.Chance(0.85);
    if (has_phone) {
      const bool landline = !country.landlines.empty() &&
                            (country.mobiles.empty() || rng_.Chance(has_company ? 0.4 : 0.1));
      if (landline || !country.mobiles.empty()) {
        c.phone = Phone(landline ? country.landlines : country.mobiles);
      }
    }
    if (has_company && !country.landlines.empty() && rng_.Chance(0.08)) {
      c.fax = Phone(country.landlines);
    }

    // Guests check out with an e-mail address or, now and then, only a phone.
    const bool has_email = c.kind == Kind::kRegistered || c.phone.empty() || rng_.Chance(0.9);
    if (has_email) {
      std::string domain;
      if (!company_domain.empty() && rng_.Chance(0.5)) {
        domain = company_domain;
      } else if (rng_.Chance(0.4) && !country.domains.empty()) {
        domain = rng_.Pick(country.domains);
      } else {
        domain = std::string(rng_.Pick(names::GlobalDomains()));
      }
      std::string local = EmailLocalPart(first.ascii, last.ascii, index);
      c.email_key = local + "@" + domain;
      // A few people type their address with capitals; the key stays lower-case.
      if (rng_.Chance(0.03)) local[0] = static_cast<char>(local[0] - 'a' + 'A');
      c.email = local + "@" + domain;
    }

    int group = -1;
    if (has_company && rng_.Chance(0.25)) {
      group = kWholesale;
    } else {
      const double g = rng_.Unit();
      if (g < 0.03) {
        group = kVip;
      } else if (g < 0.033) {
        group = kStaff;
      } else if (g < 0.08) {
        group = kNewsletterOnly;
      } else if (g < 0.09) {
        group = kAffiliates;
      }
    }
    c.group_id = group < 0 ? groups::kDefaultGroupId : catalogue_.groups[group];

    c.consent_email = group == kNewsletterOnly || rng_.Chance(0.45);
    c.consent_sms = !c.phone.empty() && rng_.Chance(0.25);
    c.consent_messenger = rng_.Chance(0.1);
    c.library_all_access = rng_.Chance(0.01);
    c.member_directory_access = rng_.Chance(0.03);
    if (group == kWholesale && rng_.Chance(0.6)) {
      static constexpr std::array<int64_t, 4> kWholesaleBp = {500, 1000, 1500, 2000};
      c.commission_reduced_bp = kWholesaleBp[rng_.Below(kWholesaleBp.size())];
    } else if (rng_.Chance(0.005)) {
      static constexpr std::array<int64_t, 5> kBp = {250, 500, 750, 1000, 1250};
      c.commission_reduced_bp = kBp[rng_.Below(kBp.size())];
    }

    if (rng_.Chance(0.05)) c.note = std::string(rng_.Pick(names::Notes()));
    AddCustomFields(c, has_company);

    c.registration_ip = Ip();
    const int64_t since = now_ - c.registered_at;
    if (c.kind == Kind::kRegistered && rng_.Chance(0.85)) {
      int64_t login = rng_.Chance(0.35)
                          ? now_ - static_cast<int64_t>(rng_.Below(static_cast<uint64_t>(
                                       std::min<int64_t>(since, 30 * kMicrosPerDay))))
                          : c.registered_at + static_cast<int64_t>(rng_.Unit() * since);
      login = std::clamp(login, c.registered_at + 1, now_);
      c.last_login_at = login;
      c.last_login_ip = rng_.Chance(0.4) ? c.registration_ip : Ip();
      c.last_activity_at =
          std::min(now_, login + static_cast<int64_t>(rng_.Below(2 * kMicrosPerHour)));
    } else if (c.kind == Kind::kGuest || rng_.Chance(0.5)) {
      // The checkout (guest) or the visit that created the account.
      c.last_activity_at =
          std::min(now_, c.registered_at + static_cast<int64_t>(rng_.Below(30 * kMicrosPerMinute)));
    }
    c.updated_at = rng_.Chance(0.65) ? c.registered_at
                                     : c.registered_at + static_cast<int64_t>(rng_.Unit() * since);

    AddTags(c, group, has_company, batch);
    const addresses::PlaceKeys place = AddAddresses(c, country, latin, has_company, index, batch);
    c.place_text = place.text;
    c.place_digits = place.digits;
    return c;
  }

  // Writes a street-line pattern: {street}, {n} (1–199), {m} (1–40), {s} (1–9), {L} (A–F).
  std::string StreetLine(std::string_view pattern, std::string_view street) {
    Rng& rng = address_rng_;
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
      const size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string_view::npos;
      if (close == std::string_view::npos) {
        out += pattern[i];
        continue;
      }
      const std::string_view key = pattern.substr(i + 1, close - i - 1);
      if (key == "street") {
        out += street;
      } else if (key == "n") {
        out += std::to_string(1 + rng.Below(rng.Chance(0.7) ? 60 : 199));
      } else if (key == "m") {
        out += std::to_string(1 + rng.Below(40));
      } else if (key == "s") {
        out += std::to_string(1 + rng.Below(9));
      } else if (key == "L") {
        out += static_cast<char>('A' + rng.Below(6));
      }
      i = close;
    }
    return out;
  }

  // A postal code from a pattern: '#' a digit, '@' a letter valid in British and Canadian codes.
  std::string PostalCode(std::string_view pattern) {
    static constexpr std::string_view kLetters = "ABEGHJLNPRSTWXYZ";
    std::string out(pattern);
    for (char& ch : out) {
      if (ch == '#') ch = address_rng_.Digit();
      if (ch == '@') ch = kLetters[address_rng_.Below(kLetters.size())];
    }
    return out;
  }

  // Most customers have an address book in their own country: a home address, sometimes a
  // second or third (work, family), with default billing and shipping addresses.
  // Returns the customer's place keys (addresses::Service::PlaceKeysOf).
  addresses::PlaceKeys AddAddresses(const Customer& c, const Country& country, bool latin,
                                    bool has_company, int64_t index, Generated& batch) {
    const places::CountryPlaces* p = country.places;
    Rng& rng = address_rng_;
    if (p == nullptr || !rng.Chance(c.kind == Kind::kGuest ? 0.8 : 0.87)) return {};
    const double r = rng.Unit();
    const int count = r < 0.68 ? 1 : (r < 0.92 ? 2 : 3);
    const bool romanised = latin && !p->latin_line1.empty();
    const addresses::CountryRules& rules = addresses::RulesFor(c.country);
    const places::Place& home = rng.Pick(p->places);
    const size_t first = batch.addresses.size();
    for (int slot = 0; slot < count; ++slot) {
      const places::Place& place = slot == 0 || rng.Chance(0.5) ? home : rng.Pick(p->places);
      const auto& streets = place.streets.empty() ? p->streets : place.streets;
      addresses::Address a;
      a.public_id = SeededPublicId(
          "adr", (static_cast<uint64_t>(index) * 4 + static_cast<uint64_t>(slot)) ^ address_key_,
          rng.Next());
      a.customer_id = c.id;
      a.first_name = c.first_name;
      a.last_name = c.last_name;
      const bool office = has_company && (slot == 1 || (slot == 0 && rng.Chance(0.3)));
      if (office) {
        a.label = "Office";
        a.kind = addresses::Kind::kBusiness;
        a.company = c.company;
      } else if (slot == 0) {
        a.label = rng.Chance(0.8) ? "Home" : "";
      } else {
        static constexpr std::array<std::string_view, 4> kLabels = {"Work", "Parents",
                                                                    "Holiday home", "Partner"};
        a.label = std::string(kLabels[rng.Below(kLabels.size())]);
      }
      const places::Street& street = rng.Pick(streets);
      const bool use_latin = romanised && !street.latin.empty();
      a.line1 = StreetLine(rng.Pick(use_latin ? p->latin_line1 : p->line1),
                           use_latin ? street.latin : street.name);
      const auto& line2 = use_latin ? p->latin_line2 : p->line2;
      if (!line2.empty() && rng.Chance(0.3)) {
        a.line2 = StreetLine(rng.Pick(line2), rng.Pick(streets).name);
      }
      a.city = std::string(use_latin && !place.latin_city.empty() ? place.latin_city : place.city);
      a.region = std::string(place.region);
      for (const auto& region : rules.region.regions) {
        if (region.code != place.region) continue;
        a.region_code = region.code;
        a.region = !use_latin && !region.local_name.empty() ? region.local_name : region.name;
      }
      a.postal_code = PostalCode(place.postal_code);
      a.country = c.country;
      if (!c.phone.empty() && rng.Chance(0.7)) a.phone = c.phone;
      if (rng.Chance(0.08)) a.delivery_note = std::string(rng.Pick(places::DeliveryNotes()));
      const int64_t days_later = slot * (1 + static_cast<int64_t>(rng.Below(300)));
      a.created_at = std::min(now_, c.registered_at + days_later * kMicrosPerDay);
      a.updated_at = a.created_at;
      batch.addresses.push_back(std::move(a));
    }
    batch.addresses[first].default_billing = true;
    const addresses::Address* shipping = nullptr;
    if (count >= 2 && rng.Chance(0.3)) {
      batch.addresses[first + 1].default_shipping = true;
      shipping = &batch.addresses[first + 1];
    } else if (rng.Chance(0.5)) {
      batch.same_as_billing.push_back(c.id);
    } else {
      batch.addresses[first].default_shipping = true;
    }
    return addresses::Service::PlaceKeysOf(&batch.addresses[first], shipping);
  }

  void AddCustomFields(Customer& c, bool has_company) {
    char buf[64];  // room for any int in each field, so no build type warns of truncation
    if (rng_.Chance(0.08)) {
      std::snprintf(buf, sizeof buf, "L-%05d", static_cast<int>(rng_.Below(100000)));
      c.custom_fields["loyalty_id"] = buf;
    }
    if (rng_.Chance(0.03)) {
      static constexpr std::array<std::string_view, 7> kSources = {
          "instagram", "google", "friend", "newsletter", "tiktok", "podcast", "trade-fair"};
      c.custom_fields["referral_source"] = std::string(kSources[rng_.Below(kSources.size())]);
    }
    if (rng_.Chance(0.02)) {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 1950 + static_cast<int>(rng_.Below(55)),
                    1 + static_cast<int>(rng_.Below(12)), 1 + static_cast<int>(rng_.Below(28)));
      c.custom_fields["birthday"] = buf;
    }
    if (has_company && rng_.Chance(0.3)) {
      std::snprintf(buf, sizeof buf, "%s%09d", c.country.c_str(),
                    static_cast<int>(rng_.Below(1'000'000'000)));
      c.custom_fields["vat_id"] = buf;
    }
  }

  void AddTags(const Customer& c, int group, bool has_company, Generated& batch) {
    int added = 0;
    const auto add = [&](int slot, double p) {
      if (added < 3 && p > 0 && rng_.Chance(p)) {
        batch.tag_links.push_back({c.id, catalogue_.tags[slot]});
        ++added;
      }
    };
    add(kTagVip, group == kVip ? 0.8 : 0.01);
    add(kTagWholesale, group == kWholesale ? 0.9 : 0);
    add(kTagB2b, has_company ? 0.4 : 0);
    add(kTagFraudCheck, c.status == AccountStatus::kBanned ? 0.5 : 0.008);
    add(kTagNewsletter, c.consent_email ? 0.3 : 0);
    add(kTagDoNotContact, c.consent_email ? 0 : 0.02);
    if (c.kind == Kind::kGuest || rng_.Chance(0.25)) {
      add(kTagFirstOrder, 0.3);
    } else {
      add(kTagReturning, 0.4);
    }
    add(kTagHighValue, 0.05);
    add(kTagGiftBuyer, 0.06);
    add(kTagReseller, has_company ? 0.08 : 0);
    add(kTagStudent, 0.03);
    add(kTagEarlyAdopter, 0.02);
    add(kTagInfluencer, 0.01);
    add(kTagPress, 0.003);
  }

  inline static const std::string kFallbackName = "customer";

  const Tables& tables_;
  const Catalogue& catalogue_;
  Rng rng_;
  const int64_t total_;
  const int64_t now_;
  const int64_t start_;
  const uint64_t id_key_;
  // Addresses draw from their own generator, so that the customers stay what they were.
  Rng address_rng_;
  const uint64_t address_key_;
  int64_t email_modulus_ = 0;
  int64_t email_offset_ = 0;
  std::array<int64_t, 24> hour_start_{};
  int64_t hour_total_ = 0;
  int64_t next_index_ = 0;
  int64_t last_registered_ = 0;
  // Spam accounts draw from their own generator too.
  static constexpr int64_t kSpamWave = 25;
  const int64_t spam_per_10k_;
  const uint64_t spam_key_;
  Rng spam_rng_;
};

}  // namespace

Result<Report> Load(db::Database& db, const Options& options,
                    std::function<void(int64_t done)> progress) {
  const auto started = std::chrono::steady_clock::now();
  if (options.customers < 0 || options.customers > kMaxCustomers) {
    return Error::Invalid("The number of demo customers must be between 0 and " +
                          std::to_string(kMaxCustomers) + ".");
  }
  if (options.now_micros <= kHistoryMicros) {
    return Error::Invalid("The demo store needs the current time.");
  }
  const Tables& tables = GetTables();

  Rng catalogue_rng(options.seed ^ 0xca7a1095eULL);
  Report report;
  report.groups = kGroupSlots;
  report.tags = kTagSlots;
  int64_t done = 0;

  // One transaction: a load that fails or is interrupted leaves the store as it was. The
  // secondary and search indexes are built once after the last row, which is several times
  // faster than keeping them up to date row by row.
  RETURN_IF_ERROR(db.BulkLoad([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(db::Rows any, c.Query(kAnyCustomer));
    if (!any.empty()) {
      return Error::Precondition("store_not_empty",
                                 "The demo store can only be loaded into a store without "
                                 "customers.");
    }
    ASSIGN_OR_RETURN(
        const std::vector<std::string> build_indexes,
        c.BeginBulkLoad({"customers", "customer_tags", "customer_addresses", "address_books"}));
    ASSIGN_OR_RETURN(const Catalogue catalogue,
                     EnsureCatalogue(c, options.now_micros - kHistoryMicros, catalogue_rng));

    // The helper thread generates batch k + 1 while this one inserts batch k. Only one batch
    // is in flight, so the generator is never used by two threads at once; the future's
    // destructor waits for it on every way out.
    Generator generator(options, tables, catalogue);
    const auto generate = [&](int64_t count) {
      return std::async(std::launch::async, [&generator, count] { return generator.Next(count); });
    };
    std::future<Batch> next;
    if (options.customers > 0) next = generate(std::min(kBatchSize, options.customers));
    while (done < options.customers) {
      Batch batch = next.get();
      const int64_t size = static_cast<int64_t>(batch.customers.ids.size());
      const int64_t remaining = options.customers - done - size;
      if (remaining > 0) next = generate(std::min(kBatchSize, remaining));
      RETURN_IF_ERROR(customers::store::InsertMany(c, batch.customers,
                                                   customers::store::SearchIndexing::kAtEnd));
      RETURN_IF_ERROR(c.ExecuteMany(kInsertTagLink, batch.tag_links));
      RETURN_IF_ERROR(addresses::store::InsertMany(c, batch.addresses));
      RETURN_IF_ERROR(addresses::store::InsertBooks(c, batch.same_as_billing, options.now_micros));
      done += size;
      if (progress) progress(done);
    }
    for (const auto& statement : build_indexes) RETURN_IF_ERROR(c.Execute(statement));
    return customers::store::BuildSearchIndex(c);
  }));
  report.customers = done;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace clientele::demo
