// Text rules with no I/O: trimming, search normalisation (case- and accent-insensitive) and the
// digits of phone-like input. All functions are pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace clientele {

// Removes leading and trailing white space (ASCII and Unicode spaces).
std::string Trim(std::string_view in);

// True when `in` is valid UTF-8 without control characters other than tab and newline.
bool IsCleanUtf8(std::string_view in, bool allow_newlines);

// A-Z as a-z, every other byte as it is: for keywords, codes and e-mail keys.
std::string LowerAscii(std::string_view in);

// Number of Unicode code points (for length limits a person understands).
size_t CodePointCount(std::string_view utf8);

// A text field as a person typed it: clean UTF-8 (line breaks only when `multiline`), trimmed
// when it is a single line, at most `max_chars` code points. Records a field error on `field`
// ("invalid_text" or "too_long") and returns nullopt when it is not valid.
std::optional<std::string> CleanText(const std::string& raw, const char* field, size_t max_chars,
                                     bool multiline, std::vector<FieldError>& errors);

// Lower-cases (full case folding), strips accents and other combining marks, maps a few
// letters that have no decomposition (ø→o, ł→l, æ→ae, ß→ss, ...), and collapses white space to
// single spaces. Scripts are kept: "Łukasz Żółć" → "lukasz zolc", "Đặng" → "dang",
// "Müller" → "muller", "山田" → "山田". Used on both stored text and queries, so any rule
// applied here keeps matching symmetric.
std::string NormalizeForSearch(std::string_view in);

// The other spellings of `text` people type when they search, normalised as NormalizeForSearch
// does; each is "" when it is no different from the normalised text itself. `latin`: the Latin
// transliteration of its words in other scripts (Николаев → "nikolaev", ヤマダ → "yamada",
// 황하준 → "hwanghajun"), with the spelling English writes names in where it differs: Russian
// (Шевченко → "sevcenko shevchenko"), Greek (Δημήτρης → "demetres dimitris"), Hindi (शर्मा →
// "sarma sharma"). Han characters are kept as they are, as their reading depends on the
// language. `german`: umlauts written as German does without them (Müller → "mueller").
struct SearchSpellings {
  std::string latin, german;
};
SearchSpellings SpellingsForSearch(std::string_view text);

// True when `text` holds Chinese, Japanese or Korean letters (Han, kana, Hangul): names written
// family name first, without a space in between.
bool HasCjkLetters(std::string_view text);

// Normalised, space-separated words as a trigram index stores them for search: two spaces before
// each word ("james smith" → "  james  smith"), so that the start of a word is a substring of
// three characters or more even for a one-letter query ("  j") and matches at word starts only.
std::string WithWordMarks(std::string_view words);

// `text` with &, <, >, " and ' escaped, for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

// All ASCII digits of `in`, in order ("+44 (20) 7946-0958" → "442079460958").
std::string DigitsOnly(std::string_view in);

// True when `in` holds only characters people type in phone numbers (digits, spaces, + - ( ) .)
// and at least one digit: such a query is matched against phone digits.
bool IsPhoneLikeQuery(std::string_view in);

}  // namespace clientele
