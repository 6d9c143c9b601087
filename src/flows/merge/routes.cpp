#include "flows/merge/routes.hpp"

#include "http/json_body.hpp"

namespace clientele::flows {
namespace {

// {"merge": ["cus_…"], "fields": {"email": "cus_…"}}
Result<MergeRequest> ReadRequest(const http::Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  MergeRequest r;
  if (auto f = in.StringList("merge"); f.present && !f.is_null) r.merge = f.value;
  if (auto f = in.StringMap("fields"); f.present && !f.is_null) r.fields = f.value;
  RETURN_IF_ERROR(in.Finish());
  return r;
}

}  // namespace

void RegisterMergeRoutes(admins::AdminApi& api, Merge& merge) {
  using admins::Permission;
  api.Add("POST", "/api/admin/customers/{id}/merge/preview", Permission::kMergeCustomers,
          [&merge](http::Request& req, const audit::Actor&) {
            auto in = ReadRequest(req);
            if (!in.ok()) return http::ErrorResponse(in.error(), req);
            auto preview = merge.Preview(*req.PathParam("id"), *in);
            if (!preview.ok()) return http::ErrorResponse(preview.error(), req);
            return http::JsonResponse(200, *preview);
          });
  api.Add("POST", "/api/admin/customers/{id}/merge", Permission::kMergeCustomers,
          [&merge](http::Request& req, const audit::Actor& actor) {
            auto in = ReadRequest(req);
            if (!in.ok()) return http::ErrorResponse(in.error(), req);
            auto done = merge.Run(actor, *req.PathParam("id"), *in);
            if (!done.ok()) return http::ErrorResponse(done.error(), req);
            return http::JsonResponse(200, *done);
          });
}

}  // namespace clientele::flows
