#include "modules/settings/service.hpp"

#include <unicode/timezone.h>

#include "core/contact.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "modules/settings/store.hpp"

namespace clientele::settings {
namespace {

Settings FromMap(const std::map<std::string, std::string>& m) {
  auto get = [&](const char* k) {
    auto it = m.find(k);
    return it == m.end() ? std::string() : it->second;
  };
  Settings s{get("store_name"), get("default_country"), get("default_language"), get("time_zone")};
  if (std::string mode = get("account_mode"); !mode.empty()) s.account_mode = mode;
  if (std::string currency = get("currency"); !currency.empty()) s.currency = currency;
  s.payment_url_template = get("payment_url_template");
  s.require_verification = get("require_verification") != "false";
  s.assistance_requires_consent = get("assistance_requires_consent") == "true";
  if (std::string t = get("spam_threshold"); !t.empty()) s.spam_threshold = std::stoi(t);
  return s;
}

bool IsTimeZone(const std::string& id) {
  std::unique_ptr<icu::TimeZone> zone(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(id)));
  icu::UnicodeString canonical;
  zone->getID(canonical);
  return canonical != icu::UnicodeString("Etc/Unknown");
}

}  // namespace

Result<Settings> Service::Read(db::Connection& c) {
  ASSIGN_OR_RETURN(auto values, store::ReadAll(c));
  return FromMap(values);
}

Result<Settings> Service::Get() {
  ASSIGN_OR_RETURN(auto values, db_.Read([](db::Connection& c) { return store::ReadAll(c); }));
  return FromMap(values);
}

Result<Settings> Service::Update(const audit::Actor& actor, const SettingsChange& change) {
  std::map<std::string, std::string> next;
  std::vector<FieldError> errors;
  if (change.store_name) {
    std::string name = Trim(*change.store_name);
    if (name.empty() || CodePointCount(name) > 100 || !IsCleanUtf8(name, false)) {
      errors.push_back({"store_name", "invalid_name", "A store name is 1 to 100 characters."});
    } else {
      next["store_name"] = name;
    }
  }
  if (change.default_country) {
    if (Trim(*change.default_country).empty()) {
      next["default_country"] = "";
    } else if (auto c = ParseCountry(*change.default_country, "default_country"); c.ok()) {
      next["default_country"] = *c;
    } else {
      errors.push_back(c.error().fields.at(0));
    }
  }
  if (change.default_language) {
    if (auto l = ParseLanguage(*change.default_language, "default_language"); l.ok()) {
      next["default_language"] = *l;
    } else {
      errors.push_back(l.error().fields.at(0));
    }
  }
  if (change.time_zone) {
    if (IsTimeZone(*change.time_zone)) {
      next["time_zone"] = *change.time_zone;
    } else {
      errors.push_back({"time_zone", "invalid_time_zone",
                        "Use an IANA time zone, such as Europe/Berlin or America/New_York."});
    }
  }
  if (change.currency) {
    if (IsCurrency(*change.currency)) {
      next["currency"] = *change.currency;
    } else {
      errors.push_back({"currency", "invalid_currency",
                        "Use an ISO 4217 currency code in capitals, such as EUR or USD."});
    }
  }
  if (change.payment_url_template) {
    const std::string url = Trim(*change.payment_url_template);
    const bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
    if (url.empty() || (web && url.size() <= 2000 && IsCleanUtf8(url, false) &&
                        url.find_first_of(" \"<>") == std::string::npos)) {
      next["payment_url_template"] = url;
    } else {
      errors.push_back({"payment_url_template", "invalid_url",
                        "Use an http:// or https:// address, such as "
                        "https://shop.example.com/pay/{number}?token={token}."});
    }
  }
  if (change.account_mode) {
    if (*change.account_mode == "optional" || *change.account_mode == "required" ||
        *change.account_mode == "disabled") {
      next["account_mode"] = *change.account_mode;
    } else {
      errors.push_back(
          {"account_mode", "invalid_account_mode", "Use optional, required or disabled."});
    }
  }
  if (change.require_verification) {
    next["require_verification"] = *change.require_verification ? "true" : "false";
  }
  if (change.assistance_requires_consent) {
    next["assistance_requires_consent"] = *change.assistance_requires_consent ? "true" : "false";
  }
  if (change.spam_threshold) {
    if (*change.spam_threshold >= 1 && *change.spam_threshold <= 100) {
      next["spam_threshold"] = std::to_string(*change.spam_threshold);
    } else {
      errors.push_back(
          {"spam_threshold", "out_of_range", "The spam threshold is a score from 1 to 100."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some settings are not valid.", errors);
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<Settings> {
    ASSIGN_OR_RETURN(auto before, store::ReadAll(tx));
    ASSIGN_OR_RETURN(nlohmann::json changes, store::WriteChanged(tx, before, next));
    if (!changes.empty()) {
      RETURN_IF_ERROR(audit::Record(tx, actor, {"settings.updated", "settings", "", changes}, now));
    }
    return FromMap(before);
  });
}

}  // namespace clientele::settings
