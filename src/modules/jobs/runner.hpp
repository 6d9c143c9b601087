// The background runner of a serving node: claims due jobs one at a time and runs them chunk by
// chunk until they finish, are cancelled or the node stops. Any number of nodes may run one
// against the same database; a claim gives each job to one runner at a time. Thread-safe; Stop()
// lets the chunk in progress commit, then gives the job back for the next runner.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "modules/jobs/service.hpp"

namespace clientele::jobs {

struct RunnerOptions {
  int poll_milliseconds = 1000;
  // How long a claim lasts without a chunk renewing it: after a crash, another runner (or this
  // node restarted) resumes the job once it runs out. Longer than any one chunk takes.
  int64_t lease_seconds = 30;
  // Test hook: after this many chunks the runner stops working (as if the machine hung), so a
  // test can kill the process in the middle of a job. 0: never.
  int64_t stall_after_chunks_for_test = 0;
};

// Runs the queued job `job` to its end in this process, as the command line does, calling
// `progress` after each chunk. Returns the job as it ended (succeeded, failed or cancelled).
// Errors: kFailedPrecondition "job_taken" when another runner holds the job.
Result<Job> RunHere(Service& service, const Job& job, int64_t lease_seconds,
                    const std::function<void(const Job&)>& progress);

class Runner {
 public:
  Runner(Service& service, RunnerOptions options);
  ~Runner();

  void Start();
  void Stop();
  void Wake();

 private:
  void Loop();
  // Runs `job` to its end (or until stopping); returns false when the runner should stop.
  void RunJob(Job job);

  Service& service_;
  RunnerOptions options_;
  std::string claim_;  // this runner's name on the jobs it claims
  int64_t chunks_ = 0;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, woken_ = false;
  std::thread thread_;
};

}  // namespace clientele::jobs
