// The messages admin API: a customer's message log and compose, the store-wide outbox, one
// message with its content, resend, and the e-mail templates.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/messages/service.hpp"

namespace clientele::messages {

void RegisterRoutes(admins::AdminApi& api, Service& service);

}  // namespace clientele::messages
