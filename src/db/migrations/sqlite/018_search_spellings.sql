-- Search looks at more of a customer: the name's other spellings and the company (in
-- search_text), phones as dialled inside their country (in phone_digits), and the cities and
-- postal codes of the default addresses (place_text, and place_digits for postal codes of digits,
-- searched with phone numbers; both written by the addresses module). The keys
-- hold two spaces before each word, so one- and two-letter word starts are trigram substrings
-- ("  j", " jo") and the word-prefix table is no longer needed. The server recomputes the keys
-- of existing customers when search_keys.version is older than its own; the search tables
-- follow through the triggers.
ALTER TABLE customers ADD COLUMN place_text TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN place_digits TEXT NOT NULL DEFAULT '';

DROP TRIGGER customers_search_delete;
DROP TRIGGER customers_search_update;
DROP TABLE customer_search;
DROP TABLE customer_phone_search;
DROP TABLE customer_prefix;
-- Without column sizes (searches rank by registration, not by relevance) and with leaf pages
-- four times FTS5's default, a bulk build of a million customers is faster and searches read as
-- fast.
CREATE VIRTUAL TABLE customer_search USING fts5(
  search_text, place_text, content='customers', content_rowid='id',
  tokenize='trigram case_sensitive 1', columnsize=0);
CREATE VIRTUAL TABLE customer_phone_search USING fts5(
  phone_digits, place_digits, content='customers', content_rowid='id',
  tokenize='trigram case_sensitive 1', columnsize=0);
INSERT INTO customer_search (customer_search, rank) VALUES ('pgsz', 16000);
INSERT INTO customer_phone_search (customer_phone_search, rank) VALUES ('pgsz', 16000);
INSERT INTO customer_search (customer_search) VALUES ('rebuild');
INSERT INTO customer_phone_search (customer_phone_search) VALUES ('rebuild');

-- As in 005: new rows are indexed by the customers store; edits and deletes through triggers.
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text, place_text)
    VALUES ('delete', old.id, old.search_text, old.place_text);
  INSERT INTO customer_phone_search (customer_phone_search, rowid, phone_digits, place_digits)
    VALUES ('delete', old.id, old.phone_digits, old.place_digits);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text, place_text ON customers
  WHEN old.search_text <> new.search_text OR old.place_text <> new.place_text
BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text, place_text)
    VALUES ('delete', old.id, old.search_text, old.place_text);
  INSERT INTO customer_search (rowid, search_text, place_text)
    VALUES (new.id, new.search_text, new.place_text);
END;
CREATE TRIGGER customers_phone_search_update AFTER UPDATE OF phone_digits, place_digits
  ON customers
  WHEN old.phone_digits <> new.phone_digits OR old.place_digits <> new.place_digits
BEGIN
  INSERT INTO customer_phone_search (customer_phone_search, rowid, phone_digits, place_digits)
    VALUES ('delete', old.id, old.phone_digits, old.place_digits);
  INSERT INTO customer_phone_search (rowid, phone_digits, place_digits)
    VALUES (new.id, new.phone_digits, new.place_digits);
END;

-- The version of the rules the derived search keys were computed with (see above).
CREATE TABLE search_keys (version INTEGER NOT NULL);
INSERT INTO search_keys (version) VALUES (1);
