// The CSV reader on what real files hold, read whole and one byte at a time (every chunk
// boundary), and the writer's output read back unchanged.
#include "formats/csv.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "formats/csv_reader.hpp"

namespace clientele::formats {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Every record of `text`, read through a source that hands out `chunk` bytes at a time.
Rows ReadAll(std::string_view text, size_t chunk, std::string* error = nullptr,
             char separator = 0) {
  auto rest = std::make_shared<std::string_view>(text);
  CsvReader reader(
      [rest, chunk](char* out, size_t max) {
        const size_t n = std::min({max, chunk, rest->size()});
        std::memcpy(out, rest->data(), n);
        rest->remove_prefix(n);
        return n;
      },
      separator);
  Rows rows;
  std::vector<std::string> fields;
  while (reader.Next(fields)) rows.push_back(fields);
  if (error) *error = reader.error().value_or("");
  return rows;
}

void ExpectRows(std::string_view text, const Rows& expected) {
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{1} << 20}) {
    std::string error;
    EXPECT_EQ(ReadAll(text, chunk, &error), expected) << "chunks of " << chunk;
    EXPECT_EQ(error, "") << "chunks of " << chunk;
  }
}

TEST(CsvReader, QuotedFieldsHoldSeparatorsQuotesAndLineBreaks) {
  ExpectRows("Name,Note\r\n\"Lee, Ann\",\"Said \"\"hi\"\"\r\ntwice\"\r\n",
             {{"Name", "Note"}, {"Lee, Ann", "Said \"hi\"\ntwice"}});
}

TEST(CsvReader, LineEndsByteOrderMarkAndBlankLines) {
  ExpectRows(
      "\xEF\xBB\xBF"
      "a,b\nc,d\re,f\r\n\ng,",
      {{"a", "b"}, {"c", "d"}, {"e", "f"}, {""}, {"g", ""}});
  ExpectRows("", {});
  ExpectRows("\xEF\xBB\xBF", {});
  ExpectRows("\xEF\xBB", {{"\xEF\xBB"}});  // not a whole mark: data
}

TEST(CsvReader, GuessesASemicolonFromTheFirstLine) {
  ExpectRows("Name;City\n\"Müller; Jan\";Köln, Altstadt\n",
             {{"Name", "City"}, {"Müller; Jan", "Köln, Altstadt"}});
  ExpectRows("a,b;c\n", {{"a", "b;c"}});
  std::string error;
  EXPECT_EQ(ReadAll("a;b\n", 4, &error, ','), (Rows{{"a;b"}})) << "a given separator wins";
}

TEST(CsvReader, KeepsStrayQuotesAsWritten) {
  ExpectRows("O\"Neil,5\" tall\n\"a\"b,c\n", {{"O\"Neil", "5\" tall"}, {"ab", "c"}});
}

TEST(CsvReader, CountsLinesOfRecordsForErrorReports) {
  CsvReader reader = CsvReader::OfText("h\n\"one\ntwo\"\nthree\n");
  std::vector<std::string> fields;
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(reader.line(), 1);
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next(fields));
  EXPECT_EQ(reader.line(), 4) << "the quoted line break counts";
  EXPECT_EQ(reader.records(), 3);
  EXPECT_FALSE(reader.Next(fields));
  EXPECT_EQ(reader.bytes_read(), 18u);
}

TEST(CsvReader, AnOpenQuoteAtTheEndIsAnError) {
  std::string error;
  Rows rows = ReadAll("a,b\n\"never closed,c\n", 3, &error);
  EXPECT_EQ(rows, (Rows{{"a", "b"}}));
  EXPECT_EQ(error, "unterminated_quote");
}

TEST(CsvReader, BoundsFieldsAndRecords) {
  std::string error;
  ReadAll(std::string(CsvReader::kMaxFieldBytes + 1, 'x'), 1 << 16, &error);
  EXPECT_EQ(error, "field_too_long");
  ReadAll(std::string(CsvReader::kMaxFields + 1, ','), 1 << 16, &error);
  EXPECT_EQ(error, "too_many_fields");
}

TEST(CsvReader, ReadsBackWhatTheWriterWrote) {
  const Rows rows = {{"id", "note", "name"},
                     {"cus_1", "line one\nline \"two\"", "Lee, Ann"},
                     {"cus_2", "", "山田 太郎"}};
  CsvWriter writer;
  for (const auto& r : rows) writer.Row(r);
  ExpectRows(writer.str(), rows);
}

}  // namespace
}  // namespace clientele::formats
