#include "modules/customers/filter.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>

#include "core/text.hpp"
#include "core/time.hpp"

namespace clientele::customers {

namespace {

constexpr int64_t kDayMicros = 86'400'000'000LL;

using T = FilterType;
using F = FilterField;

}  // namespace

const std::vector<FilterFieldInfo>& FilterFields() {
  static const std::vector<FilterFieldInfo> kFields = {
      {"status", F::kStatus, T::kEnum, false, {"active", "inactive", "banned"}, "Account status"},
      {"kind", F::kKind, T::kEnum, false, {"registered", "guest"}, "Registered account or guest"},
      {"group", F::kGroup, T::kName, false, {}, "Customer group, by name"},
      {"tag", F::kTag, T::kName, true, {}, "A tag the customer has, by name"},
      {"country", F::kCountry, T::kCountry, true, {}, "Profile country (ISO code)"},
      {"language", F::kLanguage, T::kLanguage, true, {}, "Preferred language (BCP 47 code)"},
      {"address_country",
       F::kAddressCountry,
       T::kCountry,
       true,
       {},
       "Country of the default billing or shipping address"},
      {"city", F::kCity, T::kText, true, {}, "City of the default billing or shipping address"},
      {"email", F::kEmail, T::kText, true, {}, "E-mail address"},
      {"name", F::kName, T::kFragment, true, {}, "First and last name"},
      {"phone", F::kPhone, T::kFragment, true, {}, "Phone number (digits)"},
      {"registered", F::kRegistered, T::kDate, false, {}, "When the customer registered"},
      {"last_activity", F::kLastActivity, T::kDate, true, {}, "Last sign-in or activity"},
      {"verified", F::kVerified, T::kBool, false, {}, "The account's e-mail address is verified"},
      {"deletion_requested",
       F::kDeletionRequested,
       T::kBool,
       false,
       {},
       "The shopper asked for the account to be deleted"},
      {"orders", F::kOrders, T::kNumber, false, {}, "Orders placed (not cancelled)"},
      {"total_spent",
       F::kTotalSpent,
       T::kMoney,
       false,
       {},
       "Paid net of refunds, in the store's currency"},
      {"first_order", F::kFirstOrder, T::kDate, true, {}, "When the first order was placed"},
      {"last_order", F::kLastOrder, T::kDate, true, {}, "When the last order was placed"},
      {"bought", F::kBought, T::kName, false, {}, "Bought a product, by SKU"},
      {"balance", F::kBalance, T::kMoney, false, {}, "Store credit in the store's currency"},
      {"email_consent", F::kEmailConsent, T::kBool, false, {}, "Agreed to marketing e-mail"},
      {"sms_consent", F::kSmsConsent, T::kBool, false, {}, "Agreed to marketing SMS"},
      {"messenger_consent",
       F::kMessengerConsent,
       T::kBool,
       false,
       {},
       "Agreed to marketing by messenger"},
      {"spam_score",
       F::kSpamScore,
       T::kNumber,
       false,
       {},
       "Spam score of the last account scan (0–100)"},
      {"recency", F::kRecency, T::kNumber, true, {}, "RFM recency score (1–5)"},
      {"frequency", F::kFrequency, T::kNumber, true, {}, "RFM frequency score (1–5)"},
      {"monetary", F::kMonetary, T::kNumber, true, {}, "RFM monetary score (1–5)"},
      {"rfm_group", F::kRfmGroup, T::kEnum, true,
       std::vector<std::string_view>(std::begin(kRfmGroups), std::end(kRfmGroups)), "RFM group"},
      {"activity", F::kActivity, T::kEnum, false,
       std::vector<std::string_view>(std::begin(kActivityLevels), std::end(kActivityLevels)),
       "Activity level from orders and sign-ins"},
  };
  return kFields;
}

const FilterFieldInfo& InfoOf(FilterField field) {
  for (const auto& info : FilterFields()) {
    if (info.field == field) return info;
  }
  return FilterFields().front();
}

Error FilterMistake(const std::string& field, int position, std::string message) {
  FieldError error{field, "invalid_filter", std::move(message)};
  error.position = position;
  return Error::Invalid("The filter is not valid.", {error});
}

void ForEachTest(FilterNode& node, const std::function<void(FilterNode&)>& fn) {
  if (node.kind == FilterNode::Kind::kTest) {
    fn(node);
    return;
  }
  for (auto& child : node.children) ForEachTest(child, fn);
}

namespace {

char Lower(char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; }

// Edit distance with adjacent transpositions (optimal string alignment), ASCII case-folded.
size_t Distance(std::string_view a, std::string_view b) {
  const std::string x = LowerAscii(a), y = LowerAscii(b);
  std::vector<std::vector<size_t>> d(x.size() + 1, std::vector<size_t>(y.size() + 1));
  for (size_t i = 0; i <= x.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= y.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[x.size()][y.size()];
}

}  // namespace

std::string ClosestWord(std::string_view word, const std::vector<std::string>& known) {
  if (word.empty() || word.size() > 64) return "";
  std::string best;
  size_t best_distance = std::max<size_t>(1, std::min<size_t>(3, word.size() / 3));
  bool found = false;
  for (const auto& candidate : known) {
    if (candidate.size() > 64) continue;
    // A word the field starts with is as likely as a typo ("registr" → registered).
    if (word.size() >= 3 && LowerAscii(candidate).rfind(LowerAscii(word), 0) == 0) return candidate;
    const size_t d = Distance(word, candidate);
    if (d < best_distance || (d == best_distance && !found)) {
      best = candidate;
      best_distance = d;
      found = true;
    }
  }
  return best;
}

namespace {

enum class Tok { kEnd, kWord, kNumber, kString, kDate, kRelative, kOp, kOpen, kClose, kComma };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // a word, number or date as typed; a text unquoted; an operator
  int position = 0;  // 1-based character
};

bool IsWordStart(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}
bool IsDigit(char ch) { return ch >= '0' && ch <= '9'; }
bool IsWordChar(char ch) { return IsWordStart(ch) || IsDigit(ch); }

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// What a token is called in a message.
std::string Describe(const Token& t) {
  switch (t.kind) {
    case Tok::kEnd:
      return "the end";
    case Tok::kString:
      return "the text " + Quoted(t.text);
    case Tok::kOpen:
      return "'('";
    case Tok::kClose:
      return "')'";
    case Tok::kComma:
      return "','";
    default:
      return Quoted(t.text);
  }
}

class Parser {
 public:
  Parser(std::string_view text, const FilterContext& context, const std::string& field)
      : text_(text), context_(context), field_(field) {}

  Result<FilterNode> Run() {
    RETURN_IF_ERROR(Lex());
    if (tokens_.size() == 1)
      return Mistake(1, "the filter is empty: write a condition such as orders >= 2");
    ASSIGN_OR_RETURN(FilterNode root, ParseOr(0));
    if (Peek().kind != Tok::kEnd) {
      const Token& t = Peek();
      if (t.kind == Tok::kClose)
        return Mistake(t.position, "')' at " + std::to_string(t.position) + " closes nothing");
      return Mistake(t.position, "expected AND or OR at " + std::to_string(t.position) +
                                     ", found " + Describe(t));
    }
    return root;
  }

 private:
  Error Mistake(int position, std::string message) const {
    return FilterMistake(field_, position, std::move(message));
  }
  static std::string At(const Token& t) { return " at " + std::to_string(t.position); }

  // --- Lexer ---------------------------------------------------------------------------------

  int CharPosition(size_t byte) const {
    int chars = 0;
    for (size_t i = 0; i < byte && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;
    }
    return chars + 1;
  }

  Status Lex() {
    size_t i = 0;
    const size_t n = text_.size();
    while (true) {
      while (i < n && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r'))
        ++i;
      Token t;
      t.position = CharPosition(i);
      if (i >= n) {
        tokens_.push_back(t);
        return OkStatus();
      }
      const char ch = text_[i];
      if (ch == '(' || ch == ')' || ch == ',') {
        t.kind = ch == '(' ? Tok::kOpen : ch == ')' ? Tok::kClose : Tok::kComma;
        t.text = std::string(1, ch);
        ++i;
      } else if (ch == '\'' || ch == '"') {
        t.kind = Tok::kString;
        size_t j = i + 1;
        bool closed = false;
        while (j < n) {
          if (text_[j] == ch) {
            if (j + 1 < n && text_[j + 1] == ch) {  // '' is a quote inside the text
              t.text += ch;
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          t.text += text_[j++];
        }
        if (!closed) {
          return Mistake(t.position, "the text starting at " + std::to_string(t.position) +
                                         " is not closed: end it with " + std::string(1, ch));
        }
        i = j + 1;
      } else if (ch == '=' || ch == '!' || ch == '<' || ch == '>') {
        t.kind = Tok::kOp;
        const char next = i + 1 < n ? text_[i + 1] : '\0';
        if ((ch == '!' || ch == '<' || ch == '>') && next == '=') {
          t.text = std::string{ch, '='};
          i += 2;
        } else if (ch == '<' && next == '>') {
          t.text = "!=";
          i += 2;
        } else if (ch == '=' && next == '=') {
          t.text = "=";
          i += 2;
        } else if (ch == '!') {
          return Mistake(t.position, "'!' at " + std::to_string(t.position) +
                                         " is not an operator: use != or NOT");
        } else {
          t.text = std::string(1, ch);
          ++i;
        }
      } else if (IsDigit(ch) || (ch == '-' && i + 1 < n && IsDigit(text_[i + 1]))) {
        size_t j = i + (ch == '-' ? 1 : 0);
        while (j < n && IsDigit(text_[j])) ++j;
        const size_t digits = j - i - (ch == '-' ? 1 : 0);
        if (ch != '-' && digits == 4 && j < n && text_[j] == '-') {
          // A date, maybe with a time: 2026-01-01, 2026-01-01T10:00Z, 2026-01-01T10:00+02:00.
          while (j < n && (IsDigit(text_[j]) || text_[j] == '-' || text_[j] == ':' ||
                           text_[j] == '.' || text_[j] == '+' || text_[j] == 'T' ||
                           text_[j] == 't' || text_[j] == 'Z' || text_[j] == 'z')) {
            ++j;
          }
          t.kind = Tok::kDate;
        } else if (ch == '-' && j < n && IsWordStart(text_[j]) &&
                   (j + 1 >= n || !IsWordChar(text_[j + 1]))) {
          t.kind = Tok::kRelative;  // -90d
          ++j;
        } else {
          if (j + 1 < n && text_[j] == '.' && IsDigit(text_[j + 1])) {
            ++j;
            while (j < n && IsDigit(text_[j])) ++j;
          }
          t.kind = Tok::kNumber;
          if (j < n && IsWordChar(text_[j])) {
            while (j < n && IsWordChar(text_[j])) ++j;
            return Mistake(t.position, Quoted(text_.substr(i, j - i)) + " at " +
                                           std::to_string(t.position) +
                                           " is not a number, date or relative time such as -90d");
          }
        }
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else if (IsWordStart(ch)) {
        size_t j = i;
        while (j < n && IsWordChar(text_[j])) ++j;
        t.kind = Tok::kWord;
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else {
        size_t j = i + 1;
        while (j < n && (static_cast<unsigned char>(text_[j]) & 0xC0) == 0x80) ++j;
        return Mistake(t.position, "unexpected " + Quoted(text_.substr(i, j - i)) + " at " +
                                       std::to_string(t.position) +
                                       ": put texts in single quotes, such as city = 'München'");
      }
      tokens_.push_back(std::move(t));
    }
  }

  // --- Grammar: or := and (OR and)*; and := not (AND not)*; not := NOT not | primary ------

  const Token& Peek() const { return tokens_[next_]; }
  const Token& Take() { return tokens_[next_ < tokens_.size() - 1 ? next_++ : next_]; }
  bool PeekKeyword(std::string_view keyword) const {
    return Peek().kind == Tok::kWord && LowerAscii(Peek().text) == keyword;
  }
  static bool IsKeyword(const std::string& word) {
    static const char* kKeywords[] = {"and",  "or",       "not",  "in",   "is",
                                      "null", "contains", "true", "false"};
    const std::string lower = LowerAscii(word);
    for (const char* k : kKeywords) {
      if (lower == k) return true;
    }
    return false;
  }

  Result<FilterNode> ParseOr(int depth) {
    if (depth > kMaxFilterDepth) {
      return Mistake(Peek().position,
                     "the filter nests too deeply at " + std::to_string(Peek().position));
    }
    ASSIGN_OR_RETURN(FilterNode first, ParseAnd(depth));
    if (!PeekKeyword("or")) return first;
    FilterNode node;
    node.kind = FilterNode::Kind::kOr;
    node.children.push_back(std::move(first));
    while (PeekKeyword("or")) {
      Take();
      ASSIGN_OR_RETURN(FilterNode next, ParseAnd(depth));
      node.children.push_back(std::move(next));
    }
    return node;
  }

  Result<FilterNode> ParseAnd(int depth) {
    ASSIGN_OR_RETURN(FilterNode first, ParseNot(depth));
    if (!PeekKeyword("and")) return first;
    FilterNode node;
    node.kind = FilterNode::Kind::kAnd;
    node.children.push_back(std::move(first));
    while (PeekKeyword("and")) {
      Take();
      ASSIGN_OR_RETURN(FilterNode next, ParseNot(depth));
      node.children.push_back(std::move(next));
    }
    return node;
  }

  Result<FilterNode> ParseNot(int depth) {
    if (!PeekKeyword("not")) return ParsePrimary(depth);
    Take();
    if (depth + 1 > kMaxFilterDepth) {
      return Mistake(Peek().position,
                     "the filter nests too deeply at " + std::to_string(Peek().position));
    }
    ASSIGN_OR_RETURN(FilterNode inner, ParseNot(depth + 1));
    return Not(std::move(inner));
  }

  static FilterNode Not(FilterNode inner) {
    FilterNode node;
    node.kind = FilterNode::Kind::kNot;
    node.children.push_back(std::move(inner));
    return node;
  }

  Result<FilterNode> ParsePrimary(int depth) {
    const Token& t = Peek();
    if (t.kind == Tok::kOpen) {
      Take();
      ASSIGN_OR_RETURN(FilterNode inner, ParseOr(depth + 1));
      if (Peek().kind != Tok::kClose) {
        return Mistake(Peek().position, "expected ')' at " + std::to_string(Peek().position) +
                                            " to close the '(' at " + std::to_string(t.position) +
                                            ", found " + Describe(Peek()));
      }
      Take();
      return inner;
    }
    if (t.kind != Tok::kWord || IsKeyword(t.text)) {
      return Mistake(t.position, "expected a field name" + At(t) + ", found " + Describe(t));
    }
    return ParseTest();
  }

  // --- One test: field op value ----------------------------------------------------------

  Result<FilterNode> ParseTest() {
    const Token name = Take();
    const FilterFieldInfo* info = nullptr;
    for (const auto& f : FilterFields()) {
      if (LowerAscii(name.text) == f.name) info = &f;
    }
    if (!info) {
      std::vector<std::string> names;
      for (const auto& f : FilterFields()) names.emplace_back(f.name);
      const std::string guess = ClosestWord(name.text, names);
      return Mistake(name.position, "unknown field " + Quoted(name.text) + At(name) +
                                        (guess.empty() ? ": see the list of fields"
                                                       : ": did you mean " + Quoted(guess) + "?"));
    }
    if (++tests_ > kMaxFilterTests) {
      return Mistake(name.position,
                     "a filter holds at most " + std::to_string(kMaxFilterTests) + " conditions");
    }
    FilterNode node;
    node.field = info->field;
    const std::string field_name(info->name);

    // A yes/no field alone is a test that it holds: email_consent, NOT verified.
    const Token& after = Peek();
    const bool ends = after.kind == Tok::kEnd || after.kind == Tok::kClose ||
                      (after.kind == Tok::kWord &&
                       (LowerAscii(after.text) == "and" || LowerAscii(after.text) == "or"));
    if (info->type == T::kBool && ends) {
      node.op = FilterOp::kEq;
      node.values.emplace_back(int64_t{1});
      node.positions.push_back(name.position);
      return node;
    }
    if (ends) {
      return Mistake(after.position, "expected an operator after " + field_name + At(after) +
                                         ", such as " + field_name + " " + Example(*info));
    }

    if (PeekKeyword("is")) {
      const Token is = Take();
      const bool negated = PeekKeyword("not");
      if (negated) Take();
      if (!PeekKeyword("null")) {
        return Mistake(Peek().position, "expected NULL after IS" + At(Peek()));
      }
      Take();
      if (!info->nullable) {
        return Mistake(is.position,
                       field_name + " is never empty" + At(is) + ": IS NULL does not apply to it");
      }
      node.op = FilterOp::kIsNull;
      return negated ? Not(std::move(node)) : node;
    }
    bool negated = false;
    if (PeekKeyword("not")) {
      Take();
      if (!PeekKeyword("in")) {
        return Mistake(Peek().position, "expected IN after NOT" + At(Peek()) +
                                            " (write NOT before the field to negate a condition)");
      }
      negated = true;
    }
    if (PeekKeyword("in")) {
      const Token in = Take();
      if (info->type == T::kBool || info->type == T::kDate || info->type == T::kMoney) {
        return Mistake(in.position,
                       "IN does not apply to " + field_name + At(in) + Operators(*info));
      }
      if (Peek().kind != Tok::kOpen) {
        return Mistake(Peek().position, "expected '(' after IN" + At(Peek()) + ", such as " +
                                            field_name + " IN (" + ExampleValue(*info) + ", …)");
      }
      Take();
      node.op = FilterOp::kIn;
      while (true) {
        if (node.values.size() >= kMaxInValues) {
          return Mistake(Peek().position,
                         "IN holds at most " + std::to_string(kMaxInValues) + " values");
        }
        RETURN_IF_ERROR(ParseValue(*info, node));
        if (Peek().kind == Tok::kComma) {
          Take();
          continue;
        }
        if (Peek().kind == Tok::kClose) {
          Take();
          break;
        }
        return Mistake(Peek().position,
                       "expected ',' or ')'" + At(Peek()) + ", found " + Describe(Peek()));
      }
      return negated ? Not(std::move(node)) : node;
    }
    if (PeekKeyword("contains")) {
      const Token c = Take();
      if (info->type != T::kText && info->type != T::kFragment) {
        return Mistake(c.position,
                       "CONTAINS does not apply to " + field_name + At(c) + Operators(*info));
      }
      node.op = FilterOp::kContains;
      RETURN_IF_ERROR(ParseValue(*info, node));
      return node;
    }
    if (Peek().kind != Tok::kOp) {
      return Mistake(Peek().position, "expected an operator after " + field_name + At(Peek()) +
                                          ", found " + Describe(Peek()) + Operators(*info));
    }
    const Token op = Take();
    const bool ordered =
        info->type == T::kNumber || info->type == T::kMoney || info->type == T::kDate;
    if ((op.text != "=" && op.text != "!=" && !ordered) || info->type == T::kFragment) {
      return Mistake(op.position, Quoted(op.text) + " does not apply to " + field_name + At(op) +
                                      Operators(*info));
    }
    RETURN_IF_ERROR(ParseValue(*info, node));
    // A calendar day is a range of instants: = is within it, > after it, <= up to its end.
    if (info->type == T::kDate && node.values.size() == 2) {
      const FilterValue start = node.values[0], end = node.values[1];
      node.values.clear();
      if (op.text == "=" || op.text == "!=") {
        node.op = FilterOp::kDay;
        node.values = {start, end};
        node.positions.push_back(node.positions.front());
        return op.text == "=" ? node : Not(std::move(node));
      }
      node.values.push_back(op.text == "<" || op.text == ">=" ? start : end);
      node.op = op.text == "<" || op.text == "<=" ? FilterOp::kLt : FilterOp::kGe;
      return node;
    }
    if (op.text == "=" || op.text == "!=") {
      node.op = FilterOp::kEq;
      return op.text == "=" ? node : Not(std::move(node));
    }
    node.op = op.text == "<"    ? FilterOp::kLt
              : op.text == "<=" ? FilterOp::kLe
              : op.text == ">"  ? FilterOp::kGt
                                : FilterOp::kGe;
    return node;
  }

  static std::string Example(const FilterFieldInfo& info) {
    switch (info.type) {
      case T::kNumber:
      case T::kMoney:
      case T::kDate:
        return ">= " + ExampleValue(info);
      case T::kText:
      case T::kFragment:
        return "CONTAINS " + ExampleValue(info);
      default:
        return "= " + ExampleValue(info);
    }
  }
  static std::string ExampleValue(const FilterFieldInfo& info) {
    switch (info.type) {
      case T::kEnum:
        return std::string(info.values.front());
      case T::kName:
        return info.field == F::kBought ? "'SKU-1'" : "'VIP'";
      case T::kCountry:
        return "'DE'";
      case T::kLanguage:
        return "'en'";
      case T::kText:
        return info.field == F::kEmail ? "'@example.com'" : "'London'";
      case T::kFragment:
        return info.field == F::kPhone ? "'7946'" : "'smith'";
      case T::kDate:
        return "-90d";
      case T::kNumber:
        return "2";
      case T::kMoney:
        return "100";
      case T::kBool:
        return "true";
    }
    return "";
  }
  static std::string Operators(const FilterFieldInfo& info) {
    std::string ops;
    switch (info.type) {
      case T::kNumber:
        ops = "=, !=, <, <=, >, >=, IN";
        break;
      case T::kMoney:
      case T::kDate:
        ops = "=, !=, <, <=, >, >=";
        break;
      case T::kText:
        ops = "=, !=, IN, CONTAINS";
        break;
      case T::kFragment:
        ops = "CONTAINS";
        break;
      case T::kBool:
        ops = "= true or = false, or the field alone";
        break;
      default:
        ops = "=, !=, IN, NOT IN";
    }
    if (info.nullable) ops += ", IS NULL";
    return ": use " + ops;
  }

  // Reads one value for `info` into `node` (two for a calendar day: its start and end).
  Status ParseValue(const FilterFieldInfo& info, FilterNode& node) {
    const Token v = Take();
    const std::string field_name(info.name);
    auto wrong = [&](const std::string& expected) {
      return Mistake(v.position, "expected " + expected + " for " + field_name + At(v) +
                                     ", found " + Describe(v));
    };
    if (v.kind == Tok::kEnd || v.kind == Tok::kClose || v.kind == Tok::kComma ||
        v.kind == Tok::kOpen || v.kind == Tok::kOp) {
      return wrong("a value such as " + ExampleValue(info));
    }
    switch (info.type) {
      case T::kEnum: {
        if (v.kind != Tok::kWord && v.kind != Tok::kString) return wrong("one of " + Values(info));
        const std::string value = LowerAscii(v.text);
        for (auto known : info.values) {
          if (value == known) {
            node.values.emplace_back(value);
            node.positions.push_back(v.position);
            return OkStatus();
          }
        }
        std::vector<std::string> known(info.values.begin(), info.values.end());
        const std::string guess = ClosestWord(value, known);
        return Mistake(v.position, "unknown " + field_name + " " + Quoted(v.text) + At(v) +
                                       (guess.empty() ? ": use one of " + Values(info)
                                                      : ": did you mean " + Quoted(guess) + "?"));
      }
      case T::kName:
      case T::kCountry:
      case T::kLanguage:
      case T::kText:
      case T::kFragment: {
        const bool bare_ok = info.type != T::kText &&
                             info.type != T::kFragment;  // codes and names may go without quotes
        if (v.kind != Tok::kString &&
            !(bare_ok && (v.kind == Tok::kWord || v.kind == Tok::kNumber))) {
          return wrong("a text in single quotes, such as " + ExampleValue(info));
        }
        if (v.text.empty() || v.text.size() > 200) {
          return Mistake(v.position,
                         "the text for " + field_name + At(v) + " must have 1 to 200 characters");
        }
        if (info.type == T::kCountry &&
            (v.text.size() != 2 || !IsWordStart(v.text[0]) || !IsWordStart(v.text[1]))) {
          return Mistake(v.position, "expected a two-letter country code for " + field_name +
                                         At(v) + ", such as 'DE'");
        }
        node.values.emplace_back(v.text);
        node.positions.push_back(v.position);
        return OkStatus();
      }
      case T::kBool: {
        const std::string value = LowerAscii(v.text);
        if (v.kind != Tok::kWord || (value != "true" && value != "false"))
          return wrong("true or false");
        node.values.emplace_back(int64_t{value == "true" ? 1 : 0});
        node.positions.push_back(v.position);
        return OkStatus();
      }
      case T::kNumber: {
        int64_t n = 0;
        const auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
        if (v.kind != Tok::kNumber || ec != std::errc() || end != v.text.data() + v.text.size() ||
            n < 0) {
          return wrong("a whole number, 0 or more");
        }
        node.values.emplace_back(n);
        node.positions.push_back(v.position);
        return OkStatus();
      }
      case T::kMoney: {
        if (v.kind != Tok::kNumber || v.text[0] == '-')
          return wrong("an amount such as 100 or 19.99");
        const size_t dot = v.text.find('.');
        const std::string whole = v.text.substr(0, dot);
        const std::string fraction = dot == std::string::npos ? "" : v.text.substr(dot + 1);
        if (static_cast<int>(fraction.size()) > context_.currency_digits || whole.size() > 13) {
          return Mistake(v.position, "the amount for " + field_name + At(v) + " has " +
                                         (whole.size() > 13 ? "too many digits"
                                                            : "more decimals than the currency"));
        }
        int64_t minor = std::stoll(whole);
        for (int i = 0; i < context_.currency_digits; ++i) {
          minor = minor * 10 + (i < static_cast<int>(fraction.size()) ? fraction[i] - '0' : 0);
        }
        node.values.emplace_back(minor);
        node.positions.push_back(v.position);
        return OkStatus();
      }
      case T::kDate:
        return ParseDate(info, v, node);
    }
    return OkStatus();
  }

  static std::string Values(const FilterFieldInfo& info) {
    std::string out;
    for (auto v : info.values) out += (out.empty() ? "" : ", ") + std::string(v);
    return out;
  }

  Status ParseDate(const FilterFieldInfo& info, const Token& v, FilterNode& node) {
    const std::string field_name(info.name);
    if (v.kind == Tok::kRelative) {
      // -90d, -2w, -6m, -1y: that long before now (months and years by the calendar).
      const char unit = Lower(v.text.back());
      int64_t amount = 0;
      const std::string digits = v.text.substr(1, v.text.size() - 2);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), amount);
      if (ec != std::errc() || end != digits.data() + digits.size() || amount > 100 * 366 ||
          (unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y')) {
        return Mistake(v.position, Quoted(v.text) + At(v) +
                                       " is not a relative time: use days, weeks, months or years, "
                                       "such as -90d, -2w, -6m or -1y");
      }
      node.values.emplace_back(MonthsOrDaysBefore(context_.now, unit, amount));
      node.positions.push_back(v.position);
      return OkStatus();
    }
    if (v.kind != Tok::kDate && v.kind != Tok::kString) {
      return Mistake(v.position, "expected a date for " + field_name + At(v) + ", found " +
                                     Describe(v) +
                                     ": use 2026-01-31 or a relative time such as -90d");
    }
    auto instant = ParseInstant(v.text, field_);
    if (!instant.ok()) {
      return Mistake(v.position, Quoted(v.text) + At(v) +
                                     " is not a date: use 2026-01-31, 2026-01-31T10:00Z or a "
                                     "relative time such as -90d");
    }
    if (v.text.size() == 10) {
      // A calendar day of the store: from its midnight to the next.
      const int64_t day = *instant / kDayMicros;
      node.values.emplace_back(context_.midnight(day));
      node.values.emplace_back(context_.midnight(day + 1));
      node.positions.push_back(v.position);
      return OkStatus();
    }
    node.values.emplace_back(*instant);
    node.positions.push_back(v.position);
    return OkStatus();
  }

  static int64_t MonthsOrDaysBefore(int64_t now, char unit, int64_t amount) {
    using namespace std::chrono;
    if (unit == 'd' || unit == 'w') return now - amount * (unit == 'w' ? 7 : 1) * kDayMicros;
    const sys_days day = floor<days>(sys_time<microseconds>(microseconds(now)));
    const int64_t time_of_day = now - duration_cast<microseconds>(day.time_since_epoch()).count();
    year_month_day ymd{day};
    ymd = unit == 'y' ? ymd - years(amount) : ymd - months(amount);
    if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;  // 31 March - 1 month: 28/29 February
    return duration_cast<microseconds>(sys_days(ymd).time_since_epoch()).count() + time_of_day;
  }

  std::string_view text_;
  const FilterContext& context_;
  const std::string& field_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
  int tests_ = 0;
};

}  // namespace

Result<FilterNode> ParseFilter(std::string_view text, const FilterContext& context,
                               const std::string& field) {
  size_t chars = 0;
  for (char ch : text) chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80 ? 1 : 0;
  if (chars > kMaxFilterChars) {
    return FilterMistake(field, 1,
                         "a filter has at most " + std::to_string(kMaxFilterChars) + " characters");
  }
  return Parser(text, context, field).Run();
}

}  // namespace clientele::customers
