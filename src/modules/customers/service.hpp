// Customer use cases: create, read, edit (with optimistic concurrency), deactivate and restore,
// list and search. Each change runs in one transaction with its audit event. Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/addresses/service.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/model.hpp"
#include "modules/customers/store.hpp"
#include "modules/jobs/service.hpp"

namespace clientele::customers {

struct NewCustomer {
  Kind kind = Kind::kRegistered;
  AccountStatus status = AccountStatus::kActive;  // an import may bring inactive customers
  Patch fields;
  // An import's: when the customer registered in the old store (else now), and the id the
  // customer keeps (else a new one). REQUIRES: no customer has `public_id`.
  std::optional<int64_t> registered_at;
  std::string public_id;
  // The caller adds the customer to the search index itself, with others (IndexForSearch): on
  // SQLite each statement that writes the index makes it write out what it holds.
  bool index_later = false;
  std::string registration_ip;
  std::string audit_action = "customer.created";  // "customer.registered" from the store
};

// Raw list parameters as a client sends them (query string values).
struct ListParams {
  std::map<std::string, std::string> values;  // q, status, kind, group, tag, country, ...
};

enum class BulkAction { kAssignGroup, kAddTags, kRemoveTags, kDeactivate, kRestore };

struct BulkChange {
  std::vector<std::string> ids;  // public ids
  BulkAction action = BulkAction::kAssignGroup;
  std::string group_id;           // kAssignGroup
  std::vector<std::string> tags;  // kAddTags, kRemoveTags
};

struct Page {
  std::vector<Customer> items;
  std::map<int64_t, addresses::CustomerDefaults> defaults;  // by customer id; none: no address
  std::map<int64_t, SearchMatch> matches;  // by customer id: what a search matched (ExplainMatch)
  std::optional<std::string> next_cursor;
  std::optional<int64_t> total;  // when asked for
  bool total_exact = true;       // false: there are at least `total` matches
};

class Service {
 public:
  // Counting stops here unless an exact count is asked for: exact counts of common terms over
  // a million customers cost hundreds of milliseconds, and even 10,000 hits cost more than the
  // page itself while someone types.
  static constexpr int64_t kTotalCap = 1000;
  static constexpr int kMaxPageSize = 200;
  static constexpr size_t kMaxBulk = 500;

  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Called on the transaction of every status change that leaves a customer not active
  // (deactivate, ban), before it commits: the composition root ends the customer's sessions
  // with it, so that restoring the account later does not bring them back.
  using StatusHook = std::function<Status(db::Connection& tx, int64_t customer_id)>;
  void OnLeavingActive(StatusHook hook) { on_leaving_active_ = std::move(hook); }

  // Errors: kInvalidArgument (field errors), kAlreadyExists "email_taken".
  Result<Customer> Create(const audit::Actor& actor, const NewCustomer& input);
  // Create on the caller's transaction (the account module adds credentials to it). Errors: as
  // Create; a unique violation of a concurrent registration surfaces as "unique_violation".
  Result<Customer> CreateInTransaction(db::Connection& tx, const audit::Actor& actor,
                                       const NewCustomer& input, int64_t now);
  // The newest customer of `kind` with this e-mail key, on the caller's transaction or read;
  // without a kind, the registered account, else the newest guest record.
  static Result<std::optional<Customer>> FindByEmailKey(db::Connection& c,
                                                        const std::string& email_key,
                                                        std::optional<Kind> kind);
  // Recomputes every customer's derived search keys when the stored ones were made by older
  // rules (a version kept in the database), in one transaction; a no-op otherwise. Run at
  // start, after the migrations.
  static Status UpgradeSearchKeys(db::Database& db);
  // Adds customers created with index_later to the search index, on the caller's transaction.
  static Status IndexForSearch(db::Connection& tx, const std::vector<int64_t>& ids);
  // For the orders module, on its transaction: the order statistics of the customer's row.
  static Status SetOrderStats(db::Connection& tx, int64_t customer_id, int64_t orders,
                              int64_t spent, std::optional<int64_t> first_at,
                              std::optional<int64_t> last_at);
  // For the moderation module: sets the status on the caller's transaction (no check of the
  // current one: the caller decides), auditing `action` with the status change and `data`.
  // Errors: kFailedPrecondition "stale_version".
  Result<Customer> SetStatusInTransaction(db::Connection& tx, const audit::Actor& actor,
                                          const Customer& current, AccountStatus to,
                                          const std::string& action, nlohmann::json data,
                                          int64_t now);
  // A guest record becomes a registered customer (an account without a password yet), on the
  // caller's transaction. Errors: kFailedPrecondition "not_a_guest", "customer_has_no_email",
  // kAlreadyExists "email_taken" (the address has an account already), "stale_version".
  Result<Customer> MakeRegisteredInTransaction(db::Connection& tx, const audit::Actor& actor,
                                               const Customer& guest, int64_t now);
  // Erasure: deletes the customers' rows (their tags, addresses, accounts and search entries
  // go with them) on the caller's transaction. REQUIRES: the caller unlinked their messages
  // first. A chunk of customers at a time.
  static Status EraseInTransaction(db::Connection& tx, const std::vector<int64_t>& ids);
  // Records a sign-in to the customer area (last login, IP, activity) on the caller's
  // transaction. Not an edit: the version stays, so no admin's open edit goes stale.
  static Status RecordSignIn(db::Connection& tx, int64_t customer_id, const std::string& ip,
                             int64_t now);
  // A guest record becomes the account registered with its e-mail address (proved by the
  // verification): the guest keeps its id, addresses and history and takes the registration's
  // names, e-mail, phone, country, language and consents; the registration's own row is
  // deleted. REQUIRES: the caller moved everything else that refers to `registration` first.
  // Errors: kFailedPrecondition "stale_version".
  Result<Customer> AdoptRegistration(db::Connection& tx, const audit::Actor& actor,
                                     const Customer& guest, const Customer& registration,
                                     int64_t now);

  // Errors: kNotFound "customer_not_found".
  Result<Customer> Get(const std::string& public_id);
  // The customer and its default addresses, read together. Errors: as Get.
  Result<std::pair<Customer, addresses::CustomerDefaults>> GetWithDefaults(
      const std::string& public_id);

  // For other modules, on their transaction or read: the customer with this public id.
  // Errors: kNotFound "customer_not_found".
  static Result<Customer> Find(db::Connection& c, const std::string& public_id);
  // For store-wide work in chunks (jobs): the internal ids after `after_id`, in order, at most
  // `limit`; and how many customers there are.
  static Result<std::vector<int64_t>> IdsAfter(db::Connection& c, int64_t after_id, int limit);
  static Result<int64_t> CountAll(db::Connection& c);

  // Merge, on the caller's transaction (the merge flow orders the steps):
  // the survivor's public id for a merged customer's old one, if it was merged;
  static Result<std::optional<std::string>> MergedInto(db::Connection& c,
                                                       const std::string& public_id);
  Result<std::optional<std::string>> MergedInto(const std::string& public_id);
  // Duplicate detection, on the caller's read: customers other than `exclude` sharing a key
  // (at most `limit`); the groups of 2 to `max_group` customers sharing one; customers by
  // internal id (without tags).
  static Result<std::vector<Customer>> FindSharing(db::Connection& c, Shared shared,
                                                   const std::string& value, int64_t exclude,
                                                   int limit);
  static Result<std::vector<std::vector<int64_t>>> SharingGroups(db::Connection& c, Shared shared,
                                                                 int max_group);
  static Result<std::vector<Customer>> FindByIds(db::Connection& c,
                                                 const std::vector<int64_t>& ids);

  // The old public ids of the customers merged into any of `survivor_ids`.
  static Result<std::vector<std::string>> MergedIds(db::Connection& c,
                                                    const std::vector<int64_t>& survivor_ids);
  // `merged`'s tags join `survivor`'s, then its row goes (REQUIRES: everything else it held has
  // moved) and its tombstone is recorded with `summary`;
  static Status RemoveMerged(db::Connection& tx, const audit::Actor& actor, const Customer& merged,
                             int64_t survivor_id, const nlohmann::json& summary, int64_t now);
  // the survivor's profile becomes `next` (REQUIRES: `next` is the survivor with fields taken
  // from the merged customers); returns it as stored. Errors: kFailedPrecondition
  // "stale_version".
  static Result<Customer> SaveMerged(db::Connection& tx, const Customer& before,
                                     const Customer& next, int64_t now);
  // The audit trail's changes between two states of a customer.
  static nlohmann::json Changes(const Customer& before, const Customer& after);
  // The public ids of internal `ids` (unknown ones left out).
  static Result<std::map<int64_t, std::string>> PublicIdsOf(db::Connection& c,
                                                            const std::vector<int64_t>& ids);

  // Applies a partial change. With `if_version`, refuses to overwrite a newer save.
  // Errors: kNotFound, kInvalidArgument, kAlreadyExists "email_taken",
  // kFailedPrecondition "stale_version".
  Result<Customer> Update(const audit::Actor& actor, const std::string& public_id,
                          const Patch& patch, std::optional<int64_t> if_version);
  // Update on the caller's transaction. Errors: as Update.
  Result<Customer> UpdateInTransaction(db::Connection& tx, const audit::Actor& actor,
                                       const std::string& public_id, const Patch& patch,
                                       std::optional<int64_t> if_version, int64_t now);

  // Deactivates or restores on the caller's transaction (nothing to do when the customer is
  // there already). Errors: kFailedPrecondition "customer_banned", "stale_version".
  Result<Customer> ChangeStatusInTransaction(db::Connection& tx, const audit::Actor& actor,
                                             const Customer& current, AccountStatus to,
                                             int64_t now);

  // Soft deactivation keeps everything; restore makes the account active again.
  // Errors: kNotFound, kFailedPrecondition "stale_version" or "customer_banned".
  Result<Customer> Deactivate(const audit::Actor& actor, const std::string& public_id,
                              std::optional<int64_t> if_version);
  Result<Customer> Restore(const audit::Actor& actor, const std::string& public_id,
                           std::optional<int64_t> if_version);

  // Applies one change to many customers, all or nothing, with an audit event per customer
  // changed. Returns how many changed. Errors: kInvalidArgument (unknown id, missing group or
  // tags, too many ids), kFailedPrecondition "customer_banned" for status changes of banned ones.
  Result<int64_t> Bulk(const audit::Actor& actor, const BulkChange& change);
  // The same change on every customer matching `filter` (the list's parameters, paging aside),
  // as a customer_bulk job of committed chunks of kMaxBulk customers in registration order; each
  // customer's change is audited as a single one would be. The job's result counts the changed
  // customers. Errors: kInvalidArgument (the change's field errors, and "filter.<parameter>"
  // for a bad filter).
  static constexpr const char* kBulkJob = "customer_bulk";
  Result<jobs::Job> StartBulk(jobs::Service& jobs, const audit::Actor& actor,
                              const std::string& actor_name, const BulkChange& change,
                              const std::map<std::string, std::string>& filter);
  jobs::Kind BulkJobKind();

  // A page of customers. Parameters: q, status (comma list), kind, group (public id), tag
  // (name), country, language, registered_from, registered_to, active_from, active_to (ISO 8601),
  // address_country and address_city (of the default billing or shipping address in effect),
  // sort (registered|name|email|last_activity, '-' for descending; default -registered),
  // limit (1..200, default 50), cursor, include_total (true|false), filter (a segment filter,
  // see CompileFilter) and segment (a saved segment's public id), both AND-ed with the rest.
  // Errors: kInvalidArgument with a field error per bad parameter.
  Result<Page> List(const ListParams& params);

  // A segment filter (filter.hpp) checked against the store, on the caller's connection: group
  // and tag names and product SKUs resolved to ids (a name nobody has is a mistake, with the
  // closest one suggested), country and language codes checked, texts normalised as the stored
  // keys are; dates in the store's time zone, amounts in its currency. Errors: kInvalidArgument
  // with one field error on `field` that names the mistake and its position.
  static Result<FilterNode> CompileFilter(db::Connection& c, std::string_view text,
                                          const std::string& field, int64_t now);

  // The exact number of customers matching the filters of `params`.
  Result<int64_t> CountExact(const ListParams& params);

  // Folds the pending deltas of the customer counters (store::FoldCounters); the serving node
  // runs it every few seconds.
  Status FoldCounters();

  // The list on the caller's connection, for exports: the filters, order and cursor of List,
  // up to kMaxExportPage customers streamed to `each` (see store::ExportEach). Returns the
  // cursor after them, nullopt once the list is done. Errors: those of List.
  static constexpr int kMaxExportPage = 10000;
  Result<std::optional<std::string>> ExportEach(db::Connection& c, const ListParams& params,
                                                const store::ExportReads& reads,
                                                const store::ExportSink& each);

 private:
  static Status CheckBulkChange(const BulkChange& change, std::vector<FieldError>& errors);
  // Applies one bulk change to `current`; false when it had nothing to change.
  Result<bool> ApplyBulk(db::Connection& tx, const audit::Actor& actor, const Customer& current,
                         const BulkChange& change, int64_t now);
  Result<ListQuery> ParseList(db::Connection& c, const ListParams& params, bool* include_total,
                              std::string* sort_name, int max_limit);
  Result<Page> ListOn(db::Connection& c, const ListParams& params, int max_limit,
                      bool with_addresses);
  Result<Customer> ChangeStatus(const audit::Actor& actor, const std::string& public_id,
                                std::optional<int64_t> if_version, AccountStatus to);
  Status LeftActive(db::Connection& tx, const Customer& before, AccountStatus to) const;

  db::Database& db_;
  const Clock& clock_;
  StatusHook on_leaving_active_;
};

}  // namespace clientele::customers
