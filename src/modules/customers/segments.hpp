// Saved segments: a name and a filter in the segment filter language (filter.hpp), shared by the
// store's staff. A segment filters the customer list, its exports and its counts (the list's
// `segment` parameter). Thread-safe: all state lives in the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/service.hpp"

namespace clientele::customers {

class SegmentService {
 public:
  static constexpr size_t kMaxSegments = 500;

  SegmentService(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every segment, by name.
  Result<std::vector<Segment>> List();
  // Errors: kNotFound "segment_not_found".
  Result<Segment> Get(const std::string& public_id);
  // Saves a new segment after checking its filter against the store. Errors: kInvalidArgument
  // (name: 1–100 characters; filter: see Service::CompileFilter), kAlreadyExists
  // "segment_name_taken", kFailedPrecondition "too_many_segments".
  Result<Segment> Create(const audit::Actor& actor, const SegmentChange& change);
  // Renames or refilters. Errors: those of Create, kNotFound, kFailedPrecondition
  // "stale_version" when `if_version` is not the stored one.
  Result<Segment> Update(const audit::Actor& actor, const std::string& public_id,
                         const SegmentChange& change, std::optional<int64_t> if_version);
  // Errors: kNotFound.
  Status Delete(const audit::Actor& actor, const std::string& public_id);

  // The segment's filter, for the list on the caller's connection. Errors: kNotFound.
  static Result<Segment> Find(db::Connection& c, const std::string& public_id);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::customers
