// SQL for jobs, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/jobs/model.hpp"

namespace clientele::jobs::store {

// `active_key` set: refused with kAlreadyExists while another job holds the same key.
Result<int64_t> Insert(db::Connection& c, const Job& job,
                       const std::optional<std::string>& active_key);
Status SetTotal(db::Connection& c, int64_t id, int64_t total);
Result<std::optional<Job>> FindByPublicId(db::Connection& c, const std::string& public_id);
Result<std::optional<Job>> FindById(db::Connection& c, int64_t id);
// Newest first; `kind` empty: every kind.
Result<std::vector<Job>> List(db::Connection& c, const std::string& kind,
                              std::optional<int64_t> before_id, int limit);

// The id of the oldest job a runner may take: queued, or running with its claim run out (its
// runner stopped or crashed). Claims it for `claim` until `until`, counting the run; returns
// the job as claimed, or nullopt when there is none (or another runner took it first). With
// `only` (a job's id), that job or none.
Result<std::optional<Job>> ClaimNext(db::Connection& c, const std::string& claim, int64_t until,
                                     int64_t now, int64_t only = 0);
// Extends the claim; false when the runner no longer holds it.
Result<bool> Renew(db::Connection& c, int64_t id, const std::string& claim, int64_t until,
                   int64_t now);
// Writes a chunk's progress (and the end state when `state` is finished) while `claim` holds it.
Result<bool> Advance(db::Connection& c, int64_t id, const std::string& claim,
                     const std::string& checkpoint, int64_t done, int64_t total,
                     const std::string& result, JobState state, const std::string& error,
                     int64_t now);
// Gives the claim back at once (a runner stopping), so the next runner resumes without waiting.
Status Release(db::Connection& c, int64_t id, const std::string& claim);
// Queued: cancelled at once; running: asked to stop after its chunk. Returns rows changed.
Result<int64_t> RequestCancel(db::Connection& c, int64_t id, int64_t now);

}  // namespace clientele::jobs::store
