#include "modules/customers/routes.hpp"

#include <cstdio>

#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "http/json_body.hpp"
#include "modules/addresses/routes.hpp"
#include "modules/jobs/routes.hpp"

namespace clientele::customers {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

Response CustomerResponse(int status, const Customer& c,
                          const addresses::CustomerDefaults& defaults) {
  JsonWriter w;
  WriteJson(w, c, &defaults, AddressDetail::kFull);
  Response r = Response::Json(status, w.Take());
  r.headers.Set("etag", admins::ETagFor(c.version));
  return r;
}

// The customer with its default addresses (from the address book).
Response CustomerResponse(int status, const Customer& c, addresses::Service& book,
                          const Request& req) {
  auto defaults = book.DefaultsOf(c.id);
  if (!defaults.ok()) return ErrorResponse(defaults.error(), req);
  return CustomerResponse(status, c, *defaults);
}

// Reads the editable fields of a customer from a JSON object; records every problem.
Result<Patch> ReadPatch(const nlohmann::json& body, http::JsonFields& in) {
  Patch p;
  in.OptionalText("first_name", p.first_name);
  in.OptionalText("last_name", p.last_name);
  in.OptionalText("email", p.email);
  in.OptionalText("phone", p.phone);
  in.OptionalText("country", p.country);
  in.OptionalText("language", p.language);
  in.OptionalText("company", p.company);
  in.OptionalText("fax", p.fax);
  in.OptionalText("note", p.note);
  in.OptionalText("group_id", p.group_id);
  if (p.group_id && p.group_id->empty()) {
    in.AddError("group_id", "required", "Choose a group; every customer belongs to one.");
  }
  if (auto f = in.StringMap("custom_fields"); f.present) p.custom_fields = f.value;
  if (auto f = in.StringList("tags"); f.present) p.tags = f.value;
  if (auto f = in.Number("commission_reduced_percent"); f.present) {
    p.commission_reduced_percent = f.is_null ? 0.0 : f.value;
  }
  in.OptionalFlag("library_all_access", p.library_all_access);
  in.OptionalFlag("member_directory_access", p.member_directory_access);
  in.OptionalFlag("email_marketing_consent", p.consent_email);
  in.OptionalFlag("sms_marketing_consent", p.consent_sms);
  in.OptionalFlag("messenger_marketing_consent", p.consent_messenger);
  return p;
}

// Fields the API shows but no edit may set: named clearly instead of "unknown".
void RefuseReadOnly(const nlohmann::json& body, http::JsonFields& in) {
  for (const char* name : {"id",
                           "kind",
                           "status",
                           "ban",
                           "balances",
                           "orders_count",
                           "total_spent",
                           "first_order_at",
                           "last_order_at",
                           "full_name",
                           "group_name",
                           "registered_at",
                           "registration_ip",
                           "updated_at",
                           "last_login_at",
                           "last_login_ip",
                           "last_activity_at",
                           "version",
                           "email_marketing_consent_at",
                           "sms_marketing_consent_at",
                           "messenger_marketing_consent_at"}) {
    if (body.contains(name)) {
      in.Ignore(name);
      in.AddError(name, "read_only", "This field cannot be changed here.");
    }
  }
}

Response Create(Request& req, const audit::Actor& actor, Service& service,
                addresses::Service& book) {
  auto body = http::ParseJsonObject(req);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  NewCustomer input;
  if (auto kind = in.String("kind"); kind.present && !kind.is_null) {
    if (auto k = ParseKind(kind.value))
      input.kind = *k;
    else
      in.AddError("kind", "invalid_kind", "Use registered or guest.");
  }
  auto patch = ReadPatch(*body, in);
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  input.fields = std::move(*patch);
  auto created = service.Create(actor, input);
  if (!created.ok()) return ErrorResponse(created.error(), req);
  Response r = CustomerResponse(201, *created, book, req);
  r.headers.Set("location", "/api/admin/customers/" + created->public_id);
  return r;
}

Response Update(Request& req, const audit::Actor& actor, Service& service,
                addresses::Service& book) {
  auto version = admins::IfMatchVersion(req);
  if (!version.ok()) return ErrorResponse(version.error(), req);
  auto body = http::ParseJsonObject(req);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  RefuseReadOnly(*body, in);
  auto patch = ReadPatch(*body, in);
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  auto updated = service.Update(actor, *req.PathParam("id"), *patch, *version);
  if (!updated.ok()) return ErrorResponse(updated.error(), req);
  return CustomerResponse(200, *updated, book, req);
}

// The change of a bulk request (action, group_id, tags); the caller reads what it selects.
BulkChange ReadBulkChange(http::JsonFields& in) {
  BulkChange change;
  auto action = in.String("action");
  static const std::pair<const char*, BulkAction> kActions[] = {
      {"assign_group", BulkAction::kAssignGroup},
      {"add_tags", BulkAction::kAddTags},
      {"remove_tags", BulkAction::kRemoveTags},
      {"deactivate", BulkAction::kDeactivate},
      {"restore", BulkAction::kRestore}};
  bool known = false;
  for (const auto& [name, value] : kActions) {
    if (action.value == name) {
      change.action = value;
      known = true;
    }
  }
  if (!known) {
    in.AddError("action", "invalid_action",
                "Use assign_group, add_tags, remove_tags, deactivate or restore.");
  }
  if (auto f = in.String("group_id"); f.present) change.group_id = f.value;
  if (auto f = in.StringList("tags"); f.present) change.tags = f.value;
  return change;
}

Response Bulk(Request& req, const audit::Actor& actor, Service& service) {
  auto body = http::ParseJsonObject(req);
  if (!body.ok()) return ErrorResponse(body.error(), req);
  http::JsonFields in(*body);
  auto ids = in.StringList("ids");
  if (!ids.present || ids.is_null) in.AddError("ids", "required", "Select some customers.");
  BulkChange change = ReadBulkChange(in);
  change.ids = ids.value;
  if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
  auto updated = service.Bulk(actor, change);
  if (!updated.ok()) return ErrorResponse(updated.error(), req);
  return http::JsonResponse(200, {{"updated", *updated}});
}

ListParams ParamsOf(const Request& req) {
  ListParams params;
  for (const auto& [k, v] : req.query) params.values.emplace(k, v);
  return params;
}

Response List(Request& req, Service& service) {
  auto page = service.List(ParamsOf(req));
  if (!page.ok()) return ErrorResponse(page.error(), req);
  const addresses::CustomerDefaults none;
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& c : page->items) {
    auto it = page->defaults.find(c.id);
    auto match = page->matches.find(c.id);
    WriteJson(w, c, it == page->defaults.end() ? &none : &it->second, AddressDetail::kSummary,
              match == page->matches.end() ? nullptr : &match->second);
  }
  w.EndArray().Key("next_cursor");
  if (page->next_cursor)
    w.String(*page->next_cursor);
  else
    w.Null();
  if (page->total) {
    w.Key("total").Int(*page->total);
    w.Key("total_exact").Bool(page->total_exact);
  }
  w.EndObject();
  return Response::Json(200, w.Take());
}

}  // namespace

void WriteJson(JsonWriter& w, const Customer& c, const addresses::CustomerDefaults* defaults,
               AddressDetail detail, const SearchMatch* match) {
  auto instant = [&](const char* key, const std::optional<int64_t>& micros) {
    w.Key(key);
    if (micros)
      w.String(FormatInstant(*micros));
    else
      w.Null();
  };
  w.BeginObject();
  w.Key("id").String(c.public_id);
  w.Key("kind").String(ToString(c.kind));
  w.Key("status").String(ToString(c.status));
  w.Key("ban");
  if (c.ban) {
    w.BeginObject();
    w.Key("reason").String(c.ban->reason);
    w.Key("note").String(c.ban->note);
    w.Key("banned_by").BeginObject();
    w.Key("type").String(c.ban->actor_type);
    w.Key("id").String(c.ban->actor_id);
    w.Key("name").String(c.ban->actor_name);
    w.EndObject();
    w.Key("banned_at").String(FormatInstant(c.ban->banned_at));
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("orders_count").Int(c.orders_count);
  w.Key("total_spent").Int(c.total_spent);
  instant("first_order_at", c.first_order_at);
  instant("last_order_at", c.last_order_at);
  w.Key("balances").BeginArray();
  for (const auto& [currency, amount] : c.balances) {
    w.BeginObject().Key("currency").String(currency).Key("amount").Int(amount).EndObject();
  }
  w.EndArray();
  w.Key("first_name").String(c.first_name);
  w.Key("last_name").String(c.last_name);
  w.Key("full_name").String(FullName(c));
  w.Key("email").String(c.email);
  w.Key("phone").String(c.phone);
  w.Key("country").String(c.country);
  w.Key("language").String(c.language);
  w.Key("company").String(c.company);
  w.Key("fax").String(c.fax);
  w.Key("note").String(c.note);
  w.Key("custom_fields").BeginObject();
  for (const auto& [k, v] : c.custom_fields) w.Key(k).String(v);
  w.EndObject();
  // Basis points as a decimal without floating-point noise: 1250 → 12.5.
  char pct[32];
  const int64_t bp = c.commission_reduced_bp;
  if (bp % 100 == 0)
    std::snprintf(pct, sizeof pct, "%lld", static_cast<long long>(bp / 100));
  else if (bp % 10 == 0)
    std::snprintf(pct, sizeof pct, "%lld.%lld", static_cast<long long>(bp / 100),
                  static_cast<long long>(bp % 100 / 10));
  else
    std::snprintf(pct, sizeof pct, "%lld.%02lld", static_cast<long long>(bp / 100),
                  static_cast<long long>(bp % 100));
  w.Key("commission_reduced_percent").Raw(pct);
  w.Key("library_all_access").Bool(c.library_all_access);
  w.Key("member_directory_access").Bool(c.member_directory_access);
  w.Key("email_marketing_consent").Bool(c.consent_email);
  w.Key("sms_marketing_consent").Bool(c.consent_sms);
  w.Key("messenger_marketing_consent").Bool(c.consent_messenger);
  instant("email_marketing_consent_at", c.consent_email_at);
  instant("sms_marketing_consent_at", c.consent_sms_at);
  instant("messenger_marketing_consent_at", c.consent_messenger_at);
  w.Key("group_id").String(c.group_public_id);
  w.Key("group_name").String(c.group_name);
  w.Key("tags").BeginArray();
  for (const auto& t : c.tags) w.String(t);
  w.EndArray();
  w.Key("registered_at").String(FormatInstant(c.registered_at));
  w.Key("registration_ip").String(c.registration_ip);
  w.Key("updated_at").String(FormatInstant(c.updated_at));
  instant("last_login_at", c.last_login_at);
  w.Key("last_login_ip").String(c.last_login_ip);
  instant("last_activity_at", c.last_activity_at);
  w.Key("version").Int(c.version);
  if (defaults) {
    auto address = [&](const char* summary_key, const char* key,
                       const std::optional<addresses::Address>& a) {
      w.Key(summary_key);
      if (a)
        w.String(addresses::OneLine(*a));
      else
        w.Null();
      if (detail != AddressDetail::kFull) return;
      w.Key(key);
      if (!a) {
        w.Null();
        return;
      }
      addresses::Address full = *a;
      full.customer_public_id = c.public_id;
      addresses::WriteJson(w, full);
    };
    address("billing_address_summary", "default_billing_address", defaults->billing);
    address("shipping_address_summary", "default_shipping_address", defaults->shipping);
    w.Key("shipping_same_as_billing").Bool(defaults->shipping_same_as_billing);
  }
  if (match) {
    w.Key("match").BeginObject();
    w.Key("field").String(match->field).Key("value").String(match->value);
    w.EndObject();
  }
  w.EndObject();
}

std::vector<std::string> ReadBulkIds(http::JsonFields& in) {
  auto ids = in.StringList("ids");
  if (!ids.present || ids.is_null) in.AddError("ids", "required", "Select some customers.");
  return ids.value;
}

nlohmann::json BulkJson(const db::BulkOutcome& outcome) {
  nlohmann::json results = nlohmann::json::object();
  for (const auto& [id, result] : outcome.done) {
    results[result] = results.value(result, 0) + 1;
  }
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : outcome.skipped) {
    skipped.push_back({{"id", s.id}, {"code", s.code}, {"detail", s.detail}});
  }
  return {{"done", outcome.done.size()}, {"results", results}, {"skipped", skipped}};
}

void RegisterRoutes(admins::AdminApi& api, Service& service, audit::ViewLog& views,
                    addresses::Service& book) {
  api.Add("GET", "/api/admin/customers", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) { return List(req, service); });
  api.Add("GET", "/api/admin/customers/count", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            auto n = service.CountExact(ParamsOf(req));
            if (!n.ok()) return ErrorResponse(n.error(), req);
            return http::JsonResponse(200, {{"total", *n}, {"total_exact", true}});
          });
  api.Add(
      "POST", "/api/admin/customers", Permission::kEditCustomers,
      [&](Request& req, const audit::Actor& actor) { return Create(req, actor, service, book); });
  api.Add("POST", "/api/admin/customers/bulk", Permission::kEditCustomers,
          [&](Request& req, const audit::Actor& actor) { return Bulk(req, actor, service); });
  api.Add("GET", "/api/admin/customers/{id}", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor& actor) {
            auto c = service.GetWithDefaults(*req.PathParam("id"));
            if (!c.ok() && c.error().code == ErrorCode::kNotFound) {
              // A merged customer's old id leads to the survivor.
              auto into = service.MergedInto(*req.PathParam("id"));
              if (into.ok() && *into) {
                Response r = http::JsonResponse(
                    308, {{"code", "customer_merged"},
                          {"detail", *req.PathParam("id") + " was merged into " + **into + "."},
                          {"survivor_id", **into}});
                r.headers.Set("location", "/api/admin/customers/" + **into);
                return r;
              }
            }
            if (!c.ok()) return ErrorResponse(c.error(), req);
            views.CustomerViewed(actor, c->first.public_id);  // who looked at whose personal data
            return CustomerResponse(200, c->first, c->second);
          });
  api.Add(
      "PATCH", "/api/admin/customers/{id}", Permission::kEditCustomers,
      [&](Request& req, const audit::Actor& actor) { return Update(req, actor, service, book); });
  auto status_change = [&](auto method) {
    return [&service, &book, method](Request& req, const audit::Actor& actor) {
      auto version = admins::IfMatchVersion(req);
      if (!version.ok()) return ErrorResponse(version.error(), req);
      auto c = (service.*method)(actor, *req.PathParam("id"), *version);
      if (!c.ok()) return ErrorResponse(c.error(), req);
      return CustomerResponse(200, *c, book, req);
    };
  };
  api.Add("POST", "/api/admin/customers/{id}/deactivate", Permission::kEditCustomers,
          status_change(&Service::Deactivate));
  api.Add("POST", "/api/admin/customers/{id}/restore", Permission::kEditCustomers,
          status_change(&Service::Restore));
}

void RegisterBulkJobRoutes(admins::AdminApi& api, Service& service, jobs::Service& jobs) {
  api.AddForCaller("POST", "/api/admin/customers/bulk/matching", Permission::kEditCustomers,
                   [&service, &jobs](Request& req, const admins::Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     BulkChange change = ReadBulkChange(in);
                     std::map<std::string, std::string> filter;
                     if (auto f = in.StringMap("filter"); f.present && !f.is_null) filter = f.value;
                     if (auto done = in.Finish(); !done.ok())
                       return ErrorResponse(done.error(), req);
                     auto job = service.StartBulk(jobs, caller.actor, caller.DisplayName(), change,
                                                  filter);
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     return jobs::AcceptedResponse(*job);
                   });
}

}  // namespace clientele::customers
