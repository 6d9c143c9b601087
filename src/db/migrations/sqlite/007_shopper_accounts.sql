-- Shopper accounts: the credentials and second factor of a customer account, kept apart from
-- the customer record; shopper sessions; single-use links (verification, password reset,
-- e-mail change, the second sign-in step); recovery codes; the consent history; the two store
-- settings of customer accounts; and the outbox channel (e-mail or SMS).

CREATE TABLE customer_accounts (
  customer_id           INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  password_hash         TEXT NOT NULL DEFAULT '',
  email_verified_at     INTEGER,
  -- Sealed with the store's secret key; the confirmed secret and one being set up.
  totp_secret           TEXT NOT NULL DEFAULT '',
  totp_pending          TEXT NOT NULL DEFAULT '',
  totp_last_step        INTEGER NOT NULL DEFAULT 0,
  -- Sign-in codes by SMS go to this number, the one a set-up code reached; '' when off.
  sms_phone             TEXT NOT NULL DEFAULT '',
  pending_email         TEXT NOT NULL DEFAULT '',
  -- Set with a temporary password an admin chose: the next sign-in must choose a new one.
  must_change_password  INTEGER NOT NULL DEFAULT 0,
  -- Recovery codes an admin made, sealed, shown to the customer once at the next sign-in.
  recovery_codes_to_show TEXT NOT NULL DEFAULT '',
  deletion_requested_at INTEGER,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);
CREATE INDEX customer_accounts_unverified ON customer_accounts (customer_id)
  WHERE email_verified_at IS NULL;
CREATE INDEX customer_accounts_deletion ON customer_accounts (customer_id)
  WHERE deletion_requested_at IS NOT NULL;

CREATE TABLE customer_recovery_codes (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  code_hash   TEXT NOT NULL,
  used_at     INTEGER
);
CREATE INDEX customer_recovery_codes_customer ON customer_recovery_codes (customer_id);

CREATE TABLE customer_sessions (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL UNIQUE,
  token_hash   TEXT NOT NULL UNIQUE,
  customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  ip           TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customer_sessions_customer ON customer_sessions (customer_id);
CREATE INDEX customer_sessions_expiry ON customer_sessions (expires_at);

-- Only hashes of the secrets are stored; a link is good once, until it expires. SMS codes are
-- short, so theirs is salted ("salt:hash") and looked up by customer and purpose instead.
CREATE TABLE account_links (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL
    CHECK (purpose IN ('verify_email', 'reset_password', 'change_email', 'sign_in', 'sms_code',
                       'sms_setup')),
  email       TEXT NOT NULL DEFAULT '',  -- the address the link proves
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
);
CREATE INDEX account_links_customer ON account_links (customer_id, purpose);
CREATE INDEX account_links_expiry ON account_links (expires_at);

-- Every grant and withdrawal of a marketing consent, with when and where it was given.
CREATE TABLE consent_events (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'messenger')),
  granted     INTEGER NOT NULL,
  source      TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  ip          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consent_events_customer ON consent_events (customer_id, id);

ALTER TABLE messages ADD COLUMN channel TEXT NOT NULL DEFAULT 'email'
  CHECK (channel IN ('email', 'sms'));

INSERT INTO settings (key, value) VALUES
  ('account_mode', 'optional'), ('require_verification', 'true');
