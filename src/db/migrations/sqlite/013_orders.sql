-- Orders and money: each customer's orders as the store's back end sends them (or an admin
-- places them), their line items, and the transactions (payments, refunds, manual entries)
-- that an order's payment status follows. The customer row keeps the order statistics the list
-- filters and sorts by, exact in the transaction of every change. The books outlive the
-- customer: erasure keeps orders and transactions under the customer's public id and clears
-- the addresses on them.

ALTER TABLE customers ADD COLUMN orders_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN total_spent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customers ADD COLUMN first_order_at INTEGER;
ALTER TABLE customers ADD COLUMN last_order_at INTEGER;
CREATE INDEX customers_orders_count ON customers (orders_count, id);
CREATE INDEX customers_total_spent ON customers (total_spent, id);
CREATE INDEX customers_last_order ON customers (COALESCE(last_order_at, -1), id);

CREATE TABLE orders (
  id               INTEGER PRIMARY KEY,
  public_id        TEXT NOT NULL UNIQUE,
  number           TEXT NOT NULL UNIQUE,
  customer_id      INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  customer_ref     TEXT NOT NULL,
  type             TEXT NOT NULL CHECK (type IN ('online', 'phone', 'pos', 'manual')),
  status           TEXT NOT NULL CHECK (status IN ('open', 'fulfilled', 'cancelled')),
  payment_status   TEXT NOT NULL
    CHECK (payment_status IN ('pending', 'paid', 'partially_refunded', 'refunded')),
  currency         TEXT NOT NULL,
  subtotal         INTEGER NOT NULL,
  discount         INTEGER NOT NULL DEFAULT 0,
  shipping         INTEGER NOT NULL DEFAULT 0,
  tax              INTEGER NOT NULL DEFAULT 0,
  total            INTEGER NOT NULL CHECK (total >= 0),
  paid             INTEGER NOT NULL DEFAULT 0,
  refunded         INTEGER NOT NULL DEFAULT 0 CHECK (refunded <= paid),
  placed_at        INTEGER NOT NULL,
  billing_address  TEXT NOT NULL DEFAULT '{}',
  shipping_address TEXT NOT NULL DEFAULT '{}',
  actor_type       TEXT NOT NULL,
  actor_id         TEXT NOT NULL DEFAULT '',
  request_hash     TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX orders_customer ON orders (customer_id, placed_at, id);

CREATE TABLE order_items (
  id         INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  product_id INTEGER REFERENCES products(id),
  sku        TEXT NOT NULL DEFAULT '',
  name       TEXT NOT NULL,
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  total      INTEGER NOT NULL
);
CREATE INDEX order_items_order ON order_items (order_id, position);
CREATE INDEX order_items_product ON order_items (product_id, order_id);

CREATE TABLE transactions (
  id              INTEGER PRIMARY KEY,
  public_id       TEXT NOT NULL UNIQUE,
  order_id        INTEGER REFERENCES orders(id),
  customer_id     INTEGER REFERENCES customers(id) ON DELETE SET NULL,
  customer_ref    TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'manual')),
  amount          INTEGER NOT NULL,
  currency        TEXT NOT NULL,
  method          TEXT NOT NULL DEFAULT '',
  description     TEXT NOT NULL DEFAULT '',
  actor_type      TEXT NOT NULL,
  actor_id        TEXT NOT NULL DEFAULT '',
  idempotency_key TEXT,
  request_hash    TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  UNIQUE (customer_ref, idempotency_key)
);
CREATE INDEX transactions_customer ON transactions (customer_id, id);
CREATE INDEX transactions_order ON transactions (order_id, id);
