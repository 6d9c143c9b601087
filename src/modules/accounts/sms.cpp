// Sign-in codes by SMS: turning them on for the profile's phone, sending one for a sign-in, and
// checking one. Codes are six digits, live five minutes, work once, and are stored salted and
// hashed; every SMS goes through the outbox like an e-mail.
#include <sodium.h>

#include <cstdio>

#include "core/ids.hpp"
#include "modules/accounts/internal.hpp"
#include "modules/accounts/service.hpp"
#include "modules/accounts/store.hpp"
#include "modules/customers/service.hpp"

namespace clientele::accounts {
namespace {

constexpr int64_t kCodeMicros = 5LL * 60 * 1000000;
constexpr int kCodesPerWindow = 3;

Error SmsUnavailable() {
  return Error::Precondition("sms_unavailable",
                             "The store has no SMS provider set up, so codes cannot be sent by "
                             "SMS. Use an authenticator app instead.");
}

std::string SaltedHash(const std::string& salt, const std::string& code) {
  return salt + ":" + HashSecret(salt + code);
}

bool Matches(const std::string& stored, const std::string& code) {
  const size_t colon = stored.find(':');
  if (colon == std::string::npos) return false;
  const std::string expected = SaltedHash(stored.substr(0, colon), code);
  return expected.size() == stored.size() &&
         sodium_memcmp(expected.data(), stored.data(), stored.size()) == 0;
}

}  // namespace

Status Service::SendCode(db::Connection& tx, const customers::Customer& customer,
                         const std::string& phone, const std::string& purpose,
                         const audit::Actor& actor, int64_t now) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06u", randombytes_uniform(1000000));
  const std::string code = digits;
  RETURN_IF_ERROR(store::RetireLinks(tx, customer.id, purpose, now));
  store::LinkRow link;
  link.customer_id = customer.id;
  link.purpose = purpose;
  link.email = phone;  // the number the code proves
  link.created_at = now;
  link.expires_at = now + kCodeMicros;
  RETURN_IF_ERROR(store::InsertLink(tx, SaltedHash(NewSecret("", 12), code), link));
  ASSIGN_OR_RETURN(settings::Settings store_settings, settings::Service::Read(tx));
  const std::string text = code + " is your " + store_settings.store_name +
                           " code. It expires in 5 minutes. Never share it.";
  RETURN_IF_ERROR(messages_.QueueSms(tx, actor, customer, phone,
                                     purpose == "sms_setup" ? "sms_setup_code" : "sms_sign_in_code",
                                     text, now));
  return OkStatus();
}

Result<bool> Service::UseCode(db::Connection& tx, int64_t customer_id, const std::string& purpose,
                              const std::string& code, const std::string& phone, int64_t now) {
  ASSIGN_OR_RETURN(std::optional<store::LinkRow> link,
                   store::FindActiveLink(tx, customer_id, purpose, now));
  if (!link || link->email != phone || !Matches(link->token_hash, code)) return false;
  return store::UseLink(tx, link->id, now);
}

Status Service::StartSms(const Shopper& shopper, const std::string& password,
                         const audit::Actor& actor) {
  if (!sms_available_) return SmsUnavailable();
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(CheckPassword(shopper, password, "password", actor, now));
  ASSIGN_OR_RETURN(customers::Customer customer, db_.Read([&](db::Connection& c) {
    return customers::Service::Find(c, shopper.customer_public_id);
  }));
  if (customer.phone.empty()) {
    return Error::Precondition("phone_required",
                               "Add your mobile phone number to your profile first.");
  }
  auto reserved = throttle_.Reserve({{"sms:" + customer.public_id, kCodesPerWindow}}, now);
  if (!reserved.ok()) return TooManyRequests("codes were sent by SMS");
  Status sent = db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(SendCode(tx, customer, customer.phone, "sms_setup", actor, now));
    return audit::Record(tx, actor,
                         {"customer.sms_setup_started", "customer", customer.public_id, {}}, now);
  });
  if (sent.ok()) messages_.NotifyQueued();
  return sent;
}

Result<std::vector<std::string>> Service::ConfirmSms(const Shopper& shopper,
                                                     const std::string& code,
                                                     const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::LinkRow> pending, db_.Read([&](db::Connection& c) {
    return store::FindActiveLink(c, shopper.customer_id, "sms_setup", now);
  }));
  if (!pending) {
    return Error::Precondition("sms_not_started", "Ask for a new code: the last one expired.");
  }
  // Wrong codes count like wrong passwords, so six digits cannot be walked through.
  ASSIGN_OR_RETURN(customers::Customer customer, db_.Read([&](db::Connection& c) {
    return customers::Service::Find(c, shopper.customer_public_id);
  }));
  if (pending->email != customer.phone) {
    return Error::Precondition("sms_not_started",
                               "Your phone number changed since the code was sent; ask for a new "
                               "code.");
  }
  const std::string account_key = "shopper:" + customer.email_key;
  ASSIGN_OR_RETURN(
      throttle::Attempt attempt,
      throttle_.Reserve(
          {{account_key, kAccountFailureLimit}, {"shopper-ip:" + actor.ip, kIpFailureLimit}}, now));
  // The code proves the number it went to, which must still be the profile's.
  auto enabled =
      db_.Transaction([&](db::Connection& tx) -> Result<std::optional<std::vector<std::string>>> {
        ASSIGN_OR_RETURN(bool ok,
                         UseCode(tx, shopper.customer_id, "sms_setup", code, customer.phone, now));
        if (!ok) return std::optional<std::vector<std::string>>();
        RETURN_IF_ERROR(store::SetSmsPhone(tx, shopper.customer_id, customer.phone, now));
        std::vector<std::string> codes;
        ASSIGN_OR_RETURN(int64_t left, store::CountRecoveryCodesLeft(tx, shopper.customer_id));
        if (left == 0) {
          ASSIGN_OR_RETURN(codes, StoreRecoveryCodes(tx, shopper.customer_id));
        }
        RETURN_IF_ERROR(audit::Record(tx, actor,
                                      {"customer.sms_enabled",
                                       "customer",
                                       shopper.customer_public_id,
                                       {{"phone", customer.phone}}},
                                      now));
        return std::optional<std::vector<std::string>>(std::move(codes));
      });
  if (!enabled.ok()) return enabled.error();
  if (!*enabled) {  // the reservation stays: a wrong code counts like a wrong password
    std::string msg = "The code is not right; enter the code from the latest SMS.";
    return Error::Invalid(msg, {{"code", "invalid_code", msg}});
  }
  throttle_.Release(attempt);
  return std::move(**enabled);
}

Status Service::DisableSms(const Shopper& shopper, const std::string& password,
                           const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, db_.Read([&](db::Connection& c) {
    return store::FindAccount(c, shopper.customer_id);
  }));
  if (!account || !account->sms_enabled()) {
    return Error::Precondition("sms_off", "Sign-in codes by SMS are not on.");
  }
  RETURN_IF_ERROR(CheckPassword(shopper, password, "password", actor, now));
  return db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::SetSmsPhone(tx, shopper.customer_id, "", now));
    if (account->totp_secret.empty()) {
      RETURN_IF_ERROR(store::ReplaceRecoveryCodes(tx, shopper.customer_id, {}));
    }
    return audit::Record(
        tx, actor, {"customer.sms_disabled", "customer", shopper.customer_public_id, {}}, now);
  });
}

Status Service::SendSignInCode(const std::string& challenge, const audit::Actor& from) {
  if (!sms_available_) return SmsUnavailable();
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::LinkRow> link, db_.Read([&](db::Connection& c) {
    return store::FindLink(c, HashSecret(challenge));
  }));
  if (!link || link->purpose != "sign_in" || link->used_at || link->expires_at <= now) {
    return Error{ErrorCode::kUnauthenticated,
                 "challenge_expired",
                 "The sign-in took too long. Enter your e-mail and password again.",
                 {}};
  }
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, db_.Read([&](db::Connection& c) {
    return store::FindAccount(c, link->customer_id);
  }));
  if (!account || !account->sms_enabled()) {
    return Error::Precondition("sms_off", "This account does not take codes by SMS.");
  }
  auto reserved = throttle_.Reserve({{"sms:" + link->customer_public_id, kCodesPerWindow}}, now);
  if (!reserved.ok()) return TooManyRequests("codes were sent by SMS");
  Status sent = db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customers::Customer customer,
                     customers::Service::Find(tx, link->customer_public_id));
    return SendCode(tx, customer, account->sms_phone, "sms_code",
                    AsCustomer(from, customer.public_id), now);
  });
  if (sent.ok()) messages_.NotifyQueued();
  return sent;
}

}  // namespace clientele::accounts
