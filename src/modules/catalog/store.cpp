#include "modules/catalog/store.hpp"

#include "db/sql_builder.hpp"

namespace clientele::catalog::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, public_id, sku, name, price, currency, image_url, digital, package_type,"
    " created_at, updated_at, version FROM products";

Product ReadProduct(const db::Row& r) {
  Product p;
  p.id = r.Int(0);
  p.public_id = r.Text(1);
  p.sku = r.Text(2);
  p.name = r.Text(3);
  p.price = r.Int(4);
  p.currency = r.Text(5);
  p.image_url = r.Text(6);
  p.digital = r.Bool(7);
  p.package = ParsePackageType(r.Text(8)).value_or(PackageType::kNone);
  p.created_at = r.Int(9);
  p.updated_at = r.Int(10);
  p.version = r.Int(11);
  return p;
}

// The files and components of `products`, in their order.
Status LoadParts(db::Connection& c, std::vector<Product>& products) {
  if (products.empty()) return OkStatus();
  std::vector<int64_t> ids;
  for (const auto& p : products) ids.push_back(p.id);
  db::SqlBuilder files;
  files.text =
      "SELECT product_id, public_id, name, size_bytes, media_type, storage_path"
      " FROM product_files WHERE product_id IN (" +
      files.List(ids) + ") ORDER BY product_id, position";
  ASSIGN_OR_RETURN(db::Rows file_rows, c.Query(files.text, files.params));
  db::SqlBuilder parts;
  parts.text =
      "SELECT pc.product_id, p.sku FROM product_components pc JOIN products p"
      " ON p.id = pc.component_id WHERE pc.product_id IN (" +
      parts.List(ids) + ") ORDER BY pc.product_id, pc.position";
  ASSIGN_OR_RETURN(db::Rows part_rows, c.Query(parts.text, parts.params));
  for (auto& p : products) {
    for (const auto& r : file_rows) {
      if (r.Int(0) == p.id)
        p.files.push_back({r.Text(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5)});
    }
    for (const auto& r : part_rows) {
      if (r.Int(0) == p.id) p.components.push_back(r.Text(1));
    }
  }
  return OkStatus();
}

Result<std::optional<Product>> FindOne(db::Connection& c, const std::string& where,
                                       const std::string& value) {
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kColumns) + " WHERE " + where, {value}));
  if (rows.empty()) return std::optional<Product>();
  std::vector<Product> out{ReadProduct(rows[0])};
  RETURN_IF_ERROR(LoadParts(c, out));
  return std::optional<Product>(std::move(out[0]));
}

}  // namespace

Result<int64_t> InsertProduct(db::Connection& c, const Product& p) {
  ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO products (public_id, sku, name, price, currency, image_url,"
              " digital, package_type, created_at, updated_at, version)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1) RETURNING id",
              {p.public_id, p.sku, p.name, p.price, p.currency, p.image_url,
               int64_t{p.digital ? 1 : 0}, std::string(ToString(p.package)), p.created_at}));
  return rows.at(0).Int(0);
}

Result<bool> UpdateProduct(db::Connection& c, const Product& p, int64_t expected_version) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute("UPDATE products SET sku = $2, name = $3, price = $4, currency = $5,"
                " image_url = $6, digital = $7, package_type = $8, updated_at = $9,"
                " version = version + 1 WHERE id = $1 AND version = $10",
                {p.id, p.sku, p.name, p.price, p.currency, p.image_url, int64_t{p.digital ? 1 : 0},
                 std::string(ToString(p.package)), p.updated_at, expected_version}));
  return changed == 1;
}

Status ReplaceFiles(db::Connection& c, int64_t product_id, const std::vector<ProductFile>& files) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM product_files WHERE product_id = $1", {product_id}));
  int64_t position = 0;
  for (const auto& f : files) {
    RETURN_IF_ERROR(c.Execute(
        "INSERT INTO product_files (public_id, product_id, position, name, size_bytes,"
        " media_type, storage_path) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {f.public_id, product_id, position++, f.name, f.size_bytes, f.media_type, f.storage_path}));
  }
  return OkStatus();
}

Status ReplaceComponents(db::Connection& c, int64_t product_id,
                         const std::vector<int64_t>& component_ids) {
  RETURN_IF_ERROR(c.Execute("DELETE FROM product_components WHERE product_id = $1", {product_id}));
  int64_t position = 0;
  for (int64_t id : component_ids) {
    RETURN_IF_ERROR(c.Execute(
        "INSERT INTO product_components (product_id, component_id, position) VALUES ($1, $2, $3)",
        {product_id, id, position++}));
  }
  return OkStatus();
}

Result<std::optional<Product>> FindByPublicId(db::Connection& c, const std::string& public_id) {
  return FindOne(c, "public_id = $1", public_id);
}

Result<std::optional<Product>> FindBySku(db::Connection& c, const std::string& sku) {
  return FindOne(c, "sku = $1", sku);
}

Result<std::vector<Product>> List(db::Connection& c, const std::string& q,
                                  std::optional<int64_t> before_id, int limit) {
  db::SqlBuilder sql;
  sql.text = std::string(kColumns) + " WHERE 1 = 1";
  if (!q.empty()) {
    const std::string like = "%" + db::LikeEscape(q) + "%";
    const std::string p = sql.Param(like);
    sql.text += " AND (lower(sku) LIKE lower(" + p + ") ESCAPE '\\' OR lower(name) LIKE lower(" +
                p + ") ESCAPE '\\')";
  }
  if (before_id) sql.text += " AND id < " + sql.Param(*before_id);
  sql.text += " ORDER BY id DESC LIMIT " + sql.Param(int64_t{limit});
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  std::vector<Product> out;
  for (const auto& r : rows) out.push_back(ReadProduct(r));
  RETURN_IF_ERROR(LoadParts(c, out));
  return out;
}

Result<std::map<int64_t, Shape>> ShapesOf(db::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, Shape> out;
  if (ids.empty()) return out;
  db::SqlBuilder sql;
  sql.text = "SELECT id, digital, package_type FROM products WHERE id IN (" + sql.List(ids) + ")";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (const auto& r : rows) {
    Shape& s = out[r.Int(0)];
    s.digital = r.Bool(1);
    s.package = ParsePackageType(r.Text(2)).value_or(PackageType::kNone);
  }
  db::SqlBuilder parts;
  parts.text = "SELECT product_id, component_id FROM product_components WHERE product_id IN (" +
               parts.List(ids) + ") ORDER BY product_id, position";
  ASSIGN_OR_RETURN(db::Rows part_rows, c.Query(parts.text, parts.params));
  std::vector<int64_t> components;
  for (const auto& r : part_rows) {
    out[r.Int(0)].components.push_back(r.Int(1));
    components.push_back(r.Int(1));
  }
  // The components' own shapes, for the caller to tell digital ones (bundles hold no bundles).
  if (!components.empty()) {
    db::SqlBuilder more;
    more.text = "SELECT id, digital, package_type FROM products WHERE id IN (" +
                more.List(components) + ")";
    ASSIGN_OR_RETURN(db::Rows more_rows, c.Query(more.text, more.params));
    for (const auto& r : more_rows) {
      if (out.count(r.Int(0))) continue;
      Shape& s = out[r.Int(0)];
      s.digital = r.Bool(1);
      s.package = ParsePackageType(r.Text(2)).value_or(PackageType::kNone);
    }
  }
  return out;
}

Result<std::vector<Product>> FindByIds(db::Connection& c, const std::vector<int64_t>& ids) {
  std::vector<Product> out;
  if (ids.empty()) return out;
  db::SqlBuilder sql;
  sql.text = std::string(kColumns) + " WHERE id IN (" + sql.List(ids) + ") ORDER BY id";
  ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql.text, sql.params));
  for (const auto& r : rows) out.push_back(ReadProduct(r));
  RETURN_IF_ERROR(LoadParts(c, out));
  return out;
}

Result<std::vector<Product>> Downloadable(db::Connection& c, int limit) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query(std::string(kColumns) +
                               " WHERE digital = 1 AND EXISTS (SELECT 1 FROM product_files f"
                               " WHERE f.product_id = products.id) ORDER BY name, id LIMIT $1",
                           {int64_t{limit}}));
  std::vector<Product> out;
  for (const auto& r : rows) out.push_back(ReadProduct(r));
  RETURN_IF_ERROR(LoadParts(c, out));
  return out;
}

Result<std::optional<FileOfProduct>> FindFile(db::Connection& c, const std::string& public_id) {
  ASSIGN_OR_RETURN(db::Rows rows,
                   c.Query("SELECT p.id, p.public_id, p.name, f.public_id, f.name, f.size_bytes,"
                           " f.media_type, f.storage_path FROM product_files f"
                           " JOIN products p ON p.id = f.product_id WHERE f.public_id = $1",
                           {public_id}));
  if (rows.empty()) return std::optional<FileOfProduct>();
  const db::Row& r = rows[0];
  FileOfProduct out;
  out.product_id = r.Int(0);
  out.product_public_id = r.Text(1);
  out.product_name = r.Text(2);
  out.file = {r.Text(3), r.Text(4), r.Int(5), r.Text(6), r.Text(7)};
  return std::optional<FileOfProduct>(std::move(out));
}

}  // namespace clientele::catalog::store
