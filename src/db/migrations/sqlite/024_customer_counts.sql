-- Exact totals of the customer list without counting rows: customers by kind, status and
-- group, kept by triggers in the writing transaction. (PostgreSQL appends deltas that a
-- background pass folds, so that concurrent writers never wait on a counter row; SQLite has
-- one writer at a time and updates the counters at once, leaving the deltas empty.)
CREATE TABLE customer_counts (
  kind     TEXT NOT NULL,
  status   TEXT NOT NULL,
  group_id INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (kind, status, group_id)
) WITHOUT ROWID;
CREATE TABLE customer_count_deltas (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL,
  status   TEXT NOT NULL,
  group_id INTEGER NOT NULL,
  delta    INTEGER NOT NULL
);
INSERT INTO customer_counts (kind, status, group_id, n)
  SELECT kind, status, group_id, COUNT(*) FROM customers GROUP BY kind, status, group_id;

CREATE TRIGGER customers_counted_in AFTER INSERT ON customers BEGIN
  INSERT INTO customer_counts (kind, status, group_id, n)
    VALUES (NEW.kind, NEW.status, NEW.group_id, 1)
    ON CONFLICT (kind, status, group_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER customers_counted_out AFTER DELETE ON customers BEGIN
  UPDATE customer_counts SET n = n - 1
    WHERE kind = OLD.kind AND status = OLD.status AND group_id = OLD.group_id;
END;
CREATE TRIGGER customers_counted_moved AFTER UPDATE OF kind, status, group_id ON customers
  WHEN OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status
    OR OLD.group_id IS NOT NEW.group_id
BEGIN
  UPDATE customer_counts SET n = n - 1
    WHERE kind = OLD.kind AND status = OLD.status AND group_id = OLD.group_id;
  INSERT INTO customer_counts (kind, status, group_id, n)
    VALUES (NEW.kind, NEW.status, NEW.group_id, 1)
    ON CONFLICT (kind, status, group_id) DO UPDATE SET n = n + 1;
END;
