#include "formats/csv_reader.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

namespace clientele::formats {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;

}  // namespace

CsvReader::CsvReader(Source source, char separator)
    : source_(std::move(source)), separator_(separator) {}

CsvReader CsvReader::OfText(std::string_view text, char separator) {
  auto rest = std::make_shared<std::string_view>(text);
  return CsvReader(
      [rest](char* out, size_t max) {
        const size_t n = std::min(max, rest->size());
        std::memcpy(out, rest->data(), n);
        rest->remove_prefix(n);
        return n;
      },
      separator);
}

// Reads the next chunk once the buffer is used up; false at the end of the input. The buffer
// keeps its size: only `end_` says how much of it holds input.
bool CsvReader::Fill() {
  if (pos_ < end_) return true;
  if (at_end_) return false;
  consumed_ += end_;
  pos_ = end_ = 0;
  if (buffer_.size() < kChunkBytes) buffer_.resize(kChunkBytes);
  end_ = source_(buffer_.data(), kChunkBytes);
  if (end_ == 0) at_end_ = true;
  return end_ > 0;
}

bool CsvReader::Ensure(size_t n) {
  while (end_ - pos_ < n && !at_end_) {
    if (buffer_.size() - end_ < kChunkBytes) buffer_.resize(end_ + kChunkBytes);
    const size_t got = source_(buffer_.data() + end_, kChunkBytes);
    end_ += got;
    if (got == 0) at_end_ = true;
  }
  return end_ - pos_ >= n;
}

bool CsvReader::Peek(char& ch) {
  if (!Fill()) return false;
  ch = buffer_[pos_];
  return true;
}

// Reads ahead, without consuming, until the buffer holds the first record (or a megabyte of
// it), and counts the candidate separators outside quotes.
void CsvReader::GuessSeparator() {
  size_t commas = 0, semicolons = 0, i = pos_;
  bool quoted = false;
  for (;;) {
    if (i == end_ && (i - pos_ > kMaxFieldBytes || !Ensure(i - pos_ + 1))) {
      break;
    }
    const char ch = buffer_[i++];
    if (ch == '"') {
      quoted = !quoted;
    } else if (!quoted && (ch == '\n' || ch == '\r')) {
      break;
    } else if (!quoted && ch == ',') {
      ++commas;
    } else if (!quoted && ch == ';') {
      ++semicolons;
    }
  }
  separator_ = semicolons > commas ? ';' : ',';
}

bool CsvReader::Fail(const char* code) {
  error_ = code;
  return false;
}

bool CsvReader::Next(std::vector<std::string>& fields) {
  if (error_) return false;
  if (!started_) {
    started_ = true;
    // A byte-order mark is a UTF-8 signature, not data.
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (Ensure(kBom.size()) && std::string_view(buffer_.data() + pos_, kBom.size()) == kBom) {
      pos_ += kBom.size();
    }
    if (separator_ == 0) GuessSeparator();
  }
  char ch = 0;
  if (!Peek(ch)) return false;
  fields.clear();
  record_line_ = line_;
  std::string field;
  // A line break inside a quoted field is kept as "\n", whichever the file used.
  auto take_break = [&](char first) {
    ++pos_;
    char next = 0;
    if (first == '\r' && Peek(next) && next == '\n') ++pos_;
    ++line_;
  };
  for (;;) {
    field.clear();
    bool have = Peek(ch);
    if (have && ch == '"') {
      ++pos_;
      for (;;) {
        if (!Peek(ch)) return Fail("unterminated_quote");
        if (ch == '"') {
          ++pos_;
          char next = 0;
          if (Peek(next) && next == '"') {
            field.push_back('"');
            ++pos_;
            continue;
          }
          break;
        }
        if (ch == '\r' || ch == '\n') {
          take_break(ch);
          field.push_back('\n');
        } else {
          field.push_back(ch);
          ++pos_;
        }
        if (field.size() > kMaxFieldBytes) return Fail("field_too_long");
      }
    }
    // Unquoted text, or what follows a closing quote before the separator (kept as written).
    while ((have = Peek(ch)) && ch != separator_ && ch != '\r' && ch != '\n') {
      field.push_back(ch);
      ++pos_;
      if (field.size() > kMaxFieldBytes) return Fail("field_too_long");
    }
    fields.push_back(std::move(field));
    if (fields.size() > kMaxFields) return Fail("too_many_fields");
    if (!have) break;
    if (ch == separator_) {
      ++pos_;
      continue;
    }
    take_break(ch);
    break;
  }
  ++records_;
  return true;
}

}  // namespace clientele::formats
