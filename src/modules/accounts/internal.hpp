// Helpers shared by the accounts module's source files; not for other modules.
#pragma once

#include <string>

#include "core/result.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::accounts {

Error AccountsDisabled();
// The neutral refusal of a banned or blacklisted shopper (403 "refused").
Error Refused();
// "Too many <what>.": what = "e-mails were asked for this address", "codes were sent by SMS".
Error TooManyRequests(const char* what);
// The lookup and throttling key of a typed e-mail address (its trimmed text when invalid).
std::string EmailKeyOf(const std::string& email);
// `actor` as the customer it is (the request's IP, user agent and request id kept).
audit::Actor AsCustomer(audit::Actor actor, const std::string& customer_public_id);

}  // namespace clientele::accounts
