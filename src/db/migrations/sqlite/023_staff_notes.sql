-- Staff notes on a customer, a timeline of dated entries by their author (the admin's public
-- id; for an API token, the token's admin, with the token in via_token). They go with the
-- customer (erasure) and move with a merge.
CREATE TABLE customer_notes (
  id          INTEGER PRIMARY KEY,
  public_id   TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  body        TEXT NOT NULL,
  author_id   TEXT NOT NULL,
  via_token   TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customer_notes_customer ON customer_notes (customer_id, id);

-- When each marketing consent was last given or withdrawn (NULL: not known), for the profile
-- to say "subscribed since". Known so far only from the consent history.
ALTER TABLE customers ADD COLUMN consent_email_at INTEGER;
ALTER TABLE customers ADD COLUMN consent_sms_at INTEGER;
ALTER TABLE customers ADD COLUMN consent_messenger_at INTEGER;
UPDATE customers SET
  consent_email_at = (SELECT MAX(recorded_at) FROM consent_events e
                      WHERE e.customer_id = customers.id AND e.channel = 'email'),
  consent_sms_at = (SELECT MAX(recorded_at) FROM consent_events e
                    WHERE e.customer_id = customers.id AND e.channel = 'sms'),
  consent_messenger_at = (SELECT MAX(recorded_at) FROM consent_events e
                          WHERE e.customer_id = customers.id AND e.channel = 'messenger')
WHERE id IN (SELECT customer_id FROM consent_events);
