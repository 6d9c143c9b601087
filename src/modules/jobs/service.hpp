// Jobs: the one mechanism for long work. A feature registers a kind with the function that runs
// one chunk; starting a job stores it queued; a Runner on any node claims it and runs chunk after
// chunk, each on its own transaction together with the job's progress, so a crash or restart
// resumes from the last committed chunk (the next runner takes the job once its claim runs out,
// at once after a clean stop). A cancel is honoured between chunks. Thread-safe once every kind
// is registered (registration happens while the app is wired, before any request).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/admins/model.hpp"
#include "modules/audit/audit.hpp"
#include "modules/jobs/model.hpp"

namespace clientele::jobs {

// What one chunk did: the job's progress and result after it.
struct ChunkOutcome {
  std::string checkpoint;  // where the next chunk starts
  int64_t done = 0, total = 0;
  nlohmann::json result = nlohmann::json::object();
  bool finished = false;
};

inline constexpr const char* kChunkAgain = "chunk_again";

struct Kind {
  // Who may start and cancel jobs of this kind.
  admins::Permission permission = admins::Permission::kManageSettings;
  // Only one job of the kind may be queued or running at a time.
  bool exclusive = true;
  // Runs the chunk after `job.checkpoint` on `tx` (its changes commit with the progress). An
  // error fails the job with its message; nothing of the failed chunk is kept. An error with
  // slug kChunkAgain instead undoes the chunk and runs it again at once (the kind knows why and
  // does it differently the second time).
  std::function<Result<ChunkOutcome>(db::Connection& tx, const Job& job)> run_chunk;
  // Optional: runs after the job ended (succeeded, failed or cancelled), outside any transaction.
  std::function<void(const Job& job)> on_ended;
};

// Optional work on the transaction that queues a job (its rows are written then, all or
// nothing with the job): gets the new job's id and returns the job's total. An error refuses the
// job and is returned by Start.
using PrepareJob = std::function<Result<int64_t>(db::Connection& tx, int64_t job_id)>;

struct JobPage {
  std::vector<Job> items;
  std::optional<std::string> next_cursor;
};

class Service {
 public:
  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // REQUIRES: before any job runs; one registration per name.
  void RegisterKind(const std::string& name, Kind kind) { kinds_[name] = std::move(kind); }
  const Kind* FindKind(const std::string& name) const;
  // Called after a job is queued (the runner looks at once instead of at its next poll).
  void OnQueued(std::function<void()> wake) { on_queued_ = std::move(wake); }

  // Queues a job of a registered kind, audited as "job.started". Errors: kFailedPrecondition
  // "job_running" (an exclusive kind with a job queued or running; the message names it).
  Result<Job> Start(const audit::Actor& actor, const std::string& actor_name,
                    const std::string& kind, nlohmann::json params, int64_t total,
                    const PrepareJob& prepare = nullptr);
  // Errors: kNotFound "job_not_found".
  Result<Job> Get(const std::string& id);
  // Newest first. Parameters: kind, limit (1-100, default 20), cursor.
  Result<JobPage> List(const std::map<std::string, std::string>& params);
  // A queued job is cancelled at once; a running one stops after its chunk. Audited.
  // Errors: kNotFound, kFailedPrecondition "job_finished".
  Result<Job> Cancel(const audit::Actor& actor, const std::string& id);

  // For the runner. Claims the next job for `claim` for `lease_micros`; nullopt: none is due.
  // With `only` (a job's internal id), that job if it is due.
  Result<std::optional<Job>> ClaimNext(const std::string& claim, int64_t lease_micros,
                                       int64_t only = 0);
  // What the runner did with one step of a claimed job.
  enum class Step { kMore, kFinished, kLost };
  // Runs one chunk of `job` (or ends it: cancelled, failed, or lost when the claim is gone).
  // `job` is updated to what was committed.
  Step RunChunk(Job& job, const std::string& claim, int64_t lease_micros);
  // Gives the claim back so another runner resumes at once.
  void Release(const Job& job, const std::string& claim);

 private:
  // Ends the job with `state` and `error` (a failure or a cancel), keeping its progress.
  void Finish(Job& job, const std::string& claim, JobState state, const std::string& error);

  db::Database& db_;
  const Clock& clock_;
  std::map<std::string, Kind> kinds_;
  std::function<void()> on_queued_;
};

}  // namespace clientele::jobs
