// What a signed-in shopper changes on their own account: profile, e-mail, password, second
// factor, and the privacy requests (data download, deletion request).
#include "core/contact.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "core/totp.hpp"
#include "modules/accounts/internal.hpp"
#include "modules/accounts/service.hpp"
#include "modules/accounts/store.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"

namespace clientele::accounts {
namespace {

Error WrongPassword(const char* field) {
  std::string msg = "The password is not right.";
  return Error::Invalid(msg, {{field, "wrong_password", msg}});
}

Error TotpOff() { return Error::Precondition("totp_off", "Two-factor sign-in is not on."); }

}  // namespace

Result<throttle::Attempt> Service::ReserveSignInAttempt(const Shopper& shopper,
                                                        const audit::Actor& actor, int64_t now) {
  ASSIGN_OR_RETURN(customers::Customer customer, db_.Read([&](db::Connection& c) {
    return customers::Service::Find(c, shopper.customer_public_id);
  }));
  return throttle_.Reserve({{"shopper:" + customer.email_key, kAccountFailureLimit},
                            {"shopper-ip:" + actor.ip, kIpFailureLimit}},
                           now);
}

Status Service::CheckPassword(const Shopper& shopper, const std::string& password,
                              const char* field, const audit::Actor& actor, int64_t now) {
  if (password.empty()) {
    std::string msg = "Enter your password.";
    return Error::Invalid(msg, {{field, "required", msg}});
  }
  ASSIGN_OR_RETURN(throttle::Attempt attempt, ReserveSignInAttempt(shopper, actor, now));
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, db_.Read([&](db::Connection& c) {
    return store::FindAccount(c, shopper.customer_id);
  }));
  if (!account || !VerifyPassword(account->password_hash, password)) {
    (void)db_.Transaction([&](db::Connection& tx) {
      return audit::Record(
          tx, actor,
          {"customer.reauthentication_failed", "customer", shopper.customer_public_id, {}}, now);
    });
    return WrongPassword(field);
  }
  throttle_.Release(attempt);
  return OkStatus();
}

Result<Me> Service::GetMe(const Shopper& shopper) {
  const int64_t now = clock_.NowMicros();
  return db_.Read([&](db::Connection& c) -> Result<Me> {
    Me me;
    ASSIGN_OR_RETURN(me.customer, customers::Service::Find(c, shopper.customer_public_id));
    ASSIGN_OR_RETURN(me.account, ReadState(c, shopper.customer_id, now));
    return me;
  });
}

Result<Me> Service::UpdateMe(const Shopper& shopper, const ProfileChange& change,
                             const audit::Actor& actor) {
  customers::Patch patch;
  patch.first_name = change.first_name;
  patch.last_name = change.last_name;
  patch.phone = change.phone;
  patch.country = change.country;
  patch.language = change.language;
  patch.consent_email = change.consent_email;
  patch.consent_sms = change.consent_sms;
  std::vector<FieldError> errors;
  for (const auto& [field, value] :
       {std::pair{"first_name", &change.first_name}, std::pair{"last_name", &change.last_name}}) {
    if (value->has_value() && Trim(**value).empty()) {
      errors.push_back({field, "required", "Enter your name."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer before,
                     customers::Service::Find(tx, shopper.customer_public_id));
    ASSIGN_OR_RETURN(customers::Customer after,
                     customers_.UpdateInTransaction(tx, actor, shopper.customer_public_id, patch,
                                                    std::nullopt, now));
    if (after.phone != before.phone) {
      // Codes would go to a number nobody proved: SMS sign-in waits for a new set-up.
      ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, after.id));
      if (account && account->sms_enabled()) {
        RETURN_IF_ERROR(store::SetSmsPhone(tx, after.id, "", now));
        if (account->totp_secret.empty()) {  // no second factor is left for them to back up
          RETURN_IF_ERROR(store::ReplaceRecoveryCodes(tx, after.id, {}));
        }
        RETURN_IF_ERROR(audit::Record(
            tx, actor,
            {"customer.sms_disabled", "customer", after.public_id, {{"reason", "phone_changed"}}},
            now));
      }
    }
    for (const auto& [channel, was, is] :
         {std::tuple{"email", before.consent_email, after.consent_email},
          std::tuple{"sms", before.consent_sms, after.consent_sms}}) {
      if (was != is) {
        RETURN_IF_ERROR(
            store::InsertConsentEvent(tx, after.id, channel, is, "customer_area", actor.ip, now));
      }
    }
    return OkStatus();
  }));
  return GetMe(shopper);
}

Result<std::string> Service::ChangeEmail(const Shopper& shopper, const std::string& new_email,
                                         const std::string& password, const audit::Actor& actor) {
  auto parsed = ParseEmail(new_email, "email");
  if (!parsed.ok()) return parsed.error();
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(CheckPassword(shopper, password, "password", actor, now));
  // Each request e-mails an address of the caller's choosing: limited like the other e-mails.
  auto reserved =
      throttle_.Reserve({{"email-change:" + shopper.customer_public_id, kLinksPerWindow}}, now);
  if (!reserved.ok()) return TooManyRequests("e-mail changes were asked for");
  bool queued = false;
  Status done = db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer customer,
                     customers::Service::Find(tx, shopper.customer_public_id));
    if (parsed->key == customer.email_key) {
      std::string msg = "This is your address already.";
      return Error::Invalid(msg, {{"email", "same_email", msg}});
    }
    RETURN_IF_ERROR(store::SetPendingEmail(tx, customer.id, parsed->display, now));
    ASSIGN_OR_RETURN(std::string token, NewLink(tx, customer.id, "change_email", parsed->display,
                                                kVerifyLinkMicros, now));
    // Whether the new address has an account shows only to its owner, when the link is used.
    customers::Customer to_new = customer;
    to_new.email = parsed->display;
    RETURN_IF_ERROR(messages_.Queue(
        tx, actor, to_new, "email_change",
        {{"link", LinkUrl("/account/verify", token)}, {"new_email", parsed->display}}, now));
    RETURN_IF_ERROR(messages_.Queue(tx, actor, customer, "email_change_notice",
                                    {{"new_email", parsed->display}}, now));
    queued = true;
    return audit::Record(tx, actor,
                         {"customer.email_change_requested",
                          "customer",
                          customer.public_id,
                          {{"email", {{"from", customer.email}, {"to", parsed->display}}}}},
                         now);
  });
  if (queued) messages_.NotifyQueued();
  if (!done.ok()) return done.error();
  return parsed->display;
}

Status Service::ChangePassword(const Shopper& shopper, const std::string& current,
                               const std::string& next, const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(customers::Customer customer, db_.Read([&](db::Connection& c) {
    return customers::Service::Find(c, shopper.customer_public_id);
  }));
  if (auto problem = PasswordProblem(next, customer.email, "new_password")) {
    return Error::Invalid(problem->message, {*problem});
  }
  RETURN_IF_ERROR(CheckPassword(shopper, current, "current_password", actor, now));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(next));
  return db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::SetPassword(tx, shopper.customer_id, hash, now));
    RETURN_IF_ERROR(store::DeleteSessionsExcept(tx, shopper.customer_id, shopper.session_id));
    return audit::Record(
        tx, actor, {"customer.password_changed", "customer", shopper.customer_public_id, {}}, now);
  });
}

Result<std::vector<std::string>> Service::StoreRecoveryCodes(db::Connection& tx,
                                                             int64_t customer_id) {
  std::vector<std::string> codes = NewRecoveryCodes();
  std::vector<std::string> hashes;
  for (const auto& code : codes) hashes.push_back(HashSecret(NormalizeRecoveryCode(code)));
  RETURN_IF_ERROR(store::ReplaceRecoveryCodes(tx, customer_id, hashes));
  return codes;
}

Result<TotpSetup> Service::StartTotp(const Shopper& shopper, const std::string& password,
                                     const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(CheckPassword(shopper, password, "password", actor, now));
  ASSIGN_OR_RETURN(StoreConfig config, Config());
  ASSIGN_OR_RETURN(customers::Customer customer, db_.Read([&](db::Connection& c) {
    return customers::Service::Find(c, shopper.customer_public_id);
  }));
  const std::string pending = NewTotpSecret();
  ASSIGN_OR_RETURN(std::string sealed, secrets_.Seal(pending));
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account,
                     store::FindAccount(tx, shopper.customer_id));
    if (!account) return Error::Internal("The account has no credentials row.");
    RETURN_IF_ERROR(store::SetTotp(tx, shopper.customer_id, account->totp_secret, sealed,
                                   account->totp_last_step, now));
    return audit::Record(
        tx, actor, {"customer.totp_setup_started", "customer", shopper.customer_public_id, {}},
        now);
  }));
  return TotpSetup{pending, TotpUri(config.store_name, customer.email, pending)};
}

Result<std::vector<std::string>> Service::ConfirmTotp(const Shopper& shopper,
                                                      const std::string& code,
                                                      const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<std::vector<std::string>> {
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account,
                     store::FindAccount(tx, shopper.customer_id));
    if (!account || account->totp_pending.empty()) {
      return Error::Precondition("totp_not_started", "Start the set-up again.");
    }
    ASSIGN_OR_RETURN(std::string pending, OpenSecret(account->totp_pending));
    std::optional<int64_t> step = MatchTotpStep(pending, code, now / 1000000);
    if (!step) {
      std::string msg = "The code is not right; enter the current code from your app.";
      return Error::Invalid(msg, {{"code", "invalid_code", msg}});
    }
    const bool replaced = !account->totp_secret.empty();
    // The confirming code cannot sign in afterwards.
    RETURN_IF_ERROR(store::SetTotp(tx, shopper.customer_id, account->totp_pending, "", *step, now));
    ASSIGN_OR_RETURN(std::vector<std::string> codes, StoreRecoveryCodes(tx, shopper.customer_id));
    RETURN_IF_ERROR(audit::Record(tx, actor,
                                  {replaced ? "customer.totp_replaced" : "customer.totp_enabled",
                                   "customer",
                                   shopper.customer_public_id,
                                   {}},
                                  now));
    return codes;
  });
}

Status Service::DisableTotp(const Shopper& shopper, const std::string& password,
                            const std::string& code, const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, db_.Read([&](db::Connection& c) {
    return store::FindAccount(c, shopper.customer_id);
  }));
  if (!account || account->totp_secret.empty()) return TotpOff();
  RETURN_IF_ERROR(CheckPassword(shopper, password, "password", actor, now));
  // A wrong code counts like a wrong password, so codes cannot be walked through.
  ASSIGN_OR_RETURN(throttle::Attempt attempt, ReserveSignInAttempt(shopper, actor, now));
  ASSIGN_OR_RETURN(std::string secret, OpenSecret(account->totp_secret));
  std::optional<int64_t> step = MatchTotpStep(secret, code, now / 1000000);
  bool ok = false;
  if (step) {
    ASSIGN_OR_RETURN(ok, db_.Transaction([&](db::Connection& tx) {
      return store::ConsumeTotpStep(tx, shopper.customer_id, *step);
    }));
  }
  if (ok) throttle_.Release(attempt);
  if (!ok) {
    std::string msg = "The code is not right, or was used already; enter the current code.";
    return Error::Invalid(msg, {{"code", "invalid_code", msg}});
  }
  return db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::SetTotp(tx, shopper.customer_id, "", "", 0, now));
    if (!account->sms_enabled()) {
      RETURN_IF_ERROR(store::ReplaceRecoveryCodes(tx, shopper.customer_id, {}));
    }
    return audit::Record(
        tx, actor, {"customer.totp_disabled", "customer", shopper.customer_public_id, {}}, now);
  });
}

Result<std::vector<std::string>> Service::RegenerateRecoveryCodes(const Shopper& shopper,
                                                                  const std::string& password,
                                                                  const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, db_.Read([&](db::Connection& c) {
    return store::FindAccount(c, shopper.customer_id);
  }));
  if (!account || (account->totp_secret.empty() && !account->sms_enabled())) return TotpOff();
  RETURN_IF_ERROR(CheckPassword(shopper, password, "password", actor, now));
  return db_.Transaction([&](db::Connection& tx) -> Result<std::vector<std::string>> {
    ASSIGN_OR_RETURN(std::vector<std::string> codes, StoreRecoveryCodes(tx, shopper.customer_id));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"customer.recovery_codes_regenerated", "customer", shopper.customer_public_id, {}}, now));
    return codes;
  });
}

Result<int64_t> Service::RequestDeletion(const Shopper& shopper, const std::string& password,
                                         const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(CheckPassword(shopper, password, "password", actor, now));
  return db_.Transaction([&](db::Connection& tx) -> Result<int64_t> {
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account,
                     store::FindAccount(tx, shopper.customer_id));
    if (account && account->deletion_requested_at) return *account->deletion_requested_at;
    RETURN_IF_ERROR(store::SetDeletionRequested(tx, shopper.customer_id, now));
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"customer.deletion_requested", "customer", shopper.customer_public_id, {}},
        now));
    return now;
  });
}

}  // namespace clientele::accounts
