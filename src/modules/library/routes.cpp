#include "modules/library/routes.hpp"

#include "core/cursor.hpp"
#include "core/time.hpp"
#include "http/file_response.hpp"
#include "http/json_body.hpp"
#include "modules/catalog/service.hpp"
#include "modules/jobs/routes.hpp"

namespace clientele::library {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

nlohmann::json Instant(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(FormatInstant(*v)) : nlohmann::json(nullptr);
}

nlohmann::json Nullable(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json FileJson(const DownloadableFile& f) {
  return {{"id", f.file.public_id},
          {"name", f.file.name},
          {"size_bytes", f.file.size_bytes},
          {"media_type", f.file.media_type},
          {"product", {{"id", f.product_public_id}, {"name", f.product_name}}}};
}

nlohmann::json WishlistJson(const Wishlist& w) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : w.items) items.push_back(WishJson(i));
  return {{"items", items},
          {"wished", w.counts.wished},
          {"open", w.counts.open},
          {"purchased", w.counts.purchased},
          {"removed", w.counts.removed},
          {"conversion_rate", w.conversion_rate}};
}

Response EntryResponse(int status, const Entry& e) {
  Response r = http::JsonResponse(status, EntryJson(e));
  r.headers.Set("etag", http::ETagFor(e.version));
  return r;
}

// Reads {"product": "..."} style bodies: the named text fields, every other field refused.
Result<std::map<std::string, std::string>> ReadTexts(const Request& req,
                                                     std::initializer_list<const char*> names) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  std::map<std::string, std::string> out;
  for (const char* name : names) {
    if (auto f = in.String(name); f.present && !f.is_null) out[name] = f.value;
  }
  RETURN_IF_ERROR(in.Finish());
  return out;
}

}  // namespace

nlohmann::json EntryJson(const Entry& e) {
  return {{"id", e.public_id},
          {"product",
           {{"id", e.product_public_id},
            {"sku", e.product_sku},
            {"name", e.product_name},
            {"package_type", e.package_type}}},
          {"via", e.via_product_id ? nlohmann::json{{"sku", e.via_sku}, {"name", e.via_name}}
                                   : nlohmann::json(nullptr)},
          {"method", ToString(e.method)},
          {"order", e.order_public_id.empty()
                        ? nlohmann::json(nullptr)
                        : nlohmann::json{{"id", e.order_public_id}, {"number", e.order_number}}},
          {"note", e.note},
          {"granted_at", FormatInstant(e.granted_at)},
          {"active", e.active()},
          {"revoked_at", Instant(e.revoked_at)},
          {"revoked_reason", Nullable(ToString(e.revoked))},
          {"granted_by", {{"type", e.actor_type}, {"name", e.actor_name}}},
          {"version", e.version}};
}

nlohmann::json WishJson(const WishlistItem& w) {
  const char* state = w.purchased_at ? "purchased" : w.removed_at ? "removed" : "open";
  return {{"id", w.public_id},
          {"product",
           {{"id", w.product_public_id},
            {"sku", w.product_sku},
            {"name", w.product_name},
            {"image_url", w.image_url},
            {"price", w.price},
            {"currency", w.currency}}},
          {"state", state},
          {"added_at", FormatInstant(w.added_at)},
          {"removed_at", Instant(w.removed_at)},
          {"purchased_at", Instant(w.purchased_at)},
          {"order", w.order_public_id.empty()
                        ? nlohmann::json(nullptr)
                        : nlohmann::json{{"id", w.order_public_id}, {"number", w.order_number}}}};
}

nlohmann::json DownloadJson(const store::Download& d) {
  return {{"product", {{"id", d.product_public_id}, {"name", d.product_name}}},
          {"file_name", d.file_name},
          {"range_start", d.range_start},
          {"bytes", d.bytes},
          {"ip", d.ip},
          {"user_agent", d.user_agent},
          {"downloaded_at", FormatInstant(d.downloaded_at)}};
}

void RegisterRoutes(admins::AdminApi& api, Service& service, jobs::Service& jobs) {
  using admins::Permission;
  api.Add("GET", "/api/admin/customers/{id}/library", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto lib = service.Get(*req.PathParam("id"));
            if (!lib.ok()) return ErrorResponse(lib.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& e : lib->entries) items.push_back(EntryJson(e));
            return http::JsonResponse(200, {{"all_access", lib->all_access}, {"items", items}});
          });
  api.Add("POST", "/api/admin/customers/{id}/library", Permission::kManageLibrary,
          [&service](Request& req, const audit::Actor& actor) {
            auto in = ReadTexts(req, {"product", "method", "note", "order"});
            if (!in.ok()) return ErrorResponse(in.error(), req);
            AddInput input{(*in)["product"], (*in)["method"], (*in)["note"], (*in)["order"]};
            auto added = service.Add(actor, *req.PathParam("id"), input);
            if (!added.ok()) return ErrorResponse(added.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& e : *added) items.push_back(EntryJson(e));
            return http::JsonResponse(201, {{"items", items}});
          });
  api.Add("PATCH", "/api/admin/customers/{id}/library/{entry}", Permission::kManageLibrary,
          [&service](Request& req, const audit::Actor& actor) {
            auto version = http::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto note = in.String("note");
            if (!note.present || note.is_null) in.AddError("note", "required", "Send the note.");
            if (Status s = in.Finish(); !s.ok()) return ErrorResponse(s.error(), req);
            auto e = service.SetNote(actor, *req.PathParam("id"), *req.PathParam("entry"),
                                     note.value, *version);
            if (!e.ok()) return ErrorResponse(e.error(), req);
            return EntryResponse(200, *e);
          });
  api.Add("POST", "/api/admin/customers/{id}/library/{entry}/revoke", Permission::kManageLibrary,
          [&service](Request& req, const audit::Actor& actor) {
            auto e = service.Revoke(actor, *req.PathParam("id"), *req.PathParam("entry"));
            if (!e.ok()) return ErrorResponse(e.error(), req);
            return EntryResponse(200, *e);
          });
  api.Add("POST", "/api/admin/customers/{id}/library/rebuild", Permission::kManageLibrary,
          [&service](Request& req, const audit::Actor& actor) {
            auto report = service.Rebuild(actor, *req.PathParam("id"));
            if (!report.ok()) return ErrorResponse(report.error(), req);
            return http::JsonResponse(200, report->ToJson());
          });
  api.AddForCaller("POST", "/api/admin/library/rebuild", Permission::kManageLibrary,
                   [&service, &jobs](Request& req, const admins::Caller& caller) {
                     auto job = service.StartRebuildAll(jobs, caller.actor, caller.DisplayName());
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     return jobs::AcceptedResponse(*job);
                   });
  api.Add("GET", "/api/admin/customers/{id}/downloads", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto page = service.Downloads(*req.PathParam("id"), req.QueryMap());
            if (!page.ok()) return ErrorResponse(page.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& d : page->items) items.push_back(DownloadJson(d));
            return http::JsonResponse(
                200, {{"items", items},
                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                        : nlohmann::json(nullptr)}});
          });
  api.Add("GET", "/api/admin/customers/{id}/wishlist", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto w = service.WishlistOf(*req.PathParam("id"));
            if (!w.ok()) return ErrorResponse(w.error(), req);
            return http::JsonResponse(200, WishlistJson(*w));
          });
  api.Add("GET", "/api/admin/wishlist/products", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            int limit = 50;
            if (auto l = req.Query("limit")) {
              std::vector<FieldError> errors;
              auto parsed = ReadPageSize(*l, 200, errors);
              if (!parsed) {
                return ErrorResponse(Error::Invalid("Some parameters are not valid.", errors), req);
              }
              limit = *parsed;
            }
            auto rows = service.MostWished(limit);
            if (!rows.ok()) return ErrorResponse(rows.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& p : *rows) {
              items.push_back(
                  {{"product", {{"id", p.product_public_id}, {"sku", p.sku}, {"name", p.name}}},
                   {"wished", p.wished},
                   {"open", p.open},
                   {"purchased", p.purchased},
                   {"conversion_rate", ConversionRate(p.wished, p.purchased)}});
            }
            return http::JsonResponse(200, {{"items", items}});
          });
}

void RegisterStoreRoutes(http::Router& router, accounts::StoreApi& api, Service& service,
                         catalog::Service& catalog) {
  // The signed link is the credential: it works in a download manager or a new tab, for a few
  // minutes, for the customer it was made for, while the file is theirs to download.
  router.Add("GET", "/api/store/downloads/{file}", [&service](Request& req) {
    auto permit =
        service.Authorize(*req.PathParam("file"), req.Query("customer").value_or(""),
                          req.Query("expires").value_or(""), req.Query("signature").value_or(""));
    if (!permit.ok()) return ErrorResponse(permit.error(), req);
    http::Served served;
    Response r =
        http::FileResponse(req, permit->path, permit->media_type, permit->file_name, &served);
    r.headers.Set("referrer-policy", "no-referrer");
    // A download manager asks for the rest in ranges: the log keeps each request that
    // starts a download (from the first byte) or resumes one.
    if (served.found && req.method == "GET") {
      store::Download d;
      d.file_name = permit->file_name;
      d.range_start = static_cast<int64_t>(served.start);
      d.bytes = static_cast<int64_t>(served.length);
      d.ip = req.remote_ip;
      d.user_agent = req.headers.Get("user-agent").value_or("").substr(0, 500);
      service.RecordDownload(*permit, d);
    }
    return r;
  });
  api.AddSignedIn(
      "GET", "/api/store/me/library", [&service](Request& req, const accounts::ShopperCaller& c) {
        auto lib = service.Get(c.shopper.customer_public_id);
        if (!lib.ok()) return ErrorResponse(lib.error(), req);
        auto files = service.Downloadable(c.shopper.customer_public_id);
        if (!files.ok()) return ErrorResponse(files.error(), req);
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : lib->entries) {
          if (!e.active()) continue;
          nlohmann::json item = EntryJson(e);
          // How the store keeps its books is the store's business.
          for (const char* k : {"granted_by", "note", "revoked_at", "revoked_reason", "version"}) {
            item.erase(k);
          }
          items.push_back(std::move(item));
        }
        nlohmann::json out_files = nlohmann::json::array();
        for (const auto& f : *files) out_files.push_back(FileJson(f));
        return http::JsonResponse(
            200, {{"all_access", lib->all_access}, {"items", items}, {"files", out_files}});
      });
  api.AddSignedIn("POST", "/api/store/me/downloads/{file}/link",
                  [&service](Request& req, const accounts::ShopperCaller& c) {
                    auto link =
                        service.SignLink(c.shopper.customer_public_id, *req.PathParam("file"));
                    if (!link.ok()) return ErrorResponse(link.error(), req);
                    return http::JsonResponse(
                        200, {{"url", link->url}, {"expires_at", FormatInstant(link->expires_at)}});
                  });
  api.AddSignedIn("GET", "/api/store/me/wishlist",
                  [&service](Request& req, const accounts::ShopperCaller& c) {
                    auto w = service.WishlistOf(c.shopper.customer_public_id);
                    if (!w.ok()) return ErrorResponse(w.error(), req);
                    nlohmann::json out = WishlistJson(*w);
                    nlohmann::json open = nlohmann::json::array();
                    for (auto& i : out["items"]) {
                      if (i["state"] != "removed") open.push_back(i);
                    }
                    return http::JsonResponse(200, {{"items", open}});
                  });
  api.AddSignedIn("POST", "/api/store/me/wishlist",
                  [&service](Request& req, const accounts::ShopperCaller& c) {
                    auto in = ReadTexts(req, {"product"});
                    if (!in.ok()) return ErrorResponse(in.error(), req);
                    auto w = service.Wish(c.actor, c.shopper.customer_public_id, (*in)["product"]);
                    if (!w.ok()) return ErrorResponse(w.error(), req);
                    return http::JsonResponse(201, WishJson(*w));
                  });
  api.AddSignedIn("DELETE", "/api/store/me/wishlist/{item}",
                  [&service](Request& req, const accounts::ShopperCaller& c) {
                    Status s = service.Unwish(c.actor, c.shopper.customer_public_id,
                                              *req.PathParam("item"));
                    if (!s.ok()) return ErrorResponse(s.error(), req);
                    return Response::NoContent();
                  });
  api.AddSignedIn("GET", "/api/store/products",
                  [&catalog](Request& req, const accounts::ShopperCaller&) {
                    std::map<std::string, std::string> params;
                    params["q"] = req.Query("q").value_or("");
                    params["limit"] = req.Query("limit").value_or("20");
                    auto page = catalog.List(params);
                    if (!page.ok()) return ErrorResponse(page.error(), req);
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& p : page->items) {
                      items.push_back({{"id", p.public_id},
                                       {"sku", p.sku},
                                       {"name", p.name},
                                       {"price", p.price},
                                       {"currency", p.currency},
                                       {"image_url", p.image_url},
                                       {"digital", p.digital}});
                    }
                    return http::JsonResponse(200, {{"items", items}});
                  });
}

}  // namespace clientele::library
