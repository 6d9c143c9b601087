#include "flows/erasure/routes.hpp"

#include "http/json_body.hpp"

namespace clientele::flows {

void RegisterErasureRoutes(admins::AdminApi& api, Erasure& erasure) {
  api.Add("POST", "/api/admin/customers/{id}/erase", admins::Permission::kEraseCustomers,
          [&erasure](http::Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return http::ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            std::string confirm;
            if (auto f = in.String("confirm"); f.present && !f.is_null) confirm = f.value;
            if (confirm.empty()) {
              in.AddError("confirm", "required", "Type the customer's e-mail address to confirm.");
            }
            if (auto done = in.Finish(); !done.ok()) return http::ErrorResponse(done.error(), req);
            Status s = erasure.Erase(actor, *req.PathParam("id"), confirm);
            if (!s.ok()) return http::ErrorResponse(s.error(), req);
            return http::Response::NoContent();
          });
}

}  // namespace clientele::flows
