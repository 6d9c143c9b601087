// An exported table as an XLSX workbook, written by libxlsxwriter in constant-memory mode: rows
// go to a temporary file in order and only the current one stays in memory, so a million rows
// take what one does. A sheet holds at most 1,048,576 rows; more continue on "Customers (2)",
// each sheet headed again. The file is whole only after Close. Not thread-safe; one job writes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace clientele::formats {

class XlsxTable {
 public:
  // `numeric[i]`: column i holds numbers ("12.50"), written as numbers; the others as text.
  // `temp_folder` takes the temporary row data (beside the file, not a RAM-backed /tmp).
  // `sheet_rows`: rows of a sheet, its header included (what Excel holds unless less is asked).
  static Result<std::unique_ptr<XlsxTable>> Create(const std::filesystem::path& path,
                                                   const std::string& sheet_name,
                                                   std::vector<std::string> headers,
                                                   std::vector<bool> numeric,
                                                   const std::filesystem::path& temp_folder,
                                                   uint32_t sheet_rows = kExcelRows);
  static constexpr uint32_t kExcelRows = 1'048'576;
  ~XlsxTable();
  XlsxTable(const XlsxTable&) = delete;
  XlsxTable& operator=(const XlsxTable&) = delete;

  // REQUIRES: cells.size() == headers.size(). A text longer than a cell holds (32,767 bytes) is
  // cut there with "…" at the end.
  Status Row(const std::vector<std::string>& cells);
  // Writes the workbook's file.
  Status Close();
  int64_t rows() const { return rows_; }

 private:
  XlsxTable() = default;
  Status AddSheet();

  struct Book;
  std::unique_ptr<Book> book_;
  std::string sheet_name_;
  std::vector<std::string> headers_;
  std::vector<bool> numeric_;
  int sheets_ = 0;
  uint32_t sheet_rows_ = kExcelRows;
  uint32_t row_ = 0;  // next row of the current sheet
  int64_t rows_ = 0;
};

}  // namespace clientele::formats
