// Maps an Error to an RFC 9457 problem-details response, in one place for the whole server.
#pragma once

#include "core/result.hpp"
#include "http/message.hpp"

namespace clientele::http {

// The HTTP status for an error code (kInvalidArgument → 422, kNotFound → 404, ...).
int StatusFor(const Error& error);

// {"type","title","status","detail","code","errors":[{"field","code","message"}],"request_id"}
// served as application/problem+json.
Response Problem(const Error& error, const std::string& request_id);
// The problem response for `error` answering `request`.
inline Response ErrorResponse(const Error& error, const Request& request) {
  return Problem(error, request.request_id);
}

// ETag and If-Match for records two people may edit at once.
std::string ETagFor(int64_t version);
// The version named by If-Match ("3", "\"3\"", W/"3"); nullopt when absent or "*".
// Errors: kInvalidArgument "invalid_if_match".
Result<std::optional<int64_t>> IfMatchVersion(const Request& request);

}  // namespace clientele::http
