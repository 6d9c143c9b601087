-- Foundation: admins and API tokens, customer groups and tags, customers with their search
-- indexes, and the append-only audit trail. Instants are microseconds since the Unix epoch (UTC).

CREATE TABLE admins (
  id            INTEGER PRIMARY KEY,
  public_id     TEXT NOT NULL UNIQUE,
  email         TEXT NOT NULL,
  email_key     TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'support', 'viewer')),
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL UNIQUE,
  admin_id     INTEGER NOT NULL REFERENCES admins(id),
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);

CREATE TABLE customer_groups (
  id          INTEGER PRIMARY KEY,
  public_id   TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL UNIQUE,
  is_default  INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
INSERT INTO customer_groups (id, public_id, name, name_key, is_default, created_at, updated_at)
VALUES (1, 'grp_default', 'Default', 'default', 1, 0, 0);

CREATE TABLE tags (
  id         INTEGER PRIMARY KEY,
  public_id  TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

-- id orders customers by registration: (registered_at << 10) | random 10 bits, so "newest first"
-- is a walk of the primary key and search hits come back in registration order.
CREATE TABLE customers (
  id                      INTEGER PRIMARY KEY,
  public_id               TEXT NOT NULL UNIQUE,
  kind                    TEXT NOT NULL CHECK (kind IN ('registered', 'guest')),
  status                  TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'banned')),
  first_name              TEXT NOT NULL DEFAULT '',
  last_name               TEXT NOT NULL DEFAULT '',
  email                   TEXT NOT NULL DEFAULT '',
  email_key               TEXT NOT NULL DEFAULT '',
  phone                   TEXT NOT NULL DEFAULT '',
  country                 TEXT NOT NULL DEFAULT '',
  language                TEXT NOT NULL DEFAULT '',
  company                 TEXT NOT NULL DEFAULT '',
  fax                     TEXT NOT NULL DEFAULT '',
  note                    TEXT NOT NULL DEFAULT '',
  custom_fields           TEXT NOT NULL DEFAULT '{}',
  commission_reduced_bp   INTEGER NOT NULL DEFAULT 0 CHECK (commission_reduced_bp BETWEEN 0 AND 10000),
  library_all_access      INTEGER NOT NULL DEFAULT 0,
  member_directory_access INTEGER NOT NULL DEFAULT 0,
  consent_email           INTEGER NOT NULL DEFAULT 0,
  consent_sms             INTEGER NOT NULL DEFAULT 0,
  consent_messenger       INTEGER NOT NULL DEFAULT 0,
  group_id                INTEGER NOT NULL DEFAULT 1 REFERENCES customer_groups(id),
  registered_at           INTEGER NOT NULL,
  registration_ip         TEXT NOT NULL DEFAULT '',
  updated_at              INTEGER NOT NULL,
  last_login_at           INTEGER,
  last_login_ip           TEXT NOT NULL DEFAULT '',
  last_activity_at        INTEGER,
  version                 INTEGER NOT NULL DEFAULT 1,
  name_key                TEXT NOT NULL DEFAULT '',
  search_text             TEXT NOT NULL DEFAULT '',
  phone_digits            TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX customers_registered_email ON customers (email_key)
  WHERE kind = 'registered' AND email_key <> '';
CREATE INDEX customers_email_key ON customers (email_key);
CREATE INDEX customers_name_key ON customers (name_key);
CREATE INDEX customers_status ON customers (status);
CREATE INDEX customers_group ON customers (group_id);
CREATE INDEX customers_country ON customers (country);
CREATE INDEX customers_language ON customers (language);
CREATE INDEX customers_last_activity ON customers (COALESCE(last_activity_at, -1));

CREATE TABLE customer_tags (
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (customer_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX customer_tags_tag ON customer_tags (tag_id, customer_id);

-- Substring search (three characters and more) over normalised names and e-mail, and over
-- phone digits; rowid is the customer id, so hits come back in registration order.
CREATE VIRTUAL TABLE customer_search USING fts5(
  search_text, phone_digits, content='customers', content_rowid='id',
  tokenize='trigram case_sensitive 1');
-- Word-prefix search for one- and two-character queries.
-- New rows are added to both tables by the customers store (in bulk for bulk loads: a trigger
-- would flush the index once per row); edits and deletes keep them in step through triggers.
CREATE VIRTUAL TABLE customer_prefix USING fts5(
  search_text, phone_digits, content='customers', content_rowid='id',
  tokenize='unicode61 remove_diacritics 0', prefix='1 2', detail='column');

CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text, phone_digits)
    VALUES ('delete', old.id, old.search_text, old.phone_digits);
  INSERT INTO customer_prefix (customer_prefix, rowid, search_text, phone_digits)
    VALUES ('delete', old.id, old.search_text, old.phone_digits);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text, phone_digits ON customers
  WHEN old.search_text <> new.search_text OR old.phone_digits <> new.phone_digits
BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text, phone_digits)
    VALUES ('delete', old.id, old.search_text, old.phone_digits);
  INSERT INTO customer_prefix (customer_prefix, rowid, search_text, phone_digits)
    VALUES ('delete', old.id, old.search_text, old.phone_digits);
  INSERT INTO customer_search (rowid, search_text, phone_digits)
    VALUES (new.id, new.search_text, new.phone_digits);
  INSERT INTO customer_prefix (rowid, search_text, phone_digits)
    VALUES (new.id, new.search_text, new.phone_digits);
END;

-- Append-only: no route updates or deletes these rows.
CREATE TABLE audit_events (
  id           INTEGER PRIMARY KEY,
  occurred_at  INTEGER NOT NULL,
  actor_type   TEXT NOT NULL,
  actor_id     TEXT NOT NULL DEFAULT '',
  action       TEXT NOT NULL,
  target_type  TEXT NOT NULL DEFAULT '',
  target_id    TEXT NOT NULL DEFAULT '',
  changes      TEXT NOT NULL DEFAULT '{}',
  ip           TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT '',
  request_id   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_target ON audit_events (target_type, target_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_type, actor_id, id);
