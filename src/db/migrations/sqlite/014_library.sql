-- Digital goods on the customer and the one job mechanism.
-- Jobs: long work (library rebuilds now; imports, exports and cleanups later) stored here, so
-- any node runs it, progress is visible, and a crash resumes from the last committed chunk.
-- `active_key` holds the kind while a job that must run alone is queued or running, so a
-- second one is refused by the unique index on both engines.
-- The library: what each customer may download and why (bought with an order, a gift, added
-- by hand), with entries of bundles and combos expanded to their contents; downloads as they
-- happened; the wishlist with the order that bought a wished product.

CREATE TABLE jobs (
  id               INTEGER PRIMARY KEY,
  public_id        TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL,
  state            TEXT NOT NULL
    CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  active_key       TEXT UNIQUE,
  params           TEXT NOT NULL DEFAULT '{}',
  checkpoint       TEXT NOT NULL DEFAULT '',
  done             INTEGER NOT NULL DEFAULT 0,
  total            INTEGER NOT NULL DEFAULT 0,
  result           TEXT NOT NULL DEFAULT '{}',
  error            TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  runs             INTEGER NOT NULL DEFAULT 0,
  claim            TEXT NOT NULL DEFAULT '',
  claimed_until    INTEGER,
  actor_type       TEXT NOT NULL,
  actor_id         TEXT NOT NULL DEFAULT '',
  actor_name       TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  started_at       INTEGER,
  finished_at      INTEGER,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX jobs_state ON jobs (state, id);

CREATE TABLE library_entries (
  id             INTEGER PRIMARY KEY,
  public_id      TEXT NOT NULL UNIQUE,
  customer_id    INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  product_id     INTEGER NOT NULL REFERENCES products(id),
  via_product_id INTEGER REFERENCES products(id),
  method         TEXT NOT NULL CHECK (method IN ('purchase', 'gift', 'manual')),
  order_id       INTEGER REFERENCES orders(id),
  note           TEXT NOT NULL DEFAULT '',
  granted_at     INTEGER NOT NULL,
  revoked_at     INTEGER,
  revoked_reason TEXT NOT NULL DEFAULT ''
    CHECK (revoked_reason IN ('', 'order', 'admin', 'rebuild')),
  actor_type     TEXT NOT NULL,
  actor_id       TEXT NOT NULL DEFAULT '',
  updated_at     INTEGER NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX library_entries_customer ON library_entries (customer_id, id);
CREATE UNIQUE INDEX library_entries_purchase
  ON library_entries (order_id, product_id, COALESCE(via_product_id, 0)) WHERE method = 'purchase';
CREATE INDEX library_entries_product ON library_entries (product_id);

CREATE TABLE downloads (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  product_id    INTEGER NOT NULL REFERENCES products(id),
  file_name     TEXT NOT NULL,
  range_start   INTEGER NOT NULL DEFAULT 0,
  bytes         INTEGER NOT NULL DEFAULT 0,
  ip            TEXT NOT NULL DEFAULT '',
  user_agent    TEXT NOT NULL DEFAULT '',
  downloaded_at INTEGER NOT NULL
);
CREATE INDEX downloads_customer ON downloads (customer_id, id);

CREATE TABLE wishlist_items (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL UNIQUE,
  customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  product_id   INTEGER NOT NULL REFERENCES products(id),
  added_at     INTEGER NOT NULL,
  removed_at   INTEGER,
  purchased_at INTEGER,
  order_id     INTEGER REFERENCES orders(id)
);
CREATE INDEX wishlist_items_customer ON wishlist_items (customer_id, id);
CREATE INDEX wishlist_items_product ON wishlist_items (product_id);
CREATE UNIQUE INDEX wishlist_items_open
  ON wishlist_items (customer_id, product_id) WHERE removed_at IS NULL AND purchased_at IS NULL;
