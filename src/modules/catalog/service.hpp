// The catalog: products as the store's back end sends them, one by one or in batches of up to
// 1,000 (all or nothing, matched by SKU), with the files of digital products and the products
// a bundle or combo contains (which may not contain other bundles, so nothing contains
// itself). Every change is audited. Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/catalog/model.hpp"

namespace clientele::catalog {

struct ProductPage {
  std::vector<Product> items;
  std::optional<std::string> next_cursor;
};

struct BatchResult {
  std::vector<Product> items;  // in the order sent
  int64_t created = 0, updated = 0, unchanged = 0;
};

class Service {
 public:
  static constexpr size_t kMaxBatch = 1000;

  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Errors: kInvalidArgument (field errors; "components" names unknown SKUs and bundles inside
  // bundles), kAlreadyExists "sku_taken".
  Result<Product> Create(const audit::Actor& actor, const ProductInput& input);
  // By public id or SKU. With `if_version`, only while the product is at that version. Errors: as
  // Create, kNotFound "product_not_found", kFailedPrecondition "stale_version".
  Result<Product> Update(const audit::Actor& actor, const std::string& id,
                         const ProductInput& input, std::optional<int64_t> if_version);
  // By public id or SKU. Errors: kNotFound "product_not_found".
  Result<Product> Get(const std::string& id_or_sku);
  // Parameters: q (SKU or name), limit (1-200), cursor. Errors: kInvalidArgument.
  Result<ProductPage> List(const std::map<std::string, std::string>& params);
  // Creates or updates each item by its SKU, on one transaction; a bad item fails the whole
  // batch with its errors named items[i].field. Components may name SKUs of the same batch.
  Result<BatchResult> Batch(const audit::Actor& actor, const std::vector<ProductInput>& items);

  // For other modules, on their transaction or read.
  static Result<std::optional<Product>> FindBySku(db::Connection& c, const std::string& sku);
  static Result<std::optional<Product>> FindByPublicId(db::Connection& c, const std::string& id);
  // What `ids` deliver, with the shapes of their components too.
  static Result<std::map<int64_t, Shape>> ShapesOf(db::Connection& c,
                                                   const std::vector<int64_t>& ids);
  static Result<std::vector<Product>> FindByIds(db::Connection& c, const std::vector<int64_t>& ids);
  // Digital products with files of their own (what "library all access" opens), at most `limit`.
  static Result<std::vector<Product>> Downloadable(db::Connection& c, int limit);
  static Result<std::optional<FileOfProduct>> FindFile(db::Connection& c,
                                                       const std::string& file_id);

 private:
  // Writes `p` (new when p.id is 0) with its files and components, audited; returns it as
  // stored. `before` is the stored product of an update. Errors: as Create.
  Result<Product> Save(db::Connection& tx, const audit::Actor& actor, Product p,
                       const std::optional<Product>& before, const ProductInput& input,
                       const std::string& prefix, int64_t now);
  // The ids of `skus`, each an existing product that is not a bundle or combo. Records
  // errors on `prefix` + "components".
  Result<std::vector<int64_t>> ResolveComponents(db::Connection& tx,
                                                 const std::vector<std::string>& skus,
                                                 const std::string& prefix,
                                                 std::vector<FieldError>& errors);

  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::catalog
