#include "flows/cleanup/routes.hpp"

#include <cmath>

#include "core/cursor.hpp"
#include "core/time.hpp"
#include "http/json_body.hpp"
#include "modules/customers/model.hpp"
#include "modules/jobs/routes.hpp"

namespace clientele::flows {
namespace {

constexpr int64_t kDayMicros = int64_t{86400} * 1000000;

using admins::ErrorResponse;
using admins::Permission;
using http::Request;
using http::Response;

nlohmann::json Percent(int64_t part, int64_t total) {
  if (total == 0) return 0.0;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(total)) / 10.0;
}

nlohmann::json SignalsJson(const std::vector<moderation::SpamSignal>& signals) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : signals) {
    out.push_back({{"code", s.code}, {"points", s.points}, {"detail", s.detail}});
  }
  return out;
}

nlohmann::json MetricsJson(const ActivityMetrics& m) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const auto& b : m.registrations) {
    buckets.push_back({{"date", FormatInstant(b.day * kDayMicros).substr(0, 10)},
                       {"start", FormatInstant(b.start)},
                       {"registrations", b.registrations},
                       {"suspected_spam", b.suspected_spam}});
  }
  return {{"total", m.total},
          {"active", m.active},
          {"unused", m.unused},
          {"suspected_spam", m.suspected_spam},
          {"percent",
           {{"active", Percent(m.active, m.total)},
            {"unused", Percent(m.unused, m.total)},
            {"suspected_spam", Percent(m.suspected_spam, m.total)}}},
          {"spam_threshold", m.threshold},
          {"last_scan", m.last_scan ? jobs::JobJson(*m.last_scan) : nlohmann::json(nullptr)},
          {"interval", m.interval},
          {"time_zone", m.time_zone},
          {"registrations", buckets}};
}

nlohmann::json CandidateJson(const CleanupCandidate& c) {
  return {{"id", c.id},
          {"full_name", customers::FullName(c.first_name, c.last_name)},
          {"email", c.email},
          {"kind", c.kind},
          {"status", c.status},
          {"registered_at", FormatInstant(c.registered_at)},
          {"registration_ip", c.registration_ip},
          {"spam_score", c.score},
          {"signals", SignalsJson(c.signals)}};
}

nlohmann::json OffenderJson(const Offender& o) {
  nlohmann::json ips = nlohmann::json::array();
  for (const auto& [ip, n] : o.ips) ips.push_back({{"ip", ip}, {"accounts", n}});
  nlohmann::json blocked = nullptr;
  if (o.blocked_by) {
    blocked = {{"id", o.blocked_by->public_id},
               {"value", o.blocked_by->value},
               {"refusals", o.blocked_by->hits},
               {"last_hit_at", o.blocked_by->last_hit_at
                                   ? nlohmann::json(FormatInstant(*o.blocked_by->last_hit_at))
                                   : nlohmann::json(nullptr)}};
  }
  return {{"subnet", o.subnet},
          {"accounts", o.accounts},
          {"last_registered_at", FormatInstant(o.last_registered_at)},
          {"ips", ips},
          {"blocked_by", blocked}};
}

}  // namespace

void RegisterCleanupRoutes(admins::AdminApi& api, Cleanup& cleanup) {
  api.Add("GET", "/api/admin/cleanup/metrics", Permission::kViewCustomers,
          [&cleanup](Request& req, const audit::Actor&) {
            auto m = cleanup.Metrics(req.Query("interval").value_or(""));
            if (!m.ok()) return ErrorResponse(m.error(), req);
            return http::JsonResponse(200, MetricsJson(*m));
          });
  api.Add("GET", "/api/admin/cleanup/candidates", Permission::kViewCustomers,
          [&cleanup](Request& req, const audit::Actor&) {
            auto page = cleanup.Candidates(req.QueryMap());
            if (!page.ok()) return ErrorResponse(page.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& c : page->items) items.push_back(CandidateJson(c));
            return http::JsonResponse(
                200, {{"items", items},
                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                        : nlohmann::json(nullptr)},
                      {"matching", page->matching}});
          });
  api.AddForCaller("POST", "/api/admin/cleanup/scan", Permission::kEditCustomers,
                   [&cleanup](Request& req, const admins::Caller& caller) {
                     auto job = cleanup.StartScan(caller.actor, caller.DisplayName());
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     return jobs::AcceptedResponse(*job);
                   });
  api.AddForCaller("POST", "/api/admin/cleanup", Permission::kEraseCustomers,
                   [&cleanup](Request& req, const admins::Caller& caller) {
                     auto body = http::ParseJsonObject(req);
                     if (!body.ok()) return ErrorResponse(body.error(), req);
                     http::JsonFields in(*body);
                     CleanupRequest request;
                     auto scope = in.String("scope");
                     if (auto s = ParseCleanupScope(scope.value)) {
                       request.scope = *s;
                     } else {
                       in.AddError("scope", "invalid_scope", "Use unused or spam.");
                     }
                     if (auto days = in.Int("older_than_days"); days.present && !days.is_null) {
                       request.older_than_days = days.value;
                     }
                     if (auto all = in.Bool("all"); all.present && !all.is_null)
                       request.all = all.value;
                     if (auto ids = in.StringList("ids"); ids.present && !ids.is_null)
                       request.ids = ids.value;
                     if (auto except = in.StringList("except"); except.present && !except.is_null) {
                       request.except = except.value;
                     }
                     if (auto confirm = in.Int("confirm"); confirm.present && !confirm.is_null) {
                       request.confirm = confirm.value;
                     }
                     if (Status s = in.Finish(); !s.ok()) return ErrorResponse(s.error(), req);
                     auto job = cleanup.StartCleanup(caller.actor, caller.DisplayName(), request);
                     if (!job.ok()) return ErrorResponse(job.error(), req);
                     return jobs::AcceptedResponse(*job);
                   });
  api.Add("GET", "/api/admin/cleanup/reports/{id}", Permission::kEraseCustomers,
          [&cleanup](Request& req, const audit::Actor&) {
            const std::string id = *req.PathParam("id");
            auto csv = cleanup.ReportCsv(id);
            if (!csv.ok()) return ErrorResponse(csv.error(), req);
            Response r = Response::Text(200, std::move(*csv), "text/csv; charset=utf-8");
            r.headers.Set("content-disposition", "attachment; filename=\"cleanup-" + id + ".csv\"");
            return r;
          });
  api.Add("GET", "/api/admin/cleanup/offenders", Permission::kViewCustomers,
          [&cleanup](Request& req, const audit::Actor&) {
            int limit = 50;
            if (auto l = req.Query("limit")) {
              std::vector<FieldError> errors;
              auto parsed = ReadPageSize(*l, 200, errors);
              if (!parsed) {
                return ErrorResponse(Error::Invalid("Some parameters are not valid.", errors), req);
              }
              limit = *parsed;
            }
            auto list = cleanup.Offenders(limit);
            if (!list.ok()) return ErrorResponse(list.error(), req);
            nlohmann::json items = nlohmann::json::array();
            for (const auto& o : *list) items.push_back(OffenderJson(o));
            return http::JsonResponse(200, {{"items", items}});
          });
}

}  // namespace clientele::flows
