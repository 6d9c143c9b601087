-- Invitations of new admins by e-mail: an invited admin has no password yet (an empty
-- password_hash) until they choose one through the e-mailed link; the link's secret is stored
-- as a hash, one pending invitation per admin.
CREATE TABLE admin_invitations (
  admin_id   BIGINT PRIMARY KEY REFERENCES admins(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
