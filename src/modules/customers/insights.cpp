#include "modules/customers/insights.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include "modules/customers/insights_store.hpp"
#include "modules/customers/service.hpp"
#include "modules/customers/store.hpp"
#include "modules/settings/service.hpp"

namespace clientele::customers {

namespace {

// Customers scored per chunk of the rfm job: one transaction each.
constexpr int kRfmChunk = 50'000;

// The month (year × 12 + month − 1) of a local day, and the local day a month begins.
int64_t MonthOfDay(int64_t day) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days(days(day))};
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) -
         1;
}
int64_t FirstDayOfMonth(int64_t month) {
  using namespace std::chrono;
  const year_month_day ymd{year(static_cast<int>(month / 12)),
                           std::chrono::month(static_cast<unsigned>(month % 12 + 1)), day(1)};
  return sys_days(ymd).time_since_epoch().count();
}
std::string MonthName(int64_t month) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", static_cast<int>(month / 12),
                static_cast<int>(month % 12 + 1));
  return out;
}

}  // namespace

RfmBounds QuintileBounds(std::vector<int64_t> values) {
  RfmBounds bounds;
  bounds.fill(kNoBound);
  const int64_t n = static_cast<int64_t>(values.size());
  if (n == 0) return bounds;
  std::sort(values.begin(), values.end());
  for (int k = 2; k <= 5; ++k) {
    // Score k or more needs rank − 1 >= t: more than t − 1 values below, so the first value
    // above the t-th smallest (values equal to it share its rank).
    const int64_t t = ((k - 1) * n + 4) / 5;
    const int64_t below = values[t - 1];
    const auto above = std::upper_bound(values.begin(), values.end(), below);
    bounds[k - 2] = above == values.end() ? kNoBound : *above;
  }
  return bounds;
}

int ScoreOf(const RfmBounds& bounds, int64_t value) {
  int score = 1;
  for (int64_t b : bounds) score += b != kNoBound && value >= b ? 1 : 0;
  return score;
}

Status InsightsService::PlaceRfm(db::Connection& tx, int64_t customer_id) {
  ASSIGN_OR_RETURN(std::optional<RfmState> state, store::ReadRfmState(tx));
  if (!state) return OkStatus();
  return store::ScoreRange(tx, *state, customer_id, customer_id);
}

Result<jobs::Job> InsightsService::StartRfm(jobs::Service& jobs, const audit::Actor& actor,
                                            const std::string& actor_name) {
  ASSIGN_OR_RETURN(int64_t total, db_.Read([](db::Connection& c) { return Service::CountAll(c); }));
  return jobs.Start(actor, actor_name, kRfmJob, nlohmann::json::object(), total);
}

Result<std::optional<jobs::Job>> InsightsService::StartRfmIfDue(jobs::Service& jobs) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(bool due, db_.Read([&](db::Connection& c) -> Result<bool> {
    ASSIGN_OR_RETURN(std::optional<RfmState> state, store::ReadRfmState(c));
    if (state) return state->computed_at < now - kRfmMaxAge;
    return store::AnyOrders(c);
  }));
  if (!due) return std::optional<jobs::Job>();
  auto job = StartRfm(jobs, audit::Actor{}, "");
  if (!job.ok() && job.error().slug == "job_running") return std::optional<jobs::Job>();
  if (!job.ok()) return job.error();
  return std::optional<jobs::Job>(std::move(*job));
}

jobs::Kind InsightsService::RfmJobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kEditCustomers;
  kind.exclusive = true;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) -> Result<jobs::ChunkOutcome> {
    jobs::ChunkOutcome out;
    out.result = job.result;
    out.done = job.done;
    out.total = job.total;
    if (job.checkpoint.empty()) {
      // First chunk: the bounds, from every customer with orders; the scores follow by id.
      ASSIGN_OR_RETURN(store::RfmValues values, store::ReadRfmValues(tx));
      RfmState state;
      state.computed_at = clock_.NowMicros();
      out.result["scored"] = static_cast<int64_t>(values.recency.size());
      state.recency = QuintileBounds(std::move(values.recency));
      state.frequency = QuintileBounds(std::move(values.frequency));
      state.monetary = QuintileBounds(std::move(values.monetary));
      RETURN_IF_ERROR(store::WriteRfmState(tx, state));
      out.checkpoint.assign(1, '0');  // scores follow from the first id
      return out;
    }
    int64_t after = 0;
    std::from_chars(job.checkpoint.data(), job.checkpoint.data() + job.checkpoint.size(), after);
    ASSIGN_OR_RETURN(std::vector<int64_t> ids, Service::IdsAfter(tx, after, kRfmChunk));
    ASSIGN_OR_RETURN(std::optional<RfmState> state, store::ReadRfmState(tx));
    if (!ids.empty() && state) {
      RETURN_IF_ERROR(store::ScoreRange(tx, *state, ids.front(), ids.back()));
      out.checkpoint = std::to_string(ids.back());
    } else {
      out.checkpoint = job.checkpoint;
    }
    out.done += static_cast<int64_t>(ids.size());
    out.total = std::max(out.total, out.done);
    out.finished = static_cast<int>(ids.size()) < kRfmChunk;
    if (out.finished) out.total = out.done;
    return out;
  };
  return kind;
}

Result<Insights> InsightsService::Read() {
  const int64_t now = clock_.NowMicros();
  return db_.Read([&](db::Connection& c) -> Result<Insights> {
    Insights out;
    out.now = now;
    ASSIGN_OR_RETURN(settings::Settings store_settings, settings::Service::Read(c));
    const LocalDays days(store_settings.time_zone);
    // The last kMonths months of the store's calendar, this one included, and the next start.
    const int64_t this_month = MonthOfDay(days.DayOf(now));
    std::vector<int64_t> starts;
    for (int64_t m = this_month - kMonths + 1; m <= this_month + 1; ++m) {
      starts.push_back(days.MidnightOf(FirstDayOfMonth(m)));
    }
    for (int i = 0; i < kMonths; ++i) {
      Insights::Month month;
      month.month = MonthName(this_month - kMonths + 1 + i);
      ASSIGN_OR_RETURN(month.registrations, store::CountRegistered(c, starts[i], starts[i + 1]));
      out.months.push_back(std::move(month));
    }

    ASSIGN_OR_RETURN(std::vector<store::InsightCell> cells,
                     store::CountInsightCells(c, now, starts));
    std::map<std::string, int64_t> by_level, by_group;
    for (const auto& cell : cells) {
      by_level[cell.activity] += cell.customers;
      if (!cell.rfm_group.empty()) {
        by_group[cell.rfm_group] += cell.customers;
      } else if (cell.has_orders) {
        out.without_scores += cell.customers;
      }
      if (cell.month >= 0 && cell.month < kMonths)
        out.months[cell.month].first_orders += cell.customers;
    }
    for (auto level : kActivityLevels)
      out.activity.emplace_back(level, by_level[std::string(level)]);
    for (auto group : kRfmGroups) out.rfm.emplace_back(group, by_group[std::string(group)]);

    // Cohorts: each customer counted once per month after the first in which they ordered.
    for (int i = 0; i < kMonths; ++i) {
      Insights::Cohort cohort;
      cohort.month = out.months[i].month;
      cohort.customers = out.months[i].first_orders;
      cohort.buying.assign(kMonths - i, 0);
      out.cohorts.push_back(std::move(cohort));
    }
    ASSIGN_OR_RETURN(std::vector<store::CohortCell> cohort_cells, store::CountCohorts(c, starts));
    for (const auto& cell : cohort_cells) {
      const int first = cell.first_month, after = cell.order_month - cell.first_month;
      if (first < 0 || first >= kMonths || after < 0 || first + after >= kMonths) continue;
      out.cohorts[first].buying[after] = cell.customers;
    }

    ASSIGN_OR_RETURN(std::vector<std::string> top, store::TopAtRisk(c, now, kTopAtRisk));
    for (const auto& id : top) {
      ASSIGN_OR_RETURN(std::optional<Customer> customer, store::FindByPublicId(c, id));
      if (customer) out.at_risk.push_back(std::move(*customer));
    }
    ASSIGN_OR_RETURN(std::optional<RfmState> state, store::ReadRfmState(c));
    if (state) out.rfm_computed_at = state->computed_at;
    return out;
  });
}

}  // namespace clientele::customers
