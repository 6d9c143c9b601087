-- Duplicates: the key e-mail addresses are compared by (see EmailMatchKey: no "+tag", no dots
-- for Gmail), phone numbers indexed for equality, and the pairs an admin dismissed as not
-- duplicates, remembered (lower customer id first).

ALTER TABLE customers ADD COLUMN email_match TEXT NOT NULL DEFAULT '';
-- The same rule as EmailMatchKey, for the rows already stored.
UPDATE customers SET email_match = (
  SELECT CASE WHEN d = 'gmail.com' THEN replace(l, '.', '') ELSE l END || '@' || d FROM (
    SELECT CASE WHEN instr(lp, '+') > 0 THEN substr(lp, 1, instr(lp, '+') - 1) ELSE lp END AS l,
           CASE WHEN dp = 'googlemail.com' THEN 'gmail.com' ELSE dp END AS d FROM (
      SELECT substr(customers.email_key, 1, instr(customers.email_key, '@') - 1) AS lp,
             substr(customers.email_key, instr(customers.email_key, '@') + 1) AS dp)))
WHERE email_key LIKE '%@%';
CREATE INDEX customers_email_match ON customers (email_match) WHERE email_match <> '';
CREATE INDEX customers_phone ON customers (phone) WHERE phone <> '';

CREATE TABLE duplicate_dismissals (
  customer_a   INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  customer_b   INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  actor_type   TEXT NOT NULL,
  actor_id     TEXT NOT NULL DEFAULT '',
  dismissed_at INTEGER NOT NULL,
  PRIMARY KEY (customer_a, customer_b)
);
CREATE INDEX duplicate_dismissals_b ON duplicate_dismissals (customer_b);
