// The demo store: fills an empty store with realistic customers (`clientele demo`), for trying
// the admin UI and for measuring the server on millions of rows. Customers come from some thirty
// countries, with names in their own scripts, valid phone numbers, unique e-mail addresses,
// groups, tags and five years of registrations; the same seed and count give the same store.
//
// Thread-safety: Load may be called from any thread; it uses the database's write transaction
// one batch at a time and a helper thread of its own that generates the next batch meanwhile.
#pragma once

#include <cstdint>
#include <functional>

#include "core/result.hpp"
#include "db/database.hpp"

namespace clientele::demo {

struct Options {
  int64_t customers = 1000;
  uint64_t seed = 42;
  // Share of bot registrations (0-50 %): random or linked names, disposable addresses, waves of
  // 25 from one network. 0 leaves the store as it was without them.
  double spam_percent = 0;
  // REQUIRES: set by the caller (µs since the epoch). Registration dates spread over the five
  // years before it; nothing is dated after it.
  int64_t now_micros = 0;
};

struct Report {
  int64_t customers = 0;  // customers inserted
  int64_t groups = 0;     // demo groups in the store (created, or found from an earlier try)
  int64_t tags = 0;       // demo tags in the store, likewise
  double seconds = 0;     // wall time of the whole load
};

// Fills an empty store with `options.customers` customers in one transaction, calling
// `progress` with the number loaded so far after each batch of rows; the indexes are built after
// the last batch (which takes a while on large loads). Demo groups and tags that already exist
// (by name) are reused.
//
// Errors: kFailedPrecondition "store_not_empty" when the store has customers; kInvalidArgument
// for a negative count or a missing `now_micros`; database errors as they come. A load that fails
// or is interrupted changes nothing.
Result<Report> Load(db::Database& db, const Options& options,
                    std::function<void(int64_t done)> progress = {});

}  // namespace clientele::demo
