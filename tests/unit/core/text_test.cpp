#include "core/text.hpp"

#include <gtest/gtest.h>

namespace clientele {
namespace {

TEST(NormalizeForSearch, CaseAccentsAndScripts) {
  const std::pair<const char*, const char*> cases[] = {
      {"Müller", "muller"},
      {"ŁUKASZ Żółć", "lukasz zolc"},
      {"Đặng Văn", "dang van"},
      {"Søren  Ærø", "soren aero"},
      {"Straße", "strasse"},
      {"  José\tÑúñez ", "jose nunez"},
      {"山田 太郎", "山田 太郎"},
      {"Иван ПЕТРОВ", "иван петров"},
      {"Ωμέγα", "ωμεγα"},
      {"ｆｕｌｌｗｉｄｔｈ", "fullwidth"},
      {"", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(NormalizeForSearch(in), out) << in;
}

TEST(NormalizeForSearch, SymmetricForQueries) {
  // A query normalised the same way as the stored text is a substring of it.
  std::string stored = NormalizeForSearch("Zoë Ångström");
  EXPECT_NE(stored.find(NormalizeForSearch("ANGSTR")), std::string::npos);
  EXPECT_NE(stored.find(NormalizeForSearch("zoe")), std::string::npos);
}

// ASCII text takes a shortcut past ICU: each ASCII character, set between two accented letters
// so that ICU does the work, must come out as the shortcut writes it.
TEST(NormalizeForSearch, AsciiShortcutAgreesWithTheFullRules) {
  for (int ch = 1; ch < 0x80; ++ch) {
    const std::string c(1, static_cast<char>(ch));
    const std::string full = NormalizeForSearch("\u00e9" + c + "\u00e9");
    const std::string shortcut = NormalizeForSearch(c);
    EXPECT_EQ(full, "e" + (shortcut.empty() ? std::string(" ") : shortcut) + "e") << ch;
  }
  EXPECT_EQ(NormalizeForSearch("  Mary\t\r\n ANNE  O'Brien "), "mary anne o'brien");
}

TEST(DigitsOnly, KeepsDigits) {
  EXPECT_EQ(DigitsOnly("+44 (20) 7946-0958"), "442079460958");
  EXPECT_EQ(DigitsOnly("abc"), "");
}

TEST(IsPhoneLikeQuery, Table) {
  EXPECT_TRUE(IsPhoneLikeQuery("+44 20"));
  EXPECT_TRUE(IsPhoneLikeQuery("(415) 555-26"));
  EXPECT_TRUE(IsPhoneLikeQuery("5552671"));
  EXPECT_FALSE(IsPhoneLikeQuery("john5"));
  EXPECT_FALSE(IsPhoneLikeQuery("+ -"));
}

TEST(Trim, UnicodeSpaces) {
  EXPECT_EQ(Trim("\u00a0 Ana \u3000"), "Ana");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim("\t Ana Lee\r\n"), "Ana Lee");
  EXPECT_EQ(Trim(" \u00a0Zoë"), "Zoë");
  EXPECT_EQ(Trim("Zoë \u3000 "), "Zoë");
  EXPECT_EQ(Trim("Zoë"), "Zoë");
}

TEST(IsCleanUtf8, RejectsControlAndBrokenBytes) {
  EXPECT_TRUE(IsCleanUtf8("Zoë", false));
  EXPECT_FALSE(
      IsCleanUtf8("a\x01"
                  "b",
                  false));
  EXPECT_FALSE(IsCleanUtf8("line\nbreak", false));
  EXPECT_TRUE(IsCleanUtf8("line\nbreak", true));
  EXPECT_FALSE(IsCleanUtf8("\xff\xfe", true));
}

TEST(CodePointCount, CountsCharactersNotBytes) {
  EXPECT_EQ(CodePointCount("山田"), 2u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
}

}  // namespace
}  // namespace clientele
