-- Admin security: one use per TOTP code, sign-in attempts reserved under a lock, purging.

-- The last time step whose code was accepted: a code is good once, and never an older one.
ALTER TABLE admins ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- One row per throttled key ("account:...", "ip:..."), locked while an attempt is counted and
-- reserved, so parallel sign-ins cannot all pass the limit before any failure is recorded.
CREATE TABLE login_throttle_keys (
  key TEXT PRIMARY KEY
);

CREATE INDEX login_failures_failed_at ON login_failures (failed_at);
CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);
