#include "flows/erasure/erasure.hpp"

#include <spdlog/spdlog.h>

#include "core/contact.hpp"
#include "core/text.hpp"
#include "modules/customers/service.hpp"
#include "modules/orders/service.hpp"
#include "modules/throttle/service.hpp"

namespace clientele::flows {

Status Erasure::Erase(const audit::Actor& actor, const std::string& customer_id,
                      const std::string& confirm) {
  const int64_t now = clock_.NowMicros();
  bool queued = false;
  Status erased = db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer c, customers::Service::Find(tx, customer_id));
    const std::string typed = Trim(confirm);
    auto typed_email = ParseEmail(typed);
    const bool confirmed = c.email_key.empty()
                               ? typed == c.public_id
                               : typed_email.ok() && typed_email->key == c.email_key;
    if (!confirmed) {
      std::string msg = c.email_key.empty() ? "Type the customer's id to confirm."
                                            : "Type the customer's e-mail address to confirm.";
      return Error::Invalid(msg, {{"confirm", "confirmation_mismatch", msg}});
    }
    ASSIGN_OR_RETURN(queued, EraseInTransaction(tx, actor, {&c}, Notice::kSend, {}, now));
    return OkStatus();
  });
  if (!erased.ok()) return erased;
  if (queued) messages_.NotifyQueued();
  Checkpoint();
  return OkStatus();
}

Result<bool> Erasure::EraseInTransaction(db::Connection& tx, const audit::Actor& actor,
                                         const std::vector<const customers::Customer*>& customers,
                                         Notice notice, const nlohmann::json& audit_extra,
                                         int64_t now) {
  std::vector<int64_t> notices;
  std::vector<int64_t> ids;
  std::vector<std::string> public_ids;
  std::vector<std::string> throttle_keys;
  for (const customers::Customer* c : customers) {
    if (notice == Notice::kSend && !c->email.empty()) {
      ASSIGN_OR_RETURN(messages::Message m,
                       messages_.Queue(tx, actor, *c, "account_deleted", {}, now));
      notices.push_back(m.id);
    }
    ids.push_back(c->id);
    public_ids.push_back(c->public_id);
    if (!c->email_key.empty()) {
      for (const char* scope :
           {"shopper:", "resend:", "forgot:", "register:", "guest:", "account:"})
        throttle_keys.push_back(scope + c->email_key);
    }
    throttle_keys.push_back("email-change:" + c->public_id);
    throttle_keys.push_back("sms:" + c->public_id);
  }
  RETURN_IF_ERROR(messages::Service::EraseCustomers(tx, ids, notices));
  RETURN_IF_ERROR(throttle::Throttle::Forget(tx, throttle_keys));
  // The history of the accounts merged into these is about the same people.
  ASSIGN_OR_RETURN(std::vector<std::string> merged, customers::Service::MergedIds(tx, ids));
  RETURN_IF_ERROR(audit::EraseCustomers(tx, public_ids));
  RETURN_IF_ERROR(audit::EraseCustomers(tx, merged));
  // The orders stay for the books, without the addresses on them.
  RETURN_IF_ERROR(orders::Service::EraseCustomers(tx, ids));
  RETURN_IF_ERROR(customers::Service::EraseInTransaction(tx, ids));
  nlohmann::json changes = {{"erased", true}};
  if (audit_extra.is_object()) changes.update(audit_extra);
  for (const std::string& id : public_ids) {
    RETURN_IF_ERROR(audit::Record(tx, actor, {"customer.deleted", "customer", id, changes}, now));
  }
  return !notices.empty();
}

void Erasure::Checkpoint() {
  // Erased text must not linger in the write-ahead log either.
  if (Status s = db_.Checkpoint(); !s.ok()) {
    spdlog::warn("event=checkpoint_failed what={}", s.error().message);
  }
}

}  // namespace clientele::flows
