// The spam scan: a job that scores every account in id order, a chunk of customers per
// transaction. Bursts of registrations need the whole store's registrations by network and
// hour; the runner builds that index once per job (again after a restart) and keeps it while
// the job runs.
#include <charconv>
#include <limits>
#include <unordered_map>

#include "flows/cleanup/cleanup.hpp"
#include "flows/cleanup/queries.hpp"
#include "modules/moderation/spam_rules.hpp"
#include "modules/settings/service.hpp"

namespace clientele::flows {
namespace {

constexpr int kScanChunk = 5000;
constexpr int kIndexPage = 50000;
constexpr int64_t kHourMicros = int64_t{3600} * 1000000;

uint64_t BucketKey(const std::string& subnet, int64_t hour) {
  return std::hash<std::string>{}(subnet) ^ (static_cast<uint64_t>(hour) * 0x9E3779B97F4A7C15ULL);
}

int64_t ReadCheckpoint(const std::string& checkpoint) {
  int64_t after = 0;
  std::from_chars(checkpoint.data(), checkpoint.data() + checkpoint.size(), after);
  return after;
}

}  // namespace

struct Cleanup::ScanContext {
  std::string job;  // the scan job it was built for
  moderation::DisposableDomains domains;
  std::unordered_map<uint64_t, uint32_t> registrations;  // (subnet, hour) -> count

  // Registrations from `subnet` in `hour` and the hours either side.
  int64_t Around(const std::string& subnet, int64_t hour) const {
    int64_t n = 0;
    for (int64_t h = hour - 1; h <= hour + 1; ++h) {
      auto it = registrations.find(BucketKey(subnet, h));
      if (it != registrations.end()) n += it->second;
    }
    return n;
  }
};

Result<std::shared_ptr<const Cleanup::ScanContext>> Cleanup::ContextFor(db::Connection& c,
                                                                        const jobs::Job& job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (scan_ && scan_->job == job.public_id) return scan_;
  }
  ASSIGN_OR_RETURN(moderation::DisposableDomains domains, moderation::SpamRules::LoadDomains(c));
  auto context = std::make_shared<ScanContext>(ScanContext{job.public_id, std::move(domains), {}});
  int64_t after = 0;
  for (;;) {
    ASSIGN_OR_RETURN(auto page, cleanup_sql::Registrations(c, after, kIndexPage));
    for (const auto& r : page) {
      if (r.ip.empty()) continue;
      std::string subnet = moderation::SubnetOf(r.ip);
      if (!subnet.empty())
        ++context->registrations[BucketKey(subnet, r.registered_at / kHourMicros)];
    }
    if (static_cast<int>(page.size()) < kIndexPage) break;
    after = page.back().id;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  scan_ = context;
  return scan_;
}

jobs::Kind Cleanup::ScanJobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kEditCustomers;
  kind.exclusive = true;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) { return ScanChunk(tx, job); };
  kind.on_ended = [this](const jobs::Job& job) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (scan_ && scan_->job == job.public_id) scan_.reset();
  };
  return kind;
}

Result<jobs::ChunkOutcome> Cleanup::ScanChunk(db::Connection& tx, const jobs::Job& job) {
  ASSIGN_OR_RETURN(std::shared_ptr<const ScanContext> context, ContextFor(tx, job));
  ASSIGN_OR_RETURN(settings::Settings settings, settings::Service::Read(tx));
  const int64_t after = ReadCheckpoint(job.checkpoint);
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::vector<cleanup_sql::ScanRow> rows,
                   cleanup_sql::ScanRows(tx, after, kScanChunk));
  jobs::ChunkOutcome out;
  out.result = job.result;
  for (const char* k : {"scanned", "scored", "suspected_spam"}) {
    if (!out.result.contains(k)) out.result[k] = 0;
  }
  int64_t scored = 0, suspected = 0;
  std::vector<moderation::SpamScoreRow> scores;
  for (auto& row : rows) {
    if (!row.ip.empty()) {
      row.input.subnet = moderation::SubnetOf(row.ip);
      if (!row.input.subnet.empty()) {
        row.input.subnet_registrations =
            context->Around(row.input.subnet, row.input.registered_at / kHourMicros);
      }
    }
    auto signals = moderation::SpamSignals(row.input, context->domains, now);
    const int score = moderation::SpamScore(signals);
    if (score == 0) continue;
    ++scored;
    if (score >= settings.spam_threshold) ++suspected;
    scores.push_back({row.id, score, std::move(signals)});
  }
  // The last chunk also clears scores past the last customer (none should be left there).
  const int64_t last = rows.size() < static_cast<size_t>(kScanChunk)
                           ? std::numeric_limits<int64_t>::max()
                           : rows.back().id;
  RETURN_IF_ERROR(moderation::SpamRules::ReplaceScores(tx, after, last, scores, now));
  out.result["scanned"] = out.result["scanned"].get<int64_t>() + static_cast<int64_t>(rows.size());
  out.result["scored"] = out.result["scored"].get<int64_t>() + scored;
  out.result["suspected_spam"] = out.result["suspected_spam"].get<int64_t>() + suspected;
  out.result["threshold"] = settings.spam_threshold;
  out.done = job.done + static_cast<int64_t>(rows.size());
  out.checkpoint = rows.empty() ? job.checkpoint : std::to_string(rows.back().id);
  out.finished = rows.size() < static_cast<size_t>(kScanChunk);
  out.total = out.finished ? out.done : std::max(job.total, out.done);
  return out;
}

Result<jobs::Job> Cleanup::StartScan(const audit::Actor& actor, const std::string& actor_name) {
  ASSIGN_OR_RETURN(int64_t total,
                   db_.Read([](db::Connection& c) { return cleanup_sql::CountCustomers(c); }));
  return jobs_.Start(actor, actor_name, kScanJob, nlohmann::json::object(), total);
}

}  // namespace clientele::flows
