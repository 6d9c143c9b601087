#include "modules/moderation/spam_rules.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "modules/moderation/store.hpp"

namespace clientele::moderation {
namespace {

constexpr size_t kMaxMatches = 50;

std::optional<std::string> ParseDomain(const std::string& raw) {
  std::string d = Trim(raw);
  if (!d.empty() && d.front() == '@') d.erase(0, 1);
  for (char& ch : d) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
  }
  static const std::regex kDomain(
      "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$");
  if (d.size() > 253 || !std::regex_match(d, kDomain)) return std::nullopt;
  return d;
}

Error InvalidDomain() {
  const char* msg = "Type a domain, such as mailinator.com.";
  return Error::Invalid(msg, {{"domain", "invalid_domain", msg}});
}

bool ShippedHas(const std::string& domain) {
  std::string_view all = DisposableDomains::Shipped();
  // One domain per line: look for the whole line.
  size_t at = 0;
  while ((at = all.find(domain, at)) != std::string_view::npos) {
    const bool starts = at == 0 || all[at - 1] == '\n';
    const size_t end = at + domain.size();
    if (starts && (end == all.size() || all[end] == '\n')) return true;
    at = end;
  }
  return false;
}

}  // namespace

Result<DisposableDomains> SpamRules::LoadDomains(db::Connection& c) {
  ASSIGN_OR_RETURN(std::vector<DomainChange> changes, store::DomainChanges(c));
  std::map<std::string, bool> listed;
  for (const auto& ch : changes) listed[ch.domain] = ch.listed;
  return DisposableDomains(DisposableDomains::Shipped(), listed);
}

Result<DomainListing> SpamRules::Domains(const std::string& q) {
  return db_.Read([&](db::Connection& c) -> Result<DomainListing> {
    DomainListing out;
    ASSIGN_OR_RETURN(out.changes, store::DomainChanges(c));
    std::map<std::string, bool> listed;
    for (auto& ch : out.changes) {
      listed[ch.domain] = ch.listed;
      ch.shipped = ShippedHas(ch.domain);
    }
    std::string_view shipped = DisposableDomains::Shipped();
    out.shipped = static_cast<int64_t>(std::count(shipped.begin(), shipped.end(), '\n'));
    DisposableDomains effective(shipped, listed);
    out.listed = static_cast<int64_t>(effective.size());
    std::string needle = Trim(q);
    for (char& ch : needle) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
    }
    if (!needle.empty()) {
      // The owner's own additions first: they are what a search is most often about.
      for (const auto& [domain, on] : listed) {
        if (on && !ShippedHas(domain) && domain.find(needle) != std::string::npos &&
            out.matches.size() < kMaxMatches) {
          out.matches.push_back(domain);
        }
      }
      size_t start = 0;
      while (start < shipped.size() && out.matches.size() < kMaxMatches) {
        size_t end = shipped.find('\n', start);
        if (end == std::string_view::npos) end = shipped.size();
        std::string_view line = shipped.substr(start, end - start);
        if (line.find(needle) != std::string_view::npos) {
          auto it = listed.find(std::string(line));
          if (it == listed.end() || it->second) out.matches.emplace_back(line);
        }
        start = end + 1;
      }
    }
    return out;
  });
}

Result<DomainChange> SpamRules::SetListed(const audit::Actor& actor, const std::string& domain,
                                          bool listed) {
  auto parsed = ParseDomain(domain);
  if (!parsed) return InvalidDomain();
  DomainChange change;
  change.domain = *parsed;
  change.listed = listed;
  change.shipped = ShippedHas(*parsed);
  change.actor_type = actor.type;
  change.actor_id = actor.id;
  change.changed_at = clock_.NowMicros();
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::WriteDomainChange(tx, change));
    return audit::Record(tx, actor,
                         {listed ? "spam.domain_listed" : "spam.domain_unlisted",
                          "disposable_domain",
                          change.domain,
                          {{"shipped", change.shipped}}},
                         change.changed_at);
  }));
  return change;
}

Status SpamRules::Reset(const audit::Actor& actor, const std::string& domain) {
  auto parsed = ParseDomain(domain);
  if (!parsed) return InvalidDomain();
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(bool had, store::DeleteDomainChange(tx, *parsed));
    if (!had) {
      return Error::NotFound("change_not_found", "The domain is as shipped already.");
    }
    return audit::Record(tx, actor, {"spam.domain_reset", "disposable_domain", *parsed, {}}, now);
  });
}

Status SpamRules::ReplaceScores(db::Connection& tx, int64_t after_id, int64_t last_id,
                                const std::vector<SpamScoreRow>& rows, int64_t now) {
  RETURN_IF_ERROR(store::DeleteScores(tx, after_id, last_id));
  for (const auto& r : rows) {
    RETURN_IF_ERROR(store::InsertScore(tx, r.customer_id, r.score, SignalsText(r.signals), now));
  }
  return OkStatus();
}

std::string SpamRules::SignalsText(const std::vector<SpamSignal>& signals) {
  // Written for every scored account of a scan: streamed, not built as a document.
  JsonWriter w;
  w.BeginArray();
  for (const auto& s : signals) {
    w.BeginObject().Key("code").String(s.code).Key("points").Int(s.points);
    w.Key("detail").String(s.detail).EndObject();
  }
  w.EndArray();
  return w.Take();
}

std::vector<SpamSignal> SpamRules::ParseSignals(const std::string& text) {
  std::vector<SpamSignal> out;
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& s : parsed) {
    if (!s.is_object()) continue;
    out.push_back({s.value("code", ""), s.value("points", 0), s.value("detail", "")});
  }
  return out;
}

}  // namespace clientele::moderation
