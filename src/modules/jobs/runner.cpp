#include "modules/jobs/runner.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/ids.hpp"

namespace clientele::jobs {

Runner::Runner(Service& service, RunnerOptions options)
    : service_(service), options_(options), claim_(NewPublicId("run")) {}

Runner::~Runner() { Stop(); }

void Runner::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Runner::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Runner::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Runner::Loop() {
  const int64_t lease = options_.lease_seconds * 1'000'000;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      woken_ = false;
    }
    auto job = service_.ClaimNext(claim_, lease);
    if (!job.ok()) spdlog::warn("event=job_claim_failed what={}", job.error().message);
    if (job.ok() && *job) {
      RunJob(std::move(**job));
      continue;
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_milliseconds),
                   [this] { return stopping_ || woken_; });
  }
}

void Runner::RunJob(Job job) {
  const int64_t lease = options_.lease_seconds * 1'000'000;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (options_.stall_after_chunks_for_test > 0 &&
          chunks_ >= options_.stall_after_chunks_for_test) {
        wake_.wait(lock, [this] { return stopping_; });
        return;  // the claim is kept, as a hung or killed node keeps it
      }
      if (stopping_) {
        lock.unlock();
        service_.Release(job, claim_);
        return;
      }
    }
    Service::Step step = service_.RunChunk(job, claim_, lease);
    ++chunks_;
    if (step != Service::Step::kMore) return;
  }
}

Result<Job> RunHere(Service& service, const Job& queued, int64_t lease_seconds,
                    const std::function<void(const Job&)>& progress) {
  const std::string claim = NewPublicId("run");
  const int64_t lease = lease_seconds * 1'000'000;
  ASSIGN_OR_RETURN(std::optional<Job> job, service.ClaimNext(claim, lease, queued.id));
  if (!job) {
    return Error::Precondition("job_taken", "Another node is running this job; it goes on there.");
  }
  for (;;) {
    const Service::Step step = service.RunChunk(*job, claim, lease);
    if (progress) progress(*job);
    if (step == Service::Step::kLost) {
      return Error::Precondition("job_taken", "Another node took this job over; it goes on there.");
    }
    if (step == Service::Step::kFinished) return *job;
  }
}

}  // namespace clientele::jobs
