#include "modules/moderation/service.hpp"

#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/moderation/store.hpp"

namespace clientele::moderation {
namespace {

Error Stale() {
  return Error::Precondition("stale_version",
                             "Someone changed this customer since you loaded it; reload first.");
}

}  // namespace

Result<customers::Customer> Service::Ban(const audit::Actor& actor, const std::string& customer_id,
                                         BanReason reason, const std::string& note,
                                         std::optional<int64_t> if_version) {
  const std::string clean_note = Trim(note);
  if (CodePointCount(clean_note) > kMaxNote || !IsCleanUtf8(clean_note, true)) {
    std::string msg = "A note is at most 500 characters.";
    return Error::Invalid(msg, {{"note", "too_long", msg}});
  }
  if (reason == BanReason::kOther && clean_note.empty()) {
    std::string msg = "Say why: the customer reads it in the e-mail.";
    return Error::Invalid(msg, {{"note", "required", msg}});
  }
  const int64_t now = clock_.NowMicros();
  auto banned = db_.Transaction([&](db::Connection& tx) -> Result<customers::Customer> {
    ASSIGN_OR_RETURN(customers::Customer current, customers::Service::Find(tx, customer_id));
    if (if_version && *if_version != current.version) return Stale();
    if (current.status == customers::AccountStatus::kBanned) {
      return Error::Precondition("already_banned", "This customer is banned already.");
    }
    RETURN_IF_ERROR(
        store::InsertBan(tx, current.id, ToString(reason), clean_note, actor.type, actor.id, now));
    ASSIGN_OR_RETURN(customers::Customer next,
                     customers_.SetStatusInTransaction(
                         tx, actor, current, customers::AccountStatus::kBanned, "customer.banned",
                         {{"reason", ToString(reason)}, {"note", clean_note}}, now));
    if (!next.email.empty()) {
      const std::string text = clean_note.empty() ? std::string(Label(reason))
                               : reason == BanReason::kOther
                                   ? clean_note
                                   : std::string(Label(reason)) + ". " + clean_note;
      RETURN_IF_ERROR(messages_.Queue(tx, actor, next, "ban_notice", {{"reason", text}}, now));
    }
    return next;
  });
  if (banned.ok()) messages_.NotifyQueued();
  return banned;
}

Result<customers::Customer> Service::LiftBan(const audit::Actor& actor,
                                             const std::string& customer_id,
                                             std::optional<int64_t> if_version) {
  const int64_t now = clock_.NowMicros();
  auto lifted = db_.Transaction([&](db::Connection& tx) -> Result<customers::Customer> {
    ASSIGN_OR_RETURN(customers::Customer current, customers::Service::Find(tx, customer_id));
    if (if_version && *if_version != current.version) return Stale();
    if (current.status != customers::AccountStatus::kBanned) {
      return Error::Precondition("not_banned", "This customer is not banned.");
    }
    RETURN_IF_ERROR(store::DeleteBan(tx, current.id));
    ASSIGN_OR_RETURN(
        customers::Customer next,
        customers_.SetStatusInTransaction(tx, actor, current, customers::AccountStatus::kActive,
                                          "customer.ban_lifted", {}, now));
    if (!next.email.empty()) {
      RETURN_IF_ERROR(messages_.Queue(tx, actor, next, "ban_lifted", {}, now));
    }
    return next;
  });
  if (lifted.ok()) messages_.NotifyQueued();
  return lifted;
}

}  // namespace clientele::moderation
