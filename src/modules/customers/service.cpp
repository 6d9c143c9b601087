#include "modules/customers/service.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>

#include "core/contact.hpp"
#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "db/sql_builder.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/insights.hpp"
#include "modules/customers/store.hpp"
#include "modules/groups/service.hpp"
#include "modules/settings/service.hpp"

namespace clientele::customers {
namespace {

Error NotFound() {
  return Error::NotFound("customer_not_found", "There is no customer with this id.");
}

Error Stale() {
  return Error::Precondition("stale_version",
                             "Someone else changed this customer after you loaded it. Reload to "
                             "see their change, or send your change again to overwrite it.");
}

Error EmailTaken() {
  std::string msg = "Another registered account already uses this e-mail address.";
  return Error{ErrorCode::kAlreadyExists, "email_taken", msg, {{"email", "email_taken", msg}}};
}

// {"field": {"from": old, "to": new}} for every field that differs; the audit trail's "changes".
nlohmann::json Diff(const Customer& a, const Customer& b) {
  nlohmann::json out = nlohmann::json::object();
  auto add = [&](const char* name, const auto& from, const auto& to) {
    if (from != to) out[name] = {{"from", from}, {"to", to}};
  };
  add("first_name", a.first_name, b.first_name);
  add("last_name", a.last_name, b.last_name);
  add("email", a.email, b.email);
  add("phone", a.phone, b.phone);
  add("country", a.country, b.country);
  add("language", a.language, b.language);
  add("company", a.company, b.company);
  add("fax", a.fax, b.fax);
  add("note", a.note, b.note);
  add("custom_fields", a.custom_fields, b.custom_fields);
  add("commission_reduced_bp", a.commission_reduced_bp, b.commission_reduced_bp);
  add("library_all_access", a.library_all_access, b.library_all_access);
  add("member_directory_access", a.member_directory_access, b.member_directory_access);
  add("email_marketing_consent", a.consent_email, b.consent_email);
  add("sms_marketing_consent", a.consent_sms, b.consent_sms);
  add("messenger_marketing_consent", a.consent_messenger, b.consent_messenger);
  add("group", a.group_public_id, b.group_public_id);
  add("tags", a.tags, b.tags);
  add("status", std::string(ToString(a.status)), std::string(ToString(b.status)));
  return out;
}

int64_t RandomSalt() { return static_cast<int64_t>(randombytes_uniform(1024)); }

// Resolves the group and tags named in a patch inside the transaction.
Status ApplyRelations(db::Connection& tx, const Patch& p, Customer& c, int64_t now,
                      std::vector<int64_t>* tag_ids) {
  if (p.group_id) {
    ASSIGN_OR_RETURN(groups::Group g, groups::Service::ResolveGroup(tx, *p.group_id, "group_id"));
    c.group_id = g.id;
    c.group_public_id = g.public_id;
    c.group_name = g.name;
  }
  if (p.tags) {
    ASSIGN_OR_RETURN(*tag_ids, groups::Service::ResolveOrCreateTags(tx, *p.tags, now, "tags"));
  }
  return OkStatus();
}

}  // namespace

Result<Customer> Service::CreateInTransaction(db::Connection& tx, const audit::Actor& actor,
                                              const NewCustomer& input, int64_t now) {
  Customer c;
  c.kind = input.kind;
  c.status = input.status;
  c.registration_ip = input.registration_ip;
  RETURN_IF_ERROR(ApplyPatch(input.fields, c));
  RETURN_IF_ERROR(CheckComplete(c));
  c.registered_at = input.registered_at.value_or(now);
  c.updated_at = now;
  c.public_id = input.public_id.empty() ? NewPublicId("cus") : input.public_id;
  std::vector<int64_t> tag_ids;
  RETURN_IF_ERROR(ApplyRelations(tx, input.fields, c, now, &tag_ids));
  if (c.kind == Kind::kRegistered) {
    ASSIGN_OR_RETURN(bool taken, store::RegisteredEmailTaken(tx, c.email_key, 0));
    if (taken) return EmailTaken();
  }
  // The low bits of the key are random; on the rare clash with someone registered in the
  // same microsecond, draw again.
  for (int attempt = 0;; ++attempt) {
    c.id = KeyFor(c.registered_at, RandomSalt());
    ASSIGN_OR_RETURN(bool inserted,
                     store::Insert(tx, c,
                                   input.index_later ? store::SearchIndexing::kAtEnd
                                                     : store::SearchIndexing::kWithRows));
    if (inserted) break;
    if (attempt > 16) return Error::Internal("Could not allocate a customer key.");
  }
  RETURN_IF_ERROR(store::ReplaceTags(tx, c.id, tag_ids));
  ASSIGN_OR_RETURN(std::optional<Customer> stored, store::FindByPublicId(tx, c.public_id));
  nlohmann::json data = Diff(Customer{}, *stored);
  data["kind"] = ToString(c.kind);
  RETURN_IF_ERROR(
      audit::Record(tx, actor, {input.audit_action, "customer", c.public_id, data}, now));
  return std::move(*stored);
}

Result<Customer> Service::Create(const audit::Actor& actor, const NewCustomer& input) {
  const int64_t now = clock_.NowMicros();
  auto created = db_.Transaction(
      [&](db::Connection& tx) { return CreateInTransaction(tx, actor, input, now); });
  if (!created.ok() && created.error().code == ErrorCode::kAlreadyExists &&
      created.error().slug == "unique_violation") {
    return EmailTaken();  // a concurrent registration won the race for the e-mail
  }
  return created;
}

// The version of the rules in SearchText, PhoneDigits and addresses::Service::PlaceKeysOf: a
// change of them that should reach stored customers counts it up.
constexpr int64_t kSearchKeysVersion = 2;

Status Service::UpgradeSearchKeys(db::Database& db) {
  return db.Transaction([](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(int64_t version, store::SearchKeysVersion(tx));
    if (version >= kSearchKeysVersion) return OkStatus();
    constexpr int kChunk = 5000;
    int64_t after = 0;
    for (;;) {
      ASSIGN_OR_RETURN(std::vector<Customer> chunk, store::SearchInputsAfter(tx, after, kChunk));
      if (chunk.empty()) break;
      std::vector<int64_t> ids;
      ids.reserve(chunk.size());
      for (const Customer& c : chunk) ids.push_back(c.id);
      ASSIGN_OR_RETURN(auto defaults, addresses::Service::ReadDefaults(tx, ids));
      std::vector<db::Params> rows;
      rows.reserve(chunk.size());
      for (const Customer& c : chunk) {
        auto it = defaults.find(c.id);
        const addresses::PlaceKeys place = it == defaults.end()
                                               ? addresses::PlaceKeys{}
                                               : addresses::Service::PlaceKeysOf(it->second);
        rows.push_back({c.id, SearchText(c), PhoneDigits(c), place.text, place.digits});
      }
      RETURN_IF_ERROR(store::StageSearchKeys(tx, rows));
      after = chunk.back().id;
    }
    return store::WriteSearchKeys(tx, kSearchKeysVersion);
  });
}

Status Service::IndexForSearch(db::Connection& tx, const std::vector<int64_t>& ids) {
  return store::IndexForSearch(tx, ids);
}

Result<std::optional<Customer>> Service::FindByEmailKey(db::Connection& c,
                                                        const std::string& email_key,
                                                        std::optional<Kind> kind) {
  return store::FindByEmailKey(c, email_key, kind);
}

Status Service::EraseInTransaction(db::Connection& tx, const std::vector<int64_t>& ids) {
  return store::DeleteAll(tx, ids);
}

Status Service::RecordSignIn(db::Connection& tx, int64_t customer_id, const std::string& ip,
                             int64_t now) {
  return store::RecordSignIn(tx, customer_id, ip, now);
}

Result<Customer> Service::AdoptRegistration(db::Connection& tx, const audit::Actor& actor,
                                            const Customer& guest, const Customer& registration,
                                            int64_t now) {
  // The registration's row goes first: it holds the e-mail the guest row takes as an account.
  RETURN_IF_ERROR(store::Delete(tx, registration.id));
  Customer next = guest;
  next.kind = Kind::kRegistered;
  next.first_name = registration.first_name;
  next.last_name = registration.last_name;
  next.email = registration.email;
  next.email_key = registration.email_key;
  if (!registration.phone.empty()) next.phone = registration.phone;
  if (!registration.country.empty()) next.country = registration.country;
  if (!registration.language.empty()) next.language = registration.language;
  next.consent_email = registration.consent_email;
  next.consent_sms = registration.consent_sms;
  next.updated_at = now;
  ASSIGN_OR_RETURN(bool written, store::Update(tx, next, guest.version));
  if (!written) return Stale();
  ASSIGN_OR_RETURN(std::optional<Customer> stored, store::FindByPublicId(tx, guest.public_id));
  nlohmann::json changes = Diff(guest, *stored);
  changes["registration"] = registration.public_id;
  RETURN_IF_ERROR(audit::Record(
      tx, actor, {"customer.guest_converted", "customer", guest.public_id, changes}, now));
  return std::move(*stored);
}

Result<std::vector<int64_t>> Service::IdsAfter(db::Connection& c, int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id FROM customers WHERE id > $1 ORDER BY id"
                                          " LIMIT $2",
                                          {after_id, int64_t{limit}}));
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) ids.push_back(r.Int(0));
  return ids;
}

Result<std::map<int64_t, std::string>> Service::PublicIdsOf(db::Connection& c,
                                                            const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  if (ids.empty()) return out;
  db::SqlBuilder sql;
  sql.text = "SELECT id, public_id FROM customers WHERE id IN (" + sql.List(ids) + ")";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (const auto& r : rows) out[r.Int(0)] = r.Text(1);
  return out;
}

Result<std::optional<std::string>> Service::MergedInto(db::Connection& c,
                                                       const std::string& public_id) {
  return store::MergedInto(c, public_id);
}

Result<std::optional<std::string>> Service::MergedInto(const std::string& public_id) {
  return db_.Read([&](db::Connection& c) { return store::MergedInto(c, public_id); });
}

Result<std::vector<std::string>> Service::MergedIds(db::Connection& c,
                                                    const std::vector<int64_t>& survivor_ids) {
  return store::MergedIds(c, survivor_ids);
}

Result<std::vector<Customer>> Service::FindSharing(db::Connection& c, Shared shared,
                                                   const std::string& value, int64_t exclude,
                                                   int limit) {
  return store::FindSharing(c, shared, value, exclude, limit);
}

Result<std::vector<std::vector<int64_t>>> Service::SharingGroups(db::Connection& c, Shared shared,
                                                                 int max_group) {
  return store::SharingGroups(c, shared, max_group);
}

Result<std::vector<Customer>> Service::FindByIds(db::Connection& c,
                                                 const std::vector<int64_t>& ids) {
  return store::FindByIds(c, ids);
}

Status Service::RemoveMerged(db::Connection& tx, const audit::Actor& actor, const Customer& merged,
                             int64_t survivor_id, const nlohmann::json& summary, int64_t now) {
  RETURN_IF_ERROR(store::MergeTags(tx, merged.id, survivor_id));
  // The tombstone first: the row's own tombstones move to the survivor before the row goes.
  RETURN_IF_ERROR(
      store::InsertMerge(tx, merged, survivor_id, summary.dump(), actor.type, actor.id, now));
  return store::Delete(tx, merged.id);
}

Result<Customer> Service::SaveMerged(db::Connection& tx, const Customer& before,
                                     const Customer& next, int64_t now) {
  Customer row = next;
  row.updated_at = now;
  ASSIGN_OR_RETURN(bool written, store::Update(tx, row, before.version));
  if (!written) return Stale();
  ASSIGN_OR_RETURN(std::optional<Customer> stored, store::FindByPublicId(tx, before.public_id));
  return std::move(*stored);
}

nlohmann::json Service::Changes(const Customer& before, const Customer& after) {
  return Diff(before, after);
}

Result<int64_t> Service::CountAll(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT COUNT(*) FROM customers"));
  return rows.at(0).Int(0);
}

Result<Customer> Service::Find(db::Connection& c, const std::string& public_id) {
  if (!IsPublicId(public_id, "cus")) return NotFound();
  ASSIGN_OR_RETURN(std::optional<Customer> found, store::FindByPublicId(c, public_id));
  if (!found) return NotFound();
  return std::move(*found);
}

Result<std::pair<Customer, addresses::CustomerDefaults>> Service::GetWithDefaults(
    const std::string& public_id) {
  using Out = std::pair<Customer, addresses::CustomerDefaults>;
  return db_.Read([&](db::Connection& c) -> Result<Out> {
    ASSIGN_OR_RETURN(Customer customer, Find(c, public_id));
    ASSIGN_OR_RETURN(auto defaults, addresses::Service::ReadDefaults(c, {customer.id}));
    auto it = defaults.find(customer.id);
    return Out{std::move(customer),
               it == defaults.end() ? addresses::CustomerDefaults{} : std::move(it->second)};
  });
}

Result<Customer> Service::Get(const std::string& public_id) {
  if (!IsPublicId(public_id, "cus")) return NotFound();
  ASSIGN_OR_RETURN(std::optional<Customer> c, db_.Read([&](db::Connection& conn) {
    return store::FindByPublicId(conn, public_id);
  }));
  if (!c) return NotFound();
  return std::move(*c);
}

Result<Customer> Service::UpdateInTransaction(db::Connection& tx, const audit::Actor& actor,
                                              const std::string& public_id, const Patch& patch,
                                              std::optional<int64_t> if_version, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<Customer> current, store::FindByPublicId(tx, public_id));
  if (!current) return NotFound();
  if (if_version && *if_version != current->version) return Stale();
  Customer next = *current;
  RETURN_IF_ERROR(ApplyPatch(patch, next));
  RETURN_IF_ERROR(CheckComplete(next));
  std::vector<int64_t> tag_ids;
  RETURN_IF_ERROR(ApplyRelations(tx, patch, next, now, &tag_ids));
  if (next.kind == Kind::kRegistered && next.email_key != current->email_key) {
    ASSIGN_OR_RETURN(bool taken, store::RegisteredEmailTaken(tx, next.email_key, next.id));
    if (taken) return EmailTaken();
  }
  next.updated_at = now;
  ASSIGN_OR_RETURN(bool written, store::Update(tx, next, current->version));
  if (!written) return Stale();
  if (patch.tags) RETURN_IF_ERROR(store::ReplaceTags(tx, next.id, tag_ids));
  ASSIGN_OR_RETURN(std::optional<Customer> stored, store::FindByPublicId(tx, public_id));
  nlohmann::json changes = Diff(*current, *stored);
  if (!changes.empty()) {
    RETURN_IF_ERROR(
        audit::Record(tx, actor, {"customer.updated", "customer", public_id, changes}, now));
  }
  return std::move(*stored);
}

Result<Customer> Service::Update(const audit::Actor& actor, const std::string& public_id,
                                 const Patch& patch, std::optional<int64_t> if_version) {
  if (!IsPublicId(public_id, "cus")) return NotFound();
  const int64_t now = clock_.NowMicros();
  auto updated = db_.Transaction([&](db::Connection& tx) {
    return UpdateInTransaction(tx, actor, public_id, patch, if_version, now);
  });
  if (!updated.ok() && updated.error().slug == "unique_violation") return EmailTaken();
  return updated;
}

Status Service::CheckBulkChange(const BulkChange& change, std::vector<FieldError>& errors) {
  if (change.action == BulkAction::kAssignGroup && change.group_id.empty()) {
    errors.push_back({"group_id", "required", "Choose the group to assign."});
  }
  if ((change.action == BulkAction::kAddTags || change.action == BulkAction::kRemoveTags) &&
      change.tags.empty()) {
    errors.push_back({"tags", "required", "Name at least one tag."});
  }
  if (!errors.empty()) return Error::Invalid("The bulk change is not complete.", errors);
  return OkStatus();
}

Result<int64_t> Service::Bulk(const audit::Actor& actor, const BulkChange& change) {
  std::vector<FieldError> errors;
  if (change.ids.empty() || change.ids.size() > kMaxBulk) {
    errors.push_back({"ids", "invalid_count",
                      "Select from 1 to " + std::to_string(kMaxBulk) +
                          " customers, or every customer matching the list's filters."});
  }
  RETURN_IF_ERROR(CheckBulkChange(change, errors));
  const int64_t now = clock_.NowMicros();
  // All or nothing: one transaction, so a bad id leaves every customer as it was.
  return db_.Transaction([&](db::Connection& tx) -> Result<int64_t> {
    int64_t changed = 0;
    for (size_t i = 0; i < change.ids.size(); ++i) {
      const std::string& id = change.ids[i];
      const std::string field = "ids[" + std::to_string(i) + "]";
      ASSIGN_OR_RETURN(std::optional<Customer> current,
                       IsPublicId(id, "cus") ? store::FindByPublicId(tx, id)
                                             : Result<std::optional<Customer>>(std::nullopt));
      if (!current) {
        std::string msg = "There is no customer with this id.";
        return Error::Invalid(msg, {{field, "customer_not_found", msg}});
      }
      ASSIGN_OR_RETURN(bool done, ApplyBulk(tx, actor, *current, change, now));
      changed += done ? 1 : 0;
    }
    return changed;
  });
}

Result<bool> Service::ApplyBulk(db::Connection& tx, const audit::Actor& actor,
                                const Customer& current, const BulkChange& change, int64_t now) {
  if (change.action == BulkAction::kDeactivate || change.action == BulkAction::kRestore) {
    const AccountStatus to = change.action == BulkAction::kDeactivate ? AccountStatus::kInactive
                                                                      : AccountStatus::kActive;
    if (current.status == to) return false;
    ASSIGN_OR_RETURN(Customer done, ChangeStatusInTransaction(tx, actor, current, to, now));
    return true;
  }
  Patch patch;
  if (change.action == BulkAction::kAssignGroup) patch.group_id = change.group_id;
  if (change.action == BulkAction::kAddTags || change.action == BulkAction::kRemoveTags) {
    std::vector<std::string> tags = current.tags;
    for (const auto& t : change.tags) {
      const std::string key = NormalizeForSearch(Trim(t));
      auto same = [&](const std::string& x) { return NormalizeForSearch(x) == key; };
      if (change.action == BulkAction::kAddTags) {
        if (std::none_of(tags.begin(), tags.end(), same)) tags.push_back(t);
      } else {
        tags.erase(std::remove_if(tags.begin(), tags.end(), same), tags.end());
      }
    }
    if (tags == current.tags) return false;
    patch.tags = tags;
  }
  ASSIGN_OR_RETURN(Customer done,
                   UpdateInTransaction(tx, actor, current.public_id, patch, std::nullopt, now));
  return done.version != current.version;
}

Result<Customer> Service::ChangeStatusInTransaction(db::Connection& tx, const audit::Actor& actor,
                                                    const Customer& current, AccountStatus to,
                                                    int64_t now) {
  if (current.status == AccountStatus::kBanned) {
    return Error::Precondition("customer_banned", "This customer is banned; lift the ban instead.");
  }
  if (current.status == to) return current;  // already there: nothing to record
  RETURN_IF_ERROR(LeftActive(tx, current, to));
  Customer next = current;
  next.status = to;
  next.updated_at = now;
  ASSIGN_OR_RETURN(bool written, store::Update(tx, next, current.version));
  if (!written) return Stale();
  const char* action =
      to == AccountStatus::kInactive ? "customer.deactivated" : "customer.restored";
  RETURN_IF_ERROR(
      audit::Record(tx, actor, {action, "customer", current.public_id, Diff(current, next)}, now));
  ASSIGN_OR_RETURN(std::optional<Customer> stored, store::FindByPublicId(tx, current.public_id));
  return std::move(*stored);
}

Status Service::LeftActive(db::Connection& tx, const Customer& before, AccountStatus to) const {
  if (before.status != AccountStatus::kActive || to == AccountStatus::kActive) return OkStatus();
  return on_leaving_active_ ? on_leaving_active_(tx, before.id) : OkStatus();
}

Result<Customer> Service::MakeRegisteredInTransaction(db::Connection& tx, const audit::Actor& actor,
                                                      const Customer& guest, int64_t now) {
  if (guest.kind != Kind::kGuest) {
    return Error::Precondition("not_a_guest", "This customer has an account already.");
  }
  if (guest.email_key.empty()) {
    return Error::Precondition("customer_has_no_email",
                               "An account needs an e-mail address; add one first.");
  }
  ASSIGN_OR_RETURN(bool taken, store::RegisteredEmailTaken(tx, guest.email_key, guest.id));
  if (taken) return EmailTaken();
  Customer next = guest;
  next.kind = Kind::kRegistered;
  next.updated_at = now;
  ASSIGN_OR_RETURN(bool written, store::Update(tx, next, guest.version));
  if (!written) return Stale();
  RETURN_IF_ERROR(audit::Record(tx, actor,
                                {"customer.converted_to_account",
                                 "customer",
                                 guest.public_id,
                                 {{"kind", {{"from", "guest"}, {"to", "registered"}}}}},
                                now));
  ASSIGN_OR_RETURN(std::optional<Customer> stored, store::FindByPublicId(tx, guest.public_id));
  return std::move(*stored);
}

Result<Customer> Service::SetStatusInTransaction(db::Connection& tx, const audit::Actor& actor,
                                                 const Customer& current, AccountStatus to,
                                                 const std::string& action, nlohmann::json data,
                                                 int64_t now) {
  RETURN_IF_ERROR(LeftActive(tx, current, to));
  Customer next = current;
  next.status = to;
  next.updated_at = now;
  ASSIGN_OR_RETURN(bool written, store::Update(tx, next, current.version));
  if (!written) return Stale();
  nlohmann::json changes = Diff(current, next);
  for (auto& [k, v] : data.items()) changes[k] = v;
  RETURN_IF_ERROR(audit::Record(tx, actor, {action, "customer", current.public_id, changes}, now));
  ASSIGN_OR_RETURN(std::optional<Customer> stored, store::FindByPublicId(tx, current.public_id));
  return std::move(*stored);
}

Result<Customer> Service::ChangeStatus(const audit::Actor& actor, const std::string& public_id,
                                       std::optional<int64_t> if_version, AccountStatus to) {
  if (!IsPublicId(public_id, "cus")) return NotFound();
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Customer> {
    ASSIGN_OR_RETURN(std::optional<Customer> current, store::FindByPublicId(tx, public_id));
    if (!current) return NotFound();
    if (if_version && *if_version != current->version) return Stale();
    return ChangeStatusInTransaction(tx, actor, *current, to, now);
  });
}

Result<Customer> Service::Deactivate(const audit::Actor& actor, const std::string& public_id,
                                     std::optional<int64_t> if_version) {
  return ChangeStatus(actor, public_id, if_version, AccountStatus::kInactive);
}

Result<Customer> Service::Restore(const audit::Actor& actor, const std::string& public_id,
                                  std::optional<int64_t> if_version) {
  return ChangeStatus(actor, public_id, if_version, AccountStatus::kActive);
}

Result<ListQuery> Service::ParseList(db::Connection& c, const ListParams& params,
                                     bool* include_total, std::string* sort_name, int max_limit) {
  ListQuery q;
  std::vector<FieldError> errors;
  auto get = [&](const char* name) -> const std::string* {
    auto it = params.values.find(name);
    return it == params.values.end() || it->second.empty() ? nullptr : &it->second;
  };
  static const char* kKnown[] = {"q",
                                 "status",
                                 "kind",
                                 "group",
                                 "tag",
                                 "country",
                                 "language",
                                 "registered_from",
                                 "registered_to",
                                 "active_from",
                                 "active_to",
                                 "sort",
                                 "limit",
                                 "cursor",
                                 "include_total",
                                 "address_country",
                                 "address_city",
                                 "verified",
                                 "deletion_requested",
                                 "balance_min",
                                 "balance_max",
                                 "orders_min",
                                 "orders_max",
                                 "total_spent_min",
                                 "total_spent_max",
                                 "last_order_from",
                                 "last_order_to",
                                 "bought_product",
                                 "filter",
                                 "segment"};
  for (const auto& [name, value] : params.values) {
    bool known = false;
    for (const char* k : kKnown) known = known || name == k;
    if (!known) errors.push_back({name, "unknown_parameter", "This parameter is not known."});
  }
  if (const auto* v = get("q")) {
    if (v->size() > 200)
      errors.push_back({"q", "too_long", "Search at most 200 characters."});
    else
      q.search = *v;
  }
  if (const auto* v = get("status")) {
    size_t start = 0;
    while (start <= v->size()) {
      size_t comma = v->find(',', start);
      std::string part =
          v->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (auto s = ParseStatus(part))
        q.statuses.push_back(*s);
      else
        errors.push_back({"status", "invalid_status", "Use active, inactive or banned."});
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (const auto* v = get("kind")) {
    if (auto k = ParseKind(*v))
      q.kind = *k;
    else
      errors.push_back({"kind", "invalid_kind", "Use registered or guest."});
  }
  if (const auto* v = get("verified")) {
    if (*v == "true" || *v == "false")
      q.verified = *v == "true";
    else
      errors.push_back({"verified", "invalid_flag", "Use true or false."});
  }
  if (const auto* v = get("deletion_requested")) {
    if (*v == "true" || *v == "false")
      q.deletion_requested = *v == "true";
    else
      errors.push_back({"deletion_requested", "invalid_flag", "Use true or false."});
  }
  for (auto [name, out] :
       {std::pair{"balance_min", &q.balance_min}, std::pair{"balance_max", &q.balance_max},
        std::pair{"orders_min", &q.orders_min}, std::pair{"orders_max", &q.orders_max},
        std::pair{"total_spent_min", &q.spent_min}, std::pair{"total_spent_max", &q.spent_max}}) {
    const auto* v = get(name);
    if (!v) continue;
    int64_t amount = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), amount);
    if (ec != std::errc() || end != v->data() + v->size() || amount < 0) {
      errors.push_back({name, "invalid_number",
                        std::string(name).rfind("orders", 0) == 0
                            ? "Use a whole number, 0 or more."
                            : "Use a whole number of minor units (cents), 0 or more."});
      continue;
    }
    *out = amount;
  }
  if (const auto* v = get("bought_product")) {
    ASSIGN_OR_RETURN(db::Rows rows,
                     c.Query("SELECT id FROM products WHERE sku = $1 OR public_id = $1", {*v}));
    // A product nobody knows: nobody bought it (an empty result, not an error).
    q.bought_product_id = rows.empty() ? -1 : rows[0].Int(0);
  }
  q.now = clock_.NowMicros();
  // A filter's mistakes join the other field errors, each message after `preamble`.
  auto add_filter = [&](const std::string& text, const char* field,
                        const std::string& preamble) -> Status {
    auto filter = CompileFilter(c, text, field, q.now);
    if (filter.ok()) {
      q.filters.push_back(std::move(*filter));
      return OkStatus();
    }
    if (filter.error().code != ErrorCode::kInvalidArgument) return filter.error();
    for (FieldError f : filter.error().fields) {
      if (!preamble.empty()) f.message = preamble + f.message + ".";
      errors.push_back(f);
    }
    return OkStatus();
  };
  if (const auto* v = get("filter")) {
    RETURN_IF_ERROR(add_filter(*v, "filter", ""));
  }
  if (const auto* v = get("segment")) {
    auto segment = store::FindSegment(c, *v);
    if (!segment.ok()) return segment.error();
    if (!*segment) {
      errors.push_back({"segment", "unknown_segment", "There is no such segment."});
    } else {
      // A saved filter that no longer fits the store (a tag since deleted) says so here.
      RETURN_IF_ERROR(add_filter((*segment)->filter, "segment",
                                 "The segment's filter no longer fits the store: "));
    }
  }
  if (q.balance_min || q.balance_max || !q.filters.empty()) {
    ASSIGN_OR_RETURN(settings::Settings store, settings::Service::Read(c));
    q.balance_currency = store.currency;
  }
  if (const auto* v = get("group")) {
    auto g = groups::Service::ResolveGroup(c, *v, "group");
    if (g.ok())
      q.group_id = g->id;
    else
      for (auto& f : g.error().fields) errors.push_back(f);
  }
  bool no_such_tag = false;
  if (const auto* v = get("tag")) {
    ASSIGN_OR_RETURN(std::optional<groups::Tag> t, groups::Service::FindTagByName(c, *v));
    if (t)
      q.tag_id = t->id;
    else
      no_such_tag = true;
  }
  if (const auto* v = get("country")) {
    auto r = ParseCountry(*v, "country");
    if (r.ok())
      q.country = *r;
    else
      for (auto& f : r.error().fields) errors.push_back(f);
  }
  if (const auto* v = get("language")) {
    auto r = ParseLanguage(*v, "language");
    if (r.ok())
      q.language = *r;
    else
      for (auto& f : r.error().fields) errors.push_back(f);
  }
  if (const auto* v = get("address_country")) {
    auto r = ParseCountry(*v, "address_country");
    if (r.ok())
      q.address_country = *r;
    else
      for (auto& f : r.error().fields) errors.push_back(f);
  }
  if (const auto* v = get("address_city")) {
    if (v->size() > 100)
      errors.push_back({"address_city", "too_long", "A city is at most 100 characters."});
    else
      q.address_city_key = addresses::Service::CityKeyOf(*v);
  }
  auto instant = [&](const char* name, std::optional<int64_t>& out) {
    if (const auto* v = get(name)) {
      auto r = ParseInstant(*v, name);
      if (r.ok())
        out = *r;
      else
        for (auto& f : r.error().fields) errors.push_back(f);
    }
  };
  instant("registered_from", q.registered_from);
  instant("registered_to", q.registered_to);
  instant("active_from", q.active_from);
  instant("active_to", q.active_to);
  instant("last_order_from", q.last_order_from);
  instant("last_order_to", q.last_order_to);
  *sort_name = "-registered";
  if (const auto* v = get("sort")) {
    *sort_name = *v;
    std::string_view s = *v;
    q.descending = !s.empty() && s[0] == '-';
    if (q.descending) s.remove_prefix(1);
    if (s == "registered")
      q.sort = SortField::kRegistered;
    else if (s == "name")
      q.sort = SortField::kName;
    else if (s == "email")
      q.sort = SortField::kEmail;
    else if (s == "last_activity")
      q.sort = SortField::kLastActivity;
    else if (s == "orders")
      q.sort = SortField::kOrders;
    else if (s == "total_spent")
      q.sort = SortField::kTotalSpent;
    else if (s == "last_order")
      q.sort = SortField::kLastOrder;
    else {
      errors.push_back({"sort", "invalid_sort",
                        "Sort by registered, name, email, last_activity, orders, total_spent or "
                        "last_order; prefix '-' for descending."});
    }
  }
  if (const auto* v = get("limit")) {
    if (auto limit = ReadPageSize(*v, max_limit, errors)) q.limit = *limit;
  }
  if (const auto* v = get("cursor")) {
    if (auto cur = ReadCursor(*v, *sort_name, errors)) {
      q.after_key = cur->key;
      q.after_id = cur->id;
    }
  }
  if (const auto* v = get("include_total")) {
    if (*v == "true" || *v == "1")
      *include_total = true;
    else if (*v != "false" && *v != "0") {
      errors.push_back({"include_total", "invalid_boolean", "Use true or false."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some list parameters are not valid.", errors);
  if (no_such_tag) q.tag_id = -1;  // a tag nobody has: an empty result, not an error
  return q;
}

namespace {

// The cursor of the page after `last`, in the query's sort (named `sort_name`): the value of
// the store's sort expression for that row.
std::string CursorAfter(const Customer& last, const ListQuery& q, const std::string& sort_name) {
  Cursor cursor{sort_name, int64_t{last.id}, last.id};
  switch (q.sort) {
    case SortField::kRegistered:
      break;
    case SortField::kName:
      cursor.key = NameSortKey(last);
      break;
    case SortField::kEmail:
      // Ascending, without an e-mail after every address (see the store's SortExpression).
      cursor.key = q.descending             ? last.email_key
                   : last.email_key.empty() ? std::string("1")
                                            : "0" + last.email_key;
      break;
    case SortField::kLastActivity:
      cursor.key = last.last_activity_at.value_or(-1);
      break;
    case SortField::kOrders:
      cursor.key = last.orders_count;
      break;
    case SortField::kTotalSpent:
      cursor.key = last.total_spent;
      break;
    case SortField::kLastOrder:
      cursor.key = last.last_order_at.value_or(-1);
      break;
  }
  return EncodeCursor(cursor);
}

}  // namespace

Result<Page> Service::List(const ListParams& params) {
  return db_.Read(
      [&](db::Connection& c) -> Result<Page> { return ListOn(c, params, kMaxPageSize, true); });
}

Result<std::optional<std::string>> Service::ExportEach(db::Connection& c, const ListParams& params,
                                                       const store::ExportReads& reads,
                                                       const store::ExportSink& each) {
  bool include_total = false;
  std::string sort_name;
  ASSIGN_OR_RETURN(ListQuery q, ParseList(c, params, &include_total, &sort_name, kMaxExportPage));
  ASSIGN_OR_RETURN(store::ExportEnd end, store::ExportEach(c, q, reads, each));
  // A full page may be the last one: the next read then finds nothing.
  if (end.rows < q.limit) return std::optional<std::string>();
  return std::optional<std::string>(CursorAfter(end.last, q, sort_name));
}

Result<Page> Service::ListOn(db::Connection& c, const ListParams& params, int max_limit,
                             bool with_addresses) {
  bool include_total = false;
  std::string sort_name;
  ASSIGN_OR_RETURN(ListQuery q, ParseList(c, params, &include_total, &sort_name, max_limit));
  const int limit = q.limit;
  q.limit = limit + 1;
  ASSIGN_OR_RETURN(std::vector<Customer> rows, store::List(c, q));
  Page page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = CursorAfter(rows.back(), q, sort_name);
  }
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.id);
  if (with_addresses) {
    ASSIGN_OR_RETURN(page.defaults, addresses::Service::ReadDefaults(c, ids));
  }
  if (const SearchPlan plan = PlanSearch(q.search); !plan.empty() && with_addresses) {
    for (const Customer& row : rows) {
      std::vector<Place> places;
      if (auto it = page.defaults.find(row.id); it != page.defaults.end()) {
        for (const auto* a : {&it->second.billing, &it->second.shipping}) {
          if (*a) places.push_back({(*a)->city, (*a)->postal_code});
        }
      }
      if (auto match = ExplainMatch(plan, row, places)) page.matches.emplace(row.id, *match);
    }
  }
  page.items = std::move(rows);
  if (include_total) {
    ASSIGN_OR_RETURN(std::optional<int64_t> counted, store::CountFromCounters(c, q));
    if (counted) {
      page.total = *counted;
    } else {
      ASSIGN_OR_RETURN(int64_t n, store::Count(c, q, kTotalCap + 1));
      page.total = std::min(n, kTotalCap);
      page.total_exact = n <= kTotalCap;
    }
  }
  return page;
}

Result<int64_t> Service::CountExact(const ListParams& params) {
  return db_.Read([&](db::Connection& c) -> Result<int64_t> {
    bool include_total = false;
    std::string sort_name;
    ListParams filters = params;
    filters.values.erase("cursor");
    ASSIGN_OR_RETURN(ListQuery q, ParseList(c, filters, &include_total, &sort_name, kMaxPageSize));
    ASSIGN_OR_RETURN(std::optional<int64_t> counted, store::CountFromCounters(c, q));
    if (counted) return *counted;
    return store::Count(c, q, 0);
  });
}

Status Service::FoldCounters() {
  return db_.Transaction([](db::Connection& tx) { return store::FoldCounters(tx); });
}

Status Service::SetOrderStats(db::Connection& tx, int64_t customer_id, int64_t orders,
                              int64_t spent, std::optional<int64_t> first_at,
                              std::optional<int64_t> last_at) {
  RETURN_IF_ERROR(store::SetOrderStats(tx, customer_id, orders, spent, first_at, last_at));
  return InsightsService::PlaceRfm(tx, customer_id);
}

}  // namespace clientele::customers
