-- Segments and retention insights: saved segments (a name and a filter in the segment filter
-- language, see customers/filter.hpp), and each customer's RFM scores (1 to 5 for recency,
-- frequency and monetary value; NULL without orders), recomputed by the rfm job and placed
-- after each order by the bounds of the last recomputation (rfm_bounds: the least value that
-- earns scores 2 to 5).
CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  public_id   TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL UNIQUE,
  filter      TEXT NOT NULL,
  actor_type  TEXT NOT NULL,
  actor_id    TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);

ALTER TABLE customers ADD COLUMN rfm_recency INTEGER;
ALTER TABLE customers ADD COLUMN rfm_frequency INTEGER;
ALTER TABLE customers ADD COLUMN rfm_monetary INTEGER;

CREATE TABLE rfm_bounds (
  dimension   TEXT PRIMARY KEY CHECK (dimension IN ('recency', 'frequency', 'monetary')),
  score2      INTEGER NOT NULL,
  score3      INTEGER NOT NULL,
  score4      INTEGER NOT NULL,
  score5      INTEGER NOT NULL,
  computed_at INTEGER NOT NULL
);
