// SQL for products, their files and the products a bundle or combo contains, and nothing else.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/catalog/model.hpp"

namespace clientele::catalog::store {

// Returns the new id.
Result<int64_t> InsertProduct(db::Connection& c, const Product& p);
// Writes the product's own fields if it is still at `expected_version`; returns whether it did.
Result<bool> UpdateProduct(db::Connection& c, const Product& p, int64_t expected_version);
Status ReplaceFiles(db::Connection& c, int64_t product_id, const std::vector<ProductFile>& files);
// REQUIRES: every id exists.
Status ReplaceComponents(db::Connection& c, int64_t product_id,
                         const std::vector<int64_t>& component_ids);

// With files and components.
Result<std::optional<Product>> FindByPublicId(db::Connection& c, const std::string& public_id);
Result<std::optional<Product>> FindBySku(db::Connection& c, const std::string& sku);
// Newest first after `before_id`; `q` matches SKU or name (substring, any case).
Result<std::vector<Product>> List(db::Connection& c, const std::string& q,
                                  std::optional<int64_t> before_id, int limit);

// The shapes of `ids` (unknown ids are left out).
Result<std::map<int64_t, Shape>> ShapesOf(db::Connection& c, const std::vector<int64_t>& ids);
// With files and components, in id order.
Result<std::vector<Product>> FindByIds(db::Connection& c, const std::vector<int64_t>& ids);
// Digital products that have files of their own, by name, at most `limit`.
Result<std::vector<Product>> Downloadable(db::Connection& c, int limit);
Result<std::optional<FileOfProduct>> FindFile(db::Connection& c, const std::string& public_id);

}  // namespace clientele::catalog::store
