#include "flows/cleanup/cleanup.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "core/cursor.hpp"
#include "core/ip.hpp"
#include "flows/cleanup/queries.hpp"
#include "formats/csv.hpp"
#include "modules/customers/service.hpp"
#include "modules/jobs/service.hpp"
#include "modules/moderation/spam_rules.hpp"
#include "modules/settings/service.hpp"

namespace clientele::flows {
namespace {

constexpr int64_t kDayMicros = int64_t{86400} * 1000000;
constexpr int kCleanupChunk = 200;
constexpr size_t kMaxChosen = 10000;
constexpr int kMaxPage = 200;

using std::chrono::days;
using std::chrono::sys_days;

// The first day of the bucket a day falls in.
int64_t BucketStart(int64_t day, const std::string& interval) {
  const sys_days d{days{day}};
  if (interval == "week") {
    const std::chrono::weekday wd{d};
    return day - static_cast<int64_t>(wd.iso_encoding() - 1);
  }
  if (interval == "month") {
    const std::chrono::year_month_day ymd{d};
    return sys_days{ymd.year() / ymd.month() / 1}.time_since_epoch().count();
  }
  return day;
}

// The first days of the buckets of the chart, oldest first, ending with the one of `today`.
std::vector<int64_t> BucketStarts(int64_t today, const std::string& interval) {
  std::vector<int64_t> out;
  if (interval == "day") {
    for (int64_t d = today - 29; d <= today; ++d) out.push_back(d);
  } else if (interval == "week") {
    const int64_t monday = BucketStart(today, "week");
    for (int64_t w = 25; w >= 0; --w) out.push_back(monday - 7 * w);
  } else {
    const std::chrono::year_month_day ymd{sys_days{days{today}}};
    const auto first = ymd.year() / ymd.month() / 1;
    for (int m = 23; m >= 0; --m) {
      const auto month = first - std::chrono::months{m};
      out.push_back(sys_days{month}.time_since_epoch().count());
    }
  }
  return out;
}

Error Invalid(std::vector<FieldError> errors) {
  return Error::Invalid("Some parameters are not valid.", std::move(errors));
}

std::optional<int64_t> ReadDays(const std::string& text, std::vector<FieldError>& errors) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > 36500) {
    errors.push_back(
        {"older_than_days", "invalid_days", "Use a whole number of days from 1 to 36500."});
    return std::nullopt;
  }
  return n;
}

audit::Actor JobActor(const jobs::Job& job) {
  audit::Actor actor;
  actor.type = job.actor_type;
  actor.id = job.actor_id;
  actor.request_id = job.public_id;
  return actor;
}

std::string ReasonText(const std::string& reasons) {
  if (reasons == "unused") return "unused";
  std::string out;
  for (const auto& s : moderation::SpamRules::ParseSignals(reasons)) {
    if (!out.empty()) out += "; ";
    out += s.code + " (" + std::to_string(s.points) + ")";
  }
  return out;
}

}  // namespace

const char* ToString(CleanupScope scope) {
  return scope == CleanupScope::kUnused ? "unused" : "spam";
}

std::optional<CleanupScope> ParseCleanupScope(const std::string& text) {
  if (text == "unused") return CleanupScope::kUnused;
  if (text == "spam") return CleanupScope::kSpam;
  return std::nullopt;
}

Result<ActivityMetrics> Cleanup::Metrics(const std::string& interval) {
  const std::string which = interval.empty() ? "month" : interval;
  if (which != "day" && which != "week" && which != "month") {
    return Invalid({{"interval", "invalid_interval", "Use day, week or month."}});
  }
  ActivityMetrics m;
  m.interval = which;
  RETURN_IF_ERROR(db_.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(c));
    m.threshold = s.spam_threshold;
    m.time_zone = s.time_zone.empty() ? "UTC" : s.time_zone;
    ASSIGN_OR_RETURN(cleanup_sql::Counts counts, cleanup_sql::CountActivity(c, m.threshold));
    m.total = counts.total;
    m.active = counts.active;
    m.unused = counts.total - counts.active;
    m.suspected_spam = counts.suspected_spam;
    // Buckets are the store's days, weeks and months, in its time zone.
    const LocalDays local(m.time_zone);
    const std::vector<int64_t> starts = BucketStarts(local.DayOf(clock_.NowMicros()), which);
    ASSIGN_OR_RETURN(auto slots, cleanup_sql::RegistrationSlots(c, local.MidnightOf(starts.front()),
                                                                m.threshold));
    for (int64_t day : starts) m.registrations.push_back({day, local.MidnightOf(day), 0, 0});
    for (const auto& slot : slots) {
      const int64_t day = BucketStart(local.DayOf(slot.start), which);
      auto it = std::lower_bound(m.registrations.begin(), m.registrations.end(), day,
                                 [](const RegistrationBucket& b, int64_t v) { return b.day < v; });
      if (it == m.registrations.end() || it->day != day) continue;
      it->registrations += slot.registrations;
      it->suspected_spam += slot.suspected_spam;
    }
    return OkStatus();
  }));
  std::map<std::string, std::string> params = {{"kind", kScanJob}, {"limit", "1"}};
  ASSIGN_OR_RETURN(jobs::JobPage scans, jobs_.List(params));
  if (!scans.items.empty()) m.last_scan = scans.items.front();
  return m;
}

Result<CandidatePage> Cleanup::Candidates(const std::map<std::string, std::string>& params) {
  std::vector<FieldError> errors;
  cleanup_sql::CandidateFilter filter;
  int limit = 50;
  std::optional<int64_t> before;
  bool scoped = false;
  for (const auto& [name, value] : params) {
    if (name == "scope") {
      if (auto s = ParseCleanupScope(value)) {
        filter.scope = *s;
        scoped = true;
      } else {
        errors.push_back({"scope", "invalid_scope", "Use unused or spam."});
        scoped = true;
      }
    } else if (name == "older_than_days") {
      if (value.empty()) continue;
      if (auto d = ReadDays(value, errors)) {
        filter.registered_before = clock_.NowMicros() - *d * kDayMicros;
      }
    } else if (name == "limit") {
      if (auto l = ReadPageSize(value, kMaxPage, errors)) limit = *l;
    } else if (name == "cursor") {
      if (value.empty()) continue;
      if (auto c = ReadCursor(value, "cleanup", errors)) before = c->id;
    } else {
      errors.push_back({name, "unknown_parameter", "This parameter is not known."});
    }
  }
  if (!scoped) errors.push_back({"scope", "required", "Choose unused or spam."});
  if (!errors.empty()) return Invalid(std::move(errors));
  return db_.Read([&](db::Connection& c) -> Result<CandidatePage> {
    ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(c));
    filter.threshold = s.spam_threshold;
    CandidatePage page;
    std::vector<int64_t> ids;
    ASSIGN_OR_RETURN(page.items, cleanup_sql::CandidatePage(c, filter, before, limit + 1, ids));
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      page.next_cursor = EncodeCursor({"cleanup", int64_t{0}, ids[limit - 1]});
    }
    ASSIGN_OR_RETURN(page.matching, cleanup_sql::CountCandidates(c, filter));
    return page;
  });
}

Result<jobs::Job> Cleanup::StartCleanup(const audit::Actor& actor, const std::string& actor_name,
                                        const CleanupRequest& request) {
  std::vector<FieldError> errors;
  if (request.older_than_days &&
      (*request.older_than_days < 1 || *request.older_than_days > 36500)) {
    errors.push_back(
        {"older_than_days", "invalid_days", "Use a whole number of days from 1 to 36500."});
  }
  if (request.ids.size() > kMaxChosen || request.except.size() > kMaxChosen) {
    errors.push_back({request.all ? "except" : "ids", "too_many",
                      "Choose at most 10,000 accounts one by one; for more, choose all."});
  }
  if (!request.all && request.ids.empty()) {
    errors.push_back({"ids", "nothing_chosen", "Choose the accounts to delete."});
  }
  if (request.confirm < 0) {
    errors.push_back({"confirm", "required", "Type the number of accounts to delete."});
  }
  if (!errors.empty()) return Error::Invalid("The cleanup cannot start.", std::move(errors));
  cleanup_sql::CandidateFilter filter;
  filter.scope = request.scope;
  const int64_t now = clock_.NowMicros();
  if (request.older_than_days)
    filter.registered_before = now - *request.older_than_days * kDayMicros;
  nlohmann::json params = {{"scope", ToString(request.scope)}, {"all", request.all}};
  if (request.older_than_days) params["older_than_days"] = *request.older_than_days;
  return jobs_.Start(
      actor, actor_name, kCleanupJob, params, 0,
      [&](db::Connection& tx, int64_t job_id) -> Result<int64_t> {
        ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(tx));
        filter.threshold = s.spam_threshold;
        ASSIGN_OR_RETURN(int64_t chosen, cleanup_sql::InsertItems(tx, job_id, filter, request.all,
                                                                  request.ids, request.except));
        if (chosen == 0) {
          const char* msg = "None of the chosen accounts can be cleaned up now.";
          return Error::Invalid(msg, {{"ids", "nothing_chosen", msg}});
        }
        if (chosen != request.confirm) {
          std::string msg = std::to_string(chosen) +
                            (chosen == 1 ? " account is" : " accounts are") + " chosen now; type " +
                            std::to_string(chosen) + " to delete them.";
          return Error::Invalid(msg, {{"confirm", "count_mismatch", msg}});
        }
        return chosen;
      });
}

jobs::Kind Cleanup::CleanupJobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kEraseCustomers;
  kind.exclusive = true;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) {
    return CleanupChunk(tx, job);
  };
  // Erased text must not linger in the write-ahead log either.
  kind.on_ended = [this](const jobs::Job&) { erasure_.Checkpoint(); };
  return kind;
}

Result<jobs::ChunkOutcome> Cleanup::CleanupChunk(db::Connection& tx, const jobs::Job& job) {
  int64_t after = 0;
  std::from_chars(job.checkpoint.data(), job.checkpoint.data() + job.checkpoint.size(), after);
  ASSIGN_OR_RETURN(std::vector<cleanup_sql::Item> items,
                   cleanup_sql::ItemsAfter(tx, job.id, after, kCleanupChunk));
  std::vector<int64_t> ids;
  for (const auto& it : items) ids.push_back(it.customer_id);
  ASSIGN_OR_RETURN(auto holdings, cleanup_sql::HoldingsOf(tx, ids));
  ASSIGN_OR_RETURN(std::vector<customers::Customer> found, customers::Service::FindByIds(tx, ids));
  std::map<int64_t, const customers::Customer*> by_id;
  for (const auto& c : found) by_id[c.id] = &c;
  const bool unused_scope = job.params.value("scope", "spam") == "unused";
  const audit::Actor actor = JobActor(job);
  const int64_t now = clock_.NowMicros();
  jobs::ChunkOutcome out;
  out.result = job.result;
  if (!out.result.contains("deleted")) out.result["deleted"] = 0;
  if (!out.result.contains("kept")) out.result["kept"] = nlohmann::json::object();
  std::vector<const customers::Customer*> doomed;
  for (auto& it : items) {
    it.processed_at = now;
    auto c = by_id.find(it.customer_id);
    auto h = holdings.find(it.customer_id);
    if (c == by_id.end() || h == holdings.end()) {
      it.kept_reason = "gone";
    } else if (h->second.orders) {
      it.kept_reason = "has_orders";
    } else if (h->second.money) {
      it.kept_reason = "has_money";
    } else if (unused_scope && h->second.active) {
      it.kept_reason = "now_active";
    }
    if (!it.kept_reason.empty()) {
      it.outcome = "kept";
      auto& kept = out.result["kept"];
      kept[it.kept_reason] = kept.value(it.kept_reason, int64_t{0}) + 1;
      continue;
    }
    doomed.push_back(c->second);
    it.outcome = "deleted";
  }
  ASSIGN_OR_RETURN(bool queued,
                   erasure_.EraseInTransaction(tx, actor, doomed, Erasure::Notice::kNone,
                                               {{"cleanup", job.public_id}}, now));
  (void)queued;
  const auto deleted = static_cast<int64_t>(doomed.size());
  RETURN_IF_ERROR(cleanup_sql::MarkItems(tx, job.id, items));
  out.result["deleted"] = out.result["deleted"].get<int64_t>() + deleted;
  out.done = job.done + static_cast<int64_t>(items.size());
  out.total = std::max(job.total, out.done);
  out.checkpoint = items.empty() ? job.checkpoint : std::to_string(items.back().position);
  out.finished = items.size() < static_cast<size_t>(kCleanupChunk);
  return out;
}

Result<std::string> Cleanup::ReportCsv(const std::string& job_id) {
  ASSIGN_OR_RETURN(jobs::Job job, jobs_.Get(job_id));
  if (job.kind != kCleanupJob) return Error::NotFound("job_not_found", "There is no such cleanup.");
  formats::CsvWriter csv;
  csv.Row({"customer_id", "outcome", "reasons", "kept_because", "processed_at"});
  RETURN_IF_ERROR(db_.Read([&](db::Connection& c) -> Status {
    int64_t after = 0;
    for (;;) {
      ASSIGN_OR_RETURN(auto items, cleanup_sql::ItemsAfter(c, job.id, after, 5000));
      for (const auto& it : items) {
        const std::string outcome = it.outcome == "pending" ? "not_processed" : it.outcome;
        csv.Row({it.public_id, outcome, ReasonText(it.reasons), it.kept_reason,
                 it.processed_at ? FormatInstant(*it.processed_at) : ""});
      }
      if (items.size() < 5000) return OkStatus();
      after = items.back().position;
    }
  }));
  return csv.Take();
}

Result<std::vector<Offender>> Cleanup::Offenders(int limit) {
  ASSIGN_OR_RETURN(
      auto registrations,
      db_.Read([&](db::Connection& c) -> Result<std::vector<cleanup_sql::Registration>> {
        ASSIGN_OR_RETURN(settings::Settings s, settings::Service::Read(c));
        return cleanup_sql::SpamRegistrations(c, s.spam_threshold);
      }));
  std::map<std::string, Offender> by_subnet;
  std::map<std::string, std::map<std::string, int64_t>> ips;
  for (const auto& r : registrations) {
    const std::string subnet = moderation::SubnetOf(r.ip);
    if (subnet.empty()) continue;
    Offender& o = by_subnet[subnet];
    o.subnet = subnet;
    ++o.accounts;
    o.last_registered_at = std::max(o.last_registered_at, r.registered_at);
    ++ips[subnet][r.ip];
  }
  std::vector<Offender> out;
  for (auto& [subnet, o] : by_subnet) {
    if (o.accounts < 2) continue;
    for (const auto& [ip, n] : ips[subnet]) o.ips.emplace_back(ip, n);
    std::sort(o.ips.begin(), o.ips.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    if (o.ips.size() > 5) o.ips.resize(5);
    out.push_back(std::move(o));
  }
  std::sort(out.begin(), out.end(), [](const Offender& a, const Offender& b) {
    return a.accounts != b.accounts ? a.accounts > b.accounts : a.subnet < b.subnet;
  });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  // Which are blocked already: an IP entry of the blacklist covering the network, or its
  // busiest address.
  ASSIGN_OR_RETURN(auto entries, blacklist_.List("", "ip"));
  for (auto& o : out) {
    auto network = ParseIpRange(o.subnet);
    auto busiest = ParseIpRange(o.ips.front().first);
    for (const auto& e : entries) {
      auto range = ParseIpRange(e.value);
      if (!range) continue;
      const bool covers_network =
          network && range->Contains(*network) && range->bits <= network->bits;
      const bool covers_busiest = busiest && range->Contains(*busiest);
      if (covers_network || covers_busiest) {
        o.blocked_by = e;
        break;
      }
    }
  }
  return out;
}

}  // namespace clientele::flows
