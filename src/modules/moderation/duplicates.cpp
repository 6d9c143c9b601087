#include "modules/moderation/duplicates.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/contact.hpp"
#include "core/text.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/moderation/store.hpp"

namespace clientele::moderation {
namespace {

using customers::Customer;
using customers::Shared;

constexpr int kMaxGroup = 20;
constexpr int kMaxPerKey = 50;

std::string PostalKey(const std::string& postal) {
  std::string out;
  for (char ch : postal) {
    if (ch != ' ' && ch != '-')
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return out;
}

// Where a customer's default addresses are: "country|postal" and "country|city" keys.
struct Places {
  std::set<std::string> postal, city;
};

std::map<int64_t, Places> PlacesOf(const std::map<int64_t, addresses::CustomerDefaults>& defaults) {
  std::map<int64_t, Places> out;
  for (const auto& [id, d] : defaults) {
    for (const auto& a : {d.billing, d.shipping}) {
      if (!a) continue;
      if (!a->postal_code.empty())
        out[id].postal.insert(a->country + "|" + PostalKey(a->postal_code));
      if (!a->city.empty()) {
        out[id].city.insert(a->country + "|" + addresses::Service::CityKeyOf(a->city));
      }
    }
  }
  return out;
}

bool Meet(const std::set<std::string>& x, const std::set<std::string>& y) {
  for (const auto& v : x) {
    if (y.count(v)) return true;
  }
  return false;
}

// Why `a` and `b` look like one person.
std::vector<DuplicateReason> ReasonsFor(const Customer& a, const Customer& b,
                                        const std::map<int64_t, Places>& places) {
  std::vector<DuplicateReason> out;
  if (!a.email_key.empty() && a.email_key == b.email_key) {
    out.push_back({"same_email", 0.95});
  } else if (!a.email_key.empty() && EmailMatchKey(a.email_key) == EmailMatchKey(b.email_key)) {
    out.push_back({"similar_email", 0.9});
  }
  if (!a.phone.empty() && a.phone == b.phone) out.push_back({"same_phone", 0.8});
  const std::string name = customers::NameSortKey(a);
  if (!Trim(name).empty() && name == customers::NameSortKey(b)) {
    auto pa = places.find(a.id), pb = places.find(b.id);
    if (pa != places.end() && pb != places.end()) {
      if (Meet(pa->second.postal, pb->second.postal)) {
        out.push_back({"same_name_postal_code", 0.7});
      } else if (Meet(pa->second.city, pb->second.city)) {
        out.push_back({"same_name_city", 0.5});
      }
    }
  }
  return out;
}

std::pair<int64_t, int64_t> PairKey(int64_t a, int64_t b) {
  return {std::min(a, b), std::max(a, b)};
}

Result<std::map<int64_t, Places>> LoadPlaces(db::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, Places> out;
  for (size_t at = 0; at < ids.size(); at += 1000) {
    std::vector<int64_t> chunk(ids.begin() + at, ids.begin() + std::min(ids.size(), at + 1000));
    ASSIGN_OR_RETURN(auto defaults, addresses::Service::ReadDefaults(c, chunk));
    for (auto& [id, p] : PlacesOf(defaults)) out[id] = std::move(p);
  }
  return out;
}

Result<std::map<int64_t, Customer>> LoadCustomers(db::Connection& c, std::vector<int64_t> ids) {
  std::map<int64_t, Customer> out;
  for (size_t at = 0; at < ids.size(); at += 1000) {
    std::vector<int64_t> chunk(ids.begin() + at, ids.begin() + std::min(ids.size(), at + 1000));
    ASSIGN_OR_RETURN(std::vector<Customer> rows, customers::Service::FindByIds(c, chunk));
    for (auto& r : rows) out[r.id] = std::move(r);
  }
  return out;
}

void SortBest(std::vector<Candidate>& v) {
  std::sort(v.begin(), v.end(), [](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.b.id > y.b.id;  // the newest duplicate first
  });
}

}  // namespace

double CombinedScore(const std::vector<DuplicateReason>& reasons) {
  double none = 1;
  for (const auto& r : reasons) none *= 1 - r.score;
  return 1 - none;
}

Result<std::vector<Candidate>> Duplicates::Of(const std::string& customer_id) {
  return db_.Read([&](db::Connection& c) -> Result<std::vector<Candidate>> {
    ASSIGN_OR_RETURN(Customer me, customers::Service::Find(c, customer_id));
    std::map<int64_t, Customer> others;
    for (auto [shared, value] :
         {std::pair{Shared::kEmailMatch, EmailMatchKey(me.email_key)},
          std::pair{Shared::kPhone, me.phone}, std::pair{Shared::kName, NameSortKey(me)}}) {
      ASSIGN_OR_RETURN(std::vector<Customer> found,
                       customers::Service::FindSharing(c, shared, value, me.id, kMaxPerKey));
      for (auto& f : found) others.emplace(f.id, std::move(f));
    }
    std::vector<int64_t> ids{me.id};
    for (const auto& [id, o] : others) ids.push_back(id);
    ASSIGN_OR_RETURN(auto places, LoadPlaces(c, ids));
    ASSIGN_OR_RETURN(auto dismissed, store::Dismissals(c));
    std::vector<Candidate> out;
    for (const auto& [id, o] : others) {
      if (dismissed.count(PairKey(me.id, id))) continue;
      Candidate cand{me, o, 0, ReasonsFor(me, o, places)};
      cand.score = CombinedScore(cand.reasons);
      if (cand.score >= kMinScore) out.push_back(std::move(cand));
    }
    SortBest(out);
    return out;
  });
}

Result<CandidateList> Duplicates::All(int limit) {
  return db_.Read([&](db::Connection& c) -> Result<CandidateList> {
    // Pairs from customers sharing a key; a name alone needs a place in common, so their
    // addresses are read.
    std::set<std::pair<int64_t, int64_t>> pairs;
    std::set<int64_t> named;
    for (Shared shared : {Shared::kEmailMatch, Shared::kPhone, Shared::kName}) {
      ASSIGN_OR_RETURN(auto groups, customers::Service::SharingGroups(c, shared, kMaxGroup));
      for (const auto& g : groups) {
        for (size_t i = 0; i < g.size(); ++i) {
          for (size_t j = i + 1; j < g.size(); ++j) pairs.insert(PairKey(g[i], g[j]));
          if (shared == Shared::kName) named.insert(g[i]);
        }
      }
    }
    ASSIGN_OR_RETURN(auto dismissed, store::Dismissals(c));
    std::set<int64_t> ids;
    for (const auto& p : pairs) {
      ids.insert(p.first);
      ids.insert(p.second);
    }
    ASSIGN_OR_RETURN(auto customers, LoadCustomers(c, {ids.begin(), ids.end()}));
    ASSIGN_OR_RETURN(auto places, LoadPlaces(c, {named.begin(), named.end()}));
    CandidateList list;
    std::vector<Candidate> all;
    for (const auto& p : pairs) {
      if (dismissed.count(p)) continue;
      auto a = customers.find(p.first), b = customers.find(p.second);
      if (a == customers.end() || b == customers.end()) continue;
      Candidate cand{a->second, b->second, 0, ReasonsFor(a->second, b->second, places)};
      cand.score = CombinedScore(cand.reasons);
      if (cand.score >= kMinScore) all.push_back(std::move(cand));
    }
    list.pairs_found = static_cast<int64_t>(all.size());
    SortBest(all);
    if (static_cast<int>(all.size()) > limit) all.resize(limit);
    list.items = std::move(all);
    return list;
  });
}

Status Duplicates::Dismiss(const audit::Actor& actor, const std::string& a, const std::string& b) {
  if (a == b) {
    std::string msg = "Name two different customers.";
    return Error::Invalid(msg, {{"customers", "invalid_pair", msg}});
  }
  const int64_t now = clock_.NowMicros();
  auto done = db_.Transaction([&](db::Connection& tx) -> Result<bool> {
    ASSIGN_OR_RETURN(Customer x, customers::Service::Find(tx, a));
    ASSIGN_OR_RETURN(Customer y, customers::Service::Find(tx, b));
    RETURN_IF_ERROR(store::InsertDismissal(tx, x.id, y.id, actor.type, actor.id, now));
    for (const auto& [one, other] : {std::pair{&x, &y}, std::pair{&y, &x}}) {
      RETURN_IF_ERROR(audit::Record(tx, actor,
                                    {"customer.duplicate_dismissed",
                                     "customer",
                                     one->public_id,
                                     {{"other", other->public_id}}},
                                    now));
    }
    return true;
  });
  if (!done.ok()) return done.error();
  return OkStatus();
}

}  // namespace clientele::moderation
