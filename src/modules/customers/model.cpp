#include "modules/customers/model.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>

#include "core/contact.hpp"
#include "core/text.hpp"

namespace clientele::customers {

const char* ToString(AccountStatus s) {
  switch (s) {
    case AccountStatus::kActive:
      return "active";
    case AccountStatus::kInactive:
      return "inactive";
    case AccountStatus::kBanned:
      return "banned";
  }
  return "active";
}

const char* ToString(Kind k) { return k == Kind::kGuest ? "guest" : "registered"; }

std::optional<AccountStatus> ParseStatus(std::string_view s) {
  if (s == "active") return AccountStatus::kActive;
  if (s == "inactive") return AccountStatus::kInactive;
  if (s == "banned") return AccountStatus::kBanned;
  return std::nullopt;
}

std::optional<Kind> ParseKind(std::string_view s) {
  if (s == "registered") return Kind::kRegistered;
  if (s == "guest") return Kind::kGuest;
  return std::nullopt;
}

bool Patch::empty() const {
  return !first_name && !last_name && !email && !phone && !country && !language && !company &&
         !fax && !note && !custom_fields && !commission_reduced_percent && !library_all_access &&
         !member_directory_access && !consent_email && !consent_sms && !consent_messenger &&
         !group_id && !tags;
}

namespace {

constexpr size_t kMaxCustomFields = 50;

template <typename T>
std::optional<T> Take(Result<T> r, std::vector<FieldError>& errors) {
  if (r.ok()) return std::move(r).value();
  for (const auto& f : r.error().fields) errors.push_back(f);
  return std::nullopt;
}

}  // namespace

Status ApplyPatch(const Patch& p, Customer& c) {
  std::vector<FieldError> errors;
  auto text = [&](const std::optional<std::string>& in, const char* field, size_t max,
                  bool multiline, std::string& out) {
    if (!in) return;
    if (auto v = CleanText(*in, field, max, multiline, errors)) out = std::move(*v);
  };
  text(p.first_name, "first_name", 100, false, c.first_name);
  text(p.last_name, "last_name", 100, false, c.last_name);
  text(p.company, "company", 200, false, c.company);
  text(p.note, "note", 10000, true, c.note);

  if (p.country) {
    std::string trimmed = Trim(*p.country);
    if (trimmed.empty()) {
      c.country.clear();
    } else if (auto v = Take(ParseCountry(trimmed, "country"), errors)) {
      c.country = *v;
    }
  }
  if (p.language) {
    std::string trimmed = Trim(*p.language);
    if (trimmed.empty()) {
      c.language.clear();
    } else if (auto v = Take(ParseLanguage(trimmed, "language"), errors)) {
      c.language = *v;
    }
  }
  if (p.email) {
    if (Trim(*p.email).empty()) {
      c.email.clear();
      c.email_key.clear();
    } else if (auto v = Take(ParseEmail(*p.email, "email"), errors)) {
      c.email = v->display;
      c.email_key = v->key;
    }
  }
  auto phone = [&](const std::optional<std::string>& in, const char* field, std::string& out) {
    if (!in) return;
    if (Trim(*in).empty()) {
      out.clear();
    } else if (auto v = Take(ParsePhone(*in, c.country, field), errors)) {
      out = *v;
    }
  };
  phone(p.phone, "phone", c.phone);
  phone(p.fax, "fax", c.fax);

  if (p.custom_fields) {
    static const std::regex kKey("^[A-Za-z0-9_.-]{1,64}$");
    bool ok = true;
    if (p.custom_fields->size() > kMaxCustomFields) {
      errors.push_back({"custom_fields", "too_many",
                        "At most " + std::to_string(kMaxCustomFields) + " custom fields."});
      ok = false;
    }
    for (const auto& [key, value] : *p.custom_fields) {
      if (!std::regex_match(key, kKey)) {
        errors.push_back({"custom_fields." + key, "invalid_key",
                          "Names use letters, digits, '_', '.' or '-' (at most 64)."});
        ok = false;
      } else if (!IsCleanUtf8(value, true) || CodePointCount(value) > 1000) {
        errors.push_back({"custom_fields." + key, "invalid_value",
                          "Values are text of at most 1000 characters."});
        ok = false;
      }
    }
    if (ok) c.custom_fields = *p.custom_fields;
  }
  if (p.commission_reduced_percent) {
    const double pct = *p.commission_reduced_percent;
    const double bp = std::round(pct * 100);
    if (!std::isfinite(pct) || pct < 0 || pct > 100) {
      errors.push_back(
          {"commission_reduced_percent", "out_of_range", "Must be between 0 and 100."});
    } else if (std::fabs(bp - pct * 100) > 1e-6) {
      errors.push_back({"commission_reduced_percent", "too_precise",
                        "Use at most two decimals, such as 12.5 or 7.25."});
    } else {
      c.commission_reduced_bp = static_cast<int64_t>(bp);
    }
  }
  if (p.library_all_access) c.library_all_access = *p.library_all_access;
  if (p.member_directory_access) c.member_directory_access = *p.member_directory_access;
  if (p.consent_email) c.consent_email = *p.consent_email;
  if (p.consent_sms) c.consent_sms = *p.consent_sms;
  if (p.consent_messenger) c.consent_messenger = *p.consent_messenger;

  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  return OkStatus();
}

Status CheckComplete(const Customer& c) {
  std::vector<FieldError> errors;
  if (c.kind == Kind::kRegistered && c.email_key.empty()) {
    errors.push_back({"email", "required", "A registered account needs an e-mail address."});
  }
  if (c.kind == Kind::kGuest && c.email_key.empty() && c.phone.empty()) {
    errors.push_back({"email", "required", "A guest record needs an e-mail address or a phone."});
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  return OkStatus();
}

Result<std::string> ParseTagName(std::string_view name, const std::string& field) {
  std::string tag = Trim(name);
  if (tag.empty() || CodePointCount(tag) > 64 || tag.find(',') != std::string::npos ||
      !IsCleanUtf8(tag, false)) {
    std::string msg = "A tag is 1 to 64 characters without commas.";
    return Error::Invalid(msg, {{field, "invalid_tag", msg}});
  }
  return tag;
}

namespace {

void AppendWords(std::string& to, const std::string& words) {
  if (words.empty()) return;
  if (!to.empty()) to += ' ';
  to += words;
}

}  // namespace

std::string FullName(const std::string& first_name, const std::string& last_name) {
  const bool family_first = HasCjkLetters(first_name + last_name);
  std::string first = family_first ? last_name : first_name;
  const std::string& second = family_first ? first_name : last_name;
  AppendWords(first, second);
  return first;
}

namespace {

// How search sees a name: normalised as written (and for CJK names family and given name
// without a space), its German spelling, and apart from those its Latin spelling.
struct NameForms {
  std::string written;  // with the German spelling: what a list row shows, in effect
  std::string latin;
};

NameForms NameFormsOf(const Customer& c) {
  const std::string name = c.first_name + " " + c.last_name;
  NameForms forms{NormalizeForSearch(name), ""};
  if (HasCjkLetters(name)) {
    AppendWords(forms.written, NormalizeForSearch(c.last_name + c.first_name));
  }
  SearchSpellings spellings = SpellingsForSearch(name);
  AppendWords(forms.written, spellings.german);
  forms.latin = std::move(spellings.latin);
  return forms;
}

}  // namespace

std::string SearchText(const Customer& c) {
  const NameForms name = NameFormsOf(c);
  std::string text = name.written;
  AppendWords(text, name.latin);
  AppendWords(text, NormalizeForSearch(c.company));
  AppendWords(text, NormalizeForSearch(c.email_key));
  return WithWordMarks(text);
}

std::string PhoneDigits(const Customer& c) {
  std::string digits = DigitsOnly(c.phone);
  if (!digits.empty()) AppendWords(digits, NationalDialDigits(c.phone));
  return WithWordMarks(digits);
}

std::string NameSortKey(const Customer& c) {
  return NormalizeForSearch(c.last_name + " " + c.first_name);
}

int64_t KeyFor(int64_t registered_at, int64_t salt) {
  return (std::max<int64_t>(registered_at, 0) << 10) | (salt & 1023);
}

int64_t FirstKeyAt(int64_t micros) { return std::max<int64_t>(micros, 0) << 10; }

}  // namespace clientele::customers

namespace clientele::customers {

namespace {

// Words of a query beyond these are ignored: each costs an index lookup.
constexpr size_t kMaxSearchTerms = 8;

void AddSpelling(SearchTerm& term, const std::string& spelling) {
  if (spelling.empty()) return;
  // A substring term cannot look up fewer than three characters by trigram.
  if (!term.prefix && CodePointCount(spelling) < 3) return;
  for (const auto& s : term.spellings) {
    if (s == spelling) return;
  }
  term.spellings.push_back(spelling);
}

SearchTerm TermOf(const std::string& word, const std::string& normalized) {
  SearchTerm term;
  term.prefix = CodePointCount(normalized) < 3;
  term.spellings.push_back(normalized);
  const SearchSpellings other = SpellingsForSearch(word);
  for (const std::string* words : {&other.latin, &other.german}) {
    size_t start = 0;
    while (start < words->size()) {
      size_t end = std::min(words->find(' ', start), words->size());
      AddSpelling(term, words->substr(start, end - start));
      start = end + 1;
    }
  }
  return term;
}

// "ivan nikolaev" → "Ivan Nikolaev": how the Latin spelling of a name is shown.
std::string Capitalized(std::string words) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (i == 0 || words[i - 1] == ' ') {
      words[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[i])));
    }
  }
  return words;
}

// The Latin spelling of a name to show beside a search hit: word by word, the spelling a term
// matched (the Cyrillic "Николаев" is "nikolaev" and "nikolayev"), else the first.
std::string LatinNameShown(const std::string& name, const SearchPlan& plan) {
  std::string out;
  size_t start = 0;
  while (start < name.size()) {
    const size_t end = std::min(name.find(' ', start), name.size());
    const std::string word = name.substr(start, end - start);
    start = end + 1;
    const std::string latin = SpellingsForSearch(word).latin;
    std::vector<std::string> choices;
    for (size_t from = 0; from < latin.size();) {
      const size_t to = std::min(latin.find(' ', from), latin.size());
      choices.push_back(latin.substr(from, to - from));
      from = to + 1;
    }
    if (choices.empty()) choices.push_back(NormalizeForSearch(word));
    std::string chosen = choices[0];
    for (const std::string& choice : choices) {
      bool matched = false;
      for (const SearchTerm& term : plan.terms) matched = matched || TermMatches(term, choice);
      if (matched) {
        chosen = choice;
        break;
      }
    }
    AppendWords(out, chosen);
  }
  return out;
}

}  // namespace

SearchPlan PlanSearch(std::string_view q) {
  SearchPlan plan;
  if (IsPhoneLikeQuery(q)) {
    // "+44 20" is typed with spaces, phones are stored without: compare digits alone.
    plan.phone = true;
    SearchTerm term;
    const std::string digits = DigitsOnly(q);
    term.prefix = digits.size() < 3;
    term.spellings.push_back(digits);
    // "0044 20…" dials the country code after the international prefix.
    if (digits.rfind("00", 0) == 0) AddSpelling(term, digits.substr(2));
    plan.terms.push_back(std::move(term));
    return plan;
  }
  const std::string text(q);
  size_t start = 0;
  while (start < text.size() && plan.terms.size() < kMaxSearchTerms) {
    size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end > start) {
      const std::string word = text.substr(start, end - start);
      const std::string normalized = NormalizeForSearch(word);
      bool repeated = false;
      for (const auto& t : plan.terms) repeated = repeated || t.spellings[0] == normalized;
      if (!normalized.empty() && !repeated) plan.terms.push_back(TermOf(word, normalized));
    }
    start = end + 1;
  }
  return plan;
}

bool TermMatches(const SearchTerm& term, std::string_view text) {
  for (const std::string& s : term.spellings) {
    for (size_t at = text.find(s); at != std::string_view::npos; at = text.find(s, at + 1)) {
      if (!term.prefix || at == 0 || text[at - 1] == ' ') {
        return true;
      }
    }
  }
  return false;
}

std::optional<SearchMatch> ExplainMatch(const SearchPlan& plan, const Customer& c,
                                        const std::vector<Place>& places) {
  if (plan.phone) {  // digits: a phone number, or a postal code made of digits
    const SearchTerm& term = plan.terms[0];
    if (TermMatches(term, PhoneDigits(c))) return std::nullopt;
    for (const Place& p : places) {
      if (TermMatches(term, WithWordMarks(DigitsOnly(p.postal_code)))) {
        return SearchMatch{"postal_code", p.postal_code};
      }
    }
    return std::nullopt;
  }
  const NameForms name = NameFormsOf(c);
  std::string shown = name.written;
  AppendWords(shown, NormalizeForSearch(c.email_key));
  for (const SearchTerm& term : plan.terms) {
    if (TermMatches(term, shown)) continue;
    if (TermMatches(term, NormalizeForSearch(c.company))) return SearchMatch{"company", c.company};
    for (const Place& p : places) {
      if (TermMatches(term, NormalizeForSearch(p.city))) return SearchMatch{"city", p.city};
      if (TermMatches(term, NormalizeForSearch(p.postal_code))) {
        return SearchMatch{"postal_code", p.postal_code};
      }
    }
    if (TermMatches(term, name.latin)) {
      return SearchMatch{"latin_name",
                         Capitalized(LatinNameShown(c.first_name + " " + c.last_name, plan))};
    }
  }
  return std::nullopt;
}

std::string ActivityLevelOf(const Customer& c, int64_t now) {
  if (c.orders_count == 0 || !c.last_order_at) return "never_purchased";
  if (c.first_order_at && *c.first_order_at >= now - kNewCustomerWindow) return "new";
  int64_t interval = kFirstOrderInterval;
  if (c.orders_count >= 2) {
    interval =
        (*c.last_order_at - c.first_order_at.value_or(*c.last_order_at)) / (c.orders_count - 1);
    interval = std::max(interval, kMinOrderInterval);
  }
  const int64_t since = now - *c.last_order_at;
  if (since <= 2 * interval) return "active";
  if (since > 4 * interval && c.last_activity_at.value_or(0) < now - 2 * interval) return "lapsed";
  return "at_risk";
}

std::string RfmGroupOf(const Customer& c) {
  if (!c.rfm_recency || !c.rfm_frequency || !c.rfm_monetary) return "";
  const int64_t r = *c.rfm_recency, f = *c.rfm_frequency, m = *c.rfm_monetary;
  if (r >= 4 && f >= 4) return "champions";
  if (r >= 3 && f >= 3) return "loyal";
  if (r >= 4 && f == 1) return "new";
  if (r >= 3) return "promising";
  if (f >= 4 && m >= 4) return "cant_lose";
  if (f >= 3) return "at_risk";
  return "hibernating";
}

}  // namespace clientele::customers
