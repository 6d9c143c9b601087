-- Address books: each customer's addresses, with the default billing and default shipping
-- address marked on the address rows (at most one of each per customer, enforced by the partial
-- unique indexes), and one address_books row per customer that has changed its book: the
-- "shipping same as billing" setting and a version that every change bumps (it also serialises
-- concurrent changes of one customer's book).

CREATE TABLE customer_addresses (
  id                  INTEGER PRIMARY KEY,
  public_id           TEXT NOT NULL UNIQUE,
  customer_id         INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  label               TEXT NOT NULL DEFAULT '',
  first_name          TEXT NOT NULL DEFAULT '',
  last_name           TEXT NOT NULL DEFAULT '',
  company             TEXT NOT NULL DEFAULT '',
  kind                TEXT NOT NULL DEFAULT 'residential' CHECK (kind IN ('residential', 'business')),
  line1               TEXT NOT NULL DEFAULT '',
  line2               TEXT NOT NULL DEFAULT '',
  city                TEXT NOT NULL DEFAULT '',
  city_key            TEXT NOT NULL DEFAULT '',
  region              TEXT NOT NULL DEFAULT '',
  region_code         TEXT NOT NULL DEFAULT '',
  postal_code         TEXT NOT NULL DEFAULT '',
  country             TEXT NOT NULL,
  phone               TEXT NOT NULL DEFAULT '',
  delivery_note       TEXT NOT NULL DEFAULT '',
  is_default_billing  INTEGER NOT NULL DEFAULT 0 CHECK (is_default_billing IN (0, 1)),
  is_default_shipping INTEGER NOT NULL DEFAULT 0 CHECK (is_default_shipping IN (0, 1)),
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX customer_addresses_customer ON customer_addresses (customer_id);
CREATE UNIQUE INDEX customer_addresses_default_billing ON customer_addresses (customer_id)
  WHERE is_default_billing = 1;
CREATE UNIQUE INDEX customer_addresses_default_shipping ON customer_addresses (customer_id)
  WHERE is_default_shipping = 1;
-- The customer list's filter by the country and city of a default address.
CREATE INDEX customer_addresses_place ON customer_addresses (country, city_key, customer_id)
  WHERE is_default_billing = 1 OR is_default_shipping = 1;

CREATE TABLE address_books (
  customer_id              INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  shipping_same_as_billing INTEGER NOT NULL DEFAULT 0 CHECK (shipping_same_as_billing IN (0, 1)),
  version                  INTEGER NOT NULL DEFAULT 1,
  updated_at               INTEGER NOT NULL
);
