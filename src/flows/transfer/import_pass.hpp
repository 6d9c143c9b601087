// The rows of one chunk of an import, written on the chunk's transaction: each row is read,
// checked and matched first, with nothing written, so that almost every mistake is found before
// a row writes anything; then it is written. A row that fails after it began to write (a race
// with another writer, or a customer with 100 addresses already) cannot be undone by itself, so
// the chunk is given up and run again carefully, each row in a savepoint of its own. Not the
// default: a savepoint makes SQLite's full-text index write out what it holds, and one per row
// made a whole import many times slower.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/database.hpp"
#include "flows/transfer/import_row.hpp"
#include "formats/csv.hpp"
#include "modules/addresses/service.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/service.hpp"
#include "modules/moderation/service.hpp"

namespace clientele::flows {

// What an import did so far in its current phase, kept in the job's result.
struct ImportCounts {
  int64_t rows = 0, created = 0, updated = 0, unchanged = 0, skipped = 0, errors = 0;

  static ImportCounts Of(const nlohmann::json& result);
};

// The match keys (hashes of e-mail keys or ids) of the rows read so far, with the row each was
// first seen on.
using SeenKeys = std::unordered_map<uint64_t, int64_t>;
uint64_t HashOfKey(const std::string& key);

struct ImportServices {
  customers::Service& customers;
  addresses::Service& addresses;
  moderation::Service& moderation;
};

struct ImportSettings {
  std::vector<std::string> headers, targets;
  bool by_id = false;
  bool addresses_only = false;  // a file of addresses for customers the store has
  // A column whose empty cell makes a new customer a guest (WooCommerce's Username: its guests
  // have none); "" for none.
  std::string guest_unless;
  audit::Actor actor;
  int64_t now = 0;
};

class ImportPass {
 public:
  ImportPass(ImportServices services, db::Connection& tx, const ImportSettings& settings,
             SeenKeys& seen, ImportCounts counts, bool careful)
      : services_(services),
        tx_(tx),
        settings_(settings),
        seen_(seen),
        counts_(counts),
        careful_(careful) {}

  // Reads, checks and writes row `row` (its number in the file). Errors: the store's (the job
  // fails), or, with needs_care(), a row that failed half-written outside careful mode: the
  // caller undoes the chunk and runs it again carefully.
  Status Row(int64_t row, const std::vector<std::string>& cells);
  bool needs_care() const { return needs_care_; }

  const ImportCounts& counts() const { return counts_; }
  // The error report's lines of this chunk (CSV, without the header).
  std::string TakeReport() { return report_.Take(); }
  // Forgets the keys this pass added to the seen ones (its chunk is undone).
  void ForgetKeys();
  // Adds the customers this pass created to the search index, once for all of them.
  Status IndexCreated();

 private:
  enum class Outcome { kCreated, kUpdated, kUnchanged, kSkipped };
  int64_t& CountOf(Outcome o);

  void Report(int64_t row, std::optional<size_t> column, const std::vector<std::string>& cells,
              const std::string& message);
  void ReportError(int64_t row, const Error& e, const ImportRow& r, const ImportedAddress* address,
                   const std::vector<std::string>& cells);
  // Checks what can be checked without writing: the customer's fields, its group and tag
  // names, and its addresses (with the customer's names and country where they have none).
  Status Check(const ImportRow& r, const std::optional<customers::Customer>& existing,
               const ImportedAddress** failed) const;
  Result<Outcome> Write(const ImportRow& r, const std::optional<customers::Customer>& existing,
                        const std::string& preferred_id, const ImportedAddress** failed);
  // A new customer's kind when the file does not say: registered, unless the row has no e-mail
  // address or leaves settings.guest_unless empty.
  customers::Kind KindOf(const ImportRow& r) const;
  Result<bool> AddAddresses(const std::string& customer_id, const ImportRow& r,
                            const ImportedAddress** failed);
  // Runs `work` as this mode does: in a savepoint when careful, else straight.
  Status Guarded(const std::function<Status()>& work);

  ImportServices services_;
  db::Connection& tx_;
  const ImportSettings& settings_;
  SeenKeys& seen_;
  std::vector<uint64_t> added_keys_;
  ImportCounts counts_;
  bool careful_;
  bool needs_care_ = false;
  formats::CsvWriter report_;
  std::map<std::string, std::string> groups_;  // by name as written: the group's public id
  bool wrote_ = false;                         // the row in progress wrote something
  int64_t created_id_ = 0;                     // the customer the row in progress created
  std::vector<int64_t> created_;               // by the rows that were written
  std::set<int64_t> placed_;                   // customers given addresses: place keys to refresh
  // The customer of the last row that was not an address row, for the address rows after it.
  std::string previous_customer_;
  Outcome previous_outcome_ = Outcome::kSkipped;
};

}  // namespace clientele::flows
