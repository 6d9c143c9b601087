-- The blacklist: phones (E.164), e-mail addresses (their lookup key), whole e-mail domains and
-- IP addresses or ranges (CIDR) whose registrations, sign-ins and guest records the store
-- refuses, each with why, who added it, and how often it refused something.

CREATE TABLE blacklist_entries (
  id          INTEGER PRIMARY KEY,
  public_id   TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'domain', 'ip')),
  value       TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  actor_type  TEXT NOT NULL,
  actor_id    TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  hits        INTEGER NOT NULL DEFAULT 0,
  last_hit_at INTEGER,
  UNIQUE (kind, value)
);
