// The XLSX writer's workbook read back from its zip (with unzip): rows past a sheet's capacity
// continue on a second sheet headed again, numbers are numbers, and text too long for a cell is
// cut on a character boundary.
#include "formats/xlsx_table.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

namespace clientele::formats {
namespace {

// The text of `member` inside the zip at `path`.
std::string Unzip(const std::filesystem::path& path, const std::string& member) {
  const std::string command = "unzip -p '" + path.string() + "' '" + member + "'";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

int Count(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  return static_cast<int>(
      std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

class XlsxTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder a test: ctest runs the tests of this file side by side.
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    folder_ = std::filesystem::path(::testing::TempDir()) / "xlsx-table-test" / test->name();
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
  }
  std::filesystem::path folder_;
};

TEST_F(XlsxTableTest, RowsPastASheetContinueOnTheNextHeadedAgain) {
  const auto path = folder_ / "customers.xlsx";
  // Three rows a sheet: the header and two customers.
  auto table = XlsxTable::Create(path, "Customers", {"Name", "Spent"}, {false, true}, folder_, 3);
  ASSERT_TRUE(table.ok()) << table.error().message;
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE((*table)->Row({"Customer " + std::to_string(i), std::to_string(i) + ".50"}).ok());
  }
  ASSERT_TRUE((*table)->Close().ok());
  EXPECT_EQ((*table)->rows(), 5);

  const std::string book = Unzip(path, "xl/workbook.xml");
  EXPECT_NE(book.find("name=\"Customers\""), std::string::npos) << book;
  EXPECT_NE(book.find("name=\"Customers (2)\""), std::string::npos) << book;
  EXPECT_NE(book.find("name=\"Customers (3)\""), std::string::npos) << book;

  const std::string first = Unzip(path, "xl/worksheets/sheet1.xml");
  const std::string second = Unzip(path, "xl/worksheets/sheet2.xml");
  const std::string third = Unzip(path, "xl/worksheets/sheet3.xml");
  EXPECT_EQ(Count(first, "<row "), 3);
  EXPECT_EQ(Count(second, "<row "), 3);
  EXPECT_EQ(Count(third, "<row "), 2);
  for (const std::string* sheet : {&first, &second, &third}) {
    EXPECT_NE(sheet->find(">Name<"), std::string::npos) << "every sheet is headed";
  }
  EXPECT_NE(first.find(">Customer 1<"), std::string::npos);
  EXPECT_NE(second.find(">Customer 3<"), std::string::npos);
  EXPECT_NE(second.find(">Customer 4<"), std::string::npos);
  EXPECT_NE(third.find(">Customer 5<"), std::string::npos);
  EXPECT_EQ(first.find(">Customer 3<"), std::string::npos) << "no customer on two sheets";
  // The amount is a number cell (<v>), not text.
  EXPECT_NE(second.find("<v>3.5</v>"), std::string::npos) << second;
}

TEST_F(XlsxTableTest, TextTooLongForACellIsCutOnACharacterBoundary) {
  const auto path = folder_ / "long.xlsx";
  auto table = XlsxTable::Create(path, "Customers", {"Note"}, {false}, folder_);
  ASSERT_TRUE(table.ok());
  // 2-byte characters, so byte 32,764 falls inside one.
  std::string note;
  while (note.size() < 40000) note += "\xC3\xA9";  // é
  ASSERT_TRUE((*table)->Row({note}).ok());
  ASSERT_TRUE((*table)->Close().ok());
  const std::string sheet = Unzip(path, "xl/worksheets/sheet1.xml");
  const size_t start = sheet.find("\xC3\xA9");
  ASSERT_NE(start, std::string::npos);
  const size_t end = sheet.find("\xE2\x80\xA6<", start);
  ASSERT_NE(end, std::string::npos) << "cut with …";
  EXPECT_EQ((end - start) % 2, 0u) << "whole characters only";
  EXPECT_LE(end - start + 3, 32767u);
}

}  // namespace
}  // namespace clientele::formats
