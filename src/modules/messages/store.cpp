#include "modules/messages/store.hpp"

#include "db/sql_builder.hpp"

namespace clientele::messages::store {
namespace {

// Columns of a log row; the full read adds the bodies.
constexpr const char* kColumns =
    "m.id, m.public_id, m.customer_id, COALESCE(cu.public_id, ''), m.to_address, m.to_name,"
    " m.subject, m.template, m.language, m.message_id, m.status, m.attempts, m.next_attempt_at,"
    " m.claimed_until, m.last_error, COALESCE(r.public_id, ''), m.actor_type, m.actor_id,"
    " m.created_at, m.updated_at, m.sent_at, m.channel";
constexpr const char* kJoins =
    " FROM messages m LEFT JOIN customers cu ON cu.id = m.customer_id"
    " LEFT JOIN messages r ON r.id = m.resend_of";

Message FromRow(const db::Row& r) {
  Message m;
  m.id = r.Int(0);
  m.public_id = r.Text(1);
  m.customer_id = r.OptInt(2);
  m.customer_public_id = r.Text(3);
  m.to_address = r.Text(4);
  m.to_name = r.Text(5);
  m.subject = r.Text(6);
  m.template_key = r.Text(7);
  m.language = r.Text(8);
  m.message_id = r.Text(9);
  m.status = ParseMessageStatus(r.Text(10)).value_or(MessageStatus::kQueued);
  m.attempts = r.Int(11);
  m.next_attempt_at = r.Int(12);
  m.claimed_until = r.OptInt(13);
  m.last_error = r.Text(14);
  m.resend_of_public_id = r.Text(15);
  m.actor_type = r.Text(16);
  m.actor_id = r.Text(17);
  m.created_at = r.Int(18);
  m.updated_at = r.Int(19);
  m.sent_at = r.OptInt(20);
  m.channel = r.Text(21) == "sms" ? Channel::kSms : Channel::kEmail;
  if (r.size() > 23) {
    m.body_text = r.Text(22);
    m.body_html = r.Text(23);
  }
  return m;
}

Result<std::optional<Message>> FindWhere(db::Connection& c, const char* where,
                                         const db::Value& key) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string("SELECT ") + kColumns + ", m.body_text, m.body_html" +
                               kJoins + " WHERE " + where,
                           {key}));
  if (rows.empty()) return std::optional<Message>();
  return std::optional<Message>(FromRow(rows[0]));
}

}  // namespace

Result<int64_t> Insert(db::Connection& c, const Message& m, std::optional<int64_t> resend_of) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO messages (public_id, customer_id, to_address, to_name, subject,"
              " body_text, body_html, template, language, message_id, status, attempts,"
              " next_attempt_at, last_error, resend_of, actor_type, actor_id, created_at,"
              " updated_at, channel) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', 0,"
              " $11, '', $12, $13, $14, $15, $15, $16) RETURNING id",
              {m.public_id, db::Nullable(m.customer_id), m.to_address, m.to_name, m.subject,
               m.body_text, m.body_html, m.template_key, m.language, m.message_id,
               m.next_attempt_at, db::Nullable(resend_of), m.actor_type, m.actor_id, m.created_at,
               std::string(ToString(m.channel))}));
  return rows.at(0).Int(0);
}

Result<std::optional<Message>> FindByPublicId(db::Connection& c, std::string_view public_id) {
  return FindWhere(c, "m.public_id = $1", std::string(public_id));
}

Result<std::vector<Message>> List(db::Connection& c, const Filter& f) {
  db::SqlBuilder sql;
  sql.text = std::string("SELECT ") + kColumns + kJoins + " WHERE 1 = 1";
  if (f.status) sql.text += " AND m.status = " + sql.Param(std::string(ToString(*f.status)));
  if (f.customer_id) sql.text += " AND m.customer_id = " + sql.Param(*f.customer_id);
  if (!f.template_key.empty()) sql.text += " AND m.template = " + sql.Param(f.template_key);
  // A text anywhere in the column, its % and _ taken as they are.
  auto contains = [&](const std::string& text) {
    std::string pattern = "%";
    for (char ch : text) {
      if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
      pattern += ch;
    }
    return "lower(" + sql.Param(pattern + "%") + ") ESCAPE '\\'";
  };
  if (!f.recipient.empty()) {
    const std::string like = contains(f.recipient);
    sql.text +=
        " AND (lower(m.to_address) LIKE " + like + " OR lower(m.to_name) LIKE " + like + ")";
  }
  if (!f.subject.empty()) sql.text += " AND lower(m.subject) LIKE " + contains(f.subject);
  if (f.from) sql.text += " AND m.created_at >= " + sql.Param(*f.from);
  if (f.to) sql.text += " AND m.created_at < " + sql.Param(*f.to);
  if (f.before_id) sql.text += " AND m.id < " + sql.Param(*f.before_id);
  sql.text += " ORDER BY m.id DESC LIMIT " + sql.Param(int64_t{f.limit});
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<Message> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<Message>> ClaimDue(db::Connection& c, int64_t now, int64_t hold_until, int limit,
                                      const std::vector<Channel>& channels) {
  if (channels.empty()) return std::vector<Message>();
  db::SqlBuilder sql;
  std::string in;
  for (Channel ch : channels) {
    in += (in.empty() ? "" : ", ") + sql.Param(std::string(ToString(ch)));
  }
  // On PostgreSQL concurrent senders skip the rows another one is claiming, so each gets
  // messages of its own instead of losing its turn to the first (SQLite has one writer).
  const std::string lock = c.dialect() == db::Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  const std::string at = sql.Param(now);
  sql.text = "SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= " + at +
             " AND (claimed_until IS NULL OR claimed_until <= " + at + ") AND channel IN (" + in +
             ") ORDER BY next_attempt_at, id LIMIT " + sql.Param(int64_t{limit}) + lock;
  ASSIGN_OR_RETURN(db::Rows due, c.Query(sql.text, sql.params));
  std::vector<Message> claimed;
  for (const auto& row : due) {
    // The conditions are checked again by the UPDATE: a sender that claimed the row since the
    // SELECT wins, and this one changes nothing.
    ASSIGN_OR_RETURN(int64_t changed,
                     c.Execute("UPDATE messages SET claimed_until = $2, attempts = attempts + 1,"
                               " updated_at = $3 WHERE id = $1 AND status = 'queued'"
                               " AND (claimed_until IS NULL OR claimed_until <= $3)",
                               {row.Int(0), hold_until, now}));
    if (changed != 1) continue;
    ASSIGN_OR_RETURN(std::optional<Message> m, FindWhere(c, "m.id = $1", row.Int(0)));
    if (m) claimed.push_back(std::move(*m));
  }
  return claimed;
}

Result<bool> MarkSent(db::Connection& c, int64_t id, int64_t now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("UPDATE messages SET status = 'sent', sent_at = $2, updated_at = $2,"
                             " claimed_until = NULL, last_error = ''"
                             " WHERE id = $1 AND status = 'queued'",
                             {id, now}));
  return changed == 1;
}

Status MarkAttemptFailed(db::Connection& c, int64_t id, const std::string& error,
                         std::optional<int64_t> next_attempt_at, int64_t now) {
  if (next_attempt_at) {
    RETURN_IF_ERROR(
        c.Execute("UPDATE messages SET last_error = $2, next_attempt_at = $3,"
                  " claimed_until = NULL, updated_at = $4"
                  " WHERE id = $1 AND status = 'queued'",
                  {id, error, *next_attempt_at, now}));
  } else {
    RETURN_IF_ERROR(
        c.Execute("UPDATE messages SET status = 'failed', last_error = $2,"
                  " claimed_until = NULL, updated_at = $3"
                  " WHERE id = $1 AND status = 'queued'",
                  {id, error, now}));
  }
  return OkStatus();
}

Result<std::optional<StoredTemplate>> FindTemplate(db::Connection& c, const std::string& key,
                                                   const std::string& language) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT template, language, subject, body_text, body_html, updated_at"
                           " FROM message_templates WHERE template = $1 AND language = $2",
                           {key, language}));
  if (rows.empty()) return std::optional<StoredTemplate>();
  const auto& r = rows[0];
  return std::optional<StoredTemplate>(
      StoredTemplate{r.Text(0), r.Text(1), {r.Text(2), r.Text(3), r.Text(4)}, r.Int(5)});
}

Result<std::vector<StoredTemplate>> ListTemplates(db::Connection& c) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT template, language, subject, body_text, body_html, updated_at"
                           " FROM message_templates ORDER BY template, language"));
  std::vector<StoredTemplate> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), {r.Text(2), r.Text(3), r.Text(4)}, r.Int(5)});
  }
  return out;
}

Status SaveTemplate(db::Connection& c, const StoredTemplate& t) {
  RETURN_IF_ERROR(c.Execute(
      "INSERT INTO message_templates (template, language, subject, body_text, body_html,"
      " updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (template, language) DO UPDATE"
      " SET subject = excluded.subject, body_text = excluded.body_text,"
      " body_html = excluded.body_html, updated_at = excluded.updated_at",
      {t.template_key, t.language, t.text.subject, t.text.body_text, t.text.body_html,
       t.updated_at}));
  return OkStatus();
}

Result<bool> DeleteTemplate(db::Connection& c, const std::string& key,
                            const std::string& language) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute("DELETE FROM message_templates WHERE template = $1 AND language = $2",
                             {key, language}));
  return changed == 1;
}

Status MoveToCustomer(db::Connection& c, int64_t from, int64_t to) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE messages SET customer_id = $2 WHERE customer_id = $1", {from, to}));
  return OkStatus();
}

Status EraseCustomers(db::Connection& c, const std::vector<int64_t>& customer_ids,
                      const std::vector<int64_t>& keep) {
  if (customer_ids.empty()) return OkStatus();
  db::SqlBuilder sql;
  std::string where = "customer_id IN (" + sql.List(customer_ids) + ")";
  if (!keep.empty()) where += " AND id NOT IN (" + sql.List(keep) + ")";
  // Nothing but the notices is sent any more: the others have no recipient left.
  RETURN_IF_ERROR(c.Execute("UPDATE messages SET status = 'failed', claimed_until = NULL WHERE " +
                                where + " AND status = 'queued'",
                            sql.params));
  RETURN_IF_ERROR(
      c.Execute("UPDATE messages SET to_address = '', to_name = '', subject = '',"
                " body_text = '', body_html = '', last_error = 'The customer was deleted.'"
                " WHERE " +
                    where,
                sql.params));
  db::SqlBuilder unlink;
  RETURN_IF_ERROR(c.Execute("UPDATE messages SET customer_id = NULL WHERE customer_id IN (" +
                                unlink.List(customer_ids) + ")",
                            unlink.params));
  return OkStatus();
}

Status EraseContent(db::Connection& c, int64_t id) {
  RETURN_IF_ERROR(
      c.Execute("UPDATE messages SET to_address = '', to_name = '', subject = '',"
                " body_text = '', body_html = '' WHERE id = $1",
                {id}));
  return OkStatus();
}

Result<int64_t> CountOf(db::Connection& c, int64_t customer_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT COUNT(*) FROM messages WHERE customer_id = $1", {customer_id}));
  return rows.at(0).Int(0);
}

}  // namespace clientele::messages::store
