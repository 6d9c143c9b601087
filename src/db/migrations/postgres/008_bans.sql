-- Bans: why a customer is banned, by whom and since when (the customer's status says that it
-- is). Removed when the ban is lifted; the audit trail keeps the history.

CREATE TABLE customer_bans (
  customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  reason      TEXT NOT NULL
    CHECK (reason IN ('refused_deliveries', 'return_abuse', 'abusive_to_staff', 'fake_orders',
                      'other')),
  note        TEXT NOT NULL DEFAULT '',
  actor_type  TEXT NOT NULL,
  actor_id    TEXT NOT NULL DEFAULT '',
  banned_at   BIGINT NOT NULL
);
