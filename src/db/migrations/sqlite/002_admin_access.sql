-- Admin access: browser sessions, login throttling, token roles, last logins, store settings.

CREATE TABLE admin_sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  admin_id     INTEGER NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  ip           TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX admin_sessions_admin ON admin_sessions (admin_id);

-- Failed logins, by account and by IP, for throttling shared by every server node.
CREATE TABLE login_failures (
  id        INTEGER PRIMARY KEY,
  key       TEXT NOT NULL,
  failed_at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, failed_at);

ALTER TABLE admins ADD COLUMN last_login_at INTEGER;
-- TOTP: the confirmed secret, and one being set up until its first code is confirmed.
ALTER TABLE admins ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE admins ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
ALTER TABLE api_tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'viewer';
UPDATE api_tokens SET role = (SELECT a.role FROM admins a WHERE a.id = api_tokens.admin_id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES
  ('store_name', 'My store'), ('default_country', ''), ('default_language', 'en'),
  ('time_zone', 'UTC');
