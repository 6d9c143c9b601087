// SQL for the customers module, and nothing else: reads and writes of customers and their tag
// links on the caller's connection. Search SQL differs per engine (SQLite FTS5 trigram/prefix
// tables, PostgreSQL pg_trgm); everything else is shared.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "db/sql_builder.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/model.hpp"

namespace clientele::customers::store {

// How inserts keep the search index: with each call, or not at all, for a bulk load into an
// empty store, which calls BuildSearchIndex once after the last row, or an import, which calls
// IndexForSearch once for the rows of a chunk.
enum class SearchIndexing { kWithRows, kAtEnd };

// Inserts a new customer (id and public_id already set). Returns false, changing nothing, when
// the id is taken. Errors: kAlreadyExists when the public id or registered e-mail is taken.
Result<bool> Insert(db::Connection& c, const Customer& customer,
                    SearchIndexing indexing = SearchIndexing::kWithRows);
// Adds new customers to the search index in one statement per search table (SQLite; a no-op on
// PostgreSQL).
Status IndexForSearch(db::Connection& c, const std::vector<int64_t>& ids);

// Customers turned into rows for InsertMany. Building them (names and e-mail normalised for
// search) is a third of a bulk insert's time, so bulk loads do it on another thread than the
// writer's.
struct InsertBatch {
  std::vector<db::Params> rows;
  std::vector<int64_t> ids;
};
InsertBatch PrepareInsert(const std::vector<Customer>& customers);

// Inserts many customers in the caller's transaction (demo store, imports), indexing them for
// search in bulk. Errors: kAlreadyExists when any id, public id or registered e-mail is taken.
Status InsertMany(db::Connection& c, const InsertBatch& batch,
                  SearchIndexing indexing = SearchIndexing::kWithRows);

// Builds the search index of every customer from the customers table (SQLite; PostgreSQL's
// indexes live on the table itself).
Status BuildSearchIndex(db::Connection& c);

// The customer with this public id, with group and tags; nullopt when there is none.
Result<std::optional<Customer>> FindByPublicId(db::Connection& c, std::string_view public_id);

// Writes every mutable column of `customer` if its stored version is still `expected_version`,
// and bumps the version. Returns false when the version moved on (someone else saved first).
Result<bool> Update(db::Connection& c, const Customer& customer, int64_t expected_version);

// Replaces the tag links of a customer.
Status ReplaceTags(db::Connection& c, int64_t customer_id, const std::vector<int64_t>& tag_ids);

// One page of customers in the query's order (limit + 1 rows are asked for by the caller to
// know whether a next page exists), with group and tags.
Result<std::vector<Customer>> List(db::Connection& c, const ListQuery& query);

// A segment filter's SQL (filter_sql.cpp). `currency`: the store's, for balances.
struct FilterSqlContext {
  int64_t now = 0;
  std::string currency;
  // SQLite plans without value histograms, so an equality on a column of few values (country)
  // looks cheaper than it is: its tests leave the customers_segment_facts index to answer.
  bool sqlite = false;
};
// A checked filter (ParseFilter, with names resolved to ids and texts normalised by the service)
// as a bound condition on the customers row `c`: true or false for every row, never unknown.
std::string FilterCondition(const FilterNode& filter, db::SqlBuilder& sql,
                            const FilterSqlContext& context);
// The RFM group and the activity level of the customers row `c` as SQL expressions
// (RfmGroupOf, ActivityLevelOf), for filters and insights.
std::string RfmGroupSql();
std::string ActivityLevelSql(db::SqlBuilder& sql, int64_t now);

// Saved segments (segment_store.cpp), with the name of who created them; by name.
Result<std::vector<Segment>> ListSegments(db::Connection& c);
Result<std::optional<Segment>> FindSegment(db::Connection& c, const std::string& public_id);
// Errors: kAlreadyExists when the name (its key) is taken.
Result<int64_t> InsertSegment(db::Connection& c, const Segment& s, const std::string& name_key);
// Returns false when the stored version is not `expected_version`. Errors: kAlreadyExists.
Result<bool> UpdateSegment(db::Connection& c, const Segment& s, const std::string& name_key,
                           int64_t expected_version);
Status DeleteSegment(db::Connection& c, int64_t id);
Result<int64_t> CountSegments(db::Connection& c);

// Exports: the customers of a list query streamed in its order, at most query.limit, each
// filled into one Customer reused from row to row (the fields export columns read: profile,
// group name, order figures, tags and balances when asked) with its default addresses as
// they take effect (when asked; nullptr otherwise). Tags and balances need no second read.
struct ExportReads {
  bool tags = false, balances = false, addresses = false;
};
using ExportSink =
    std::function<Status(const Customer& row, const addresses::CustomerDefaults* defaults)>;
struct ExportEnd {
  int64_t rows = 0;
  Customer last;  // the last row streamed, for the cursor after it
};
Result<ExportEnd> ExportEach(db::Connection& c, const ListQuery& query, const ExportReads& reads,
                             const ExportSink& each);

// Number of customers matching the query's filters, counting at most `cap` (0: no cap).
Result<int64_t> Count(db::Connection& c, const ListQuery& query, int64_t cap);

// The exact number of customers matching the query, read from the counters of customers by
// kind, status and group (a few rows, whatever the store's size) when the query filters by
// nothing else; nullopt when it does.
Result<std::optional<int64_t>> CountFromCounters(db::Connection& c, const ListQuery& query);

// Folds the counter deltas PostgreSQL's triggers append into the counters (a no-op on SQLite,
// whose triggers update the counters at once). Safe to run on several nodes at once.
Status FoldCounters(db::Connection& c);

// Whether a registered account other than `except_id` uses this e-mail key.
Result<bool> RegisteredEmailTaken(db::Connection& c, const std::string& email_key,
                                  int64_t except_id);

// The newest customer of `kind` with this e-mail key (without a kind: the registered one, else
// the newest guest); nullopt when none (or the key is empty).
Result<std::optional<Customer>> FindByEmailKey(db::Connection& c, const std::string& email_key,
                                               std::optional<Kind> kind);
// Sets the last sign-in and activity; not an edit, so the version stays.
Status RecordSignIn(db::Connection& c, int64_t id, const std::string& ip, int64_t now);
// Deletes a customer row (its tags go with it).
Status Delete(db::Connection& c, int64_t id);

// The order statistics the orders module keeps on the row (no version change: they are not
// the profile an admin edits).
Status SetOrderStats(db::Connection& c, int64_t customer_id, int64_t orders, int64_t spent,
                     std::optional<int64_t> first_at, std::optional<int64_t> last_at);

// Merges: tombstones of merged customers (see migration 015).
Result<std::optional<std::string>> MergedInto(db::Connection& c, const std::string& public_id);
// Records `merged` as merged into `survivor_id`; tombstones of `merged` follow it there.
Status InsertMerge(db::Connection& c, const Customer& merged, int64_t survivor_id,
                   const std::string& summary, const std::string& actor_type,
                   const std::string& actor_id, int64_t now);
Result<std::vector<std::string>> MergedIds(db::Connection& c,
                                           const std::vector<int64_t>& survivor_ids);
// Deletes these rows in one statement (what hangs off them goes by cascade).
Status DeleteAll(db::Connection& c, const std::vector<int64_t>& ids);
// Gives `to` every tag of `from` it lacks.
Status MergeTags(db::Connection& c, int64_t from, int64_t to);

// Customers other than `exclude` whose `shared` key is `value`, at most `limit` (no tags).
Result<std::vector<Customer>> FindSharing(db::Connection& c, Shared shared,
                                          const std::string& value, int64_t exclude, int limit);
// The ids of customers sharing a key, one group per key, for groups of 2 to `max_group`
// customers (larger groups are a common name or a shared office number, not a duplicate).
Result<std::vector<std::vector<int64_t>>> SharingGroups(db::Connection& c, Shared shared,
                                                        int max_group);
// By internal id, without tags, in id order.
Result<std::vector<Customer>> FindByIds(db::Connection& c, const std::vector<int64_t>& ids);

// Recomputing the derived search keys of every customer (after their rules changed), on one
// transaction: SearchKeysVersion; then the customers after `after_id` in id order, up to
// `limit`, with the fields the keys are made of (id, names, e-mail key, company, phone); the
// new keys staged with StageSearchKeys (rows of id, search_text, phone_digits, place_text,
// place_digits);
// then WriteSearchKeys writes the changed ones in one statement (so SQLite's triggers update
// the search tables within it) and records `version`.
Result<int64_t> SearchKeysVersion(db::Connection& c);
Result<std::vector<Customer>> SearchInputsAfter(db::Connection& c, int64_t after_id, int limit);
Status StageSearchKeys(db::Connection& c, const std::vector<db::Params>& rows);
Status WriteSearchKeys(db::Connection& c, int64_t version);

}  // namespace clientele::customers::store
