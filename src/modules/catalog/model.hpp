// The catalog's values and the rules of a product as the store's back end sends it. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace clientele::catalog {

// How a digital product is delivered: its own files, or the products it contains (a bundle
// sells them together; a combo too, at its own price). Not digital: none.
enum class PackageType { kNone, kFile, kBundle, kCombo };
const char* ToString(PackageType p);
std::optional<PackageType> ParsePackageType(const std::string& s);

struct ProductFile {
  std::string public_id;
  std::string name;
  int64_t size_bytes = 0;
  std::string media_type;    // "application/pdf"
  std::string storage_path;  // relative to the store's file folder
};

struct Product {
  int64_t id = 0;
  std::string public_id, sku, name;
  int64_t price = 0;  // minor units
  std::string currency;
  std::string image_url;
  bool digital = false;
  PackageType package = PackageType::kNone;
  std::vector<ProductFile> files;
  std::vector<std::string> components;  // SKUs of the contained products (bundles, combos)
  int64_t created_at = 0, updated_at = 0, version = 1;
};

// What a product delivers, for the library: its own files (kFile) or its components' (bundles
// and combos, by product id).
struct Shape {
  bool digital = false;
  PackageType package = PackageType::kNone;
  std::vector<int64_t> components;
};

// A downloadable file with the product it belongs to.
struct FileOfProduct {
  int64_t product_id = 0;
  std::string product_public_id, product_name;
  ProductFile file;
};

struct FileInput {
  std::string name, media_type, storage_path;
  int64_t size_bytes = 0;
};

// A product as sent: on create the unset fields take their defaults; on update they stay.
// `files` and `components`, when set, replace the whole list.
struct ProductInput {
  std::optional<std::string> sku, name, currency, image_url, package_type;
  std::optional<int64_t> price;
  std::optional<bool> digital;
  std::optional<std::vector<FileInput>> files;
  std::optional<std::vector<std::string>> components;
};

inline constexpr size_t kMaxSku = 64;
inline constexpr size_t kMaxName = 200;
inline constexpr size_t kMaxFiles = 100;
inline constexpr size_t kMaxComponents = 100;

// `base` with `input` applied and checked (the components' existence is the service's to
// check). `creating`: sku, name and price are required. Field errors are named `prefix` +
// field ("items[3].price"). `default_currency` fills an unset currency on create.
Product Apply(Product base, const ProductInput& input, bool creating,
              const std::string& default_currency, const std::string& prefix,
              std::vector<FieldError>& errors);

// A file's place in the store's file folder: relative, no "..", no backslashes.
bool IsSafeStoragePath(const std::string& path);

}  // namespace clientele::catalog
