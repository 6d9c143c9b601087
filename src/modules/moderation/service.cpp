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

Result<std::string> Service::CheckNote(BanReason reason, const std::string& note) {
  std::string clean_note = Trim(note);
  if (CodePointCount(clean_note) > kMaxNote || !IsCleanUtf8(clean_note, true)) {
    std::string msg = "A note is at most 500 characters.";
    return Error::Invalid(msg, {{"note", "too_long", msg}});
  }
  if (reason == BanReason::kOther && clean_note.empty()) {
    std::string msg = "Say why: the customer reads it in the e-mail.";
    return Error::Invalid(msg, {{"note", "required", msg}});
  }
  return clean_note;
}

Result<customers::Customer> Service::BanIn(db::Connection& tx, const audit::Actor& actor,
                                           const std::string& customer_id, BanReason reason,
                                           const std::string& clean_note,
                                           std::optional<int64_t> if_version, int64_t now) {
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
}

Result<customers::Customer> Service::BanImportedIn(db::Connection& tx, const audit::Actor& actor,
                                                   const customers::Customer& current,
                                                   int64_t now) {
  if (current.status == customers::AccountStatus::kBanned) {
    return Error::Precondition("already_banned", "This customer is banned already.");
  }
  const std::string note = "Banned in the store the customer was imported from.";
  RETURN_IF_ERROR(store::InsertBan(tx, current.id, ToString(BanReason::kOther), note, actor.type,
                                   actor.id, now));
  return customers_.SetStatusInTransaction(
      tx, actor, current, customers::AccountStatus::kBanned, "customer.banned",
      {{"reason", ToString(BanReason::kOther)}, {"note", note}}, now);
}

Result<customers::Customer> Service::LiftBanIn(db::Connection& tx, const audit::Actor& actor,
                                               const std::string& customer_id,
                                               std::optional<int64_t> if_version, int64_t now) {
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
}

Result<customers::Customer> Service::Ban(const audit::Actor& actor, const std::string& customer_id,
                                         BanReason reason, const std::string& note,
                                         std::optional<int64_t> if_version) {
  ASSIGN_OR_RETURN(std::string clean_note, CheckNote(reason, note));
  const int64_t now = clock_.NowMicros();
  auto banned = db_.Transaction([&](db::Connection& tx) {
    return BanIn(tx, actor, customer_id, reason, clean_note, if_version, now);
  });
  if (banned.ok()) messages_.NotifyQueued();
  return banned;
}

Result<customers::Customer> Service::LiftBan(const audit::Actor& actor,
                                             const std::string& customer_id,
                                             std::optional<int64_t> if_version) {
  const int64_t now = clock_.NowMicros();
  auto lifted = db_.Transaction(
      [&](db::Connection& tx) { return LiftBanIn(tx, actor, customer_id, if_version, now); });
  if (lifted.ok()) messages_.NotifyQueued();
  return lifted;
}

Result<db::BulkOutcome> Service::BulkBan(const audit::Actor& actor,
                                         const std::vector<std::string>& ids, BanReason reason,
                                         const std::string& note) {
  ASSIGN_OR_RETURN(std::string clean_note, CheckNote(reason, note));
  const int64_t now = clock_.NowMicros();
  auto out =
      db::RunBulk(db_, ids, [&](db::Connection& tx, const std::string& id) -> Result<std::string> {
        RETURN_IF_ERROR(BanIn(tx, actor, id, reason, clean_note, std::nullopt, now));
        return std::string("banned");
      });
  if (out.ok() && !out->done.empty()) messages_.NotifyQueued();
  return out;
}

Result<db::BulkOutcome> Service::BulkLiftBan(const audit::Actor& actor,
                                             const std::vector<std::string>& ids) {
  const int64_t now = clock_.NowMicros();
  auto out =
      db::RunBulk(db_, ids, [&](db::Connection& tx, const std::string& id) -> Result<std::string> {
        RETURN_IF_ERROR(LiftBanIn(tx, actor, id, std::nullopt, now));
        return std::string("lifted");
      });
  if (out.ok() && !out->done.empty()) messages_.NotifyQueued();
  return out;
}

}  // namespace clientele::moderation
