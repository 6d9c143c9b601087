// Other spellings for search: ICU's transliterators, one per thread (a Transliterator must not be
// used by two threads at once), and a per-thread memo of transliterated words, since names
// repeat and a transliteration costs a few microseconds.
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <memory>
#include <unordered_map>

#include "core/text.hpp"

namespace clientele {
namespace {

enum class WordScript { kAscii, kLatin, kHan, kCyrillic, kOther };

// What a word is written in, as far as its spellings go: any Han character keeps it as it is.
WordScript ScriptOf(std::string_view word) {
  WordScript result = WordScript::kAscii;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(word.size());
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0x80) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_HAN) return WordScript::kHan;
    if (script == USCRIPT_LATIN || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) {
      if (result == WordScript::kAscii) result = WordScript::kLatin;
    } else if (script == USCRIPT_CYRILLIC) {
      result = WordScript::kCyrillic;
    } else if (result != WordScript::kCyrillic) {
      result = WordScript::kOther;
    }
  }
  return result;
}

std::string Transliterate(const char* id, std::unique_ptr<icu::Transliterator>& slot,
                          std::string_view word) {
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    slot.reset(icu::Transliterator::createInstance(id, UTRANS_FORWARD, status));
    if (U_FAILURE(status)) slot.reset();
    if (!slot) return "";
  }
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
  slot->transliterate(s);
  std::string out;
  s.toUTF8String(out);
  return NormalizeForSearch(out);
}

// The Latin spellings of one word in another script: ICU's general rule (ISO 9 for Cyrillic),
// and for Cyrillic also BGN/PCGN's, which is how English writes Russian names.
std::string LatinOf(std::string_view word, WordScript script) {
  thread_local std::unique_ptr<icu::Transliterator> any_latin, russian_latin;
  thread_local std::unordered_map<std::string, std::string> memo;
  const std::string key(word);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::string latin = Transliterate("Any-Latin; Latin-ASCII", any_latin, word);
  if (script == WordScript::kCyrillic) {
    std::string english = Transliterate("Russian-Latin/BGN; Latin-ASCII", russian_latin, word);
    if (!english.empty() && english != latin) latin += (latin.empty() ? "" : " ") + english;
  }
  if (memo.size() >= 20000) memo.clear();  // bounded: names repeat, but not without end
  memo.emplace(key, latin);
  return latin;
}

// The word with ä, ö and ü (either case) written ae, oe and ue; "" when it has none.
std::string GermanOf(std::string_view word) {
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < word.size(); ++i) {
    const auto b = static_cast<unsigned char>(word[i]);
    if (b == 0xC3 && i + 1 < word.size()) {
      const char* replacement = nullptr;
      switch (static_cast<unsigned char>(word[i + 1])) {
        case 0xA4:
        case 0x84:
          replacement = "ae";
          break;
        case 0xB6:
        case 0x96:
          replacement = "oe";
          break;
        case 0xBC:
        case 0x9C:
          replacement = "ue";
          break;
      }
      if (replacement) {
        out += replacement;
        changed = true;
        ++i;
        continue;
      }
    }
    out.push_back(word[i]);
  }
  return changed ? NormalizeForSearch(out) : "";
}

void Append(std::string& to, const std::string& word) {
  if (word.empty()) return;
  if (!to.empty()) to += ' ';
  to += word;
}

}  // namespace

SearchSpellings SpellingsForSearch(std::string_view text) {
  SearchSpellings out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    const WordScript script = ScriptOf(word);
    if (script == WordScript::kAscii || script == WordScript::kHan) continue;
    if (script == WordScript::kLatin) {
      Append(out.german, GermanOf(word));
      continue;
    }
    std::string latin = LatinOf(word, script);
    if (latin != NormalizeForSearch(word)) Append(out.latin, latin);
  }
  return out;
}

bool HasCjkLetters(std::string_view text) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0x1100) continue;  // below Hangul Jamo: no Han, kana or Hangul
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
        script == USCRIPT_HANGUL) {
      return true;
    }
  }
  return false;
}

}  // namespace clientele
