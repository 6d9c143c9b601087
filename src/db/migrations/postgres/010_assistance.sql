-- Login as customer: a shopper session opened by an admin to help the customer. It carries the
-- admin (every event written during it names both) and lives no longer than the admin's own
-- browser session. The customer may have to allow it first (a store setting).

ALTER TABLE customer_sessions
  ADD COLUMN admin_session_id BIGINT REFERENCES admin_sessions(id) ON DELETE CASCADE;
ALTER TABLE customer_sessions ADD COLUMN assisted_by TEXT NOT NULL DEFAULT '';
CREATE INDEX customer_sessions_admin_session ON customer_sessions (admin_session_id);

ALTER TABLE customer_accounts ADD COLUMN assistance_allowed_at BIGINT;

-- The admin behind a customer's action, when they acted while signed in as the customer.
ALTER TABLE audit_events ADD COLUMN assisted_by TEXT NOT NULL DEFAULT '';
