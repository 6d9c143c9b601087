-- Duplicates: the key e-mail addresses are compared by (see EmailMatchKey: no "+tag", no dots
-- for Gmail), phone numbers indexed for equality, and the pairs an admin dismissed as not
-- duplicates, remembered (lower customer id first).

ALTER TABLE customers ADD COLUMN email_match TEXT NOT NULL DEFAULT '';
-- The same rule as EmailMatchKey, for the rows already stored.
UPDATE customers SET email_match =
  (CASE WHEN d = 'gmail.com' THEN replace(l, '.', '') ELSE l END) || '@' || d
FROM (SELECT id AS cid, split_part(split_part(email_key, '@', 1), '+', 1) AS l,
             CASE WHEN split_part(email_key, '@', 2) = 'googlemail.com' THEN 'gmail.com'
                  ELSE split_part(email_key, '@', 2) END AS d
      FROM customers WHERE email_key LIKE '%@%') AS k
WHERE customers.id = k.cid;
CREATE INDEX customers_email_match ON customers (email_match) WHERE email_match <> '';
CREATE INDEX customers_phone ON customers (phone) WHERE phone <> '';

CREATE TABLE duplicate_dismissals (
  customer_a   BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  customer_b   BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  actor_type   TEXT NOT NULL,
  actor_id     TEXT NOT NULL DEFAULT '',
  dismissed_at BIGINT NOT NULL,
  PRIMARY KEY (customer_a, customer_b)
);
CREATE INDEX duplicate_dismissals_b ON duplicate_dismissals (customer_b);
