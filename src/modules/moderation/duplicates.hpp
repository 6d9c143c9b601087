// Likely duplicate accounts: pairs of customers that share a normalised e-mail address (case,
// Gmail dots and "+tags" aside), a phone number, or a name with the postal code or city of a
// default address, each pair with a score from 0 to 1 and the reasons. Pairs an admin
// dismissed are remembered and never shown again. Merging them is the merge flow's. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/model.hpp"

namespace clientele::moderation {

struct DuplicateReason {
  std::string code;  // same_email, similar_email, same_phone, same_name_postal_code, same_name_city
  double score = 0;
};

struct Candidate {
  customers::Customer a, b;  // a: the customer asked about (profile) or the older one (list)
  double score = 0;          // 1 - Π(1 - reason score)
  std::vector<DuplicateReason> reasons;
};

struct CandidateList {
  std::vector<Candidate> items;  // best first
  int64_t pairs_found = 0;
};

// The combined score of independent reasons.
double CombinedScore(const std::vector<DuplicateReason>& reasons);
inline constexpr double kMinScore = 0.5;  // below this a pair is not shown

class Duplicates {
 public:
  Duplicates(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The customer's likely duplicates. Errors: kNotFound "customer_not_found".
  Result<std::vector<Candidate>> Of(const std::string& customer_id);
  // Every likely duplicate pair in the store, best first, at most `limit` of them. Groups of
  // more than 20 customers sharing a key are left out (an office phone, a very common name).
  Result<CandidateList> All(int limit);
  // Remembers that two customers are not duplicates. Audited on both. Errors: kNotFound,
  // kInvalidArgument "customers" (not two different customers).
  Status Dismiss(const audit::Actor& actor, const std::string& a, const std::string& b);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::moderation
