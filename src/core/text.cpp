#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <optional>
#include <unordered_map>

namespace clientele {

std::string LowerAscii(std::string_view in) {
  std::string out(in);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

std::string Trim(std::string_view in) {
  // ASCII white space off both ends; where the ends are then ASCII, no other white space can be
  // there and ICU is not needed (the common case: names, e-mail addresses).
  auto is_space = [](char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); };
  size_t first = 0, last = in.size();
  while (first < last && is_space(in[first])) ++first;
  while (last > first && is_space(in[last - 1])) --last;
  if (first == last) return "";
  if (static_cast<unsigned char>(in[first]) < 0x80 &&
      static_cast<unsigned char>(in[last - 1]) < 0x80) {
    return std::string(in.substr(first, last - first));
  }
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(in.data(), in.size()));
  int32_t start = 0, end = s.length();
  while (start < end && u_isUWhiteSpace(s.char32At(start))) start = s.moveIndex32(start, 1);
  while (end > start) {
    int32_t prev = s.moveIndex32(end, -1);
    if (!u_isUWhiteSpace(s.char32At(prev))) break;
    end = prev;
  }
  std::string out;
  s.tempSubStringBetween(start, end).toUTF8String(out);
  return out;
}

bool IsCleanUtf8(std::string_view in, bool allow_newlines) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(in.size());
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (c == '\t' || (allow_newlines && (c == '\n' || c == '\r'))) continue;
    if (u_iscntrl(c)) return false;
  }
  return true;
}

size_t CodePointCount(std::string_view utf8) {
  size_t count = 0;
  for (unsigned char ch : utf8) {
    if ((ch & 0xC0) != 0x80) ++count;
  }
  return count;
}

namespace {

// Letters that carry their "accent" in the base letter and so survive decomposition.
const char* ExtraFold(UChar32 c) {
  switch (c) {
    case 0x00F8:
      return "o";  // ø
    case 0x0142:
      return "l";  // ł
    case 0x0111:
      return "d";  // đ
    case 0x00F0:
      return "d";  // ð
    case 0x00FE:
      return "th";  // þ
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x0131:
      return "i";  // dotless ı
    case 0x0127:
      return "h";  // ħ
    default:
      return nullptr;
  }
}

// The rules below applied to ASCII text come down to lower-casing and collapsing white space
// (U+0009..U+000D and the space): done without ICU, as most names and e-mail addresses are
// ASCII and this runs for every indexed field and every scanned account.
std::optional<std::string> NormalizeAscii(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  for (char ch : in) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x80) return std::nullopt;
    if (u == ' ' || (u >= 0x09 && u <= 0x0D)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(u >= 'A' && u <= 'Z' ? static_cast<char>(u | 0x20) : ch);
  }
  return out;
}

std::string NormalizeWithIcu(std::string_view in) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(in);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(in.data(), in.size()));
  source.foldCase();
  icu::UnicodeString decomposed = nfkd->normalize(source, status);
  if (U_FAILURE(status)) return std::string(in);

  icu::UnicodeString kept;
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !kept.isEmpty();
      continue;
    }
    if (pending_space) {
      kept.append(static_cast<UChar>(' '));
      pending_space = false;
    }
    if (const char* extra = ExtraFold(c)) {
      kept.append(icu::UnicodeString(extra, -1, US_INV));
    } else {
      kept.append(c);
    }
  }
  icu::UnicodeString composed = nfc->normalize(kept, status);
  std::string out;
  (U_FAILURE(status) ? kept : composed).toUTF8String(out);
  return out;
}

}  // namespace

std::string NormalizeForSearch(std::string_view in) {
  if (auto ascii = NormalizeAscii(in)) return std::move(*ascii);
  // Names, cities and postal codes repeat, and ICU takes microseconds: a bounded memo per thread.
  thread_local std::unordered_map<std::string, std::string> memo;
  if (in.size() > 96) return NormalizeWithIcu(in);
  std::string key(in);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  if (memo.size() >= 50000) memo.clear();
  std::string out = NormalizeWithIcu(in);
  memo.emplace(std::move(key), out);
  return out;
}

std::string WithWordMarks(std::string_view words) {
  std::string out;
  if (words.empty()) return out;
  out.reserve(words.size() + 16);
  out += "  ";
  for (char ch : words) {
    out += ch;
    if (ch == ' ') out += ' ';
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(ch);
    }
  }
  return out;
}

std::string DigitsOnly(std::string_view in) {
  std::string out;
  for (char ch : in) {
    if (ch >= '0' && ch <= '9') out.push_back(ch);
  }
  return out;
}

bool IsPhoneLikeQuery(std::string_view in) {
  bool digit = false;
  for (char ch : in) {
    if (ch >= '0' && ch <= '9') {
      digit = true;
    } else if (ch != ' ' && ch != '+' && ch != '-' && ch != '(' && ch != ')' && ch != '.') {
      return false;
    }
  }
  return digit;
}

std::optional<std::string> CleanText(const std::string& raw, const char* field, size_t max_chars,
                                     bool multiline, std::vector<FieldError>& errors) {
  if (!IsCleanUtf8(raw, multiline)) {
    errors.push_back({field, "invalid_text", "Contains characters that are not allowed."});
    return std::nullopt;
  }
  std::string value = multiline ? raw : Trim(raw);
  if (CodePointCount(value) > max_chars) {
    errors.push_back(
        {field, "too_long", "Must be at most " + std::to_string(max_chars) + " characters."});
    return std::nullopt;
  }
  return value;
}

}  // namespace clientele
