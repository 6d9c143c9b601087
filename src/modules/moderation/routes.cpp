#include "modules/moderation/routes.hpp"

#include "core/cursor.hpp"
#include "core/json_writer.hpp"
#include "core/time.hpp"
#include "http/json_body.hpp"
#include "modules/customers/routes.hpp"

namespace clientele::moderation {
namespace {

using http::ErrorResponse;
using http::Request;
using http::Response;

Response CustomerResponse(const customers::Customer& c) {
  JsonWriter w;
  customers::WriteJson(w, c);
  Response r = Response::Json(200, w.Take());
  r.headers.Set("etag", http::ETagFor(c.version));
  return r;
}

// The reason and note of a ban request.
std::pair<std::optional<BanReason>, std::string> ReadBan(http::JsonFields& in) {
  std::optional<BanReason> reason;
  auto r = in.String("reason");
  if (!r.present || r.is_null || r.value.empty()) {
    in.AddError("reason", "required", "Choose a reason.");
  } else if (!(reason = ParseBanReason(r.value))) {
    in.AddError("reason", "invalid_reason",
                "Use refused_deliveries, return_abuse, abusive_to_staff, fake_orders or other.");
  }
  std::string note;
  if (auto f = in.String("note"); f.present && !f.is_null) note = f.value;
  return {reason, note};
}

}  // namespace

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  api.Add("POST", "/api/admin/customers/{id}/ban", admins::Permission::kEditCustomers,
          [&service](Request& req, const audit::Actor& actor) {
            auto version = http::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto [reason, note] = ReadBan(in);
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto banned = service.Ban(actor, *req.PathParam("id"), *reason, note, *version);
            if (!banned.ok()) return ErrorResponse(banned.error(), req);
            return CustomerResponse(*banned);
          });
  api.Add("POST", "/api/admin/customers/{id}/ban/lift", admins::Permission::kEditCustomers,
          [&service](Request& req, const audit::Actor& actor) {
            auto version = http::IfMatchVersion(req);
            if (!version.ok()) return ErrorResponse(version.error(), req);
            auto lifted = service.LiftBan(actor, *req.PathParam("id"), *version);
            if (!lifted.ok()) return ErrorResponse(lifted.error(), req);
            return CustomerResponse(*lifted);
          });
  api.Add("POST", "/api/admin/customers/bulk/ban", admins::Permission::kEditCustomers,
          [&service](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto ids = customers::ReadBulkIds(in);
            auto [reason, note] = ReadBan(in);
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto out = service.BulkBan(actor, ids, *reason, note);
            if (!out.ok()) return ErrorResponse(out.error(), req);
            return http::JsonResponse(200, customers::BulkJson(*out));
          });
  api.Add("POST", "/api/admin/customers/bulk/ban/lift", admins::Permission::kEditCustomers,
          [&service](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto ids = customers::ReadBulkIds(in);
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto out = service.BulkLiftBan(actor, ids);
            if (!out.ok()) return ErrorResponse(out.error(), req);
            return http::JsonResponse(200, customers::BulkJson(*out));
          });
}

}  // namespace clientele::moderation

namespace clientele::moderation {
namespace {

nlohmann::json EntryJson(const BlacklistEntry& e) {
  return {{"id", e.public_id},
          {"kind", e.kind},
          {"value", e.value},
          {"reason", e.reason},
          {"added_by", {{"type", e.actor_type}, {"id", e.actor_id}, {"name", e.actor_name}}},
          {"created_at", FormatInstant(e.created_at)},
          {"updated_at", FormatInstant(e.updated_at)},
          {"refusals", e.hits},
          {"last_refusal_at",
           e.last_hit_at ? nlohmann::json(FormatInstant(*e.last_hit_at)) : nlohmann::json()}};
}

}  // namespace

void RegisterBlacklistRoutes(admins::AdminApi& api, Blacklist& blacklist) {
  using admins::Permission;
  api.Add("GET", "/api/admin/blacklist", Permission::kViewCustomers,
          [&blacklist](Request& req, const audit::Actor&) {
            auto kind = req.Query("kind").value_or("");
            if (!kind.empty() && kind != "phone" && kind != "email" && kind != "domain" &&
                kind != "ip") {
              std::string msg = "Use phone, email, domain or ip.";
              return ErrorResponse(Error::Invalid(msg, {{"kind", "invalid_kind", msg}}), req);
            }
            auto entries = blacklist.List(req.Query("q").value_or(""), kind);
            if (!entries.ok()) return ErrorResponse(entries.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& e : *entries) items.push_back(EntryJson(e));
            return http::JsonResponse(200, {{"items", items}});
          });
  api.Add("POST", "/api/admin/blacklist", Permission::kEditCustomers,
          [&blacklist](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            std::string kind, value, reason;
            for (auto [name, out] : {std::pair{"kind", &kind}, std::pair{"value", &value},
                                     std::pair{"reason", &reason}}) {
              auto f = in.String(name);
              if (f.present && !f.is_null) *out = f.value;
            }
            if (kind.empty()) in.AddError("kind", "required", "Choose phone, email, domain or ip.");
            if (value.empty()) in.AddError("value", "required", "Type what to block.");
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto added = blacklist.Add(actor, kind, value, reason);
            if (!added.ok()) return ErrorResponse(added.error(), req);
            return http::JsonResponse(201, EntryJson(*added));
          });
  api.Add("PATCH", "/api/admin/blacklist/{id}", Permission::kEditCustomers,
          [&blacklist](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            std::string reason;
            if (auto f = in.String("reason"); f.present && !f.is_null) reason = f.value;
            if (auto done = in.Finish(); !done.ok()) return ErrorResponse(done.error(), req);
            auto updated = blacklist.Update(actor, *req.PathParam("id"), reason);
            if (!updated.ok()) return ErrorResponse(updated.error(), req);
            return http::JsonResponse(200, EntryJson(*updated));
          });
  api.Add("DELETE", "/api/admin/blacklist/{id}", Permission::kEditCustomers,
          [&blacklist](Request& req, const audit::Actor& actor) {
            Status s = blacklist.Remove(actor, *req.PathParam("id"));
            if (!s.ok()) return ErrorResponse(s.error(), req);
            return Response::NoContent();
          });
}

namespace {

nlohmann::json BriefJson(const customers::Customer& c) {
  return {{"id", c.public_id},
          {"full_name", customers::FullName(c)},
          {"email", c.email},
          {"phone", c.phone},
          {"kind", customers::ToString(c.kind)},
          {"status", customers::ToString(c.status)},
          {"registered_at", FormatInstant(c.registered_at)},
          {"orders_count", c.orders_count}};
}

nlohmann::json CandidateJson(const Candidate& cand, bool with_a) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& r : cand.reasons) reasons.push_back({{"code", r.code}, {"score", r.score}});
  nlohmann::json out = {
      {"customer", BriefJson(cand.b)}, {"score", cand.score}, {"reasons", reasons}};
  if (with_a) {
    out["other"] = out["customer"];
    out["customer"] = BriefJson(cand.a);
  }
  return out;
}

}  // namespace

void RegisterDuplicateRoutes(admins::AdminApi& api, Duplicates& duplicates) {
  using admins::Permission;
  api.Add("GET", "/api/admin/customers/{id}/duplicates", Permission::kViewCustomers,
          [&duplicates](http::Request& req, const audit::Actor&) {
            auto found = duplicates.Of(*req.PathParam("id"));
            if (!found.ok()) return http::ErrorResponse(found.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& c : *found) items.push_back(CandidateJson(c, false));
            return http::JsonResponse(200, {{"items", items}});
          });
  api.Add("GET", "/api/admin/duplicates", Permission::kViewCustomers,
          [&duplicates](http::Request& req, const audit::Actor&) {
            int limit = 50;
            if (auto l = req.Query("limit")) {
              std::vector<FieldError> errors;
              auto parsed = ReadPageSize(*l, 500, errors);
              if (!parsed) {
                return http::ErrorResponse(Error::Invalid("Some parameters are not valid.", errors),
                                           req);
              }
              limit = *parsed;
            }
            auto list = duplicates.All(limit);
            if (!list.ok()) return http::ErrorResponse(list.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& c : list->items) items.push_back(CandidateJson(c, true));
            return http::JsonResponse(200, {{"items", items}, {"pairs_found", list->pairs_found}});
          });
  api.Add("POST", "/api/admin/duplicates/dismiss", Permission::kEditCustomers,
          [&duplicates](http::Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return http::ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto pair = in.StringList("customers");
            if (!pair.present || pair.is_null || pair.value.size() != 2) {
              in.AddError("customers", "invalid_pair", "Send the ids of the two customers.");
            }
            if (Status s = in.Finish(); !s.ok()) return http::ErrorResponse(s.error(), req);
            Status s = duplicates.Dismiss(actor, pair.value[0], pair.value[1]);
            if (!s.ok()) return http::ErrorResponse(s.error(), req);
            return http::Response::NoContent();
          });
}

namespace {

nlohmann::json DomainChangeJson(const DomainChange& d) {
  return {{"domain", d.domain},
          {"listed", d.listed},
          {"shipped", d.shipped},
          {"changed_at", FormatInstant(d.changed_at)}};
}

}  // namespace

void RegisterSpamRoutes(admins::AdminApi& api, SpamRules& rules) {
  using admins::Permission;
  api.Add("GET", "/api/admin/cleanup/disposable-domains", Permission::kViewCustomers,
          [&rules](http::Request& req, const audit::Actor&) {
            auto listing = rules.Domains(req.Query("q").value_or(""));
            if (!listing.ok()) return http::ErrorResponse(listing.error(), req);
            nlohmann::json changes = nlohmann::json::array();
            for (const auto& d : listing->changes) changes.push_back(DomainChangeJson(d));
            return http::JsonResponse(200, {{"shipped", listing->shipped},
                                            {"listed", listing->listed},
                                            {"changes", changes},
                                            {"matches", listing->matches}});
          });
  api.Add("PUT", "/api/admin/cleanup/disposable-domains/{domain}", Permission::kManageSettings,
          [&rules](http::Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return http::ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto listed = in.Bool("listed");
            if (!listed.present || listed.is_null) {
              in.AddError("listed", "required", "Say whether the domain is disposable.");
            }
            if (Status s = in.Finish(); !s.ok()) return http::ErrorResponse(s.error(), req);
            auto change = rules.SetListed(actor, *req.PathParam("domain"), listed.value);
            if (!change.ok()) return http::ErrorResponse(change.error(), req);
            return http::JsonResponse(200, DomainChangeJson(*change));
          });
  api.Add("DELETE", "/api/admin/cleanup/disposable-domains/{domain}", Permission::kManageSettings,
          [&rules](http::Request& req, const audit::Actor& actor) {
            Status s = rules.Reset(actor, *req.PathParam("domain"));
            if (!s.ok()) return http::ErrorResponse(s.error(), req);
            return http::Response::NoContent();
          });
}

}  // namespace clientele::moderation
