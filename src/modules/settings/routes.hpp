// The settings API.
#pragma once

#include "mail/smtp_switch.hpp"
#include "modules/admins/guard.hpp"
#include "modules/settings/email.hpp"
#include "modules/settings/service.hpp"

namespace clientele::settings {

void RegisterRoutes(admins::AdminApi& api, Service& service);
// GET and PUT /api/admin/settings/email and POST /api/admin/settings/email/test; a save takes
// effect at once through `smtp` (unless the command line fixed the server).
void RegisterEmailRoutes(admins::AdminApi& api, EmailSettingsService& email, Service& settings,
                         mail::SmtpSwitch& smtp, const Clock& clock);

}  // namespace clientele::settings
