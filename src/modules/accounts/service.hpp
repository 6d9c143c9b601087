// Shopper accounts: registration with e-mail verification, sign-in with a second factor (TOTP
// or a recovery code), sessions, password reset and change, e-mail change, the shopper's own
// profile and data, deletion requests, and the guest checkout records of the store's back end
// (a guest record becomes the account once its e-mail address registers and verifies).
//
// Nothing here tells whether an e-mail address has an account: registration, resend and
// forgot-password answer alike for every address, and sign-in answers alike (and in the same
// time) for an unknown address and a wrong password. Passwords are argon2id; session, link and
// recovery-code secrets are stored as hashes; TOTP secrets are sealed. Every e-mail is queued
// in the outbox in the transaction of the change that sends it. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "crypto/secret_box.hpp"
#include "db/bulk.hpp"
#include "db/database.hpp"
#include "modules/accounts/model.hpp"
#include "modules/addresses/model.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/model.hpp"
#include "modules/messages/service.hpp"
#include "modules/settings/service.hpp"
#include "modules/throttle/service.hpp"

namespace clientele::customers {
class Service;
}
namespace clientele::addresses {
class Service;
}

namespace clientele::accounts {

// What the customer area needs to know before anyone signs in.
struct StoreConfig {
  std::string store_name, default_country, default_language;
  AccountMode mode = AccountMode::kOptional;
  bool require_verification = true;
  bool sms_available = false;
  bool assistance_requires_consent = false;  // login as customer needs the customer's allowing
};

struct Registration {
  std::string first_name, last_name, email, password, phone, country, language;
  bool consent_email = false, consent_sms = false;
};

// A signed-in shopper, as the guard hands it to routes.
struct Shopper {
  int64_t customer_id = 0;
  std::string customer_public_id;
  int64_t session_id = 0;
  std::string session_public_id;
  std::string csrf_token;
  // The password was set by an admin as temporary: only changing it is allowed until then.
  bool must_change_password = false;
  // A session an admin opened as the customer ("login as customer"): the admin's public id
  // and name, and when it ends. Empty for the customer's own sessions.
  std::string assisted_by, assisted_by_name;
  int64_t expires_at = 0;
  bool assisted() const { return !assisted_by.empty(); }
};

struct NewSession {
  std::string secret;  // the cookie; never stored
  Shopper shopper;
  // Recovery codes an admin made for the customer, shown at this sign-in only.
  std::vector<std::string> recovery_codes;
};

// The answer to a right password: a session, or the second step it needs first.
struct SignIn {
  std::optional<NewSession> session;
  std::string challenge;             // set when a second factor is needed
  std::vector<std::string> methods;  // "totp", "sms", "recovery_code"
};

// The state of a customer's account, for the shopper and the admin.
struct AccountState {
  bool has_password = false;
  bool must_change_password = false;
  std::optional<int64_t> email_verified_at;
  std::string pending_email;
  std::string second_factor = "none";  // "none" | "totp" | "sms" (TOTP first when both)
  bool totp_enabled = false, sms_enabled = false;
  int64_t recovery_codes_left = 0;
  std::optional<int64_t> deletion_requested_at;
  int64_t active_sessions = 0;
  std::optional<int64_t> last_seen_at;
  std::optional<int64_t> assistance_allowed_at;  // the customer lets store staff sign in as them
};

struct Me {
  customers::Customer customer;
  AccountState account;
};

struct ProfileChange {
  std::optional<std::string> first_name, last_name, phone, country, language;
  std::optional<bool> consent_email, consent_sms;
};

struct SessionInfo {
  std::string id, device, ip;
  int64_t created_at = 0, last_seen_at = 0;
  bool current = false;
  std::string assisted_by_name;  // an admin's "login as customer" session
};

// What the customer's data export holds of the sign-in account: its state (never a credential),
// the live sessions (without the names of admins who signed in as the customer) and the consent
// history, oldest first.
struct AccountRecord {
  AccountState state;
  std::vector<SessionInfo> sessions;
  std::vector<ConsentEvent> consents;
};

// The admin whose session an assisted session rides on.
struct Assistant {
  std::string admin_public_id, admin_name;
  int64_t admin_session_id = 0;
};

struct TotpSetup {
  std::string secret, uri;
};

// A guest checkout sent by the store's back end.
struct GuestCheckout {
  customers::Patch fields;  // first_name, last_name, email, phone, country, language
  std::optional<addresses::Patch> address;
};

struct PurgeReport {
  int64_t sessions = 0, links = 0;
};

class Service {
 public:
  // Merge, on the caller's transaction: `from`'s consent history moves to `to`, its sign-in
  // account, sessions and links end. Returns the sessions ended.
  static Result<int64_t> EndForMerge(db::Connection& tx, int64_t from, int64_t to);
  // How many live sessions the customer has (what a merge would end).
  static Result<int64_t> SessionCount(db::Connection& c, int64_t customer_id);
  // For the customer's data export, on the caller's read, as it is at `now`.
  static Result<AccountRecord> ReadRecord(db::Connection& c, int64_t customer_id, int64_t now);

  static constexpr int64_t kSessionIdleMicros = 7LL * 24 * 3600 * 1000000;       // 7 days
  static constexpr int64_t kSessionAbsoluteMicros = 30LL * 24 * 3600 * 1000000;  // 30 days
  static constexpr int64_t kVerifyLinkMicros = 24LL * 3600 * 1000000;            // 24 hours
  static constexpr int64_t kResetLinkMicros = 3600LL * 1000000;                  // 1 hour
  static constexpr int64_t kChallengeMicros = 5LL * 60 * 1000000;                // 5 minutes
  static constexpr int64_t kAssistedSessionMicros = 30LL * 60 * 1000000;         // 30 minutes
  static constexpr int kAccountFailureLimit = 5;                                 // per 15 minutes
  static constexpr int kIpFailureLimit = 20;                                     // per 15 minutes
  static constexpr int kLinksPerWindow = 3;       // e-mails or SMS per address in 15 minutes
  static constexpr int kRegistrationsPerIp = 20;  // in 15 minutes

  Service(db::Database& db, const Clock& clock, crypto::SecretBox& secrets,
          customers::Service& customers, addresses::Service& addresses,
          messages::Service& messages);

  // Whether an SMS provider is configured; without one SMS codes cannot be chosen.
  void SetSmsAvailable(bool available) { sms_available_ = available; }
  // Whether an admin may still act as a customer: their name when they are active and their
  // role allows it, else none. Asked at every request of an assisted session.
  using AssistantCheck =
      std::function<Result<std::optional<std::string>>(const std::string& admin_public_id)>;
  void SetAssistantCheck(AssistantCheck check) { assistant_check_ = std::move(check); }
  // The address links in e-mails point to: "https://shop.example.com" (no trailing slash).
  void SetPublicUrl(std::string url) { public_url_ = std::move(url); }

  Result<StoreConfig> Config();

  // Registers an account (unverified) and sends the verification e-mail; for an address that
  // has an account already, e-mails its owner instead and answers the same. Errors:
  // kInvalidArgument (field errors), kPermissionDenied "accounts_disabled", "refused" (the
  // store banned a customer with this address), kUnavailable "too_many_requests".
  Status Register(const Registration& input, const audit::Actor& from);
  // Uses a verification or e-mail-change link, with the account's password (the link proves
  // the address; the password that whoever opens it chose the account). Verifying a new
  // account sends "welcome" and, when a guest record has the address, turns that record into
  // the account. Errors: kInvalidArgument "invalid_link", "link_expired", "link_used", field
  // "password" (required, wrong_password); kAlreadyExists "email_taken" (the new address has
  // an account meanwhile); kUnavailable "too_many_attempts".
  struct Verified {
    std::string email;
    bool email_changed = false;  // an e-mail change; else a new account's address
  };
  Result<Verified> Verify(const std::string& token, const std::string& password,
                          const audit::Actor& from);
  // Sends a fresh verification link when the address has an unverified account; the same
  // answer otherwise. Errors: kUnavailable "too_many_requests" (per address and IP).
  Status ResendVerification(const std::string& email, const audit::Actor& from);

  // Errors: kUnauthenticated "invalid_credentials"; kPermissionDenied "email_unverified",
  // "account_blocked", "accounts_disabled"; kUnavailable "too_many_attempts".
  Result<SignIn> Login(const std::string& email, const std::string& password,
                       const audit::Actor& from);
  // Sends a sign-in code by SMS for a challenge whose methods include "sms" (at most 3 per
  // 15 minutes). Errors: kUnauthenticated "challenge_expired", kFailedPrecondition
  // "sms_unavailable", kUnavailable "too_many_requests".
  Status SendSignInCode(const std::string& challenge, const audit::Actor& from);
  // The second step: `method` "totp", "sms" or "recovery_code". Errors: kUnauthenticated
  // "invalid_code", "challenge_expired"; kInvalidArgument "invalid_method";
  // kUnavailable "too_many_attempts".
  Result<NewSession> CompleteSignIn(const std::string& challenge, const std::string& method,
                                    const std::string& code, const audit::Actor& from);
  // The shopper of a session cookie (refreshes its idle expiry). Errors: kUnauthenticated.
  Result<Shopper> Authenticate(const std::string& secret);
  Status Logout(const std::string& secret, const audit::Actor& actor);

  // Sends a reset link when the address has an account; the same answer otherwise.
  // Errors: kUnavailable "too_many_requests".
  Status ForgotPassword(const std::string& email, const audit::Actor& from);
  // Sets a new password from a reset link and ends every session. Errors: as Verify's links,
  // kInvalidArgument (password rules).
  Status ResetPassword(const std::string& token, const std::string& password,
                       const audit::Actor& from);

  Result<Me> GetMe(const Shopper& shopper);
  // Errors: kInvalidArgument (field errors).
  Result<Me> UpdateMe(const Shopper& shopper, const ProfileChange& change,
                      const audit::Actor& actor);
  // Sends a link to the new address and a notice to the old one; the address changes when the
  // link is used. Errors: kInvalidArgument (email, password "wrong_password").
  // Returns the new address as it is kept. Also kUnavailable "too_many_requests".
  Result<std::string> ChangeEmail(const Shopper& shopper, const std::string& new_email,
                                  const std::string& password, const audit::Actor& actor);
  // Errors: kInvalidArgument ("current_password" wrong_password, "new_password" rules).
  // Every other session ends.
  Status ChangePassword(const Shopper& shopper, const std::string& current, const std::string& next,
                        const audit::Actor& actor);

  Result<std::vector<SessionInfo>> ListSessions(const Shopper& shopper);
  // Errors: kNotFound "session_not_found".
  Status EndSession(const Shopper& shopper, const std::string& session_id,
                    const audit::Actor& actor);
  Result<int64_t> EndOtherSessions(const Shopper& shopper, const audit::Actor& actor);

  // TOTP: start with the password, confirm with a first code (returns ten recovery codes,
  // shown once), turn off with password and a current code. Errors: kInvalidArgument
  // ("password" required/wrong_password, "code" invalid_code), kFailedPrecondition
  // "totp_off", "totp_not_started".
  Result<TotpSetup> StartTotp(const Shopper& shopper, const std::string& password,
                              const audit::Actor& actor);
  Result<std::vector<std::string>> ConfirmTotp(const Shopper& shopper, const std::string& code,
                                               const audit::Actor& actor);
  Status DisableTotp(const Shopper& shopper, const std::string& password, const std::string& code,
                     const audit::Actor& actor);
  // New recovery codes replace the old ones. Errors: as StartTotp, "totp_off".
  Result<std::vector<std::string>> RegenerateRecoveryCodes(const Shopper& shopper,
                                                           const std::string& password,
                                                           const audit::Actor& actor);

  // SMS codes to the profile's phone: start with the password (a code goes to the phone),
  // confirm with that code; it returns new recovery codes when the account had none (else an
  // empty list). Changing the phone turns SMS codes off. Errors: kInvalidArgument ("password",
  // "code" invalid_code), kFailedPrecondition "sms_unavailable", "phone_required",
  // "sms_not_started", "sms_off", kUnavailable "too_many_requests".
  Status StartSms(const Shopper& shopper, const std::string& password, const audit::Actor& actor);
  Result<std::vector<std::string>> ConfirmSms(const Shopper& shopper, const std::string& code,
                                              const audit::Actor& actor);
  Status DisableSms(const Shopper& shopper, const std::string& password, const audit::Actor& actor);

  // Records a request to delete the account (an admin carries it out). Returns its time.
  // Errors: kInvalidArgument ("password" wrong_password).
  Result<int64_t> RequestDeletion(const Shopper& shopper, const std::string& password,
                                  const audit::Actor& actor);

  // For the admin: the account state of any customer (all empty for guests).
  // Errors: kNotFound "customer_not_found".
  Result<AccountState> StateOf(const std::string& customer_public_id);

  // Records a guest checkout: one guest record per e-mail address, updated by later
  // checkouts; the checkout of an address with an account is the account's. Returns the record
  // and whether it was created. Errors: kInvalidArgument, kFailedPrecondition
  // "guest_checkout_off" (accounts are required), kPermissionDenied "refused" (banned address).
  Result<std::pair<customers::Customer, bool>> RecordGuest(const audit::Actor& actor,
                                                           const GuestCheckout& input);

  // On the caller's transaction: ends every session of the customer (a ban, a deactivation).
  static Status EndAllSessions(db::Connection& tx, int64_t customer_id);

  // The admin's tools on a customer's account (each audited; e-mails through the outbox).
  // Errors of all: kNotFound "customer_not_found", kFailedPrecondition "guest_record" (guests
  // have no account), "customer_banned".
  //
  // Sends the invitation (a link to choose a password, valid 7 days) to an account without a
  // password, or sign-in instructions to one with one. Returns which: "invitation" or
  // "sign_in_instructions". Also kFailedPrecondition "customer_has_no_email".
  Result<std::string> SendLoginEmail(const audit::Actor& actor, const std::string& customer_id);
  // A guest record becomes an account, and its invitation goes out. Errors: kFailedPrecondition
  // "not_a_guest", "customer_has_no_email", "customer_banned", kAlreadyExists "email_taken".
  Result<customers::Customer> ConvertGuest(const audit::Actor& actor,
                                           const std::string& customer_id);
  // Bulk forms, all on one transaction (see db/bulk.hpp): customers a tool does not apply to
  // are skipped with the tool's error code. Errors: kInvalidArgument "ids" (1 to 500).
  Result<db::BulkOutcome> BulkLoginEmail(const audit::Actor& actor,
                                         const std::vector<std::string>& ids);
  Result<db::BulkOutcome> BulkPasswordReset(const audit::Actor& actor,
                                            const std::vector<std::string>& ids);
  Result<db::BulkOutcome> BulkConvertGuests(const audit::Actor& actor,
                                            const std::vector<std::string>& ids);
  // Withdraws a marketing consent ("email", "sms", "messenger"), recorded with its time and
  // source "admin" (the audit event names the admin). Errors: kInvalidArgument "channel".
  Result<customers::Customer> WithdrawConsent(const audit::Actor& actor,
                                              const std::string& customer_id,
                                              const std::string& channel);
  // Sends a password-reset link (valid 1 hour).
  Status SendPasswordReset(const audit::Actor& actor, const std::string& customer_id);
  // Sets a random temporary password, returned once (never stored but hashed), which the next
  // sign-in must replace; every session ends.
  Result<std::string> SetTemporaryPassword(const audit::Actor& actor,
                                           const std::string& customer_id);
  // Turns TOTP off (the customer lost the device).
  Status ResetTotp(const audit::Actor& actor, const std::string& customer_id);
  // Sets the SMS phone and turns SMS codes on (the admin vouches for the number), or off with
  // "". Errors: kInvalidArgument ("phone"), kFailedPrecondition "sms_unavailable".
  Status SetSmsPhone(const audit::Actor& actor, const std::string& customer_id,
                     const std::string& phone);
  // New recovery codes, which the customer sees once at the next sign-in (the admin never
  // does). Also kFailedPrecondition "no_second_factor".
  Status RegenerateRecoveryCodesFor(const audit::Actor& actor, const std::string& customer_id);
  Result<std::vector<SessionInfo>> SessionsOf(const std::string& customer_id);
  // Ends one session (kNotFound "session_not_found") or, with an empty id, all of them;
  // returns how many ended.
  Result<int64_t> EndSessionsOf(const audit::Actor& actor, const std::string& customer_id,
                                const std::string& session_id);

  // Login as customer: opens a session of the customer's area for `admin`, at most 30 minutes
  // and no longer than the admin's own browser session. Audited as
  // customer.assistance_started. Errors: kNotFound "customer_not_found", kFailedPrecondition
  // "guest_record", "customer_banned", "customer_inactive", "assistance_not_allowed" (the store
  // asks customers to allow it and this one has not).
  Result<NewSession> StartAssistance(const audit::Actor& actor, const Assistant& admin,
                                     const std::string& customer_id);
  // The customer's own switch for login as customer; turning it off ends the sessions admins
  // opened as them.
  Result<Me> SetAssistanceAllowed(const Shopper& shopper, bool allowed, const audit::Actor& actor);

  // Deletes expired sessions and links (run periodically by a serving node).
  Result<PurgeReport> PurgeExpired();

 private:
  // Sends a mail to the account of `email` through `send` (which returns whether it queued
  // one), limited per address (`limit_key`) and IP whether or not there is an account, so
  // neither the answer nor the limit tells. Errors: kPermissionDenied "accounts_disabled",
  // kUnavailable "too_many_requests".
  using AccountMail = std::function<Result<bool>(db::Connection&, const customers::Customer&,
                                                 const audit::Actor&, int64_t now)>;
  Status MailIfAccount(const std::string& email, const audit::Actor& from,
                       const std::string& limit_key, const AccountMail& send);
  // The account takes the guest record of its (now proved) address, if there is one; returns
  // the customer the account is now.
  Result<customers::Customer> AdoptGuestRecord(db::Connection& tx,
                                               const customers::Customer& account,
                                               const audit::Actor& from, int64_t now);
  Result<std::string> NewLink(db::Connection& tx, int64_t customer_id, const std::string& purpose,
                              const std::string& email, int64_t ttl, int64_t now);
  std::string LinkUrl(const std::string& path, const std::string& token) const;
  Result<NewSession> OpenSession(int64_t customer_id, const std::string& customer_public_id,
                                 const throttle::Attempt& attempt, const std::string& account_key,
                                 const audit::Actor& from, int64_t now);
  // Reserves a sign-in attempt for the shopper's account and IP (released on success).
  Result<throttle::Attempt> ReserveSignInAttempt(const Shopper& shopper, const audit::Actor& actor,
                                                 int64_t now);
  // Checks the password of a signed-in shopper, throttled like a sign-in.
  Status CheckPassword(const Shopper& shopper, const std::string& password, const char* field,
                       const audit::Actor& actor, int64_t now);
  static Result<AccountState> ReadState(db::Connection& c, int64_t customer_id, int64_t now);
  // The name of the admin of an assisted session ("" for the customer's own sessions, and
  // "store staff" for an admin who may no longer act).
  std::string AssistantName(const std::string& admin_public_id);
  Result<std::string> OpenSecret(const std::string& stored);
  Result<std::vector<std::string>> StoreRecoveryCodes(db::Connection& tx, int64_t customer_id);
  // The customer of an admin tool on the caller's transaction; makes its account row (without
  // a password) for a registered customer an admin created. Errors: as the tools'.
  // With `mails`, also kFailedPrecondition "customer_has_no_email". Refuses before it writes.
  Result<customers::Customer> ToolTarget(db::Connection& tx, const std::string& customer_id,
                                         int64_t now, bool mails = false);
  // The tools' work on the caller's transaction (shared by the single and bulk forms); each
  // refuses a customer before it writes anything for them.
  Result<std::string> LoginEmailIn(db::Connection& tx, const audit::Actor& actor,
                                   const std::string& customer_id, int64_t now);
  Status PasswordResetIn(db::Connection& tx, const audit::Actor& actor,
                         const std::string& customer_id, int64_t now);
  Result<customers::Customer> ConvertGuestIn(db::Connection& tx, const audit::Actor& actor,
                                             const std::string& customer_id, int64_t now);
  // Draws a 6-digit code, stores it as a short-lived link of `purpose` and queues the SMS.
  Status SendCode(db::Connection& tx, const customers::Customer& customer, const std::string& phone,
                  const std::string& purpose, const audit::Actor& actor, int64_t now);
  // Whether `code` is the customer's current code of `purpose` sent to `phone`; uses it when
  // it is.
  Result<bool> UseCode(db::Connection& tx, int64_t customer_id, const std::string& purpose,
                       const std::string& code, const std::string& phone, int64_t now);

  db::Database& db_;
  const Clock& clock_;
  crypto::SecretBox& secrets_;
  customers::Service& customers_;
  addresses::Service& addresses_;
  messages::Service& messages_;
  throttle::Throttle throttle_;
  std::string public_url_ = "http://127.0.0.1:8080";
  bool sms_available_ = false;
  AssistantCheck assistant_check_;
  std::string dummy_hash_;  // verified for unknown addresses, so both answers take as long
};

}  // namespace clientele::accounts
