// Sign-in with an optional second step, sessions and sign-out.
#include <sodium.h>

#include "core/ids.hpp"
#include "core/totp.hpp"
#include "modules/accounts/internal.hpp"
#include "modules/accounts/service.hpp"
#include "modules/accounts/store.hpp"
#include "modules/customers/service.hpp"
#include "modules/moderation/blacklist.hpp"

namespace clientele::accounts {
namespace {

constexpr int64_t kTouchEveryMicros = 60LL * 1000000;

Error InvalidCredentials() {
  return {ErrorCode::kUnauthenticated,
          "invalid_credentials",
          "The e-mail address or the password is not right.",
          {}};
}

Error Unauthenticated() {
  return {ErrorCode::kUnauthenticated, "unauthenticated", "Sign in to continue.", {}};
}

Error Blocked() {
  return {ErrorCode::kPermissionDenied,
          "account_blocked",
          "This account cannot sign in. Please contact the store.",
          {}};
}

}  // namespace

Result<NewSession> Service::OpenSession(int64_t customer_id, const std::string& customer_public_id,
                                        const throttle::Attempt& attempt,
                                        const std::string& account_key, const audit::Actor& from,
                                        int64_t now) {
  NewSession out;
  bool must_change = false;
  out.secret = NewSecret("", 32);
  store::SessionRow row;
  row.public_id = NewPublicId("ses");
  row.customer_id = customer_id;
  row.csrf_token = NewSecret("", 24);
  row.created_at = row.last_seen_at = now;
  row.expires_at = now + kSessionAbsoluteMicros;
  row.ip = from.ip;
  row.user_agent = from.user_agent.substr(0, 512);
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::InsertSession(tx, row, HashSecret(out.secret)));
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, customer_id));
    if (account && !account->recovery_codes_to_show.empty()) {
      // Codes an admin made: shown at this sign-in, then gone from here for good.
      ASSIGN_OR_RETURN(std::string codes, OpenSecret(account->recovery_codes_to_show));
      for (size_t start = 0; start < codes.size();) {
        size_t nl = codes.find('\n', start);
        out.recovery_codes.push_back(codes.substr(start, nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      RETURN_IF_ERROR(store::SetRecoveryCodesToShow(tx, customer_id, "", now));
    }
    must_change = account && account->must_change_password;
    RETURN_IF_ERROR(throttle::Throttle::Succeed(tx, attempt, account_key));
    RETURN_IF_ERROR(customers::Service::RecordSignIn(tx, customer_id, from.ip, now));
    return audit::Record(tx, AsCustomer(from, customer_public_id),
                         {"customer.logged_in", "customer", customer_public_id, {}}, now);
  }));
  // The id is new at every sign-in; whatever session the browser had is not carried over.
  out.shopper.customer_id = customer_id;
  out.shopper.customer_public_id = customer_public_id;
  out.shopper.session_public_id = row.public_id;
  out.shopper.csrf_token = row.csrf_token;
  out.shopper.must_change_password = must_change;
  out.shopper.expires_at = row.expires_at;
  return out;
}

Result<SignIn> Service::Login(const std::string& email, const std::string& password,
                              const audit::Actor& from) {
  ASSIGN_OR_RETURN(StoreConfig config, Config());
  if (config.mode == AccountMode::kDisabled) return AccountsDisabled();
  if (email.size() > 320) return InvalidCredentials();
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<std::string> listed,
                   moderation::Blacklist::Refuses(db_, {email, "", from.ip}, now));
  if (listed) return Refused();
  const std::string account_key = "shopper:" + EmailKeyOf(email);
  // Reserved before the slow password check, so no more guesses than the limit get checked.
  ASSIGN_OR_RETURN(
      throttle::Attempt attempt,
      throttle_.Reserve(
          {{account_key, kAccountFailureLimit}, {"shopper-ip:" + from.ip, kIpFailureLimit}}, now));
  struct Found {
    std::optional<customers::Customer> customer;
    std::optional<store::AccountRow> account;
  };
  ASSIGN_OR_RETURN(Found found, db_.Read([&](db::Connection& c) -> Result<Found> {
    Found f;
    ASSIGN_OR_RETURN(f.customer, customers::Service::FindByEmailKey(c, EmailKeyOf(email),
                                                                    customers::Kind::kRegistered));
    if (f.customer) {
      ASSIGN_OR_RETURN(f.account, store::FindAccount(c, f.customer->id));
    }
    return f;
  }));
  const bool has_hash = found.account && !found.account->password_hash.empty();
  // Verified for unknown addresses too, so both answers take the same time.
  const bool password_ok =
      VerifyPassword(has_hash ? found.account->password_hash : dummy_hash_, password) && has_hash;
  // An account waiting for its address to be confirmed answers like a wrong password: anyone
  // can register an address with a password of their choosing, so a different answer here
  // would tell them whether the address had an account before.
  // A temporary password an admin set vouches for the customer instead.
  const bool unverified = password_ok && config.require_verification &&
                          !found.account->email_verified_at && !found.account->must_change_password;
  if (!password_ok || unverified) {
    // Written for unknown addresses too (without the address), so both take as long.
    const std::string target = found.customer ? found.customer->public_id : "";
    (void)db_.Transaction([&](db::Connection& tx) {
      audit::Actor who = target.empty() ? from : AsCustomer(from, target);
      return audit::Record(
          tx, who,
          {"customer.login_failed", "customer", target,
           unverified ? nlohmann::json{{"reason", "email_unverified"}} : nlohmann::json::object()},
          now);
    });
    return InvalidCredentials();  // the reserved failures stay
  }
  const customers::Customer& customer = *found.customer;
  // The password was right: what follows is no guess.
  if (customer.status != customers::AccountStatus::kActive) {
    throttle_.Release(attempt);
    return Blocked();
  }
  SignIn out;
  const bool totp = !found.account->totp_secret.empty();
  const bool sms = found.account->sms_enabled();
  // SMS codes on but no provider (yet, or on this node) still asks for the second step: the
  // recovery codes get in. A missing provider never lets a password alone in.
  if (totp || sms) {
    throttle_.Release(attempt);
    ASSIGN_OR_RETURN(out.challenge, db_.Transaction([&](db::Connection& tx) {
      return NewLink(tx, customer.id, "sign_in", customer.email_key, kChallengeMicros, now);
    }));
    if (totp) out.methods.push_back("totp");
    if (sms && sms_available_) out.methods.push_back("sms");
    out.methods.push_back("recovery_code");
    return out;
  }
  ASSIGN_OR_RETURN(out.session,
                   OpenSession(customer.id, customer.public_id, attempt, account_key, from, now));
  return out;
}

Result<NewSession> Service::CompleteSignIn(const std::string& challenge, const std::string& method,
                                           const std::string& code, const audit::Actor& from) {
  if (method != "totp" && method != "sms" && method != "recovery_code") {
    std::string msg = "Use totp, sms or recovery_code.";
    return Error::Invalid(msg, {{"method", "invalid_method", msg}});
  }
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
  const std::string account_key = "shopper:" + link->email;
  ASSIGN_OR_RETURN(
      throttle::Attempt attempt,
      throttle_.Reserve(
          {{account_key, kAccountFailureLimit}, {"shopper-ip:" + from.ip, kIpFailureLimit}}, now));
  // The challenge and the code are used in one transaction: a wrong code uses neither, and of
  // two completions of one challenge only one uses its code.
  auto checked = db_.Transaction([&](db::Connection& tx) -> Result<bool> {
    ASSIGN_OR_RETURN(bool used, store::UseLink(tx, link->id, now));
    if (!used) {
      return Error{ErrorCode::kUnauthenticated,
                   "challenge_expired",
                   "This sign-in was completed already. Sign in again.",
                   {}};
    }
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account,
                     store::FindAccount(tx, link->customer_id));
    if (!account) return false;
    bool ok = false;
    if (method == "totp") {
      ASSIGN_OR_RETURN(std::string secret, OpenSecret(account->totp_secret));
      std::optional<int64_t> step =
          secret.empty() ? std::nullopt : MatchTotpStep(secret, code, now / 1000000);
      if (step) {
        ASSIGN_OR_RETURN(ok, store::ConsumeTotpStep(tx, link->customer_id, *step));
      }
    } else if (method == "sms") {
      if (account->sms_enabled()) {
        ASSIGN_OR_RETURN(ok,
                         UseCode(tx, link->customer_id, "sms_code", code, account->sms_phone, now));
      }
    } else {
      ASSIGN_OR_RETURN(ok, store::UseRecoveryCode(tx, link->customer_id,
                                                  HashSecret(NormalizeRecoveryCode(code)), now));
    }
    if (!ok) return Error{ErrorCode::kAborted, "wrong_code", "", {}};  // undoes the challenge's use
    return true;
  });
  if (!checked.ok() && checked.error().slug != "wrong_code") return checked.error();
  if (!checked.ok()) {
    (void)db_.Transaction([&](db::Connection& tx) {
      return audit::Record(
          tx, AsCustomer(from, link->customer_public_id),
          {"customer.login_failed", "customer", link->customer_public_id, {{"step", method}}}, now);
    });
    return Error{ErrorCode::kUnauthenticated,
                 "invalid_code",
                 method == "totp"  ? "The code is not right, or was used already; enter the "
                                     "current code from your app."
                 : method == "sms" ? "The code is not right or has expired; enter the code of "
                                     "the latest SMS, or ask for a new one."
                                   : "This recovery code is not right or was used already.",
                 {}};
  }
  return OpenSession(link->customer_id, link->customer_public_id, attempt, account_key, from, now);
}

Result<Shopper> Service::Authenticate(const std::string& secret) {
  if (secret.size() < 20 || secret.size() > 200) return Unauthenticated();
  const std::string hash = HashSecret(secret);
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::optional<store::SessionRow> row,
                   db_.Read([&](db::Connection& c) { return store::FindSession(c, hash); }));
  if (!row || row->expires_at <= now || row->last_seen_at + kSessionIdleMicros <= now ||
      row->customer_status != "active") {
    return Unauthenticated();
  }
  Shopper shopper;
  shopper.customer_id = row->customer_id;
  shopper.customer_public_id = row->customer_public_id;
  shopper.session_id = row->id;
  shopper.session_public_id = row->public_id;
  shopper.csrf_token = row->csrf_token;
  shopper.must_change_password = row->must_change_password;
  shopper.expires_at = row->expires_at;
  if (!row->assisted_by.empty()) {
    // The admin acts with their current rights: a demoted or disabled admin is out at once.
    std::optional<std::string> name;
    if (assistant_check_) {
      ASSIGN_OR_RETURN(name, assistant_check_(row->assisted_by));
    }
    if (!name) {
      (void)db_.Transaction(
          [&](db::Connection& tx) { return store::DeleteSessionByHash(tx, hash); });
      return Unauthenticated();
    }
    shopper.assisted_by = row->assisted_by;
    shopper.assisted_by_name = *name;
    shopper.must_change_password = false;  // the customer's to change, not the admin's
  }
  if (now - row->last_seen_at > kTouchEveryMicros) {
    (void)db_.Transaction(
        [&](db::Connection& tx) { return store::TouchSession(tx, row->id, now); });
  }
  return shopper;
}

Status Service::Logout(const std::string& secret, const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(store::DeleteSessionByHash(tx, HashSecret(secret)));
    const char* action =
        actor.assisted_by.empty() ? "customer.logged_out" : "customer.assistance_ended";
    return audit::Record(tx, actor, {action, "customer", actor.id, {}}, now);
  });
}

Status Service::EndAllSessions(db::Connection& tx, int64_t customer_id) {
  RETURN_IF_ERROR(store::DeleteSessionsExcept(tx, customer_id, 0));
  return OkStatus();
}

Result<std::vector<SessionInfo>> Service::ListSessions(const Shopper& shopper) {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(std::vector<store::SessionRow> rows, db_.Read([&](db::Connection& c) {
    return store::ListSessions(c, shopper.customer_id, now, kSessionIdleMicros);
  }));
  std::vector<SessionInfo> out;
  for (const auto& r : rows) {
    out.push_back({r.public_id, DeviceName(r.user_agent), r.ip, r.created_at, r.last_seen_at,
                   r.id == shopper.session_id, AssistantName(r.assisted_by)});
  }
  return out;
}

Status Service::EndSession(const Shopper& shopper, const std::string& session_id,
                           const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(int64_t n, store::DeleteSession(tx, shopper.customer_id, session_id));
    if (n == 0) return Error::NotFound("session_not_found", "There is no such session.");
    return audit::Record(tx, actor,
                         {"customer.session_ended",
                          "customer",
                          shopper.customer_public_id,
                          {{"session", session_id}}},
                         now);
  });
}

Result<int64_t> Service::EndOtherSessions(const Shopper& shopper, const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<int64_t> {
    ASSIGN_OR_RETURN(int64_t n,
                     store::DeleteSessionsExcept(tx, shopper.customer_id, shopper.session_id));
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {"customer.sessions_ended", "customer", shopper.customer_public_id, {{"ended", n}}}, now));
    return n;
  });
}

}  // namespace clientele::accounts
