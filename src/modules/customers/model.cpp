#include "modules/customers/model.hpp"

#include <algorithm>
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

std::string SearchText(const Customer& c) {
  std::string text = NormalizeForSearch(c.first_name + " " + c.last_name);
  if (!c.email_key.empty()) {
    if (!text.empty()) text += ' ';
    text += NormalizeForSearch(c.email_key);
  }
  return text;
}

std::string PhoneDigits(const Customer& c) { return DigitsOnly(c.phone); }

std::string NameSortKey(const Customer& c) {
  return NormalizeForSearch(c.last_name + " " + c.first_name);
}

int64_t KeyFor(int64_t registered_at, int64_t salt) {
  return (std::max<int64_t>(registered_at, 0) << 10) | (salt & 1023);
}

int64_t FirstKeyAt(int64_t micros) { return std::max<int64_t>(micros, 0) << 10; }

}  // namespace clientele::customers

namespace clientele::customers {

SearchPlan PlanSearch(std::string_view q) {
  SearchPlan plan;
  plan.text = NormalizeForSearch(q);
  if (plan.text.empty()) return plan;
  if (IsPhoneLikeQuery(q)) {
    plan.digits = DigitsOnly(q);
    // "+44 20" is typed with spaces, phones are stored without: compare digits alone.
    plan.text = plan.digits;
  }
  plan.mode =
      CodePointCount(plan.text) >= 3 ? SearchPlan::Mode::kSubstring : SearchPlan::Mode::kPrefix;
  return plan;
}

}  // namespace clientele::customers
