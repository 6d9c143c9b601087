#include "http/problem.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <nlohmann/json.hpp>

namespace clientele::http {

int StatusFor(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
      if (error.slug == "malformed_json" || error.slug == "bad_query") return 400;
      return error.slug == "unsupported_media_type" ? 415 : 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return error.slug == "stale_version" ? 412 : (error.slug == "version_required" ? 428 : 409);
    case ErrorCode::kAborted:
      return 409;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnavailable:
      if (error.slug == "test_email_failed") return 502;  // the mail server's answer, not ours
      return error.slug == "too_many_attempts" || error.slug == "too_many_requests" ? 429 : 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {
const char* TitleFor(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 401:
      return "Authentication required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition failed";
    case 413:
      return "Request too large";
    case 415:
      return "Unsupported media type";
    case 422:
      return "Invalid input";
    case 428:
      return "Precondition required";
    case 429:
      return "Too many requests";
    case 431:
      return "Request headers too large";
    case 502:
      return "Bad gateway";
    case 503:
      return "Service unavailable";
    default:
      return "Internal error";
  }
}
}  // namespace

Response Problem(const Error& error, const std::string& request_id) {
  int status = StatusFor(error);
  std::string detail = error.message;
  if (status == 500) {
    // What broke (a driver's message, say) is for the server's log, not for the client.
    spdlog::error("internal error rid={} slug={} what={}", request_id, error.slug, error.message);
    detail = "An unexpected error occurred; the request id identifies it in the server's log.";
  }
  nlohmann::json body = {
      {"type", "https://clientele.dev/problems/" + error.slug},
      {"title", TitleFor(status)},
      {"status", status},
      {"detail", detail},
      {"code", error.slug},
      {"request_id", request_id},
  };
  if (!error.fields.empty()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : error.fields) {
      nlohmann::json field = {{"field", f.field}, {"code", f.code}, {"message", f.message}};
      if (f.position > 0) field["position"] = f.position;
      fields.push_back(std::move(field));
    }
    body["errors"] = std::move(fields);
  }
  // Field names and messages may echo client input that is not UTF-8: replaced, never thrown.
  Response r =
      Response::Json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers.Set("content-type", "application/problem+json");
  if (status == 401) r.headers.Set("www-authenticate", "Bearer realm=\"clientele\"");
  return r;
}

std::string ETagFor(int64_t version) {
  std::string tag = std::to_string(version);
  tag.insert(tag.begin(), '"');
  tag.push_back('"');
  return tag;
}

Result<std::optional<int64_t>> IfMatchVersion(const http::Request& request) {
  auto header = request.headers.Get("if-match");
  if (!header || *header == "*") return std::optional<int64_t>();
  std::string_view v = *header;
  if (v.rfind("W/", 0) == 0) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t version = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc() || ptr != v.data() + v.size()) {
    return Error{ErrorCode::kInvalidArgument,
                 "invalid_if_match",
                 "If-Match must be the ETag of the record you loaded.",
                 {}};
  }
  return std::optional<int64_t>(version);
}

}  // namespace clientele::http
