#include "modules/moderation/spam.hpp"

#include <algorithm>
#include <array>

#include "core/ip.hpp"
#include "core/text.hpp"

extern const char* const kDisposableDomains;

namespace clientele::moderation {
namespace {

bool IsAsciiLetter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }
bool IsUpper(char ch) { return ch >= 'A' && ch <= 'Z'; }
bool IsLower(char ch) { return ch >= 'a' && ch <= 'z'; }
bool IsVowel(char ch) {
  switch (ch | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '-' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '-' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

// Top-level domains that spam names link to most; a word ending in one reads as an address.
constexpr std::array<std::string_view, 30> kUrlEndings = {
    ".com",  ".net",  ".org",  ".ru",     ".info", ".biz",   ".xyz",   ".top",  ".io",  ".co",
    ".me",   ".cn",   ".tk",   ".ml",     ".ga",   ".cf",    ".gq",    ".pw",   ".ly",  ".su",
    ".site", ".club", ".shop", ".online", ".link", ".click", ".store", ".live", ".win", ".bid"};

bool WordIsAddress(std::string_view word) {
  std::string w(word);
  std::transform(w.begin(), w.end(), w.begin(),
                 [](char ch) { return ch | (IsUpper(ch) ? 0x20 : 0); });
  if (size_t slash = w.find('/'); slash != std::string::npos) w.resize(slash);
  for (std::string_view end : kUrlEndings) {
    if (w.size() > end.size() + 1 && w.compare(w.size() - end.size(), end.size(), end) == 0) {
      const char before = w[w.size() - end.size() - 1];
      if (IsAsciiLetter(before) || IsDigit(before)) return true;
    }
  }
  return false;
}

}  // namespace

bool LooksRandom(std::string_view name) {
  for (std::string_view word : Words(name)) {
    size_t letters = 0, digits = 0, vowels = 0, run = 0, longest_run = 0, case_switches = 0;
    bool ascii = true;
    for (size_t i = 0; i < word.size(); ++i) {
      const char ch = word[i];
      if (IsDigit(ch)) {
        ++digits;
        run = 0;
        continue;
      }
      if (!IsAsciiLetter(ch)) {
        // Other scripts and accented names are not judged by Latin letter patterns.
        if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
        run = 0;
        continue;
      }
      ++letters;
      if (IsVowel(ch)) {
        ++vowels;
        run = 0;
      } else {
        longest_run = std::max(longest_run, ++run);
      }
      if (i > 0 && IsUpper(ch) && IsLower(word[i - 1])) ++case_switches;
    }
    if (!ascii) continue;
    if (letters > 0 && digits >= 2) return true;             // "a8f3k2"
    if (letters >= 6 && vowels == 0) return true;            // "xkqzpt"
    if (longest_run >= 7) return true;                       // "bcdfghjk"
    if (letters >= 6 && case_switches >= 2) return true;     // "jKdLqWe"
    if (letters >= 10 && vowels * 7 < letters) return true;  // "qwrtzpkvlxb"
  }
  return false;
}

bool HasUrl(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char ch) { return ch | (IsUpper(ch) ? 0x20 : 0); });
  if (lower.find("http://") != std::string::npos || lower.find("https://") != std::string::npos ||
      lower.find("www.") != std::string::npos) {
    return true;
  }
  for (std::string_view word : Words(text)) {
    if (WordIsAddress(word)) return true;
  }
  return false;
}

std::string SubnetOf(std::string_view ip) {
  std::optional<IpRange> subnet = ParseIpRange(ip);
  if (!subnet) return "";
  // A /24 or /64 ends on a byte: clearing the bytes after it is the whole mask.
  const int bits = std::min(subnet->bits, subnet->v6 ? 64 : 24);
  std::fill(subnet->bytes.begin() + bits / 8, subnet->bytes.end(), uint8_t{0});
  subnet->bits = bits;
  return subnet->ToString();
}

std::optional<uint64_t> SubnetKeyOf(std::string_view ip) {
  std::optional<IpRange> address = ParseIpRange(ip);
  if (!address) return std::nullopt;
  const size_t bytes = address->v6 ? 8 : 3;
  uint64_t key = 0;
  for (size_t i = 0; i < bytes; ++i) key = (key << 8) | address->bytes[i];
  return key;
}

std::vector<SpamSignal> SpamSignals(const SpamInput& in, const DisposableDomains& domains,
                                    int64_t now) {
  std::vector<SpamSignal> out;
  const std::string full = Trim(in.first_name + " " + in.last_name);
  if (HasUrl(full)) out.push_back({"url_in_name", 60, full});
  if (LooksRandom(in.first_name) || LooksRandom(in.last_name)) {
    out.push_back({"random_name", 35, full});
  }
  if (!in.email_domain.empty() && domains.Contains(in.email_domain)) {
    out.push_back({"disposable_email", 50, in.email_domain});
  }
  if (in.subnet_registrations >= kBurstRegistrations) {
    out.push_back({"ip_burst", 40,
                   std::to_string(in.subnet_registrations) + " registrations from " + in.subnet +
                       " within about three hours"});
  }
  const std::string first = NormalizeForSearch(in.first_name);
  if (first.size() >= 2 && first == NormalizeForSearch(in.last_name)) {
    out.push_back({"same_first_last", 25, in.first_name});
  }
  if (in.registered && !in.verified && now - in.registered_at >= kVerifyGraceMicros) {
    out.push_back({"never_verified", 15, ""});
  }
  if (!in.active) out.push_back({"no_activity", 10, ""});
  std::stable_sort(out.begin(), out.end(),
                   [](const SpamSignal& a, const SpamSignal& b) { return a.points > b.points; });
  return out;
}

int SpamScore(const std::vector<SpamSignal>& signals) {
  int sum = 0;
  for (const auto& s : signals) sum += s.points;
  return std::min(sum, 100);
}

DisposableDomains::DisposableDomains(std::string_view shipped,
                                     const std::map<std::string, bool>& changes) {
  domains_.reserve(shipped.size() / 14);
  size_t start = 0;
  while (start < shipped.size()) {
    size_t end = shipped.find('\n', start);
    if (end == std::string_view::npos) end = shipped.size();
    if (end > start) domains_.emplace(shipped.substr(start, end - start));
    start = end + 1;
  }
  for (const auto& [domain, listed] : changes) {
    if (listed)
      domains_.insert(domain);
    else
      domains_.erase(domain);
  }
}

std::string_view DisposableDomains::Shipped() { return kDisposableDomains; }

bool DisposableDomains::Contains(std::string_view domain) const {
  std::string d(domain);
  while (true) {
    if (domains_.count(d)) return true;
    size_t dot = d.find('.');
    if (dot == std::string::npos) return false;
    d.erase(0, dot + 1);
    if (d.find('.') == std::string::npos) return false;  // never a bare top-level domain
  }
}

}  // namespace clientele::moderation
