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

}  // namespace clientele::http
