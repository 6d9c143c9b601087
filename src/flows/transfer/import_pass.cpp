#include "flows/transfer/import_pass.hpp"

#include <set>

#include "core/text.hpp"
#include "db/savepoint.hpp"
#include "modules/groups/service.hpp"

namespace clientele::flows {
namespace {

using customers::AccountStatus;

// Whether an error is the row's (reported, the import goes on) or the store's (the job fails).
bool IsRowError(const Error& e) {
  return e.code != ErrorCode::kInternal && e.code != ErrorCode::kUnavailable;
}

Error RowError(const std::string& field, const std::string& code, const std::string& message) {
  return Error::Invalid(message, {{field, code, message}});
}

}  // namespace

ImportCounts ImportCounts::Of(const nlohmann::json& result) {
  ImportCounts c;
  c.rows = result.value("rows", int64_t{0});
  c.created = result.value("created", int64_t{0});
  c.updated = result.value("updated", int64_t{0});
  c.unchanged = result.value("unchanged", int64_t{0});
  c.skipped = result.value("skipped", int64_t{0});
  c.errors = result.value("errors", int64_t{0});
  return c;
}

uint64_t HashOfKey(const std::string& key) { return std::hash<std::string>{}(key); }

int64_t& ImportPass::CountOf(Outcome o) {
  switch (o) {
    case Outcome::kCreated:
      return counts_.created;
    case Outcome::kUpdated:
      return counts_.updated;
    case Outcome::kUnchanged:
      return counts_.unchanged;
    case Outcome::kSkipped:
      break;
  }
  return counts_.skipped;
}

void ImportPass::ForgetKeys() {
  for (uint64_t key : added_keys_) seen_.erase(key);
  added_keys_.clear();
}

void ImportPass::Report(int64_t row, std::optional<size_t> column,
                        const std::vector<std::string>& cells, const std::string& message) {
  const std::vector<std::string>& headers = settings_.headers;
  const bool known = column && *column < headers.size();
  report_.Row({std::to_string(row), known ? headers[*column] : "",
               known && *column < cells.size() ? cells[*column] : "", message});
  ++counts_.errors;
}

void ImportPass::ReportError(int64_t row, const Error& e, const ImportRow& r,
                             const ImportedAddress* address,
                             const std::vector<std::string>& cells) {
  if (e.fields.empty()) return Report(row, std::nullopt, cells, e.message);
  for (const FieldError& f : e.fields) {
    // "tags[2]" is the tags column; "group_id" the group's.
    std::string field = f.field.substr(0, f.field.find('['));
    if (field == "group_id") field = "group";
    // The address's own column, else the customer's; a customer's country taken from its
    // address is the address's column.
    std::optional<size_t> column;
    for (const auto* columns : {address ? &address->columns : nullptr, &r.columns,
                                r.addresses.empty() ? nullptr : &r.addresses[0].columns}) {
      if (!columns) continue;
      auto it = columns->find(field);
      if (it != columns->end()) {
        column = it->second;
        break;
      }
    }
    Report(row, column, cells, f.message);
  }
}

Status ImportPass::Check(const ImportRow& r, const std::optional<customers::Customer>& existing,
                         const ImportedAddress** failed) const {
  if (r.group && !groups::Service::IsGroupName(*r.group)) {
    return RowError("group", "invalid_name", "A group name is 1 to 80 characters.");
  }
  if (r.fields.tags) {
    for (const std::string& tag : *r.fields.tags) {
      RETURN_IF_ERROR(customers::ParseTagName(tag, "tags"));
    }
  }
  if (existing && existing->status == AccountStatus::kBanned && r.status &&
      *r.status != AccountStatus::kBanned) {
    return RowError("status", "customer_banned",
                    "This customer is banned in the store; lift the ban in the profile.");
  }
  // The customer's own fields are checked by the write itself, before it writes anything.
  const std::string first_name = r.fields.first_name.value_or(existing ? existing->first_name : "");
  const std::string last_name = r.fields.last_name.value_or(existing ? existing->last_name : "");
  for (const ImportedAddress& a : r.addresses) {
    addresses::Patch patch = a.patch;
    if (!patch.first_name) patch.first_name = first_name;
    if (!patch.last_name) patch.last_name = last_name;
    addresses::Address scratch;
    if (Status s = addresses::ApplyPatch(patch, scratch); !s.ok()) {
      *failed = &a;
      return s;
    }
  }
  return OkStatus();
}

Status ImportPass::Guarded(const std::function<Status()>& work) {
  return careful_ ? db::InSavepoint(tx_, "import_row", true, work) : work();
}

customers::Kind ImportPass::KindOf(const ImportRow& r) const {
  // Without an e-mail address there is no account to sign in to: a guest record.
  if (!r.fields.email || r.fields.email->empty()) return customers::Kind::kGuest;
  const std::string& guest_unless = settings_.guest_unless;
  if (!guest_unless.empty()) {
    const std::string prefix = "custom_fields.";
    const bool custom = guest_unless.rfind(prefix, 0) == 0;
    const bool filled = custom
                            ? r.fields.custom_fields &&
                                  r.fields.custom_fields->count(guest_unless.substr(prefix.size()))
                            : r.columns.count(guest_unless) > 0;
    if (!filled) return customers::Kind::kGuest;
  }
  return customers::Kind::kRegistered;
}

Result<bool> ImportPass::AddAddresses(const std::string& customer_id, const ImportRow& r,
                                      const ImportedAddress** failed) {
  bool added_any = false;
  for (const ImportedAddress& a : r.addresses) {
    bool added = false;
    Result<addresses::Address> stored = services_.addresses.AddInTransaction(
        tx_, settings_.actor, customer_id, a.patch, settings_.now,
        addresses::Service::Repeat::kKeepExisting, &added,
        addresses::Service::PlaceKeysUpdate::kCallerRefreshes);
    if (!stored.ok()) {
      *failed = &a;
      return stored.error();
    }
    if (added) placed_.insert(stored->customer_id);
    wrote_ = wrote_ || added;
    added_any = added_any || added;
  }
  return added_any;
}

Result<ImportPass::Outcome> ImportPass::Write(const ImportRow& r,
                                              const std::optional<customers::Customer>& existing,
                                              const std::string& preferred_id,
                                              const ImportedAddress** failed) {
  const audit::Actor& actor = settings_.actor;
  const int64_t now = settings_.now;
  customers::Patch patch = r.fields;
  if (r.group) {
    auto cached = groups_.find(*r.group);
    if (cached == groups_.end()) {
      bool created = false;
      ASSIGN_OR_RETURN(groups::Group g, groups::Service::FindOrCreateGroup(tx_, actor, *r.group,
                                                                           now, "group", &created));
      cached = groups_.emplace(*r.group, g.public_id).first;
      wrote_ = wrote_ || created;
    }
    patch.group_id = cached->second;
  }
  if (!existing) {
    customers::NewCustomer input;
    input.kind = r.kind.value_or(KindOf(r));
    input.status =
        r.status == AccountStatus::kInactive ? AccountStatus::kInactive : AccountStatus::kActive;
    input.registered_at = r.registered_at;
    input.public_id = preferred_id;
    input.audit_action = "customer.imported";
    input.index_later = true;
    input.fields = patch;
    if (!patch.country && !r.addresses.empty()) input.fields.country = r.addresses[0].patch.country;
    ASSIGN_OR_RETURN(customers::Customer created,
                     services_.customers.CreateInTransaction(tx_, actor, input, now));
    wrote_ = true;
    created_id_ = created.id;
    previous_customer_ = created.public_id;
    if (r.status == AccountStatus::kBanned) {
      RETURN_IF_ERROR(services_.moderation.BanImportedIn(tx_, actor, created, now));
    }
    RETURN_IF_ERROR(AddAddresses(created.public_id, r, failed));
    return Outcome::kCreated;
  }

  const customers::Customer& current = *existing;
  // Custom fields and tags the file names are added to the customer's own.
  if (patch.custom_fields) {
    std::map<std::string, std::string> merged = current.custom_fields;
    for (const auto& [key, value] : *patch.custom_fields) merged[key] = value;
    patch.custom_fields = merged;
  }
  bool tags_change = false;
  if (patch.tags) {
    std::set<std::string> keys;
    for (const auto& t : current.tags) keys.insert(NormalizeForSearch(t));
    std::vector<std::string> merged = current.tags;
    for (const auto& t : *patch.tags) {
      if (keys.insert(NormalizeForSearch(t)).second) merged.push_back(t);
    }
    tags_change = merged.size() != current.tags.size();
    patch.tags = merged;
  }
  // Only what differs is written: an unchanged row leaves the customer's version as it was.
  customers::Customer next = current;
  RETURN_IF_ERROR(customers::ApplyPatch(patch, next));
  bool changed = tags_change || !customers::Service::Changes(current, next).empty() ||
                 (patch.group_id && *patch.group_id != current.group_public_id);
  customers::Customer now_is = current;
  if (changed) {
    ASSIGN_OR_RETURN(now_is, services_.customers.UpdateInTransaction(tx_, actor, current.public_id,
                                                                     patch, std::nullopt, now));
    wrote_ = true;
  }
  if (r.status && *r.status != now_is.status) {
    if (*r.status == AccountStatus::kBanned) {
      ASSIGN_OR_RETURN(now_is, services_.moderation.BanImportedIn(tx_, actor, now_is, now));
    } else {
      ASSIGN_OR_RETURN(now_is, services_.customers.ChangeStatusInTransaction(tx_, actor, now_is,
                                                                             *r.status, now));
    }
    wrote_ = true;
    changed = true;
  }
  previous_customer_ = current.public_id;
  ASSIGN_OR_RETURN(bool added, AddAddresses(current.public_id, r, failed));
  return changed || added ? Outcome::kUpdated : Outcome::kUnchanged;
}

Status ImportPass::Row(int64_t row, const std::vector<std::string>& cells) {
  ++counts_.rows;
  const ImportRow r = ReadImportRow(settings_.targets, cells);
  if (r.blank) return OkStatus();
  const ImportedAddress* failed = nullptr;
  wrote_ = false;
  // The row's mistake: reported, unless it came after the row began to write outside careful
  // mode, when only undoing the chunk takes it back.
  auto fail = [&](const Error& e) -> Status {
    if (!IsRowError(e)) return e;
    if (wrote_ && !careful_) {
      needs_care_ = true;
      return Error::Internal("A row failed half-written; the chunk runs again carefully.");
    }
    ReportError(row, e, r, failed, cells);
    ++counts_.skipped;
    return OkStatus();
  };

  if (r.continuation) {
    if (previous_customer_.empty()) {
      Report(row, std::nullopt, cells,
             previous_outcome_ == Outcome::kSkipped && row > 2
                 ? "The customer of the row before was not imported, so neither is this address."
                 : "An address without a customer: the rows before it name none.");
      ++counts_.skipped;
      return OkStatus();
    }
    Result<bool> added = false;
    Status written = Guarded([&]() -> Status {
      added = AddAddresses(previous_customer_, r, &failed);
      return added.ok() ? OkStatus() : Status(added.error());
    });
    if (!written.ok()) return fail(written.error());
    if (*added && previous_outcome_ == Outcome::kUnchanged) {
      --counts_.unchanged;
      ++counts_.updated;
      previous_outcome_ = Outcome::kUpdated;
    }
    return OkStatus();
  }

  previous_customer_.clear();
  previous_outcome_ = Outcome::kSkipped;
  const bool by_id = settings_.by_id;
  const std::string key_column = by_id ? "id" : "email";
  auto column_of = [&](const std::string& target) -> std::optional<size_t> {
    auto it = r.columns.find(target);
    return it == r.columns.end() ? std::nullopt : std::optional(it->second);
  };
  const std::string key = MatchKey(settings_.targets, cells, by_id);
  if (!key.empty()) {
    const uint64_t hash = HashOfKey(key);
    auto [first, fresh] = seen_.emplace(hash, row);
    if (!fresh) {
      Report(row, column_of(key_column), cells,
             std::string(by_id ? "The same id" : "The same e-mail address") + " as row " +
                 std::to_string(first->second) + ": only the first is imported.");
      ++counts_.skipped;
      return OkStatus();
    }
    added_keys_.push_back(hash);
  }
  if (!r.errors.empty()) {
    for (const CellError& e : r.errors) Report(row, e.column, cells, e.message);
    ++counts_.skipped;
    return OkStatus();
  }

  std::optional<customers::Customer> existing;
  std::string preferred_id = r.id.value_or("");
  if (r.id) {
    Result<customers::Customer> found = customers::Service::Find(tx_, *r.id);
    if (found.ok()) {
      if (by_id) existing = std::move(*found);
      preferred_id.clear();  // the id is someone's already
    } else if (found.error().code != ErrorCode::kNotFound) {
      return found.error();
    }
  }
  if (!by_id && !key.empty()) {
    ASSIGN_OR_RETURN(existing, customers::Service::FindByEmailKey(tx_, key, std::nullopt));
  }
  if (settings_.addresses_only && !existing) {
    Report(row, column_of("email"), cells,
           "No customer has this e-mail address: import the customer file first.");
    ++counts_.skipped;
    return OkStatus();
  }
  if (Status checked = Check(r, existing, &failed); !checked.ok()) return fail(checked.error());

  failed = nullptr;
  Result<Outcome> outcome = Outcome::kSkipped;
  Status written = Guarded([&]() -> Status {
    outcome = Write(r, existing, preferred_id, &failed);
    return outcome.ok() ? OkStatus() : Status(outcome.error());
  });
  if (!written.ok()) {
    previous_customer_.clear();
    return fail(written.error());
  }
  previous_outcome_ = *outcome;
  ++CountOf(*outcome);
  if (*outcome == Outcome::kCreated) created_.push_back(created_id_);
  return OkStatus();
}

Status ImportPass::IndexCreated() {
  RETURN_IF_ERROR(customers::Service::IndexForSearch(tx_, created_));
  created_.clear();
  // After the index has the new customers: their place keys change their search entries.
  RETURN_IF_ERROR(addresses::Service::RefreshPlaceKeys(tx_, {placed_.begin(), placed_.end()}));
  placed_.clear();
  return OkStatus();
}

}  // namespace clientele::flows
