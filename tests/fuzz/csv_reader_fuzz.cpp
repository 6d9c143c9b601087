// libFuzzer target for the CSV reader, the first parser an uploaded file meets. Whatever the
// bytes, reading ends (no crash, no hang, bounded memory), and what was read, written back with
// every field quoted, reads back the same, in one piece or one byte at a time.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv_reader.hpp"

namespace {

using clientele::formats::CsvReader;
using Rows = std::vector<std::vector<std::string>>;

Rows Read(std::string_view text, size_t chunk, char separator, std::string* error, char* used) {
  auto rest = std::make_shared<std::string_view>(text);
  CsvReader reader(
      [rest, chunk](char* out, size_t max) {
        const size_t n = std::min(std::min(max, chunk), rest->size());
        std::memcpy(out, rest->data(), n);
        rest->remove_prefix(n);
        return n;
      },
      separator);
  Rows rows;
  std::vector<std::string> fields;
  while (reader.Next(fields)) rows.push_back(fields);
  *error = reader.error().value_or("");
  *used = reader.separator();
  return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  char separator = 0;
  const Rows rows = Read(text, 1 << 16, 0, &error, &separator);
  std::string again_error;
  char again_separator = 0;
  if (Read(text, 1, 0, &again_error, &again_separator) != rows || again_error != error) {
    std::abort();  // the chunking changed the result
  }
  if (!error.empty()) return 0;
  std::string written;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) written.push_back(separator);
      written.push_back('"');
      for (char ch : row[i]) {
        if (ch == '"') written.push_back('"');
        written.push_back(ch);
      }
      written.push_back('"');
    }
    written.append("\r\n");
  }
  // A leading byte-order mark in the first field would be taken off again: not data to compare.
  if (written.rfind("\"\xEF\xBB\xBF", 0) == 0) return 0;
  if (Read(written, 1 << 16, separator, &again_error, &again_separator) != rows) std::abort();
  return 0;
}
