#include "modules/wallet/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::wallet {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

nlohmann::json Instant(const std::optional<int64_t>& v) {
  return v ? nlohmann::json(FormatInstant(*v)) : nlohmann::json(nullptr);
}

// The body of POST …/wallet, with the Idempotency-Key header; a bad body is answered with
// every field error at once, the service's included.
Result<Change> ReadChange(const Request& req, const Service& service) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  Change c;
  auto text = [&](const char* name, std::string& out) {
    if (auto f = in.String(name); f.present && !f.is_null) out = f.value;
  };
  text("currency", c.currency);
  text("reason", c.reason);
  text("order_ref", c.order_ref);
  auto amount = in.Int("amount");
  if (!amount.present || amount.is_null) {
    in.AddError("amount", "required",
                "Enter an amount in minor units (cents): positive to add, negative to deduct.");
  }
  c.amount = amount.value;
  if (auto f = in.String("expires_at"); f.present && !f.is_null && !f.value.empty()) {
    auto at = ParseInstant(f.value, "expires_at");
    if (!at.ok()) {
      for (auto& e : at.error().fields) in.AddError(e.field, e.code, e.message);
    } else {
      c.expires_at = *at;
    }
  }
  if (auto f = in.Bool("notify"); f.present && !f.is_null) c.notify = f.value;
  c.idempotency_key = req.headers.Get("idempotency-key").value_or("");
  Status read = in.Finish();
  if (read.ok()) return c;
  std::vector<FieldError> errors = read.error().fields;
  Change rest = c;
  rest.expires_at.reset();
  if (Status more = service.Validate(rest); !more.ok()) {
    for (const auto& e : more.error().fields) {
      bool known = false;
      for (const auto& had : errors) known = known || had.field == e.field;
      if (!known) errors.push_back(e);
    }
  }
  return Error::Invalid("Some fields are not valid.", std::move(errors));
}

Response AppliedResponse(const Applied& a, int64_t now) {
  Response r = http::JsonResponse(
      201,
      {{"entry", EntryJson(a.entry, now)}, {"balance", a.balance}, {"currency", a.entry.currency}});
  if (a.replayed) r.headers.Set("idempotent-replayed", "true");
  return r;
}

}  // namespace

nlohmann::json EntryJson(const Entry& e, int64_t now) {
  nlohmann::json out = {{"id", e.public_id},
                        {"kind", ToString(e.kind)},
                        {"amount", e.amount},
                        {"change", e.signed_amount()},
                        {"currency", e.currency},
                        {"reason", e.reason},
                        {"order_ref", e.order_ref},
                        {"created_at", FormatInstant(e.created_at)},
                        {"created_by", {{"type", e.actor_type}, {"name", e.actor_name}}}};
  if (e.kind == EntryKind::kCredit) {
    out["expires_at"] = Instant(e.expires_at);
    out["expired"] = e.expires_at.has_value() && *e.expires_at <= now;
    out["remaining"] = e.remaining;
  }
  return out;
}

nlohmann::json WalletJson(const Wallet& w, int64_t now) {
  nlohmann::json balances = nlohmann::json::array();
  for (const auto& b : w.balances) {
    nlohmann::json credits = nlohmann::json::array();
    for (const auto& c : b.credits) credits.push_back(EntryJson(c, now));
    balances.push_back(
        {{"currency", b.currency}, {"available", b.available}, {"credits", credits}});
  }
  nlohmann::json history = nlohmann::json::array();
  for (const auto& e : w.history) history.push_back(EntryJson(e, now));
  return {{"balances", balances}, {"history", history}};
}

void RegisterRoutes(admins::AdminApi& api, Service& service, const Clock& clock) {
  using admins::Permission;
  api.Add("GET", "/api/admin/customers/{id}/wallet", Permission::kViewCustomers,
          [&service, &clock](Request& req, const audit::Actor&) {
            auto w = service.Get(*req.PathParam("id"));
            if (!w.ok()) return ErrorResponse(w.error(), req);
            return http::JsonResponse(200, WalletJson(*w, clock.NowMicros()));
          });
  api.Add("POST", "/api/admin/customers/{id}/wallet", Permission::kManageMoney,
          [&service, &clock](Request& req, const audit::Actor& actor) {
            auto change = ReadChange(req, service);
            if (!change.ok()) return ErrorResponse(change.error(), req);
            auto applied = service.Apply(actor, *req.PathParam("id"), *change);
            if (!applied.ok()) return ErrorResponse(applied.error(), req);
            return AppliedResponse(*applied, clock.NowMicros());
          });
  api.Add("GET", "/api/admin/wallet", Permission::kViewCustomers,
          [&service, &clock](Request& req, const audit::Actor&) {
            auto page = service.History(req.QueryMap());
            if (!page.ok()) return ErrorResponse(page.error(), req);
            const int64_t now = clock.NowMicros();
            nlohmann::json items = nlohmann::json::array();
            for (const auto& e : page->items) {
              nlohmann::json item = EntryJson(e, now);
              item["customer"] = {{"id", e.customer_ref},
                                  {"name", e.customer_name},
                                  {"email", e.customer_email},
                                  {"phone", e.customer_phone}};
              items.push_back(std::move(item));
            }
            return http::JsonResponse(
                200, {{"items", items},
                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                        : nlohmann::json(nullptr)}});
          });
  api.Add("GET", "/api/admin/wallet.csv", Permission::kViewCustomers,
          [&service](Request& req, const audit::Actor&) {
            auto csv = service.HistoryCsv(req.QueryMap());
            if (!csv.ok()) return ErrorResponse(csv.error(), req);
            Response r = Response::Text(200, std::move(*csv), "text/csv; charset=utf-8");
            r.headers.Set("content-disposition", "attachment; filename=\"wallet-history.csv\"");
            return r;
          });
}

void RegisterStoreRoutes(accounts::StoreApi& api, Service& service, const Clock& clock) {
  api.AddSignedIn("GET", "/api/store/me/wallet",
                  [&service, &clock](Request& req, const accounts::ShopperCaller& c) {
                    auto w = service.Get(c.shopper.customer_public_id);
                    if (!w.ok()) return ErrorResponse(w.error(), req);
                    nlohmann::json out = WalletJson(*w, clock.NowMicros());
                    // Who made an entry is the store's business.
                    for (auto& e : out["history"]) e.erase("created_by");
                    for (auto& b : out["balances"]) {
                      for (auto& e : b["credits"]) e.erase("created_by");
                    }
                    return http::JsonResponse(200, out);
                  });
}

}  // namespace clientele::wallet
