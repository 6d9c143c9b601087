#include "flows/merge/merge.hpp"

#include <algorithm>
#include <set>

#include "modules/accounts/service.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/library/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/notes/service.hpp"
#include "modules/wallet/service.hpp"

namespace clientele::flows {
namespace {

using customers::Customer;
using nlohmann::json;

// A profile field a merge may take from a merged customer: its value on the wire, whether it
// is empty (a survivor's empty field is filled without asking), and how to take it.
struct Field {
  const char* name;
  json (*get)(const Customer&);
  bool (*empty)(const Customer&);
  void (*take)(Customer& into, const Customer& from);
};

bool Never(const Customer&) { return false; }

// clang-format off
const Field kFields[] = {
    {"first_name", [](const Customer& c) { return json(c.first_name); },
     [](const Customer& c) { return c.first_name.empty(); },
     [](Customer& t, const Customer& f) { t.first_name = f.first_name; }},
    {"last_name", [](const Customer& c) { return json(c.last_name); },
     [](const Customer& c) { return c.last_name.empty(); },
     [](Customer& t, const Customer& f) { t.last_name = f.last_name; }},
    {"email", [](const Customer& c) { return json(c.email); },
     [](const Customer& c) { return c.email.empty(); },
     [](Customer& t, const Customer& f) { t.email = f.email; t.email_key = f.email_key; }},
    {"phone", [](const Customer& c) { return json(c.phone); },
     [](const Customer& c) { return c.phone.empty(); },
     [](Customer& t, const Customer& f) { t.phone = f.phone; }},
    {"country", [](const Customer& c) { return json(c.country); },
     [](const Customer& c) { return c.country.empty(); },
     [](Customer& t, const Customer& f) { t.country = f.country; }},
    {"language", [](const Customer& c) { return json(c.language); },
     [](const Customer& c) { return c.language.empty(); },
     [](Customer& t, const Customer& f) { t.language = f.language; }},
    {"company", [](const Customer& c) { return json(c.company); },
     [](const Customer& c) { return c.company.empty(); },
     [](Customer& t, const Customer& f) { t.company = f.company; }},
    {"fax", [](const Customer& c) { return json(c.fax); },
     [](const Customer& c) { return c.fax.empty(); },
     [](Customer& t, const Customer& f) { t.fax = f.fax; }},
    {"group", [](const Customer& c) { return json(c.group_name); },
     [](const Customer& c) { return c.group_id == 1; },
     [](Customer& t, const Customer& f) {
       t.group_id = f.group_id; t.group_public_id = f.group_public_id; t.group_name = f.group_name;
     }},
    {"commission_reduced_bp", [](const Customer& c) { return json(c.commission_reduced_bp); },
     [](const Customer& c) { return c.commission_reduced_bp == 0; },
     [](Customer& t, const Customer& f) { t.commission_reduced_bp = f.commission_reduced_bp; }},
    {"library_all_access", [](const Customer& c) { return json(c.library_all_access); }, Never,
     [](Customer& t, const Customer& f) { t.library_all_access = f.library_all_access; }},
    {"member_directory_access", [](const Customer& c) { return json(c.member_directory_access); },
     Never,
     [](Customer& t, const Customer& f) { t.member_directory_access = f.member_directory_access; }},
    {"email_marketing_consent", [](const Customer& c) { return json(c.consent_email); }, Never,
     [](Customer& t, const Customer& f) { t.consent_email = f.consent_email; }},
    {"sms_marketing_consent", [](const Customer& c) { return json(c.consent_sms); }, Never,
     [](Customer& t, const Customer& f) { t.consent_sms = f.consent_sms; }},
    {"messenger_marketing_consent", [](const Customer& c) { return json(c.consent_messenger); },
     Never, [](Customer& t, const Customer& f) { t.consent_messenger = f.consent_messenger; }},
};
// clang-format on

const Field* FindField(const std::string& name) {
  for (const Field& f : kFields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::string NameOf(const Customer& c) {
  std::string name = c.first_name;
  if (!c.last_name.empty()) name += (name.empty() ? "" : " ") + c.last_name;
  return name.empty() ? c.email : name;
}

json Brief(const Customer& c) {
  return {{"id", c.public_id},
          {"name", NameOf(c)},
          {"email", c.email},
          {"kind", customers::ToString(c.kind)},
          {"status", customers::ToString(c.status)}};
}

Error AlreadyMerged(const std::string& id, const std::string& survivor) {
  return Error::Precondition("already_merged", id + " was merged into " + survivor +
                                                   " already; a merge cannot be repeated.");
}

}  // namespace

Result<json> Merge::Preview(const std::string& survivor_id, const MergeRequest& request) {
  return db_.Read([&](db::Connection& c) {
    return Plan(c, survivor_id, request, false, audit::Actor{}, clock_.NowMicros());
  });
}

Result<json> Merge::Run(const audit::Actor& actor, const std::string& survivor_id,
                        const MergeRequest& request) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction(
      [&](db::Connection& tx) { return Plan(tx, survivor_id, request, true, actor, now); });
}

Result<json> Merge::Plan(db::Connection& c, const std::string& survivor_id,
                         const MergeRequest& request, bool apply, const audit::Actor& actor,
                         int64_t now) {
  auto survivor_found = customers::Service::Find(c, survivor_id);
  if (!survivor_found.ok()) {
    ASSIGN_OR_RETURN(std::optional<std::string> into,
                     customers::Service::MergedInto(c, survivor_id));
    if (into) return AlreadyMerged(survivor_id, *into);
    return survivor_found.error();
  }
  const Customer survivor = *survivor_found;
  std::vector<FieldError> errors;
  std::vector<Customer> merged;
  std::set<std::string> seen;
  if (request.merge.empty() || request.merge.size() > kMaxMerged) {
    errors.push_back({"merge", "invalid_count", "Choose 1 to 10 customers to merge in."});
  }
  for (size_t i = 0; i < request.merge.size() && i < kMaxMerged; ++i) {
    const std::string& id = request.merge[i];
    const std::string at = "merge[" + std::to_string(i) + "]";
    if (id == survivor.public_id) {
      errors.push_back({at, "survivor", "A customer cannot be merged into itself."});
      continue;
    }
    if (!seen.insert(id).second) {
      errors.push_back({at, "repeated", "This customer is in the list already."});
      continue;
    }
    auto found = customers::Service::Find(c, id);
    if (!found.ok()) {
      ASSIGN_OR_RETURN(std::optional<std::string> into, customers::Service::MergedInto(c, id));
      if (into) return AlreadyMerged(id, *into);
      errors.push_back({at, "unknown_customer", "There is no customer " + id + "."});
      continue;
    }
    merged.push_back(std::move(*found));
  }
  for (const auto& [name, from] : request.fields) {
    if (!FindField(name)) {
      errors.push_back({"fields." + name, "unknown_field", "This field cannot be chosen."});
    } else if (from != survivor.public_id && !seen.count(from)) {
      errors.push_back({"fields." + name, "not_in_merge",
                        "Take the value from the survivor or a customer being merged."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  if (survivor.kind == customers::Kind::kGuest) {
    for (const auto& m : merged) {
      if (m.kind == customers::Kind::kRegistered) {
        return Error::Precondition(
            "survivor_is_guest",
            "Keep " + m.public_id + ": a registered account cannot merge into a guest record.");
      }
    }
  }

  // The survivor's profile afterwards: empty fields filled from the first merged customer that
  // has a value, then the admin's choices; notes joined; custom fields the survivor lacks added.
  Customer next = survivor;
  json conflicts = json::array(), filled = json::array();
  for (const Field& f : kFields) {
    json values = json::array();
    bool differs = false;
    for (const auto& m : merged) {
      if (f.empty(m)) continue;
      values.push_back({{"id", m.public_id}, {"value", f.get(m)}});
      differs = differs || f.get(m) != f.get(survivor);
    }
    if (f.empty(survivor) && !values.empty() && !request.fields.count(f.name)) {
      for (const auto& m : merged) {
        if (m.public_id == values[0].value("id", "")) f.take(next, m);
      }
      filled.push_back(
          {{"field", f.name}, {"from", values[0]["id"]}, {"value", values[0]["value"]}});
    } else if (!f.empty(survivor) && differs) {
      conflicts.push_back({{"field", f.name}, {"survivor", f.get(survivor)}, {"values", values}});
    }
    auto pick = request.fields.find(f.name);
    if (pick != request.fields.end()) {
      for (const auto& m : merged) {
        if (m.public_id == pick->second) f.take(next, m);
      }
      if (pick->second == survivor.public_id) f.take(next, survivor);
    }
  }
  for (const auto& m : merged) {
    if (!m.note.empty() && next.note.find(m.note) == std::string::npos) {
      next.note += (next.note.empty() ? "" : "\n\n") + m.note;
    }
    for (const auto& [k, v] : m.custom_fields) next.custom_fields.emplace(k, v);
  }

  // What moves, per merged customer, counted before anything moves.
  json parts = json::array(), warnings = json::array();
  std::map<std::string, int64_t> balance_after;
  for (const auto& [currency, amount] : survivor.balances) balance_after[currency] += amount;
  ASSIGN_OR_RETURN(int64_t addresses_after, addresses::Service::CountOf(c, survivor.id));
  for (const auto& m : merged) {
    ASSIGN_OR_RETURN(auto orders, orders::Service::CountsOf(c, m.id));
    ASSIGN_OR_RETURN(auto library, library::Service::CountsOf(c, m.id));
    ASSIGN_OR_RETURN(int64_t wallet, wallet::Service::EntryCount(c, m.id));
    ASSIGN_OR_RETURN(int64_t addresses, addresses::Service::CountOf(c, m.id));
    addresses_after += addresses;
    ASSIGN_OR_RETURN(int64_t messages, messages::Service::CountOf(c, m.id));
    ASSIGN_OR_RETURN(int64_t staff_notes, notes::Service::CountOf(c, m.id));
    ASSIGN_OR_RETURN(int64_t sessions, accounts::Service::SessionCount(c, m.id));
    json balances = json::array();
    for (const auto& [currency, amount] : m.balances) {
      balances.push_back({{"currency", currency}, {"amount", amount}});
      balance_after[currency] += amount;
    }
    json part = Brief(m);
    part["moves"] = {{"orders", orders.first},
                     {"transactions", orders.second},
                     {"wallet_entries", wallet},
                     {"balances", balances},
                     {"library_entries", library.entries},
                     {"downloads", library.downloads},
                     {"wishlist_items", library.wishes},
                     {"addresses", addresses},
                     {"tags", m.tags},
                     {"messages", messages},
                     {"staff_notes", staff_notes},
                     {"note", !m.note.empty()}};
    part["ends"] = {{"sessions", sessions},
                    {"sign_in_account", m.kind == customers::Kind::kRegistered}};
    if (m.status == customers::AccountStatus::kBanned) {
      warnings.push_back(m.public_id + " is banned; the ban does not carry over to the survivor.");
    }
    parts.push_back(std::move(part));
  }
  if (addresses_after > addresses::Service::kMaxAddresses) {
    // Refused rather than trimmed: which addresses to drop is the owner's choice, not ours.
    return Error::Precondition("too_many_addresses",
                               "Together these customers have " + std::to_string(addresses_after) +
                                   " addresses; a customer can have at most " +
                                   std::to_string(addresses::Service::kMaxAddresses) +
                                   ". Delete some addresses first, then merge.");
  }
  if (survivor.status != customers::AccountStatus::kActive) {
    warnings.push_back(std::string("The survivor is ") + customers::ToString(survivor.status) +
                       " and stays so.");
  }
  json balances = json::array();
  for (const auto& [currency, amount] : balance_after) {
    int64_t before = 0;
    for (const auto& [cur, a] : survivor.balances) {
      if (cur == currency) before = a;
    }
    balances.push_back({{"currency", currency}, {"survivor", before}, {"after", amount}});
  }
  json summary = {{"survivor", Brief(survivor)}, {"merged", parts},  {"balances", balances},
                  {"conflicts", conflicts},      {"filled", filled}, {"warnings", warnings},
                  {"fields", request.fields}};
  if (!apply) return summary;

  auto step = [&](const std::string& name) -> Status {
    return step_hook_ ? step_hook_(name) : OkStatus();
  };
  for (const auto& m : merged) {
    RETURN_IF_ERROR(addresses::Service::MoveAll(c, m.id, survivor.id, now));
    RETURN_IF_ERROR(messages::Service::MoveToCustomer(c, m.id, survivor.id));
    RETURN_IF_ERROR(notes::Service::MoveToCustomer(c, m.id, survivor.id));
    RETURN_IF_ERROR(step("addresses"));
    ASSIGN_OR_RETURN(int64_t ended, accounts::Service::EndForMerge(c, m.id, survivor.id));
    (void)ended;
    RETURN_IF_ERROR(wallet::Service::MoveCustomer(c, m.id, survivor.id, survivor.public_id, now));
    RETURN_IF_ERROR(step("wallet"));
    RETURN_IF_ERROR(orders_.MoveCustomer(c, m.id, survivor.id, survivor.public_id));
    RETURN_IF_ERROR(step("orders"));
    RETURN_IF_ERROR(library::Service::MoveCustomer(c, actor, m.id, survivor.id, now));
    json tombstone = {{"survivor", survivor.public_id}};
    RETURN_IF_ERROR(customers::Service::RemoveMerged(c, actor, m, survivor.id, tombstone, now));
    RETURN_IF_ERROR(
        audit::Record(c, actor, {"customer.merged_into", "customer", m.public_id, tombstone}, now));
  }
  RETURN_IF_ERROR(step("profile"));
  ASSIGN_OR_RETURN(Customer stored, customers::Service::SaveMerged(c, survivor, next, now));
  json event = summary;
  event["changes"] = customers::Service::Changes(survivor, stored);
  RETURN_IF_ERROR(
      audit::Record(c, actor, {"customer.merged", "customer", survivor.public_id, event}, now));
  summary["survivor"] = Brief(stored);
  return summary;
}

}  // namespace clientele::flows
