// Helpers shared by the accounts module's source files; not for other modules.
#pragma once

#include <string>

#include "core/result.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::accounts {

Error AccountsDisabled();
// "Too many <what> were asked for": what = "e-mails to this address", "codes by SMS".
Error TooManyRequests(const char* what);
// The lookup and throttling key of a typed e-mail address (its trimmed text when invalid).
std::string EmailKeyOf(const std::string& email);
// `actor` as the customer it is (the request's IP, user agent and request id kept).
audit::Actor AsCustomer(audit::Actor actor, const std::string& customer_public_id);

}  // namespace clientele::accounts
