-- Phone digits get a trigram index of their own. In the shared index a digit trigram's list also
-- held every e-mail address with those digits, and phone searches read those lists in full.
DROP TRIGGER customers_search_delete;
DROP TRIGGER customers_search_update;
DROP TABLE customer_search;

CREATE VIRTUAL TABLE customer_search USING fts5(
  search_text, content='customers', content_rowid='id', tokenize='trigram case_sensitive 1');
INSERT INTO customer_search (customer_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE customer_phone_search USING fts5(
  phone_digits, content='customers', content_rowid='id', tokenize='trigram case_sensitive 1');
INSERT INTO customer_phone_search (customer_phone_search) VALUES ('rebuild');

-- As in 001: new rows are indexed by the customers store; edits and deletes through triggers.
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
  INSERT INTO customer_phone_search (customer_phone_search, rowid, phone_digits)
    VALUES ('delete', old.id, old.phone_digits);
  INSERT INTO customer_prefix (customer_prefix, rowid, search_text, phone_digits)
    VALUES ('delete', old.id, old.search_text, old.phone_digits);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE OF search_text, phone_digits ON customers
  WHEN old.search_text <> new.search_text OR old.phone_digits <> new.phone_digits
BEGIN
  INSERT INTO customer_search (customer_search, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
  INSERT INTO customer_phone_search (customer_phone_search, rowid, phone_digits)
    VALUES ('delete', old.id, old.phone_digits);
  INSERT INTO customer_prefix (customer_prefix, rowid, search_text, phone_digits)
    VALUES ('delete', old.id, old.search_text, old.phone_digits);
  INSERT INTO customer_search (rowid, search_text) VALUES (new.id, new.search_text);
  INSERT INTO customer_phone_search (rowid, phone_digits) VALUES (new.id, new.phone_digits);
  INSERT INTO customer_prefix (rowid, search_text, phone_digits)
    VALUES (new.id, new.search_text, new.phone_digits);
END;
