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

enum class WordScript { kAscii, kLatin, kHan, kCyrillic, kGreek, kDevanagari, kOther };

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
    } else if (result == WordScript::kAscii || result == WordScript::kLatin) {
      result = script == USCRIPT_CYRILLIC     ? WordScript::kCyrillic
               : script == USCRIPT_GREEK      ? WordScript::kGreek
               : script == USCRIPT_DEVANAGARI ? WordScript::kDevanagari
                                              : WordScript::kOther;
    }
  }
  return result;
}

// `word` through the ICU transliterator `id` (created in `slot` on first use), as UTF-8.
std::string Transliterated(const char* id, std::unique_ptr<icu::Transliterator>& slot,
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
  return out;
}

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// How English writes a Hindi name ICU spells "śarmā", "rāhula": ś and ṣ as "sh", and without
// the inherent "a" after a last consonant that stands alone (राहुल → rahul; कृष्ण keeps it).
std::string HindiInEnglish(std::string_view word, std::unique_ptr<icu::Transliterator>& slot) {
  std::string latin = Transliterated("Devanagari-Latin", slot, word);
  ReplaceAll(latin, "\u015B", "sh");  // ś
  ReplaceAll(latin, "\u1E63", "sh");  // ṣ
  const icu::UnicodeString source =
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
  const int32_t last_at = source.moveIndex32(source.length(), -1);
  const UChar32 last = source.char32At(last_at);
  const UChar32 before = last_at > 0 ? source.char32At(source.moveIndex32(last_at, -1)) : 0;
  const bool consonant = (last >= 0x0915 && last <= 0x0939) || (last >= 0x0958 && last <= 0x095F);
  if (consonant && before != 0x094D && !latin.empty() && latin.back() == 'a') latin.pop_back();
  return NormalizeForSearch(latin);
}

// The Latin spellings of one word in another script: ICU's general rule (ISO 9 for Cyrillic,
// ISO 843 for Greek, ISO 15919 for Devanagari), and where English writes names otherwise, that
// spelling too: BGN/PCGN for Russian (Шевченко → shevchenko), UNGEGN for Greek (Δημήτρης →
// dimitris), and Hindi as HindiInEnglish does (शर्मा → sharma).
std::string LatinOf(std::string_view word, WordScript script) {
  thread_local std::unique_ptr<icu::Transliterator> any_latin, russian, greek, devanagari;
  thread_local std::unordered_map<std::string, std::string> memo;
  const std::string key(word);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::string latin = NormalizeForSearch(Transliterated("Any-Latin; Latin-ASCII", any_latin, word));
  std::string english;
  if (script == WordScript::kCyrillic) {
    english = NormalizeForSearch(Transliterated("Russian-Latin/BGN; Latin-ASCII", russian, word));
  } else if (script == WordScript::kGreek) {
    english = NormalizeForSearch(Transliterated("Greek-Latin/UNGEGN; Latin-ASCII", greek, word));
  } else if (script == WordScript::kDevanagari) {
    english = HindiInEnglish(word, devanagari);
  }
  if (!english.empty() && english != latin) latin += (latin.empty() ? "" : " ") + english;
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
