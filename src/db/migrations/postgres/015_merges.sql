-- Merged accounts: the tombstone of every customer merged into another. The merged customer's
-- row is gone (everything it held moved to the survivor in the merge's transaction); its old
-- public id answers with the survivor, and a later merge of the survivor carries its tombstones
-- along. An erased survivor takes them with it.

CREATE TABLE customer_merges (
  merged_public_id TEXT PRIMARY KEY,
  survivor_id      BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  merged_name      TEXT NOT NULL DEFAULT '',
  summary          TEXT NOT NULL DEFAULT '{}',
  actor_type       TEXT NOT NULL,
  actor_id         TEXT NOT NULL DEFAULT '',
  merged_at        BIGINT NOT NULL
);
CREATE INDEX customer_merges_survivor ON customer_merges (survivor_id);
