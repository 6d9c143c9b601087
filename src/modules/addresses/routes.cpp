#include "modules/addresses/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::addresses {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

constexpr const char* kBase = "/api/admin/customers/{id}/addresses";
constexpr const char* kOne = "/api/admin/customers/{id}/addresses/{address_id}";

Response AddressResponse(int status, const Address& a) {
  JsonWriter w;
  WriteJson(w, a);
  Response r = Response::Json(status, w.Take());
  r.headers.Set("etag", admins::ETagFor(a.version));
  return r;
}

Response BookResponse(const Book& book) {
  JsonWriter w;
  w.BeginObject();
  w.Key("customer_id").String(book.customer_public_id);
  w.Key("items").BeginArray();
  for (const auto& a : book.items) WriteJson(w, a);
  w.EndArray();
  auto id = [&](const char* key, const std::optional<std::string>& v) {
    w.Key(key);
    if (v)
      w.String(*v);
    else
      w.Null();
  };
  id("default_billing_address_id", book.default_billing_id);
  id("default_shipping_address_id", book.default_shipping_id);
  w.Key("shipping_same_as_billing").Bool(book.shipping_same_as_billing);
  w.Key("version").Int(book.version);
  w.EndObject();
  Response r = Response::Json(200, w.Take());
  r.headers.Set("etag", admins::ETagFor(book.version));
  return r;
}

// Reads the editable fields of an address; records every problem.
Patch ReadPatch(const nlohmann::json& body, http::JsonFields& in) {
  Patch p;
  in.OptionalText("label", p.label);
  in.OptionalText("first_name", p.first_name);
  in.OptionalText("last_name", p.last_name);
  in.OptionalText("company", p.company);
  in.OptionalText("kind", p.kind);
  in.OptionalText("line1", p.line1);
  in.OptionalText("line2", p.line2);
  in.OptionalText("city", p.city);
  in.OptionalText("region", p.region);
  in.OptionalText("region_code", p.region_code);
  in.OptionalText("postal_code", p.postal_code);
  in.OptionalText("country", p.country);
  in.OptionalText("phone", p.phone);
  in.OptionalText("delivery_note", p.delivery_note);
  in.OptionalFlag("default_billing", p.default_billing);
  in.OptionalFlag("default_shipping", p.default_shipping);
  for (const char* name :
       {"id", "customer_id", "formatted", "summary", "created_at", "updated_at", "version"}) {
    if (body.contains(name)) {
      in.Ignore(name);
      in.AddError(name, "read_only", "This field cannot be changed here.");
    }
  }
  return p;
}

}  // namespace

Response HandleAdd(Request& req, const audit::Actor& actor, Service& service,
                   const std::string& customer_id, const std::string& books_path) {
  auto body = http::ParseJsonObject(req);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  Patch patch = ReadPatch(*body, in);
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  auto created = service.Add(actor, customer_id, patch);
  if (!created.ok()) return ErrorResponse(created.error(), req);
  Response r = AddressResponse(201, *created);
  r.headers.Set("location", books_path + "/" + created->public_id);
  return r;
}

Response HandleUpdate(Request& req, const audit::Actor& actor, Service& service,
                      const std::string& customer_id) {
  auto version = admins::IfMatchVersion(req);
  if (!version.ok()) return ErrorResponse(version.error(), req);
  auto body = http::ParseJsonObject(req);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  Patch patch = ReadPatch(*body, in);
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  auto updated = service.Update(actor, customer_id, *req.PathParam("address_id"), patch, *version);
  if (!updated.ok()) return ErrorResponse(updated.error(), req);
  return AddressResponse(200, *updated);
}

Response HandleSetDefaults(Request& req, const audit::Actor& actor, Service& service,
                           const std::string& customer_id) {
  auto version = admins::IfMatchVersion(req);
  if (!version.ok()) return ErrorResponse(version.error(), req);
  auto body = http::ParseJsonObject(req);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  DefaultsInput input;
  auto id = [&](const char* name, std::optional<std::optional<std::string>>& out) {
    auto f = in.String(name);
    if (!f.present) return;
    if (f.is_null || f.value.empty())
      out = std::optional<std::string>();
    else
      out = f.value;
  };
  id("default_billing_address_id", input.billing);
  id("default_shipping_address_id", input.shipping);
  if (auto f = in.Bool("shipping_same_as_billing"); f.present) {
    if (f.is_null)
      in.AddError("shipping_same_as_billing", "invalid_type", "Must be true or false.");
    else
      input.same_as_billing = f.value;
  }
  for (const char* name : {"customer_id", "items", "version"}) {
    if (body->contains(name)) {
      in.Ignore(name);
      in.AddError(name, "read_only", "This field cannot be changed here.");
    }
  }
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  auto book = service.SetDefaults(actor, customer_id, input, *version);
  if (!book.ok()) return ErrorResponse(book.error(), req);
  return BookResponse(*book);
}

Response HandleDelete(Request& req, const audit::Actor& actor, Service& service,
                      const std::string& customer_id) {
  auto version = admins::IfMatchVersion(req);
  if (!version.ok()) return ErrorResponse(version.error(), req);
  std::optional<std::string> move_to = req.Query("move_defaults_to");
  if (move_to && move_to->empty()) move_to.reset();
  auto deleted =
      service.Delete(actor, customer_id, *req.PathParam("address_id"), move_to, *version);
  if (!deleted.ok()) return ErrorResponse(deleted.error(), req);
  return Response::NoContent();
}

Response HandleList(Request& req, Service& service, const std::string& customer_id) {
  auto book = service.List(customer_id);
  if (!book.ok()) return ErrorResponse(book.error(), req);
  return BookResponse(*book);
}

Response HandleGet(Request& req, Service& service, const std::string& customer_id) {
  auto a = service.Get(customer_id, *req.PathParam("address_id"));
  if (!a.ok()) return ErrorResponse(a.error(), req);
  return AddressResponse(200, *a);
}

void WriteJson(JsonWriter& w, const Address& a) {
  w.BeginObject();
  w.Key("id").String(a.public_id);
  w.Key("customer_id").String(a.customer_public_id);
  w.Key("label").String(a.label);
  w.Key("first_name").String(a.first_name);
  w.Key("last_name").String(a.last_name);
  w.Key("company").String(a.company);
  w.Key("kind").String(ToString(a.kind));
  w.Key("line1").String(a.line1);
  w.Key("line2").String(a.line2);
  w.Key("city").String(a.city);
  w.Key("region").String(a.region);
  w.Key("region_code").String(a.region_code);
  w.Key("postal_code").String(a.postal_code);
  w.Key("country").String(a.country);
  w.Key("phone").String(a.phone);
  w.Key("delivery_note").String(a.delivery_note);
  w.Key("default_billing").Bool(a.default_billing);
  w.Key("default_shipping").Bool(a.default_shipping);
  w.Key("formatted").BeginArray();
  for (const auto& line : FormatForDisplay(a)) w.String(line);
  w.EndArray();
  w.Key("summary").String(OneLine(a));
  w.Key("created_at").String(FormatInstant(a.created_at));
  w.Key("updated_at").String(FormatInstant(a.updated_at));
  w.Key("version").Int(a.version);
  w.EndObject();
}

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  auto customer = [](const Request& req) { return *req.PathParam("id"); };
  api.Add("GET", kBase, Permission::kViewCustomers, [&](Request& req, const audit::Actor&) {
    return HandleList(req, service, customer(req));
  });
  api.Add("POST", kBase, Permission::kEditCustomers, [&](Request& req, const audit::Actor& actor) {
    return HandleAdd(req, actor, service, customer(req),
                     "/api/admin/customers/" + customer(req) + "/addresses");
  });
  api.Add("PATCH", kBase, Permission::kEditCustomers, [&](Request& req, const audit::Actor& actor) {
    return HandleSetDefaults(req, actor, service, customer(req));
  });
  api.Add("GET", kOne, Permission::kViewCustomers, [&](Request& req, const audit::Actor&) {
    return HandleGet(req, service, customer(req));
  });
  api.Add("PATCH", kOne, Permission::kEditCustomers, [&](Request& req, const audit::Actor& actor) {
    return HandleUpdate(req, actor, service, customer(req));
  });
  api.Add("DELETE", kOne, Permission::kEditCustomers, [&](Request& req, const audit::Actor& actor) {
    return HandleDelete(req, actor, service, customer(req));
  });
}

}  // namespace clientele::addresses
