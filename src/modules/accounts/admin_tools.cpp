// The admin's tools on a customer's account: login e-mails, password resets and temporary
// passwords, second-factor management and sessions. Each is audited in its transaction.
#include <sodium.h>

#include "core/contact.hpp"
#include "core/ids.hpp"
#include "db/bulk.hpp"
#include "modules/accounts/internal.hpp"
#include "modules/accounts/service.hpp"
#include "modules/accounts/store.hpp"
#include "modules/customers/service.hpp"

namespace clientele::accounts {
namespace {

constexpr int64_t kInvitationMicros = 7LL * 24 * 3600 * 1000000;  // 7 days

// 16 characters from an alphabet without look-alikes, in groups of four: about 78 bits.
std::string NewTemporaryPassword() {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
  }
  return out;
}

}  // namespace

Result<customers::Customer> Service::ToolTarget(db::Connection& tx, const std::string& customer_id,
                                                int64_t now, bool mails) {
  ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
  if (customer.kind != customers::Kind::kRegistered) {
    return Error::Precondition("guest_record",
                               "A guest checkout record has no account; convert it first.");
  }
  if (customer.status == customers::AccountStatus::kBanned) {
    return Error::Precondition("customer_banned", "This customer is banned; lift the ban first.");
  }
  if (mails && customer.email.empty()) {
    return Error::Precondition("customer_has_no_email",
                               "This customer has no e-mail address; add one first.");
  }
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, customer.id));
  if (!account) {
    RETURN_IF_ERROR(store::InsertAccount(tx, customer.id, "", now));
  }
  return customer;
}

Result<std::string> Service::LoginEmailIn(db::Connection& tx, const audit::Actor& actor,
                                          const std::string& customer_id, int64_t now) {
  ASSIGN_OR_RETURN(customers::Customer customer, ToolTarget(tx, customer_id, now, true));
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, customer.id));
  std::string kind;
  if (account->password_hash.empty()) {
    kind = "invitation";
    ASSIGN_OR_RETURN(std::string token, NewLink(tx, customer.id, "reset_password",
                                                customer.email_key, kInvitationMicros, now));
    RETURN_IF_ERROR(messages_.Queue(tx, actor, customer, "invitation",
                                    {{"link", LinkUrl("/account/reset-password", token)}}, now));
  } else {
    kind = "sign_in_instructions";
    RETURN_IF_ERROR(messages_.Queue(tx, actor, customer, "welcome",
                                    {{"link", public_url_ + "/account/"}}, now));
  }
  RETURN_IF_ERROR(audit::Record(
      tx, actor, {"customer.login_email_sent", "customer", customer.public_id, {{"kind", kind}}},
      now));
  return kind;
}

Result<std::string> Service::SendLoginEmail(const audit::Actor& actor,
                                            const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  auto sent = db_.Transaction(
      [&](db::Connection& tx) { return LoginEmailIn(tx, actor, customer_id, now); });
  if (sent.ok()) messages_.NotifyQueued();
  return sent;
}

Result<customers::Customer> Service::ConvertGuestIn(db::Connection& tx, const audit::Actor& actor,
                                                    const std::string& customer_id, int64_t now) {
  ASSIGN_OR_RETURN(customers::Customer guest, customers::Service::Find(tx, customer_id));
  if (guest.status == customers::AccountStatus::kBanned) {
    return Error::Precondition("customer_banned", "This customer is banned; lift the ban first.");
  }
  ASSIGN_OR_RETURN(customers::Customer account,
                   customers_.MakeRegisteredInTransaction(tx, actor, guest, now));
  RETURN_IF_ERROR(store::InsertAccount(tx, account.id, "", now));
  ASSIGN_OR_RETURN(std::string token, NewLink(tx, account.id, "reset_password", account.email_key,
                                              kInvitationMicros, now));
  RETURN_IF_ERROR(messages_.Queue(tx, actor, account, "invitation",
                                  {{"link", LinkUrl("/account/reset-password", token)}}, now));
  return account;
}

Result<customers::Customer> Service::ConvertGuest(const audit::Actor& actor,
                                                  const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  auto converted = db_.Transaction(
      [&](db::Connection& tx) { return ConvertGuestIn(tx, actor, customer_id, now); });
  if (converted.ok()) messages_.NotifyQueued();
  return converted;
}

Result<customers::Customer> Service::WithdrawConsent(const audit::Actor& actor,
                                                     const std::string& customer_id,
                                                     const std::string& channel) {
  customers::Patch patch;
  if (channel == "email") {
    patch.consent_email = false;
  } else if (channel == "sms") {
    patch.consent_sms = false;
  } else if (channel == "messenger") {
    patch.consent_messenger = false;
  } else {
    std::string msg = "Use email, sms or messenger.";
    return Error::Invalid(msg, {{"channel", "invalid_channel", msg}});
  }
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<customers::Customer> {
    ASSIGN_OR_RETURN(customers::Customer before, customers::Service::Find(tx, customer_id));
    const bool given = channel == "email" ? before.consent_email
                       : channel == "sms" ? before.consent_sms
                                          : before.consent_messenger;
    if (!given) return before;  // nothing to withdraw: no change, no record
    ASSIGN_OR_RETURN(
        customers::Customer after,
        customers_.UpdateInTransaction(tx, actor, customer_id, patch, std::nullopt, now));
    RETURN_IF_ERROR(
        store::InsertConsentEvent(tx, after.id, channel, false, "admin", actor.ip, now));
    return after;
  });
}

Status Service::PasswordResetIn(db::Connection& tx, const audit::Actor& actor,
                                const std::string& customer_id, int64_t now) {
  ASSIGN_OR_RETURN(customers::Customer customer, ToolTarget(tx, customer_id, now, true));
  ASSIGN_OR_RETURN(std::string token, NewLink(tx, customer.id, "reset_password", customer.email_key,
                                              kResetLinkMicros, now));
  RETURN_IF_ERROR(messages_.Queue(tx, actor, customer, "password_reset",
                                  {{"link", LinkUrl("/account/reset-password", token)}}, now));
  return audit::Record(tx, actor,
                       {"customer.password_reset_sent", "customer", customer.public_id, {}}, now);
}

Status Service::SendPasswordReset(const audit::Actor& actor, const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  Status sent = db_.Transaction(
      [&](db::Connection& tx) { return PasswordResetIn(tx, actor, customer_id, now); });
  if (sent.ok()) messages_.NotifyQueued();
  return sent;
}

Result<db::BulkOutcome> Service::BulkLoginEmail(const audit::Actor& actor,
                                                const std::vector<std::string>& ids) {
  const int64_t now = clock_.NowMicros();
  auto out = db::RunBulk(db_, ids, [&](db::Connection& tx, const std::string& id) {
    return LoginEmailIn(tx, actor, id, now);
  });
  if (out.ok() && !out->done.empty()) messages_.NotifyQueued();
  return out;
}

Result<db::BulkOutcome> Service::BulkPasswordReset(const audit::Actor& actor,
                                                   const std::vector<std::string>& ids) {
  const int64_t now = clock_.NowMicros();
  auto out =
      db::RunBulk(db_, ids, [&](db::Connection& tx, const std::string& id) -> Result<std::string> {
        RETURN_IF_ERROR(PasswordResetIn(tx, actor, id, now));
        return std::string("password_reset");
      });
  if (out.ok() && !out->done.empty()) messages_.NotifyQueued();
  return out;
}

Result<db::BulkOutcome> Service::BulkConvertGuests(const audit::Actor& actor,
                                                   const std::vector<std::string>& ids) {
  const int64_t now = clock_.NowMicros();
  auto out =
      db::RunBulk(db_, ids, [&](db::Connection& tx, const std::string& id) -> Result<std::string> {
        RETURN_IF_ERROR(ConvertGuestIn(tx, actor, id, now));
        return std::string("converted");
      });
  if (out.ok() && !out->done.empty()) messages_.NotifyQueued();
  return out;
}

Result<std::string> Service::SetTemporaryPassword(const audit::Actor& actor,
                                                  const std::string& customer_id) {
  const std::string password = NewTemporaryPassword();
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer customer, ToolTarget(tx, customer_id, now));
    RETURN_IF_ERROR(store::SetPassword(tx, customer.id, hash, now, /*must_change=*/true));
    RETURN_IF_ERROR(EndAllSessions(tx, customer.id));
    return audit::Record(
        tx, actor, {"customer.temporary_password_set", "customer", customer.public_id, {}}, now);
  }));
  return password;
}

Status Service::ResetTotp(const audit::Actor& actor, const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer customer, ToolTarget(tx, customer_id, now));
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, customer.id));
    if (account->totp_secret.empty() && account->totp_pending.empty()) {
      return Error::Precondition("totp_off", "This customer has no authenticator app set up.");
    }
    RETURN_IF_ERROR(store::SetTotp(tx, customer.id, "", "", 0, now));
    if (!account->sms_enabled()) {
      RETURN_IF_ERROR(store::ReplaceRecoveryCodes(tx, customer.id, {}));
    }
    return audit::Record(tx, actor, {"customer.totp_reset", "customer", customer.public_id, {}},
                         now);
  });
}

Status Service::SetSmsPhone(const audit::Actor& actor, const std::string& customer_id,
                            const std::string& phone) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer customer, ToolTarget(tx, customer_id, now));
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, customer.id));
    if (phone.empty()) {
      if (!account->sms_enabled()) {
        return Error::Precondition("sms_off", "Sign-in codes by SMS are not on.");
      }
      RETURN_IF_ERROR(store::SetSmsPhone(tx, customer.id, "", now));
      if (account->totp_secret.empty()) {
        RETURN_IF_ERROR(store::ReplaceRecoveryCodes(tx, customer.id, {}));
      }
      return audit::Record(tx, actor, {"customer.sms_disabled", "customer", customer.public_id, {}},
                           now);
    }
    if (!sms_available_) {
      return Error::Precondition("sms_unavailable",
                                 "The store has no SMS provider set up, so codes cannot be sent.");
    }
    ASSIGN_OR_RETURN(std::string e164, ParsePhone(phone, customer.country, "phone"));
    RETURN_IF_ERROR(store::SetSmsPhone(tx, customer.id, e164, now));
    return audit::Record(tx, actor,
                         {"customer.sms_phone_set",
                          "customer",
                          customer.public_id,
                          {{"phone", {{"from", account->sms_phone}, {"to", e164}}}}},
                         now);
  });
}

Status Service::RegenerateRecoveryCodesFor(const audit::Actor& actor,
                                           const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer customer, ToolTarget(tx, customer_id, now));
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, customer.id));
    if (account->totp_secret.empty() && !account->sms_enabled()) {
      return Error::Precondition("no_second_factor",
                                 "This customer has no second factor, so no recovery codes.");
    }
    ASSIGN_OR_RETURN(std::vector<std::string> codes, StoreRecoveryCodes(tx, customer.id));
    std::string joined;
    for (const auto& c : codes) joined += (joined.empty() ? "" : "\n") + c;
    ASSIGN_OR_RETURN(std::string sealed, secrets_.Seal(joined));
    RETURN_IF_ERROR(store::SetRecoveryCodesToShow(tx, customer.id, sealed, now));
    return audit::Record(
        tx, actor, {"customer.recovery_codes_regenerated", "customer", customer.public_id, {}},
        now);
  });
}

Result<std::vector<SessionInfo>> Service::SessionsOf(const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::vector<store::SessionRow> rows,
                   db_.Read([&](db::Connection& c) -> Result<std::vector<store::SessionRow>> {
                     ASSIGN_OR_RETURN(customers::Customer customer,
                                      customers::Service::Find(c, customer_id));
                     return store::ListSessions(c, customer.id, now, kSessionIdleMicros);
                   }));
  std::vector<SessionInfo> out;
  for (const auto& r : rows) {
    out.push_back({r.public_id, DeviceName(r.user_agent), r.ip, r.created_at, r.last_seen_at, false,
                   AssistantName(r.assisted_by)});
  }
  return out;
}

Result<int64_t> Service::EndSessionsOf(const audit::Actor& actor, const std::string& customer_id,
                                       const std::string& session_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<int64_t> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    int64_t ended = 0;
    if (session_id.empty()) {
      ASSIGN_OR_RETURN(ended, store::DeleteSessionsExcept(tx, customer.id, 0));
    } else {
      ASSIGN_OR_RETURN(ended, store::DeleteSession(tx, customer.id, session_id));
      if (ended == 0) return Error::NotFound("session_not_found", "There is no such session.");
    }
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {"customer.sessions_ended_by_admin",
                                   "customer",
                                   customer.public_id,
                                   {{"ended", ended}, {"session", session_id}}},
                                  now));
    return ended;
  });
}

}  // namespace clientele::accounts
