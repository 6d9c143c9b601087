// An exported table as a PDF: A4 landscape pages drawn with cairo, text laid out by Pango so
// that every script renders with the installed Noto fonts (Arabic and Hebrew right to left,
// CJK, Devanagari). The first page opens with the title and the lines under it (the filter, the
// date); every page repeats the column headers and ends with the title and "Page N". Each row is
// one line: a cell too long for its column ends in "…", and line breaks in a cell become ", ".
// Not thread-safe; one job writes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace clientele::formats {

class PdfTable {
 public:
  // `widths`: each column's share of the page width, relative to the others (an e-mail column
  // 2 where a country is 1); missing ones count 1.
  static Result<std::unique_ptr<PdfTable>> Create(const std::filesystem::path& path,
                                                  std::string title,
                                                  const std::vector<std::string>& lines,
                                                  std::vector<std::string> headers,
                                                  const std::vector<double>& widths);
  ~PdfTable();
  PdfTable(const PdfTable&) = delete;
  PdfTable& operator=(const PdfTable&) = delete;

  Status Row(const std::vector<std::string>& cells);
  // Ends the last page and writes the file.
  Status Close();
  int pages() const { return page_; }

 private:
  PdfTable() = default;
  void StartPage();
  void EndPage();
  // Draws `text` in a box at (x, y) `width` wide, on one line (from the box's end: `right`).
  void Text(const std::string& text, double x, double y, double width, bool bold, double size,
            bool right = false);

  struct Canvas;
  std::unique_ptr<Canvas> canvas_;
  std::string title_;
  std::vector<std::string> headers_;
  std::vector<double> left_, width_;  // of each column, in points
  int page_ = 0;
  double y_ = 0;
};

}  // namespace clientele::formats
