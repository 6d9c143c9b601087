-- Messages: the outbox of every e-mail the store sends, kept as each customer's message log,
-- and the e-mail templates the store owner edited (built-in texts live in the binary).

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  public_id       TEXT NOT NULL UNIQUE,
  customer_id     INTEGER REFERENCES customers(id),
  to_address      TEXT NOT NULL,
  to_name         TEXT NOT NULL DEFAULT '',
  subject         TEXT NOT NULL,
  body_text       TEXT NOT NULL,
  body_html       TEXT NOT NULL DEFAULT '',
  template        TEXT NOT NULL,
  language        TEXT NOT NULL DEFAULT '',
  -- RFC 5322 Message-ID, chosen once at queueing and kept across retries.
  message_id      TEXT NOT NULL UNIQUE,
  status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  -- A sender holds a message while delivering it; another node may take it after this instant.
  claimed_until   INTEGER,
  last_error      TEXT NOT NULL DEFAULT '',
  resend_of       INTEGER REFERENCES messages(id),
  actor_type      TEXT NOT NULL DEFAULT 'system',
  actor_id        TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE INDEX messages_due ON messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX messages_customer ON messages (customer_id, id);
CREATE INDEX messages_status ON messages (status, id);

CREATE TABLE message_templates (
  template   TEXT NOT NULL,
  language   TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body_text  TEXT NOT NULL,
  body_html  TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (template, language)
);
