#include "modules/addresses/service.hpp"

#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/addresses/store.hpp"

namespace clientele::addresses {
namespace {

Error CustomerNotFound() {
  return Error::NotFound("customer_not_found", "There is no customer with this id.");
}

Error AddressNotFound() {
  return Error::NotFound("address_not_found", "This customer has no address with this id.");
}

Error Stale(const char* what) {
  return Error::Precondition("stale_version",
                             std::string("Someone else changed this ") + what +
                                 " after you loaded it. Reload to see their change, or send "
                                 "your change again to overwrite it.");
}

Result<store::CustomerRef> FindCustomer(db::Connection& c, const std::string& public_id) {
  if (!IsPublicId(public_id, "cus")) return CustomerNotFound();
  ASSIGN_OR_RETURN(std::optional<store::CustomerRef> customer, store::FindCustomer(c, public_id));
  if (!customer) return CustomerNotFound();
  return std::move(*customer);
}

Result<Address> FindAddress(db::Connection& c, int64_t customer_id, const std::string& public_id) {
  if (!IsPublicId(public_id, "adr")) return AddressNotFound();
  ASSIGN_OR_RETURN(std::optional<Address> a, store::Find(c, customer_id, public_id));
  if (!a) return AddressNotFound();
  return std::move(*a);
}

// The defaults as stored in the flags of `items` and the book's setting.
Defaults StoredDefaults(const std::vector<Address>& items, bool same_as_billing) {
  Defaults d;
  d.same_as_billing = same_as_billing;
  for (const auto& a : items) {
    if (a.default_billing) d.billing = a.id;
    if (a.default_shipping) d.shipping = a.id;
  }
  return d;
}

// Rewrites the flags of `a` as they take effect under `d`.
void MarkEffective(Address& a, const Defaults& d) {
  a.default_billing = d.billing == a.id;
  a.default_shipping = d.EffectiveShipping() == a.id;
}

std::optional<std::string> PublicIdOf(const std::vector<Address>& items,
                                      std::optional<int64_t> id) {
  if (!id) return std::nullopt;
  for (const auto& a : items) {
    if (a.id == *id) return a.public_id;
  }
  return std::nullopt;
}

nlohmann::json Fields(const Address& a) {
  return {{"label", a.label},
          {"first_name", a.first_name},
          {"last_name", a.last_name},
          {"company", a.company},
          {"kind", ToString(a.kind)},
          {"line1", a.line1},
          {"line2", a.line2},
          {"city", a.city},
          {"region", a.region},
          {"region_code", a.region_code},
          {"postal_code", a.postal_code},
          {"country", a.country},
          {"phone", a.phone},
          {"delivery_note", a.delivery_note}};
}

// {"field": {"from": old, "to": new}} for every field of the address that differs.
nlohmann::json Diff(const Address& from, const Address& to) {
  nlohmann::json out = nlohmann::json::object();
  const nlohmann::json a = Fields(from), b = Fields(to);
  for (const auto& [key, value] : a.items()) {
    if (b[key] != value) out[key] = {{"from", value}, {"to", b[key]}};
  }
  return out;
}

// The default changes between two states for the audit trail: by public id, and as the one-line
// addresses a person reads in the activity.
void AddDefaultChanges(nlohmann::json& changes, const std::vector<Address>& items,
                       const Defaults& from, const Defaults& to) {
  auto id = [&](std::optional<int64_t> v) -> nlohmann::json {
    auto p = PublicIdOf(items, v);
    return p ? nlohmann::json(*p) : nlohmann::json(nullptr);
  };
  auto line = [&](std::optional<int64_t> v) -> nlohmann::json {
    for (const Address& a : items) {
      if (v && a.id == *v) return OneLine(a);
    }
    return nullptr;
  };
  auto add = [&](const char* key, std::optional<int64_t> before, std::optional<int64_t> after) {
    changes[std::string(key) + "_id"] = {{"from", id(before)}, {"to", id(after)}};
    changes[key] = {{"from", line(before)}, {"to", line(after)}};
  };
  if (from.billing != to.billing) add("default_billing_address", from.billing, to.billing);
  if (from.EffectiveShipping() != to.EffectiveShipping()) {
    add("default_shipping_address", from.EffectiveShipping(), to.EffectiveShipping());
  }
  if (from.same_as_billing != to.same_as_billing) {
    changes["shipping_same_as_billing"] = {{"from", from.same_as_billing},
                                           {"to", to.same_as_billing}};
  }
}

// Writes the change of defaults from `from` to `to`.
Status WriteDefaults(db::Connection& tx, int64_t customer_id, const Defaults& from,
                     const Defaults& to) {
  RETURN_IF_ERROR(store::WriteDefaults(tx, customer_id, from, to));
  if (from.same_as_billing != to.same_as_billing) {
    RETURN_IF_ERROR(store::SetSameAsBilling(tx, customer_id, to.same_as_billing));
  }
  return OkStatus();
}

Result<Book> LoadBook(db::Connection& c, const store::CustomerRef& customer) {
  ASSIGN_OR_RETURN(store::BookRow row, store::ReadBook(c, customer.id));
  ASSIGN_OR_RETURN(std::vector<Address> items, store::List(c, customer.id));
  const Defaults d = StoredDefaults(items, row.same_as_billing);
  Book book;
  book.customer_public_id = customer.public_id;
  book.default_billing_id = PublicIdOf(items, d.billing);
  book.default_shipping_id = PublicIdOf(items, d.EffectiveShipping());
  book.shipping_same_as_billing = row.same_as_billing;
  book.version = row.version;
  for (auto& a : items) MarkEffective(a, d);
  book.items = std::move(items);
  return book;
}

// The address as the API shows it, read back inside the transaction.
Result<Address> Reload(db::Connection& c, int64_t customer_id, const std::string& public_id) {
  ASSIGN_OR_RETURN(Address a, FindAddress(c, customer_id, public_id));
  ASSIGN_OR_RETURN(store::BookRow row, store::ReadBook(c, customer_id));
  ASSIGN_OR_RETURN(std::vector<Address> items, store::List(c, customer_id));
  MarkEffective(a, StoredDefaults(items, row.same_as_billing));
  return a;
}

// Resolves a public address id of the book for `field`.
Result<std::optional<int64_t>> Resolve(const std::vector<Address>& items,
                                       const std::optional<std::string>& public_id,
                                       const std::string& field) {
  if (!public_id || public_id->empty()) return std::optional<int64_t>();
  for (const auto& a : items) {
    if (a.public_id == *public_id) return std::optional<int64_t>(a.id);
  }
  std::string msg = "This customer has no address with this id.";
  return Error::Invalid(msg, {{field, "unknown_address", msg}});
}

std::map<int64_t, CustomerDefaults> BuildDefaults(const std::vector<Address>& flagged,
                                                  const std::vector<int64_t>& same_as) {
  std::map<int64_t, Defaults> stored;
  std::map<int64_t, std::vector<const Address*>> by_customer;
  for (int64_t id : same_as) stored[id].same_as_billing = true;
  for (const auto& a : flagged) {
    Defaults& d = stored[a.customer_id];
    if (a.default_billing) d.billing = a.id;
    if (a.default_shipping) d.shipping = a.id;
    by_customer[a.customer_id].push_back(&a);
  }
  std::map<int64_t, CustomerDefaults> out;
  for (const auto& [customer_id, d] : stored) {
    CustomerDefaults& cd = out[customer_id];
    cd.shipping_same_as_billing = d.same_as_billing;
    for (const Address* stored_address : by_customer[customer_id]) {
      Address a = *stored_address;
      MarkEffective(a, d);
      if (a.default_billing) cd.billing = a;
      if (a.default_shipping) cd.shipping = std::move(a);
    }
  }
  return out;
}

}  // namespace

Result<Book> Service::List(const std::string& customer_id) {
  return db_.Read([&](db::Connection& c) { return ReadBook(c, customer_id); });
}

Result<Book> Service::ReadBook(db::Connection& c, const std::string& customer_id) {
  ASSIGN_OR_RETURN(store::CustomerRef customer, FindCustomer(c, customer_id));
  return LoadBook(c, customer);
}

Result<Address> Service::Get(const std::string& customer_id, const std::string& address_id) {
  return db_.Read([&](db::Connection& c) -> Result<Address> {
    ASSIGN_OR_RETURN(store::CustomerRef customer, FindCustomer(c, customer_id));
    return Reload(c, customer.id, address_id);
  });
}

Result<Address> Service::Add(const audit::Actor& actor, const std::string& customer_id,
                             const Patch& input) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) {
    return AddInTransaction(tx, actor, customer_id, input, now, Repeat::kAdd);
  });
}

Result<Address> Service::AddInTransaction(db::Connection& tx, const audit::Actor& actor,
                                          const std::string& customer_id, const Patch& input,
                                          int64_t now, Repeat repeat, bool* added,
                                          PlaceKeysUpdate place) {
  {
    if (added) *added = false;
    ASSIGN_OR_RETURN(store::CustomerRef customer, FindCustomer(tx, customer_id));
    Patch patch = input;
    if (!patch.first_name) patch.first_name = customer.first_name;
    if (!patch.last_name) patch.last_name = customer.last_name;
    Address a;
    a.customer_id = customer.id;
    a.customer_public_id = customer.public_id;
    RETURN_IF_ERROR(ApplyPatch(patch, a));
    ASSIGN_OR_RETURN(store::BookRow book, store::LockBook(tx, customer.id, now));
    ASSIGN_OR_RETURN(std::vector<Address> items, store::List(tx, customer.id));
    if (repeat == Repeat::kKeepExisting) {
      for (const Address& existing : items) {
        if (OneLine(existing) == OneLine(a)) return Reload(tx, customer.id, existing.public_id);
      }
    }
    if (static_cast<int64_t>(items.size()) >= kMaxAddresses) {
      return Error::Precondition("too_many_addresses", "A customer can have at most " +
                                                           std::to_string(kMaxAddresses) +
                                                           " addresses; delete one first.");
    }
    a.public_id = NewPublicId("adr");
    a.created_at = a.updated_at = now;
    ASSIGN_OR_RETURN(a.id, store::Insert(tx, a));
    if (added) *added = true;
    const Defaults before = StoredDefaults(items, book.same_as_billing);
    // The first address of a book is its default billing and shipping address unless the
    // request says otherwise, as store platforms do.
    std::optional<bool> billing = patch.default_billing, shipping = patch.default_shipping;
    if (items.empty()) {
      if (!billing) billing = true;
      if (!shipping && !book.same_as_billing) shipping = true;
    }
    ASSIGN_OR_RETURN(Defaults after,
                     ChangeDefaults(before, FlagsChange(before, a.id, billing, shipping)));
    RETURN_IF_ERROR(WriteDefaults(tx, customer.id, before, after));
    if (place == PlaceKeysUpdate::kNow) RETURN_IF_ERROR(RefreshPlaceKeys(tx, {customer.id}));
    items.push_back(a);
    nlohmann::json changes = Fields(a);
    changes["address_id"] = a.public_id;
    AddDefaultChanges(changes, items, before, after);
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"address.created", "customer", customer.public_id, changes}, now));
    return Reload(tx, customer.id, a.public_id);
  }
}

Result<Address> Service::Update(const audit::Actor& actor, const std::string& customer_id,
                                const std::string& address_id, const Patch& patch,
                                std::optional<int64_t> if_version) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Address> {
    ASSIGN_OR_RETURN(store::CustomerRef customer, FindCustomer(tx, customer_id));
    // Lock first, so that what is read next is what this change builds on.
    ASSIGN_OR_RETURN(store::BookRow book, store::LockBook(tx, customer.id, now));
    ASSIGN_OR_RETURN(Address current, FindAddress(tx, customer.id, address_id));
    if (if_version && *if_version != current.version) return Stale("address");
    Address next = current;
    RETURN_IF_ERROR(ApplyPatch(patch, next));
    ASSIGN_OR_RETURN(std::vector<Address> items, store::List(tx, customer.id));
    nlohmann::json changes = Diff(current, next);
    if (!changes.empty()) {
      next.updated_at = now;
      ASSIGN_OR_RETURN(bool written, store::Update(tx, next, current.version));
      if (!written) return Stale("address");
    }
    const Defaults before = StoredDefaults(items, book.same_as_billing);
    ASSIGN_OR_RETURN(Defaults after,
                     ChangeDefaults(before, FlagsChange(before, current.id, patch.default_billing,
                                                        patch.default_shipping)));
    RETURN_IF_ERROR(WriteDefaults(tx, customer.id, before, after));
    RETURN_IF_ERROR(RefreshPlaceKeys(tx, {customer.id}));
    AddDefaultChanges(changes, items, before, after);
    if (!changes.empty()) {
      changes["address_id"] = current.public_id;
      RETURN_IF_ERROR(audit::Record(
          tx, actor, {"address.updated", "customer", customer.public_id, changes}, now));
    }
    return Reload(tx, customer.id, current.public_id);
  });
}

Status Service::Delete(const audit::Actor& actor, const std::string& customer_id,
                       const std::string& address_id,
                       const std::optional<std::string>& move_defaults_to,
                       std::optional<int64_t> if_version) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(store::CustomerRef customer, FindCustomer(tx, customer_id));
    ASSIGN_OR_RETURN(store::BookRow book, store::LockBook(tx, customer.id, now));
    ASSIGN_OR_RETURN(Address current, FindAddress(tx, customer.id, address_id));
    if (if_version && *if_version != current.version) return Stale("address");
    ASSIGN_OR_RETURN(std::vector<Address> items, store::List(tx, customer.id));
    ASSIGN_OR_RETURN(std::optional<int64_t> move_to,
                     Resolve(items, move_defaults_to, "move_defaults_to"));
    if (move_to == current.id) {
      std::string msg = "Name another address to take over the defaults.";
      return Error::Invalid(msg, {{"move_defaults_to", "same_address", msg}});
    }
    const Defaults before = StoredDefaults(items, book.same_as_billing);
    const Defaults after = AfterDelete(before, current.id, move_to);
    RETURN_IF_ERROR(WriteDefaults(tx, customer.id, before, after));
    RETURN_IF_ERROR(store::Delete(tx, current.id));
    RETURN_IF_ERROR(RefreshPlaceKeys(tx, {customer.id}));
    nlohmann::json changes = {
        {"address_id", current.public_id}, {"label", current.label}, {"address", OneLine(current)}};
    AddDefaultChanges(changes, items, before, after);
    return audit::Record(tx, actor, {"address.deleted", "customer", customer.public_id, changes},
                         now);
  });
}

Result<Book> Service::SetDefaults(const audit::Actor& actor, const std::string& customer_id,
                                  const DefaultsInput& input, std::optional<int64_t> if_version) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Book> {
    ASSIGN_OR_RETURN(store::CustomerRef customer, FindCustomer(tx, customer_id));
    ASSIGN_OR_RETURN(store::BookRow book, store::LockBook(tx, customer.id, now));
    // LockBook counted this change already: the version the caller saw is the one before.
    if (if_version && *if_version != book.version - 1) return Stale("address book");
    ASSIGN_OR_RETURN(std::vector<Address> items, store::List(tx, customer.id));
    DefaultsChange change;
    std::vector<FieldError> errors;
    auto resolve = [&](const std::optional<std::optional<std::string>>& in, const char* field,
                       std::optional<std::optional<int64_t>>& out) {
      if (!in) return;
      auto id = Resolve(items, *in, field);
      if (id.ok()) {
        out = *id;
      } else {
        for (const auto& f : id.error().fields) errors.push_back(f);
      }
    };
    resolve(input.billing, "default_billing_address_id", change.billing);
    resolve(input.shipping, "default_shipping_address_id", change.shipping);
    if (!errors.empty()) return Error::Invalid("Some defaults are not valid.", errors);
    change.same_as_billing = input.same_as_billing;
    const Defaults before = StoredDefaults(items, book.same_as_billing);
    ASSIGN_OR_RETURN(Defaults after, ChangeDefaults(before, change));
    RETURN_IF_ERROR(WriteDefaults(tx, customer.id, before, after));
    RETURN_IF_ERROR(RefreshPlaceKeys(tx, {customer.id}));
    nlohmann::json changes = nlohmann::json::object();
    AddDefaultChanges(changes, items, before, after);
    if (!changes.empty()) {
      RETURN_IF_ERROR(audit::Record(
          tx, actor, {"address.defaults_changed", "customer", customer.public_id, changes}, now));
    }
    return LoadBook(tx, customer);
  });
}

Result<CustomerDefaults> Service::DefaultsOf(int64_t customer_id) {
  ASSIGN_OR_RETURN(auto many, DefaultsOfMany({customer_id}));
  auto it = many.find(customer_id);
  return it == many.end() ? CustomerDefaults{} : std::move(it->second);
}

Result<std::map<int64_t, CustomerDefaults>> Service::DefaultsOfMany(
    const std::vector<int64_t>& customer_ids) {
  if (customer_ids.empty()) return std::map<int64_t, CustomerDefaults>();
  return db_.Read([&](db::Connection& c) { return ReadDefaults(c, customer_ids); });
}

Result<std::map<int64_t, CustomerDefaults>> Service::ReadDefaults(
    db::Connection& c, const std::vector<int64_t>& customer_ids) {
  if (customer_ids.empty()) return std::map<int64_t, CustomerDefaults>();
  ASSIGN_OR_RETURN(std::vector<Address> flagged, store::DefaultAddressesOf(c, customer_ids));
  ASSIGN_OR_RETURN(std::vector<int64_t> same_as, store::SameAsBillingAmong(c, customer_ids));
  return BuildDefaults(flagged, same_as);
}

Status Service::MoveAll(db::Connection& tx, int64_t from_customer, int64_t to_customer,
                        int64_t now) {
  RETURN_IF_ERROR(store::MoveAll(tx, from_customer, to_customer, now));
  return RefreshPlaceKeys(tx, {from_customer, to_customer});
}

// Called by each change of a book, after it.
Status Service::RefreshPlaceKeys(db::Connection& tx, const std::vector<int64_t>& customer_ids) {
  ASSIGN_OR_RETURN(auto defaults, ReadDefaults(tx, customer_ids));
  std::vector<std::pair<int64_t, PlaceKeys>> keys;
  keys.reserve(customer_ids.size());
  for (int64_t id : customer_ids) {
    auto it = defaults.find(id);
    keys.emplace_back(id, it == defaults.end() ? PlaceKeys{} : PlaceKeysOf(it->second));
  }
  return store::SetPlaceKeysMany(tx, keys);
}

PlaceKeys Service::PlaceKeysOf(const CustomerDefaults& defaults) {
  return PlaceKeysOf(defaults.billing ? &*defaults.billing : nullptr,
                     defaults.shipping ? &*defaults.shipping : nullptr);
}

namespace {

// Adds `word` to the space-separated `words` unless it is there (billing and shipping often
// share a city).
void AddOnce(std::string& words, const std::string& word) {
  if (word.empty() || (" " + words + " ").find(" " + word + " ") != std::string::npos) return;
  if (!words.empty()) words += ' ';
  words += word;
}

bool DigitsAndSpacesOnly(std::string_view code) {
  return !code.empty() && code.find_first_not_of("0123456789 -") == std::string_view::npos;
}

}  // namespace

PlaceKeys Service::PlaceKeysOf(const Address* billing, const Address* shipping) {
  std::string text, digits;
  for (const Address* a : {billing, shipping}) {
    if (!a) continue;
    AddOnce(text, NormalizeForSearch(a->city));
    AddOnce(text, NormalizeForSearch(a->postal_code));
    // A postal code of digits is typed as digits, which search takes for a phone number.
    if (DigitsAndSpacesOnly(a->postal_code)) AddOnce(digits, DigitsOnly(a->postal_code));
  }
  return {WithWordMarks(text), WithWordMarks(digits)};
}

Result<int64_t> Service::CountOf(db::Connection& c, int64_t customer_id) {
  return store::CountOf(c, customer_id);
}

}  // namespace clientele::addresses
