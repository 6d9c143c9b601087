// The actor of an HTTP request: where it came from (IP, user agent, request id), before or
// after the guard of its API says who sent it.
#pragma once

#include <string>

#include "http/message.hpp"
#include "modules/audit/audit.hpp"

namespace clientele::audit {

// An anonymous actor (type "anonymous") from the request's IP, user agent and request id.
Actor RequestActor(const http::Request& request);

}  // namespace clientele::audit
