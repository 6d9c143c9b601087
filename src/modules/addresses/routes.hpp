// The address-book admin API under /api/admin/customers/{id}/addresses: JSON in, service call,
// JSON out. No rules live here.
#pragma once

#include "core/json_writer.hpp"
#include "modules/addresses/service.hpp"
#include "modules/admins/guard.hpp"

namespace clientele::addresses {

void RegisterRoutes(admins::AdminApi& api, Service& service);

// The handlers behind those routes, for one customer's book: the admin API names the customer
// in the path, the customer area takes the signed-in shopper. The address id, when one is
// needed, is the path parameter "address_id"; `books_path` is where the new address's
// Location points under.
http::Response HandleList(http::Request& req, Service& service, const std::string& customer_id);
http::Response HandleGet(http::Request& req, Service& service, const std::string& customer_id);
http::Response HandleAdd(http::Request& req, const audit::Actor& actor, Service& service,
                         const std::string& customer_id, const std::string& books_path);
http::Response HandleUpdate(http::Request& req, const audit::Actor& actor, Service& service,
                            const std::string& customer_id);
http::Response HandleSetDefaults(http::Request& req, const audit::Actor& actor, Service& service,
                                 const std::string& customer_id);
http::Response HandleDelete(http::Request& req, const audit::Actor& actor, Service& service,
                            const std::string& customer_id);

// Writes the address as the API shows it (also inside a customer's record).
void WriteJson(JsonWriter& writer, const Address& a);

}  // namespace clientele::addresses
