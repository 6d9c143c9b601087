#include "modules/catalog/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::catalog {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

nlohmann::json ProductJson(const Product& p) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : p.files) {
    files.push_back({{"id", f.public_id},
                     {"name", f.name},
                     {"size_bytes", f.size_bytes},
                     {"media_type", f.media_type},
                     {"storage_path", f.storage_path}});
  }
  return {{"id", p.public_id},
          {"sku", p.sku},
          {"name", p.name},
          {"price", p.price},
          {"currency", p.currency},
          {"image_url", p.image_url},
          {"digital", p.digital},
          {"package_type", p.package == PackageType::kNone ? nlohmann::json(nullptr)
                                                           : nlohmann::json(ToString(p.package))},
          {"files", files},
          {"components", p.components},
          {"created_at", FormatInstant(p.created_at)},
          {"updated_at", FormatInstant(p.updated_at)},
          {"version", p.version}};
}

// One product of a request body; errors of its fields are named `prefix` + field.
ProductInput ReadProduct(const nlohmann::json& object, const std::string& prefix,
                         std::vector<FieldError>& errors) {
  ProductInput p;
  if (!object.is_object()) {
    errors.push_back({prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1), "invalid_type",
                      "Each product is a JSON object."});
    return p;
  }
  http::JsonFields in(object);
  in.OptionalText("sku", p.sku);
  in.OptionalText("name", p.name);
  in.OptionalText("currency", p.currency);
  in.OptionalText("image_url", p.image_url);
  in.OptionalText("package_type", p.package_type);
  in.OptionalFlag("digital", p.digital);
  if (auto f = in.Int("price"); f.present && !f.is_null) p.price = f.value;
  if (auto f = in.StringList("components"); f.present) p.components = f.value;
  in.Ignore("id");
  in.Ignore("created_at");
  in.Ignore("updated_at");
  in.Ignore("version");
  if (object.contains("files")) {
    in.Ignore("files");
    const auto& list = object["files"];
    if (!list.is_array()) {
      in.AddError("files", "invalid_type", "A list of files.");
    } else {
      p.files.emplace();
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = "files[" + std::to_string(i) + "].";
        if (!list[i].is_object()) {
          in.AddError("files[" + std::to_string(i) + "]", "invalid_type", "A file is an object.");
          continue;
        }
        http::JsonFields file(list[i]);
        FileInput f;
        for (auto [name, out] : {std::pair{"name", &f.name}, std::pair{"media_type", &f.media_type},
                                 std::pair{"storage_path", &f.storage_path}}) {
          if (auto v = file.String(name); v.present && !v.is_null) *out = v.value;
        }
        if (auto v = file.Int("size_bytes"); v.present && !v.is_null) f.size_bytes = v.value;
        file.Ignore("id");
        if (Status done = file.Finish(prefix + at); !done.ok()) {
          for (auto& e : done.error().fields) errors.push_back(e);
        }
        p.files->push_back(std::move(f));
      }
    }
  }
  if (Status done = in.Finish(prefix); !done.ok()) {
    for (auto& e : done.error().fields) errors.push_back(e);
  }
  return p;
}

Response ProductResponse(int status, const Product& p) {
  Response r = http::JsonResponse(status, ProductJson(p));
  r.headers.Set("etag", http::ETagFor(p.version));
  if (status == 201) r.headers.Set("location", "/api/admin/products/" + p.public_id);
  return r;
}

}  // namespace

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  using admins::Permission;
  api.Add("GET", "/api/admin/products", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto page = service.List(req.QueryMap());
            if (!page.ok()) return ErrorResponse(page.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& p : page->items) items.push_back(ProductJson(p));
            return http::JsonResponse(
                200, {{"items", items},
                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                        : nlohmann::json(nullptr)}});
          });
  api.Add("POST", "/api/admin/products", Permission::kManageCatalog,
          [&service](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            std::vector<FieldError> errors;
            ProductInput input = ReadProduct(*body, "", errors);
            if (!errors.empty()) {
              return ErrorResponse(Error::Invalid("Some fields are not valid.", errors), req);
            }
            auto created = service.Create(actor, input);
            if (!created.ok()) return ErrorResponse(created.error(), req);
            return ProductResponse(201, *created);
          });
  api.Add("POST", "/api/admin/products/batch", Permission::kManageCatalog,
          [&service](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            std::vector<FieldError> errors;
            std::vector<ProductInput> items;
            if (!body->contains("items") || !(*body)["items"].is_array()) {
              errors.push_back({"items", "required", "Send {\"items\": [products]}."});
            } else {
              const auto& list = (*body)["items"];
              for (size_t i = 0; i < list.size(); ++i) {
                items.push_back(ReadProduct(list[i], "items[" + std::to_string(i) + "].", errors));
              }
            }
            for (const auto& [key, value] : body->items()) {
              if (key != "items")
                errors.push_back({key, "unknown_field", "This field is not known."});
            }
            if (!errors.empty()) {
              return ErrorResponse(Error::Invalid("Some products are not valid.", errors), req);
            }
            auto done = service.Batch(actor, items);
            if (!done.ok()) return ErrorResponse(done.error(), req);
            nlohmann::json out = nlohmann::json::array();
            for (const auto& p : done->items) out.push_back(ProductJson(p));
            return http::JsonResponse(200, {{"created", done->created},
                                            {"updated", done->updated},
                                            {"unchanged", done->unchanged},
                                            {"items", out}});
          });
  api.Add("GET", "/api/admin/products/{id}", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto p = service.Get(*req.PathParam("id"));
            if (!p.ok()) return ErrorResponse(p.error(), req);
            return ProductResponse(200, *p);
          });
  api.Add("PATCH", "/api/admin/products/{id}", Permission::kManageCatalog,
          [&service](Request& req, const audit::Actor& actor) {
            auto version = http::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            std::vector<FieldError> errors;
            ProductInput input = ReadProduct(*body, "", errors);
            if (!errors.empty()) {
              return ErrorResponse(Error::Invalid("Some fields are not valid.", errors), req);
            }
            auto updated = service.Update(actor, *req.PathParam("id"), input, *version);
            if (!updated.ok()) return ErrorResponse(updated.error(), req);
            return ProductResponse(200, *updated);
          });
}

}  // namespace clientele::catalog
