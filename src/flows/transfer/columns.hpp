// The columns of customer exports. A column's key is its CSV header (Clientele's own format,
// which imports back unchanged); its label heads XLSX, PDF and HTML tables. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "modules/addresses/service.hpp"
#include "modules/customers/model.hpp"

namespace clientele::flows {

struct ExportContext {
  std::string currency;  // the store's, which total_spent is kept in
};

struct ExportColumn {
  std::string key, label;
  bool by_default = false;
  std::string (*cell)(const customers::Customer& c, const addresses::CustomerDefaults* defaults,
                      const ExportContext& context) = nullptr;
  bool numeric = false;  // a number spreadsheets should add up (XLSX writes it as one)
  double width = 1;      // its share of a PDF page's width, against the others
};

// Every column, in the order a full export writes them.
const std::vector<ExportColumn>& ExportColumns();
// nullptr when `key` names none.
const ExportColumn* FindExportColumn(std::string_view key);

}  // namespace clientele::flows
