#include "modules/jobs/service.hpp"

#include <spdlog/spdlog.h>

#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "modules/jobs/store.hpp"

namespace clientele::jobs {
namespace {

constexpr int kMaxPageSize = 100;
// A job whose runner stopped this many times without finishing is failed, not taken up again:
// something in it takes the process down.
constexpr int64_t kMaxRuns = 5;

Error NotFound() { return Error::NotFound("job_not_found", "There is no such job."); }

}  // namespace

const Kind* Service::FindKind(const std::string& name) const {
  auto it = kinds_.find(name);
  return it == kinds_.end() ? nullptr : &it->second;
}

Result<Job> Service::Start(const audit::Actor& actor, const std::string& actor_name,
                           const std::string& kind, nlohmann::json params, int64_t total,
                           const PrepareJob& prepare) {
  const Kind* k = FindKind(kind);
  if (!k) return Error::Internal("Unknown job kind " + kind + ".");
  Job job;
  job.public_id = NewPublicId("job");
  job.kind = kind;
  job.params = std::move(params);
  job.total = total;
  job.actor_type = actor.type;
  job.actor_id = actor.id;
  job.actor_name = actor_name;
  job.created_at = job.updated_at = clock_.NowMicros();
  auto started = db_.Transaction([&](db::Connection& tx) -> Result<Job> {
    ASSIGN_OR_RETURN(
        job.id,
        store::Insert(tx, job, k->exclusive ? std::optional<std::string>(kind) : std::nullopt));
    if (prepare) {
      ASSIGN_OR_RETURN(job.total, prepare(tx, job.id));
      RETURN_IF_ERROR(store::SetTotal(tx, job.id, job.total));
    }
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"job.started", "job", job.public_id, {{"kind", kind}, {"total", job.total}}},
        job.created_at));
    return job;
  });
  if (!started.ok() && started.error().code == ErrorCode::kAlreadyExists) {
    // The unique active key: another job of the kind is queued or running.
    auto recent =
        db_.Read([&](db::Connection& c) { return store::List(c, kind, std::nullopt, 1); });
    std::string which =
        recent.ok() && !recent->empty() ? " (" + recent->front().public_id + ")" : "";
    return Error::Precondition("job_running", "A job of this kind is running already" + which +
                                                  "; wait for it to finish or cancel it.");
  }
  if (started.ok() && on_queued_) on_queued_();
  return started;
}

Result<Job> Service::Get(const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<Job> job,
                   db_.Read([&](db::Connection& c) { return store::FindByPublicId(c, id); }));
  if (!job) return NotFound();
  return *job;
}

Result<JobPage> Service::List(const std::map<std::string, std::string>& params) {
  int limit = 20;
  std::optional<int64_t> before;
  std::string kind;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (name == "limit") {
      if (auto l = ReadPageSize(value, kMaxPageSize, errors)) limit = *l;
    } else if (name == "cursor") {
      if (auto c = ReadCursor(value, "jobs", errors)) before = c->id;
    } else if (name == "kind") {
      if (!FindKind(value)) {
        errors.push_back({"kind", "unknown_kind", "There is no job kind " + value + "."});
      }
      kind = value;
    } else {
      errors.push_back({name, "unknown_parameter", "This parameter is not known here."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some parameters are not valid.", errors);
  ASSIGN_OR_RETURN(std::vector<Job> rows, db_.Read([&](db::Connection& c) {
    return store::List(c, kind, before, limit + 1);
  }));
  JobPage page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = EncodeCursor({"jobs", rows.back().id, rows.back().id});
  }
  page.items = std::move(rows);
  return page;
}

Result<Job> Service::Cancel(const audit::Actor& actor, const std::string& id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Job> {
    ASSIGN_OR_RETURN(std::optional<Job> job, store::FindByPublicId(tx, id));
    if (!job) return NotFound();
    ASSIGN_OR_RETURN(int64_t changed, store::RequestCancel(tx, job->id, now));
    if (changed == 0) {
      return Error::Precondition("job_finished", "This job has finished already.");
    }
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"job.cancel_requested", "job", job->public_id, {{"kind", job->kind}, {"done", job->done}}},
        now));
    ASSIGN_OR_RETURN(job, store::FindById(tx, job->id));
    return *job;
  });
}

Result<std::optional<Job>> Service::ClaimNext(const std::string& claim, int64_t lease_micros,
                                              int64_t only) {
  for (;;) {
    const int64_t now = clock_.NowMicros();
    ASSIGN_OR_RETURN(std::optional<Job> job, db_.Transaction([&](db::Connection& tx) {
      return store::ClaimNext(tx, claim, now + lease_micros, now, only);
    }));
    if (!job) return job;
    if (!FindKind(job->kind)) {
      Finish(*job, claim, JobState::kFailed, "This server does not know jobs of this kind.");
      continue;
    }
    if (job->runs > kMaxRuns) {
      Finish(*job, claim, JobState::kFailed,
             "The job stopped " + std::to_string(kMaxRuns) +
                 " times before it could finish; it was not started again.");
      continue;
    }
    if (job->runs > 1) {
      spdlog::info("event=job_resumed job={} kind={} done={}", job->public_id, job->kind,
                   job->done);
    }
    return job;
  }
}

void Service::Finish(Job& job, const std::string& claim, JobState state, const std::string& error) {
  const int64_t now = clock_.NowMicros();
  auto ended = db_.Transaction([&](db::Connection& tx) -> Result<bool> {
    return store::Advance(tx, job.id, claim, job.checkpoint, job.done, job.total, job.result.dump(),
                          state, error, now);
  });
  if (!ended.ok()) {
    spdlog::warn("event=job_finish_failed job={} what={}", job.public_id, ended.error().message);
    return;
  }
  job.state = state;
  job.error = error;
  spdlog::info("event=job_finished job={} kind={} state={} done={}", job.public_id, job.kind,
               ToString(state), job.done);
  if (const Kind* kind = FindKind(job.kind); kind && kind->on_ended) kind->on_ended(job);
}

Service::Step Service::RunChunk(Job& job, const std::string& claim, int64_t lease_micros) {
  const Kind* kind = FindKind(job.kind);
  Job next = job;
  bool lost = false, cancelled = false;
  auto chunk = db_.Transaction([&](db::Connection& tx) -> Result<bool> {
    const int64_t now = clock_.NowMicros();
    // The renewal is the guard: a runner that lost the job writes nothing.
    ASSIGN_OR_RETURN(bool ours, store::Renew(tx, job.id, claim, now + lease_micros, now));
    if (!ours) {
      lost = true;
      return false;
    }
    ASSIGN_OR_RETURN(std::optional<Job> current, store::FindById(tx, job.id));
    if (!current) {
      lost = true;
      return false;
    }
    if (current->cancel_requested) {
      cancelled = true;
      return false;
    }
    ASSIGN_OR_RETURN(ChunkOutcome out, kind->run_chunk(tx, *current));
    next = *current;
    next.checkpoint = out.checkpoint;
    next.done = out.done;
    next.total = out.total;
    next.result = out.result;
    next.state = out.finished ? JobState::kSucceeded : JobState::kRunning;
    ASSIGN_OR_RETURN(bool written,
                     store::Advance(tx, job.id, claim, next.checkpoint, next.done, next.total,
                                    next.result.dump(), next.state, "", clock_.NowMicros()));
    if (!written) return Error{ErrorCode::kAborted, "job_lost", "The job was taken over.", {}};
    return true;
  });
  if (lost || (!chunk.ok() && chunk.error().code == ErrorCode::kAborted)) return Step::kLost;
  if (cancelled) {
    Finish(job, claim, JobState::kCancelled, "");
    return Step::kFinished;
  }
  if (!chunk.ok() && chunk.error().slug == kChunkAgain) return Step::kMore;
  if (!chunk.ok()) {
    spdlog::warn("event=job_chunk_failed job={} kind={} what={}", job.public_id, job.kind,
                 chunk.error().message);
    Finish(job, claim, JobState::kFailed, chunk.error().message);
    return Step::kFinished;
  }
  job = std::move(next);
  if (job.state == JobState::kSucceeded) {
    spdlog::info("event=job_finished job={} kind={} state=succeeded done={}", job.public_id,
                 job.kind, job.done);
    if (kind->on_ended) kind->on_ended(job);
    return Step::kFinished;
  }
  return Step::kMore;
}

void Service::Release(const Job& job, const std::string& claim) {
  auto released = db_.Transaction([&](db::Connection& tx) -> Result<bool> {
    RETURN_IF_ERROR(store::Release(tx, job.id, claim));
    return true;
  });
  if (!released.ok()) {
    spdlog::warn("event=job_release_failed job={} what={}", job.public_id,
                 released.error().message);
  }
}

}  // namespace clientele::jobs
