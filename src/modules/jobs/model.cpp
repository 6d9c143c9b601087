#include "modules/jobs/model.hpp"

namespace clientele::jobs {

const char* ToString(JobState s) {
  switch (s) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kSucceeded:
      return "succeeded";
    case JobState::kFailed:
      return "failed";
    case JobState::kCancelled:
      return "cancelled";
  }
  return "";
}

std::optional<JobState> ParseJobState(const std::string& s) {
  for (JobState v : {JobState::kQueued, JobState::kRunning, JobState::kSucceeded, JobState::kFailed,
                     JobState::kCancelled}) {
    if (s == ToString(v)) return v;
  }
  return std::nullopt;
}

}  // namespace clientele::jobs
