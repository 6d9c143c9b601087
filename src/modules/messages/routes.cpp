#include "modules/messages/routes.hpp"

#include "core/time.hpp"
#include "http/json_body.hpp"

namespace clientele::messages {
namespace {

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

nlohmann::json OptInstant(const std::optional<int64_t>& t) {
  return t ? nlohmann::json(FormatInstant(*t)) : nlohmann::json(nullptr);
}

nlohmann::json Nullable(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json DeliveryJson(const DeliveryInfo& d) {
  return {{"configured", d.configured}, {"server", Nullable(d.server)}, {"note", Nullable(d.note)}};
}

Response PageResponse(const Request& req, const Result<Page>& page, const DeliveryInfo& d) {
  if (!page.ok()) return ErrorResponse(page.error(), req);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : page->items) items.push_back(MessageJson(m, MessageContent::kLeaveOut));
  return http::JsonResponse(
      200, {{"items", std::move(items)},
            {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor) : nullptr},
            {"delivery", DeliveryJson(d)}});
}

Response MessageResponse(const Request& req, int status, const Result<Message>& m) {
  if (!m.ok()) return ErrorResponse(m.error(), req);
  return http::JsonResponse(status, MessageJson(*m, MessageContent::kInclude));
}

nlohmann::json ToJson(const TemplateVersion& v) {
  return {{"template", v.template_key},
          {"language", v.language},
          {"custom", v.custom},
          {"subject", v.text.subject},
          {"body_text", v.text.body_text},
          {"body_html", v.text.body_html},
          {"updated_at", OptInstant(v.updated_at)}};
}

// {"subject", "body_text", "body_html"} strictly; all three are required.
Result<TemplateText> ReadTemplateText(const Request& req) {
  ASSIGN_OR_RETURN(nlohmann::json body, http::ParseJsonObject(req));
  http::JsonFields in(body);
  TemplateText text;
  for (auto [name, target] :
       {std::pair{"subject", &text.subject}, std::pair{"body_text", &text.body_text},
        std::pair{"body_html", &text.body_html}}) {
    auto f = in.String(name);
    if (!f.present || f.is_null) {
      in.AddError(name, "required", "This field is required (it may be empty for body_html).");
    }
    *target = f.value;
  }
  RETURN_IF_ERROR(in.Finish());
  return text;
}

}  // namespace

nlohmann::json MessageJson(const Message& m, MessageContent content) {
  nlohmann::json j = {{"id", m.public_id},
                      {"customer_id", Nullable(m.customer_public_id)},
                      {"channel", ToString(m.channel)},
                      {"to", m.to_address},
                      {"to_name", m.to_name},
                      {"subject", m.subject},
                      {"template", m.template_key},
                      {"language", m.language},
                      {"message_id", m.message_id},
                      {"status", ToString(m.status)},
                      {"attempts", m.attempts},
                      {"last_error", Nullable(m.last_error)},
                      {"next_attempt_at", m.status == MessageStatus::kQueued
                                              ? nlohmann::json(FormatInstant(m.next_attempt_at))
                                              : nlohmann::json(nullptr)},
                      {"resend_of", Nullable(m.resend_of_public_id)},
                      {"created_by", {{"type", m.actor_type}, {"id", Nullable(m.actor_id)}}},
                      {"created_at", FormatInstant(m.created_at)},
                      {"updated_at", FormatInstant(m.updated_at)},
                      {"sent_at", OptInstant(m.sent_at)}};
  if (content == MessageContent::kInclude) {
    const bool secret = CarriesOneTimeLink(m.template_key);
    j["body_text"] = secret ? HideOneTimeSecrets(m.body_text) : m.body_text;
    j["body_html"] = Nullable(secret ? HideOneTimeSecrets(m.body_html) : m.body_html);
  }
  return j;
}

void RegisterRoutes(admins::AdminApi& api, Service& service) {
  api.Add("GET", "/api/admin/messages", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            return PageResponse(req, service.List(req.QueryMap()), service.delivery());
          });
  api.Add("GET", "/api/admin/messages/{id}", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            return MessageResponse(req, 200, service.Get(*req.PathParam("id")));
          });
  api.AddForCaller("POST", "/api/admin/messages/{id}/resend", Permission::kSendMessages,
                   [&](Request& req, const admins::Caller& caller) {
                     const auto new_address =
                         admins::RoleAllows(caller.principal.role, Permission::kEditCustomers)
                             ? Service::NewAddress::kAllowed
                             : Service::NewAddress::kRefused;
                     return MessageResponse(
                         req, 201, service.Resend(caller.actor, *req.PathParam("id"), new_address));
                   });
  api.Add("GET", "/api/admin/customers/{id}/messages", Permission::kViewCustomers,
          [&](Request& req, const audit::Actor&) {
            return PageResponse(req, service.ListForCustomer(*req.PathParam("id"), req.QueryMap()),
                                service.delivery());
          });
  api.Add("POST", "/api/admin/customers/{id}/messages/preview", Permission::kSendMessages,
          [&](Request& req, const audit::Actor&) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto subject = in.String("subject");
            auto text = in.String("body");
            if (auto s = in.Finish(); !s.ok()) return ErrorResponse(s.error(), req);
            auto m = service.PreviewCompose(*req.PathParam("id"), subject.value, text.value);
            if (!m.ok()) return ErrorResponse(m.error(), req);
            return http::JsonResponse(200, {{"to", m->to_address},
                                            {"to_name", m->to_name},
                                            {"language", m->language},
                                            {"subject", m->subject},
                                            {"body_text", m->body_text},
                                            {"body_html", m->body_html}});
          });
  api.Add("POST", "/api/admin/customers/{id}/messages", Permission::kSendMessages,
          [&](Request& req, const audit::Actor& actor) {
            auto body = http::ParseJsonObject(req);
            if (!body.ok()) return ErrorResponse(body.error(), req);
            http::JsonFields in(*body);
            auto subject = in.String("subject");
            auto text = in.String("body");
            if (auto s = in.Finish(); !s.ok()) return ErrorResponse(s.error(), req);
            return MessageResponse(
                req, 201, service.Compose(actor, *req.PathParam("id"), subject.value, text.value));
          });

  api.Add("GET", "/api/admin/email-templates", Permission::kManageSettings,
          [&](Request& req, const audit::Actor&) {
            auto list = service.ListTemplates();
            if (!list.ok()) return ErrorResponse(list.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& t : *list) {
              items.push_back({{"template", t.spec.key},
                               {"title", t.spec.title},
                               {"placeholders", t.spec.placeholders},
                               {"languages", t.languages}});
            }
            return http::JsonResponse(
                200, {{"items", std::move(items)},
                      {"common_placeholders",
                       {"store_name", "first_name", "last_name", "full_name", "email"}}});
          });
  api.Add("GET", "/api/admin/email-templates/{template}/{language}", Permission::kManageSettings,
          [&](Request& req, const audit::Actor&) {
            auto v = service.GetTemplate(*req.PathParam("template"), *req.PathParam("language"));
            if (!v.ok()) return ErrorResponse(v.error(), req);
            return http::JsonResponse(200, ToJson(*v));
          });
  api.Add("PUT", "/api/admin/email-templates/{template}/{language}", Permission::kManageSettings,
          [&](Request& req, const audit::Actor& actor) {
            auto text = ReadTemplateText(req);
            if (!text.ok()) return ErrorResponse(text.error(), req);
            auto v = service.SaveTemplate(actor, *req.PathParam("template"),
                                          *req.PathParam("language"), *text);
            if (!v.ok()) return ErrorResponse(v.error(), req);
            return http::JsonResponse(200, ToJson(*v));
          });
  api.Add("DELETE", "/api/admin/email-templates/{template}/{language}", Permission::kManageSettings,
          [&](Request& req, const audit::Actor& actor) {
            auto s = service.ResetTemplate(actor, *req.PathParam("template"),
                                           *req.PathParam("language"));
            if (!s.ok()) return ErrorResponse(s.error(), req);
            return Response::NoContent();
          });
  api.Add("POST", "/api/admin/email-templates/{template}/preview", Permission::kManageSettings,
          [&](Request& req, const audit::Actor&) {
            auto text = ReadTemplateText(req);
            if (!text.ok()) return ErrorResponse(text.error(), req);
            auto p = service.PreviewTemplate(*req.PathParam("template"), *text);
            if (!p.ok()) return ErrorResponse(p.error(), req);
            return http::JsonResponse(200, {{"subject", p->subject},
                                            {"body_text", p->body_text},
                                            {"body_html", p->body_html}});
          });
}

}  // namespace clientele::messages
