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
-- The latest recorded change of each, when it left the consent as it is now (a change by an
-- admin or an import recorded none, so an older event would give the wrong date).
UPDATE customers SET
  consent_email_at = (SELECT CASE WHEN e.granted = customers.consent_email THEN e.recorded_at END
                      FROM consent_events e WHERE e.customer_id = customers.id
                      AND e.channel = 'email' ORDER BY e.id DESC LIMIT 1),
  consent_sms_at = (SELECT CASE WHEN e.granted = customers.consent_sms THEN e.recorded_at END
                    FROM consent_events e WHERE e.customer_id = customers.id
                    AND e.channel = 'sms' ORDER BY e.id DESC LIMIT 1),
  consent_messenger_at = (SELECT CASE WHEN e.granted = customers.consent_messenger
                          THEN e.recorded_at END
                          FROM consent_events e WHERE e.customer_id = customers.id
                          AND e.channel = 'messenger' ORDER BY e.id DESC LIMIT 1)
WHERE id IN (SELECT customer_id FROM consent_events);
