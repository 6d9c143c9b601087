-- Audit and cleanup: the spam score of each account from the last scan (only accounts that
-- scored), the owner's changes to the shipped list of disposable e-mail domains, and the
-- accounts a cleanup job was asked to delete, each with what became of it: the deletion report.

CREATE TABLE spam_scores (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  score       INTEGER NOT NULL,
  signals     TEXT NOT NULL DEFAULT '[]',
  scanned_at  INTEGER NOT NULL
);
CREATE INDEX spam_scores_score ON spam_scores (score, customer_id);

CREATE TABLE disposable_domain_changes (
  domain     TEXT PRIMARY KEY,
  listed     INTEGER NOT NULL,
  actor_type TEXT NOT NULL,
  actor_id   TEXT NOT NULL DEFAULT '',
  changed_at INTEGER NOT NULL
);

-- customer_id is not a reference: the customer is gone once deleted, the report stays.
CREATE TABLE cleanup_items (
  job_id       INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  customer_id  INTEGER NOT NULL,
  public_id    TEXT NOT NULL,
  reasons      TEXT NOT NULL DEFAULT '',
  ip           TEXT NOT NULL DEFAULT '',
  outcome      TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'deleted', 'kept')),
  kept_reason  TEXT NOT NULL DEFAULT '',
  processed_at INTEGER,
  PRIMARY KEY (job_id, position)
);

-- Customers with orders or a customer-area sign-in, counted by the activity metrics.
CREATE INDEX customers_engaged ON customers (id)
  WHERE orders_count > 0 OR last_login_at IS NOT NULL;
