// What the columns of an imported customer file become. A file's header row tells which
// platform wrote it (Clientele's own export, Shopify's current export and import template and
// its 2022–23 export, Magento 2's customer, customer_address and customer_composite files, the
// WooCommerce customers report); each column then gets a target, or none with the reason it is
// not imported. A file of any other shape gets targets suggested by its column names, which the
// owner corrects in the mapping step. Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace clientele::flows {

// A field of Clientele that a column may fill. Besides the keys listed by ImportTargets(),
// "custom_fields.<name>" fills the customer's custom field <name>.
struct ImportTarget {
  std::string key, label;
};

// Every target, in the order the mapping step lists them: the customer's fields (the keys of
// the export's columns, so a Clientele CSV imports back as it is), then one address that becomes
// the default billing and shipping address.
const std::vector<ImportTarget>& ImportTargets();
bool IsImportTarget(std::string_view key);

// One column of the file.
struct ColumnPlan {
  std::string header;
  std::string target;  // "": not imported
  std::string reason;  // why not, when the format knows ("A report of the old store")
};

struct ImportPlan {
  std::string format;  // clientele | shopify | shopify_template | shopify_2022 | magento_customer
                       // | magento_customer_address | magento_customer_composite
                       // | woocommerce_customers | other
  std::string format_name;  // "Shopify customer export"
  std::vector<ColumnPlan> columns;
};

// The plan for a file with these headers (a byte-order mark and outer spaces are ignored).
ImportPlan PlanImport(const std::vector<std::string>& headers);

// Checks a mapping chosen for a file: one target (or "") per column, each known and used once,
// and a column that finds the customer (email, or id). Field errors name "mapping[i]" or
// "mapping".
std::vector<FieldError> CheckMapping(size_t columns, const std::vector<std::string>& mapping);

}  // namespace clientele::flows
