// Whether a request comes from a page of another site. Browsers say so in Sec-Fetch-Site (all
// current ones) and, for writes, in Origin; scripts send neither and are not cross-site. Used
// for requests that a cookie authenticates, where a cross-site form could act for the victim.
#pragma once

#include "http/message.hpp"

namespace clientele::http {

// True when Sec-Fetch-Site is present and neither "same-origin" nor "none" (typed or
// bookmarked), or, without it, when Origin is present and its host and port differ from the
// request's Host ("null" origins are cross-site). REQUIRES: proxies keep the Host header.
bool IsCrossSite(const Request& request);

}  // namespace clientele::http
