#include "formats/xlsx_table.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>

namespace clientele::formats {
namespace {

constexpr size_t kMaxCellBytes = 32767;
static_assert(XlsxTable::kExcelRows == LXW_ROW_MAX);

// `text` cut to at most kMaxCellBytes on a character boundary, marked with "…".
std::string FitCell(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  size_t end = kMaxCellBytes - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\xE2\x80\xA6";
}

Status Check(lxw_error e) {
  if (e == LXW_NO_ERROR) return OkStatus();
  return Error::Internal(std::string("The XLSX file cannot be written: ") + lxw_strerror(e));
}

}  // namespace

struct XlsxTable::Book {
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* bold = nullptr;
  std::string temp_folder;
};

Result<std::unique_ptr<XlsxTable>> XlsxTable::Create(const std::filesystem::path& path,
                                                     const std::string& sheet_name,
                                                     std::vector<std::string> headers,
                                                     std::vector<bool> numeric,
                                                     const std::filesystem::path& temp_folder,
                                                     uint32_t sheet_rows) {
  std::unique_ptr<XlsxTable> table(new XlsxTable());
  table->sheet_rows_ = std::clamp<uint32_t>(sheet_rows, 2, kExcelRows);
  table->book_ = std::make_unique<Book>();
  table->book_->temp_folder = temp_folder.string();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = table->book_->temp_folder.data();
  options.use_zip64 = LXW_TRUE;  // a million rows pass the 4 GB of plain zip once unpacked
  table->book_->workbook = workbook_new_opt(path.c_str(), &options);
  if (!table->book_->workbook) return Error::Internal("The XLSX file cannot be created.");
  table->book_->bold = workbook_add_format(table->book_->workbook);
  format_set_bold(table->book_->bold);
  table->sheet_name_ = sheet_name;
  table->headers_ = std::move(headers);
  table->numeric_ = std::move(numeric);
  table->numeric_.resize(table->headers_.size(), false);
  RETURN_IF_ERROR(table->AddSheet());
  return table;
}

XlsxTable::~XlsxTable() {
  // Not closed: the workbook is dropped; its half-written file is the caller's to remove.
  if (book_ && book_->workbook) {
    lxw_workbook_free(book_->workbook);
  }
}

Status XlsxTable::AddSheet() {
  ++sheets_;
  const std::string name =
      sheets_ == 1 ? sheet_name_ : sheet_name_ + " (" + std::to_string(sheets_) + ")";
  book_->sheet = workbook_add_worksheet(book_->workbook, name.c_str());
  if (!book_->sheet) return Error::Internal("The XLSX sheet cannot be added.");
  worksheet_freeze_panes(book_->sheet, 1, 0);
  for (size_t i = 0; i < headers_.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    RETURN_IF_ERROR(Check(worksheet_set_column(book_->sheet, col, col, 18, nullptr)));
    RETURN_IF_ERROR(
        Check(worksheet_write_string(book_->sheet, 0, col, headers_[i].c_str(), book_->bold)));
  }
  row_ = 1;
  return OkStatus();
}

Status XlsxTable::Row(const std::vector<std::string>& cells) {
  if (row_ >= sheet_rows_) RETURN_IF_ERROR(AddSheet());
  for (size_t i = 0; i < cells.size() && i < headers_.size(); ++i) {
    const std::string& text = cells[i];
    if (text.empty()) continue;
    const auto col = static_cast<lxw_col_t>(i);
    double number = 0;
    if (numeric_[i]) {
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec == std::errc() && end == text.data() + text.size()) {
        RETURN_IF_ERROR(Check(worksheet_write_number(book_->sheet, row_, col, number, nullptr)));
        continue;
      }
    }
    RETURN_IF_ERROR(
        Check(worksheet_write_string(book_->sheet, row_, col, FitCell(text).c_str(), nullptr)));
  }
  ++row_;
  ++rows_;
  return OkStatus();
}

Status XlsxTable::Close() {
  lxw_workbook* workbook = book_->workbook;
  book_->workbook = nullptr;  // workbook_close frees it, whatever it returns
  return Check(workbook_close(workbook));
}

}  // namespace clientele::formats
