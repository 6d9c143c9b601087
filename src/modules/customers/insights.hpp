// Retention insights: RFM scores (recency, frequency and monetary value, 1–5 by quintiles over
// the customers with orders), recomputed by the rfm job and placed after each order by the bounds
// of the last recomputation; and the Insights page's figures — customers by activity level and
// RFM group, registrations and first orders per month, cohorts of first orders still buying N
// months later, and the at-risk customers who spent most. Thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/model.hpp"
#include "modules/jobs/service.hpp"

namespace clientele::customers {

// The least value that earns scores 2, 3, 4 and 5 (kNoBound: no value does).
using RfmBounds = std::array<int64_t, 4>;
inline constexpr int64_t kNoBound = INT64_MAX;
// Quintile bounds of `values` (any order): a value's score is 1 + floor(5 × (rank − 1) / n),
// its rank 1 + the number of smaller values, so equal values score alike.
RfmBounds QuintileBounds(std::vector<int64_t> values);
// 1 + the number of bounds at or below `value`.
int ScoreOf(const RfmBounds& bounds, int64_t value);

struct RfmState {
  RfmBounds recency{}, frequency{}, monetary{};  // of last_order_at, orders_count, total_spent
  int64_t computed_at = 0;
};

struct Insights {
  int64_t now = 0;
  std::optional<int64_t> rfm_computed_at;
  std::vector<std::pair<std::string, int64_t>> activity;  // every level, in kActivityLevels order
  std::vector<std::pair<std::string, int64_t>> rfm;       // every group, in kRfmGroups order
  int64_t without_scores = 0;                             // customers with orders, not scored
  struct Month {
    std::string month;  // "2026-07", in the store's time zone
    int64_t registrations = 0, first_orders = 0;
  };
  std::vector<Month> months;  // the last 12, oldest first
  struct Cohort {
    std::string month;  // of the first orders
    int64_t customers = 0;
    std::vector<int64_t> buying;  // [n]: customers with an order n months after the first month
  };
  std::vector<Cohort> cohorts;    // the same 12 months
  std::vector<Customer> at_risk;  // the top kTopAtRisk at risk by total spent
};

class InsightsService {
 public:
  static constexpr const char* kRfmJob = "rfm_scores";
  static constexpr int kTopAtRisk = 10;
  static constexpr int kMonths = 12;
  // The scores are recomputed when older than this (the maintenance loop checks).
  static constexpr int64_t kRfmMaxAge = int64_t{24} * 3600 * 1'000'000;

  InsightsService(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Insights> Read();

  // Queues the recomputation of every customer's scores. Errors: kFailedPrecondition
  // "job_running".
  Result<jobs::Job> StartRfm(jobs::Service& jobs, const audit::Actor& actor,
                             const std::string& actor_name);
  // Queues it when the scores are older than kRfmMaxAge, or were never computed while
  // customers have orders; nullopt when not due or already queued.
  Result<std::optional<jobs::Job>> StartRfmIfDue(jobs::Service& jobs);
  jobs::Kind RfmJobKind();

  // Scores one customer by the stored bounds, on the caller's transaction (after its order
  // statistics changed). No scores without orders or before the first recomputation.
  static Status PlaceRfm(db::Connection& tx, int64_t customer_id);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::customers
