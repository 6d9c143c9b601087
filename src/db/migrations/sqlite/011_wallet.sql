-- The wallet: store credit per customer and currency as an append-only ledger. A credit adds
-- (optionally until it expires); a debit takes from the credits that expire soonest first; an
-- expiry entry writes off what was left of an expired credit. What each debit or expiry took
-- from which credit is in wallet_allocations, so a credit's remainder is its amount less its
-- allocations. wallet_balances keeps the booked balance per customer and currency (for the list
-- and as the row every change to a wallet locks first, so concurrent debits queue up).
-- The books outlive the customer: erasure keeps the entries under the customer's public id.

CREATE TABLE wallet_entries (
  id              INTEGER PRIMARY KEY,
  public_id       TEXT NOT NULL UNIQUE,
  customer_id     INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  customer_ref    TEXT NOT NULL,
  currency        TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('credit', 'debit', 'expiry')),
  amount          INTEGER NOT NULL CHECK (amount > 0),
  expires_at      INTEGER,
  reason          TEXT NOT NULL DEFAULT '',
  order_ref       TEXT NOT NULL DEFAULT '',
  actor_type      TEXT NOT NULL,
  actor_id        TEXT NOT NULL DEFAULT '',
  idempotency_key TEXT,
  request_hash    TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  UNIQUE (customer_ref, idempotency_key)
);
CREATE INDEX wallet_entries_customer ON wallet_entries (customer_id, currency, id);
CREATE INDEX wallet_entries_created ON wallet_entries (created_at, id);
CREATE INDEX wallet_entries_expiring ON wallet_entries (expires_at) WHERE kind = 'credit';

CREATE TABLE wallet_allocations (
  entry_id  INTEGER NOT NULL REFERENCES wallet_entries(id),
  credit_id INTEGER NOT NULL REFERENCES wallet_entries(id),
  amount    INTEGER NOT NULL CHECK (amount > 0),
  PRIMARY KEY (entry_id, credit_id)
);
CREATE INDEX wallet_allocations_credit ON wallet_allocations (credit_id);

CREATE TABLE wallet_balances (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  currency    TEXT NOT NULL,
  balance     INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (customer_id, currency)
);
CREATE INDEX wallet_balances_amount ON wallet_balances (currency, balance);
