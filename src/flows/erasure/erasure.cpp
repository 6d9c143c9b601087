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
    ASSIGN_OR_RETURN(queued, EraseInTransaction(tx, actor, c, Notice::kSend, {}, now));
    return OkStatus();
  });
  if (!erased.ok()) return erased;
  if (queued) messages_.NotifyQueued();
  Checkpoint();
  return OkStatus();
}

Result<bool> Erasure::EraseInTransaction(db::Connection& tx, const audit::Actor& actor,
                                         const customers::Customer& c, Notice notice,
                                         const nlohmann::json& audit_extra, int64_t now) {
  int64_t notice_id = 0;
  if (notice == Notice::kSend && !c.email.empty()) {
    ASSIGN_OR_RETURN(messages::Message m,
                     messages_.Queue(tx, actor, c, "account_deleted", {}, now));
    notice_id = m.id;
  }
  RETURN_IF_ERROR(messages::Service::EraseCustomer(tx, c.id, notice_id));
  if (!c.email_key.empty()) {
    RETURN_IF_ERROR(throttle::Throttle::Forget(
        tx, {"shopper:" + c.email_key, "resend:" + c.email_key, "forgot:" + c.email_key,
             "register:" + c.email_key, "guest:" + c.email_key, "account:" + c.email_key}));
  }
  RETURN_IF_ERROR(
      throttle::Throttle::Forget(tx, {"email-change:" + c.public_id, "sms:" + c.public_id}));
  RETURN_IF_ERROR(audit::EraseCustomer(tx, c.public_id));
  // The history of the accounts merged into this one is about the same person.
  ASSIGN_OR_RETURN(std::vector<std::string> merged, customers::Service::MergedIds(tx, c.id));
  for (const auto& id : merged) RETURN_IF_ERROR(audit::EraseCustomer(tx, id));
  // The orders stay for the books, without the addresses on them.
  RETURN_IF_ERROR(orders::Service::EraseCustomer(tx, c.id));
  RETURN_IF_ERROR(customers::Service::EraseInTransaction(tx, c));
  nlohmann::json changes = {{"erased", true}};
  if (audit_extra.is_object()) changes.update(audit_extra);
  RETURN_IF_ERROR(
      audit::Record(tx, actor, {"customer.deleted", "customer", c.public_id, changes}, now));
  return notice_id != 0;
}

void Erasure::Checkpoint() {
  // Erased text must not linger in the write-ahead log either.
  if (Status s = db_.Checkpoint(); !s.ok()) {
    spdlog::warn("event=checkpoint_failed what={}", s.error().message);
  }
}

}  // namespace clientele::flows
