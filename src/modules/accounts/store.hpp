// SQL for shopper accounts (credentials, second factor), their sessions, single-use links,
// recovery codes and consent history, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/accounts/model.hpp"

namespace clientele::accounts::store {

struct AccountRow {
  int64_t customer_id = 0;
  std::string password_hash;
  std::optional<int64_t> email_verified_at;
  std::string totp_secret, totp_pending;  // sealed
  int64_t totp_last_step = 0;
  std::string sms_phone;  // where SMS codes go; empty when they are off
  bool sms_enabled() const { return !sms_phone.empty(); }
  std::string pending_email;
  bool must_change_password = false;
  std::string recovery_codes_to_show;  // sealed, one code per line; empty when none
  std::optional<int64_t> deletion_requested_at;
  std::optional<int64_t> assistance_allowed_at;  // the customer lets store staff sign in as them
};

Status InsertAccount(db::Connection& c, int64_t customer_id, const std::string& password_hash,
                     int64_t now);
Result<std::optional<AccountRow>> FindAccount(db::Connection& c, int64_t customer_id);
// Sets the password; `must_change` marks it temporary (the next sign-in must replace it).
Status SetPassword(db::Connection& c, int64_t customer_id, const std::string& hash, int64_t now,
                   bool must_change = false);
Status SetRecoveryCodesToShow(db::Connection& c, int64_t customer_id, const std::string& sealed,
                              int64_t now);
Status SetVerified(db::Connection& c, int64_t customer_id, int64_t now);
Status SetPendingEmail(db::Connection& c, int64_t customer_id, const std::string& email,
                       int64_t now);
Status SetTotp(db::Connection& c, int64_t customer_id, const std::string& secret,
               const std::string& pending, int64_t last_step, int64_t now);
// Records `step` as used unless it or a later one was; returns whether it was recorded.
Result<bool> ConsumeTotpStep(db::Connection& c, int64_t customer_id, int64_t step);
// Turns SMS codes on for `phone`, or off with "".
Status SetSmsPhone(db::Connection& c, int64_t customer_id, const std::string& phone, int64_t now);
Status SetDeletionRequested(db::Connection& c, int64_t customer_id, int64_t now);
// Allows store staff to sign in as the customer from `allowed_at`, or no longer with nullopt.
Status SetAssistanceAllowed(db::Connection& c, int64_t customer_id,
                            std::optional<int64_t> allowed_at, int64_t now);
// Moves every account row of `from` (account, sessions, links, codes, consents) to `to`, whose
// own account row is replaced.
// Merge: the merged customer's consent history moves to the survivor; its sessions, links and
// recovery codes end (its sign-in account goes with its row). Returns the sessions ended.
Result<int64_t> SessionCount(db::Connection& c, int64_t customer_id);
Result<int64_t> EndForMerge(db::Connection& c, int64_t from, int64_t to);
Status MoveAccount(db::Connection& c, int64_t from, int64_t to);

struct SessionRow {
  int64_t id = 0;
  std::string public_id;
  int64_t customer_id = 0;
  std::string csrf_token;
  int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
  std::string ip, user_agent;
  // A session an admin opened as the customer: the admin's public id and browser session.
  std::string assisted_by;
  std::optional<int64_t> admin_session_id;
  std::string customer_public_id, customer_status;  // filled by FindSession
  bool must_change_password = false;                // filled by FindSession
};
Status InsertSession(db::Connection& c, const SessionRow& s, const std::string& token_hash);
// The session with its customer's public id and status.
Result<std::optional<SessionRow>> FindSession(db::Connection& c, const std::string& token_hash);
Result<std::vector<SessionRow>> ListSessions(db::Connection& c, int64_t customer_id, int64_t now,
                                             int64_t idle_micros);
Status TouchSession(db::Connection& c, int64_t session_id, int64_t now);
Status DeleteSessionByHash(db::Connection& c, const std::string& token_hash);
// Returns how many ended.
Result<int64_t> DeleteSession(db::Connection& c, int64_t customer_id, const std::string& public_id);
Result<int64_t> DeleteSessionsExcept(db::Connection& c, int64_t customer_id, int64_t keep_id);
// Ends the sessions admins opened as the customer; returns how many ended.
Result<int64_t> DeleteAssistedSessions(db::Connection& c, int64_t customer_id);
Result<int64_t> PurgeSessions(db::Connection& c, int64_t now, int64_t idle_micros);

struct LinkRow {
  int64_t id = 0;
  int64_t customer_id = 0;
  std::string customer_public_id;  // filled by FindLink
  std::string purpose, email;
  int64_t created_at = 0, expires_at = 0;
  std::optional<int64_t> used_at;
  std::string token_hash;  // filled by FindActiveLink
};
Status InsertLink(db::Connection& c, const std::string& token_hash, const LinkRow& link);
Result<std::optional<LinkRow>> FindLink(db::Connection& c, const std::string& token_hash);
// The newest link of `purpose` of the customer that is unused and unexpired.
Result<std::optional<LinkRow>> FindActiveLink(db::Connection& c, int64_t customer_id,
                                              const std::string& purpose, int64_t now);
// Marks the link used unless it was; returns whether this call used it.
Result<bool> UseLink(db::Connection& c, int64_t link_id, int64_t now);
// Marks every unused link of the customer for `purpose` used (a newer one replaces them).
Status RetireLinks(db::Connection& c, int64_t customer_id, const std::string& purpose, int64_t now);
// How many links of `purpose` the customer got since `since` (resend limits).
Result<int64_t> CountLinksSince(db::Connection& c, int64_t customer_id, const std::string& purpose,
                                int64_t since);
Result<int64_t> PurgeLinks(db::Connection& c, int64_t before);

Status ReplaceRecoveryCodes(db::Connection& c, int64_t customer_id,
                            const std::vector<std::string>& code_hashes);
// Uses the unused code with this hash; returns whether there was one.
Result<bool> UseRecoveryCode(db::Connection& c, int64_t customer_id, const std::string& code_hash,
                             int64_t now);
Result<int64_t> CountRecoveryCodesLeft(db::Connection& c, int64_t customer_id);

Status InsertConsentEvent(db::Connection& c, int64_t customer_id, const std::string& channel,
                          bool granted, const std::string& source, const std::string& ip,
                          int64_t now);
Result<std::vector<ConsentEvent>> ListConsentEvents(db::Connection& c, int64_t customer_id);

}  // namespace clientele::accounts::store
