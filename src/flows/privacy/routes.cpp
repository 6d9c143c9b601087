#include "flows/privacy/routes.hpp"

#include "http/json_body.hpp"

namespace clientele::flows {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

// Who the file is for, which names it.
enum class Reader { kAdmin, kCustomer };

Response ExportResponse(Request& req, CustomerData& data, const audit::Actor& actor,
                        const std::string& customer_id, Reader reader) {
  auto format = ParseCustomerDataFormat(req.Query("format").value_or(""));
  if (!format.ok()) return ErrorResponse(format.error(), req);
  auto file = data.Export(actor, customer_id, *format);
  if (!file.ok()) return ErrorResponse(file.error(), req);
  // The id of the customer found, never the path's text, goes into the header.
  const std::string name =
      (reader == Reader::kAdmin ? "customer-" + file->customer_id + "-data" : "my-data") + "." +
      file->extension;
  Response r = Response::Text(200, std::move(file->body), file->media_type);
  r.headers.Set("content-disposition", "attachment; filename=\"" + name + "\"");
  r.headers.Set("cache-control", "no-store");
  return r;
}

}  // namespace

void RegisterCustomerDataRoutes(admins::AdminApi& admin_api, accounts::StoreApi& store_api,
                                CustomerData& data) {
  admin_api.Add("GET", "/api/admin/customers/{id}/data-export",
                admins::Permission::kExportCustomers,
                [&data](Request& req, const audit::Actor& actor) {
                  return ExportResponse(req, data, actor, *req.PathParam("id"), Reader::kAdmin);
                });
  // The customer's own decision: not open to an admin signed in as the customer.
  store_api.AddSignedIn(
      "GET", "/api/store/me/export",
      [&data](Request& req, const accounts::ShopperCaller& c) {
        return ExportResponse(req, data, c.actor, c.shopper.customer_public_id, Reader::kCustomer);
      },
      accounts::StoreApi::WhileTemporaryPassword::kRefuse,
      accounts::StoreApi::WhileAssisted::kRefuse);
}

}  // namespace clientele::flows
