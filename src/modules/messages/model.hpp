// Messages: e-mails the store sends, their templates and the delivery rules (retries, backoff).
// Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace clientele::messages {

enum class MessageStatus { kQueued, kSent, kFailed };
// What carries a message: e-mail (SMTP) or SMS (the store's SMS provider). One outbox holds both.
enum class Channel { kEmail, kSms };
const char* ToString(Channel c);
const char* ToString(MessageStatus s);
std::optional<MessageStatus> ParseMessageStatus(std::string_view s);

struct Message {
  int64_t id = 0;
  std::string public_id;
  std::optional<int64_t> customer_id;
  std::string customer_public_id;  // filled on reads; empty when not a customer's message
  std::string to_address, to_name;
  std::string subject, body_text, body_html;
  std::string template_key, language;
  std::string message_id;             // RFC 5322, without the angle brackets
  Channel channel = Channel::kEmail;  // for SMS, to_address is the phone (E.164) and subject ""
  MessageStatus status = MessageStatus::kQueued;
  int64_t attempts = 0;
  int64_t next_attempt_at = 0;
  std::optional<int64_t> claimed_until;
  std::string last_error;
  std::string resend_of_public_id;  // filled on reads
  std::string actor_type = "system", actor_id;
  int64_t created_at = 0, updated_at = 0;
  std::optional<int64_t> sent_at;
};

// The templates the store sends. Each names the placeholders its texts may use besides the
// common ones (store_name, first_name, last_name, full_name, email).
struct TemplateSpec {
  std::string key;
  std::string title;                      // for the Settings page
  std::vector<std::string> placeholders;  // template-specific
};
const std::vector<TemplateSpec>& TemplateSpecs();
const TemplateSpec* FindTemplateSpec(std::string_view key);
inline constexpr const char* kAdminMessage = "admin_message";
// Whether the template's e-mails carry a one-time link (never resent: a fresh link is issued).
bool CarriesOneTimeLink(std::string_view key);
// The text with its one-time secrets hidden (link tokens, SMS codes), as admins read the log:
// whoever may read messages must not be able to sign in as the customer with them.
std::string HideOneTimeSecrets(std::string_view text);

struct TemplateText {
  std::string subject, body_text, body_html;
};
// The built-in English text of a template.
TemplateText BuiltInTemplate(std::string_view key);

// Fills `{{name}}` placeholders from `values`; in HTML the values are escaped. An unknown name
// renders as nothing (templates are checked when saved, see CheckTemplate).
std::string RenderText(std::string_view text, const std::map<std::string, std::string>& values);
std::string RenderHtml(std::string_view html, const std::map<std::string, std::string>& values);
// Escapes text for HTML and turns line breaks into <br>.
std::string TextToHtml(std::string_view text);

// Validates an edited template: subject one line of 1..200 characters, text body 1..20000,
// HTML body at most 100000, only placeholders of this template. Field errors name
// "subject", "body_text", "body_html".
Status CheckTemplate(const TemplateSpec& spec, const TemplateText& text);

// Delivery: how long to wait before retry number `attempt` (1 = after the first failure).
// Grows from `base_seconds` by ×4 per attempt, at most 6 hours.
int64_t RetryDelaySeconds(int attempt, int64_t base_seconds);

// An admin-written e-mail: subject one line of 1..200 characters, body 1..20000.
struct Composition {
  std::string subject, body;
};
Result<Composition> ParseComposition(std::string_view subject, std::string_view body);

}  // namespace clientele::messages
