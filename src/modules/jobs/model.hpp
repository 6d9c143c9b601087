// A job: long work that runs in the background in committed chunks (library rebuilds, and later
// imports, exports and cleanups), as values. Pure.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace clientele::jobs {

enum class JobState { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
const char* ToString(JobState s);
std::optional<JobState> ParseJobState(const std::string& s);
inline bool IsFinished(JobState s) {
  return s == JobState::kSucceeded || s == JobState::kFailed || s == JobState::kCancelled;
}

struct Job {
  int64_t id = 0;
  std::string public_id, kind;
  JobState state = JobState::kQueued;
  nlohmann::json params = nlohmann::json::object();
  std::string checkpoint;  // where the next chunk starts; the kind's own format
  int64_t done = 0, total = 0;
  nlohmann::json result = nlohmann::json::object();
  std::string error;
  bool cancel_requested = false;
  int64_t runs = 0;  // how many times a runner took it up: more than 1 after a resume
  std::string actor_type, actor_id, actor_name;
  int64_t created_at = 0;
  std::optional<int64_t> started_at, finished_at;
  int64_t updated_at = 0;
};

}  // namespace clientele::jobs
