-- The catalog the customer side needs (the store's back end sends it): products with their
-- price, whether they are digital and how (a file, a bundle or a combo of other products), the
-- downloadable files of a product, and the products a bundle or combo contains.

CREATE TABLE products (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL UNIQUE,
  sku          TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  price        INTEGER NOT NULL CHECK (price >= 0),
  currency     TEXT NOT NULL,
  image_url    TEXT NOT NULL DEFAULT '',
  digital      INTEGER NOT NULL DEFAULT 0,
  package_type TEXT NOT NULL DEFAULT '' CHECK (package_type IN ('', 'file', 'bundle', 'combo')),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE product_files (
  id           INTEGER PRIMARY KEY,
  public_id    TEXT NOT NULL UNIQUE,
  product_id   INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  size_bytes   INTEGER NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  media_type   TEXT NOT NULL,
  storage_path TEXT NOT NULL
);
CREATE INDEX product_files_product ON product_files (product_id, position);

CREATE TABLE product_components (
  product_id   INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  component_id INTEGER NOT NULL REFERENCES products(id),
  position     INTEGER NOT NULL,
  PRIMARY KEY (product_id, component_id)
);
CREATE INDEX product_components_component ON product_components (component_id);
