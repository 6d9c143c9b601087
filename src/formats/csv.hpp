// CSV writing (RFC 4180): fields are quoted when they hold a comma, quote or line break, and
// cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) get a
// leading apostrophe. Shared by every export. Not thread-safe; one writer per file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clientele::formats {

class CsvWriter {
 public:
  void Row(const std::vector<std::string>& cells);
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// One cell as it appears in the file.
std::string CsvCell(std::string_view value);

}  // namespace clientele::formats
