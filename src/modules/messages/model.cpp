#include "modules/messages/model.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"

namespace clientele::messages {
namespace {

constexpr const char* kCommonPlaceholders[] = {"store_name", "first_name", "last_name", "full_name",
                                               "email"};

// Calls `on_text(chunk)` for literal text and `on_name(name)` for each `{{ name }}`.
template <typename OnText, typename OnName>
void Scan(std::string_view text, OnText on_text, OnName on_name) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    on_text(text.substr(pos, open - pos));
    on_name(Trim(text.substr(open + 2, close - open - 2)));
    pos = close + 2;
  }
  on_text(text.substr(pos));
}

std::string Render(std::string_view text, const std::map<std::string, std::string>& values,
                   bool html) {
  std::string out;
  Scan(
      text, [&](std::string_view chunk) { out += chunk; },
      [&](const std::string& name) {
        auto it = values.find(name);
        if (it == values.end()) return;
        // The admin's message body keeps its line breaks in HTML.
        out +=
            html ? (name == "body" ? TextToHtml(it->second) : HtmlEscape(it->second)) : it->second;
      });
  return out;
}

}  // namespace

const char* ToString(MessageStatus s) {
  switch (s) {
    case MessageStatus::kQueued:
      return "queued";
    case MessageStatus::kSent:
      return "sent";
    case MessageStatus::kFailed:
      return "failed";
  }
  return "queued";
}

std::optional<MessageStatus> ParseMessageStatus(std::string_view s) {
  if (s == "queued") return MessageStatus::kQueued;
  if (s == "sent") return MessageStatus::kSent;
  if (s == "failed") return MessageStatus::kFailed;
  return std::nullopt;
}

const char* ToString(Channel c) { return c == Channel::kSms ? "sms" : "email"; }

const std::vector<TemplateSpec>& TemplateSpecs() {
  static const std::vector<TemplateSpec> specs = {
      {"verification", "E-mail verification", {"link"}},
      {"welcome", "Welcome and login instructions", {"link"}},
      {"password_reset", "Password reset", {"link"}},
      {"invitation", "Invitation to choose a password", {"link"}},
      {"admin_invitation", "Invitation of a new admin", {"link", "role"}},
      {"registration_attempt", "Registration with an address that has an account", {"link"}},
      {"email_change", "Confirming a new e-mail address", {"link", "new_email"}},
      {"email_change_notice", "Notice to the old address of an e-mail change", {"new_email"}},
      {"ban_notice", "Account banned", {"reason"}},
      {"ban_lifted", "Ban lifted", {}},
      {"balance_change", "Balance change", {"amount", "balance", "reason"}},
      {"account_deleted", "Account deletion confirmation", {}},
      {kAdminMessage, "Message written by an admin", {"subject", "body"}},
  };
  return specs;
}

bool CarriesOneTimeLink(std::string_view key) {
  return key == "verification" || key == "password_reset" || key == "invitation" ||
         key == "admin_invitation" || key == "registration_attempt" || key == "email_change" ||
         key.rfind("sms_", 0) == 0;  // SMS sign-in codes
}

std::string HideOneTimeSecrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto is_token_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 6, "token=") == 0) {
      out += "token=(hidden)";
      i += 6;
      while (i < text.size() && is_token_char(text[i])) ++i;
      continue;
    }
    // A run of exactly six digits: an SMS code.
    if (is_digit(text[i]) && (i == 0 || !is_digit(text[i - 1]))) {
      size_t end = i;
      while (end < text.size() && is_digit(text[end])) ++end;
      if (end - i == 6) {
        out += "\u2022\u2022\u2022\u2022\u2022\u2022";
        i = end;
        continue;
      }
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    out.push_back(text[i++]);
  }
  return out;
}

const TemplateSpec* FindTemplateSpec(std::string_view key) {
  for (const auto& spec : TemplateSpecs()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

std::string RenderText(std::string_view text, const std::map<std::string, std::string>& values) {
  return Render(text, values, false);
}

std::string RenderHtml(std::string_view html, const std::map<std::string, std::string>& values) {
  return Render(html, values, true);
}

std::string TextToHtml(std::string_view text) {
  std::string out;
  for (char ch : HtmlEscape(text)) {
    if (ch == '\r') continue;
    if (ch == '\n') {
      out += "<br>\n";
    } else {
      out += ch;
    }
  }
  return out;
}

Status CheckTemplate(const TemplateSpec& spec, const TemplateText& text) {
  std::set<std::string> allowed(std::begin(kCommonPlaceholders), std::end(kCommonPlaceholders));
  allowed.insert(spec.placeholders.begin(), spec.placeholders.end());
  std::vector<FieldError> errors;
  auto check_names = [&](const std::string& field, std::string_view body) {
    // Every unknown name at once, in the order written: one fix per save is slow going.
    std::vector<std::string> unknown;
    Scan(
        body, [](std::string_view) {},
        [&](const std::string& name) {
          if (!allowed.count(name) &&
              std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
            unknown.push_back(name);
          }
        });
    if (unknown.empty()) return true;
    std::string names, list;
    for (size_t i = 0; i < unknown.size(); ++i) {
      names += (i == 0                    ? ""
                : i + 1 == unknown.size() ? " and "
                                          : ", ") +
               ("{{" + unknown[i] + "}}");
    }
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    errors.push_back({field, "unknown_placeholder",
                      names + (unknown.size() == 1 ? " is" : " are") +
                          " not known here. This template may use: " + list + "."});
    return false;
  };
  const std::string subject = Trim(text.subject);
  if (subject.empty() || CodePointCount(subject) > 200 || !IsCleanUtf8(subject, false)) {
    errors.push_back(
        {"subject", "invalid_subject", "A subject is one line of 1 to 200 characters."});
  } else {
    check_names("subject", subject);
  }
  if (Trim(text.body_text).empty() || CodePointCount(text.body_text) > 20000 ||
      !IsCleanUtf8(text.body_text, true)) {
    errors.push_back({"body_text", "invalid_body", "The text body is 1 to 20,000 characters."});
  } else {
    check_names("body_text", text.body_text);
  }
  if (CodePointCount(text.body_html) > 100000 || !IsCleanUtf8(text.body_html, true)) {
    errors.push_back({"body_html", "invalid_body", "The HTML body is at most 100,000 characters."});
  } else {
    check_names("body_html", text.body_html);
  }
  if (!errors.empty()) return Error::Invalid("The template has errors.", std::move(errors));
  return OkStatus();
}

int64_t RetryDelaySeconds(int attempt, int64_t base_seconds) {
  constexpr int64_t kMax = 6 * 3600;
  int64_t delay = std::max<int64_t>(base_seconds, 1);
  for (int i = 1; i < attempt && delay < kMax; ++i) delay *= 4;
  return std::min(delay, kMax);
}

Result<Composition> ParseComposition(std::string_view raw_subject, std::string_view body) {
  std::vector<FieldError> errors;
  std::string subject = Trim(raw_subject);
  if (subject.empty()) {
    errors.push_back({"subject", "required", "Write a subject."});
  } else if (CodePointCount(subject) > 200 || !IsCleanUtf8(subject, false)) {
    errors.push_back(
        {"subject", "invalid_subject", "A subject is one line of 1 to 200 characters."});
  }
  if (Trim(body).empty()) {
    errors.push_back({"body", "required", "Write the message."});
  } else if (CodePointCount(body) > 20000 || !IsCleanUtf8(body, true)) {
    errors.push_back({"body", "invalid_body", "A message is at most 20,000 characters."});
  }
  if (!errors.empty()) return Error::Invalid("The message has errors.", std::move(errors));
  return Composition{subject, std::string(body)};
}

}  // namespace clientele::messages
