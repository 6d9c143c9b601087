// One record of an import file read into what it asks for: the customer's fields, up to three
// addresses (billing, shipping, and one of a platform's own shape), group and tags by name. An
// empty cell asks for nothing (it never clears what the store holds). A record that fills
// address columns only continues the customer of the record before it with one more address, as
// Magento's composite files write them. Values are checked later, by the customer and address
// rules; what is read here is only what those rules cannot tell: yes/no, dates, statuses, ids,
// and the apostrophe that spreadsheets and Shopify put before ids and phone numbers. Pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/addresses/model.hpp"
#include "modules/customers/model.hpp"

namespace clientele::flows {

// A mistake in one cell, reported with its column and value.
struct CellError {
  size_t column = 0;
  std::string message;
};

struct ImportedAddress {
  addresses::Patch patch;
  // The column of each address field (the address rules' field names), for their errors.
  std::map<std::string, size_t> columns;
};

struct ImportRow {
  bool blank = false;             // no cell filled: skipped without a word
  bool continuation = false;      // address columns only: one more address of the previous customer
  std::optional<std::string> id;  // "cus_…"
  customers::Patch fields;        // without group and tags; custom fields as read (to be merged)
  std::optional<std::string> group;
  std::optional<customers::Kind> kind;
  std::optional<customers::AccountStatus> status;
  std::optional<int64_t> registered_at;
  std::vector<ImportedAddress> addresses;
  // The column of each customer field (the customer rules' field names: "email", "tags",
  // "custom_fields.size", "group"), for their errors.
  std::map<std::string, size_t> columns;
  std::vector<CellError> errors;
};

// Reads `cells` with `targets`, the target of each column ("" for a column not imported).
// Phones are read with the row's country (the customer's, else the address's), so national
// numbers become international ones.
ImportRow ReadImportRow(const std::vector<std::string>& targets,
                        const std::vector<std::string>& cells);

// A cell as it is read: trimmed, without the apostrophe a spreadsheet or Shopify writes before
// ids, phone numbers and what would run as a formula.
std::string ImportCell(std::string_view cell);

// What finds the row's customer: the e-mail key of the "email" column, or the "id" column's id
// (`by_id`); "" when the row has none that is valid.
std::string MatchKey(const std::vector<std::string>& targets, const std::vector<std::string>& cells,
                     bool by_id);

// "yes", "no", "true", "false", "1", "0", "y", "n" (any case); nullopt for anything else.
std::optional<bool> ParseYesNo(std::string_view text);

// The import's dates: what ParseInstant reads, and "YYYY-MM-DD HH:MM[:SS]" (UTC) as Magento
// and WooCommerce write them.
std::optional<int64_t> ParseImportDate(std::string_view text);

}  // namespace clientele::flows
