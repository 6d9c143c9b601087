// CSV reading as RFC 4180 and the spreadsheets write it: quoted fields holding separators,
// doubled quotes and line breaks; UTF-8 with or without a byte-order mark; CRLF, LF or CR line
// ends; a comma or a semicolon between fields, guessed from the first line when not given.
// Lenient where the files in the wild are (a quote inside an unquoted field is kept as it is);
// strict where data would be lost (a quoted field still open at the end is an error). Reads from
// a source piece by piece, so a file of any size takes constant memory; fields and records are
// bounded so that one bad file cannot take it all. Not thread-safe; one reader per file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clientele::formats {

class CsvReader {
 public:
  // Fills up to `max` bytes into `out` and returns how many; 0 at the end of the input.
  using Source = std::function<size_t(char* out, size_t max)>;

  static constexpr size_t kMaxFieldBytes = 1 << 20;  // 1 MiB: a note, not a file
  static constexpr size_t kMaxFields = 1000;

  // `separator` 0: guess from the first record (a semicolon when it has more semicolons than
  // commas outside quotes, else a comma).
  explicit CsvReader(Source source, char separator = 0);
  // Reads a whole text held in memory (tests, small uploads). The text must outlive the reader.
  static CsvReader OfText(std::string_view text, char separator = 0);

  // The next record's fields; false at the end of the input or at an error (see error()). A
  // blank line is a record with one empty field.
  bool Next(std::vector<std::string>& fields);

  // The line the last record returned by Next started on (1-based), for error reports.
  int64_t line() const { return record_line_; }
  // How many records Next returned.
  int64_t records() const { return records_; }
  // The separator in use (after the first Next when it was guessed).
  char separator() const { return separator_; }
  // Why reading stopped early: "unterminated_quote", "field_too_long", "too_many_fields".
  const std::optional<std::string>& error() const { return error_; }
  // How many bytes of the input were consumed, for progress.
  uint64_t bytes_read() const { return consumed_ + pos_; }

 private:
  // Makes at least one more byte available at pos_ (dropping what was read); false at the end.
  bool Fill();
  // Reads ahead, keeping what is unread, until `n` bytes from pos_ are buffered or the input
  // ends; false when fewer are there.
  bool Ensure(size_t n);
  bool Peek(char& ch);
  void GuessSeparator();
  bool Fail(const char* code);

  Source source_;
  std::string buffer_;
  size_t pos_ = 0, end_ = 0;  // the unread input is buffer_[pos_, end_)
  uint64_t consumed_ = 0;     // bytes dropped from the front of buffer_
  bool at_end_ = false;
  bool started_ = false;
  char separator_ = 0;
  int64_t line_ = 1, record_line_ = 0, records_ = 0;
  std::optional<std::string> error_;
};

}  // namespace clientele::formats
