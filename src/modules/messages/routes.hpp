// The messages admin API: a customer's message log and compose, the store-wide outbox, one
// message with its content, resend, and the e-mail templates.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/admins/guard.hpp"
#include "modules/messages/service.hpp"

namespace clientele::messages {

void RegisterRoutes(admins::AdminApi& api, Service& service);

// Whether a message is shown with its text (one message) or without (the log's rows).
enum class MessageContent { kLeaveOut, kInclude };
// The message as the admin API shows it. The one-time links of verification and password
// reset e-mails are hidden from its text.
nlohmann::json MessageJson(const Message& m, MessageContent content);

}  // namespace clientele::messages
