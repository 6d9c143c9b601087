#include "modules/accounts/store.hpp"

namespace clientele::accounts::store {
namespace {

constexpr const char* kAccountColumns =
    "customer_id, password_hash, email_verified_at, totp_secret, totp_pending, totp_last_step,"
    " pending_email, deletion_requested_at, sms_phone, must_change_password,"
    " recovery_codes_to_show, assistance_allowed_at";

constexpr const char* kSessionColumns =
    "id, public_id, customer_id, csrf_token, created_at, last_seen_at, expires_at, ip,"
    " user_agent, assisted_by, admin_session_id";

SessionRow ReadSession(const db::Row& r) {
  SessionRow s;
  s.id = r.Int(0);
  s.public_id = r.Text(1);
  s.customer_id = r.Int(2);
  s.csrf_token = r.Text(3);
  s.created_at = r.Int(4);
  s.last_seen_at = r.Int(5);
  s.expires_at = r.Int(6);
  s.ip = r.Text(7);
  s.user_agent = r.Text(8);
  s.assisted_by = r.Text(9);
  s.admin_session_id = r.OptInt(10);
  return s;
}

}  // namespace

Status InsertAccount(db::Connection& c, int64_t customer_id, const std::string& password_hash,
                     int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO customer_accounts (customer_id, password_hash,"
                " created_at, updated_at) VALUES ($1, $2, $3, $3)",
                {customer_id, password_hash, now}));
  return OkStatus();
}

Result<std::optional<AccountRow>> FindAccount(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string("SELECT ") + kAccountColumns +
                                              " FROM customer_accounts WHERE customer_id = $1",
                                          {customer_id}));
  if (rows.empty()) return std::optional<AccountRow>();
  const db::Row& r = rows[0];
  AccountRow a;
  a.customer_id = r.Int(0);
  a.password_hash = r.Text(1);
  a.email_verified_at = r.OptInt(2);
  a.totp_secret = r.Text(3);
  a.totp_pending = r.Text(4);
  a.totp_last_step = r.Int(5);
  a.pending_email = r.Text(6);
  a.deletion_requested_at = r.OptInt(7);
  a.sms_phone = r.Text(8);
  a.must_change_password = r.Bool(9);
  a.recovery_codes_to_show = r.Text(10);
  a.assistance_allowed_at = r.OptInt(11);
  return std::optional<AccountRow>(std::move(a));
}

Status SetPassword(db::Connection& c, int64_t customer_id, const std::string& hash, int64_t now,
                   bool must_change) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET password_hash = $2, updated_at = $3,"
                " must_change_password = $4 WHERE customer_id = $1",
                {customer_id, hash, now, int64_t{must_change ? 1 : 0}}));
  return OkStatus();
}

Status SetRecoveryCodesToShow(db::Connection& c, int64_t customer_id, const std::string& sealed,
                              int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET recovery_codes_to_show = $2,"
                " updated_at = $3 WHERE customer_id = $1",
                {customer_id, sealed, now}));
  return OkStatus();
}

Status SetVerified(db::Connection& c, int64_t customer_id, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET email_verified_at = $2, updated_at = $2"
                " WHERE customer_id = $1",
                {customer_id, now}));
  return OkStatus();
}

Status SetPendingEmail(db::Connection& c, int64_t customer_id, const std::string& email,
                       int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET pending_email = $2, updated_at = $3"
                " WHERE customer_id = $1",
                {customer_id, email, now}));
  return OkStatus();
}

Status SetTotp(db::Connection& c, int64_t customer_id, const std::string& secret,
               const std::string& pending, int64_t last_step, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET totp_secret = $2, totp_pending = $3,"
                " totp_last_step = $4, updated_at = $5 WHERE customer_id = $1",
                {customer_id, secret, pending, last_step, now}));
  return OkStatus();
}

Result<bool> ConsumeTotpStep(db::Connection& c, int64_t customer_id, int64_t step) {
  ASSIGN_OR_RETURN(int64_t n, c.Execute("UPDATE customer_accounts SET totp_last_step = $2"
                                        " WHERE customer_id = $1 AND totp_last_step < $2",
                                        {customer_id, step}));
  return n == 1;
}

Status SetSmsPhone(db::Connection& c, int64_t customer_id, const std::string& phone, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET sms_phone = $2, updated_at = $3"
                " WHERE customer_id = $1",
                {customer_id, phone, now}));
  return OkStatus();
}

Status SetDeletionRequested(db::Connection& c, int64_t customer_id, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET deletion_requested_at = $2,"
                " updated_at = $2 WHERE customer_id = $1",
                {customer_id, now}));
  return OkStatus();
}

Status SetAssistanceAllowed(db::Connection& c, int64_t customer_id,
                            std::optional<int64_t> allowed_at, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_accounts SET assistance_allowed_at = $2,"
                " updated_at = $3 WHERE customer_id = $1",
                {customer_id, db::Nullable(allowed_at), now}));
  return OkStatus();
}

Status MoveAccount(db::Connection& c, int64_t from, int64_t to) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_accounts WHERE customer_id = $1", {to}));
  for (const char* table : {"customer_accounts", "customer_sessions", "account_links",
                            "customer_recovery_codes", "consent_events"}) {
    RETURN_IF_ERROR(
        c.Execute(std::string("UPDATE ") + table + " SET customer_id = $2 WHERE customer_id = $1",
                  {from, to}));
  }
  return OkStatus();
}

Status InsertSession(db::Connection& c, const SessionRow& s, const std::string& token_hash) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO customer_sessions (public_id, token_hash, customer_id, csrf_token,"
                " created_at, last_seen_at, expires_at, ip, user_agent, assisted_by,"
                " admin_session_id) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10)",
                {s.public_id, token_hash, s.customer_id, s.csrf_token, s.created_at, s.expires_at,
                 s.ip, s.user_agent, s.assisted_by, db::Nullable(s.admin_session_id)}));
  return OkStatus();
}

Result<std::optional<SessionRow>> FindSession(db::Connection& c, const std::string& token_hash) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT s.id, s.public_id, s.customer_id, s.csrf_token, s.created_at,"
                           " s.last_seen_at, s.expires_at, s.ip, s.user_agent, s.assisted_by,"
                           " s.admin_session_id, c.public_id, c.status,"
                           " COALESCE(a.must_change_password, 0)"
                           " FROM customer_sessions s JOIN customers c ON c.id = s.customer_id"
                           " LEFT JOIN customer_accounts a ON a.customer_id = s.customer_id"
                           " WHERE s.token_hash = $1",
                           {token_hash}));
  if (rows.empty()) return std::optional<SessionRow>();
  SessionRow row = ReadSession(rows[0]);
  row.customer_public_id = rows[0].Text(11);
  row.customer_status = rows[0].Text(12);
  row.must_change_password = rows[0].Bool(13);
  return std::optional<SessionRow>(std::move(row));
}

Result<std::vector<SessionRow>> ListSessions(db::Connection& c, int64_t customer_id, int64_t now,
                                             int64_t idle_micros) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string("SELECT ") + kSessionColumns +
                                              " FROM customer_sessions WHERE customer_id = $1"
                                              " AND expires_at > $2 AND last_seen_at > $3"
                                              " ORDER BY last_seen_at DESC, id DESC",
                                          {customer_id, now, now - idle_micros}));
  std::vector<SessionRow> out;
  for (const auto& r : rows) out.push_back(ReadSession(r));
  return out;
}

Status TouchSession(db::Connection& c, int64_t session_id, int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE customer_sessions SET last_seen_at = $2 WHERE id = $1", {session_id, now}));
  return OkStatus();
}

Status DeleteSessionByHash(db::Connection& c, const std::string& token_hash) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM customer_sessions WHERE token_hash = $1", {token_hash}));
  return OkStatus();
}

Result<int64_t> DeleteSession(db::Connection& c, int64_t customer_id,
                              const std::string& public_id) {
  return c.Execute("DELETE FROM customer_sessions WHERE customer_id = $1 AND public_id = $2",
                   {customer_id, public_id});
}

Result<int64_t> DeleteSessionsExcept(db::Connection& c, int64_t customer_id, int64_t keep_id) {
  return c.Execute("DELETE FROM customer_sessions WHERE customer_id = $1 AND id <> $2",
                   {customer_id, keep_id});
}

Result<int64_t> DeleteAssistedSessions(db::Connection& c, int64_t customer_id) {
  return c.Execute("DELETE FROM customer_sessions WHERE customer_id = $1 AND assisted_by <> ''",
                   {customer_id});
}

Result<int64_t> PurgeSessions(db::Connection& c, int64_t now, int64_t idle_micros) {
  return c.Execute("DELETE FROM customer_sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
                   {now, now - idle_micros});
}

Status InsertLink(db::Connection& c, const std::string& token_hash, const LinkRow& link) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO account_links (token_hash, customer_id, purpose, email, created_at,"
      " expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {token_hash, link.customer_id, link.purpose, link.email, link.created_at, link.expires_at}));
  return OkStatus();
}

Result<std::optional<LinkRow>> FindLink(db::Connection& c, const std::string& token_hash) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT l.id, l.customer_id, c.public_id, l.purpose, l.email,"
                           " l.created_at, l.expires_at, l.used_at FROM account_links l"
                           " JOIN customers c ON c.id = l.customer_id WHERE l.token_hash = $1",
                           {token_hash}));
  if (rows.empty()) return std::optional<LinkRow>();
  const db::Row& r = rows[0];
  return std::optional<LinkRow>(LinkRow{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4),
                                        r.Int(5), r.Int(6), r.OptInt(7), token_hash});
}

Result<std::optional<LinkRow>> FindActiveLink(db::Connection& c, int64_t customer_id,
                                              const std::string& purpose, int64_t now) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT id, customer_id, purpose, email, created_at, expires_at,"
                           " token_hash FROM account_links WHERE customer_id = $1 AND purpose = $2"
                           " AND used_at IS NULL AND expires_at > $3 ORDER BY id DESC LIMIT 1",
                           {customer_id, purpose, now}));
  if (rows.empty()) return std::optional<LinkRow>();
  const db::Row& r = rows[0];
  LinkRow link;
  link.id = r.Int(0);
  link.customer_id = r.Int(1);
  link.purpose = r.Text(2);
  link.email = r.Text(3);
  link.created_at = r.Int(4);
  link.expires_at = r.Int(5);
  link.token_hash = r.Text(6);
  return std::optional<LinkRow>(std::move(link));
}

Result<bool> UseLink(db::Connection& c, int64_t link_id, int64_t now) {
  ASSIGN_OR_RETURN(int64_t n, c.Execute("UPDATE account_links SET used_at = $2 WHERE id = $1"
                                        " AND used_at IS NULL",
                                        {link_id, now}));
  return n == 1;
}

Status RetireLinks(db::Connection& c, int64_t customer_id, const std::string& purpose,
                   int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE account_links SET used_at = $3 WHERE customer_id = $1"
                " AND purpose = $2 AND used_at IS NULL",
                {customer_id, purpose, now}));
  return OkStatus();
}

Result<int64_t> CountLinksSince(db::Connection& c, int64_t customer_id, const std::string& purpose,
                                int64_t since) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT count(*) FROM account_links WHERE customer_id = $1"
                           " AND purpose = $2 AND created_at >= $3",
                           {customer_id, purpose, since}));
  return rows.at(0).Int(0);
}

Result<int64_t> PurgeLinks(db::Connection& c, int64_t before) {
  return c.Execute("DELETE FROM account_links WHERE expires_at < $1", {before});
}

Status ReplaceRecoveryCodes(db::Connection& c, int64_t customer_id,
                            const std::vector<std::string>& code_hashes) {
  RETURN_IF_ERROR(
      c.Execute("DELETE FROM customer_recovery_codes WHERE customer_id = $1", {customer_id}));
  for (const auto& hash : code_hashes) {
    RETURN_IF_ERROR(
        c.Execute("INSERT INTO customer_recovery_codes (customer_id, code_hash) VALUES ($1, $2)",
                  {customer_id, hash}));
  }
  return OkStatus();
}

Result<bool> UseRecoveryCode(db::Connection& c, int64_t customer_id, const std::string& code_hash,
                             int64_t now) {
  ASSIGN_OR_RETURN(int64_t n,
                   c.Execute("UPDATE customer_recovery_codes SET used_at = $3"
                             " WHERE customer_id = $1 AND code_hash = $2 AND used_at IS NULL",
                             {customer_id, code_hash, now}));
  return n > 0;
}

Result<int64_t> CountRecoveryCodesLeft(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT count(*) FROM customer_recovery_codes"
                                          " WHERE customer_id = $1 AND used_at IS NULL",
                                          {customer_id}));
  return rows.at(0).Int(0);
}

Status InsertConsentEvent(db::Connection& c, int64_t customer_id, const std::string& channel,
                          bool granted, const std::string& source, const std::string& ip,
                          int64_t now) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO consent_events (customer_id, channel, granted, source, recorded_at,"
                " ip) VALUES ($1, $2, $3, $4, $5, $6)",
                {customer_id, channel, int64_t{granted ? 1 : 0}, source, now, ip}));
  return OkStatus();
}

Result<std::vector<ConsentEvent>> ListConsentEvents(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT channel, granted, source, ip, recorded_at FROM consent_events"
                           " WHERE customer_id = $1 ORDER BY id",
                           {customer_id}));
  std::vector<ConsentEvent> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Bool(1), r.Text(2), r.Text(3), r.Int(4)});
  return out;
}

Result<int64_t> SessionCount(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT COUNT(*) FROM customer_sessions WHERE customer_id = $1", {customer_id}));
  return rows.at(0).Int(0);
}

Result<int64_t> EndForMerge(db::Connection& c, int64_t from, int64_t to) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE consent_events SET customer_id = $2 WHERE customer_id = $1", {from, to}));
  ASSIGN_OR_RETURN(int64_t sessions,
                   c.Execute("DELETE FROM customer_sessions WHERE customer_id = $1", {from}));
  for (const char* table : {"account_links", "customer_recovery_codes", "customer_accounts"}) {
    RETURN_IF_ERROR(
        c.Execute(std::string("DELETE FROM ") + table + " WHERE customer_id = $1", {from}));
  }
  return sessions;
}

}  // namespace clientele::accounts::store
