#include "modules/moderation/store.hpp"

namespace clientele::moderation::store {

Status InsertBan(db::Connection& c, int64_t customer_id, const std::string& reason,
                 const std::string& note, const std::string& actor_type,
                 const std::string& actor_id, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO customer_bans (customer_id, reason, note, actor_type,"
                " actor_id, banned_at) VALUES ($1, $2, $3, $4, $5, $6)",
                {customer_id, reason, note, actor_type, actor_id, now}));
  return OkStatus();
}

Status DeleteBan(db::Connection& c, int64_t customer_id) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_bans WHERE customer_id = $1", {customer_id}));
  return OkStatus();
}

}  // namespace clientele::moderation::store
