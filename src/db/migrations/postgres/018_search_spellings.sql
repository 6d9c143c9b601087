-- Search looks at more of a customer: the name's other spellings and the company (in
-- search_text), phones as dialled inside their country (in phone_digits), and the cities and
-- postal codes of the default addresses (place_text, and place_digits for postal codes of digits,
-- searched with phone numbers; both written by the addresses module). The keys
-- hold two spaces before each word, so a word start is a LIKE substring too ('%  jo%'). The
-- server recomputes the derived keys of existing customers when search_keys.version is older
-- than its own. Searches match the expression indexed here; the word index was unused.
ALTER TABLE customers ADD COLUMN place_text TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN place_digits TEXT NOT NULL DEFAULT '';
DROP INDEX customers_search_trgm;
DROP INDEX customers_search_words;
DROP INDEX customers_phone_trgm;
CREATE INDEX customers_phone_trgm ON customers
  USING gin ((phone_digits || place_digits) gin_trgm_ops);
CREATE INDEX customers_search_trgm ON customers
  USING gin ((search_text || place_text) gin_trgm_ops);

-- The version of the rules the derived search keys were computed with (see above).
CREATE TABLE search_keys (version BIGINT NOT NULL);
INSERT INTO search_keys (version) VALUES (1);
