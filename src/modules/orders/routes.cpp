#include "modules/orders/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::orders {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

constexpr const char* kAddressFields[] = {"first_name", "last_name", "company", "line1",
                                          "line2",      "city",      "region",  "postal_code",
                                          "country",    "phone"};

nlohmann::json ItemsJson(const Order& o) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : o.items) {
    items.push_back({{"sku", i.sku},
                     {"name", i.name},
                     {"quantity", i.quantity},
                     {"unit_price", i.unit_price},
                     {"total", i.total}});
  }
  return items;
}

// What anyone with the public link sees: the order, none of the customer's data.
nlohmann::json PublicJson(const Order& o) {
  return {{"number", o.number},
          {"status", ToString(o.status)},
          {"payment_status", ToString(o.payment_status)},
          {"currency", o.currency},
          {"subtotal", o.subtotal},
          {"discount", o.discount},
          {"shipping", o.shipping},
          {"tax", o.tax},
          {"total", o.total},
          {"paid", o.paid},
          {"refunded", o.refunded},
          {"due", o.due()},
          {"placed_at", FormatInstant(o.placed_at)},
          {"items", ItemsJson(o)}};
}

// An address as it was on the order: known fields, text only.
std::string ReadAddress(const nlohmann::json& body, const std::string& field,
                        const std::string& prefix, std::vector<FieldError>& errors) {
  if (!body.contains(field) || body[field].is_null()) return "{}";
  const auto& a = body[field];
  if (!a.is_object()) {
    errors.push_back({prefix + field, "invalid_type", "An address is an object."});
    return "{}";
  }
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : a.items()) {
    bool known = false;
    for (const char* k : kAddressFields) known = known || key == k;
    if (!known || !value.is_string() || value.get<std::string>().size() > 200) {
      errors.push_back({prefix + field + "." + key, known ? "invalid_value" : "unknown_field",
                        known ? "Text of at most 200 characters." : "This field is not known."});
      continue;
    }
    out[key] = value;
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

OrderInput ReadOrder(const nlohmann::json& body, const std::string& prefix,
                     std::vector<FieldError>& errors) {
  OrderInput in;
  if (!body.is_object()) {
    errors.push_back({prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1), "invalid_type",
                      "Each order is a JSON object."});
    return in;
  }
  http::JsonFields f(body);
  if (auto v = f.String("number"); v.present && !v.is_null) in.number = v.value;
  if (auto v = f.String("customer_id"); v.present && !v.is_null) in.customer_id = v.value;
  f.OptionalText("type", in.type);
  f.OptionalText("status", in.status);
  f.OptionalText("currency", in.currency);
  for (auto [name, out] : {std::pair{"discount", &in.discount}, std::pair{"shipping", &in.shipping},
                           std::pair{"tax", &in.tax}}) {
    if (auto v = f.Int(name); v.present && !v.is_null) *out = v.value;
  }
  if (auto v = f.Int("subtotal"); v.present && !v.is_null) in.subtotal = v.value;
  if (auto v = f.Int("total"); v.present && !v.is_null) in.total = v.value;
  if (auto v = f.String("placed_at"); v.present && !v.is_null) {
    auto at = ParseInstant(v.value, prefix + "placed_at");
    if (at.ok()) {
      in.placed_at = *at;
    } else {
      for (auto& e : at.error().fields) errors.push_back(e);
    }
  }
  for (const char* field : {"billing_address", "shipping_address"}) {
    f.Ignore(field);
    (std::string(field) == "billing_address" ? in.billing_address : in.shipping_address) =
        ReadAddress(body, field, prefix, errors);
  }
  auto list = [&](const char* name, auto read) {
    f.Ignore(name);
    if (!body.contains(name) || body[name].is_null()) return;
    if (!body[name].is_array()) {
      errors.push_back({prefix + name, "invalid_type", "A list."});
      return;
    }
    for (size_t i = 0; i < body[name].size(); ++i) {
      const auto& item = body[name][i];
      const std::string at = prefix + name + "[" + std::to_string(i) + "].";
      if (!item.is_object()) {
        errors.push_back({at.substr(0, at.size() - 1), "invalid_type", "An object."});
        continue;
      }
      http::JsonFields one(item);
      read(one);
      if (Status done = one.Finish(at); !done.ok()) {
        for (auto& e : done.error().fields) errors.push_back(e);
      }
    }
  };
  list("items", [&](http::JsonFields& one) {
    ItemInput item;
    if (auto v = one.String("sku"); v.present && !v.is_null) item.sku = v.value;
    one.OptionalText("name", item.name);
    if (auto v = one.Int("quantity"); v.present && !v.is_null) item.quantity = v.value;
    if (auto v = one.Int("unit_price"); v.present && !v.is_null) item.unit_price = v.value;
    in.items.push_back(std::move(item));
  });
  list("payments", [&](http::JsonFields& one) {
    PaymentInput p;
    if (auto v = one.Int("amount"); v.present && !v.is_null) p.amount = v.value;
    if (auto v = one.String("method"); v.present && !v.is_null) p.method = v.value;
    if (auto v = one.String("description"); v.present && !v.is_null) p.description = v.value;
    in.payments.push_back(std::move(p));
  });
  if (Status done = f.Finish(prefix); !done.ok()) {
    for (auto& e : done.error().fields) errors.push_back(e);
  }
  return in;
}

Result<TransactionInput> ReadTransaction(const Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields f(body);
  TransactionInput in;
  for (auto [name, out] :
       {std::pair{"kind", &in.kind}, std::pair{"currency", &in.currency},
        std::pair{"method", &in.method}, std::pair{"description", &in.description},
        std::pair{"order_number", &in.order_number}}) {
    if (auto v = f.String(name); v.present && !v.is_null) *out = v.value;
  }
  auto amount = f.Int("amount");
  if (!amount.present || amount.is_null) {
    f.AddError("amount", "required", "Enter the amount in minor units (cents).");
  }
  in.amount = amount.value;
  RETURN_IF_ERROR(f.Finish());
  in.idempotency_key = req.headers.Get("idempotency-key").value_or("");
  return in;
}

}  // namespace

nlohmann::json OrderJson(const Order& o, const Service::Links* links) {
  // What the public link shows, and what only staff and the customer see.
  nlohmann::json out = PublicJson(o);
  out.update({{"id", o.public_id},
              {"customer_id", o.customer_ref},
              {"type", ToString(o.type)},
              {"billing_address", nlohmann::json::parse(o.billing_address, nullptr, false)},
              {"shipping_address", nlohmann::json::parse(o.shipping_address, nullptr, false)},
              {"created_at", FormatInstant(o.created_at)},
              {"updated_at", FormatInstant(o.updated_at)},
              {"version", o.version}});
  if (links) {
    out["view_url"] = links->view_url;
    out["payment_url"] =
        links->payment_url.empty() ? nlohmann::json(nullptr) : nlohmann::json(links->payment_url);
  }
  return out;
}

nlohmann::json TransactionJson(const Transaction& t) {
  return {{"id", t.public_id},
          {"kind", ToString(t.kind)},
          {"amount", t.amount},
          {"currency", t.currency},
          {"method", t.method},
          {"description", t.description},
          {"order_id",
           t.order_public_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.order_public_id)},
          {"order_number", t.order_number},
          {"created_at", FormatInstant(t.created_at)},
          {"created_by", {{"type", t.actor_type}, {"name", t.actor_name}}}};
}

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  using admins::Permission;
  auto with_links = [&service](const Order& o) {
    auto links = service.LinksOf(o);
    return OrderJson(o, links.ok() ? &*links : nullptr);
  };
  api.Add("POST", "/api/admin/orders", Permission::kManageOrders,
          [&service, with_links](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            std::vector<FieldError> errors;
            OrderInput in = ReadOrder(*body, "", errors);
            if (!errors.empty()) {
              return ErrorResponse(Error::Invalid("Some fields are not valid.", errors), req);
            }
            auto placed = service.Place(actor, in);
            if (!placed.ok()) return ErrorResponse(placed.error(), req);
            Response r = http::JsonResponse(placed->created ? 201 : 200, with_links(placed->order));
            r.headers.Set("location", "/api/admin/orders/" + placed->order.public_id);
            if (!placed->created) r.headers.Set("idempotent-replayed", "true");
            return r;
          });
  api.Add("POST", "/api/admin/orders/batch", Permission::kManageOrders,
          [&service](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            std::vector<FieldError> errors;
            std::vector<OrderInput> inputs;
            if (!body->contains("items") || !(*body)["items"].is_array()) {
              errors.push_back({"items", "required", "Send {\"items\": [orders]}."});
            } else {
              const auto& list = (*body)["items"];
              for (size_t i = 0; i < list.size(); ++i) {
                inputs.push_back(ReadOrder(list[i], "items[" + std::to_string(i) + "].", errors));
              }
            }
            if (!errors.empty()) {
              return ErrorResponse(Error::Invalid("Some orders are not valid.", errors), req);
            }
            auto placed = service.PlaceBatch(actor, inputs);
            if (!placed.ok()) return ErrorResponse(placed.error(), req);
            int64_t created = 0;
            nlohmann::json items = nlohmann::json::array();
            for (const auto& p : *placed) {
              created += p.created ? 1 : 0;
              items.push_back({{"id", p.order.public_id},
                               {"number", p.order.number},
                               {"total", p.order.total},
                               {"payment_status", ToString(p.order.payment_status)},
                               {"created", p.created}});
            }
            return http::JsonResponse(200,
                                      {{"created", created},
                                       {"replayed", static_cast<int64_t>(placed->size()) - created},
                                       {"items", items}});
          });
  api.Add("GET", "/api/admin/orders/{id}", Permission::kViewCustomers,
          [&service, with_links](Request& req, const audit::Actor&) {
            auto o = service.Get(*req.PathParam("id"));
            if (!o.ok()) return ErrorResponse(o.error(), req);
            Response r = http::JsonResponse(200, with_links(*o));
            r.headers.Set("etag", http::ETagFor(o->version));
            return r;
          });
  api.Add("PATCH", "/api/admin/orders/{id}", Permission::kManageOrders,
          [&service, with_links](Request& req, const audit::Actor& actor) {
            auto version = http::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            std::string status;
            if (auto v = in.String("status"); v.present && !v.is_null) status = v.value;
            if (status.empty())
              in.AddError("status", "required", "Use open, fulfilled or cancelled.");
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto o = service.SetStatus(actor, *req.PathParam("id"), status, *version);
            if (!o.ok()) return ErrorResponse(o.error(), req);
            Response r = http::JsonResponse(200, with_links(*o));
            r.headers.Set("etag", http::ETagFor(o->version));
            return r;
          });
  auto recorded = [with_links](const Recorded& rec) {
    nlohmann::json out = {{"transaction", TransactionJson(rec.transaction)}};
    if (rec.order) out["order"] = with_links(*rec.order);
    Response r = http::JsonResponse(201, out);
    if (rec.replayed) r.headers.Set("idempotent-replayed", "true");
    return r;
  };
  api.Add("POST", "/api/admin/orders/{id}/transactions", Permission::kManageMoney,
          [&service, recorded](Request& req, const audit::Actor& actor) {
            auto in = ReadTransaction(req);
            if (!in.ok()) return ErrorResponse(in.error(), req);
            auto rec = service.RecordForOrder(actor, *req.PathParam("id"), *in);
            if (!rec.ok()) return ErrorResponse(rec.error(), req);
            return recorded(*rec);
          });
  api.Add("GET", "/api/admin/customers/{id}/orders", Permission::kViewCustomers,
          [&service, with_links](Request& req, const audit::Actor&) {
            auto page = service.ListForCustomer(*req.PathParam("id"), req.QueryMap());
            if (!page.ok()) return ErrorResponse(page.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& o : page->items) items.push_back(with_links(o));
            return http::JsonResponse(
                200, {{"items", items},
                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                        : nlohmann::json(nullptr)}});
          });
  api.Add("GET", "/api/admin/customers/{id}/transactions", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto list = service.TransactionsOf(*req.PathParam("id"));
            if (!list.ok()) return ErrorResponse(list.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& t : *list) items.push_back(TransactionJson(t));
            return http::JsonResponse(200, {{"items", items}});
          });
  api.Add("POST", "/api/admin/customers/{id}/transactions", Permission::kManageMoney,
          [&service, recorded](Request& req, const audit::Actor& actor) {
            auto in = ReadTransaction(req);
            if (!in.ok()) return ErrorResponse(in.error(), req);
            auto rec = service.RecordManual(actor, *req.PathParam("id"), *in);
            if (!rec.ok()) return ErrorResponse(rec.error(), req);
            return recorded(*rec);
          });
}

void RegisterStoreRoutes(http::Router& router, accounts::StoreApi& api, Service& service) {
  // Open also while the store has customer accounts disabled: guests' orders have links too.
  router.Add("GET", "/api/store/orders/{id}", [&service](Request& req) {
    auto o = service.PublicView(*req.PathParam("id"), req.Query("token").value_or(""));
    if (!o.ok()) return ErrorResponse(o.error(), req);
    nlohmann::json out = PublicJson(*o);
    // Whoever holds the view link may pay the order.
    auto links = service.LinksOf(*o);
    out["payment_url"] = links.ok() && !links->payment_url.empty()
                             ? nlohmann::json(links->payment_url)
                             : nlohmann::json(nullptr);
    Response r = http::JsonResponse(200, out);
    r.headers.Set("cache-control", "no-store");
    r.headers.Set("referrer-policy", "no-referrer");
    return r;
  });
  api.AddSignedIn(
      "GET", "/api/store/me/orders", [&service](Request& req, const accounts::ShopperCaller& c) {
        auto page = service.ListForCustomer(c.shopper.customer_public_id, req.QueryMap());
        if (!page.ok()) return ErrorResponse(page.error(), req);
        nlohmann::json items = nlohmann::json::array();
        for (const auto& o : page->items) {
          nlohmann::json item = PublicJson(o);
          item["id"] = o.public_id;
          auto links = service.LinksOf(o);
          if (links.ok()) {
            item["view_url"] = links->view_url;
            item["payment_url"] = links->payment_url.empty() ? nlohmann::json(nullptr)
                                                             : nlohmann::json(links->payment_url);
          }
          items.push_back(std::move(item));
        }
        return http::JsonResponse(
            200, {{"items", items},
                  {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                    : nlohmann::json(nullptr)}});
      });
}

}  // namespace clientele::orders
