// Registration, links (verification, reset, e-mail change), guests, account state and purging.
// Sign-in and sessions are in sign_in.cpp, the shopper's own changes in self_service.cpp.
#include "modules/accounts/service.hpp"

#include "core/contact.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "modules/accounts/internal.hpp"
#include "modules/accounts/store.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/moderation/blacklist.hpp"
#include "modules/notes/service.hpp"

namespace clientele::accounts {

Error AccountsDisabled() {
  return {ErrorCode::kPermissionDenied,
          "accounts_disabled",
          "This store does not offer customer accounts; you can check out as a guest.",
          {}};
}

Error TooManyRequests(const char* what) {
  return {ErrorCode::kUnavailable,
          "too_many_requests",
          std::string("Too many ") + what + ". Wait 15 minutes and try again.",
          {}};
}

std::string EmailKeyOf(const std::string& email) {
  auto parsed = ParseEmail(email);
  return parsed.ok() ? parsed->key : Trim(email);
}

audit::Actor AsCustomer(audit::Actor actor, const std::string& customer_public_id) {
  actor.type = "customer";
  actor.id = customer_public_id;
  return actor;
}

Error Refused() {
  return {ErrorCode::kPermissionDenied,
          "refused",
          "We can't complete this request. Please contact the store.",
          {}};
}

namespace {

// Whether a customer banned by the store has this address (as an account or a guest record).
Result<bool> AddressBanned(db::Connection& tx, const std::string& email_key) {
  for (auto kind : {customers::Kind::kRegistered, customers::Kind::kGuest}) {
    ASSIGN_OR_RETURN(std::optional<customers::Customer> c,
                     customers::Service::FindByEmailKey(tx, email_key, kind));
    if (c && c->status == customers::AccountStatus::kBanned) return true;
  }
  return false;
}

Error LinkError(const char* slug, const char* message) {
  return {ErrorCode::kInvalidArgument, slug, message, {}};
}

}  // namespace

Service::Service(db::Database& db, const Clock& clock, crypto::SecretBox& secrets,
                 customers::Service& customers, addresses::Service& addresses,
                 messages::Service& messages)
    : db_(db),
      clock_(clock),
      secrets_(secrets),
      customers_(customers),
      addresses_(addresses),
      messages_(messages),
      throttle_(db) {
  dummy_hash_ = HashPassword(NewSecret("", 16)).value();
}

Result<StoreConfig> Service::Config() {
  ASSIGN_OR_RETURN(settings::Settings s,
                   db_.Read([](db::Connection& c) { return settings::Service::Read(c); }));
  StoreConfig out;
  out.store_name = s.store_name;
  out.default_country = s.default_country;
  out.default_language = s.default_language;
  out.mode = ParseAccountMode(s.account_mode);
  out.require_verification = s.require_verification;
  out.sms_available = sms_available_;
  out.assistance_requires_consent = s.assistance_requires_consent;
  return out;
}

std::string Service::LinkUrl(const std::string& path, const std::string& token) const {
  return public_url_ + path + "?token=" + token;
}

Result<std::string> Service::NewLink(db::Connection& tx, int64_t customer_id,
                                     const std::string& purpose, const std::string& email,
                                     int64_t ttl, int64_t now) {
  // A new link replaces the earlier ones: only the latest e-mail works.
  RETURN_IF_ERROR(store::RetireLinks(tx, customer_id, purpose, now));
  std::string token = NewSecret("", 32);
  store::LinkRow link;
  link.customer_id = customer_id;
  link.purpose = purpose;
  link.email = email;
  link.created_at = now;
  link.expires_at = now + ttl;
  RETURN_IF_ERROR(store::InsertLink(tx, HashSecret(token), link));
  return token;
}

Status Service::Register(const Registration& input, const audit::Actor& from) {
  ASSIGN_OR_RETURN(StoreConfig config, Config());
  if (config.mode == AccountMode::kDisabled) return AccountsDisabled();
  customers::Patch patch;
  patch.first_name = input.first_name;
  patch.last_name = input.last_name;
  patch.email = input.email;
  if (!input.phone.empty()) patch.phone = input.phone;
  patch.country = input.country.empty() ? config.default_country : input.country;
  patch.language = input.language.empty() ? config.default_language : input.language;
  patch.consent_email = input.consent_email;
  patch.consent_sms = input.consent_sms;
  std::vector<FieldError> errors;
  customers::Customer scratch;
  if (Status applied = customers::ApplyPatch(patch, scratch); !applied.ok()) {
    errors = applied.error().fields;
  }
  for (const auto& [field, value] :
       {std::pair{"first_name", scratch.first_name}, std::pair{"last_name", scratch.last_name}}) {
    bool named = false;
    for (const auto& e : errors) named = named || e.field == field;
    if (!named && value.empty()) errors.push_back({field, "required", "Enter your name."});
  }
  if (scratch.email.empty() && input.email.empty()) {
    errors.push_back({"email", "required", "Enter your e-mail address."});
  }
  if (auto problem = PasswordProblem(input.password, input.email)) errors.push_back(*problem);
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));

  const int64_t now = clock_.NowMicros();
  // The phone as stored (read with the country when typed without its code).
  ASSIGN_OR_RETURN(
      std::optional<std::string> listed,
      moderation::Blacklist::Refuses(db_, {scratch.email, scratch.phone, from.ip}, now));
  if (listed) return Refused();
  // Counted before the slow hash: a flood of registrations from one address neither fills the
  // store with accounts nor keeps the hashing pool from sign-ins.
  auto reserved = throttle_.Reserve({{"register-ip:" + from.ip, kRegistrationsPerIp}}, now);
  if (!reserved.ok()) return TooManyRequests("registrations came from this network");
  // Hashed whether or not the address has an account, so both answers take as long.
  ASSIGN_OR_RETURN(std::string hash, HashPassword(input.password));
  bool queued = false;
  Status done = db_.Transaction([&](db::Connection& tx) -> Status {
    // One registration per address at a time, on every node.
    RETURN_IF_ERROR(throttle::Throttle::LockKey(tx, "register:" + scratch.email_key));
    ASSIGN_OR_RETURN(bool banned, AddressBanned(tx, scratch.email_key));
    if (banned) return Refused();
    ASSIGN_OR_RETURN(
        std::optional<customers::Customer> existing,
        customers::Service::FindByEmailKey(tx, scratch.email_key, customers::Kind::kRegistered));
    if (existing) {
      // The owner hears of it (with a way back in); the caller learns nothing.
      ASSIGN_OR_RETURN(int64_t recent, store::CountLinksSince(tx, existing->id, "reset_password",
                                                              now - kResetLinkMicros));
      RETURN_IF_ERROR(audit::Record(
          tx, from, {"customer.registration_attempted", "customer", existing->public_id, {}}, now));
      if (recent >= kLinksPerWindow) return OkStatus();
      ASSIGN_OR_RETURN(std::string token, NewLink(tx, existing->id, "reset_password",
                                                  existing->email_key, kResetLinkMicros, now));
      RETURN_IF_ERROR(messages_.Queue(tx, from, *existing, "registration_attempt",
                                      {{"link", LinkUrl("/account/reset-password", token)}}, now));
      queued = true;
      return OkStatus();
    }
    customers::NewCustomer nc;
    nc.kind = customers::Kind::kRegistered;
    nc.fields = patch;
    nc.registration_ip = from.ip;
    nc.audit_action = "customer.registered";
    ASSIGN_OR_RETURN(customers::Customer created,
                     customers_.CreateInTransaction(tx, from, nc, now));
    RETURN_IF_ERROR(store::InsertAccount(tx, created.id, hash, now));
    for (const auto& [channel, granted] :
         {std::pair{"email", created.consent_email}, std::pair{"sms", created.consent_sms}}) {
      if (granted) {
        RETURN_IF_ERROR(
            store::InsertConsentEvent(tx, created.id, channel, true, "registration", from.ip, now));
      }
    }
    ASSIGN_OR_RETURN(std::string token, NewLink(tx, created.id, "verify_email", created.email_key,
                                                kVerifyLinkMicros, now));
    RETURN_IF_ERROR(messages_.Queue(tx, AsCustomer(from, created.public_id), created,
                                    "verification", {{"link", LinkUrl("/account/verify", token)}},
                                    now));
    queued = true;
    return OkStatus();
  });
  if (!done.ok() && done.error().slug == "unique_violation") {
    return OkStatus();  // a concurrent registration of the address won; answer alike
  }
  if (queued) messages_.NotifyQueued();
  return done;
}

Result<int64_t> Service::EndForMerge(db::Connection& tx, int64_t from, int64_t to) {
  return store::EndForMerge(tx, from, to);
}

Result<int64_t> Service::SessionCount(db::Connection& c, int64_t customer_id) {
  return store::SessionCount(c, customer_id);
}

Result<AccountRecord> Service::ReadRecord(db::Connection& c, int64_t customer_id, int64_t now) {
  AccountRecord record;
  ASSIGN_OR_RETURN(record.state, ReadState(c, customer_id, now));
  ASSIGN_OR_RETURN(std::vector<store::SessionRow> sessions,
                   store::ListSessions(c, customer_id, now, kSessionIdleMicros));
  for (const auto& r : sessions) {
    record.sessions.push_back(
        {r.public_id, DeviceName(r.user_agent), r.ip, r.created_at, r.last_seen_at, false, ""});
  }
  ASSIGN_OR_RETURN(record.consents, store::ListConsentEvents(c, customer_id));
  return record;
}

Result<customers::Customer> Service::AdoptGuestRecord(db::Connection& tx,
                                                      const customers::Customer& account,
                                                      const audit::Actor& from, int64_t now) {
  // The same lock as guest checkouts, so none lands beside the conversion unseen.
  RETURN_IF_ERROR(throttle::Throttle::LockKey(tx, "guest:" + account.email_key));
  ASSIGN_OR_RETURN(
      std::optional<customers::Customer> guest,
      customers::Service::FindByEmailKey(tx, account.email_key, customers::Kind::kGuest));
  if (!guest) return account;
  RETURN_IF_ERROR(store::MoveAccount(tx, account.id, guest->id));
  RETURN_IF_ERROR(addresses::Service::MoveAll(tx, account.id, guest->id, now));
  RETURN_IF_ERROR(messages::Service::MoveToCustomer(tx, account.id, guest->id));
  RETURN_IF_ERROR(notes::Service::MoveToCustomer(tx, account.id, guest->id));
  return customers_.AdoptRegistration(tx, AsCustomer(from, guest->public_id), *guest, account, now);
}

Result<Service::Verified> Service::Verify(const std::string& token, const std::string& password,
                                          const audit::Actor& from) {
  const int64_t now = clock_.NowMicros();
  auto check = [&](const std::optional<store::LinkRow>& link) -> Status {
    if (!link || (link->purpose != "verify_email" && link->purpose != "change_email")) {
      return LinkError("invalid_link", "This link is not valid. Ask for a new e-mail.");
    }
    if (link->used_at) {
      return LinkError("link_used", "This link was used already. Sign in, or ask for a new one.");
    }
    if (link->expires_at <= now) {
      return LinkError("link_expired", "This link has expired. Ask for a new e-mail.");
    }
    return OkStatus();
  };
  ASSIGN_OR_RETURN(std::optional<store::LinkRow> link, db_.Read([&](db::Connection& c) {
    return store::FindLink(c, HashSecret(token));
  }));
  RETURN_IF_ERROR(check(link));
  // Anyone may register any address with a password of their own: the link proves the address,
  // the password proves that whoever opens it is the one who chose it. Without this, the owner
  // of an address that a stranger registered would confirm the stranger's account (and hand it
  // the guest record of the address).
  Shopper holder;
  holder.customer_id = link->customer_id;
  holder.customer_public_id = link->customer_public_id;
  RETURN_IF_ERROR(CheckPassword(holder, password, "password", from, now));
  bool queued = false;
  auto verified = db_.Transaction([&](db::Connection& tx) -> Result<Verified> {
    ASSIGN_OR_RETURN(bool used, store::UseLink(tx, link->id, now));
    if (!used) return LinkError("link_used", "This link was used already.");
    ASSIGN_OR_RETURN(customers::Customer customer,
                     customers::Service::Find(tx, link->customer_public_id));
    const audit::Actor actor = AsCustomer(from, customer.public_id);
    if (link->purpose == "change_email") {
      customers::Patch patch;
      patch.email = link->email;
      ASSIGN_OR_RETURN(customer, customers_.UpdateInTransaction(tx, actor, customer.public_id,
                                                                patch, std::nullopt, now));
      RETURN_IF_ERROR(store::SetPendingEmail(tx, customer.id, "", now));
      RETURN_IF_ERROR(store::SetVerified(tx, customer.id, now));
      RETURN_IF_ERROR(audit::Record(
          tx, actor, {"customer.email_changed", "customer", customer.public_id, {}}, now));
      return Verified{customer.email, true};
    }
    if (link->email != customer.email_key) {  // the address changed since the link was sent
      return LinkError("invalid_link", "This link is for an earlier address. Ask for a new one.");
    }
    RETURN_IF_ERROR(store::SetVerified(tx, customer.id, now));
    RETURN_IF_ERROR(audit::Record(
        tx, actor, {"customer.email_verified", "customer", customer.public_id, {}}, now));
    // The address is proved now: a guest record with it becomes this account.
    ASSIGN_OR_RETURN(customer, AdoptGuestRecord(tx, customer, from, now));
    RETURN_IF_ERROR(messages_.Queue(tx, AsCustomer(from, customer.public_id), customer, "welcome",
                                    {{"link", public_url_ + "/account/"}}, now));
    queued = true;
    return Verified{customer.email, false};
  });
  if (queued) messages_.NotifyQueued();
  return verified;
}

Status Service::MailIfAccount(const std::string& email, const audit::Actor& from,
                              const std::string& limit_key, const AccountMail& send) {
  ASSIGN_OR_RETURN(StoreConfig config, Config());
  if (config.mode == AccountMode::kDisabled) return AccountsDisabled();
  if (email.size() > 320) return OkStatus();
  const std::string key = EmailKeyOf(email);
  const int64_t now = clock_.NowMicros();
  // Counted per address whether or not it has an account, so the limit tells nothing.
  auto reserved = throttle_.Reserve(
      {{limit_key + ":" + key, kLinksPerWindow}, {limit_key + "-ip:" + from.ip, kIpFailureLimit}},
      now);
  if (!reserved.ok()) return TooManyRequests("e-mails were asked for this address");
  bool queued = false;
  Status done = db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<customers::Customer> customer,
                     customers::Service::FindByEmailKey(tx, key, customers::Kind::kRegistered));
    if (!customer) return OkStatus();
    ASSIGN_OR_RETURN(queued, send(tx, *customer, AsCustomer(from, customer->public_id), now));
    return OkStatus();
  });
  if (queued) messages_.NotifyQueued();
  return done;
}

Status Service::ResendVerification(const std::string& email, const audit::Actor& from) {
  return MailIfAccount(
      email, from, "resend",
      [&](db::Connection& tx, const customers::Customer& customer, const audit::Actor& actor,
          int64_t now) -> Result<bool> {
        ASSIGN_OR_RETURN(std::optional<store::AccountRow> account,
                         store::FindAccount(tx, customer.id));
        if (!account || account->email_verified_at) return false;
        ASSIGN_OR_RETURN(std::string token, NewLink(tx, customer.id, "verify_email",
                                                    customer.email_key, kVerifyLinkMicros, now));
        RETURN_IF_ERROR(messages_.Queue(tx, actor, customer, "verification",
                                        {{"link", LinkUrl("/account/verify", token)}}, now));
        return true;
      });
}

Status Service::ForgotPassword(const std::string& email, const audit::Actor& from) {
  return MailIfAccount(
      email, from, "forgot",
      [&](db::Connection& tx, const customers::Customer& customer, const audit::Actor& actor,
          int64_t now) -> Result<bool> {
        ASSIGN_OR_RETURN(std::string token, NewLink(tx, customer.id, "reset_password",
                                                    customer.email_key, kResetLinkMicros, now));
        RETURN_IF_ERROR(messages_.Queue(tx, actor, customer, "password_reset",
                                        {{"link", LinkUrl("/account/reset-password", token)}},
                                        now));
        RETURN_IF_ERROR(audit::Record(
            tx, actor, {"customer.password_reset_requested", "customer", customer.public_id, {}},
            now));
        return true;
      });
}

Status Service::ResetPassword(const std::string& token, const std::string& password,
                              const audit::Actor& from) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::LinkRow> link, db_.Read([&](db::Connection& c) {
    return store::FindLink(c, HashSecret(token));
  }));
  if (!link || link->purpose != "reset_password") {
    return LinkError("invalid_link", "This link is not valid. Ask for a new e-mail.");
  }
  if (link->used_at) return LinkError("link_used", "This link was used already.");
  if (link->expires_at <= now) {
    return LinkError("link_expired", "This link has expired. Ask for a new e-mail.");
  }
  if (auto problem = PasswordProblem(password, link->email)) {
    return Error::Invalid(problem->message, {*problem});
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(bool used, store::UseLink(tx, link->id, now));
    if (!used) return LinkError("link_used", "This link was used already.");
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account,
                     store::FindAccount(tx, link->customer_id));
    if (account) {
      RETURN_IF_ERROR(store::SetPassword(tx, link->customer_id, hash, now));
    } else {
      RETURN_IF_ERROR(store::InsertAccount(tx, link->customer_id, hash, now));
    }
    RETURN_IF_ERROR(store::DeleteSessionsExcept(tx, link->customer_id, 0));
    RETURN_IF_ERROR(
        audit::Record(tx, AsCustomer(from, link->customer_public_id),
                      {"customer.password_reset", "customer", link->customer_public_id, {}}, now));
    // The link proved the address too, and the new password is its owner's.
    if (!account || !account->email_verified_at) {
      RETURN_IF_ERROR(store::SetVerified(tx, link->customer_id, now));
      ASSIGN_OR_RETURN(customers::Customer customer,
                       customers::Service::Find(tx, link->customer_public_id));
      RETURN_IF_ERROR(AdoptGuestRecord(tx, customer, from, now));
    }
    return OkStatus();
  });
}

Result<AccountState> Service::ReadState(db::Connection& c, int64_t customer_id, int64_t now) {
  AccountState state;
  ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(c, customer_id));
  if (!account) return state;
  state.has_password = !account->password_hash.empty();
  state.must_change_password = account->must_change_password;
  state.email_verified_at = account->email_verified_at;
  state.pending_email = account->pending_email;
  state.totp_enabled = !account->totp_secret.empty();
  state.sms_enabled = account->sms_enabled();
  state.second_factor = state.totp_enabled ? "totp" : state.sms_enabled ? "sms" : "none";
  state.deletion_requested_at = account->deletion_requested_at;
  state.assistance_allowed_at = account->assistance_allowed_at;
  ASSIGN_OR_RETURN(state.recovery_codes_left, store::CountRecoveryCodesLeft(c, customer_id));
  ASSIGN_OR_RETURN(std::vector<store::SessionRow> sessions,
                   store::ListSessions(c, customer_id, now, kSessionIdleMicros));
  state.active_sessions = static_cast<int64_t>(sessions.size());
  if (!sessions.empty()) state.last_seen_at = sessions.front().last_seen_at;
  return state;
}

Result<AccountState> Service::StateOf(const std::string& customer_public_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Read([&](db::Connection& c) -> Result<AccountState> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_public_id));
    return ReadState(c, customer.id, now);
  });
}

Result<std::pair<customers::Customer, bool>> Service::RecordGuest(const audit::Actor& actor,
                                                                  const GuestCheckout& input) {
  ASSIGN_OR_RETURN(StoreConfig config, Config());
  if (config.mode == AccountMode::kRequired) {
    return Error::Precondition("guest_checkout_off",
                               "The store requires customer accounts: guest checkouts are not "
                               "recorded. Change it in Settings.");
  }
  customers::Customer scratch;
  RETURN_IF_ERROR(customers::ApplyPatch(input.fields, scratch));
  ASSIGN_OR_RETURN(
      std::optional<std::string> listed,
      moderation::Blacklist::Refuses(db_, {scratch.email, scratch.phone, ""}, clock_.NowMicros()));
  if (listed) return Refused();
  if (scratch.email_key.empty()) {
    std::string msg = "A guest checkout needs the shopper's e-mail address.";
    return Error::Invalid(msg, {{"email", "required", msg}});
  }
  const int64_t now = clock_.NowMicros();
  auto recorded =
      db_.Transaction([&](db::Connection& tx) -> Result<std::pair<customers::Customer, bool>> {
        // One guest record per address, on every node.
        RETURN_IF_ERROR(throttle::Throttle::LockKey(tx, "guest:" + scratch.email_key));
        ASSIGN_OR_RETURN(bool banned, AddressBanned(tx, scratch.email_key));
        if (banned) return Refused();
        ASSIGN_OR_RETURN(
            std::optional<customers::Customer> existing,
            customers::Service::FindByEmailKey(tx, scratch.email_key, customers::Kind::kGuest));
        customers::Customer guest;
        bool created = false;
        ASSIGN_OR_RETURN(std::optional<customers::Customer> account,
                         customers::Service::FindByEmailKey(tx, scratch.email_key,
                                                            customers::Kind::kRegistered));
        if (account) {
          // The address has an account (a guest record became it, or it registered): the
          // checkout is the account's. Its profile stays as its owner keeps it; a new address
          // joins the book.
          guest = *account;
        } else if (existing) {
          ASSIGN_OR_RETURN(guest, customers_.UpdateInTransaction(tx, actor, existing->public_id,
                                                                 input.fields, std::nullopt, now));
        } else {
          customers::NewCustomer nc;
          nc.kind = customers::Kind::kGuest;
          nc.fields = input.fields;
          nc.audit_action = "customer.guest_recorded";
          ASSIGN_OR_RETURN(guest, customers_.CreateInTransaction(tx, actor, nc, now));
          created = true;
        }
        if (input.address) {
          RETURN_IF_ERROR(addresses_.AddInTransaction(tx, actor, guest.public_id, *input.address,
                                                      now,
                                                      addresses::Service::Repeat::kKeepExisting));
        }
        return std::pair{guest, created};
      });
  return recorded;
}

Result<PurgeReport> Service::PurgeExpired() {
  const int64_t now = clock_.NowMicros();
  PurgeReport out;
  ASSIGN_OR_RETURN(out.sessions, db_.Transaction([&](db::Connection& tx) {
    return store::PurgeSessions(tx, now, kSessionIdleMicros);
  }));
  // Used and expired links are kept a day, so a second click still hears "used".
  ASSIGN_OR_RETURN(out.links, db_.Transaction([&](db::Connection& tx) {
    return store::PurgeLinks(tx, now - 24LL * 3600 * 1000000);
  }));
  return out;
}

Result<std::string> Service::OpenSecret(const std::string& stored) {
  if (stored.empty()) return stored;
  return secrets_.Open(stored);
}

}  // namespace clientele::accounts
