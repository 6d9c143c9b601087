// The spam scan: a job that scores every account in id order, a chunk of customers per
// transaction. Bursts of registrations need the whole store's registrations by network and
// hour; the runner builds that index once per job (again after a restart) and keeps it while
// the job runs.
#include <algorithm>
#include <charconv>
#include <limits>

#include "flows/cleanup/cleanup.hpp"
#include "flows/cleanup/queries.hpp"
#include "modules/moderation/spam_rules.hpp"
#include "modules/settings/service.hpp"

namespace clientele::flows {
namespace {

constexpr int kScanChunk = 5000;
constexpr int kIndexPage = 50000;
constexpr int64_t kHourMicros = int64_t{3600} * 1000000;

// One (network, hour) slot: the hour in the high 24 bits, a hash of the network in the low 40
// (two networks may rarely share a count). Sorted hour first, so the slots of the hours around
// one registration are adjacent, and the scan, which reads accounts in registration order,
// searches a part of the index that is already in cache.
constexpr int kNetworkBits = 40;
uint64_t SlotKey(uint64_t subnet, int64_t hour) {
  const uint64_t network = (subnet * 0xff51afd7ed558ccdULL) >> (64 - kNetworkBits);
  return (static_cast<uint64_t>(hour) << kNetworkBits) | network;
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
  // The (network, hour) slot of every registration, sorted: a slot's count is its run length.
  // A flat array: a million registrations take 8 MB and no allocation per slot.
  std::vector<uint64_t> slots;

  // Registrations from `subnet` in `hour` and the hours either side.
  int64_t Around(uint64_t subnet, int64_t hour) const {
    int64_t n = 0;
    for (int64_t h = hour - 1; h <= hour + 1; ++h) {
      auto [first, last] = std::equal_range(slots.begin(), slots.end(), SlotKey(subnet, h));
      n += last - first;
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
      if (auto subnet = moderation::SubnetKeyOf(r.ip)) {
        context->slots.push_back(SlotKey(*subnet, r.registered_at / kHourMicros));
      }
    }
    if (static_cast<int>(page.size()) < kIndexPage) break;
    after = page.back().id;
  }
  std::sort(context->slots.begin(), context->slots.end());
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
    if (auto subnet = row.ip.empty() ? std::nullopt : moderation::SubnetKeyOf(row.ip)) {
      row.input.subnet_registrations =
          context->Around(*subnet, row.input.registered_at / kHourMicros);
      // Written out only where a signal names it.
      if (row.input.subnet_registrations >= moderation::kBurstRegistrations) {
        row.input.subnet = moderation::SubnetOf(row.ip);
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
